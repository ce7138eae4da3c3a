import { api, tenantTx } from "../../../lib/api.ts";
import { TotalsRequest } from "../../../services/orders/schemas.ts";
import { computeTotals } from "../../../services/orders/totals.ts";

export const handler = {
  POST: api({
    summary: "Calculate an order's total without placing it",
    description:
      "The same computation as placing an order: lines with net, KDV and gross, shipping, total, and whether each line is in stock.",
    tags: ["orders"],
    access: "widget",
    body: TotalsRequest,
    handle: (c, { body }) =>
      tenantTx(c, (tx) => computeTotals(tx, body.items, { delivery: body.delivery })),
  }),
};
