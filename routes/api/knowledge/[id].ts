import { api, IdParams, tenantTx } from "../../../lib/api.ts";
import { deleteKnowledge } from "../../../services/bot/knowledge.ts";

export const handler = {
  DELETE: api({
    summary: "Forget a knowledge entry",
    tags: ["knowledge"],
    access: "owner",
    params: IdParams,
    status: 204,
    handle: (c, { params }) => tenantTx(c, (tx) => deleteKnowledge(tx, params.id)),
  }),
};
