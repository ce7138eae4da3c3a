import assert from "node:assert/strict";
import { signupBusiness, startTestApp } from "../_support/app.ts";

Deno.test("API keys", async (t) => {
  const app = await startTestApp();
  const biz = await signupBusiness(app);
  const token = biz.token;
  try {
    await t.step("a key is shown once and stored hashed", async () => {
      const res = await app.request("POST", "/api/keys", {
        token,
        body: { kind: "secret", name: "Muhasebe" },
      });
      assert.equal(res.status, 201);
      assert.match(res.body.key, /^sk_[0-9A-Za-z]{32}$/);
      assert.equal(res.body.api_key.prefix, res.body.key.slice(0, 11));
      const list = await app.request("GET", "/api/keys", { token });
      assert.equal(list.text.includes(res.body.key), false);
      const [row] = await app.db.sql`select * from arma_lookup_api_key(${res.body.key})`;
      assert.equal(row, undefined, "the plain key is not what is stored");
    });

    await t.step("a secret key acts for the business server to server", async () => {
      const res = await app.request("POST", "/api/keys", {
        token,
        body: { kind: "secret", name: "s" },
      });
      const list = await app.request("GET", "/api/offerings", {
        headers: { Authorization: `Bearer ${res.body.key}` },
      });
      assert.equal(list.status, 200);
      const tenant = await app.request("GET", "/api/tenants/me", {
        headers: { Authorization: `Bearer ${res.body.key}` },
      });
      assert.equal(tenant.body.id, biz.tenantId);
    });

    await t.step("a key's last use is recorded", async () => {
      const res = await app.request("POST", "/api/keys", {
        token,
        body: { kind: "secret", name: "used" },
      });
      const before = await app.request("GET", "/api/keys", { token });
      const listed = (rows: { id: string; last_used_at: string | null }[]) =>
        rows.find((k) => k.id === res.body.api_key.id)!;
      assert.equal(listed(before.body.data).last_used_at, null);
      await app.request("GET", "/api/offerings", {
        headers: { Authorization: `Bearer ${res.body.key}` },
      });
      const after = await app.request("GET", "/api/keys", { token });
      assert.ok(listed(after.body.data).last_used_at, "last_used_at is set");
    });

    await t.step("a revoked key is refused", async () => {
      const res = await app.request("POST", "/api/keys", {
        token,
        body: { kind: "secret", name: "r" },
      });
      const auth = { Authorization: `Bearer ${res.body.key}` };
      assert.equal((await app.request("GET", "/api/offerings", { headers: auth })).status, 200);
      const revoked = await app.request("DELETE", `/api/keys/${res.body.api_key.id}`, { token });
      assert.equal(revoked.status, 200);
      assert.ok(revoked.body.revoked_at);
      const after = await app.request("GET", "/api/offerings", { headers: auth });
      assert.equal(after.status, 401);
      assert.equal(after.body.error.code, "invalid_key");
    });

    await t.step("a publishable key works only from its allowed origins", async () => {
      const res = await app.request("POST", "/api/keys", {
        token,
        body: { kind: "publishable", name: "site", allowed_origins: ["https://salon.example"] },
      });
      const ok = await app.request("GET", "/api/offerings", {
        key: res.body.key,
        headers: { Origin: "https://salon.example" },
      });
      assert.equal(ok.status, 200);
      assert.equal(ok.headers.get("access-control-allow-origin"), "https://salon.example");
      const other = await app.request("GET", "/api/offerings", {
        key: res.body.key,
        headers: { Origin: "https://evil.example" },
      });
      assert.equal(other.status, 403);
      assert.equal(other.body.error.code, "origin_not_allowed");
      assert.equal(other.headers.get("access-control-allow-origin"), null);
      const preflight = await app.request("OPTIONS", "/api/offerings", {
        headers: { Origin: "https://salon.example", "Access-Control-Request-Method": "GET" },
      });
      assert.equal(preflight.status, 204);
      assert.match(preflight.headers.get("access-control-allow-headers") ?? "", /X-Widget-Key/);
    });

    await t.step("origins are validated", async () => {
      for (const origin of ["salon.example", "https://salon.example/", "ftp://x.example", "*"]) {
        const res = await app.request("POST", "/api/keys", {
          token,
          body: { kind: "publishable", name: "bad", allowed_origins: [origin] },
        });
        assert.equal(res.status, 400, origin);
      }
    });

    await t.step("a publishable key cannot manage keys or change the business", async () => {
      const list = await app.request("GET", "/api/keys", { key: biz.publishableKey });
      assert.equal(list.status, 403);
      const put = await app.request("PUT", "/api/tenants/me", {
        key: biz.publishableKey,
        body: { business_name: "x" },
      });
      assert.equal(put.status, 403);
    });
  } finally {
    await app.close();
  }
});
