import { z } from "zod";
import { api, tenantTx } from "../../../lib/api.ts";
import { isMember } from "../../../services/auth/principal.ts";
import { openConversation, startHandover } from "../../../services/bot/conversations.ts";
import { NotFoundError } from "../../../services/errors.ts";

export const handler = {
  POST: api({
    summary: "Hand a conversation to a person",
    description:
      "The customer (with the conversation's id, and its token when it has one) asks for a person, or a user of the business takes over. The assistant stops answering until the conversation is handed back.",
    tags: ["chat"],
    access: "widget",
    body: z.object({
      conversation_id: z.guid(),
      conversation_token: z.string().min(1).max(200).optional(),
      reason: z.string().max(500).optional(),
    }).strict(),
    handle: (c, { body, principal }) =>
      tenantTx(c, async (tx) => {
        const opened = await openConversation(tx, body.conversation_id, {
          token: c.req.header("x-conversation-token") ?? body.conversation_token,
          trusted: isMember(principal),
          idIsEnough: true,
        });
        if (!opened) throw new NotFoundError("Conversation");
        const conversation = await startHandover(tx, body.conversation_id, body.reason ?? null);
        return { conversation_id: conversation.id, status: conversation.status };
      }),
  }),
};
