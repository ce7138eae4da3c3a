/**
 * The in-process Kv: used when `REDIS_URL` is unset, for a single server process.
 * @module
 */
import {
  type CacheRead,
  gcraStep,
  type Kv,
  type MessageHandler,
  type RateDecision,
  type RateRule,
} from "./types.ts";

interface Scope {
  version: number;
  expiresAt: number;
  fields: Map<string, string>;
}

/** Creates an in-process Kv. */
export function createMemoryKv(): Kv {
  const scopes = new Map<string, Scope>();
  const versions = new Map<string, number>();
  const tats = new Map<string, { tat: number; expiresAt: number }>();
  const channels = new Map<string, Set<MessageHandler>>();
  let lastSweep = Date.now();

  function sweep(now: number) {
    if (now - lastSweep < 60_000) return;
    lastSweep = now;
    for (const [k, v] of tats) if (v.expiresAt <= now) tats.delete(k);
    for (const [k, v] of scopes) if (v.expiresAt <= now) scopes.delete(k);
  }

  return {
    kind: "memory",
    cacheGet(scope: string, field: string): Promise<CacheRead> {
      const version = versions.get(scope) ?? 0;
      const entry = scopes.get(scope);
      const live = entry && entry.version === version && entry.expiresAt > Date.now();
      return Promise.resolve({
        value: live ? entry.fields.get(field) ?? null : null,
        version: String(version),
      });
    },
    cacheSet(scope, field, value, version, ttlSeconds) {
      const current = versions.get(scope) ?? 0;
      if (String(current) !== version) return Promise.resolve();
      const now = Date.now();
      let entry = scopes.get(scope);
      if (!entry || entry.version !== current || entry.expiresAt <= now) {
        entry = { version: current, expiresAt: now + ttlSeconds * 1000, fields: new Map() };
        scopes.set(scope, entry);
      }
      entry.fields.set(field, value);
      return Promise.resolve();
    },
    cacheInvalidate(scope) {
      versions.set(scope, (versions.get(scope) ?? 0) + 1);
      scopes.delete(scope);
      return Promise.resolve();
    },
    rateLimit(rules: RateRule[]): Promise<RateDecision> {
      const now = Date.now();
      sweep(now);
      const steps = rules.map((rule) => gcraStep(tats.get(rule.key)?.tat ?? null, now, rule));
      let refused = -1;
      let tightest = 0;
      for (let i = 0; i < steps.length; i++) {
        const step = steps[i]!;
        if (!step.allowed && (refused < 0 || step.retryMs > steps[refused]!.retryMs)) refused = i;
        if (step.remaining < steps[tightest]!.remaining) tightest = i;
      }
      if (refused >= 0) {
        const step = steps[refused]!;
        return Promise.resolve({
          allowed: false,
          rule: rules[refused]!,
          remaining: 0,
          resetSeconds: Math.ceil(step.resetMs / 1000),
          retryAfterSeconds: Math.max(1, Math.ceil(step.retryMs / 1000)),
        });
      }
      for (let i = 0; i < steps.length; i++) {
        const tat = steps[i]!.newTat;
        tats.set(rules[i]!.key, { tat, expiresAt: tat });
      }
      const step = steps[tightest]!;
      return Promise.resolve({
        allowed: true,
        rule: rules[tightest]!,
        remaining: step.remaining,
        resetSeconds: Math.ceil(step.resetMs / 1000),
        retryAfterSeconds: 0,
      });
    },
    publish(channel, message) {
      for (const handler of channels.get(channel) ?? []) queueMicrotask(() => handler(message));
      return Promise.resolve();
    },
    subscribe(channel, handler) {
      let set = channels.get(channel);
      if (!set) channels.set(channel, set = new Set());
      set.add(handler);
      return Promise.resolve(() => {
        set.delete(handler);
        if (set.size === 0) channels.delete(channel);
        return Promise.resolve();
      });
    },
    ping: () => Promise.resolve(true),
    close: () => Promise.resolve(),
  };
}
