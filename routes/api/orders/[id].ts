import { api, IdParams, tenantTx } from "../../../lib/api.ts";
import { getOrder } from "../../../services/orders/orders.ts";

export const handler = {
  GET: api({
    summary: "One order with its lines",
    tags: ["orders"],
    access: "member",
    params: IdParams,
    handle: (c, { params }) => tenantTx(c, (tx) => getOrder(tx, params.id)),
  }),
};
