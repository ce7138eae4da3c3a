import { api, IdParams, tenantTx } from "../../../../lib/api.ts";
import { withPaymentLink } from "../../../../lib/payment_link.ts";
import { orderPayment } from "../../../../services/orders/orders.ts";
import { PaymentAction } from "../../../../services/orders/schemas.ts";

export const handler = {
  POST: api({
    summary: "Take payment for an order",
    description:
      'action "link" opens a fresh payment link (or returns the manual instructions); action "record" marks the order paid by hand (cash, bank transfer, card at the shop).',
    tags: ["orders"],
    access: "member",
    params: IdParams,
    body: PaymentAction,
    async handle(c, { params, body }) {
      const paymentProvider = c.get("deps").providers.payments.name;
      const order = await tenantTx(
        c,
        (tx) => orderPayment(tx, params.id, body, { paymentProvider }),
      );
      return body.action === "link" ? await withPaymentLink(c, order) : order;
    },
  }),
};
