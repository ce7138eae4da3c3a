/**
 * The conversation evaluation: multi-turn dialogues (JSON files beside this module) run through the
 * real engine (`runTurn`) against a model, on the demo salon (or the business a dialogue names) in
 * an embedded database at a fixed clock, then checked against their expected end state in the
 * database (appointments, orders, cancellations, handover of that dialogue's conversation) and
 * facts in the replies.
 *
 * Dialogue format (one JSON object per file):
 *
 * ```json
 * {
 *   "name": "booking: afternoon slot, then details",
 *   "locale": "tr",
 *   "business": "dental_clinic",
 *   "tags": ["booking"],
 *   "setup": {
 *     "appointments": [{ "service": "Saç Boyama", "date": "+1d", "time": "10:00",
 *                        "name": "Deniz Ak", "phone": "+905551112233", "staff": "Ayşe Yılmaz" }],
 *     "stock": { "Güneş Kremi SPF 50": 0 }
 *   },
 *   "turns": [
 *     "Merhaba",
 *     { "user": "Yarın öğleden sonra saç kesimi için yeriniz var mı?",
 *       "reply_contains": ["15:00"], "tools": ["check_availability"] },
 *     "15:00 olsun", "Ali Veli, 0532 123 45 67", "Evet"
 *   ],
 *   "expect": {
 *     "appointment": { "service": "Saç Kesimi", "date": "+1d", "time": "15:00",
 *                      "name": "Ali Veli", "phone": "+905321234567" },
 *     "reply_contains": ["onay kodu"]
 *   }
 * }
 * ```
 *
 * `business` (optional) names a fixture, `businesses/<business>.json` (see businesses.ts): the
 * dialogue talks to that business instead of the demo salon. Each named business is created once
 * per run, through the same service functions as the API, and is reset before each of its
 * dialogues as the salon is (no appointments, orders or holds; the fixture's stock); setup
 * appointments, stock and every expectation then refer to its services, products and staff.
 *
 * Dates are relative to the run's clock: "today", "+2d", "next:fri" (the next Friday after today)
 * or "YYYY-MM-DD". A turn may say `{{code:0}}` (the confirmation code of setup appointment 0) or
 * `{{last_code}}` (the last code a tool returned in this conversation).
 *
 * Expectations: `appointment` (a live appointment of this conversation with these fields; `staff`
 * optional), `appointments` (how many live ones), `no_appointment`, `order` (items with
 * quantities, and optionally `delivery`, `payment_method`, `name`, `phone`, `total`, `city`),
 * `no_order`, `handover` / `no_handover`, `cancelled` / `not_cancelled` (setup appointment 0, or
 * this conversation's first booking), `stock` (product → quantity left), `reply_contains` /
 * `reply_not_contains` (the final reply), `any_reply_contains`, `no_reply_contains` (every reply),
 * `tools_called`, `tools_not_called`, `language` (of the final reply; the dialogue's locale unless
 * given, `null` to skip). Every dialogue also checks that no reply shows an internal id, "undefined"
 * or "NaN", or says a line twice, that the claim guard never had to replace a sentence, that no tool call had invalid
 * arguments, that every turn before a handover got an answer, and that a conversation with a
 * booking or an order knows its customer's name (the business's inbox shows it).
 * @module
 */
import type { Db } from "../../db/types.ts";
import { openDatabase } from "../../db/connection.ts";
import { withTenant } from "../../db/tenant.ts";
import { createAppointment } from "../../services/appointments/appointments.ts";
import { createTokenSigner } from "../../services/auth/jwt.ts";
import { type EngineDeps, runTurn } from "../../services/bot/engine.ts";
import type { ChatModel } from "../../services/bot/model.ts";
import { seedDemo } from "../../services/demo/seed.ts";
import { createFixtureBusiness, loadBusinessFixture } from "./businesses.ts";
import { addDays, isoWeekday, localDate, zonedTimeToInstant } from "../../services/time.ts";

/** The run's clock: Monday 23 November 2026, 10:00 in Istanbul. */
export const EVAL_NOW = zonedTimeToInstant("2026-11-23", "10:00", "Europe/Istanbul");

/** A customer message, optionally with checks of the reply to it. */
export interface TurnSpec {
  user: string;
  reply_contains?: string[];
  reply_not_contains?: string[];
  /** Tools called while answering this message. */
  tools?: string[];
}

