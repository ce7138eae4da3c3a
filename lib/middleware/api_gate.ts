/**
 * The API's gate, in one middleware so the hot path pays for one layer: CORS preflight, the
 * caller's credentials, the rate limits (which count refused credentials too), the answer to
 * refused credentials, and the 1 MB body limit announced by Content-Length.
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { AppError } from "../../services/errors.ts";
import type { AppEnv } from "../app_env.ts";
import { handleError } from "../errors.ts";
import { authenticate } from "./auth.ts";
import { applyCors, preflight } from "./cors.ts";
import { countRequest, setRateHeaders, tooManyRequests } from "./rate_limit.ts";

/** Request bodies above 1 MB are refused with 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Refuses a body larger than the limit. */
export function bodyTooLarge(): AppError {
  return new AppError(413, "payload_too_large", "Request body is larger than 1 MB");
}

/** Creates the gate. */
export function apiGate(): MiddlewareHandler<AppEnv> {
  return async function apiGate(c, next) {
    const origin = c.req.header("origin");
    if (origin && c.req.method === "OPTIONS" && c.req.header("access-control-request-method")) {
      return preflight(origin);
    }
    await authenticate(c);
    const decision = await countRequest(c);
    if (!decision.allowed) {
      const res = tooManyRequests(decision);
      if (origin) applyCors(res.headers, c.get("principal"), origin);
      return res;
    }
    const refusal = c.get("authError") ??
      (Number(c.req.header("content-length") ?? 0) > MAX_BODY_BYTES ? bodyTooLarge() : undefined);
    if (refusal) c.res = handleError(refusal, c);
    else await next();
    const headers = c.res.headers;
    setRateHeaders(headers, decision);
    if (origin) applyCors(headers, c.get("principal"), origin);
  };
}
