/**
 * The Redis Kv: cache, rate limits and pub/sub shared by every server process.
 * @module
 */
import { createClient } from "redis";
import type { CacheRead, Kv, MessageHandler, RateDecision, RateRule } from "./types.ts";

type Client = ReturnType<typeof createClient>;

// Returns the scope's version and the field stored under that version.
const CACHE_GET = `
local v = redis.call('GET', KEYS[1]) or '0'
return {v, redis.call('HGET', KEYS[1] .. ':' .. v, ARGV[1])}
`;

// Stores the field only if the version has not moved since it was read.
const CACHE_SET = `
local v = redis.call('GET', KEYS[1]) or '0'
if v ~= ARGV[1] then return 0 end
local data = KEYS[1] .. ':' .. v
redis.call('HSET', data, ARGV[2], ARGV[3])
if redis.call('TTL', data) < 0 then redis.call('EXPIRE', data, ARGV[4]) end
return 1
`;

// GCRA over several keys at once: all are checked before any is updated, with the server's clock.
const RATE_LIMIT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local n = #KEYS
local tats = {}
local best, best_remaining, best_reset = 1, -1, 0
for i = 1, n do
  local limit = tonumber(ARGV[2 * i - 1])
  local window = tonumber(ARGV[2 * i])
  local interval = window / limit
  local tat = tonumber(redis.call('GET', KEYS[i]) or now)
  if tat < now then tat = now end
  local new_tat = tat + interval
  local allow_at = new_tat - window
  if now < allow_at then
    return {0, i, 0, math.ceil(tat - now), math.ceil(allow_at - now)}
  end
  tats[i] = new_tat
  local remaining = math.floor((now - allow_at) / interval)
  if best_remaining < 0 or remaining < best_remaining then
    best, best_remaining, best_reset = i, remaining, math.ceil(new_tat - now)
  end
end
for i = 1, n do
  redis.call('SET', KEYS[i], string.format('%.3f', tats[i]), 'PX', math.ceil(tats[i] - now) + 1)
end
return {1, best, best_remaining, best_reset, 0}
`;

const VERSION_TTL_SECONDS = 7 * 24 * 3600;
// Each process keeps what it read in memory for a few seconds; invalidations reach every process
// through pub/sub at once, the short lifetime only bounds a lost message.
const LOCAL_TTL_MS = 5_000;
const INVALIDATIONS = "cache-invalidations";

interface LocalScope {
  version: string;
  expires: number;
  fields: Map<string, string>;
}

/** Connects to Redis and returns a Kv whose keys all start with `prefix`. */
export async function createRedisKv(url: string, prefix = "arma:"): Promise<Kv> {
  const client: Client = createClient({ url });
  client.on(
    "error",
    (err: Error) =>
      console.error(JSON.stringify({ level: "error", msg: "redis", error: err.message })),
  );
  await client.connect();
  const shas = new Map<string, string>();
  let subscriber: Client | undefined;
  const handlers = new Map<string, Set<MessageHandler>>();
  const local = new Map<string, LocalScope>();
  // Bumped on every invalidation, so a read that began before one never fills the local cache.
  const generations = new Map<string, number>();
  const dropLocal = (scope: string) => {
    local.delete(scope);
    generations.set(scope, (generations.get(scope) ?? 0) + 1);
  };
  const remember = (
    scope: string,
    generation: number,
    version: string,
    field: string,
    value: string,
  ) => {
    if ((generations.get(scope) ?? 0) !== generation) return;
    let entry = local.get(scope);
    if (!entry || entry.version !== version || entry.expires < Date.now()) {
      entry = { version, expires: Date.now() + LOCAL_TTL_MS, fields: new Map() };
      local.set(scope, entry);
    }
    entry.fields.set(field, value);
  };

  async function run(script: string, keys: string[], args: string[]): Promise<unknown> {
    let sha = shas.get(script);
    if (!sha) shas.set(script, sha = await client.scriptLoad(script));
    try {
      return await client.evalSha(sha, { keys, arguments: args });
    } catch (err) {
      if (!String((err as Error).message).includes("NOSCRIPT")) throw err;
      return await client.eval(script, { keys, arguments: args });
    }
  }

  const versionKey = (scope: string) => `${prefix}cache:${scope}`;

  const kv: Kv = {
    kind: "redis",
    async cacheGet(scope: string, field: string): Promise<CacheRead> {
      const near = local.get(scope);
      if (near && near.expires > Date.now()) {
        const hit = near.fields.get(field);
        if (hit !== undefined) return { version: near.version, value: hit };
      }
      const generation = generations.get(scope) ?? 0;
      const [version, value] = await run(CACHE_GET, [versionKey(scope)], [field]) as [
        string,
        string | null,
      ];
      if (value !== null) remember(scope, generation, String(version), field, value);
      return { version: String(version), value: value ?? null };
    },
    async cacheSet(scope, field, value, version, ttlSeconds) {
      const generation = generations.get(scope) ?? 0;
      const stored = await run(CACHE_SET, [versionKey(scope)], [
        version,
        field,
        value,
        String(ttlSeconds),
      ]);
      if (stored === 1) remember(scope, generation, version, field, value);
    },
    async cacheInvalidate(scope) {
      dropLocal(scope);
      await client.multi().incr(versionKey(scope)).expire(versionKey(scope), VERSION_TTL_SECONDS)
        .exec();
      await kv.publish(INVALIDATIONS, scope);
    },
    async rateLimit(rules: RateRule[]): Promise<RateDecision> {
      const args = rules.flatMap((r) => [String(r.limit), String(r.windowSeconds * 1000)]);
      const [allowed, index, remaining, resetMs, retryMs] = await run(
        RATE_LIMIT,
        rules.map((r) => `${prefix}rl:${r.key}`),
        args,
      ) as number[];
      return {
        allowed: allowed === 1,
        rule: rules[(index ?? 1) - 1]!,
        remaining: remaining ?? 0,
        resetSeconds: Math.ceil((resetMs ?? 0) / 1000),
        retryAfterSeconds: allowed === 1 ? 0 : Math.max(1, Math.ceil((retryMs ?? 0) / 1000)),
      };
    },
    async publish(channel, message) {
      await client.publish(`${prefix}${channel}`, message);
    },
    async subscribe(channel, handler) {
      if (!subscriber) {
        subscriber = client.duplicate();
        subscriber.on("error", () => {});
        await subscriber.connect();
      }
      const full = `${prefix}${channel}`;
      let set = handlers.get(full);
      if (!set) {
        handlers.set(full, set = new Set());
        await subscriber.subscribe(full, (message: string) => {
          for (const h of handlers.get(full) ?? []) h(message);
        });
      }
      set.add(handler);
      return async () => {
        set.delete(handler);
        if (set.size === 0 && handlers.get(full) === set) {
          handlers.delete(full);
          await subscriber?.unsubscribe(full);
        }
      };
    },
    async ping() {
      return (await client.ping()) === "PONG";
    },
    async close() {
      if (subscriber) await subscriber.close();
      await client.close();
    },
  };
  await kv.subscribe(INVALIDATIONS, dropLocal);
  return kv;
}
