import assert from "node:assert/strict";
import type { Endpoint } from "../../lib/api.ts";
import type { Method } from "../../lib/router.ts";
import { manifest } from "../../lib/routes_gen.ts";
import { createTokenSigner } from "../../services/auth/jwt.ts";
import { signupBusiness, startTestApp, type TestResponse } from "../_support/app.ts";

type Case = {
  kind: string;
  applies: (r: RouteInfo) => boolean;
  send: (r: RouteInfo) => { path: string; init: RequestInit };
  expect?: (r: RouteInfo) => number | number[];
};

interface Credentials {
  token: string;
  expiredToken: string;
  foreignToken: string;
  revokedKey: string;
  restrictedKey: string;
}

interface RouteInfo extends Credentials {
  pattern: string;
  method: Method;
  spec?: Endpoint["spec"];
}

const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function fill(pattern: string, value: string) {
  return pattern.replace(/:(\w+)/g, () => encodeURIComponent(value));
}

const auth = (r: RouteInfo, extra: Record<string, string> = {}) => ({
  Authorization: `Bearer ${r.token}`,
  ...extra,
});

const jsonBody = (r: RouteInfo, body: string) => ({
  path: fill(r.pattern, crypto.randomUUID()),
  init: {
    method: r.method,
    headers: auth(r, { "Content-Type": "application/json" }),
    body,
  },
});

const hasBody = (r: RouteInfo) => BODY_METHODS.has(r.method);
const expectsBody = (r: RouteInfo) => Boolean(r.spec?.body);

