import assert from "node:assert/strict";
import { signupBusiness, startTestApp } from "../_support/app.ts";

Deno.test("the per-IP limit answers 429 with Retry-After and RateLimit headers", async () => {
  const app = await startTestApp({ env: { RATE_LIMIT_IP_PER_MINUTE: "5" } });
  try {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 7; i++) {
      last = await app.request("GET", "/api/offerings");
      statuses.push(last.status);
    }
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429, 429]);
    assert.equal(last!.body.error.code, "rate_limited");
    assert.ok(Number(last!.headers.get("retry-after")) >= 1);
    assert.equal(last!.headers.get("ratelimit-limit"), "5");
    assert.equal(last!.headers.get("ratelimit-remaining"), "0");
    assert.match(last!.headers.get("ratelimit-policy") ?? "", /^5;w=60/);
  } finally {
    await app.close();
  }
});

Deno.test("the per-user and per-tenant limits count authenticated requests", async () => {
  const app = await startTestApp({
    env: { RATE_LIMIT_USER_PER_HOUR: "3", RATE_LIMIT_TENANT_PER_DAY: "1000" },
  });
  try {
    const b = await signupBusiness(app);
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await app.request("GET", "/api/offerings", { token: b.token })).status);
    }
    assert.deepEqual(statuses, [200, 200, 200, 429]);
    const other = await signupBusiness(app);
    assert.equal((await app.request("GET", "/api/offerings", { token: other.token })).status, 200);
  } finally {
    await app.close();
  }
  const tenantApp = await startTestApp({ env: { RATE_LIMIT_TENANT_PER_DAY: "2" } });
  try {
    const b = await signupBusiness(tenantApp);
    const key = b.publishableKey;
    const statuses = [];
    for (let i = 0; i < 2; i++) {
      statuses.push((await tenantApp.request("GET", "/api/offerings", { key })).status);
    }
    const viaUser = await tenantApp.request("GET", "/api/offerings", { token: b.token });
    statuses.push(viaUser.status);
    assert.deepEqual(statuses, [200, 200, 429]);
    assert.match(viaUser.headers.get("ratelimit-policy") ?? "", /name="tenant"/);
  } finally {
    await tenantApp.close();
  }
});

Deno.test("repeated wrong passwords for one e-mail are throttled", async () => {
  const app = await startTestApp();
  try {
    const b = await signupBusiness(app);
    const statuses = [];
    for (let i = 0; i < 11; i++) {
      const res = await app.request("POST", "/api/auth/login", {
        body: { email: b.email, password: "wrong password" },
      });
      statuses.push(res.status);
    }
    assert.deepEqual(statuses.slice(0, 10), Array(10).fill(401));
    assert.equal(statuses[10], 429);
  } finally {
    await app.close();
  }
});
