/**
 * The conversation engine:
 *
 * message in -> store the customer's message -> build the context -> model.stream(history, tools)
 *   text chunk    -> through the claim guard -> to the customer
 *   function call -> validate (zod) -> run in the tenant's transaction -> results back -> again
 * -> store the reply (text, tool calls, model, latency, tokens) -> done
 *
 * At most six tool rounds a turn; several calls in one round run together; a tool's failure goes
 * back to the model as an error result. A conversation with a person (handover) gets no reply.
 * @module
 */
import { sendAhead, withTenant } from "../../db/tenant.ts";
import type { Db, Tx } from "../../db/types.ts";
import { NotFoundError } from "../errors.ts";
import { normalizePhone } from "../phone.ts";
import { addEvidence, ClaimGuard, type Evidence, noEvidence } from "./claims.ts";
import { buildSystemPrompt, loadBusinessContext } from "./context.ts";
import {
  appendMessage,
  type Channel,
  createConversation,
  earlierCommitments,
  openConversation,
  recentMessages,
  reopenConversation,
  startHandover,
  toTurns,
  updateCustomer,
} from "./conversations.ts";
import type { Message } from "./conversations.ts";
import type { BusinessContext, ChatModel, ToolCall, ToolResult, Turn } from "./model.ts";
import { detectLanguage } from "./offline/nlu/entities.ts";
import { runTool, type ToolContext, toolDeclarations } from "./tools.ts";
import type { Slot, TurnSlots } from "./turn_slots.ts";

/** The most tool rounds in one turn. */
export const MAX_TOOL_ROUNDS = 6;

/** What the engine needs from the process. */
export interface EngineDeps {
  db: Db;
  model: ChatModel;
  paymentProvider: "manual" | "stripe" | "iyzico";
  /** Runs a just-written job now (a new order's payment link). */
  runJobNow?(tenantId: string, jobId: string): Promise<boolean>;
  /** How long one model round may take before the customer gets an apology. */
  roundTimeoutMs?: number;
  /** Bounds the turns running at once; a turn waits for a slot before its first step. */
  slots?: TurnSlots;
  /** Loads the business context, e.g. from a cache (the database by default). */
  businessContext?(tx: Tx, locale: "tr" | "en", onlinePayment: boolean): Promise<BusinessContext>;
  now?: () => Date;
  warn?(message: string, fields: Record<string, unknown>): void;
}

/** One message coming in. */
export interface TurnInput {
  tenantId: string;
  conversationId?: string;
  /** The conversation's token; not needed when `trusted` (the business itself). */
  token?: string;
  trusted?: boolean;
  /** The conversation's id alone opens it when no token is sent (see `openConversation`). */
  idIsEnough?: boolean;
  message: string;
  customer?: { name?: string; phone?: string; email?: string };
  locale?: "tr" | "en";
  channel: Channel;
  deviceId?: string | null;
}

/** What the engine streams while answering. */
export type EngineEvent =
  | {
    type: "meta";
    conversation_id: string;
    conversation_token?: string;
    status: string;
    locale: "tr" | "en";
  }
  | { type: "message"; message: Message }
  | { type: "delta"; text: string }
  | { type: "status"; text: string; tool: string }
  | { type: "tool"; name: string; args: Record<string, unknown>; result: unknown }
  | { type: "handover"; reason: string | null }
  | {
    type: "done";
    message_id: string | null;
    seq: number | null;
    text: string;
    /** The server's own time for the turn, model included. */
    latency_ms?: number;
  }
  | { type: "error"; code: string; message: string };

const STATUS: Record<string, { tr: string; en: string }> = {
  check_availability: { tr: "Müsaitlik kontrol ediliyor…", en: "Checking availability…" },
  create_appointment: { tr: "Randevu oluşturuluyor…", en: "Booking the appointment…" },
  cancel_appointment: { tr: "Randevu iptal ediliyor…", en: "Cancelling the appointment…" },
  hold_slot: { tr: "Saat sizin için ayrılıyor…", en: "Holding the time for you…" },
  create_order: { tr: "Sipariş oluşturuluyor…", en: "Placing the order…" },
  calculate_total: { tr: "Toplam hesaplanıyor…", en: "Calculating the total…" },
  check_stock: { tr: "Stok kontrol ediliyor…", en: "Checking stock…" },
  search_knowledge: { tr: "Bilgi aranıyor…", en: "Looking it up…" },
  request_handover: { tr: "Bir yetkiliye aktarılıyor…", en: "Passing you to a person…" },
};

const APOLOGY = {
  tr:
    "Özür dilerim, şu anda yanıt veremiyorum. Mesajınız kaydedildi; birkaç dakika sonra tekrar deneyebilir ya da işletmeyi arayabilirsiniz.",
  en:
    "Sorry, I can't answer right now. Your message is saved; please try again in a few minutes or call the business.",
};

