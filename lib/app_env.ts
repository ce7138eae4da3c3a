/**
 * What every request handler can reach: the process's dependencies and the request's own state.
 * @module
 */
import type { Context } from "hono";
import type { Db } from "../db/types.ts";
import type { TokenSigner } from "../services/auth/jwt.ts";
import type { Principal } from "../services/auth/principal.ts";
import type { JobHandler } from "../services/jobs/worker.ts";
import type { EngineDeps } from "../services/bot/engine.ts";
import type { Config } from "./config.ts";
import type { KeyResolver } from "./key_resolver.ts";
import type { Kv } from "./kv/mod.ts";
import type { Logger } from "./logger.ts";
import type { Metrics } from "./metrics.ts";
import type { Providers } from "./providers.ts";

/** The long-lived parts of the process, built once at start. */
export interface Deps {
  config: Config;
  db: Db;
  kv: Kv;
  signer: TokenSigner;
  keys: KeyResolver;
  logger: Logger;
  metrics: Metrics;
  /** The address the public reaches this server at, without a trailing slash. */
  publicUrl: string;
  providers: Providers;
  /** What each kind of job does. */
  jobHandlers: Record<string, JobHandler>;
  /** Runs a just-written job now instead of at the worker's next look (e.g. a payment link). */
  runJobNow(tenantId: string, jobId: string): Promise<boolean>;
  /** The assistant: Gemini when a key is set, the built-in offline assistant otherwise. */
  engine: EngineDeps;
  /** Aborted when the process begins to shut down: live streams and sockets end. */
  closing: AbortController;
}

/** Per-request variables. */
export interface AppVariables {
  deps: Deps;
  requestId: string;
  principal: Principal | undefined;
  /** Set when the request carried credentials that were refused; answered after rate limiting. */
  authError: Error | undefined;
  /** The matched route's page component, used by `render`. */
  page: unknown;
}

/** Hono's environment for Arma. */
export interface AppEnv {
  Variables: AppVariables;
  Bindings: { remoteAddr?: { hostname?: string } };
}

/** A request context. */
export type Ctx = Context<AppEnv>;
