/**
 * Twilio: messages sent through the official SDK, delivery reports verified with the SDK's
 * `validateRequest` (`X-Twilio-Signature`, HMAC-SHA1 over the URL and the sorted POST parameters).
 * @module
 */
import twilio from "twilio";
import { SmsSendError } from "./types.ts";
import type { SmsMessage, SmsProvider, SmsResult, SmsStatusUpdate } from "./types.ts";

/** Settings for the Twilio provider. */
export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  /** A sending number in E.164, an alphanumeric sender, or a Messaging Service SID (`MG…`). */
  from: string;
  /** Another API origin such as `http://127.0.0.1:5000` (tests); Twilio's own when unset. */
  apiBase?: string;
  /** Per-request timeout in milliseconds. */
  timeoutMs?: number;
}

/** The Twilio provider. */
export interface TwilioProvider extends SmsProvider {
  readonly name: "twilio";
}

/** What Twilio puts in an error response, as the SDK's exceptions carry it. */
interface RestError {
  status: number;
  code?: number;
  message?: string;
}

function isRestError(error: unknown): error is RestError {
  return error instanceof Error && typeof (error as Partial<RestError>).status === "number";
}

/** Creates the Twilio provider. */
export function createTwilioProvider(config: TwilioConfig): TwilioProvider {
  const client = twilio(config.accountSid, config.authToken, {
    autoRetry: false, // retries belong to the jobs worker, which backs off across restarts
    timeout: config.timeoutMs ?? 20_000,
    env: {},
  });
  // The SDK builds every Messages URL from its Api domain's base URL; that is the one knob that
  // points it elsewhere without replacing its HTTP client.
  if (config.apiBase) client.api.baseUrl = config.apiBase.replace(/\/+$/, "");
  const sender = config.from.startsWith("MG")
    ? { messagingServiceSid: config.from }
    : { from: config.from };
  return {
    name: "twilio",
    async send(message: SmsMessage): Promise<SmsResult> {
      try {
        const sent = await client.messages.create({
          ...sender,
          to: message.to,
          body: message.body,
          ...(message.statusCallbackUrl ? { statusCallback: message.statusCallbackUrl } : {}),
        });
        return { provider: "twilio", providerId: sent.sid, status: resultStatus(sent.status) };
      } catch (error) {
        throw toSendError(error);
      }
    },
  };
}

/** True when `signature` (the `X-Twilio-Signature` header) signs `url` and the POST params. */
export function verifyTwilioSignature(
  authToken: string,
  url: string,
  params: Record<string, string>,
  signature: string | null,
): boolean {
  if (!signature) return false;
  return twilio.validateRequest(authToken, signature, url, params);
}

/** Reads a status callback's parameters; null when it is not a message status Arma tracks. */
export function parseTwilioStatus(
  params: Record<string, string> | URLSearchParams,
): SmsStatusUpdate | null {
  const get = (k: string) =>
    params instanceof URLSearchParams ? params.get(k) ?? undefined : params[k];
  const providerId = get("MessageSid") ?? get("SmsSid");
  const raw = get("MessageStatus") ?? get("SmsStatus");
  if (!providerId || !raw) return null;
  const status = callbackStatus(raw);
  if (!status) return null;
  const errorCode = get("ErrorCode");
  return { providerId, status, errorCode: errorCode ? errorCode : null };
}

function callbackStatus(raw: string): SmsStatusUpdate["status"] | null {
  switch (raw) {
    case "accepted":
    case "scheduled":
    case "queued":
      return "queued";
    case "sending":
    case "sent":
      return "sent";
    case "delivered":
    case "read":
      return "delivered";
    case "failed":
    case "canceled":
      return "failed";
    case "undelivered":
      return "undelivered";
    default:
      return null;
  }
}

function resultStatus(raw: string): SmsResult["status"] {
  const status = callbackStatus(raw);
  if (status === "undelivered") return "failed";
  return status ?? "queued";
}

function toSendError(error: unknown): SmsSendError {
  // RestException (the classic format) and TwilioServiceException (RFC 9457) both carry these.
  if (isRestError(error)) {
    const e = error;
    const status = e.status;
    const code = e.code !== undefined ? String(e.code) : null;
    const retryable = status === 429 || status >= 500 || code === "20429";
    const detail = e.message || `HTTP ${status}`;
    return new SmsSendError(`Cannot send SMS with Twilio: ${detail}`, retryable, code);
  }
  // No answer at all (refused connection, timeout, DNS): the message did not reach Twilio.
  const detail = error instanceof Error ? error.message : String(error);
  return new SmsSendError(`Cannot send SMS with Twilio: ${detail}`, true, null);
}