const TOO_MANY_ROUNDS = {
  tr: "Bu isteği tamamlayamadım. İsterseniz sizi bir yetkiliye aktarabilirim.",
  en: "I couldn't finish this request. I can pass you to a person if you like.",
};

const HANDOVER_NOTE = {
  tr: "Sizi bir yetkiliye aktardım; en kısa sürede buradan yanıt verecek.",
  en: "I've passed you to a person of the business; they will answer here shortly.",
};

/**
 * The evidence of what earlier turns really did, from their stored tool results: those of the
 * turns the model is shown, and the commitments made before them.
 */
function evidenceFrom(turns: Turn[], earlier: { name: string; result: unknown }[]): Evidence {
  const evidence = noEvidence();
  for (const r of earlier) addEvidence(evidence, r.name, r.result);
  for (const t of turns) {
    if (t.role !== "tool") continue;
    for (const r of t.results) if (!r.error) addEvidence(evidence, r.name, r.result);
  }
  return evidence;
}

/** Answers one customer message, streaming events as it goes. */
export async function* runTurn(deps: EngineDeps, input: TurnInput): AsyncGenerator<EngineEvent> {
  // The turn's time counts from its arrival, its wait for a slot included.
  const started = performance.now();
  const slot = await deps.slots?.take();
  try {
    yield* answer(deps, input, started, slot);
  } finally {
    slot?.release();
  }
}