/** The expected end state. */
export interface Expect {
  appointment?: {
    service: string;
    date: string;
    time: string;
    name?: string;
    phone?: string;
    staff?: string;
  };
  appointments?: number;
  no_appointment?: boolean;
  order?: {
    items: { product: string; quantity: number }[];
    delivery?: "shipping" | "pickup";
    payment_method?: string;
    name?: string;
    phone?: string;
    total?: number;
    city?: string;
  };
  no_order?: boolean;
  handover?: boolean;
  no_handover?: boolean;
  cancelled?: boolean;
  not_cancelled?: boolean;
  stock?: Record<string, number>;
  reply_contains?: string[];
  reply_not_contains?: string[];
  any_reply_contains?: string[];
  no_reply_contains?: string[];
  tools_called?: string[];
  tools_not_called?: string[];
  language?: "tr" | "en" | null;
}

/** An appointment made before the dialogue starts. */
export interface SetupAppointment {
  service: string;
  date: string;
  time: string;
  name: string;
  phone: string;
  staff?: string;
}

/** One dialogue. */
export interface Dialogue {
  name: string;
  locale: "tr" | "en";
  /** A business fixture (`businesses/<name>.json`) to talk to instead of the demo salon. */
  business?: string;
  tags?: string[];
  setup?: { appointments?: SetupAppointment[]; stock?: Record<string, number> };
  turns: (string | TurnSpec)[];
  expect: Expect;
  /** The file it came from. */
  file?: string;
}

/** What a dialogue did and whether it passed. */
export interface DialogueResult {
  dialogue: Dialogue;
  passed: boolean;
  failures: string[];
  replies: string[];
  tools: { turn: number; name: string; args: unknown; result: unknown }[];
  /** Wall time of the whole dialogue, and the model's own time over all its rounds. */
  ms: number;
  modelMs: number;
  rounds: number;
  /** The model's time of each round. */
  roundMs: number[];
}

/** The demo salon and the fixture businesses on an embedded database. */
export interface EvalWorld {
  db: Db;
  /** The demo salon. */
  tenantId: string;
  /** The tenant a dialogue talks to: its business fixture (created on first use) or the salon. */
  tenantOf(d: Dialogue): Promise<string>;
  /** Returns a tenant (default: the salon) to its seed: no bookings, orders or holds; its stock. */
  reset(tenantId?: string): Promise<void>;
  close(): Promise<void>;
}

/** Loads every dialogue in a folder (default: this module's folder), sorted by file name. */
export async function loadDialogues(dir = new URL(".", import.meta.url)): Promise<Dialogue[]> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isFile && entry.name.endsWith(".json")) files.push(entry.name);
  }
  files.sort();
  const out: Dialogue[] = [];
  for (const name of files) {
    const d = JSON.parse(await Deno.readTextFile(new URL(name, dir))) as Dialogue;
    d.file = name;
    out.push(d);
  }
  return out;
}

async function productStock(db: Db, tenantId: string) {
  return await withTenant(db, tenantId, (tx) =>
    tx<{ id: string; stock: number }[]>`
      select id, (meta_info->>'stock_quantity')::int as stock from offerings
      where offering_type = 'product'`);
}

/** Opens the embedded database with the demo salon; fixture businesses are added when named. */
export async function openEvalWorld(): Promise<EvalWorld> {
  const db = await openDatabase({});
  const signer = await createTokenSigner("eval-".repeat(10));
  const demo = await seedDemo(db, signer);
  const stock = new Map([[demo.tenantId, await productStock(db, demo.tenantId)]]);
  const businesses = new Map<string, Promise<string>>();
  const create = async (name: string) => {
    const tenantId = await createFixtureBusiness(db, signer, name, await loadBusinessFixture(name));
    stock.set(tenantId, await productStock(db, tenantId));
    return tenantId;
  };
  return {
    db,
    tenantId: demo.tenantId,
    tenantOf(d) {
      if (!d.business) return Promise.resolve(demo.tenantId);
      let tenant = businesses.get(d.business);
      if (!tenant) businesses.set(d.business, tenant = create(d.business));
      return tenant;
    },
    async reset(tenantId = demo.tenantId) {
      await withTenant(db, tenantId, async (tx) => {
        await tx`delete from slot_holds`;
        await tx`delete from appointments`;
        await tx`delete from orders`;
        for (const s of stock.get(tenantId) ?? []) {
          await tx`update offerings
            set meta_info = jsonb_set(meta_info, '{stock_quantity}', to_jsonb(${s.stock}::int))
            where id = ${s.id}`;
        }
      });
    },
    close: () => db.close(),
  };
}

