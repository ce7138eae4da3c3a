import { z } from "zod";
import { api, Id, tenantTx } from "../../../../../lib/api.ts";
import { deleteTimeOff } from "../../../../../services/staff/staff.ts";

export const handler = {
  DELETE: api({
    summary: "Remove a time-off entry",
    tags: ["staff"],
    access: "owner",
    params: z.object({ id: Id, entry: Id }),
    status: 204,
    handle: (c, { params }) => tenantTx(c, (tx) => deleteTimeOff(tx, params.id, params.entry)),
  }),
};
