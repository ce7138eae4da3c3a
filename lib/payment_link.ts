/**
 * Runs an order's pending payment-link job within the request, so that placing an order (or asking
 * for a new link) answers with the link instead of leaving it to the worker's next look.
 * @module
 */
import { pendingCheckoutJob } from "../services/orders/checkout_now.ts";
import { getOrder, type Order } from "../services/orders/orders.ts";
import { tenantOf, tenantTx } from "./api.ts";
import type { Ctx } from "./app_env.ts";

/** The order with its payment link, created now when one is waiting. */
export async function withPaymentLink(c: Ctx, order: Order): Promise<Order> {
  if (order.payment_provider === "manual" || order.payment_link) return order;
  const jobId = await tenantTx(c, (tx) => pendingCheckoutJob(tx, order.id));
  if (!jobId) return order;
  await c.get("deps").runJobNow(tenantOf(c), jobId);
  return await tenantTx(c, (tx) => getOrder(tx, order.id));
}