async function* answer(
  deps: EngineDeps,
  input: TurnInput,
  started: number,
  slot: Slot | undefined,
): AsyncGenerator<EngineEvent> {
  const now = deps.now?.() ?? new Date();
  const customer = input.customer
    ? {
      ...input.customer,
      phone: input.customer.phone ? normalizePhone(input.customer.phone) ?? undefined : undefined,
    }
    : undefined;
  // One transaction opens the turn: the conversation, the customer's message, the history and
  // what the assistant knows of the business.
  const opened = await withTenant(deps.db, input.tenantId, async (tx) => {
    let token: string | undefined;
    let conversation;
    let state: Record<string, unknown> = {};
    if (input.conversationId) {
      const found = await openConversation(tx, input.conversationId, input);
      if (!found) throw new NotFoundError("Conversation");
      conversation = found.conversation.status === "closed"
        ? await reopenConversation(tx, found.conversation.id)
        : found.conversation;
      state = found.state;
      if (customer) await updateCustomer(tx, conversation.id, customer);
    } else {
      const created = await createConversation(tx, {
        channel: input.channel,
        // Without a page language, the customer's first message tells (Turkish when unsure).
        locale: input.locale ?? detectLanguage(input.message),
        customer,
        deviceId: input.deviceId,
      });
      conversation = created.conversation;
      token = created.token;
    }
    const appended = appendMessage(tx, conversation.id, "user", input.message);
    if (conversation.status !== "active") return { conversation, token, message: await appended };
    // Read in the same write as the message's insert, which runs first and is among the result.
    const reading = sendAhead(recentMessages(tx, conversation.id));
    const message = await appended;
    const recent = await reading;
    const locale = input.locale ?? conversation.locale;
    const onlinePayment = deps.paymentProvider !== "manual";
    return {
      conversation,
      token,
      message,
      prepared: {
        history: toTurns(recent),
        earlier: recent[0] && recent[0].seq > 1
          ? await earlierCommitments(tx, conversation.id, recent[0].seq)
          : [],
        business: deps.businessContext
          ? await deps.businessContext(tx, locale, onlinePayment)
          : await loadBusinessContext(tx, locale, onlinePayment),
        state,
      },
    };
  });
  const { conversation, message } = opened;
  const locale = input.locale ?? conversation.locale;
  yield {
    type: "meta",
    conversation_id: conversation.id,
    conversation_token: opened.token,
    status: conversation.status,
    locale,
  };
  yield { type: "message", message };
  const prepared = opened.prepared;
  if (!prepared) {
    yield { type: "done", message_id: null, seq: null, text: "" };
    return;
  }

  const turns: Turn[] = [...prepared.history];
  const rounds: Turn[] = [];
  const evidence = evidenceFrom(turns, prepared.earlier);
  const guard = new ClaimGuard(evidence, locale);
  const toolLog: { name: string; args: Record<string, unknown>; result: unknown }[] = [];
  let state = prepared.state;
  let text = "";
  let inputTokens = 0;
  let outputTokens = 0;
  let handover: string | null | undefined;
  let failure: string | undefined;
  const tools = toolDeclarations();
  const system = buildSystemPrompt(prepared.business, locale, now);
  const toolCtx: ToolContext = {
    db: deps.db,
    tenantId: input.tenantId,
    conversationId: conversation.id,
    channel: input.channel,
    locale,
    now,
    paymentProvider: deps.paymentProvider,
    requestHandover: async (reason) => {
      await withTenant(deps.db, input.tenantId, (tx) => startHandover(tx, conversation.id, reason));
      handover = reason;
    },
    runJobNow: deps.runJobNow ? (jobId) => deps.runJobNow!(input.tenantId, jobId) : undefined,
  };

  let finished = false;
  for (let round = 0; round < MAX_TOOL_ROUNDS && !finished; round++) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), deps.roundTimeoutMs ?? 30_000);
    let roundText = "";
    const calls: ToolCall[] = [];
    // Waiting for the model holds no slot; its first chunk takes one back at once.
    slot?.pause();
    try {
      for await (
        const chunk of deps.model.stream({
          system,
          business: prepared.business,
          history: turns,
          tools,
          locale,
          now,
          state,
          customer: {
            name: customer?.name ?? conversation.customer_name,
            phone: customer?.phone ?? conversation.customer_phone,
            email: customer?.email ?? conversation.customer_email,
          },
          signal: controller.signal,
        })
      ) {
        slot?.resume();
        if (chunk.type === "text") {
          roundText += chunk.text;
          const safe = guard.push(chunk.text);
          if (safe) {
            text += safe;
            yield { type: "delta", text: safe };
          }
        } else if (chunk.type === "tool_calls") calls.push(...chunk.calls);
        else if (chunk.type === "usage") {
          inputTokens += chunk.inputTokens;
          outputTokens += chunk.outputTokens;
        } else if (chunk.type === "state") state = chunk.state;
      }
    } catch (err) {
      failure = (err as Error).message;
      deps.warn?.("model failed", { conversation_id: conversation.id, error: failure });
      break;
    } finally {
      clearTimeout(timer);
      slot?.resume();
    }
    if (calls.length === 0) {
      finished = true;
      break;
    }
    const seen = new Set<string>();
    for (const call of calls) {
      const status = STATUS[call.name];
      if (status && !seen.has(call.name)) {
        seen.add(call.name);
        yield { type: "status", text: status[locale], tool: call.name };
      }
    }
    const results: ToolResult[] = await Promise.all(
      calls.map((call) =>
        runTool(
          toolCtx,
          call,
          (err) => deps.warn?.("tool failed", { tool: call.name, error: err.message }),
        )
      ),
    );
    for (const r of results) {
      const call = calls.find((c) => c.id === r.id)!;
      if (!r.error) addEvidence(evidence, r.name, r.result);
      const shown = r.error ? { error: r.error } : r.result;
      toolLog.push({ name: r.name, args: call.args, result: shown });
      yield { type: "tool", name: r.name, args: call.args, result: shown };
    }
    const modelTurn: Turn = { role: "model", text: roundText, calls };
    const toolTurn: Turn = { role: "tool", results };
    turns.push(modelTurn, toolTurn);
    rounds.push(modelTurn, toolTurn);
    // The conversation now belongs to a person: the assistant says so and stops.
    if (handover !== undefined) break;
    if (round === MAX_TOOL_ROUNDS - 1) failure = "too many tool rounds";
  }
  const rest = guard.flush();
  if (rest) {
    text += rest;
    yield { type: "delta", text: rest };
  }
  if (failure && !text.trim()) {
    const apology = failure === "too many tool rounds" ? TOO_MANY_ROUNDS[locale] : APOLOGY[locale];
    text += apology;
    yield { type: "delta", text: apology };
  }
  if (handover !== undefined) {
    if (!text.trim()) {
      text = HANDOVER_NOTE[locale];
      yield { type: "delta", text };
    }
    yield { type: "handover", reason: handover };
  }
  if (guard.refused.length > 0) {
    deps.warn?.("reply claimed what no tool did", {
      conversation_id: conversation.id,
      sentences: guard.refused,
    });
  }
  const stored = await withTenant(deps.db, input.tenantId, async (tx) => {
    return await appendMessage(tx, conversation.id, "assistant", text.trim(), {
      model: deps.model.name,
      latency_ms: Math.round(performance.now() - started),
      tokens: { input: inputTokens, output: outputTokens },
      tool_calls: toolLog,
      rounds,
      ...(failure ? { error: failure } : {}),
      ...(guard.refused.length ? { refused_claims: guard.refused } : {}),
    }, state);
  });
  yield {
    type: "done",
    message_id: stored.id,
    seq: stored.seq,
    text: stored.content,
    latency_ms: stored.metadata.latency_ms as number,
  };
}
