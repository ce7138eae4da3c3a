/**
 * Finds the payment-link job an order is waiting for, so the request that placed the order can run
 * it at once and answer with the link (the worker would otherwise run it moments later).
 * @module
 */
import type { Tx } from "../../db/types.ts";

/** The pending checkout job of an order, if any. */
export async function pendingCheckoutJob(tx: Tx, orderId: string): Promise<string | null> {
  const [row] = await tx<{ id: string }[]>`
    select id from jobs where kind = 'payment.checkout' and status = 'pending'
      and payload->>'order_id' = ${orderId}
    order by created_at desc limit 1`;
  return row?.id ?? null;
}
