import { z } from "zod";
import { api, tenantTx } from "../../../../lib/api.ts";
import { listConversations } from "../../../../services/bot/conversations.ts";
import { PageQuery } from "../../../../services/pagination.ts";

export const handler = {
  GET: api({
    summary: "The inbox: conversations, latest activity first",
    tags: ["chat"],
    access: "member",
    query: PageQuery.extend({ status: z.enum(["active", "handover", "closed"]).optional() }),
    handle: (c, { query }) => tenantTx(c, (tx) => listConversations(tx, query)),
  }),
};
