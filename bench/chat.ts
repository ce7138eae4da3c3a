/**
 * Chat benchmark: turns against a fake Gemini that answers at once (the real SDK and wire format),
 * 100 concurrent conversations over HTTP, as JSON and as Server-Sent Events: turns per second,
 * the server's own time per turn, and the time the server adds between the model's first chunk
 * and the customer's first delta.
 * @module
 */
import { scratchDatabase, startServerProcess } from "../tests/_support/server_process.ts";
import { FAKE_GEMINI_API_KEY } from "../tests/fakes/gemini.ts";
import { percentile } from "./lib/load.ts";
import { fmt, measuredOn, writeSection } from "./lib/results.ts";
import { ADMIN_URL, REDIS_URL, UNLIMITED } from "./lib/servers.ts";

const CONVERSATIONS = 100;
// How long a paced customer waits after a reply before writing again.
const PAUSE_MS = 1000;

interface Run {
  turns: number;
  seconds: number;
  server: number[];
  client: number[];
  /** The turns' ids, as the fake model sees them in the customer's message. */
  ids: string[];
}

// One clock across processes: milliseconds since the epoch, sub-millisecond.
const now = () => performance.timeOrigin + performance.now();

/** The fake model in its own process; `answeredAt` fills with the instant it answered each id. */
async function startFakeModel() {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("./lib/fake_model_process.ts", import.meta.url).pathname],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const answeredAt = new Map<string, number>();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let pending = "";
  let stopped: Promise<void> | undefined;
  const ready = Promise.withResolvers<string>();
  const reading = (async () => {
    while (true) {
      const { value, done } = await lines.read();
      if (done) break;
      pending += value;
      const complete = pending.split("\n");
      pending = complete.pop()!;
      for (const line of complete) {
        const [kind, a, b] = line.split(" ");
        if (kind === "url") ready.resolve(a!);
        else if (kind === "answered") answeredAt.set(a!, Number(b));
      }
    }
  })();
  return {
    url: await ready.promise,
    answeredAt,
    stop: () =>
      stopped ??= (async () => {
        child.kill("SIGTERM");
        await child.status;
        await reading;
      })(),
  };
}

/** A table row of first-delta times, with the budget's verdict on their median. */
function firstDeltaRow(label: string, sorted: number[]): string {
  const p50 = percentile(sorted, 50);
  return `| ${label} | ${fmt(p50, 2)} | ${fmt(percentile(sorted, 99), 2)} | ${
    p50 < 5 ? "met" : "NOT met"
  } |`;
}

/** The first-delta times of a run's SSE turns: the customer's first delta less the model's answer. */
function firstDeltas(
  run: Run,
  answeredAt: Map<string, number>,
  firstDeltaAt: Map<string, number>,
): number[] {
  return run.ids.filter((id) => answeredAt.has(id) && firstDeltaAt.has(id))
    .map((id) => firstDeltaAt.get(id)! - answeredAt.get(id)!)
    .sort((a, b) => a - b);
}

/** Runs `conversations` loops of turns for `seconds`. */
async function drive(
  base: string,
  key: string,
  sse: boolean,
  seconds: number,
  firstDeltaAt: Map<string, number>,
  conversations = CONVERSATIONS,
  pauseMs = 0,
): Promise<Run> {
  const end = performance.now() + seconds * 1000;
  const run: Run = { turns: 0, seconds, server: [], client: [], ids: [] };
  await Promise.all(Array.from({ length: conversations }, async (_, n) => {
    let conversation: string | undefined;
    let token: string | undefined;
    for (let i = 0; performance.now() < end; i++) {
      const id = `c${n}-${i}-${sse ? "s" : "j"}${conversations}${pauseMs > 0 ? "p" : ""}`;
      run.ids.push(id);
      const started = performance.now();
      const res = await fetch(`${base}/api/chat/message`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "X-Widget-Key": key,
          ...(token ? { "X-Conversation-Token": token } : {}),
          ...(sse ? { Accept: "text/event-stream" } : {}),
        },
        body: JSON.stringify({ conversation_id: conversation, message: `Merhaba ${id}` }),
      });
      if (!sse) {
        const body = await res.json();
        conversation = body.conversation_id;
        token = body.conversation_token ?? token;
        run.server.push(body.latency_ms);
      } else {
        const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = "";
        let sawDelta = false;
        while (true) {
          const { value, done } = await reader.read();
          if (done) break;
          if (!sawDelta && value.includes("event: delta")) {
            sawDelta = true;
            firstDeltaAt.set(id, now());
          }
          buffer += value;
        }
        for (const m of buffer.matchAll(/event: (meta|done)\ndata: (.*)\n/g)) {
          const data = JSON.parse(m[2]!);
          if (m[1] === "meta") {
            conversation = data.conversation_id;
            token = data.conversation_token ?? token;
          } else run.server.push(data.latency_ms);
        }
      }
      run.client.push(performance.now() - started);
      run.turns++;
      if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
    }
  }));
  return run;
}

