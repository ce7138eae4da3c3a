import { api, IdParams, tenantTx } from "../../../../../lib/api.ts";
import { conversationChannel } from "../../../../../lib/deps.ts";
import { getConversation } from "../../../../../services/bot/conversations.ts";

export const handler = {
  POST: api({
    summary: "Tell the customer a person is typing",
    tags: ["chat"],
    access: "member",
    params: IdParams,
    status: 204,
    async handle(c, { params }) {
      await tenantTx(c, (tx) => getConversation(tx, params.id));
      await c.get("deps").kv.publish(
        conversationChannel(params.id),
        JSON.stringify({ type: "typing", data: { who: "staff" } }),
      );
    },
  }),
};
