import { api } from "../../../../lib/api.ts";
import { settlePayment } from "../../../../lib/payment_outcome.ts";
import { AppError, NotFoundError, ValidationError } from "../../../../services/errors.ts";
import {
  IyzicoError,
  IyzicoSignatureError,
  retrieveIyzicoPayment,
} from "../../../../services/payments/iyzico.ts";

export const handler = {
  POST: api({
    summary: "iyzico checkout form callback",
    description:
      "iyzico posts the customer back here with a token; the payment is retrieved from iyzico and its signature checked before the order is marked paid. The customer is then sent to /pay/done or /pay/failed.",
    tags: ["webhooks"],
    access: "public",
    async handle(c) {
      const { config, publicUrl } = c.get("deps");
      const { apiKey, secretKey, baseUrl } = config.iyzico;
      if (!apiKey || !secretKey) throw new NotFoundError("iyzico callback");
      const form = await c.req.parseBody();
      const token = typeof form.token === "string" ? form.token : "";
      if (!/^[A-Za-z0-9-]{8,200}$/.test(token)) {
        throw new ValidationError("The callback carries no valid token", { field: "token" });
      }
      let outcome;
      try {
        outcome = await retrieveIyzicoPayment(
          { apiKey, secretKey, baseUrl: baseUrl ?? "https://api.iyzipay.com" },
          token,
        );
      } catch (err) {
        if (err instanceof IyzicoSignatureError) {
          throw new AppError(400, "invalid_signature", err.message);
        }
        if (err instanceof IyzicoError && !err.retryable) {
          throw new AppError(400, "payment_not_found", err.message);
        }
        throw err;
      }
      await settlePayment(c.get("deps"), outcome);
      const page = outcome.status === "paid" ? "done" : "failed";
      return c.redirect(
        `${publicUrl}/pay/${page}?order=${encodeURIComponent(outcome.orderId)}`,
        303,
      );
    },
  }),
};
