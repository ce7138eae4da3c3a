/**
 * Runs Arma's real entry point (`main.ts`) as a child process, as `deno task start` does, for
 * end-to-end tests and benchmarks.
 * @module
 */

const ROOT = new URL("../../", import.meta.url);

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
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let banner = "";
  const deadline = Date.now() + 90_000;
  while (!/Arma is running[\s\S]*\n\n/.test(banner) && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    banner += value;
  }
  // Keep draining stdout so a chatty server never blocks on a full pipe.
  const drain = (async () => {
    while (true) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!options.quiet) banner += value;
    }
  })();
  const stderrText = new Response(child.stderr).text();
  return {
    url: `http://127.0.0.1:${port}`,
    banner,
    async stop() {
      child.kill("SIGTERM");
      const status = await child.status;
      await drain;
      return { code: status.code, stderr: await stderrText };
    },
    async kill() {
      child.kill("SIGKILL");
      await child.status;
      await drain;
      await stderrText;
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
