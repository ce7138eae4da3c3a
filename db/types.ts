/**
 * Types shared by the database layer and the services that take a query handle.
 * @module
 */
import type postgres from "postgres";

/** A postgres.js client. */
export type Sql = postgres.Sql<Record<string, unknown>>;

/** A postgres.js transaction. */
export type TransactionSql = postgres.TransactionSql<Record<string, unknown>>;

/** Something that happened inside a tenant transaction, delivered once the transaction commits. */
export interface DomainEvent {
  type: string;
  data?: Record<string, unknown>;
}

/** A tenant-scoped transaction: queries see only the tenant's rows. */
export type Tx = TransactionSql & {
  /** The tenant whose rows this transaction sees. */
  readonly tenantId: string;
  /** Records an event to publish after the transaction commits (never if it rolls back). */
  emit(event: DomainEvent): void;
};

/** Receives the events of a committed tenant transaction. */
export type CommitListener = (tenantId: string, events: DomainEvent[]) => void | Promise<void>;

/** The database handle: the pooled client plus what the process knows about it. */
export interface Db {
  readonly sql: Sql;
  readonly kind: "embedded" | "server";
  readonly commitListeners: Set<CommitListener>;
  close(): Promise<void>;
}
