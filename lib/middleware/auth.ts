/**
 * Authentication: reads a dashboard access token, a secret key (`Authorization: Bearer sk_…`) or a
 * publishable key (`X-Widget-Key: pk_…`, or `?key=` where headers cannot be set). Refused
 * credentials are returned, not thrown, so the rate limiter counts them before they are answered.
 * @module
 */
import type { Principal } from "../../services/auth/principal.ts";
import { type AppError, ForbiddenError, UnauthorizedError } from "../../services/errors.ts";
import type { Ctx } from "../app_env.ts";
import { cookiePrincipal, sameOrigin, tokenPrincipal } from "../session.ts";
import { originAllowed } from "./cors.ts";

async function principalOf(c: Ctx): Promise<Principal | undefined> {
  const { signer, keys } = c.get("deps");
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
    const user = await tokenPrincipal(signer, token);
    if (!user) {
      throw new UnauthorizedError("Access token is not valid or has expired", "invalid_token");
    }
    return user;
  }
  const widgetKey = c.req.header("x-widget-key") ?? c.req.query("key");
  if (widgetKey) {
    const p = await keys.resolve(widgetKey);
    if (!p || p.kind !== "publishable_key") {
      throw new UnauthorizedError("Widget key is not valid or was revoked", "invalid_key");
    }
    return p;
  }
  // The dashboard's own pages call the API with the session cookie, from the same origin only.
  if (sameOrigin(c)) return await cookiePrincipal(c);
  return undefined;
}

/** Resolves the caller into `principal`, and any refusal into `authError`. */
export async function authenticate(c: Ctx): Promise<void> {
  let principal: Principal | undefined;
  let refusal: AppError | undefined;
  try {
    principal = await principalOf(c);
  } catch (err) {
    if (!(err instanceof UnauthorizedError)) throw err;
    refusal = err;
  }
  const origin = c.req.header("origin");
  if (origin && !originAllowed(principal, origin)) {
    refusal = new ForbiddenError("This site may not use this widget key", "origin_not_allowed");
  }
  c.set("principal", principal);
  c.set("authError", refusal);
}
