/**
 * API benchmark: the server beside a bare Hono JSON route, both loaded with 50 connections from
 * a second process — cached GET /api/offerings, uncached GET /api/offerings/:id and
 * POST /api/offerings, on the embedded database and on PostgreSQL with Redis.
 * @module
 */
import { freePort, scratchDatabase, startServerProcess } from "../tests/_support/server_process.ts";
import { load, type LoadResult } from "./lib/load.ts";
import { fmt, measuredOn, writeSection } from "./lib/results.ts";
import { ADMIN_URL, REDIS_URL, UNLIMITED } from "./lib/servers.ts";

const SECONDS = Number(Deno.env.get("BENCH_SECONDS") ?? 10);
const CONNECTIONS = 50;

/** Warms up, then loads `repeats` times and keeps the run with the median throughput. */
async function measure(spec: Parameters<typeof load>[0], repeats = 1): Promise<LoadResult> {
  await load({ ...spec, seconds: 2 });
  const runs: LoadResult[] = [];
  for (let i = 0; i < repeats; i++) runs.push(await load(spec));
  return median(runs);
}

const REPEATS = 5;

/** The run with the median throughput. */
function median(runs: LoadResult[]): LoadResult {
  const sorted = [...runs].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Loads two targets in turns (a, b, a, b, …) after warming both, and keeps each one's median run:
 * a machine whose speed drifts during the benchmark then moves both figures alike.
 */
async function interleaved(
  a: Parameters<typeof load>[0],
  b: Parameters<typeof load>[0],
): Promise<[LoadResult, LoadResult]> {
  await load({ ...a, seconds: 2 });
  await load({ ...b, seconds: 2 });
  const runsA: LoadResult[] = [];
  const runsB: LoadResult[] = [];
  for (let i = 0; i < REPEATS; i++) {
    runsA.push(await load(a));
    runsB.push(await load(b));
  }
  return [median(runsA), median(runsB)];
}

async function prepare(base: string) {
  const email = `bench-${crypto.randomUUID()}@example.com`;
  const signup = await (await fetch(`${base}/api/auth/signup`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ business_name: "Bench Salon", email, password: "bench password" }),
  })).json();
  const token = signup.access_token as string;
  let id = "";
  for (let i = 0; i < 20; i++) {
    const res = await (await fetch(`${base}/api/offerings`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify({
        offering_type: i % 2 ? "product" : "service",
        name: `Hizmet ${i}`,
        price: 100 + i,
        meta_info: i % 2 ? { stock_quantity: 10 } : { duration_minutes: 30 },
      }),
    })).json();
    id = res.id;
  }
  return { token, id };
}

/** The bare Hono server, serving `payload` (a real offerings list) beside its tiny route. */
async function startBare(payload: string) {
  const file = await Deno.makeTempFile({ suffix: ".json" });
  await Deno.writeTextFile(file, payload);
  const port = freePort();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("./bare_server.ts", import.meta.url).pathname, String(port), file],
    stdout: "null",
    stderr: "inherit",
  }).spawn();
  await new Promise((r) => setTimeout(r, 1500));
  return {
    base: `http://127.0.0.1:${port}`,
    async stop() {
      child.kill("SIGTERM");
      await child.status;
      await Deno.remove(file);
    },
  };
}

type Bare = Awaited<ReturnType<typeof startBare>>;

async function runMode(
  mode: "PGlite" | "PostgreSQL",
  env: Record<string, string>,
  bare: (payload: string) => Promise<Bare>,
) {
  const server = await startServerProcess(
    { DEMO_SEED: "false", LOG_LEVEL: "info", ...UNLIMITED, ...env },
    { quiet: true },
  );
  try {
    const { token, id } = await prepare(server.url);
    const auth = { Authorization: `Bearer ${token}` };
    const payload = await (await fetch(`${server.url}/api/offerings`, { headers: auth })).text();
    const { base } = await bare(payload);
    const [cached, bareSame] = await interleaved(
      {
        url: `${server.url}/api/offerings`,
        headers: auth,
        connections: CONNECTIONS,
        seconds: SECONDS,
      },
      { url: `${base}/payload`, connections: CONNECTIONS, seconds: SECONDS },
    );
    const one = await measure({
      url: `${server.url}/api/offerings/${id}`,
      headers: auth,
      connections: CONNECTIONS,
      seconds: SECONDS,
    });
    const create = await measure({
      url: `${server.url}/api/offerings`,
      method: "POST",
      headers: { ...auth, "Content-Type": "application/json" },
      body: JSON.stringify({
        offering_type: "product",
        name: "Yük Testi Ürünü",
        price: 99.9,
        meta_info: { stock_quantity: 5 },
      }),
      connections: CONNECTIONS,
      seconds: SECONDS,
    });
    return { mode, cached, bareSame, one, create, payload };
  } finally {
    await server.stop();
  }
}

