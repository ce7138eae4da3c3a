import { api, IdParams, tenantTx } from "../../../lib/api.ts";
import { getImport } from "../../../services/scraper/imports.ts";

export const handler = {
  GET: api({
    summary: "One website import and its progress",
    tags: ["knowledge"],
    access: "member",
    params: IdParams,
    handle: (c, { params }) => tenantTx(c, (tx) => getImport(tx, params.id)),
  }),
};
