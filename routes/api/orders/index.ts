import {
  api,
  idempotencyKeyOf,
  idempotentResponse,
  idempotentWrite,
  tenantTx,
} from "../../../lib/api.ts";
import { withPaymentLink } from "../../../lib/payment_link.ts";
import { isMember } from "../../../services/auth/principal.ts";
import { createOrder, listOrders } from "../../../services/orders/orders.ts";
import { OrderCreate, OrderListQuery } from "../../../services/orders/schemas.ts";

export const handler = {
  GET: api({
    summary: "List orders",
    description: "Newest first; filters status and phone; paginated with limit and cursor.",
    tags: ["orders"],
    access: "member",
    query: OrderListQuery,
    handle: (c, { query }) => tenantTx(c, (tx) => listOrders(tx, query)),
  }),
  POST: api({
    summary: "Place an order",
    description:
      "Totals come from current prices (KDV included; lines show net, KDV and gross; shipping and free-shipping threshold are the business's). Stock is taken in the same transaction: 409 insufficient_stock when there is not enough. payment_method card/credit_card/online gives a payment link when a provider is configured; bank_transfer, cash and pay_at_shop give the business's instructions. An Idempotency-Key header (or idempotency_key) makes retries return the same order.",
    tags: ["orders"],
    access: "widget",
    body: OrderCreate,
    status: 201,
    async handle(c, { body, principal }) {
      const { idempotency_key, ...request } = body;
      const result = await idempotentWrite(
        c,
        "orders",
        idempotencyKeyOf(c, idempotency_key),
        request,
        201,
        (tx) =>
          createOrder(tx, request, {
            actor: isMember(principal) ? "business" : "customer",
            paymentProvider: c.get("deps").providers.payments.name,
          }),
      );
      return idempotentResponse({ ...result, body: await withPaymentLink(c, result.body) });
    },
  }),
};
