import assert from "node:assert/strict";
import { runDueJobs } from "../../services/jobs/worker.ts";
import { startTestApp } from "../_support/app.ts";
import { nextWeekday, setupSalon } from "../_support/salon.ts";
import { startFakeNetgsm } from "../fakes/netgsm.ts";
import { postTwilioStatusCallback, startFakeTwilio, twilioStatusParams } from "../fakes/twilio.ts";

const SID = "AC00000000000000000000000000000001";
const AUTH = "twilio-auth-token-for-tests";
const customer = { name: "Ali Veli", phone: "0532 123 45 67" };

Deno.test("Twilio: booking SMS are sent by the worker and delivery reports are verified", async () => {
  const fake = startFakeTwilio({ accountSid: SID, authToken: AUTH });
  const app = await startTestApp({
    env: {
      TWILIO_ACCOUNT_SID: SID,
      TWILIO_AUTH_TOKEN: AUTH,
      TWILIO_FROM: "+15005550006",
      TWILIO_API_BASE: fake.url,
    },
  });
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, app.app.fetch);
  try {
    const salon = await setupSalon(app);
    const booked = await app.request("POST", "/api/appointments", {
      token: salon.token,
      body: { service_id: salon.services.cut, date: nextWeekday(4), time: "11:00", customer },
    });
    assert.equal(booked.status, 201);
    await runDueJobs(app.db, app.deps.jobHandlers, { tenantId: salon.tenantId });
    assert.equal(fake.messages.length, 1);
    const sent = fake.messages[0]!;
    assert.equal(sent.to, "+905321234567");
    assert.match(sent.body, new RegExp(booked.body.confirmation_code));
    assert.match(sent.body, /randevunuz/);
    assert.equal(sent.statusCallback, "http://arma.test/api/webhooks/twilio");
    const sms = await app.request("GET", "/api/sms", { token: salon.token });
    assert.equal(sms.body.data[0].status, "queued");
    assert.equal(sms.body.data[0].provider_id, sent.sid);

    // Twilio signs over the public URL; the test server answers at another address.
    const local = `http://127.0.0.1:${server.addr.port}/api/webhooks/twilio`;
    const params = twilioStatusParams(SID, sent, "delivered");
    const forged = await postTwilioStatusCallback(local, params, "wrong-token");
    assert.equal(forged.status, 403);
    const signature = await (await import("../fakes/twilio.ts")).signTwilioRequest(
      AUTH,
      "http://arma.test/api/webhooks/twilio",
      params,
    );
    const ok = await app.request("POST", "/api/webhooks/twilio", {
      rawBody: new URLSearchParams(params).toString(),
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Twilio-Signature": signature,
      },
    });
    assert.equal(ok.status, 204);
    const after = await app.request("GET", "/api/sms", { token: salon.token });
    assert.equal(after.body.data[0].status, "delivered");

    fake.failNext({
      status: 400,
      code: 21211,
      message: "The 'To' number is not a valid phone number.",
    });
    await app.request("DELETE", `/api/appointments/${booked.body.id}`, { token: salon.token });
    await runDueJobs(app.db, app.deps.jobHandlers, { tenantId: salon.tenantId });
    const failed = await app.request("GET", "/api/sms", { token: salon.token });
    const cancellation = failed.body.data.find((m: { template: string }) =>
      m.template === "appointment_cancelled"
    );
    assert.equal(cancellation.status, "failed");
    assert.match(cancellation.error, /21211|valid/);
  } finally {
    await server.shutdown();
    await app.close();
    await fake.close();
  }
});

Deno.test("Netgsm: a send counts only when the answer's code is 00", async () => {
  const fake = startFakeNetgsm({ usercode: "8501234567", password: "pw", headers: ["ISILSALON"] });
  const app = await startTestApp({
    env: {
      NETGSM_USERCODE: "8501234567",
      NETGSM_PASSWORD: "pw",
      NETGSM_HEADER: "ISILSALON",
      NETGSM_API_URL: fake.sendUrl,
    },
  });
  try {
    const salon = await setupSalon(app);
    const book = (time: string) =>
      app.request("POST", "/api/appointments", {
        token: salon.token,
        body: { service_id: salon.services.cut, date: nextWeekday(5), time, customer },
      });
    await book("10:00");
    await runDueJobs(app.db, app.deps.jobHandlers, { tenantId: salon.tenantId });
    assert.equal(fake.messages.length, 1);
    assert.equal(fake.messages[0]!.no, "5321234567");
    let sms = await app.request("GET", "/api/sms", { token: salon.token });
    assert.equal(sms.body.data[0].provider, "netgsm");
    assert.ok(["queued", "sent"].includes(sms.body.data[0].status));
    assert.equal(sms.body.data[0].provider_id, fake.messages[0]!.jobid);
    fake.answerNext({ code: "40", description: "Mesaj başlığınız sistemde tanımlı değil" });
    await book("12:00");
    await runDueJobs(app.db, app.deps.jobHandlers, { tenantId: salon.tenantId });
    sms = await app.request("GET", "/api/sms", { token: salon.token });
    assert.equal(sms.body.data[0].status, "failed");
    assert.equal(fake.messages.length, 1, "a refused send is not a message");
  } finally {
    await app.close();
    await fake.close();
  }
});
