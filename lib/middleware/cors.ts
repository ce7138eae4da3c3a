/**
 * CORS for the API. Preflights are answered for any origin (they carry no key); the real request
 * is then checked against the publishable key's allowed origins, and only an allowed origin gets
 * `Access-Control-Allow-Origin`.
 * @module
 */
import type { Principal } from "../../services/auth/principal.ts";

const ALLOW_HEADERS =
  "Authorization, Content-Type, X-Widget-Key, Idempotency-Key, X-Conversation-Token, X-Request-Id";
const EXPOSE_HEADERS =
  "RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, RateLimit-Policy, Retry-After, X-Request-Id";

/** The answer to a CORS preflight from `origin`. */
export function preflight(origin: string): Response {
  return new Response(null, {
    status: 204,
    headers: {
      "Access-Control-Allow-Origin": origin,
      "Access-Control-Allow-Methods": "GET, POST, PUT, PATCH, DELETE",
      "Access-Control-Allow-Headers": ALLOW_HEADERS,
      "Access-Control-Max-Age": "600",
      "Vary": "Origin",
    },
  });
}

/** True when `origin` may use a publishable key's answers. */
export function originAllowed(principal: Principal | undefined, origin: string): boolean {
  return !(principal?.kind === "publishable_key" && principal.allowedOrigins.length > 0 &&
    !principal.allowedOrigins.includes(origin));
}

/** Marks a response readable by `origin` when the principal allows it. */
export function applyCors(
  headers: Headers,
  principal: Principal | undefined,
  origin: string,
): void {
  headers.append("Vary", "Origin");
  if (!originAllowed(principal, origin)) return;
  headers.set("Access-Control-Allow-Origin", origin);
  headers.set("Access-Control-Expose-Headers", EXPOSE_HEADERS);
}
