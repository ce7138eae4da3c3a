import { z } from "zod";
import { api, IdParams, tenantTx } from "../../../../lib/api.ts";
import { businessView, customerView } from "../../../../lib/chat.ts";
import { isMember } from "../../../../services/auth/principal.ts";
import { listMessages, openConversation } from "../../../../services/bot/conversations.ts";
import { NotFoundError } from "../../../../services/errors.ts";

export const handler = {
  GET: api({
    summary: "A conversation's messages",
    description:
      "For its customer (the X-Conversation-Token header, or ?token=) and for the business, which also sees the tool calls the assistant made. after_seq returns only later messages.",
    tags: ["chat"],
    access: "widget",
    params: IdParams,
    query: z.object({
      token: z.string().max(200).optional(),
      after_seq: z.coerce.number().int().min(0).default(0),
    }),
    handle: (c, { params, query, principal }) =>
      tenantTx(c, async (tx) => {
        const member = isMember(principal);
        const opened = await openConversation(tx, params.id, {
          token: c.req.header("x-conversation-token") ?? query.token,
          trusted: member,
        });
        if (!opened) throw new NotFoundError("Conversation");
        const { conversation } = opened;
        const messages = await listMessages(tx, params.id, query.after_seq);
        return member ? { conversation, messages: messages.map(businessView) } : {
          conversation: {
            id: conversation.id,
            status: conversation.status,
            locale: conversation.locale,
          },
          messages: messages.map(customerView),
        };
      }),
  }),
};
