/**
 * Applies a payment provider's verified outcome in the order's tenant.
 * @module
 */
import { isUuid, withTenant } from "../db/tenant.ts";
import { applyPaymentOutcome, type Order } from "../services/orders/orders.ts";
import type { PaymentOutcome } from "../services/payments/types.ts";
import { ValidationError } from "../services/errors.ts";
import type { Deps } from "./app_env.ts";

/** Records the outcome against its order; an outcome naming no order of ours is refused. */
export async function settlePayment(deps: Deps, outcome: PaymentOutcome): Promise<Order | null> {
  if (!isUuid(outcome.tenantId) || !isUuid(outcome.orderId)) {
    throw new ValidationError("The payment does not name an order of this platform");
  }
  return await withTenant(deps.db, outcome.tenantId, (tx) => applyPaymentOutcome(tx, outcome));
}
