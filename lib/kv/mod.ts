/**
 * Opens the Kv: Redis when a URL is given, in process otherwise.
 * @module
 */
import { createMemoryKv } from "./memory.ts";
import { createRedisKv } from "./redis.ts";
import type { Kv } from "./types.ts";

export type { CacheRead, Kv, RateDecision, RateRule } from "./types.ts";

/** Opens Redis at `url` (keys under `prefix`), or an in-process Kv when `url` is absent. */
export async function openKv(url?: string, prefix = "arma:"): Promise<Kv> {
  return url ? await createRedisKv(url, prefix) : createMemoryKv();
}
