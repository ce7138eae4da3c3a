/**
 * Builds the process's dependencies from its configuration: database, Redis or in-process store,
 * token signer, logger and metrics, and wires committed events to cache invalidation and pub/sub.
 * @module
 */
import { openDatabase } from "../db/connection.ts";
import type { Db, DomainEvent } from "../db/types.ts";
import { randomToken } from "../services/auth/crypto.ts";
import { createTokenSigner } from "../services/auth/jwt.ts";
import type { Deps } from "./app_env.ts";
import type { Config } from "./config.ts";
import { createKeyResolver } from "./key_resolver.ts";
import { type Kv, openKv } from "./kv/mod.ts";
import { createLogger, type Logger, type LogSink } from "./logger.ts";
import { createMetrics } from "./metrics.ts";
import type { ChatModel } from "../services/bot/model.ts";
import { createGeminiModel } from "../services/bot/gemini.ts";
import { createOfflineModel } from "../services/bot/offline/mod.ts";
import { loadBusinessContext } from "../services/bot/context.ts";
import { cachedJson } from "./cache.ts";
import { TurnSlots } from "../services/bot/turn_slots.ts";
import { createProviders } from "./providers.ts";
import { createJobHandlers } from "../services/jobs/handlers.ts";
import { runJobNow } from "../services/jobs/worker.ts";
import { jobOptions } from "./worker.ts";

/** The cache scope of one tenant's offering lists. */
export const offeringsScope = (tenantId: string) => `offerings:${tenantId}`;

/** The cache scope of what the assistant and the widget show of one business. */
export const assistantScope = (tenantId: string) => `assistant:${tenantId}`;

/** The pub/sub channel of one tenant's live events (dashboard, inbox, calendar). */
export const tenantChannel = (tenantId: string) => `tenant:${tenantId}`;

/** The pub/sub channel of one conversation's live messages (the widget's WebSocket). */
export const conversationChannel = (conversationId: string) => `conv:${conversationId}`;

const KEY_EVENTS = "auth:keys";

/** Options for tests and tools that build dependencies beside a config. */
export interface DepsOptions {
  /** Use this database instead of opening one. */
  db?: Db;
  /** Prefix for Redis keys, so parallel test runs do not share limits or caches. */
  kvPrefix?: string;
  /** Where log lines go (tests read them). */
  logSink?: LogSink;
}

async function jwtSecret(config: Config): Promise<string> {
  if (config.jwtSecret) return config.jwtSecret;
  const file = `${config.dataDir}/jwt_secret`;
  try {
    const stored = (await Deno.readTextFile(file)).trim();
    if (stored.length >= 32) return stored;
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  await Deno.mkdir(config.dataDir, { recursive: true });
  const secret = randomToken(48);
  await Deno.writeTextFile(file, secret, { mode: 0o600 });
  return secret;
}

/** Gemini when a key is set, the built-in offline assistant otherwise. */
export function chooseModel(config: Config): ChatModel {
  if (!config.gemini.apiKey) return createOfflineModel();
  return createGeminiModel({
    apiKey: config.gemini.apiKey,
    model: config.gemini.model,
    baseUrl: config.gemini.baseUrl,
  });
}

/** Opens everything the app needs. */
export async function createDeps(config: Config, options: DepsOptions = {}): Promise<Deps> {
  const logger = createLogger(config.logLevel, options.logSink);
  const db = options.db ?? await openDatabase({
    url: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : `${config.dataDir}/pglite`,
    poolSize: config.databasePoolSize,
  });
  const kv = await openKv(config.redisUrl, options.kvPrefix);
  const keys = createKeyResolver(db);
  const publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  const providers = createProviders(config);
  const jobHandlers = createJobHandlers({ ...providers, publicUrl });
  const jobs = jobOptions(logger, config);
  await kv.subscribe(KEY_EVENTS, (keyId) => keys.evict(keyId));
  db.commitListeners.add((tenantId, events) => onCommit(kv, logger, tenantId, events));
  const runNow = (tenantId: string, jobId: string) =>
    runJobNow(db, jobHandlers, tenantId, jobId, jobs);
  return {
    config,
    db,
    kv,
    keys,
    logger,
    metrics: createMetrics(),
    signer: await createTokenSigner(await jwtSecret(config)),
    publicUrl,
    providers,
    jobHandlers,
    runJobNow: runNow,
    closing: new AbortController(),
    engine: {
      db,
      model: chooseModel(config),
      paymentProvider: providers.payments.name,
      runJobNow: runNow,
      slots: new TurnSlots(config.chatTurnConcurrency),
      warn: (message, fields) => logger.warn(message, fields),
      businessContext: async (tx, locale, onlinePayment) =>
        JSON.parse(
          (await cachedJson(
            kv,
            assistantScope(tx.tenantId),
            `${locale}:${onlinePayment}`,
            3600,
            () => loadBusinessContext(tx, locale, onlinePayment),
          )).json,
        ),
    },
  };
}

async function onCommit(
  kv: Kv,
  logger: Logger,
  tenantId: string,
  events: DomainEvent[],
): Promise<void> {
  try {
    const types = new Set(events.map((e) => e.type));
    if (types.has("offerings.changed")) await kv.cacheInvalidate(offeringsScope(tenantId));
    if (["offerings.changed", "staff.changed", "tenant.updated"].some((t) => types.has(t))) {
      await kv.cacheInvalidate(assistantScope(tenantId));
    }
    for (const e of events) {
      if (e.type === "api_key.revoked" || e.type === "api_key.updated") {
        await kv.publish(KEY_EVENTS, String(e.data?.id));
      } else if (e.type === "messages.created" || e.type === "conversations.changed") {
        const id = String(e.data?.conversation_id ?? e.data?.id);
        await kv.publish(conversationChannel(id), JSON.stringify(e));
      }
    }
    await kv.publish(tenantChannel(tenantId), JSON.stringify(events));
  } catch (err) {
    logger.error("after-commit hook failed", {
      tenant_id: tenantId,
      error: (err as Error).message,
    });
  }
}

/** Closes what `createDeps` opened. */
export async function closeDeps(deps: Deps): Promise<void> {
  deps.closing.abort();
  deps.logger.flush();
  await deps.kv.close();
  await deps.db.close();
}
