/**
 * Read-through caching of JSON answers in the Kv, safe against a write landing mid-read, and the
 * encoded bytes of recent answers, so that a cache hit is not encoded again for every request.
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

const ENCODED_MAX_BYTES = 16 * 1024 * 1024;
const encoder = new TextEncoder();
// Oldest first (a Map keeps insertion order); a hit on the same string object is a pointer compare.
const encoded = new Map<string, Uint8Array<ArrayBuffer>>();
let encodedBytes = 0;

/** The UTF-8 bytes of a cached JSON answer, encoded once while it stays among the recent ones. */
export function jsonBytes(json: string): Uint8Array<ArrayBuffer> {
  const known = encoded.get(json);
  if (known) return known;
  const bytes = encoder.encode(json);
  encoded.set(json, bytes);
  encodedBytes += bytes.byteLength;
  for (const [old, oldBytes] of encoded) {
    if (encodedBytes <= ENCODED_MAX_BYTES) break;
    encoded.delete(old);
    encodedBytes -= oldBytes.byteLength;
  }
  return bytes;
}
