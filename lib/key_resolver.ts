/**
 * Resolves presented API keys to principals, with a short in-process cache. Revoking or editing a
 * key evicts it in every process through pub/sub. A key's "last used" time is written when it is
 * looked up, so at most once per cache lifetime per process.
 * @module
 */
import { withTenant } from "../db/tenant.ts";
import type { Db } from "../db/types.ts";
import { resolveApiKey, touchApiKey } from "../services/auth/keys.ts";
import type { Principal } from "../services/auth/principal.ts";

const TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;

/** Looks up keys and forgets them when told. */
export interface KeyResolver {
  resolve(key: string): Promise<Principal | null>;
  evict(keyId: string): void;
}

/** Creates a resolver over the database. */
export function createKeyResolver(db: Db): KeyResolver {
  const cache = new Map<string, { principal: Principal | null; expires: number }>();
  return {
    async resolve(key) {
      const now = Date.now();
      const hit = cache.get(key);
      if (hit && hit.expires > now) return hit.principal;
      const principal = await resolveApiKey(db, key);
      if (principal && "keyId" in principal) {
        await withTenant(db, principal.tenantId, (tx) => touchApiKey(tx, principal.keyId));
      }
      if (cache.size >= MAX_ENTRIES) cache.clear();
      cache.set(key, { principal, expires: now + TTL_MS });
      return principal;
    },
    evict(keyId) {
      for (const [key, entry] of cache) {
        if (entry.principal && "keyId" in entry.principal && entry.principal.keyId === keyId) {
          cache.delete(key);
        }
      }
    },
  };
}