/** Runs `fn` on a scratch database of the PostgreSQL server; null when the server is not there. */
async function withPostgres<T>(fn: (url: string) => Promise<T>): Promise<T | null> {
  const scratch = await scratchDatabase(ADMIN_URL).catch((err) => {
    console.error(`PostgreSQL not reachable at ${ADMIN_URL}: ${(err as Error).message}`);
    return null;
  });
  if (!scratch) return null;
  try {
    return await fn(scratch.url!);
  } finally {
    await scratch.drop();
  }
}

/** The bare server's other rows: the tiny route, and the same bytes with Arma's headers. */
async function measureBareRows(base: string): Promise<{ tiny: LoadResult; headers: LoadResult }> {
  const tiny = await measure({ url: `${base}/json`, connections: CONNECTIONS, seconds: SECONDS });
  const headers = await measure(
    { url: `${base}/payload-headers`, connections: CONNECTIONS, seconds: SECONDS },
    REPEATS,
  );
  return { tiny, headers };
}

/** Runs the API benchmark and writes its section of RESULTS.md. */
export async function benchApi(): Promise<void> {
  const dataDir = await Deno.makeTempDir({ prefix: "arma-bench-" });
  // One bare server for the whole run, started with the first offerings list Arma serves.
  let started: Promise<Bare> | undefined;
  const bareServer = (payload: string) => started ??= startBare(payload);
  try {
    const modes = [await runMode("PGlite", { DATA_DIR: dataDir }, bareServer)];
    const pg = await withPostgres((url) =>
      runMode("PostgreSQL", { DATA_DIR: dataDir, DATABASE_URL: url, REDIS_URL }, bareServer)
    );
    if (pg) modes.push(pg);
    const bare = await measureBareRows((await started!).base);
    await report(modes, bare, pg !== null);
  } finally {
    await (await started)?.stop();
    await Deno.remove(dataDir, { recursive: true });
  }
}

async function report(
  modes: Awaited<ReturnType<typeof runMode>>[],
  bare: { tiny: LoadResult; headers: LoadResult },
  withPg: boolean,
): Promise<void> {
  const row = (name: string, r: LoadResult) =>
    `| ${name} | ${fmt(r.requestsPerSecond, 0)} | ${fmt(r.p50Ms, 2)} | ${
      fmt(r.p99Ms, 2)
    } | ${r.errors} |`;
  const lines = [
    `${await measuredOn()}.`,
    `Load: ${bare.tiny.tool}, ${CONNECTIONS} connections, ${SECONDS} s per run after a 2 s warm-up,`,
    "from a second process on loopback; the server logs every request as JSON (LOG_LEVEL=info).",
    "The budget compares the cached list with a bare Hono route serving the very same bytes, both",
    `loaded in turns (Arma, bare, Arma, bare, …; ${REPEATS} runs each, the median kept) so that a`,
    "drift in the machine's speed moves both alike; the bare route is measured again beside each",
    "database. The tiny route is shown too (most of its lead is the 20-offering payload, not the",
    "stack), and a bare row with the response headers Arma sends, to show what they cost alone.",
    "",
    "| route | req/s | p50 ms | p99 ms | errors |",
    "| --- | ---: | ---: | ---: | ---: |",
    row("bare Hono, tiny JSON `GET /json`", bare.tiny),
    row("bare Hono, the same JSON and the same response headers", bare.headers),
  ];
  const verdicts: string[] = [];
  for (const m of modes) {
    const store = m.mode === "PGlite" ? "in-process cache and limits" : "Redis cache and limits";
    lines.push(
      row(
        `bare Hono, the same ${
          (m.payload.length / 1024).toFixed(1)
        } kB offerings JSON (beside ${m.mode})`,
        m.bareSame,
      ),
      row(`${m.mode} (${store}): cached \`GET /api/offerings\``, m.cached),
      row(`${m.mode}: uncached \`GET /api/offerings/:id\``, m.one),
      row(`${m.mode}: \`POST /api/offerings\``, m.create),
    );
    const ratio = m.cached.requestsPerSecond / m.bareSame.requestsPerSecond;
    verdicts.push(
      `- ${m.mode}: cached list at ${
        fmt(ratio * 100)
      }% of the bare route serving the same JSON (budget ≥ 40%): ${
        ratio >= 0.4 ? "met" : "NOT met"
      }; p99 ${fmt(m.cached.p99Ms, 2)} ms (budget < 20 ms): ${
        m.cached.p99Ms < 20 ? "met" : "NOT met"
      }.`,
    );
  }
  lines.push("", "Budget:", ...verdicts);
  if (!withPg) {
    lines.push("- PostgreSQL was not reachable; only the embedded database was measured.");
  }
  await writeSection("API (bench/api.ts)", lines.join("\n"));
  console.log(lines.join("\n"));
}
