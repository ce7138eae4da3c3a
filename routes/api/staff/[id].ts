import { z } from "zod";
import { api, IdParams, tenantTx } from "../../../lib/api.ts";
import { deleteStaff, getStaff, StaffUpdate, updateStaff } from "../../../services/staff/staff.ts";

export const handler = {
  GET: api({
    summary: "One staff member",
    tags: ["staff"],
    access: "member",
    params: IdParams,
    handle: (c, { params }) => tenantTx(c, (tx) => getStaff(tx, params.id)),
  }),
  PUT: api({
    summary: "Update a staff member",
    description: "working_hours and service_ids, when given, replace the stored lists.",
    tags: ["staff"],
    access: "owner",
    params: IdParams,
    body: StaffUpdate,
    handle: (c, { params, body }) => tenantTx(c, (tx) => updateStaff(tx, params.id, body)),
  }),
  DELETE: api({
    summary: "Deactivate a staff member, or remove one no appointment refers to",
    tags: ["staff"],
    access: "owner",
    params: IdParams,
    query: z.object({ hard: z.enum(["true", "false"]).default("false") }),
    handle: async (c, { params, query }) =>
      (await tenantTx(c, (tx) => deleteStaff(tx, params.id, query.hard === "true"))) ?? undefined,
  }),
};
