import { z } from "zod";
import { actorId, api, IdParams, tenantTx } from "../../../lib/api.ts";
import {
  deleteOffering,
  getOffering,
  updateOffering,
} from "../../../services/offerings/offerings.ts";
import { OfferingUpdate } from "../../../services/offerings/schemas.ts";

export const handler = {
  GET: api({
    summary: "One offering",
    tags: ["offerings"],
    access: "widget",
    params: IdParams,
    handle: (c, { params, principal }) =>
      tenantTx(
        c,
        (tx) => getOffering(tx, params.id, { activeOnly: principal.kind === "publishable_key" }),
      ),
  }),
  PUT: api({
    summary: "Update an offering",
    description:
      "Any subset of the fields; meta_info is merged into the stored one and validated again.",
    tags: ["offerings"],
    access: "owner",
    params: IdParams,
    body: OfferingUpdate,
    handle: (c, { params, body }) =>
      tenantTx(c, (tx) => updateOffering(tx, params.id, body, actorId(c))),
  }),
  DELETE: api({
    summary: "Deactivate an offering, or remove one nothing refers to",
    description:
      "Without hard=true the offering is deactivated and returned. With hard=true it is removed (204), or 409 when appointments or orders refer to it.",
    tags: ["offerings"],
    access: "owner",
    params: IdParams,
    query: z.object({ hard: z.enum(["true", "false"]).default("false") }),
    handle: async (c, { params, query }) =>
      (await tenantTx(c, (tx) => deleteOffering(tx, params.id, query.hard === "true"))) ??
        undefined,
  }),
};
