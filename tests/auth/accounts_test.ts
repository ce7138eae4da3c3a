import assert from "node:assert/strict";
import { createTokenSigner } from "../../services/auth/jwt.ts";
import { signupBusiness, startTestApp } from "../_support/app.ts";

Deno.test("accounts", async (t) => {
  const app = await startTestApp();
  try {
    await t.step("signup returns the tenant, owner, tokens and a publishable key", async () => {
      const email = `Owner-${crypto.randomUUID()}@Example.com`;
      const res = await app.request("POST", "/api/auth/signup", {
        body: {
          business_name: "Kuaför Işıl",
          email,
          password: "long enough pw",
          industry: "kuaför",
          website_url: "https://isil.example",
          timezone: "Europe/Istanbul",
          locale: "tr",
        },
      });
      assert.equal(res.status, 201);
      assert.equal(res.body.tenant.business_name, "Kuaför Işıl");
      assert.equal(res.body.tenant.timezone, "Europe/Istanbul");
      assert.equal(res.body.tenant.currency, "TRY");
      assert.equal(res.body.user.email, email.toLowerCase());
      assert.equal(res.body.user.role, "owner");
      assert(res.body.access_token.split(".").length === 3);
      assert(res.body.refresh_token.startsWith("rt_"));
      assert(/^pk_[0-9A-Za-z]{32}$/.test(res.body.publishable_key));
      assert.equal(res.body.expires_in, 900);
      assert.equal(JSON.stringify(res.body).includes("password"), false);
      assert.equal(res.body.tenant.settings.business_hours.sun.length, 0);
    });

    await t.step("signup with a taken e-mail is a 409, whatever its case", async () => {
      const b = await signupBusiness(app);
      const res = await app.request("POST", "/api/auth/signup", {
        body: {
          business_name: "Other",
          email: b.email.toUpperCase(),
          password: "another password",
        },
      });
      assert.equal(res.status, 409);
      assert.equal(res.body.error.code, "email_taken");
    });

    await t.step(
      "signup refuses a short password, a bad e-mail and an unknown time zone",
      async () => {
        for (
          const body of [
            { business_name: "X", email: "a@example.com", password: "short" },
            { business_name: "X", email: "not-an-email", password: "long enough pw" },
            {
              business_name: "X",
              email: "b@example.com",
              password: "long enough pw",
              timezone: "Mars/Base",
            },
            { business_name: "", email: "c@example.com", password: "long enough pw" },
          ]
        ) {
          const res = await app.request("POST", "/api/auth/signup", { body });
          assert.equal(res.status, 400, JSON.stringify(body));
          assert.equal(typeof res.body.error.message, "string");
        }
      },
    );

    await t.step(
      "login with the right password returns a session; a wrong one is 401",
      async () => {
        const b = await signupBusiness(app);
        const ok = await app.request("POST", "/api/auth/login", {
          body: { email: b.email, password: b.password },
        });
        assert.equal(ok.status, 200);
        assert.equal(ok.body.tenant.id, b.tenantId);
        assert.equal(ok.body.user.id, b.userId);
        const me = await app.request("GET", "/api/auth/me", { token: ok.body.access_token });
        assert.equal(me.status, 200);
        assert.equal(me.body.user.email, b.email);
        const bad = await app.request("POST", "/api/auth/login", {
          body: { email: b.email, password: "wrong password" },
        });
        assert.equal(bad.status, 401);
        assert.equal(bad.body.error.code, "invalid_credentials");
        const unknown = await app.request("POST", "/api/auth/login", {
          body: { email: "nobody@example.com", password: "whatever123" },
        });
        assert.equal(unknown.status, 401);
        assert.equal(unknown.body.error.message, bad.body.error.message);
      },
    );

    await t.step("refresh tokens rotate, and a reused one revokes the whole family", async () => {
      const b = await signupBusiness(app);
      const first = await app.request("POST", "/api/auth/refresh", {
        body: { refresh_token: b.refreshToken },
      });
      assert.equal(first.status, 200);
      assert.notEqual(first.body.refresh_token, b.refreshToken);
      const me = await app.request("GET", "/api/auth/me", { token: first.body.access_token });
      assert.equal(me.status, 200);
      const reuse = await app.request("POST", "/api/auth/refresh", {
        body: { refresh_token: b.refreshToken },
      });
      assert.equal(reuse.status, 401);
      assert.equal(reuse.body.error.code, "refresh_token_reused");
      const afterReuse = await app.request("POST", "/api/auth/refresh", {
        body: { refresh_token: first.body.refresh_token },
      });
      assert.equal(afterReuse.status, 401, "the family is revoked, the newer token too");
    });

    await t.step("two racing refreshes of one token: at most one wins", async () => {
      const b = await signupBusiness(app);
      const results = await Promise.all(
        [1, 2, 3].map(() =>
          app.request("POST", "/api/auth/refresh", { body: { refresh_token: b.refreshToken } })
        ),
      );
      assert(results.filter((r) => r.status === 200).length <= 1);
      assert(results.some((r) => r.status === 401));
    });

    await t.step("logout revokes the session's refresh tokens", async () => {
      const b = await signupBusiness(app);
      const out = await app.request("POST", "/api/auth/logout", {
        body: { refresh_token: b.refreshToken },
      });
      assert.equal(out.status, 204);
      const res = await app.request("POST", "/api/auth/refresh", {
        body: { refresh_token: b.refreshToken },
      });
      assert.equal(res.status, 401);
    });

    await t.step("an expired or forged access token is 401", async () => {
      const b = await signupBusiness(app);
      const [, payload] = b.token.split(".");
      const forged = `${b.token.split(".")[0]}.${payload}.${"A".repeat(43)}`;
      assert.equal((await app.request("GET", "/api/auth/me", { token: forged })).status, 401);
      const other = await createTokenSigner("x".repeat(40));
      const foreign = await other.sign({ sub: b.userId, tid: b.tenantId, role: "owner" }, 900);
      assert.equal((await app.request("GET", "/api/auth/me", { token: foreign })).status, 401);
      const expired = await app.deps.signer.sign(
        { sub: b.userId, tid: b.tenantId, role: "owner" },
        -1,
      );
      const res = await app.request("GET", "/api/auth/me", { token: expired });
      assert.equal(res.status, 401);
      assert.equal(res.body.error.code, "invalid_token");
    });

    await t.step("access tokens live 15 minutes", async () => {
      const b = await signupBusiness(app);
      const claims = await app.deps.signer.verify(b.token);
      assert(claims);
      assert.equal(claims.exp - claims.iat, 15 * 60);
    });

    await t.step("an owner invites staff; staff can read but not configure", async () => {
      const owner = await signupBusiness(app);
      const staffEmail = `staff-${crypto.randomUUID()}@example.com`;
      const inv = await app.request("POST", "/api/team/invitations", {
        token: owner.token,
        body: { email: staffEmail, role: "staff" },
      });
      assert.equal(inv.status, 201);
      assert(inv.body.accept_url.includes(encodeURIComponent(inv.body.token)));
      const joined = await app.request("POST", "/api/auth/join", {
        body: { token: inv.body.token, password: "staff password", name: "Elif" },
      });
      assert.equal(joined.status, 200);
      assert.equal(joined.body.user.role, "staff");
      assert.equal(joined.body.tenant.id, owner.tenantId);
      const again = await app.request("POST", "/api/auth/join", {
        body: { token: inv.body.token, password: "staff password" },
      });
      assert.equal(again.status, 409);
      const staffToken = joined.body.access_token;
      assert.equal((await app.request("GET", "/api/offerings", { token: staffToken })).status, 200);
      assert.equal((await app.request("GET", "/api/team", { token: staffToken })).status, 200);
      const put = await app.request("PUT", "/api/tenants/me", {
        token: staffToken,
        body: { business_name: "Hijacked" },
      });
      assert.equal(put.status, 403);
      assert.equal((await app.request("GET", "/api/keys", { token: staffToken })).status, 403);
      const invite = await app.request("POST", "/api/team/invitations", {
        token: staffToken,
        body: { email: "x@example.com" },
      });
      assert.equal(invite.status, 403);
      const team = await app.request("GET", "/api/team", { token: owner.token });
      assert.equal(team.body.members.length, 2);
    });

    await t.step("the last owner cannot be removed or demoted", async () => {
      const owner = await signupBusiness(app);
      const demote = await app.request("PUT", `/api/team/${owner.userId}`, {
        token: owner.token,
        body: { role: "staff" },
      });
      assert.equal(demote.status, 409);
      const remove = await app.request("DELETE", `/api/team/${owner.userId}`, {
        token: owner.token,
      });
      assert.equal(remove.status, 409);
    });

    await t.step("passwords are stored as scrypt hashes", async () => {
      const b = await signupBusiness(app);
      const [row] = await app.db.sql<{ password_hash: string }[]>`
        select password_hash from arma_lookup_login(${b.email}) limit 1`;
      assert(row!.password_hash.startsWith("scrypt$32768$8$1$"));
      assert.equal(row!.password_hash.includes(b.password), false);
    });
  } finally {
    await app.close();
  }
});
