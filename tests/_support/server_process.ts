/**
 * Runs Arma's real entry point (`main.ts`) as a child process, as `deno task start` does, for
 * end-to-end tests and benchmarks.
 * @module
 */

import { withDeadline } from "../../lib/deadline.ts";

const ROOT = new URL("../../", import.meta.url);
// Starting includes opening the embedded database, slow while the suite runs beside it.
const BANNER_MS = 90_000;
// Longer than main.ts's own limit for a stop, so its exit code is what the test sees.
const STOP_MS = 60_000;

/** Returns a port that was free a moment ago. */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/** A running server process. */
export interface ServerProcess {
  /** Base URL on loopback. */
  url: string;
  /** What the process printed until its banner was complete. */
  banner: string;
  stop(): Promise<{ code: number; stderr: string }>;
  /** Kills the process at once (SIGKILL), as a crash would. */
  kill(): Promise<void>;
}

/** Starts `main.ts` with `env` and waits until it prints its banner. */
export async function startServerProcess(
  env: Record<string, string>,
  options: { quiet?: boolean } = {},
): Promise<ServerProcess> {
  const port = env.PORT ? Number(env.PORT) : freePort();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "main.ts"],
    cwd: ROOT,
    env: { LOG_LEVEL: "warn", ...env, PORT: String(port) },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  // Read from the start, so that a chatty server never blocks on a full pipe.
  const stderrText = new Response(child.stderr).text();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let banner = "";
  const deadline = Date.now() + BANNER_MS;
  while (!/Arma is running[\s\S]*\n\n/.test(banner)) {
    const next = await withDeadline(reader.read(), Math.max(0, deadline - Date.now()), "The banner")
      .catch(() => null);
    if (next === null || next.done) {
      child.kill("SIGKILL");
      await child.status;
      throw new Error(`main.ts printed no banner: ${banner}\n${await stderrText}`);
    }
    banner += next.value;
  }
  const drain = (async () => {
    while (true) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!options.quiet) banner += value;
    }
  })();
  const ended = async () => {
    const status = await child.status;
    await drain;
    return { status, stderr: await stderrText };
  };
  return {
    url: `http://127.0.0.1:${port}`,
    banner,
    async stop() {
      child.kill("SIGTERM");
      // A process that ignores SIGTERM is a failure to report, not a test that waits forever.
      const { status, stderr } = await withDeadline(ended(), STOP_MS, "Stopping main.ts")
        .catch(async () => {
          child.kill("SIGKILL");
          const { stderr } = await ended();
          throw new Error(`main.ts did not stop within ${STOP_MS} ms of SIGTERM:\n${stderr}`);
        });
      return { code: status.code, stderr };
    },
    async kill() {
      child.kill("SIGKILL");
      await ended();
    },
  };
}

/**
 * A database of its own for a server process under test, so that its job worker never takes the
 * jobs of tests running beside it: a new database on the DATABASE_URL server (dropped by the
 * returned function), or nothing to do on the embedded database (each process has its own).
 */
export async function scratchDatabase(
  serverUrl: string | undefined,
): Promise<{ url?: string; drop(): Promise<void> }> {
  if (!serverUrl) return { drop: () => Promise.resolve() };
  const { default: postgres } = await import("postgres");
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const name = `arma_proc_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
  await admin.unsafe(`create database ${name}`).catch(async (err) => {
    await admin.end();
    throw err;
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
