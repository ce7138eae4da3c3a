import { api, IdParams, tenantTx } from "../../../lib/api.ts";
import { markNotificationRead } from "../../../services/notifications.ts";

export const handler = {
  PUT: api({
    summary: "Mark a notification read",
    tags: ["notifications"],
    access: "member",
    params: IdParams,
    handle: (c, { params }) => tenantTx(c, (tx) => markNotificationRead(tx, params.id)),
  }),
};
