import { api, IdParams, tenantTx } from "../../../../../lib/api.ts";
import { addTimeOff, getStaff, TimeOffCreate } from "../../../../../services/staff/staff.ts";

export const handler = {
  GET: api({
    summary: "A staff member's coming time off",
    tags: ["staff"],
    access: "member",
    params: IdParams,
    handle: (c, { params }) =>
      tenantTx(c, async (tx) => ({ data: (await getStaff(tx, params.id)).time_off })),
  }),
  POST: api({
    summary: "Record time off",
    tags: ["staff"],
    access: "owner",
    params: IdParams,
    body: TimeOffCreate,
    status: 201,
    handle: (c, { params, body }) => tenantTx(c, (tx) => addTimeOff(tx, params.id, body)),
  }),
};
