import assert from "node:assert/strict";
import { manifest } from "../../lib/routes_gen.ts";
import { signupBusiness, startTestApp } from "../_support/app.ts";

Deno.test("operations endpoints", async (t) => {
  const lines: string[] = [];
  const app = await startTestApp({ logSink: (_level, line) => lines.push(line) });
  try {
    await t.step("/api/openapi.json is OpenAPI 3.1 covering every API route", async () => {
      const res = await app.request("GET", "/api/openapi.json");
      assert.equal(res.status, 200);
      assert.equal(res.body.openapi, "3.1.0");
      for (const route of manifest.routes) {
        if (!route.pattern.startsWith("/api/") || route.pattern === "/api/openapi.json") continue;
        const path = route.pattern.replace(/:(\w+)/g, "{$1}");
        assert.ok(res.body.paths[path], `missing ${path}`);
      }
      const post = res.body.paths["/api/offerings"].post;
      assert.ok(post.requestBody.content["application/json"].schema);
      assert.equal(post["x-access"], "owner");
      const get = res.body.paths["/api/offerings/{id}"].get;
      assert.equal(get.parameters[0].in, "path");
      const signup =
        res.body.paths["/api/auth/signup"].post.requestBody.content["application/json"];
      assert.deepEqual(
        signup.schema.required.sort(),
        ["business_name", "email", "password"],
      );
    });

    await t.step("the docs page lists the endpoints in Turkish and English", async () => {
      const tr = await app.request("GET", "/docs/api");
      assert.equal(tr.status, 200);
      assert.match(tr.text, /Arma API belgeleri/);
      assert.match(tr.text, /\/api\/offerings\/\{id\}/);
      const en = await app.request("GET", "/docs/api?lang=en");
      assert.match(en.text, /Arma API reference/);
      assert.match(tr.headers.get("content-security-policy") ?? "", /default-src 'self'/);
    });

    await t.step("/healthz checks the database and the store", async () => {
      const res = await app.request("GET", "/healthz");
      assert.equal(res.status, 200);
      assert.equal(res.body.status, "ok");
      assert.equal(res.body.database.status, "ok");
      assert.ok(["ok", "disabled"].includes(res.body.redis.status));
    });

    await t.step(
      "/metrics counts requests by route and status with latency histograms",
      async () => {
        const b = await signupBusiness(app);
        await app.request("GET", "/api/offerings", { token: b.token });
        await app.request("GET", `/api/offerings/${crypto.randomUUID()}`, { token: b.token });
        const res = await app.request("GET", "/metrics");
        assert.match(res.headers.get("content-type") ?? "", /text\/plain/);
        assert.match(
          res.text,
          /http_requests_total\{method="GET",route="\/api\/offerings",status="200"\} \d+/,
        );
        assert.match(res.text, /route="\/api\/offerings\/:id",status="404"/);
        assert.match(
          res.text,
          /http_request_duration_seconds_bucket\{method="GET",route="\/api\/offerings",le="0\.005"\}/,
        );
        assert.match(
          res.text,
          /http_request_duration_seconds_count\{method="GET",route="\/api\/offerings"\}/,
        );
      },
    );

    await t.step("logs are JSON with a request id and never a password or token", async () => {
      lines.length = 0;
      const b = await signupBusiness(app);
      const login = await app.request("POST", "/api/auth/login", {
        body: { email: b.email, password: b.password },
        headers: { "X-Request-Id": "req-abcdef-123" },
      });
      assert.equal(login.headers.get("x-request-id"), "req-abcdef-123");
      await app.request("GET", `/api/offerings?key=${b.publishableKey}`);
      await app.request("GET", "/api/offerings", { key: b.publishableKey });
      const entries = lines.map((l) => JSON.parse(l));
      const loginLog = entries.find((e) => e.request_id === "req-abcdef-123");
      assert.ok(loginLog);
      assert.equal(loginLog.status, 200);
      assert.equal(loginLog.path, "/api/auth/login");
      const all = lines.join("\n");
      for (
        const secret of [
          b.password,
          b.token,
          b.refreshToken,
          b.publishableKey,
          login.body.access_token,
        ]
      ) {
        assert.equal(all.includes(secret), false, "a secret reached the logs");
      }
      const generated = await app.request("GET", "/healthz", {
        headers: { "X-Request-Id": "bad id\u0001" },
      });
      assert.match(generated.headers.get("x-request-id") ?? "", /^[0-9a-f-]{36}$/);
    });
  } finally {
    await app.close();
  }
});