/** Runs the benchmark and writes its section of RESULTS.md. */
export async function benchChat(): Promise<void> {
  const seconds = Number(Deno.env.get("BENCH_SECONDS") ?? 10);
  const firstDeltaAt = new Map<string, number>();
  const fake = await startFakeModel();
  const dataDir = await Deno.makeTempDir({ prefix: "arma-bench-chat-" });
  const scratch = await scratchDatabase(ADMIN_URL).catch(() => null);
  const databaseUrl = scratch?.url;
  const database = databaseUrl ? "PostgreSQL with Redis" : "the embedded database";
  const server = await startServerProcess({
    DATA_DIR: dataDir,
    DEMO_SEED: "false",
    LOG_LEVEL: "info",
    GEMINI_API_KEY: FAKE_GEMINI_API_KEY,
    GEMINI_BASE_URL: fake.url,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl, REDIS_URL } : {}),
    ...UNLIMITED,
  }, { quiet: true });
  try {
    const signup = await (await fetch(`${server.url}/api/auth/signup`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        business_name: "Bench",
        email: `chat-${crypto.randomUUID()}@example.com`,
        password: "bench password",
      }),
    })).json();
    const key = signup.publishable_key as string;
    const json = await drive(server.url, key, false, seconds, firstDeltaAt);
    const sse = await drive(server.url, key, true, seconds, firstDeltaAt);
    const alone = await drive(server.url, key, true, seconds, firstDeltaAt, 1);
    const paced = await drive(
      server.url,
      key,
      true,
      seconds,
      firstDeltaAt,
      CONVERSATIONS,
      PAUSE_MS,
    );
    await fake.stop();
    const row = (label: string, r: Run) => {
      const server = [...r.server].sort((a, b) => a - b);
      const client = [...r.client].sort((a, b) => a - b);
      return `| ${label} | ${fmt(r.turns / r.seconds, 0)} | ${fmt(percentile(server, 50), 1)} | ${
        fmt(percentile(server, 99), 1)
      } | ${fmt(percentile(client, 50), 1)} | ${fmt(percentile(client, 99), 1)} |`;
    };
    const first = firstDeltas(sse, fake.answeredAt, firstDeltaAt);
    const quiet = firstDeltas(alone, fake.answeredAt, firstDeltaAt);
    const typing = firstDeltas(paced, fake.answeredAt, firstDeltaAt);
    const lines = [
      `${await measuredOn()}.`,
      `${CONVERSATIONS} concurrent conversations for ${seconds} s each way, on ${database};`,
      "the fake Gemini answers at once in two chunks; the server runs the real engine, the real",
      "SDK and the claim guard, and logs every request.",
      "",
      "| mode | turns/s | server p50 ms | server p99 ms | client p50 ms | client p99 ms |",
      "| --- | ---: | ---: | ---: | ---: | ---: |",
      row("JSON", json),
      row("SSE", sse),
      "",
      "Time the server adds between the model's first chunk and the customer's first delta (SSE):",
      "from the instant the fake model, in a process of its own, answers (its two chunks leave at",
      "once) to the instant the benchmark reads the first delta, on one clock (ms since the epoch):",
      "",
      "| load | p50 ms | p99 ms | budget p50 < 5 ms |",
      "| --- | ---: | ---: | --- |",
      firstDeltaRow("one conversation at a time", quiet),
      firstDeltaRow(
        `${CONVERSATIONS} concurrent conversations, each customer writing ${
          PAUSE_MS / 1000
        } s after a reply (${fmt(paced.turns / paced.seconds, 0)} turns/s)`,
        typing,
      ),
      firstDeltaRow(
        `${CONVERSATIONS} concurrent conversations writing back at once (CPU saturated)`,
        first,
      ),
    ];
    await writeSection("Chat (bench/chat.ts)", lines.join("\n"));
    console.log(lines.join("\n"));
  } finally {
    await server.stop();
    await fake.stop();
    await Deno.remove(dataDir, { recursive: true });
    await scratch?.drop();
  }
}
