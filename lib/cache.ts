/**
 * Read-through caching of JSON answers in the Kv, safe against a write landing mid-read.
 * @module
 */
import type { Kv } from "./kv/mod.ts";

/** Returns the cached JSON for `field` in `scope`, or loads, stores and returns it. */
export async function cachedJson(
  kv: Kv,
  scope: string,
  field: string,
  ttlSeconds: number,
  load: () => Promise<unknown>,
): Promise<{ json: string; hit: boolean }> {
  const read = await kv.cacheGet(scope, field);
  if (read.value !== null) return { json: read.value, hit: true };
  const json = JSON.stringify(await load());
  await kv.cacheSet(scope, field, json, read.version, ttlSeconds);
  return { json, hit: false };
}
