import { api } from "../../../lib/api.ts";
import { settlePayment } from "../../../lib/payment_outcome.ts";
import { AppError, NotFoundError } from "../../../services/errors.ts";
import { parseStripeWebhook, WebhookSignatureError } from "../../../services/payments/stripe.ts";

export const handler = {
  POST: api({
    summary: "Stripe webhook",
    description:
      "Checkout Session events, verified with the Stripe-Signature header (constructEventAsync): completed marks the order paid, expired cancels it and returns its stock. Forged or stale events get 400.",
    tags: ["webhooks"],
    access: "public",
    async handle(c) {
      const { config } = c.get("deps");
      const secret = config.stripe.webhookSecret;
      if (!secret) throw new NotFoundError("Stripe webhook");
      const raw = await c.req.text();
      let outcome;
      try {
        outcome = await parseStripeWebhook(
          { webhookSecret: secret },
          raw,
          c.req.header("stripe-signature") ?? null,
        );
      } catch (err) {
        if (err instanceof WebhookSignatureError) {
          throw new AppError(400, "invalid_signature", err.message);
        }
        throw err;
      }
      if (outcome) await settlePayment(c.get("deps"), outcome);
      return { received: true };
    },
  }),
};
