/**
 * Netgsm: the Turkish SMS gateway's REST v2 `send` endpoint over `fetch` (Basic auth with the
 * subscriber code and API password, JSON body, Turkish encoding). Only answer code "00" is a send.
 * @module
 */
import { SmsSendError } from "./types.ts";
import type { SmsMessage, SmsProvider, SmsResult } from "./types.ts";

/** Settings for the Netgsm provider. */
export interface NetgsmConfig {
  /** Subscriber number (usercode), e.g. 850xxxxxxx. */
  usercode: string;
  /** The API sub-user's password. */
  password: string;
  /** An approved sender name (msgheader). */
  header: string;
  /** The send endpoint; Netgsm's own when unset. */
  apiUrl?: string;
  /** Per-request timeout in milliseconds. */
  timeoutMs?: number;
}

/** The Netgsm provider. */
export interface NetgsmProvider extends SmsProvider {
  readonly name: "netgsm";
}

/** Netgsm's REST v2 send endpoint. */
export const NETGSM_SEND_URL = "https://api.netgsm.com.tr/sms/rest/v2/send";

/** What each `/sms/rest/v2/send` answer code means, and whether sending later may work. */
export const NETGSM_CODES: Readonly<Record<string, { meaning: string; retryable: boolean }>> = {
  "00": { meaning: "accepted", retryable: false },
  "20": { meaning: "message text problem or over the maximum length", retryable: false },
  "30": {
    meaning: "invalid usercode or password, no API access, or request from an unallowed IP",
    retryable: false,
  },
  "40": { meaning: "sender name (msgheader) is not defined for the account", retryable: false },
  "50": { meaning: "İYS-controlled sending is not allowed for the account", retryable: false },
  "51": { meaning: "no İYS brand information for the account", retryable: false },
  "70": { meaning: "invalid request: a parameter is wrong or missing", retryable: false },
  "80": { meaning: "sending rate limit exceeded", retryable: true },
  "85": {
    meaning: "duplicate limit: over 20 tasks for the same number within a minute",
    retryable: true,
  },
  "100": { meaning: "Netgsm system error", retryable: true },
  "101": { meaning: "Netgsm system error", retryable: true },
};

/** Writes an E.164 number as Netgsm expects: 5xxxxxxxxx in Turkey, 00 + digits abroad. */
export function netgsmNumber(e164: string): string {
  const digits = e164.replace(/\D/g, "");
  if (/^90\d{10}$/.test(digits)) return digits.slice(2);
  return `00${digits}`;
}

/** Creates the Netgsm provider. */
export function createNetgsmProvider(config: NetgsmConfig): NetgsmProvider {
  const url = config.apiUrl ?? NETGSM_SEND_URL;
  const auth = `Basic ${base64Utf8(`${config.usercode}:${config.password}`)}`;
  return {
    name: "netgsm",
    async send(message: SmsMessage): Promise<SmsResult> {
      const body = JSON.stringify({
        msgheader: config.header,
        messages: [{ msg: message.body, no: netgsmNumber(message.to) }],
        encoding: "TR",
        // "0": informational content, outside İYS commercial-consent filtering.
        iysfilter: "0",
      });
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), config.timeoutMs ?? 20_000);
      let response: Response;
      let text: string;
      try {
        response = await fetch(url, {
          method: "POST",
          headers: {
            "Authorization": auth,
            "Content-Type": "application/json",
            "Accept": "application/json",
          },
          body,
          signal: controller.signal,
        });
        text = await response.text();
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        throw new SmsSendError(`Cannot send SMS with Netgsm: ${detail}`, true, null);
      } finally {
        clearTimeout(timer);
      }
      const answer = readAnswer(text);
      if (answer.code === "00") {
        if (!answer.jobid) {
          throw new SmsSendError(
            "Cannot send SMS with Netgsm: code 00 without a jobid",
            false,
            "00",
          );
        }
        return { provider: "netgsm", providerId: answer.jobid, status: "queued" };
      }
      if (answer.code === null) {
        const retryable = response.status >= 500 || response.status === 429;
        throw new SmsSendError(
          `Cannot send SMS with Netgsm: HTTP ${response.status} without an answer code`,
          retryable,
          null,
        );
      }
      const known = NETGSM_CODES[answer.code];
      const meaning = known?.meaning ?? answer.description ?? "unknown answer code";
      throw new SmsSendError(
        `Cannot send SMS with Netgsm: ${meaning} (code ${answer.code})`,
        known?.retryable ?? false,
        answer.code,
      );
    },
  };
}

function readAnswer(text: string): { code: string | null; jobid?: string; description?: string } {
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: read below as a bare code
  }
  if (typeof parsed === "object" && parsed !== null) {
    const json = parsed as Record<string, unknown>;
    const code = json.code === undefined || json.code === null ? null : String(json.code);
    const jobid = json.jobid === undefined || json.jobid === null ? undefined : String(json.jobid);
    const description = typeof json.description === "string" ? json.description : undefined;
    return { code, jobid, description };
  }
  // Netgsm's older endpoints answer a bare code such as "30".
  const bare = text.trim();
  return { code: /^\d{2,3}$/.test(bare) ? bare : null };
}

function base64Utf8(s: string): string {
  return btoa(Array.from(new TextEncoder().encode(s), (b) => String.fromCharCode(b)).join(""));
}
