import { api, IdParams, tenantTx } from "../../../../lib/api.ts";
import { releaseHold } from "../../../../services/appointments/appointments.ts";

export const handler = {
  DELETE: api({
    summary: "Release a hold",
    tags: ["appointments"],
    access: "widget",
    params: IdParams,
    status: 204,
    handle: (c, { params }) => tenantTx(c, (tx) => releaseHold(tx, params.id)),
  }),
};
