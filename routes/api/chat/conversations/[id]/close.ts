import { api, IdParams, tenantTx } from "../../../../../lib/api.ts";
import { closeConversation } from "../../../../../services/bot/conversations.ts";

export const handler = {
  POST: api({
    summary: "Close a conversation (resolved)",
    description: "The customer writing again reopens it for the assistant.",
    tags: ["chat"],
    access: "member",
    params: IdParams,
    handle: (c, { params }) =>
      tenantTx(c, async (tx) => {
        const conversation = await closeConversation(tx, params.id);
        return { conversation_id: conversation.id, status: conversation.status };
      }),
  }),
};
