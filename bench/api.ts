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
  runs.sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  return runs[Math.floor(runs.length / 2)]!;
}

const REPEATS = 3;

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

async function runMode(mode: "PGlite" | "PostgreSQL", env: Record<string, string>) {
  const server = await startServerProcess(
    { DEMO_SEED: "false", LOG_LEVEL: "info", ...UNLIMITED, ...env },
    { quiet: true },
  );
  try {
    const { token, id } = await prepare(server.url);
    const auth = { Authorization: `Bearer ${token}` };
    const payload = await (await fetch(`${server.url}/api/offerings`, { headers: auth })).text();
    const cached = await measure({
      url: `${server.url}/api/offerings`,
      headers: auth,
      connections: CONNECTIONS,
      seconds: SECONDS,
    }, REPEATS);
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
    return { mode, cached, one, create, payload };
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

async function measureBare(
  payload: string,
): Promise<{ tiny: LoadResult; same: LoadResult; headers: LoadResult }> {
  const file = await Deno.makeTempFile({ suffix: ".json" });
  await Deno.writeTextFile(file, payload);
  const port = freePort();
  const bare = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("./bare_server.ts", import.meta.url).pathname, String(port), file],
    stdout: "null",
    stderr: "inherit",
  }).spawn();
  await new Promise((r) => setTimeout(r, 1500));
  const base = `http://127.0.0.1:${port}`;
  const tiny = await measure({ url: `${base}/json`, connections: CONNECTIONS, seconds: SECONDS });
  const same = await measure(
    { url: `${base}/payload`, connections: CONNECTIONS, seconds: SECONDS },
    REPEATS,
  );
  const headers = await measure(
    { url: `${base}/payload-headers`, connections: CONNECTIONS, seconds: SECONDS },
    REPEATS,
  );
  bare.kill("SIGTERM");
  await bare.status;
  await Deno.remove(file);
  return { tiny, same, headers };
}

/** Runs the API benchmark and writes its section of RESULTS.md. */
export async function benchApi(): Promise<void> {
  const dataDir = await Deno.makeTempDir({ prefix: "arma-bench-" });
  const modes = [await runMode("PGlite", { DATA_DIR: dataDir })];
  const pg = await withPostgres((url) =>
    runMode("PostgreSQL", { DATA_DIR: dataDir, DATABASE_URL: url, REDIS_URL })
  );
  if (pg) modes.push(pg);
  await Deno.remove(dataDir, { recursive: true });
  const bare = await measureBare(modes[0]!.payload);
  const bareResult = bare.same;

  const row = (name: string, r: LoadResult) =>
    `| ${name} | ${fmt(r.requestsPerSecond, 0)} | ${fmt(r.p50Ms, 2)} | ${
      fmt(r.p99Ms, 2)
    } | ${r.errors} |`;
  const lines = [
    `${await measuredOn()}.`,
    `Load: ${bareResult.tool}, ${CONNECTIONS} connections, ${SECONDS} s per run after a 2 s warm-up`,
    `(the cached list and the bare routes: the median of ${REPEATS} runs),`,
    "from a second process on loopback; the server logs every request as JSON (LOG_LEVEL=info).",
    "The budget compares the cached list with a bare Hono route serving the very same bytes",
    "(the tiny route is shown too: most of its lead is the 20-offering payload, not the stack;",
    "the third bare row adds the response headers Arma sends, to show what they cost alone).",
    "",
    "| route | req/s | p50 ms | p99 ms | errors |",
    "| --- | ---: | ---: | ---: | ---: |",
    row("bare Hono, tiny JSON `GET /json`", bare.tiny),
    row(
      `bare Hono, the same ${(modes[0]!.payload.length / 1024).toFixed(1)} kB offerings JSON`,
      bareResult,
    ),
    row("bare Hono, the same JSON and the same response headers", bare.headers),
  ];
  const verdicts: string[] = [];
  for (const m of modes) {
    const store = m.mode === "PGlite" ? "in-process cache and limits" : "Redis cache and limits";
    lines.push(
      row(`${m.mode} (${store}): cached \`GET /api/offerings\``, m.cached),
      row(`${m.mode}: uncached \`GET /api/offerings/:id\``, m.one),
      row(`${m.mode}: \`POST /api/offerings\``, m.create),
    );
    const ratio = m.cached.requestsPerSecond / bareResult.requestsPerSecond;
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
  if (!pg) lines.push("- PostgreSQL was not reachable; only the embedded database was measured.");
  await writeSection("API (bench/api.ts)", lines.join("\n"));
  console.log(lines.join("\n"));
}
