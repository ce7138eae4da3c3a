/**
 * Tenant transactions: every request's queries run inside `withTenant`, as the `arma_app` role and
 * with `app.tenant_id` set, so row-level security shows them only that tenant's rows.
 * @module
 */
import type { Db, DomainEvent, TransactionSql, Tx } from "./types.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Runs `fn` in a transaction scoped to `tenantId` and publishes its events after commit. */
export async function withTenant<T>(
  db: Db,
  tenantId: string,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  if (!UUID.test(tenantId)) throw new TypeError(`withTenant: not a tenant id: ${tenantId}`);
  const events: DomainEvent[] = [];
  const result = await db.sql.begin(async (raw: TransactionSql) => {
    // Not awaited here: postgres.js sends it in the same write as fn's first query, one round
    // trip less per transaction. Statements run in order, so fn's queries run after it; if it
    // failed, the transaction is aborted and fn's first query fails too.
    const setup =
      raw`select set_config('role', 'arma_app', true), set_config('app.tenant_id', ${tenantId}, true)`;
    setup.catch(() => {});
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
