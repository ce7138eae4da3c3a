import { api, IdParams, tenantTx } from "../../../../../lib/api.ts";
import { businessView } from "../../../../../lib/chat.ts";
import { StaffReply, staffReply } from "../../../../../services/bot/conversations.ts";

export const handler = {
  POST: api({
    summary: "A person of the business answers the customer",
    description:
      "The customer sees the answer live in the widget. Answering takes the conversation over (handover) when the assistant still had it.",
    tags: ["chat"],
    access: "member",
    params: IdParams,
    body: StaffReply,
    status: 201,
    handle: (c, { params, body, principal }) =>
      tenantTx(c, async (tx) =>
        businessView(
          await staffReply(
            tx,
            params.id,
            body.text,
            principal.kind === "user" ? principal.userId : null,
          ),
        )),
  }),
};
