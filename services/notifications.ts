/**
 * Notifications for the business: low stock, an order paid after it was cancelled.
 * @module
 */
import type { Tx } from "../db/types.ts";
import { NotFoundError } from "./errors.ts";

/** A notification as the dashboard shows it. */
export interface Notification {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  data: Record<string, unknown>;
  read_at: Date | null;
  created_at: Date;
}

/** Lists notifications, newest first. */
export async function listNotifications(
  tx: Tx,
  options: { unreadOnly?: boolean; limit?: number } = {},
): Promise<Notification[]> {
  return await tx<Notification[]>`
    select id, kind, title, body, data, read_at, created_at from notifications
    ${options.unreadOnly ? tx`where read_at is null` : tx``}
    order by created_at desc, id desc limit ${options.limit ?? 100}`;
}

/** Marks a notification read. */
export async function markNotificationRead(tx: Tx, id: string): Promise<Notification> {
  const [row] = await tx<Notification[]>`
    update notifications set read_at = coalesce(read_at, now()) where id = ${id}
    returning id, kind, title, body, data, read_at, created_at`;
  if (!row) throw new NotFoundError("Notification");
  tx.emit({ type: "notifications.changed", data: { id } });
  return row;
}

/** Marks every unread notification read; returns how many were marked. */
export async function markAllNotificationsRead(tx: Tx): Promise<number> {
  const { count } = await tx`update notifications set read_at = now() where read_at is null`;
  if (count > 0) tx.emit({ type: "notifications.changed", data: { count } });
  return count;
}
