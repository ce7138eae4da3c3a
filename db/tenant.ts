/**
 * Tenant transactions: every request's queries run inside `withTenant`, as the `arma_app` role and
 * with `app.tenant_id` set, so row-level security shows them only that tenant's rows.
 * @module
 */
import type { Db, DomainEvent, TransactionSql, Tx } from "./types.ts";

/**
 * Sends a statement ahead, not awaited yet: postgres.js writes it with the statements that follow
 * in the same turn, one round trip for all. Statements run in order, so the later ones see its
 * effect; if it fails, the transaction is aborted and they fail too, and awaiting it later throws.
 */
export function sendAhead<T>(statement: Promise<T>): Promise<T> {
  statement.catch(() => {});
  return statement;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a UUID in any letter case. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Runs `fn` in a transaction scoped to `tenantId` and publishes its events after commit. */
export async function withTenant<T>(
  db: Db,
  tenantId: string,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  if (!isUuid(tenantId)) throw new TypeError(`withTenant: not a tenant id: ${tenantId}`);
  const events: DomainEvent[] = [];
  const result = await db.sql.begin(async (raw: TransactionSql) => {
    // Sent with fn's first query: one round trip less per transaction.
    const setup = sendAhead(
      raw`select set_config('role', 'arma_app', true), set_config('app.tenant_id', ${tenantId}, true)`,
    );
    const tx = Object.assign(raw, {
      tenantId,
      emit: (event: DomainEvent) => void events.push(event),
    }) as Tx;
    const result = await fn(tx);
    await setup;
    return result;
  });
  if (events.length > 0) {
    await Promise.all([...db.commitListeners].map((listener) => listener(tenantId, events)));
  }
  return result as T;
}
