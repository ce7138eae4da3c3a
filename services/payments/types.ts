/**
 * The payment provider interface. `manual` (pay at the shop or by bank transfer) serves when no
 * provider is configured; `stripe` and `iyzico` create hosted checkout pages. Amounts are whole
 * kuruş, VAT included, as Turkish shops show prices.
 * @module
 */

/** One line of an order as the checkout page shows it. */
export interface CheckoutLine {
  name: string;
  quantity: number;
  /** Gross unit price (KDV included), in kuruş. */
  unitAmountKurus: number;
}

/** What a provider needs to open a checkout for an order. */
export interface CheckoutRequest {
  tenantId: string;
  orderId: string;
  orderNumber: string;
  currency: "TRY";
  lines: CheckoutLine[];
  /** Shipping cost in kuruş (0 when free). */
  shippingKurus: number;
  /** The order's total in kuruş: lines plus shipping. */
  totalKurus: number;
  customer: {
    name: string;
    /** E.164, e.g. +905321234567. */
    phone: string;
    email?: string | null;
    address?: { street: string; city: string; district?: string; postal_code?: string } | null;
  };
  /** Where the customer lands after paying. */
  successUrl: string;
  /** Where the customer lands after giving up. */
  cancelUrl: string;
  /** Where the provider posts the customer back (iyzico's callbackUrl). */
  callbackUrl: string;
  /** Passed to the provider so a retried call never opens a second checkout. */
  idempotencyKey: string;
  /**
   * When the checkout stops taking payment. Fixed when the order is placed, so that a retried
   * call sends the very same request (Stripe refuses an idempotency key reused with other values).
   */
  expiresAt: Date;
  locale: "tr" | "en";
  /** The business's instructions for manual payment (bank transfer, pay at the shop). */
  manualInstructions?: string;
}

/** An opened checkout: a link to send the customer, or instructions for paying by hand. */
export interface CheckoutSession {
  provider: "manual" | "stripe" | "iyzico";
  /** The provider's id of the session or token (Stripe `cs_…`, iyzico token); null for manual. */
  reference: string | null;
  /** The payment link; null for manual. */
  url: string | null;
  expiresAt: Date | null;
  /** For manual payment: what the customer should do. */
  instructions: string | null;
}

/** The outcome of a payment, as a webhook or callback reports it. */
export interface PaymentOutcome {
  provider: "stripe" | "iyzico";
  /** What happened: paid, the checkout expired, or the payment failed. */
  status: "paid" | "expired" | "failed";
  tenantId: string;
  orderId: string;
  /** The provider's reference (session id, payment id). */
  reference: string;
  /** Amount paid in kuruş, when paid. */
  amountKurus: number | null;
  /** The provider's event id, for idempotent handling. */
  eventId: string;
}

/** A payment provider. */
export interface PaymentProvider {
  readonly name: "manual" | "stripe" | "iyzico";
  /** Opens a checkout for an order. */
  createCheckout(request: CheckoutRequest): Promise<CheckoutSession>;
}

/** A payment provider refused or could not be reached; `retryable` says whether trying again may work. */
export class PaymentProviderError extends Error {
  readonly retryable: boolean;
  readonly providerCode: string | null;
  constructor(message: string, retryable: boolean, providerCode: string | null = null) {
    super(message);
    this.name = new.target.name;
    this.retryable = retryable;
    this.providerCode = providerCode;
  }
}
