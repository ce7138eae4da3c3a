/**
 * Rate limits per IP, per user and per tenant, counted in one atomic step (Redis or in process),
 * answered with 429, `Retry-After` and `RateLimit-*` headers.
 * @module
 */
import type { RateDecision, RateRule } from "../kv/mod.ts";
import { errorBody } from "../../services/errors.ts";
import type { Ctx } from "../app_env.ts";

/** The client's address: the socket's, or the first X-Forwarded-For hop behind a trusted proxy. */
export function clientIp(c: Ctx): string {
  if (c.get("deps").config.trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  return c.env?.remoteAddr?.hostname ?? "unknown";
}

/** Counts the request against the limits of its IP, user and tenant. */
export async function countRequest(c: Ctx): Promise<RateDecision> {
  const { kv, config } = c.get("deps");
  const limits = config.rateLimits;
  const p = c.get("principal");
  const rules: RateRule[] = [
    { key: `ip:${clientIp(c)}`, limit: limits.ipPerMinute, windowSeconds: 60, name: "ip" },
  ];
  if (p?.kind === "user") {
    rules.push({
      key: `user:${p.userId}`,
      limit: limits.userPerHour,
      windowSeconds: 3600,
      name: "user",
    });
  }
  if (p) {
    rules.push({
      key: `tenant:${p.tenantId}`,
      limit: limits.tenantPerDay,
      windowSeconds: 86400,
      name: "tenant",
    });
  }
  return await kv.rateLimit(rules);
}

/** Sets the `RateLimit-*` headers describing a decision. */
export function setRateHeaders(headers: Headers, d: RateDecision): void {
  headers.set("RateLimit-Limit", String(d.rule.limit));
  headers.set("RateLimit-Remaining", String(d.remaining));
  headers.set("RateLimit-Reset", String(d.resetSeconds));
  headers.set(
    "RateLimit-Policy",
    `${d.rule.limit};w=${d.rule.windowSeconds};name="${d.rule.name}"`,
  );
}

/** The 429 answer to a refused request. */
export function tooManyRequests(d: RateDecision): Response {
  const res = Response.json(
    errorBody(
      "rate_limited",
      `Too many requests: the ${d.rule.name} limit is reached; retry later`,
    ),
    { status: 429 },
  );
  setRateHeaders(res.headers, d);
  res.headers.set("Retry-After", String(d.retryAfterSeconds));
  return res;
}
