/**
 * Starts Arma: builds missing bundles, opens the dependencies, seeds the demo business, serves,
 * and shuts down cleanly on SIGINT or SIGTERM.
 * @module
 */
import { DEMO_EMAIL, DEMO_PASSWORD, seedDemo } from "../services/demo/seed.ts";
import { createApp } from "./app.ts";
import { buildAssets, bundlesExist } from "./build.ts";
import type { Config } from "./config.ts";
import { closeDeps, createDeps } from "./deps.ts";
import { readDemoKey, writeDemoKey } from "./demo_key.ts";
import { withDeadline } from "./deadline.ts";
import { startJobWorker } from "./worker.ts";

// How long a stop waits for open responses (live streams end at once) and for the running job,
// whose lease another process takes over if it is cut short.
const SHUTDOWN_MS = 10_000;
const JOB_MS = 15_000;

/** A running server and how to stop it. */
export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/** Starts the whole platform with `config`. */
export async function startServer(config: Config): Promise<RunningServer> {
  if (!(await bundlesExist())) await buildAssets();
  const deps = await createDeps(config);
  const app = createApp(deps);
  const worker = startJobWorker(deps);
  let demo: Awaited<ReturnType<typeof seedDemo>> | undefined;
  if (config.demoSeed) {
    demo = await seedDemo(deps.db, deps.signer, (tenantId) => readDemoKey(deps, tenantId));
    await writeDemoKey(config.dataDir, demo.tenantId, demo.publishableKey);
  }
  const server = Deno.serve(
    { port: config.port, hostname: config.host, onListen: () => {} },
    app.fetch,
  );
  const url = deps.publicUrl;
  const lines = [
    "",
    `  Arma is running at ${url}`,
    `  Database: ${
      deps.db.kind === "embedded"
        ? `embedded PGlite in ${config.dataDir}/pglite`
        : "PostgreSQL (DATABASE_URL)"
    }`,
    `  Cache and rate limits: ${deps.kv.kind === "redis" ? "Redis (REDIS_URL)" : "in process"}`,
    `  API docs:    ${url}/docs/api`,
  ];
  if (demo) {
    lines.push(
      `  Dashboard:   ${url}/dashboard`,
      `  Demo login:  ${DEMO_EMAIL} / ${DEMO_PASSWORD}`,
      `  Demo publishable key: ${demo.publishableKey}`,
      `  Widget demo: ${url}/demo`,
    );
  }
  console.log(lines.join("\n") + "\n");
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    deps.closing.abort();
    const warn = (err: Error) => deps.logger.warn("stopping", { error: err.message });
    await withDeadline(server.shutdown(), SHUTDOWN_MS, "Closing open connections").catch(warn);
    await withDeadline(worker.stop(), JOB_MS, "The running job").catch(warn);
    await closeDeps(deps);
  };
  return { url, stop };
}
