/**
 * The audit log: who changed what, written in the transaction that makes the change.
 * @module
 */
import type { Tx } from "../db/types.ts";

/** One audit entry. */
export interface AuditEntry {
  /** Who acted: `business`, `customer`, `system` or `user`. */
  actor: string;
  /** The acting user, when a person acted. */
  actorId?: string | null;
  /** What happened, such as `order.created`. */
  action: string;
  entity: string;
  entityId?: string | null;
  data: Record<string, unknown>;
}

/** Writes an audit entry for the transaction's tenant. */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx`insert into audit_log (tenant_id, actor_kind, actor_id, action, entity, entity_id, data)
    values (${tx.tenantId}, ${entry.actor}, ${entry.actorId ?? null}, ${entry.action},
      ${entry.entity}, ${entry.entityId ?? null}, ${tx.json(entry.data as never)})`;
}
