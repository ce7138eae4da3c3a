/**
 * HS256 JSON Web Tokens for dashboard access, signed and verified with WebCrypto.
 * @module
 */

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
export async function createTokenSigner(secret: string): Promise<TokenSigner> {
  const key = await crypto.subtle.importKey(
    "raw",
    enc.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign", "verify"],
  );
  return {
    async sign(claims, ttlSeconds) {
      const iat = Math.floor(Date.now() / 1000);
      const body = b64url(
        enc.encode(JSON.stringify({ ...claims, typ: "access", iat, exp: iat + ttlSeconds })),
      );
      const sig = await crypto.subtle.sign("HMAC", key, enc.encode(`${HEADER}.${body}`));
      return `${HEADER}.${body}.${b64url(new Uint8Array(sig))}`;
    },
    async verify(token) {
      const parts = token.split(".");
      if (parts.length !== 3 || parts[0] !== HEADER) return null;
      const sig = unb64url(parts[2]!);
      if (!sig) return null;
      const ok = await crypto.subtle.verify(
        "HMAC",
        key,
        sig,
        enc.encode(`${parts[0]}.${parts[1]}`),
      );
      if (!ok) return null;
      const raw = unb64url(parts[1]!);
      if (!raw) return null;
      let claims: AccessClaims;
      try {
        claims = JSON.parse(new TextDecoder().decode(raw));
      } catch {
        return null;
      }
      if (claims.typ !== "access" || typeof claims.exp !== "number") return null;
      if (claims.exp <= Math.floor(Date.now() / 1000)) return null;
      return claims;
    },
  };
}
