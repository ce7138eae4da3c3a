/**
 * Runs an order's pending payment-link job within the request, so that placing an order (or asking
 * for a new link) answers with the link instead of leaving it to the worker's next look.
 * @module
 */
import { withPaymentLink as runCheckoutNow } from "../services/orders/checkout_now.ts";
import type { Order } from "../services/orders/orders.ts";
import { tenantOf } from "./api.ts";
import type { Ctx } from "./app_env.ts";

/** The order with its payment link, created now when one is waiting. */
export function withPaymentLink(c: Ctx, order: Order): Promise<Order> {
  const deps = c.get("deps");
  return runCheckoutNow(deps.db, tenantOf(c), order, deps.runJobNow);
}
