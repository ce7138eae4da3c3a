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

// GCRA for a batch of requests at once, with the server's clock, as `gcraStep` and the in-process
// store decide. KEYS: the distinct keys; ARGV[1]: JSON, per request its rules as [key index, limit,
// window in ms]. Each request is decided in turn as if alone: all its keys are checked before any
// is counted (a refusal names the rule with the longest wait), and a later request sees an earlier
// one's counts. A key is read once and written once per batch, however many requests share it
// (their tenant, their user). Returns five numbers per request: allowed, the deciding rule,
// remaining, reset in ms and retry in ms.
const RATE_LIMIT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local tats, changed, out = {}, {}, {}
for _, rules in ipairs(cjson.decode(ARGV[1])) do
  local next_tats = {}
  local reply = nil
  local best, best_remaining, best_reset = 1, -1, 0
  for i, rule in ipairs(rules) do
    local key = rule[1]
    local interval = rule[3] / rule[2]
    local tat = tats[key]
    if tat == nil then
      tat = tonumber(redis.call('GET', KEYS[key]) or now)
      tats[key] = tat
    end
    if tat < now then tat = now end
    local new_tat = tat + interval
    local allow_at = new_tat - rule[3]
    if now < allow_at then
      if reply == nil or allow_at - now > reply[6] then
        reply = {0, i, 0, math.ceil(tat - now), math.ceil(allow_at - now), allow_at - now}
      end
    end
    next_tats[i] = new_tat
    local remaining = math.floor((now - allow_at) / interval)
    if best_remaining < 0 or remaining < best_remaining then
      best, best_remaining, best_reset = i, remaining, math.ceil(new_tat - now)
    end
  end
  if reply == nil then
    for i, rule in ipairs(rules) do
      tats[rule[1]] = next_tats[i]
      changed[rule[1]] = true
    end
    reply = {1, best, best_remaining, best_reset, 0}
  end
  for j = 1, 5 do out[#out + 1] = reply[j] end
end
for key in pairs(changed) do
  redis.call('SET', KEYS[key], string.format('%.3f', tats[key]), 'PX', math.ceil(tats[key] - now) + 1)
end
return out
`;

// The most requests one rate-limit call decides.
const RATE_BATCH = 256;

interface PendingLimit {
  rules: RateRule[];
  resolve: (decision: RateDecision) => void;
  reject: (error: unknown) => void;
}

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

function toDecision(rules: RateRule[], reply: number[]): RateDecision {
  const [allowed, index, remaining, resetMs, retryMs] = reply;
  return {
    allowed: allowed === 1,
    rule: rules[(index ?? 1) - 1]!,
    remaining: remaining ?? 0,
    resetSeconds: Math.ceil((resetMs ?? 0) / 1000),
    retryAfterSeconds: allowed === 1 ? 0 : Math.max(1, Math.ceil((retryMs ?? 0) / 1000)),
  };
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

  // The rate-limit checks of one turn of the event loop go to Redis together, in one call: one
  // round trip and one read and write per shared key decide them all, which spares this process
  // and Redis under load; a lone request waits only for the end of its turn.
  let waiting: PendingLimit[] = [];
  const decideWaiting = () => {
    const all = waiting;
    waiting = [];
    for (let i = 0; i < all.length; i += RATE_BATCH) void decide(all.slice(i, i + RATE_BATCH));
  };
  async function decide(batch: PendingLimit[]): Promise<void> {
    const keys = new Map<string, number>();
    const requests = batch.map((p) =>
      p.rules.map((r) => {
        const key = `${prefix}rl:${r.key}`;
        let index = keys.get(key);
        if (index === undefined) keys.set(key, index = keys.size + 1);
        return [index, r.limit, r.windowSeconds * 1000];
      })
    );
    try {
      const out = await run(RATE_LIMIT, [...keys.keys()], [JSON.stringify(requests)]) as number[];
      batch.forEach((p, i) => p.resolve(toDecision(p.rules, out.slice(i * 5, i * 5 + 5))));
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
  }

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
    rateLimit(rules: RateRule[]): Promise<RateDecision> {
      return new Promise((resolve, reject) => {
        if (waiting.push({ rules, resolve, reject }) === 1) setImmediate(decideWaiting);
      });
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
