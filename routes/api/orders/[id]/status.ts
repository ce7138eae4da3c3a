import { api, IdParams, tenantTx } from "../../../../lib/api.ts";
import { setOrderStatus } from "../../../../services/orders/orders.ts";
import { OrderStatusUpdate } from "../../../../services/orders/schemas.ts";

export const handler = {
  PUT: api({
    summary: "Change an order's status",
    description:
      "pending → paid → shipped → delivered, and pending | paid → cancelled (the stock comes back). Other changes are 409 invalid_transition.",
    tags: ["orders"],
    access: "member",
    params: IdParams,
    body: OrderStatusUpdate,
    handle: (c, { params, body }) =>
      tenantTx(
        c,
        (tx) =>
          setOrderStatus(tx, params.id, body.status, { reason: body.reason, actor: "business" }),
      ),
  }),
};
