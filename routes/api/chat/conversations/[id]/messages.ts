import { z } from "zod";
import { api, IdParams, tenantTx } from "../../../../../lib/api.ts";
import { businessView } from "../../../../../lib/chat.ts";
import {
  appendMessage,
  getConversation,
  startHandover,
} from "../../../../../services/bot/conversations.ts";
import { ConflictError } from "../../../../../services/errors.ts";

export const handler = {
  POST: api({
    summary: "A person of the business answers the customer",
    description:
      "The customer sees the answer live in the widget. Answering takes the conversation over (handover) when the assistant still had it.",
    tags: ["chat"],
    access: "member",
    params: IdParams,
    body: z.object({ text: z.string().trim().min(1).max(4000) }).strict(),
    status: 201,
    handle: (c, { params, body, principal }) =>
      tenantTx(c, async (tx) => {
        const conversation = await getConversation(tx, params.id);
        if (conversation.status === "closed") {
          throw new ConflictError("The conversation is closed", "conversation_closed");
        }
        if (conversation.status === "active") await startHandover(tx, params.id, "taken over");
        const message = await appendMessage(tx, params.id, "staff", body.text, {
          user_id: principal.kind === "user" ? principal.userId : null,
        });
        return businessView(message);
      }),
  }),
};
