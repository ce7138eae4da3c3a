/**
 * The outbox: side effects are written as jobs in the same transaction as the change that causes
 * them, so a crash can lose neither. The worker (`worker.ts`) runs them.
 * @module
 */
import type { Tx } from "../../db/types.ts";

/** A job as stored. */
export interface Job {
  id: string;
  tenant_id: string;
  kind: string;
  payload: Record<string, unknown>;
  status: "pending" | "running" | "done" | "dead";
  attempts: number;
  max_attempts: number;
  run_at: Date;
  locked_at: Date | null;
  last_error: string | null;
  idempotency_key: string;
  created_at: Date;
  finished_at: Date | null;
}

/** Options of a job. */
export interface EnqueueOptions {
  runAt?: Date;
  maxAttempts?: number;
  /** Passed to the provider; stable across retries. Defaults to the job's own id. */
  idempotencyKey?: string;
}

/** Writes a job in the current transaction; it runs once the transaction commits. */
export async function enqueue(
  tx: Tx,
  kind: string,
  payload: Record<string, unknown>,
  options: EnqueueOptions = {},
): Promise<string> {
  const id = crypto.randomUUID();
  await tx`
    insert into jobs (id, tenant_id, kind, payload, run_at, max_attempts, idempotency_key)
    values (${id}, ${tx.tenantId}, ${kind}, ${tx.json(payload as never)}, ${
    options.runAt ?? new Date()
  },
      ${options.maxAttempts ?? 8}, ${options.idempotencyKey ?? id})`;
  tx.emit({ type: "jobs.enqueued", data: { id, kind } });
  return id;
}
