import { api } from "../../../lib/api.ts";
import { withTenant } from "../../../db/tenant.ts";
import { AppError, NotFoundError } from "../../../services/errors.ts";
import { applySmsStatus } from "../../../services/sms/outbox.ts";
import { parseTwilioStatus, verifyTwilioSignature } from "../../../services/sms/twilio.ts";

export const handler = {
  POST: api({
    summary: "Twilio message status callback",
    description:
      "Delivery reports for sent SMS, verified with the X-Twilio-Signature header over this URL and the posted fields.",
    tags: ["webhooks"],
    access: "public",
    async handle(c) {
      const { config, publicUrl, db } = c.get("deps");
      const token = config.twilio.authToken;
      if (!token) throw new NotFoundError("Twilio webhook");
      const form = await c.req.parseBody();
      const params = Object.fromEntries(
        Object.entries(form).filter((e): e is [string, string] => typeof e[1] === "string"),
      );
      const url = `${publicUrl}/api/webhooks/twilio`;
      if (!verifyTwilioSignature(token, url, params, c.req.header("x-twilio-signature") ?? null)) {
        throw new AppError(403, "invalid_signature", "The Twilio signature does not match");
      }
      const update = parseTwilioStatus(params);
      if (!update) return c.body(null, 204);
      const [found] = await db.sql<{ tenant_id: string; id: string }[]>`
        select * from arma_lookup_sms('twilio', ${update.providerId})`;
      if (found) {
        await withTenant(db, found.tenant_id, (tx) => applySmsStatus(tx, found.id, update));
      }
      return c.body(null, 204);
    },
  }),
};
