/**
 * Stripe: a hosted Checkout Session per order, opened through the official SDK on `fetch`, and
 * webhooks verified with `constructEventAsync` on Web Crypto, so it runs on Deno and Deno Deploy.
 * @module
 */
import Stripe from "stripe";
import type { CheckoutRequest, CheckoutSession, PaymentOutcome, PaymentProvider } from "./types.ts";
import { PaymentProviderError } from "./types.ts";

/** What the Stripe webhook parser needs. */
export interface StripeWebhookConfig {
  /** The endpoint's signing secret, `whsec_…`. */
  webhookSecret: string;
  /** How old a signed event may be, in seconds (Stripe's default: 300). */
  toleranceSeconds?: number;
}

/** Settings for the Stripe provider. */
export interface StripeConfig extends StripeWebhookConfig {
  /** `sk_live_…`, `sk_test_…` or a restricted `rk_…` key. */
  secretKey: string;
  /** Another API origin such as `http://127.0.0.1:4242` (tests); Stripe's own when unset. */
  apiBase?: string;
  /** Per-request timeout in milliseconds. */
  timeoutMs?: number;
  /** Retries on network errors and 5xx; safe because every create carries an idempotency key. */
  maxNetworkRetries?: number;
}

/** The Stripe provider, with the extra operation a cancelled order needs. */
export interface StripeProvider extends PaymentProvider {
  readonly name: "stripe";
  /** Closes an open Checkout Session so it can no longer be paid. */
  expireCheckout(sessionId: string): Promise<void>;
}

/** Stripe refused or could not be reached. */
export class StripeCheckoutError extends PaymentProviderError {}

/** A webhook whose `Stripe-Signature` is missing, malformed, stale or does not match the body. */
export class WebhookSignatureError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "WebhookSignatureError";
  }
}

const SHIPPING_NAME = { tr: "Kargo", en: "Shipping" } as const;

/** Builds an SDK client for the given settings (Stripe's API, or `apiBase` when set). */
export function createStripeClient(config: StripeConfig): Stripe {
  const options: ConstructorParameters<typeof Stripe>[1] = {
    httpClient: Stripe.createFetchHttpClient(),
    maxNetworkRetries: config.maxNetworkRetries ?? 2,
    timeout: config.timeoutMs ?? 20_000,
    telemetry: false,
  };
  if (config.apiBase) {
    const base = new URL(config.apiBase);
    const protocol = base.protocol === "http:" ? "http" : "https";
    options.protocol = protocol;
    options.host = base.hostname;
    options.port = base.port || (protocol === "http" ? 80 : 443);
  }
  return new Stripe(config.secretKey, options);
}

/** Builds the Checkout Session parameters for an order (amounts in kuruş, Stripe's unit for TRY). */
export function checkoutParams(request: CheckoutRequest): Stripe.Checkout.SessionCreateParams {
  assertTotals(request);
  const currency = request.currency.toLowerCase();
  const lineItems: Stripe.Checkout.SessionCreateParams.LineItem[] = request.lines.map((line) => ({
    quantity: line.quantity,
    price_data: { currency, unit_amount: line.unitAmountKurus, product_data: { name: line.name } },
  }));
  if (request.shippingKurus > 0) {
    lineItems.push({
      quantity: 1,
      price_data: {
        currency,
        unit_amount: request.shippingKurus,
        product_data: { name: SHIPPING_NAME[request.locale] },
      },
    });
  }
  const metadata = {
    tenant_id: request.tenantId,
    order_id: request.orderId,
    order_number: request.orderNumber,
  };
  const params: Stripe.Checkout.SessionCreateParams = {
    mode: "payment",
    currency,
    line_items: lineItems,
    metadata,
    payment_intent_data: { metadata },
    client_reference_id: request.orderId,
    success_url: request.successUrl,
    cancel_url: request.cancelUrl,
    locale: request.locale,
    expires_at: Math.floor(request.expiresAt.getTime() / 1000),
  };
  if (request.customer.email) params.customer_email = request.customer.email;
  return params;
}

