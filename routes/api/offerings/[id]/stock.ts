import { actorId, api, IdParams, tenantTx } from "../../../../lib/api.ts";
import { adjustStock, listStockMovements } from "../../../../services/offerings/offerings.ts";
import { StockAdjustment } from "../../../../services/offerings/schemas.ts";

export const handler = {
  GET: api({
    summary: "A product's stock movements",
    tags: ["offerings"],
    access: "member",
    params: IdParams,
    handle: (c, { params }) =>
      tenantTx(c, async (tx) => ({ data: await listStockMovements(tx, params.id) })),
  }),
  POST: api({
    summary: "Adjust a product's stock",
    description: "A signed change recorded in the stock ledger; 409 when it would go below zero.",
    tags: ["offerings"],
    access: "owner",
    params: IdParams,
    body: StockAdjustment,
    handle: (c, { params, body }) =>
      tenantTx(c, (tx) => adjustStock(tx, params.id, body, actorId(c))),
  }),
};
