/**
 * Dashboard sessions in cookies: the access token (15 minutes) and the refresh token (30 days),
 * both httpOnly and SameSite=Lax. Pages renew an expired access token with the refresh token;
 * the API accepts the access cookie from the same origin only.
 * @module
 */
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { refresh, REFRESH_TOKEN_TTL_SECONDS } from "../services/auth/accounts.ts";
import type { TokenPair } from "../services/auth/accounts.ts";
import type { TokenSigner } from "../services/auth/jwt.ts";
import type { Principal } from "../services/auth/principal.ts";
import { UnauthorizedError } from "../services/errors.ts";
import type { Ctx } from "./app_env.ts";

const ACCESS_COOKIE = "arma_at";
const REFRESH_COOKIE = "arma_rt";

function secure(c: Ctx): boolean {
  return c.get("deps").publicUrl.startsWith("https://");
}

/** Stores a token pair in the session cookies. */
export function setSessionCookies(c: Ctx, tokens: TokenPair): void {
  const base = { httpOnly: true, sameSite: "Lax" as const, path: "/", secure: secure(c) };
  setCookie(c, ACCESS_COOKIE, tokens.access_token, { ...base, maxAge: tokens.expires_in });
  setCookie(c, REFRESH_COOKIE, tokens.refresh_token, {
    ...base,
    maxAge: REFRESH_TOKEN_TTL_SECONDS,
  });
}

/** Clears the session cookies. */
export function clearSessionCookies(c: Ctx): void {
  deleteCookie(c, ACCESS_COOKIE, { path: "/" });
  deleteCookie(c, REFRESH_COOKIE, { path: "/" });
}

/** The refresh token of the session, for logging out. */
export function sessionRefreshToken(c: Ctx): string | undefined {
  return getCookie(c, REFRESH_COOKIE);
}

/** The user an access token names, or undefined when the token is not valid. */
export async function tokenPrincipal(
  signer: TokenSigner,
  token: string,
): Promise<Principal | undefined> {
  const claims = await signer.verify(token);
  return claims
    ? { kind: "user", tenantId: claims.tid, userId: claims.sub, role: claims.role }
    : undefined;
}

/** The user of a valid access cookie, or undefined. */
export async function cookiePrincipal(c: Ctx): Promise<Principal | undefined> {
  const token = getCookie(c, ACCESS_COOKIE);
  return token ? await tokenPrincipal(c.get("deps").signer, token) : undefined;
}

/**
 * The user of a page request: the access cookie, or a renewal with the refresh cookie (which
 * rotates both). Undefined when there is no session to be had.
 */
export async function pageSession(c: Ctx): Promise<Principal | undefined> {
  const current = await cookiePrincipal(c);
  if (current) return current;
  const refreshToken = getCookie(c, REFRESH_COOKIE);
  if (!refreshToken) return undefined;
  const { db, signer } = c.get("deps");
  let tokens: TokenPair;
  try {
    tokens = await refresh(db, refreshToken, signer);
  } catch (err) {
    if (!(err instanceof UnauthorizedError)) throw err;
    clearSessionCookies(c);
    return undefined;
  }
  setSessionCookies(c, tokens);
  return await tokenPrincipal(signer, tokens.access_token);
}

/** True when a request carrying cookies comes from this site (no Origin, or the same origin). */
export function sameOrigin(c: Ctx): boolean {
  const origin = c.req.header("origin");
  if (!origin) return true;
  const host = c.req.header("host");
  try {
    const o = new URL(origin);
    return o.host === host || o.origin === new URL(c.get("deps").publicUrl).origin;
  } catch {
    return false;
  }
}
