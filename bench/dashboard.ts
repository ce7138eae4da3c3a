/**
 * Dashboard benchmark: the server time of the main dashboard pages for a business holding 1,000
 * appointments and 200 conversations, on PostgreSQL with Redis (a server process running main.ts,
 * one signed-in client asking for one page after another).
 * @module
 */
import postgres from "postgres";
import { addDays, localDate, zonedTimeToInstant } from "../services/time.ts";
import { scratchDatabase, startServerProcess } from "../tests/_support/server_process.ts";
import { percentile } from "./lib/load.ts";
import { fmt, measuredOn, writeSection } from "./lib/results.ts";
import { ADMIN_URL, REDIS_URL, UNLIMITED } from "./lib/servers.ts";

const TZ = "Europe/Istanbul";
const APPOINTMENTS = 1000;
const CONVERSATIONS = 200;
const RUNS = 200;
const WARMUP = 20;
const DEMO = { email: "demo@arma.local", password: "arma-demo-2026" };

/** Brings the demo business to 1,000 appointments (five more staff members, 25 days around today) and 200 conversations. */
async function fill(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [tenant] = await sql<{ id: string }[]>`select id from tenants limit 1`;
    const tenantId = tenant!.id;
    const [service] = await sql<{ id: string; price: number }[]>`
      select id, price::float8 as price from offerings
      where tenant_id = ${tenantId} and offering_type = 'service' order by name limit 1`;
    const staff = await sql<{ id: string }[]>`
      insert into staff_members ${
      sql([1, 2, 3, 4, 5].map((i) => ({ tenant_id: tenantId, name: `Uzman ${i}` })))
    } returning id`;
    const [had] = await sql<{ appointments: number; conversations: number }[]>`
      select (select count(*)::int from appointments) as appointments,
        (select count(*)::int from conversations) as conversations`;
    const today = localDate(new Date(), TZ);
    const rows = [];
    for (let n = 0; rows.length < APPOINTMENTS - had!.appointments; n++) {
      const day = Math.floor(n / (staff.length * 8));
      const date = addDays(today, day - 15);
      const staffId = staff[n % staff.length]!.id;
      const hour = 9 + Math.floor(n / staff.length) % 8;
      const time = `${String(hour).padStart(2, "0")}:00`;
      const start = zonedTimeToInstant(date, time, TZ);
      const end = new Date(start.getTime() + 45 * 60_000);
      rows.push({
        tenant_id: tenantId,
        offering_id: service!.id,
        staff_id: staffId,
        customer_name: `Müşteri ${n}`,
        customer_phone: `+90532${String(1000000 + n).slice(-7)}`,
        scheduled_date: date,
        scheduled_time: time,
        starts_at: start,
        ends_at: end,
        blocked: `[${start.toISOString()},${end.toISOString()})`,
        status: day < 15 ? "completed" : "confirmed",
        confirmation_code: `Z${n.toString(36).toUpperCase().padStart(5, "0")}`,
        channel: n % 3 === 0 ? "web" : "dashboard",
        price: service!.price,
      });
    }
    for (let i = 0; i < rows.length; i += 250) {
      await sql`insert into appointments ${sql(rows.slice(i, i + 250))}`;
    }
    const now = Date.now();
    const conversations = await sql<{ id: string }[]>`
      insert into conversations ${
      sql(Array.from({ length: CONVERSATIONS - had!.conversations }, (_, i) => {
        const at = new Date(now - i * 3 * 3600_000);
        return {
          tenant_id: tenantId,
          channel: i % 4 === 0 ? "arma" : "web",
          status: i % 20 === 0 ? "handover" : i < 30 ? "active" : "closed",
          locale: i % 5 === 0 ? "en" : "tr",
          customer_name: `Müşteri ${i}`,
          started_at: at,
          last_message_at: at,
        };
      }))
    } returning id`;
    const messages = conversations.flatMap(({ id }, i) =>
      Array.from({ length: 8 }, (_, k) => ({
        tenant_id: tenantId,
        conversation_id: id,
        seq: k + 1,
        role: k % 2 === 0 ? "user" : "assistant",
        content: k % 2 === 0 ? `Soru ${i}.${k}: yarın yeriniz var mı?` : `Yanıt ${i}.${k}.`,
        created_at: new Date(now - i * 3 * 3600_000 + k * 1000),
      }))
    );
    for (let i = 0; i < messages.length; i += 400) {
      await sql`insert into messages ${sql(messages.slice(i, i + 400))}`;
    }
  } finally {
    await sql.end();
  }
}

