/**
 * A fake Twilio REST API on loopback: `POST /2010-04-01/Accounts/{Sid}/Messages.json` with Basic
 * auth (Account SID and auth token), Twilio's message JSON and error JSON. Also posts status
 * callbacks signed as Twilio signs them (`X-Twilio-Signature`: base64 HMAC-SHA1 of the URL followed
 * by the sorted POST parameters), written independently of the SDK.
 * @module
 */

/** One request the fake received. */
export interface TwilioRecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  params: Record<string, string>;
  rawBody: string;
}

/** A message the fake accepted. */
export interface FakeTwilioMessage {
  sid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  statusCallback: string | null;
}

/** A failure the fake answers with instead of accepting the next message. */
export interface TwilioFailure {
  status: number;
  code?: number;
  message?: string;
}

/** A running fake Twilio server. */
export interface FakeTwilio {
  url: string;
  requests: TwilioRecordedRequest[];
  messages: FakeTwilioMessage[];
  /** Answers the next Messages create with this failure (queued, one per call). */
  failNext(failure: TwilioFailure): void;
  close(): Promise<void>;
}

/** Starts the fake for one account. */
export function startFakeTwilio(options: { accountSid: string; authToken: string }): FakeTwilio {
  const requests: TwilioRecordedRequest[] = [];
  const messages: FakeTwilioMessage[] = [];
  const failures: TwilioFailure[] = [];

  const handler = async (req: Request): Promise<Response> => {
    const path = new URL(req.url).pathname;
    const rawBody = req.method === "POST" ? await req.text() : "";
    const params = Object.fromEntries(new URLSearchParams(rawBody));
    requests.push({
      method: req.method,
      path,
      headers: Object.fromEntries(req.headers),
      params,
      rawBody,
    });

    const m = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(path);
    if (!m || req.method !== "POST") {
      return twilioError(404, 20404, `The requested resource ${path} was not found`);
    }
    const expected = `Basic ${btoa(`${options.accountSid}:${options.authToken}`)}`;
    if (req.headers.get("authorization") !== expected || m[1] !== options.accountSid) {
      return twilioError(401, 20003, "Authenticate");
    }
    const failure = failures.shift();
    if (failure) {
      if (failure.code === undefined) {
        return new Response("Internal Server Error", { status: failure.status });
      }
      return twilioError(failure.status, failure.code, failure.message ?? "Error");
    }
    if (!params.To) return twilioError(400, 21604, "A 'To' phone number is required.");
    if (!/^\+[1-9]\d{7,14}$/.test(params.To)) {
      return twilioError(400, 21211, `Invalid 'To' Phone Number: ${params.To}`);
    }
    if (!params.From && !params.MessagingServiceSid) {
      return twilioError(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required.");
    }
    if (!params.Body) return twilioError(400, 21602, "Message body is required.");

    const sid = `SM${hex(16)}`;
    const message: FakeTwilioMessage = {
      sid,
      to: params.To,
      from: params.From ?? null,
      messagingServiceSid: params.MessagingServiceSid ?? null,
      body: params.Body,
      statusCallback: params.StatusCallback ?? null,
    };
    messages.push(message);
    const now = new Date().toUTCString().replace("GMT", "+0000");
    const uri = `/2010-04-01/Accounts/${options.accountSid}/Messages/${sid}.json`;
    return Response.json({
      account_sid: options.accountSid,
      api_version: "2010-04-01",
      body: message.body,
      date_created: now,
      date_sent: null,
      date_updated: now,
      direction: "outbound-api",
      error_code: null,
      error_message: null,
      from: message.from,
      messaging_service_sid: message.messagingServiceSid,
      num_media: "0",
      num_segments: String(Math.max(1, Math.ceil(message.body.length / 70))),
      price: null,
      price_unit: "USD",
      sid,
      status: message.messagingServiceSid ? "accepted" : "queued",
      subresource_uris: { media: uri.replace(".json", "/Media.json") },
      to: message.to,
      uri,
    }, { status: 201 });
  };

  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, handler);

  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    requests,
    messages,
    failNext(failure) {
      failures.push(failure);
    },
    close: () => server.shutdown(),
  };
}

/** The parameters of a message status callback, as Twilio posts them. */
export function twilioStatusParams(
  accountSid: string,
  message: FakeTwilioMessage,
  status: string,
  errorCode?: string,
): Record<string, string> {
  const params: Record<string, string> = {
    AccountSid: accountSid,
    ApiVersion: "2010-04-01",
    From: message.from ?? "",
    MessageSid: message.sid,
    MessageStatus: status,
    SmsSid: message.sid,
    SmsStatus: status,
    To: message.to,
  };
  if (errorCode) params.ErrorCode = errorCode;
  return params;
}

/** Computes `X-Twilio-Signature` for a POST to `url` with these parameters. */
export async function signTwilioRequest(
  authToken: string,
  url: string,
  params: Record<string, string>,
): Promise<string> {
  const data = Object.keys(params).sort().reduce((acc, key) => acc + key + params[key], url);
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(authToken),
    { name: "HMAC", hash: "SHA-1" },
    false,
    ["sign"],
  );
  const mac = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(data));
  return btoa(String.fromCharCode(...new Uint8Array(mac)));
}

/**
 * Posts a status callback to `url` signed with `authToken` (pass another token to forge one) and
 * returns the receiver's status and body.
 */
export async function postTwilioStatusCallback(
  url: string,
  params: Record<string, string>,
  authToken: string,
): Promise<{ status: number; body: string }> {
  const signature = await signTwilioRequest(authToken, url, params);
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      "X-Twilio-Signature": signature,
      "User-Agent": "TwilioProxy/1.1",
    },
    body: new URLSearchParams(params),
  });
  return { status: response.status, body: await response.text() };
}

function twilioError(status: number, code: number, message: string): Response {
  return Response.json({
    code,
    message,
    more_info: `https://www.twilio.com/docs/errors/${code}`,
    status,
  }, { status });
}

function hex(bytes: number): string {
  return Array.from(
    crypto.getRandomValues(new Uint8Array(bytes)),
    (b) => b.toString(16).padStart(2, "0"),
  ).join("");
}
