/**
 * The small key-value interface Arma needs from Redis: a versioned cache, atomic rate limiting and
 * pub/sub. `memory.ts` implements it in process, `redis.ts` over Redis.
 * @module
 */

/** One rate-limit rule: at most `limit` requests per `windowSeconds` for `key`. */
export interface RateRule {
  key: string;
  limit: number;
  windowSeconds: number;
  /** Name shown in the `RateLimit-Policy` header, e.g. "ip". */
  name: string;
}

/** The outcome of counting one request against a set of rules. */
export interface RateDecision {
  allowed: boolean;
  /** The rule the headers describe: the one refused, or the one closest to refusing. */
  rule: RateRule;
  remaining: number;
  /** Seconds until the rule's quota is full again. */
  resetSeconds: number;
  /** Seconds to wait before retrying; 0 when allowed. */
  retryAfterSeconds: number;
}

/** A cache read: the value, if any, and the version to hand back when storing a fresh value. */
export interface CacheRead {
  value: string | null;
  version: string;
}

/** Receives messages published on a channel. */
export type MessageHandler = (message: string) => void;

/** Cache, rate limits and pub/sub, in Redis or in process. */
export interface Kv {
  readonly kind: "redis" | "memory";
  /** Reads one field of a cached scope (e.g. one tenant's offering lists). */
  cacheGet(scope: string, field: string): Promise<CacheRead>;
  /** Stores a field unless the scope was invalidated since `version` was read. */
  cacheSet(
    scope: string,
    field: string,
    value: string,
    version: string,
    ttlSeconds: number,
  ): Promise<void>;
  /** Drops every field of a scope. */
  cacheInvalidate(scope: string): Promise<void>;
  /** Counts a request against all rules at once; refused requests count against none. */
  rateLimit(rules: RateRule[]): Promise<RateDecision>;
  /** Publishes a message to every subscriber of a channel, in every process. */
  publish(channel: string, message: string): Promise<void>;
  /** Subscribes to a channel; returns a function that unsubscribes. */
  subscribe(channel: string, handler: MessageHandler): Promise<() => Promise<void>>;
  /** Checks the store answers. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** The GCRA step for one rule, shared by both implementations' semantics. */
export function gcraStep(
  storedTat: number | null,
  nowMs: number,
  rule: RateRule,
): { allowed: boolean; newTat: number; remaining: number; resetMs: number; retryMs: number } {
  const windowMs = rule.windowSeconds * 1000;
  const interval = windowMs / rule.limit;
  const tat = Math.max(storedTat ?? nowMs, nowMs);
  const newTat = tat + interval;
  const allowAt = newTat - windowMs;
  if (nowMs < allowAt) {
    return {
      allowed: false,
      newTat: tat,
      remaining: 0,
      resetMs: tat - nowMs,
      retryMs: allowAt - nowMs,
    };
  }
  return {
    allowed: true,
    newTat,
    remaining: Math.floor((nowMs - allowAt) / interval),
    resetMs: newTat - nowMs,
    retryMs: 0,
  };
}
