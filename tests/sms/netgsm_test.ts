import assert from "node:assert/strict";
import {
  createNetgsmProvider,
  NETGSM_CODES,
  type NetgsmConfig,
  netgsmNumber,
} from "../../services/sms/netgsm.ts";
import { SmsSendError } from "../../services/sms/types.ts";
import { startFakeNetgsm } from "../fakes/netgsm.ts";

const USERCODE = "8501234567";
const PASSWORD = "Api-Şifre-1";
const HEADER = "AYSEGUZEL";

function config(apiUrl: string, overrides: Partial<NetgsmConfig> = {}): NetgsmConfig {
  return { usercode: USERCODE, password: PASSWORD, header: HEADER, apiUrl, ...overrides };
}

const message = {
  to: "+905321234567",
  body: "Randevunuz onaylandı: yarın 14:30. Görüşmek üzere! Ayşe Güzellik Salonu",
  idempotencyKey: "appointment:42:confirmation",
};

function startFake() {
  return startFakeNetgsm({ usercode: USERCODE, password: PASSWORD, headers: [HEADER] });
}

Deno.test("send() posts a Turkish-encoded message and returns the job id on code 00", async () => {
  const fake = startFake();
  try {
    const result = await createNetgsmProvider(config(fake.sendUrl)).send(message);
    assert.equal(result.provider, "netgsm");
    assert.equal(result.status, "queued");
    assert.equal(result.providerId, fake.messages[0]!.jobid);

    const sent = fake.requests[0]!;
    assert.equal(sent.method, "POST");
    assert.equal(sent.path, "/sms/rest/v2/send");
    assert.match(sent.headers["content-type"] ?? "", /application\/json/);
    const expected = new TextEncoder().encode(`${USERCODE}:${PASSWORD}`);
    assert.equal(
      sent.headers["authorization"],
      `Basic ${btoa(String.fromCharCode(...expected))}`,
    );
    assert.deepEqual(sent.body, {
      msgheader: HEADER,
      messages: [{ msg: message.body, no: "5321234567" }],
      encoding: "TR",
      iysfilter: "0",
    });
  } finally {
    await fake.close();
  }
});

Deno.test("send() treats every code but 00 as a refusal, retryable only where it helps", async (t) => {
  const fake = startFake();
  const provider = createNetgsmProvider(config(fake.sendUrl));
  const expectError = (retryable: boolean, code: string | null) => (error: unknown) => {
    assert.ok(error instanceof SmsSendError, String(error));
    assert.equal(error.retryable, retryable, `retryable for ${code}`);
    assert.equal(error.providerCode, code);
    return true;
  };
  try {
    for (const [code, entry] of Object.entries(NETGSM_CODES)) {
      if (code === "00") continue;
      await t.step(`code ${code} (${entry.meaning})`, async () => {
        fake.answerNext({ code });
        await assert.rejects(provider.send(message), expectError(entry.retryable, code));
      });
    }
    await t.step("an unknown code is final", async () => {
      fake.answerNext({ code: "99", status: 200 });
      await assert.rejects(provider.send(message), expectError(false, "99"));
    });
    await t.step("a 503 without a code is retryable", async () => {
      fake.answerNext({ status: 503, text: "Service Unavailable" });
      await assert.rejects(provider.send(message), expectError(true, null));
    });
    await t.step("code 00 without a job id is not a send", async () => {
      fake.answerNext({ code: "00", status: 200 });
      await assert.rejects(provider.send(message), expectError(false, "00"));
    });
    await t.step("the fake's own checks: wrong password, unknown header", async () => {
      const wrong = createNetgsmProvider(config(fake.sendUrl, { password: "yanlis" }));
      await assert.rejects(wrong.send(message), expectError(false, "30"));
      const header = createNetgsmProvider(config(fake.sendUrl, { header: "BASKA" }));
      await assert.rejects(header.send(message), expectError(false, "40"));
    });
    assert.equal(fake.messages.length, 0);
  } finally {
    await fake.close();
  }
  await t.step("an unreachable Netgsm is retryable", async () => {
    const unreachable = createNetgsmProvider(config("http://127.0.0.1:1/sms/rest/v2/send"));
    await assert.rejects(unreachable.send(message), expectError(true, null));
  });
});

Deno.test("netgsmNumber() writes Turkish numbers as 5xxxxxxxxx and others with 00", () => {
  assert.equal(netgsmNumber("+905321234567"), "5321234567");
  assert.equal(netgsmNumber("+4915112345678"), "004915112345678");
});
