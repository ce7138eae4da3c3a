/**
 * Chooses the payment and SMS providers and the website crawler once, at start, from the
 * configuration: the one named or configured, else the offline implementation (manual payment,
 * the SMS outbox, the built-in fetcher).
 * @module
 */
import { createIyzicoProvider } from "../services/payments/iyzico.ts";
import { createManualProvider } from "../services/payments/manual.ts";
import { createStripeProvider } from "../services/payments/stripe.ts";
import type { HandlerDeps } from "../services/jobs/handlers.ts";
import { createNetgsmProvider } from "../services/sms/netgsm.ts";
import { createOutboxProvider } from "../services/sms/outbox.ts";
import { createTwilioProvider } from "../services/sms/twilio.ts";
import type { Config } from "./config.ts";
import { createBuiltinCrawler } from "../services/scraper/builtin.ts";
import { createFirecrawlCrawler } from "../services/scraper/firecrawl.ts";

/** The providers the process uses. */
export type Providers = Pick<HandlerDeps, "sms" | "payments" | "crawler">;

/** Builds the configured providers. */
export function createProviders(config: Config): Providers {
  const payments = config.paymentProvider === "stripe"
    ? createStripeProvider({
      secretKey: config.stripe.secretKey!,
      webhookSecret: config.stripe.webhookSecret!,
      apiBase: config.stripe.apiBase,
    })
    : config.paymentProvider === "iyzico"
    ? createIyzicoProvider({
      apiKey: config.iyzico.apiKey!,
      secretKey: config.iyzico.secretKey!,
      baseUrl: config.iyzico.baseUrl,
    })
    : createManualProvider();
  const sms = config.smsProvider === "twilio"
    ? createTwilioProvider({
      accountSid: config.twilio.accountSid!,
      authToken: config.twilio.authToken!,
      from: config.twilio.from!,
      apiBase: config.twilio.apiBase,
    })
    : config.smsProvider === "netgsm"
    ? createNetgsmProvider({
      usercode: config.netgsm.usercode!,
      password: config.netgsm.password!,
      header: config.netgsm.header!,
      apiUrl: config.netgsm.apiUrl,
    })
    : createOutboxProvider();
  const crawler = config.firecrawl.apiKey
    ? createFirecrawlCrawler({ apiKey: config.firecrawl.apiKey, apiUrl: config.firecrawl.apiUrl })
    : createBuiltinCrawler({ allowPrivate: config.scrapeAllowPrivate });
  return { payments, sms, crawler };
}