/** Creates the Stripe provider. */
export function createStripeProvider(config: StripeConfig): StripeProvider {
  const stripe = createStripeClient(config);
  return {
    name: "stripe",
    async createCheckout(request: CheckoutRequest): Promise<CheckoutSession> {
      const params = checkoutParams(request);
      let session: Stripe.Checkout.Session;
      try {
        session = await stripe.checkout.sessions.create(params, {
          idempotencyKey: request.idempotencyKey,
        });
      } catch (error) {
        throw toCheckoutError("Cannot create Stripe checkout", error);
      }
      if (!session.url) {
        throw new StripeCheckoutError(
          `Cannot create Stripe checkout: session ${session.id} has no URL`,
          false,
        );
      }
      return {
        provider: "stripe",
        reference: session.id,
        url: session.url,
        expiresAt: new Date(session.expires_at * 1000),
        instructions: null,
      };
    },
    async expireCheckout(sessionId: string): Promise<void> {
      try {
        await stripe.checkout.sessions.expire(sessionId);
      } catch (error) {
        throw toCheckoutError("Cannot expire Stripe checkout", error);
      }
    },
  };
}

const cryptoProvider = Stripe.createSubtleCryptoProvider();

/**
 * Verifies a webhook and turns a Checkout event into a payment outcome; null for events that do
 * not settle an Arma order. Throws `WebhookSignatureError` when the signature does not hold.
 */
export async function parseStripeWebhook(
  config: StripeWebhookConfig,
  rawBody: string,
  signatureHeader: string | null,
): Promise<PaymentOutcome | null> {
  if (!signatureHeader) {
    throw new WebhookSignatureError("Cannot verify Stripe webhook: Stripe-Signature is missing");
  }
  let event: Stripe.Event;
  try {
    event = await Stripe.webhooks.constructEventAsync(
      rawBody,
      signatureHeader,
      config.webhookSecret,
      config.toleranceSeconds,
      cryptoProvider,
    );
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new WebhookSignatureError(`Cannot verify Stripe webhook: ${detail}`, { cause: error });
  }
  return outcomeOf(event);
}

/** Maps a verified event to an outcome; null when it is not a Checkout event Arma acts on. */
export function outcomeOf(event: Stripe.Event): PaymentOutcome | null {
  let status: PaymentOutcome["status"];
  let session: Stripe.Checkout.Session;
  switch (event.type) {
    case "checkout.session.completed":
      session = event.data.object;
      // Delayed methods complete the session unpaid; their result comes in a later event.
      if (session.payment_status !== "paid") return null;
      status = "paid";
      break;
    case "checkout.session.async_payment_succeeded":
      session = event.data.object;
      status = "paid";
      break;
    case "checkout.session.async_payment_failed":
      session = event.data.object;
      status = "failed";
      break;
    case "checkout.session.expired":
      session = event.data.object;
      status = "expired";
      break;
    default:
      return null;
  }
  const tenantId = session.metadata?.tenant_id;
  const orderId = session.metadata?.order_id ?? session.client_reference_id;
  // A session opened by something other than Arma on the same account is none of our business.
  if (!tenantId || !orderId) return null;
  return {
    provider: "stripe",
    status,
    tenantId,
    orderId,
    reference: session.id,
    amountKurus: status === "paid" ? session.amount_total ?? null : null,
    eventId: event.id,
  };
}

function assertTotals(request: CheckoutRequest): void {
  const bad = request.lines.find((l) =>
    !Number.isInteger(l.quantity) || l.quantity < 1 || !Number.isInteger(l.unitAmountKurus) ||
    l.unitAmountKurus < 0
  );
  if (bad) {
    throw new RangeError(`Cannot open checkout: line "${bad.name}" has a bad quantity or price`);
  }
  const sum = request.lines.reduce((s, l) => s + l.unitAmountKurus * l.quantity, 0) +
    request.shippingKurus;
  if (sum !== request.totalKurus) {
    throw new RangeError(
      `Cannot open checkout: lines and shipping add up to ${sum} kuruş, the order says ${request.totalKurus}`,
    );
  }
  if (request.totalKurus <= 0) throw new RangeError("Cannot open checkout: the total is zero");
}

function toCheckoutError(action: string, error: unknown): StripeCheckoutError {
  if (error instanceof Stripe.errors.StripeError) {
    const status = error.statusCode ?? 0;
    const retryable = error instanceof Stripe.errors.StripeConnectionError ||
      error instanceof Stripe.errors.StripeRateLimitError ||
      error instanceof Stripe.errors.StripeAPIError || status === 409 || status === 429 ||
      status >= 500;
    const code = error.code ?? error.type ?? null;
    return new StripeCheckoutError(`${action}: ${error.message}`, retryable, code);
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new StripeCheckoutError(`${action}: ${detail}`, true);
}
