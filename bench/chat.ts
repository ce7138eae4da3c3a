/**
 * Chat benchmark: turns against a fake Gemini that answers at once (the real SDK and wire format),
 * 100 concurrent conversations over HTTP, as JSON and as Server-Sent Events: turns per second,
 * the server's own time per turn, and the time the server adds between the model's first chunk
 * and the customer's first delta.
 * @module
 */
import { scratchDatabase, startServerProcess } from "../tests/_support/server_process.ts";
import { FAKE_GEMINI_API_KEY, startFakeGemini, textTurn } from "../tests/fakes/gemini.ts";
import { percentile } from "./lib/load.ts";
import { fmt, machine, writeSection } from "./lib/results.ts";

const CONVERSATIONS = 100;
const ADMIN_URL = Deno.env.get("BENCH_POSTGRES_URL") ??
  "postgres://postgres@127.0.0.1:5432/postgres";
const REDIS_URL = Deno.env.get("BENCH_REDIS_URL") ?? "redis://127.0.0.1:6379";

interface Run {
  turns: number;
  seconds: number;
  server: number[];
  client: number[];
  firstDelta: number[];
}

/** Runs `conversations` loops of turns for `seconds`. */
async function drive(
  base: string,
  key: string,
  sse: boolean,
  seconds: number,
  firstChunkAt: Map<string, number>,
  conversations = CONVERSATIONS,
): Promise<Run> {
  const end = performance.now() + seconds * 1000;
  const run: Run = { turns: 0, seconds, server: [], client: [], firstDelta: [] };
  await Promise.all(Array.from({ length: conversations }, async (_, n) => {
    let conversation: string | undefined;
    let token: string | undefined;
    for (let i = 0; performance.now() < end; i++) {
      const id = `c${n}-${i}-${sse ? "s" : "j"}`;
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
            run.firstDelta.push(performance.now() - firstChunkAt.get(id)!);
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
    }
  }));
  return run;
}

/** Runs the benchmark and writes its section of RESULTS.md. */
export async function benchChat(): Promise<void> {
  const seconds = Number(Deno.env.get("BENCH_SECONDS") ?? 10);
  const firstChunkAt = new Map<string, number>();
  const fake = startFakeGemini({
    strict: false,
    script: (req) => {
      const last = JSON.stringify(req.body.contents.at(-1));
      const id = /Merhaba (c\d+-\d+-[sj])/.exec(last)?.[1] ?? "";
      firstChunkAt.set(id, performance.now());
      return textTurn(["Merhaba! ", "Size nasıl yardımcı olabilirim?"]);
    },
  });
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
    RATE_LIMIT_IP_PER_MINUTE: "100000000",
    RATE_LIMIT_USER_PER_HOUR: "100000000",
    RATE_LIMIT_TENANT_PER_DAY: "100000000",
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
    const json = await drive(server.url, key, false, seconds, firstChunkAt);
    const sse = await drive(server.url, key, true, seconds, firstChunkAt);
    const alone = await drive(server.url, key, true, seconds, firstChunkAt, 1);
    const row = (label: string, r: Run) => {
      const server = [...r.server].sort((a, b) => a - b);
      const client = [...r.client].sort((a, b) => a - b);
      return `| ${label} | ${fmt(r.turns / r.seconds, 0)} | ${fmt(percentile(server, 50), 1)} | ${
        fmt(percentile(server, 99), 1)
      } | ${fmt(percentile(client, 50), 1)} | ${fmt(percentile(client, 99), 1)} |`;
    };
    const first = [...sse.firstDelta].sort((a, b) => a - b);
    const quiet = [...alone.firstDelta].sort((a, b) => a - b);
    const lines = [
      `Measured ${new Date().toISOString().slice(0, 10)} on ${await machine()}.`,
      `${CONVERSATIONS} concurrent conversations for ${seconds} s each way, on ${database};`,
      "the fake Gemini answers at once in two chunks; the server runs the real engine, the real",
      "SDK and the claim guard, and logs every request.",
      "",
      "| mode | turns/s | server p50 ms | server p99 ms | client p50 ms | client p99 ms |",
      "| --- | ---: | ---: | ---: | ---: | ---: |",
      row("JSON", json),
      row("SSE", sse),
      "",
      "Time the server adds between the model's first chunk and the customer's first delta (SSE),",
      "on one clock (the fake model and the client share the benchmark's process):",
      "",
      "| load | p50 ms | p99 ms | budget p50 < 5 ms |",
      "| --- | ---: | ---: | --- |",
      `| one conversation at a time | ${fmt(percentile(quiet, 50), 2)} | ${
        fmt(percentile(quiet, 99), 2)
      } | ${percentile(quiet, 50) < 5 ? "met" : "NOT met"} |`,
      `| ${CONVERSATIONS} concurrent conversations (CPU saturated) | ${
        fmt(percentile(first, 50), 2)
      } | ${fmt(percentile(first, 99), 2)} | ${percentile(first, 50) < 5 ? "met" : "NOT met"} |`,
    ];
    await writeSection("Chat (bench/chat.ts)", lines.join("\n"));
    console.log(lines.join("\n"));
  } finally {
    await server.stop();
    await fake.close();
    await Deno.remove(dataDir, { recursive: true });
    await scratch?.drop();
  }
}