// Each kind of bad input, what it applies to and, where it is certain, the status it must get.
const CASES: Case[] = [
  {
    kind: "malformed JSON",
    applies: hasBody,
    send: (r) => jsonBody(r, '{"name": "x",'),
    expect: (r) => expectsBody(r) ? 400 : [],
  },
  {
    kind: "JSON that is an array",
    applies: hasBody,
    send: (r) => jsonBody(r, "[1, 2, 3]"),
    expect: (r) => expectsBody(r) ? 400 : [],
  },
  {
    kind: "JSON null",
    applies: hasBody,
    send: (r) => jsonBody(r, "null"),
    expect: (r) => expectsBody(r) ? 400 : [],
  },
  {
    kind: "fields of the wrong type",
    applies: hasBody,
    send: (r) =>
      jsonBody(
        r,
        JSON.stringify({
          name: 123,
          price: "free",
          email: ["x"],
          password: {},
          kind: 7,
          meta_info: "x",
          role: true,
          delta: "1",
          refresh_token: 5,
          token: null,
        }),
      ),
    expect: (r) => expectsBody(r) ? 400 : [],
  },
  {
    kind: "empty body",
    applies: hasBody,
    send: (r) => jsonBody(r, ""),
    expect: (r) => expectsBody(r) ? 400 : [],
  },
  {
    kind: "wrong content type",
    applies: hasBody,
    send: (r) => ({
      path: fill(r.pattern, crypto.randomUUID()),
      init: {
        method: r.method,
        headers: auth(r, { "Content-Type": "text/plain" }),
        body: "name=x",
      },
    }),
    expect: (r) => expectsBody(r) ? 415 : [],
  },
  {
    kind: "body over 1 MB",
    applies: hasBody,
    send: (r) => jsonBody(r, JSON.stringify({ name: "x".repeat(1024 * 1024 + 10) })),
    // In process there is no Content-Length: only endpoints that read a body see its size.
    expect: (r) => r.pattern.startsWith("/api/") && expectsBody(r) ? 413 : [],
  },
  {
    kind: "deeply nested JSON",
    applies: hasBody,
    send: (r) => jsonBody(r, "[".repeat(3000) + "]".repeat(3000)),
    expect: (r) => expectsBody(r) ? 400 : [],
  },
  {
    kind: "NUL bytes and odd unicode in strings",
    applies: hasBody,
    send: (r) =>
      jsonBody(
        r,
        JSON.stringify({
          name: "a\u0000b\ud800",
          business_name: "\u0000",
          email: "a\u0000@example.com",
          password: "\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000",
          offering_type: "service",
          price: 1,
          meta_info: { duration_minutes: 30, note: "\u0000" },
          kind: "secret",
          reason: "\u0000",
        }),
      ),
  },
  {
    kind: "huge and negative numbers",
    applies: hasBody,
    send: (r) =>
      jsonBody(r, JSON.stringify({ price: 1e308, delta: -1e308, name: "x", weekday: -1e9 })),
  },
  {
    kind: "malformed path id",
    applies: (r) => r.pattern.startsWith("/api/") && r.pattern.includes(":"),
    send: (r) => ({
      path: fill(r.pattern, "not-a-uuid"),
      init: { method: r.method, headers: auth(r, { "Content-Type": "application/json" }) },
    }),
    expect: () => 400,
  },
  {
    kind: "SQL in the path id",
    applies: (r) => r.pattern.startsWith("/api/") && r.pattern.includes(":"),
    send: (r) => ({
      path: fill(r.pattern, "1'; drop table offerings; --"),
      init: { method: r.method, headers: auth(r) },
    }),
    expect: () => 400,
  },
  {
    kind: "garbage query parameters",
    applies: () => true,
    send: (r) => ({
      path: `${
        fill(r.pattern, crypto.randomUUID())
      }?limit=-5&cursor=%%%ZZ&type=gift&active=maybe&q=${
        encodeURIComponent("%' or 1=1 --")
      }&hard=perhaps`,
      init: { method: r.method, headers: auth(r) },
    }),
  },
  {
    kind: "a forged access token",
    applies: (r) => r.pattern.startsWith("/api/") && r.spec?.access !== "public",
    send: (r) => ({
      path: fill(r.pattern, crypto.randomUUID()),
      init: { method: r.method, headers: { Authorization: "Bearer abc.def.ghi" } },
    }),
    expect: () => 401,
  },
  {
    kind: "no credentials",
    applies: (r) =>
      r.pattern.startsWith("/api/") && r.spec !== undefined && r.spec.access !== "public",
    send: (r) => ({ path: fill(r.pattern, crypto.randomUUID()), init: { method: r.method } }),
    expect: () => 401,
  },
  {
    kind: "a malformed Authorization header",
    applies: (r) => r.pattern.startsWith("/api/"),
    send: (r) => ({
      path: fill(r.pattern, crypto.randomUUID()),
      init: { method: r.method, headers: { Authorization: "Basic Zm9vOmJhcg==" } },
    }),
    expect: () => 401,
  },
  {
    kind: "an expired access token",
    applies: (r) => r.pattern.startsWith("/api/") && r.spec?.access !== "public",
    send: (r) => ({
      path: fill(r.pattern, crypto.randomUUID()),
      init: { method: r.method, headers: { Authorization: `Bearer ${r.expiredToken}` } },
    }),
    expect: () => 401,
  },
  {
    kind: "a token signed with another secret",
    applies: (r) => r.pattern.startsWith("/api/") && r.spec?.access !== "public",
    send: (r) => ({
      path: fill(r.pattern, crypto.randomUUID()),
      init: { method: r.method, headers: { Authorization: `Bearer ${r.foreignToken}` } },
    }),
    expect: () => 401,
  },
  {
    kind: "a revoked secret key",
    applies: (r) => r.pattern.startsWith("/api/"),
    send: (r) => ({
      path: fill(r.pattern, crypto.randomUUID()),
      init: { method: r.method, headers: { Authorization: `Bearer ${r.revokedKey}` } },
    }),
    expect: () => 401,
  },
  {
    kind: "a widget key from an origin it does not allow",
    applies: (r) => r.pattern.startsWith("/api/"),
    send: (r) => ({
      path: fill(r.pattern, crypto.randomUUID()),
      init: {
        method: r.method,
        headers: { "X-Widget-Key": r.restrictedKey, Origin: "https://evil.example" },
      },
    }),
    expect: () => 403,
  },
  {
    kind: "a 10 kB bearer token",
    applies: (r) => r.pattern.startsWith("/api/"),
    send: (r) => ({
      path: fill(r.pattern, crypto.randomUUID()),
      init: { method: r.method, headers: { Authorization: `Bearer ${"a".repeat(10_000)}` } },
    }),
    expect: () => 401,
  },
  {
    kind: "very long query values",
    applies: () => true,
    send: (r) => ({
      path: `${fill(r.pattern, crypto.randomUUID())}?q=${"ş".repeat(3000)}&category=${
        "x".repeat(5000)
      }&limit=${"9".repeat(400)}`,
      init: { method: r.method, headers: auth(r) },
    }),
  },
  {
    kind: "broken percent-encoding in the path",
    applies: () => true,
    send: (r) => ({
      path: `${fill(r.pattern, "%E0%A4%A")}/%ZZ`,
      init: { method: r.method, headers: auth(r) },
    }),
  },
  {
    kind: "a method the route does not have",
    applies: (r) => r.method === "GET",
    send: (r) => ({
      path: fill(r.pattern, crypto.randomUUID()),
      init: { method: "PATCH", headers: auth(r) },
    }),
    expect: (r) => r.pattern.startsWith("/api/") ? [404, 405] : [],
  },
  {
    kind: "an unknown widget key",
    applies: (r) => r.pattern.startsWith("/api/"),
    send: (r) => ({
      path: fill(r.pattern, crypto.randomUUID()),
      init: { method: r.method, headers: { "X-Widget-Key": `pk_${"0".repeat(32)}` } },
    }),
    expect: () => 401,
  },
];

