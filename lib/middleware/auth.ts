/**
 * Authentication: reads a dashboard access token, a secret key (`Authorization: Bearer sk_…`) or a
 * publishable key (`X-Widget-Key: pk_…`, or `?key=` where headers cannot be set). Refused
 * credentials are remembered and answered after rate limiting, so guessing is rate limited too.
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { ForbiddenError, UnauthorizedError } from "../../services/errors.ts";
import type { Principal } from "../../services/auth/principal.ts";
import type { AppEnv, Ctx } from "../app_env.ts";

async function principalOf(c: Ctx): Promise<Principal | undefined> {
  const { signer, keys } = c.var.deps;
  const header = c.req.header("authorization");
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!m) {
      throw new UnauthorizedError("Authorization header must be 'Bearer <token>'", "invalid_token");
    }
    const token = m[1]!;
    if (/^(sk|pk)_/.test(token)) {
      const p = await keys.resolve(token);
      if (!p) throw new UnauthorizedError("API key is not valid or was revoked", "invalid_key");
      return p;
    }
    const claims = await signer.verify(token);
    if (!claims) {
      throw new UnauthorizedError("Access token is not valid or has expired", "invalid_token");
    }
    return { kind: "user", tenantId: claims.tid, userId: claims.sub, role: claims.role };
  }
  const widgetKey = c.req.header("x-widget-key") ?? c.req.query("key");
  if (widgetKey) {
    const p = await keys.resolve(widgetKey);
    if (!p || p.kind !== "publishable_key") {
      throw new UnauthorizedError("Widget key is not valid or was revoked", "invalid_key");
    }
    return p;
  }
  return undefined;
}

/** Resolves the caller; never answers by itself. */
export const authenticate: MiddlewareHandler<AppEnv> = async function authenticate(c, next) {
  try {
    const p = await principalOf(c);
    c.set("principal", p);
    const origin = c.req.header("origin");
    if (
      p?.kind === "publishable_key" && origin && p.allowedOrigins.length > 0 &&
      !p.allowedOrigins.includes(origin)
    ) {
      c.set(
        "authError",
        new ForbiddenError("This site may not use this widget key", "origin_not_allowed"),
      );
    }
  } catch (err) {
    if (!(err instanceof UnauthorizedError)) throw err;
    c.set("authError", err);
  }
  await next();
};

/** Answers refused credentials (after the rate limiter has counted the request). */
export const rejectRefusedCredentials: MiddlewareHandler<AppEnv> = async function rejectRefused(
  c,
  next,
) {
  const err = c.var.authError;
  if (err) throw err;
  await next();
};
