import { api, IdParams, tenantTx } from "../../../../../lib/api.ts";
import { handBack } from "../../../../../services/bot/conversations.ts";

export const handler = {
  POST: api({
    summary: "Give the conversation back to the assistant",
    tags: ["chat"],
    access: "member",
    params: IdParams,
    handle: (c, { params }) =>
      tenantTx(c, async (tx) => {
        const conversation = await handBack(tx, params.id);
        return { conversation_id: conversation.id, status: conversation.status };
      }),
  }),
};