function routes(creds: Credentials): RouteInfo[] {
  const out: RouteInfo[] = [];
  for (const route of manifest.routes) {
    const handler = route.module.handler;
    if (typeof handler === "function") {
      out.push({ pattern: route.pattern, method: "GET", ...creds });
      continue;
    }
    const methods = handler
      ? (Object.keys(handler) as Method[])
      : route.module.default
      ? ["GET" as Method]
      : [];
    if (route.module.default && handler && !handler.GET) methods.push("GET");
    for (const method of methods) {
      out.push({
        pattern: route.pattern,
        method,
        spec: (handler?.[method] as Endpoint | undefined)?.spec,
        ...creds,
      });
    }
  }
  return out;
}

function checkEnvelope(res: TestResponse, what: string) {
  assert.ok(res.status < 500, `${what}: got ${res.status} ${res.text.slice(0, 300)}`);
  if (res.status >= 400) {
    assert.equal(typeof res.body?.error?.code, "string", `${what}: no error code in ${res.text}`);
    assert.equal(typeof res.body?.error?.message, "string", `${what}: no error message`);
  }
}

Deno.test("every route answers at least 10 kinds of bad input with a 4xx and the error envelope", async () => {
  const app = await startTestApp();
  try {
    const biz = await signupBusiness(app);
    const claims = { sub: biz.userId, tid: biz.tenantId, role: "owner" as const };
    const revoked = await app.request("POST", "/api/keys", {
      token: biz.token,
      body: { kind: "secret", name: "old" },
    });
    await app.request("DELETE", `/api/keys/${revoked.body.api_key.id}`, { token: biz.token });
    const restricted = await app.request("POST", "/api/keys", {
      token: biz.token,
      body: { kind: "publishable", name: "site", allowed_origins: ["https://salon.example"] },
    });
    const all = routes({
      token: biz.token,
      expiredToken: await app.deps.signer.sign(claims, -10),
      foreignToken: await (await createTokenSigner("another secret ".repeat(4))).sign(claims, 900),
      revokedKey: revoked.body.key,
      restrictedKey: restricted.body.key,
    });
    assert.ok(all.length >= 30, `only ${all.length} route methods`);
    let sent = 0;
    for (const r of all) {
      const cases = CASES.filter((c) => c.applies(r));
      const what = `${r.method} ${r.pattern}`;
      if (r.pattern.startsWith("/api/") && r.spec) {
        assert.ok(cases.length >= 10, `${what}: only ${cases.length} kinds apply`);
      }
      for (const c of cases) {
        const { path, init } = c.send(r);
        const res = await app.request(init.method ?? "GET", path, {
          headers: init.headers as Record<string, string>,
          rawBody: init.body ?? undefined,
        });
        sent++;
        checkEnvelope(res, `${what} with ${c.kind}`);
        const expected = c.expect?.(r);
        const allowed = expected === undefined ? [] : [expected].flat();
        if (allowed.length > 0) {
          assert.ok(
            allowed.includes(res.status),
            `${what} with ${c.kind}: expected ${allowed} got ${res.status} ${
              res.text.slice(0, 200)
            }`,
          );
        }
      }
    }
    assert.ok(sent >= all.length * 10, `only ${sent} requests for ${all.length} route methods`);
    const unknown = await app.request("GET", "/api/nothing-here", { token: biz.token });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, "not_found");
  } finally {
    await app.close();
  }
});
