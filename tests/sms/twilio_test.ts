import assert from "node:assert/strict";
import {
  createTwilioProvider,
  parseTwilioStatus,
  type TwilioConfig,
  verifyTwilioSignature,
} from "../../services/sms/twilio.ts";
import { SmsSendError } from "../../services/sms/types.ts";
import {
  postTwilioStatusCallback,
  signTwilioRequest,
  startFakeTwilio,
  twilioStatusParams,
} from "../fakes/twilio.ts";

const ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
const AUTH_TOKEN = "0123456789abcdef0123456789abcdef";

function config(apiBase: string, overrides: Partial<TwilioConfig> = {}): TwilioConfig {
  return {
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    from: "+15005550006",
    apiBase,
    ...overrides,
  };
}

const message = {
  to: "+905321234567",
  body: "Randevunuz onaylandı: yarın 14:30, Ayşe Güzellik Salonu. İptal için yanıtlayın.",
  idempotencyKey: "appointment:42:confirmation",
  statusCallbackUrl: "https://arma.example/api/sms/twilio/status",
};

Deno.test("send() creates a Twilio message and returns its SID", async () => {
  const fake = startFakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  try {
    const result = await createTwilioProvider(config(fake.url)).send(message);
    assert.equal(result.provider, "twilio");
    assert.equal(result.status, "queued");
    assert.match(result.providerId ?? "", /^SM[0-9a-f]{32}$/);

    assert.equal(fake.requests.length, 1);
    const sent = fake.requests[0]!;
    assert.equal(sent.method, "POST");
    assert.equal(sent.path, `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    assert.equal(sent.headers["authorization"], `Basic ${btoa(`${ACCOUNT_SID}:${AUTH_TOKEN}`)}`);
    assert.deepEqual(sent.params, {
      To: "+905321234567",
      From: "+15005550006",
      Body: message.body,
      StatusCallback: "https://arma.example/api/sms/twilio/status",
    });
    assert.equal(fake.messages[0]!.sid, result.providerId);
  } finally {
    await fake.close();
  }
});

Deno.test("send() uses a Messaging Service when `from` is an MG SID", async () => {
  const fake = startFakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  try {
    const from = "MG0123456789abcdef0123456789abcdef";
    const result = await createTwilioProvider(config(fake.url, { from })).send({
      to: message.to,
      body: "Siparişiniz hazır.",
      idempotencyKey: "order:7:ready",
    });
    assert.equal(result.status, "queued");
    assert.equal(fake.requests[0]!.params.MessagingServiceSid, from);
    assert.equal(fake.requests[0]!.params.From, undefined);
    assert.equal(fake.requests[0]!.params.StatusCallback, undefined);
  } finally {
    await fake.close();
  }
});

Deno.test("send() maps Twilio's refusals and outages to SmsSendError", async (t) => {
  const fake = startFakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  const provider = createTwilioProvider(config(fake.url));
  const expectError = (retryable: boolean, code: string | null) => (error: unknown) => {
    assert.ok(error instanceof SmsSendError, String(error));
    assert.equal(error.retryable, retryable);
    assert.equal(error.providerCode, code);
    return true;
  };
  try {
    await t.step("an invalid number (21211) is final", async () => {
      await assert.rejects(
        provider.send({ ...message, to: "+90532" }),
        expectError(false, "21211"),
      );
      assert.equal(fake.messages.length, 0);
    });
    await t.step("a 400 from Twilio is final", async () => {
      fake.failNext({
        status: 400,
        code: 21610,
        message: "Attempt to send to unsubscribed recipient",
      });
      await assert.rejects(provider.send(message), expectError(false, "21610"));
    });
    await t.step("a 429 is retryable", async () => {
      fake.failNext({ status: 429, code: 20429, message: "Too Many Requests" });
      await assert.rejects(provider.send(message), expectError(true, "20429"));
    });
    await t.step("a 500 without a body is retryable", async () => {
      fake.failNext({ status: 500 });
      await assert.rejects(provider.send(message), expectError(true, null));
    });
    await t.step("wrong credentials (20003) are final", async () => {
      const wrong = createTwilioProvider(config(fake.url, { authToken: "f".repeat(32) }));
      await assert.rejects(wrong.send(message), expectError(false, "20003"));
    });
  } finally {
    await fake.close();
  }
  await t.step("an unreachable Twilio is retryable", async () => {
    // Port 1 never listens here, unlike a just-closed ephemeral port another test may reuse.
    const unreachable = createTwilioProvider(config("http://127.0.0.1:1"));
    await assert.rejects(unreachable.send(message), expectError(true, null));
  });
});

Deno.test("verifyTwilioSignature() accepts Twilio's signature and refuses a forged one", async () => {
  const fake = startFakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  const seen: { params: Record<string, string>; valid: boolean }[] = [];
  // The receiver stands in for Arma's status callback route; it knows its public URL.
  const receiver = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const params = Object.fromEntries(new URLSearchParams(await req.text()));
    const valid = verifyTwilioSignature(
      AUTH_TOKEN,
      callbackUrl,
      params,
      req.headers.get("x-twilio-signature"),
    );
    seen.push({ params, valid });
    return new Response(null, { status: valid ? 204 : 403 });
  });
  const callbackUrl = `http://127.0.0.1:${receiver.addr.port}/api/sms/twilio/status?tenant=t1`;
  try {
    await createTwilioProvider(config(fake.url)).send({
      ...message,
      statusCallbackUrl: callbackUrl,
    });
    const delivered = twilioStatusParams(ACCOUNT_SID, fake.messages[0]!, "delivered");

    const genuine = await postTwilioStatusCallback(callbackUrl, delivered, AUTH_TOKEN);
    assert.equal(genuine.status, 204);
    const forged = await postTwilioStatusCallback(callbackUrl, delivered, "f".repeat(32));
    assert.equal(forged.status, 403);
    assert.deepEqual(seen.map((s) => s.valid), [true, false]);

    const params = { ...delivered };
    const sig = await signTwilioRequest(AUTH_TOKEN, callbackUrl, params);
    assert.equal(verifyTwilioSignature(AUTH_TOKEN, callbackUrl, params, sig), true);
    assert.equal(
      verifyTwilioSignature(AUTH_TOKEN, callbackUrl, { ...params, MessageStatus: "failed" }, sig),
      false,
    );
    assert.equal(verifyTwilioSignature(AUTH_TOKEN, callbackUrl, params, null), false);
  } finally {
    await receiver.shutdown();
    await fake.close();
  }
});

Deno.test("parseTwilioStatus() reads status callbacks", () => {
  assert.deepEqual(
    parseTwilioStatus({ MessageSid: "SM1", MessageStatus: "delivered", SmsStatus: "delivered" }),
    { providerId: "SM1", status: "delivered", errorCode: null },
  );
  assert.deepEqual(
    parseTwilioStatus(
      new URLSearchParams("MessageSid=SM2&MessageStatus=undelivered&ErrorCode=30003"),
    ),
    { providerId: "SM2", status: "undelivered", errorCode: "30003" },
  );
  assert.equal(parseTwilioStatus({ MessageSid: "SM3", MessageStatus: "sending" })?.status, "sent");
  assert.equal(
    parseTwilioStatus({ MessageSid: "SM4", MessageStatus: "accepted" })?.status,
    "queued",
  );
  assert.equal(parseTwilioStatus({ MessageSid: "SM5", MessageStatus: "failed" })?.status, "failed");
  assert.equal(parseTwilioStatus({ MessageSid: "SM6", MessageStatus: "received" }), null);
  assert.equal(parseTwilioStatus({ MessageStatus: "delivered" }), null);
});
