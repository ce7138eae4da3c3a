/**
 * Idempotent writes: the first request with a key does the work and stores its answer in the same
 * transaction; a repeat gets that answer. A repeat that races the first waits on the key's unique
 * index until the first commits, so two requests never both do the work.
 * @module
 */
import type { Tx } from "../db/types.ts";
import { sha256Hex } from "./auth/crypto.ts";
import { ConflictError } from "./errors.ts";

/** The outcome of an idempotent call. */
export interface Idempotent<T> {
  status: number;
  body: T;
  replayed: boolean;
}

/** Runs `fn` once per (scope, key); repeats with the same request get the stored answer. */
export async function once<T>(
  tx: Tx,
  scope: string,
  key: string,
  request: unknown,
  fn: () => Promise<{ status: number; body: T }>,
): Promise<Idempotent<T>> {
  const hash = await sha256Hex(JSON.stringify(request));
  const [claimed] = await tx`
    insert into idempotency_keys (tenant_id, scope, key, request_hash)
    values (${tx.tenantId}, ${scope}, ${key}, ${hash})
    on conflict do nothing returning key`;
  if (!claimed) {
    const [stored] = await tx<{ request_hash: string; status_code: number; response: T }[]>`
      select request_hash, status_code, response from idempotency_keys
      where scope = ${scope} and key = ${key}`;
    if (stored!.request_hash !== hash) {
      throw new ConflictError(
        "This idempotency key was used with a different request",
        "idempotency_key_reused",
      );
    }
    return { status: stored!.status_code, body: stored!.response, replayed: true };
  }
  const result = await fn();
  await tx`
    update idempotency_keys set status_code = ${result.status},
      response = ${tx.json(JSON.parse(JSON.stringify(result.body)))}
    where scope = ${scope} and key = ${key}`;
  return { ...result, replayed: false };
}
