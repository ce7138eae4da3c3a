/**
 * Finds the payment-link job an order is waiting for, so the request that placed the order can run
 * it at once and answer with the link (the worker would otherwise run it moments later).
 * @module
 */
import { withTenant } from "../../db/tenant.ts";
import type { Db, Tx } from "../../db/types.ts";
import { getOrder, type Order } from "./orders.ts";

/** The pending checkout job of an order, if any. */
export async function pendingCheckoutJob(tx: Tx, orderId: string): Promise<string | null> {
  const [row] = await tx<{ id: string }[]>`
    select id from jobs where kind = 'payment.checkout' and status = 'pending'
      and payload->>'order_id' = ${orderId}
    order by created_at desc limit 1`;
  return row?.id ?? null;
}

/** The order with its payment link, its waiting checkout job run now when there is one. */
export async function withPaymentLink(
  db: Db,
  tenantId: string,
  order: Order,
  runJobNow: (tenantId: string, jobId: string) => Promise<unknown>,
): Promise<Order> {
  if (order.payment_provider === "manual" || order.payment_link) return order;
  const jobId = await withTenant(db, tenantId, (tx) => pendingCheckoutJob(tx, order.id));
  if (!jobId) return order;
  await runJobNow(tenantId, jobId);
  return await withTenant(db, tenantId, (tx) => getOrder(tx, order.id));
}
