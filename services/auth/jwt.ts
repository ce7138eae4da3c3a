/**
 * HS256 JSON Web Tokens for dashboard access. Verified tokens are remembered until they expire, so
 * a busy dashboard or API client pays for the HMAC once per token.
 * @module
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/** What an access token says about its holder. */
export interface AccessClaims {
  sub: string;
  tid: string;
  role: "owner" | "staff";
  iat: number;
  exp: number;
  typ: "access";
}

/** Signs and verifies access tokens with one secret. */
export interface TokenSigner {
  sign(claims: Omit<AccessClaims, "iat" | "exp" | "typ">, ttlSeconds: number): Promise<string>;
  verify(token: string): Promise<AccessClaims | null>;
}

const enc = new TextEncoder();
const MAX_REMEMBERED = 10_000;

function b64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_").replace(
    /=+$/,
    "",
  );
}

function unb64url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  const pad = text.replaceAll("-", "+").replaceAll("_", "/") + "===".slice((text.length + 3) % 4);
  return Uint8Array.from(atob(pad), (c) => c.charCodeAt(0));
}

const HEADER = b64url(enc.encode(JSON.stringify({ alg: "HS256", typ: "JWT" })));

/** Creates a signer for a secret of at least 32 characters. */
export function createTokenSigner(secret: string): Promise<TokenSigner> {
  const key = enc.encode(secret);
  const mac = (data: string) => new Uint8Array(createHmac("sha256", key).update(data).digest());
  const remembered = new Map<string, AccessClaims>();
  return Promise.resolve({
    sign(claims, ttlSeconds) {
      const iat = Math.floor(Date.now() / 1000);
      const body = b64url(
        enc.encode(JSON.stringify({ ...claims, typ: "access", iat, exp: iat + ttlSeconds })),
      );
      return Promise.resolve(`${HEADER}.${body}.${b64url(mac(`${HEADER}.${body}`))}`);
    },
    verify(token) {
      const now = Math.floor(Date.now() / 1000);
      const known = remembered.get(token);
      if (known) return Promise.resolve(known.exp > now ? known : null);
      return Promise.resolve(check(token, now));
    },
  });

  function check(token: string, now: number): AccessClaims | null {
    const parts = token.split(".");
    if (parts.length !== 3 || parts[0] !== HEADER) return null;
    const sig = unb64url(parts[2]!);
    const expected = mac(`${parts[0]}.${parts[1]}`);
    if (!sig || sig.length !== expected.length || !timingSafeEqual(sig, expected)) return null;
    const raw = unb64url(parts[1]!);
    if (!raw) return null;
    let claims: AccessClaims;
    try {
      claims = JSON.parse(new TextDecoder().decode(raw));
    } catch {
      return null;
    }
    if (claims.typ !== "access" || typeof claims.exp !== "number" || claims.exp <= now) return null;
    if (remembered.size >= MAX_REMEMBERED) remembered.clear();
    remembered.set(token, claims);
    return claims;
  }
}
