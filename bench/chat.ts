/**
 * Chat benchmark: turns against a fake Gemini that answers at once (the real SDK and wire format),
 * 100 concurrent conversations over HTTP, as JSON and as Server-Sent Events: turns per second,
 * the server's own time per turn, and the time the server adds between the model's first chunk
 * and the customer's first delta.
 * @module
 */
import { scratchDatabase, startServerProcess } from "../tests/_support/server_process.ts";
import { FAKE_GEMINI_API_KEY } from "../tests/fakes/gemini.ts";
import { setPriority } from "node:os";
import { percentile } from "./lib/load.ts";
import { fmt, measuredOn, writeSection } from "./lib/results.ts";
import { ADMIN_URL, REDIS_URL, UNLIMITED } from "./lib/servers.ts";
import { answerInstants, startCapture } from "./lib/wire.ts";

const CONVERSATIONS = 100;
// The niceness of the load's side (the customers in this process, and the fake model): on a
// machine it shares with them, the server and its databases come first, as they would on a
// machine of their own.
const LOAD_NICENESS = 10;

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

/** Back to the default niceness, which only root may do; others are told what stays lowered. */
function restorePriority(): void {
  try {
    setPriority(0);
  } catch (err) {
    console.error(
      `Could not restore the priority (${(err as Error).message}): the benchmarks after this one ` +
        `drive their load at niceness ${LOAD_NICENESS}.`,
    );
  }
}

/** The fake model in its own process; `answeredAt` fills with the instant it answered each id. */
async function startFakeModel() {
  // At a lower priority, as the customers' side: the model answers on its own machine in truth.
  const child = new Deno.Command("nice", {
    args: [
      "-n",
      String(LOAD_NICENESS),
      Deno.execPath(),
      "run",
      "-A",
      new URL("./lib/fake_model_process.ts", import.meta.url).pathname,
    ],
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

/** The instants at which each turn's model chunk and first delta were seen. */
interface Instants {
  chunk: Map<string, number>;
  delta: Map<string, number>;
}

/**
 * A table row of a run's first-delta times: on the wire (the budget's measure, when captured) and
 * by the benchmark's clocks.
 */
function firstDeltaRow(label: string, run: Run, wire: Instants | null, clocks: Instants): string {
  const wireTimes = wire ? firstDeltas(run, wire) : [];
  const clockTimes = firstDeltas(run, clocks);
  const judged = wire ? wireTimes : clockTimes;
  const p50 = percentile(judged, 50);
  const cell = (t: number[]) =>
    t.length ? `${fmt(percentile(t, 50), 2)} / ${fmt(percentile(t, 99), 2)} (${t.length})` : "–";
  return `| ${label} | ${wire ? cell(wireTimes) : "not captured"} | ${cell(clockTimes)} | ${
    p50 < 5 ? "met" : "NOT met"
  } |`;
}

/** A run's first-delta times, sorted: each turn's first delta less its model chunk. */
function firstDeltas(run: Run, at: Instants): number[] {
  return run.ids.filter((id) => at.chunk.has(id) && at.delta.has(id))
    .map((id) => at.delta.get(id)! - at.chunk.get(id)!)
    .sort((a, b) => a - b);
}

// A turn's id as the benchmark writes it into the customer's message.
const TURN_ID = /Merhaba (c\d+-\d+-[sj]\d+p?)/;

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
    // The customers' thread gives way too (niceness is per thread on Linux).
    setPriority(LOAD_NICENESS);
    const json = await drive(server.url, key, false, seconds, firstDeltaAt);
    const port = (url: string) => Number(new URL(url).port);
    const capture = await startCapture([port(server.url), port(fake.url)]);
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
    restorePriority();
    const segments = capture ? await capture.stop() : null;
    const wire: Instants | null = segments && {
      chunk: answerInstants(segments, port(fake.url), TURN_ID, "data:"),
      delta: answerInstants(segments, port(server.url), TURN_ID, "event: delta"),
    };
    const clocks: Instants = { chunk: fake.answeredAt, delta: firstDeltaAt };
    const row = (label: string, r: Run) => {
      const server = [...r.server].sort((a, b) => a - b);
      const client = [...r.client].sort((a, b) => a - b);
      return `| ${label} | ${fmt(r.turns / r.seconds, 0)} | ${fmt(percentile(server, 50), 1)} | ${
        fmt(percentile(server, 99), 1)
      } | ${fmt(percentile(client, 50), 1)} | ${fmt(percentile(client, 99), 1)} |`;
    };
    const lines = [
      `${await measuredOn()}.`,
      `${CONVERSATIONS} concurrent conversations for ${seconds} s each way, on ${database};`,
      "the fake Gemini answers at once in two chunks; the server runs the real engine, the real",
      "SDK and the claim guard, and logs every request. The customers (this process's thread) and",
      `the fake model run at niceness ${LOAD_NICENESS}, as the load's side; the server, PostgreSQL and Redis`,
      `at the default. The server works on ${
        Deno.env.get("CHAT_TURN_CONCURRENCY") ?? "its default number of"
      } turns at once (CHAT_TURN_CONCURRENCY;`,
      "a turn waiting for the model holds no slot), the rest wait their turn.",
      "",
      "| mode | turns/s | server p50 ms | server p99 ms | client p50 ms | client p99 ms |",
      "| --- | ---: | ---: | ---: | ---: | ---: |",
      row("JSON", json),
      row("SSE", sse),
      "",
      "Time the server adds between the model's first chunk and the customer's first delta (SSE),",
      "p50 / p99 ms (turns measured). On the wire: tcpdump on loopback, from the packet that carries",
      "the fake model's first chunk to the server to the packet that carries the first delta to the",
      "customer, both stamped by the kernel: the server's whole share and nothing else. By the",
      "clocks: from the instant the fake model, in a process of its own, begins to answer to the",
      "instant the benchmark reads the delta, so it also holds both of those processes' own delays",
      "on a loaded machine. The budget is judged on the wire where it was captured.",
      "",
      "| load | on the wire | by the clocks | budget p50 < 5 ms |",
      "| --- | ---: | ---: | --- |",
      firstDeltaRow("one conversation at a time", alone, wire, clocks),
      firstDeltaRow(
        `${CONVERSATIONS} concurrent conversations, each customer writing ${
          PAUSE_MS / 1000
        } s after a reply (${fmt(paced.turns / paced.seconds, 0)} turns/s)`,
        paced,
        wire,
        clocks,
      ),
      firstDeltaRow(
        `${CONVERSATIONS} concurrent conversations writing back at once (CPU saturated)`,
        sse,
        wire,
        clocks,
      ),
    ];
    if (!wire) {
      lines.push("", "tcpdump was not available or not allowed to capture: only the clocks.");
    }
    await writeSection("Chat (bench/chat.ts)", lines.join("\n"));
    console.log(lines.join("\n"));
  } finally {
    await server.stop();
    await fake.stop();
    await Deno.remove(dataDir, { recursive: true });
    await scratch?.drop();
  }
}
