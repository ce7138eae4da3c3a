import { api, tenantTx } from "../../../lib/api.ts";
import { listSms } from "../../../services/sms/outbox.ts";

export const handler = {
  GET: api({
    summary: "The SMS outbox and delivery states",
    description:
      "Every SMS the business's customers were sent (or, with no SMS provider, that waits in the outbox), newest first.",
    tags: ["notifications"],
    access: "member",
    handle: (c) =>
      tenantTx(c, async (tx) => ({
        provider: c.get("deps").providers.sms.name,
        data: await listSms(tx),
      })),
  }),
};