/** Resolves a date spec against the clock: "today", "+2d", "next:fri", "YYYY-MM-DD". */
export function resolveDate(spec: string, now = EVAL_NOW, timeZone = "Europe/Istanbul"): string {
  const today = localDate(now, timeZone);
  if (spec === "today") return today;
  const rel = /^\+(\d+)d$/.exec(spec);
  if (rel) return addDays(today, Number(rel[1]));
  const next = /^next:(mon|tue|wed|thu|fri|sat|sun)$/.exec(spec);
  if (next) {
    const want = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].indexOf(next[1]!) + 1;
    let d = addDays(today, 1);
    while (isoWeekday(d) !== want) d = addDays(d, 1);
    return d;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(spec)) return spec;
  throw new Error(`Bad date spec: ${spec}`);
}

const lower = (s: string) => s.toLocaleLowerCase("tr-TR");
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

const EN_WORDS = new Set(
  "the your you is are for with and at to on which would like i can it our of in have has we shall please this that there what how"
    .split(
      " ",
    ),
);
const TR_WORDS = new Set(
  "ve için bir mi mı musunuz misiniz bu ile size sizin adınızı hangi boş yarın numaranızı lütfen olarak var yok ister istersiniz edelim yardımcı olabilirim günü saat kadar"
    .split(
      " ",
    ),
);

