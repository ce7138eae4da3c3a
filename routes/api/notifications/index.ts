import { z } from "zod";
import { api, tenantTx } from "../../../lib/api.ts";
import { listNotifications } from "../../../services/notifications.ts";

export const handler = {
  GET: api({
    summary: "The business's notifications (low stock, refunds needed)",
    tags: ["notifications"],
    access: "member",
    query: z.object({ unread: z.enum(["true", "false"]).default("false") }),
    handle: (c, { query }) =>
      tenantTx(c, async (tx) => ({
        data: await listNotifications(tx, { unreadOnly: query.unread === "true" }),
      })),
  }),
};
