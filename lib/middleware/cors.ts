/**
 * CORS for the API. Preflights are answered for any origin (they carry no key); the real request
 * is then checked by the authentication middleware against the publishable key's allowed origins,
 * and only an allowed origin gets `Access-Control-Allow-Origin`.
 * @module
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app_env.ts";

const ALLOW_HEADERS =
  "Authorization, Content-Type, X-Widget-Key, Idempotency-Key, X-Conversation-Token, X-Request-Id";
const EXPOSE_HEADERS =
  "RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, RateLimit-Policy, Retry-After, X-Request-Id";

/** Answers preflights and marks allowed cross-origin responses. */
export function cors(): MiddlewareHandler<AppEnv> {
  return async function cors(c, next) {
    const origin = c.req.header("origin");
    if (origin && c.req.method === "OPTIONS" && c.req.header("access-control-request-method")) {
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
    await next();
    if (!origin) return;
    c.res.headers.append("Vary", "Origin");
    const p = c.var.principal;
    const refused = p?.kind === "publishable_key" && p.allowedOrigins.length > 0 &&
      !p.allowedOrigins.includes(origin);
    if (refused) return;
    c.res.headers.set("Access-Control-Allow-Origin", origin);
    c.res.headers.set("Access-Control-Expose-Headers", EXPOSE_HEADERS);
  };
}