/** Signs in as the demo owner and returns the session cookie header. */
async function signIn(base: string): Promise<string> {
  const res = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
    body: new URLSearchParams(DEMO),
  });
  await res.body?.cancel();
  const cookies = res.headers.getSetCookie().map((line) => line.split(";")[0]!);
  if (!cookies.some((c) => c.startsWith("arma_at="))) {
    throw new Error(`login failed with ${res.status}`);
  }
  return cookies.join("; ");
}

/** Asks for `path` RUNS times after a warm-up; returns the sorted times in ms and the page size. */
async function time(base: string, cookie: string, path: string) {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const started = performance.now();
    const res = await fetch(`${base}${path}`, { headers: { Cookie: cookie } });
    const body = await res.arrayBuffer();
    const took = performance.now() - started;
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    bytes = body.byteLength;
    if (i >= WARMUP) times.push(took);
  }
  return { times: times.sort((a, b) => a - b), bytes };
}

/** Runs the benchmark and writes its section of RESULTS.md. */
export async function benchDashboard(): Promise<void> {
  const scratch = await scratchDatabase(ADMIN_URL);
  const dataDir = await Deno.makeTempDir({ prefix: "arma-bench-dashboard-" });
  const server = await startServerProcess({
    DATA_DIR: dataDir,
    DEMO_SEED: "true",
    LOG_LEVEL: "info",
    DATABASE_URL: scratch.url!,
    REDIS_URL,
    ...UNLIMITED,
  }, { quiet: true });
  try {
    await fill(scratch.url!);
    const cookie = await signIn(server.url);
    const sql = postgres(scratch.url!, { max: 1, onnotice: () => {} });
    const [counts] = await sql<{ appointments: number; conversations: number }[]>`
      select (select count(*)::int from appointments) as appointments,
        (select count(*)::int from conversations) as conversations`;
    const [open] = await sql<{ id: string }[]>`
      select id from conversations where status = 'handover' order by last_message_at desc limit 1`;
    const [order] = await sql<{ id: string }[]>`select id from orders order by created_at limit 1`;
    await sql.end();
    const pages: [string, string][] = [
      ["overview", "/dashboard"],
      ["calendar, day", "/dashboard/calendar"],
      ["calendar, week", "/dashboard/calendar?view=week"],
      ["inbox", "/dashboard/inbox"],
      ["inbox, a conversation", `/dashboard/inbox/${open!.id}`],
      ["orders", "/dashboard/orders"],
      ["order detail", `/dashboard/orders/${order!.id}`],
      ["offerings", "/dashboard/offerings"],
      ["notifications", "/dashboard/notifications"],
    ];
    const lines = [
      `${await measuredOn()}.`,
      `PostgreSQL with Redis; the demo business holding ${counts!.appointments} appointments and ${
        counts!.conversations
      } conversations;`,
      `one signed-in client on loopback asks for each page ${RUNS} times after ${WARMUP} warm-ups`,
      "(the time to the last byte of the server-rendered HTML, sessions checked on every request).",
      "",
      "| page | path | KB | p50 ms | p99 ms |",
      "| --- | --- | ---: | ---: | ---: |",
    ];
    for (const [label, path] of pages) {
      const { times, bytes } = await time(server.url, cookie, path);
      const shown = path.replace(/[0-9a-f-]{36}/, ":id");
      lines.push(
        `| ${label} | \`${shown}\` | ${fmt(bytes / 1024, 1)} | ${fmt(percentile(times, 50), 2)} | ${
          fmt(percentile(times, 99), 2)
        } |`,
      );
    }
    await writeSection("Dashboard (bench/dashboard.ts)", lines.join("\n"));
    console.log(lines.join("\n"));
  } finally {
    await server.stop();
    await Deno.remove(dataDir, { recursive: true });
    await scratch.drop();
  }
}
