import assert from "node:assert/strict";
import { ConfigError, loadConfig } from "../../lib/config.ts";

Deno.test("loadConfig() has working defaults", () => {
  const c = loadConfig({});
  assert.equal(c.port, 3000);
  assert.equal(c.databaseUrl, undefined);
  assert.equal(c.dataDir, "./data");
  assert.equal(c.gemini.model, "gemini-2.5-flash");
  assert.deepEqual(c.rateLimits, { ipPerMinute: 100, userPerHour: 1000, tenantPerDay: 10000 });
  assert.equal(c.paymentProvider, "manual");
  assert.equal(c.smsProvider, "outbox");
});

Deno.test("loadConfig() names the variable that is wrong", () => {
  const cases: [Record<string, string>, string][] = [
    [{ PORT: "eighty" }, "PORT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ REDIS_URL: "http://x" }, "REDIS_URL"],
    [{ JWT_SECRET: "short" }, "JWT_SECRET"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ RATE_LIMIT_IP_PER_MINUTE: "0" }, "RATE_LIMIT_IP_PER_MINUTE"],
    [{ STRIPE_SECRET_KEY: "pk_live_x" }, "STRIPE_SECRET_KEY"],
    [{ STRIPE_SECRET_KEY: "sk_test_x" }, "STRIPE_WEBHOOK_SECRET"],
    [{ TWILIO_ACCOUNT_SID: "AC1", TWILIO_AUTH_TOKEN: "t" }, "TWILIO_FROM"],
    [{ PAYMENT_PROVIDER: "iyzico" }, "PAYMENT_PROVIDER"],
    [{ PUBLIC_URL: "not a url" }, "PUBLIC_URL"],
  ];
  for (const [env, name] of cases) {
    assert.throws(
      () => loadConfig(env),
      (err: Error) => err instanceof ConfigError && err.message.includes(name),
      name,
    );
  }
});

Deno.test("loadConfig() picks the configured providers", () => {
  const c = loadConfig({
    STRIPE_SECRET_KEY: "sk_test_1",
    STRIPE_WEBHOOK_SECRET: "whsec_1",
    NETGSM_USERCODE: "u",
    NETGSM_PASSWORD: "p",
    NETGSM_HEADER: "ARMA",
  });
  assert.equal(c.paymentProvider, "stripe");
  assert.equal(c.smsProvider, "netgsm");
});