/** The language a reply is written in, by its function words. */
export function replyLanguage(text: string): "tr" | "en" | null {
  let tr = 0;
  let en = 0;
  for (const w of lower(text).split(/[^\p{L}']+/u)) {
    if (EN_WORDS.has(w)) en++;
    if (TR_WORDS.has(w)) tr++;
  }
  if (/[ışçğüö]/.test(text.replace(/(?<![\p{L}])\p{Lu}\p{L}*/gu, ""))) tr++;
  return tr === en ? null : tr > en ? "tr" : "en";
}

async function applySetup(world: EvalWorld, tenantId: string, d: Dialogue): Promise<string[]> {
  const codes: string[] = [];
  await withTenant(world.db, tenantId, async (tx) => {
    for (const [product, quantity] of Object.entries(d.setup?.stock ?? {})) {
      const rows = await tx`update offerings
        set meta_info = jsonb_set(meta_info, '{stock_quantity}', to_jsonb(${quantity}::int))
        where name = ${product} and offering_type = 'product' returning id`;
      if (rows.length !== 1) throw new Error(`${d.file}: no product named ${product}`);
    }
    for (const a of d.setup?.appointments ?? []) {
      const [service] = await tx<{ id: string }[]>`
        select id from offerings where name = ${a.service} and offering_type = 'service'`;
      if (!service) throw new Error(`${d.file}: no service named ${a.service}`);
      const [staff] = a.staff
        ? await tx<{ id: string }[]>`select id from staff_members where name = ${a.staff}`
        : [];
      const booked = await createAppointment(tx, {
        service_id: service.id,
        date: resolveDate(a.date),
        time: a.time,
        ...(staff ? { staff_id: staff.id } : {}),
        customer: { name: a.name, phone: a.phone },
      }, { actor: "business", now: EVAL_NOW });
      codes.push(booked.confirmation_code);
    }
  });
  return codes;
}

/** Wraps a model to measure its own time (CPU of the offline model; wait of a remote one). */
export function timed(
  model: ChatModel,
): ChatModel & { ms: number; rounds: number; times: number[] } {
  const wrapped = {
    name: model.name,
    ms: 0,
    rounds: 0,
    times: [] as number[],
    async *stream(request: Parameters<ChatModel["stream"]>[0]) {
      wrapped.rounds += 1;
      let round = 0;
      const iterator = model.stream(request)[Symbol.asyncIterator]();
      try {
        while (true) {
          const started = performance.now();
          const next = await iterator.next();
          round += performance.now() - started;
          if (next.done) return;
          yield next.value;
        }
      } finally {
        wrapped.ms += round;
        wrapped.times.push(round);
      }
    },
  };
  return wrapped;
}

function fill(text: string, setupCodes: string[], lastCode: string | null): string {
  return text
    .replace(/\{\{code:(\d+)\}\}/g, (_, i) => setupCodes[Number(i)] ?? "XXXXXX")
    .replace(/\{\{last_code\}\}/g, lastCode ?? "XXXXXX");
}

/** Runs one dialogue on a reset world and checks it. */
export async function runDialogue(
  world: EvalWorld,
  model: ChatModel,
  d: Dialogue,
): Promise<DialogueResult> {
  const started = performance.now();
  const tenantId = await world.tenantOf(d);
  await world.reset(tenantId);
  const setupCodes = await applySetup(world, tenantId, d);
  const measured = timed(model);
  const deps: EngineDeps = {
    db: world.db,
    model: measured,
    paymentProvider: "manual",
    now: () => EVAL_NOW,
  };
  const failures: string[] = [];
  const replies: string[] = [];
  const tools: DialogueResult["tools"] = [];
  let conversationId: string | undefined;
  let token: string | undefined;
  let lastCode: string | null = null;
  let handedOver = false;
  for (const [i, raw] of d.turns.entries()) {
    const spec: TurnSpec = typeof raw === "string" ? { user: raw } : raw;
    const message = fill(spec.user, setupCodes, lastCode);
    let reply = "";
    const turnTools: string[] = [];
    for await (
      const e of runTurn(deps, {
        tenantId,
        conversationId,
        token,
        message,
        locale: d.locale,
        channel: "web",
      })
    ) {
      if (e.type === "meta") {
        conversationId = e.conversation_id;
        token = e.conversation_token ?? token;
      } else if (e.type === "tool") {
        turnTools.push(e.name);
        tools.push({ turn: i, name: e.name, args: e.args, result: e.result });
        const code = (e.result as { confirmation_code?: unknown } | null)?.confirmation_code;
        if (typeof code === "string") lastCode = code;
        const error = (e.result as { error?: { code?: string } } | null)?.error;
        if (error?.code === "invalid_arguments" || error?.code === "unknown_tool") {
          failures.push(`turn ${i + 1}: ${e.name} got bad arguments: ${JSON.stringify(e.args)}`);
        }
      } else if (e.type === "done") reply = e.text;
      else if (e.type === "handover") handedOver = true;
      else if (e.type === "error") failures.push(`turn ${i + 1}: engine error ${e.message}`);
    }
    replies.push(reply);
    const said = lower(reply);
    if (!reply.trim() && !handedOver) failures.push(`turn ${i + 1}: no reply to "${message}"`);
    for (const want of spec.reply_contains ?? []) {
      if (!said.includes(lower(want))) {
        failures.push(`turn ${i + 1}: reply lacks "${want}": ${reply}`);
      }
    }
    for (const bad of spec.reply_not_contains ?? []) {
      if (said.includes(lower(bad))) failures.push(`turn ${i + 1}: reply has "${bad}": ${reply}`);
    }
    for (const tool of spec.tools ?? []) {
      if (!turnTools.includes(tool)) {
        failures.push(`turn ${i + 1}: ${tool} not called (called: ${turnTools.join(", ")})`);
      }
    }
  }
  if (conversationId) {
    failures.push(
      ...await checkEnd(world, tenantId, d, conversationId, replies, tools, setupCodes),
    );
  } else failures.push("no conversation was created");
  return {
    dialogue: d,
    passed: failures.length === 0,
    failures,
    replies,
    tools,
    ms: performance.now() - started,
    modelMs: measured.ms,
    rounds: measured.rounds,
    roundMs: measured.times,
  };
}

async function checkEnd(
  world: EvalWorld,
  tenantId: string,
  d: Dialogue,
  conversationId: string,
  replies: string[],
  tools: DialogueResult["tools"],
  setupCodes: string[],
): Promise<string[]> {
  const x = d.expect;
  const f: string[] = [];
  const state = await withTenant(world.db, tenantId, async (tx) => ({
    appointments: await tx<
      {
        service: string;
        staff: string | null;
        date: string;
        time: string;
        name: string;
        phone: string;
        status: string;
        code: string;
      }[]
    >`select o.name as service, s.name as staff, a.scheduled_date as date,
        to_char(a.scheduled_time, 'HH24:MI') as time, a.customer_name as name,
        a.customer_phone as phone, a.status, a.confirmation_code as code
      from appointments a join offerings o on o.id = a.offering_id
      left join staff_members s on s.id = a.staff_id
      where a.conversation_id = ${conversationId} order by a.created_at`,
    setup: await tx<{ code: string; status: string }[]>`
      select confirmation_code as code, status from appointments
      where confirmation_code in ${tx(setupCodes.length ? setupCodes : ["-"])}`,
    orders: await tx<
      {
        id: string;
        delivery: string;
        payment_method: string;
        name: string;
        phone: string;
        total: number;
        address: { city?: string } | null;
      }[]
    >`select id, delivery, payment_method, customer_name as name, customer_phone as phone,
        total_amount as total, shipping_address as address
      from orders where conversation_id = ${conversationId} order by created_at`,
    items: await tx<{ order_id: string; name: string; quantity: number }[]>`
      select i.order_id, i.name, i.quantity from order_items i join orders o on o.id = i.order_id
      where o.conversation_id = ${conversationId}`,
    conversation: (await tx<{ status: string; customer_name: string | null }[]>`
      select status, customer_name from conversations where id = ${conversationId}`)[0]!,
    messages: await tx<{ role: string; metadata: Record<string, unknown> }[]>`
      select role, metadata from messages where conversation_id = ${conversationId}`,
    stock: await tx<{ name: string; stock: number }[]>`
      select name, (meta_info->>'stock_quantity')::int as stock from offerings
      where offering_type = 'product'`,
  }));
  const live = state.appointments.filter((a) => a.status !== "cancelled");
  const booked = state.appointments[0]?.name ?? state.orders[0]?.name;
  if (booked && state.conversation.customer_name === null) {
    f.push(`the conversation does not know its customer ${booked}`);
  }
  if (x.appointment) {
    const want = { ...x.appointment, date: resolveDate(x.appointment.date) };
    const match = live.find((a) =>
      a.service === want.service && a.date === want.date && a.time === want.time &&
      (want.name === undefined || a.name === want.name) &&
      (want.phone === undefined || a.phone === want.phone) &&
      (want.staff === undefined || a.staff === want.staff)
    );
    if (!match) {
      f.push(
        `expected appointment ${JSON.stringify(want)}, found ${JSON.stringify(live)}`,
      );
    }
  }
  if (x.appointments !== undefined && live.length !== x.appointments) {
    f.push(`expected ${x.appointments} appointments, found ${live.length}`);
  }
  if (x.no_appointment && state.appointments.length > 0) {
    f.push(`expected no appointment, found ${JSON.stringify(state.appointments)}`);
  }
  if (x.order) {
    const want = x.order;
    const match = state.orders.find((o) => {
      const items = state.items.filter((i) => i.order_id === o.id);
      const sameItems = items.length === want.items.length &&
        want.items.every((w) =>
          items.some((i) => i.name === w.product && i.quantity === w.quantity)
        );
      return sameItems &&
        (want.delivery === undefined || o.delivery === want.delivery) &&
        (want.payment_method === undefined || o.payment_method === want.payment_method) &&
        (want.name === undefined || o.name === want.name) &&
        (want.phone === undefined || o.phone === want.phone) &&
        (want.total === undefined || Math.abs(o.total - want.total) < 0.005) &&
        (want.city === undefined || o.address?.city === want.city);
    });
    if (!match) {
      f.push(
        `expected order ${JSON.stringify(want)}, found ${
          JSON.stringify(state.orders.map((o) => ({
            ...o,
            id: undefined,
            items: state.items.filter((i) => i.order_id === o.id).map((i) => [i.name, i.quantity]),
          })))
        }`,
      );
    }
  }
  if (x.no_order && state.orders.length > 0) {
    f.push(`expected no order, found ${state.orders.length}`);
  }
  if (x.handover && state.conversation.status !== "handover") {
    f.push(`expected handover, conversation is ${state.conversation.status}`);
  }
  if (x.no_handover && state.conversation.status === "handover") {
    f.push("expected no handover");
  }
  // Setup appointment 0 is the first code made, whatever order the database returns them in.
  const target = state.setup.find((a) => a.code === setupCodes[0]) ?? state.appointments[0];
  if (x.cancelled && target?.status !== "cancelled") {
    f.push(`expected the appointment cancelled, it is ${target?.status ?? "missing"}`);
  }
  if (
    x.not_cancelled && [...state.setup, ...state.appointments].some((a) => a.status === "cancelled")
  ) {
    f.push("expected no cancellation");
  }
  for (const [product, quantity] of Object.entries(x.stock ?? {})) {
    const row = state.stock.find((s) => s.name === product);
    if (row?.stock !== quantity) f.push(`expected ${product} stock ${quantity}, is ${row?.stock}`);
  }
  const final = replies.at(-1) ?? "";
  for (const want of x.reply_contains ?? []) {
    if (!lower(final).includes(lower(want))) f.push(`final reply lacks "${want}": ${final}`);
  }
  for (const bad of x.reply_not_contains ?? []) {
    if (lower(final).includes(lower(bad))) f.push(`final reply has "${bad}": ${final}`);
  }
  for (const want of x.any_reply_contains ?? []) {
    if (!replies.some((r) => lower(r).includes(lower(want)))) f.push(`no reply has "${want}"`);
  }
  for (const bad of x.no_reply_contains ?? []) {
    const r = replies.find((r) => lower(r).includes(lower(bad)));
    if (r) f.push(`a reply has "${bad}": ${r}`);
  }
  const called = new Set(tools.map((t) => t.name));
  for (const tool of x.tools_called ?? []) if (!called.has(tool)) f.push(`${tool} never called`);
  for (const tool of x.tools_not_called ?? []) if (called.has(tool)) f.push(`${tool} was called`);
  const language = x.language === undefined ? d.locale : x.language;
  if (language && final.trim()) {
    const seen = replyLanguage(final);
    if (seen && seen !== language) {
      f.push(`final reply is in ${seen}, expected ${language}: ${final}`);
    }
  }
  for (const r of replies) {
    if (UUID.test(r)) f.push(`a reply shows an internal id: ${r}`);
    if (/\bundefined\b|\bNaN\b|\[object /.test(r)) f.push(`a reply shows a bug: ${r}`);
    const lines = r.split("\n").map((x) => x.trim()).filter(Boolean);
    if (new Set(lines).size < lines.length) f.push(`a reply says a line twice: ${r}`);
  }
  for (const m of state.messages) {
    if (m.role !== "assistant") continue;
    if (m.metadata.refused_claims) {
      f.push(`the claim guard replaced: ${JSON.stringify(m.metadata.refused_claims)}`);
    }
    if (m.metadata.error) f.push(`the engine logged an error: ${m.metadata.error}`);
  }
  return f;
}

/** Results of a suite run for one model. */
export interface SuiteResult {
  model: string;
  results: DialogueResult[];
  byLanguage: Record<string, { passed: number; total: number }>;
  rate: number;
}

/** Runs dialogues one after another on one world. */
export async function runSuite(
  world: EvalWorld,
  model: ChatModel,
  dialogues: Dialogue[],
  onResult?: (r: DialogueResult) => void,
): Promise<SuiteResult> {
  const results: DialogueResult[] = [];
  for (const d of dialogues) {
    const r = await runDialogue(world, model, d);
    results.push(r);
    onResult?.(r);
  }
  const byLanguage: SuiteResult["byLanguage"] = {};
  for (const r of results) {
    const l = (byLanguage[r.dialogue.locale] ??= { passed: 0, total: 0 });
    l.total += 1;
    if (r.passed) l.passed += 1;
  }
  const passed = results.filter((r) => r.passed).length;
  return {
    model: model.name,
    results,
    byLanguage,
    rate: results.length ? passed / results.length : 0,
  };
}

/** A readable report of a suite's failures and success rates. */
export function report(suite: SuiteResult): string {
  const lines: string[] = [];
  for (const r of suite.results.filter((x) => !x.passed)) {
    lines.push(`FAIL [${suite.model}] ${r.dialogue.file}: ${r.dialogue.name}`);
    for (const f of r.failures) lines.push(`  - ${f}`);
    r.dialogue.turns.forEach((turn, i) => {
      lines.push(`    > ${typeof turn === "string" ? turn : turn.user}`);
      lines.push(`    < ${(r.replies[i] ?? "").replaceAll("\n", " / ")}`);
    });
  }
  for (const [lang, l] of Object.entries(suite.byLanguage).sort()) {
    lines.push(
      `[${suite.model}] ${lang}: ${l.passed}/${l.total} (${
        (100 * l.passed / l.total).toFixed(1)
      }%)`,
    );
  }
  const total = suite.results.length;
  const passed = suite.results.filter((r) => r.passed).length;
  const times = suite.results.flatMap((r) => r.roundMs).sort((a, b) => a - b);
  const at = (q: number) =>
    (times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0).toFixed(2);
  const mean = times.reduce((a, b) => a + b, 0) / Math.max(1, times.length);
  lines.push(
    `[${suite.model}] total: ${passed}/${total} (${(100 * suite.rate).toFixed(1)}%); ` +
      `${times.length} model rounds: mean ${mean.toFixed(2)} ms, p50 ${at(0.5)} ms, ` +
      `p99 ${at(0.99)} ms in the model`,
  );
  return lines.join("\n");
}
