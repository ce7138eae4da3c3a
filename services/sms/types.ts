/**
 * The SMS provider interface. `outbox` (stored and shown to the business, nothing leaves) serves
 * when no provider is configured; `twilio` and `netgsm` send for real. Only informational messages
 * are sent: confirmations, reminders, cancellations, order and payment notices.
 * @module
 */

/** One message to send. */
export interface SmsMessage {
  /** E.164 recipient, e.g. +905321234567. */
  to: string;
  body: string;
  /** Stable per message: a retried send carries the same key. */
  idempotencyKey: string;
  /** Where the provider reports delivery (Twilio's StatusCallback). */
  statusCallbackUrl?: string;
}

/** What the provider said when it took the message. */
export interface SmsResult {
  provider: "outbox" | "twilio" | "netgsm";
  /** The provider's id of the message (Twilio SID, Netgsm job id); null for the outbox. */
  providerId: string | null;
  status: "queued" | "sent" | "delivered" | "failed";
}

/** A delivery report from a provider. */
export interface SmsStatusUpdate {
  providerId: string;
  status: "queued" | "sent" | "delivered" | "failed" | "undelivered";
  errorCode?: string | null;
}

/** An SMS provider. Throws `SmsSendError` when the provider refuses or cannot be reached. */
export interface SmsProvider {
  readonly name: "outbox" | "twilio" | "netgsm";
  send(message: SmsMessage): Promise<SmsResult>;
}

/** A send that failed; `retryable` says whether trying again later may work. */
export class SmsSendError extends Error {
  readonly retryable: boolean;
  readonly providerCode: string | null;
  constructor(message: string, retryable: boolean, providerCode: string | null = null) {
    super(message);
    this.name = "SmsSendError";
    this.retryable = retryable;
    this.providerCode = providerCode;
  }
}
