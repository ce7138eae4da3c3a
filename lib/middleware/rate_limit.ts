/**
 * Rate limits per IP, per user and per tenant, counted in one atomic step (Redis or in process),
 * answered with 429, `Retry-After` and `RateLimit-*` headers.
 * @module
 */
import type { MiddlewareHandler } from "hono";
import type { RateRule } from "../kv/mod.ts";
import { errorBody } from "../../services/errors.ts";
import type { AppEnv, Ctx } from "../app_env.ts";

/** The client's address: the socket's, or the first X-Forwarded-For hop behind a trusted proxy. */
export function clientIp(c: Ctx): string {
  if (c.var.deps.config.trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  return c.env?.remoteAddr?.hostname ?? "unknown";
}

/** Counts the request and refuses it when a limit is reached. */
export const rateLimit: MiddlewareHandler<AppEnv> = async function rateLimit(c, next) {
  const { kv, config } = c.var.deps;
  const limits = config.rateLimits;
  const p = c.var.principal;
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
  const d = await kv.rateLimit(rules);
  const headers: Record<string, string> = {
    "RateLimit-Limit": String(d.rule.limit),
    "RateLimit-Remaining": String(d.remaining),
    "RateLimit-Reset": String(d.resetSeconds),
    "RateLimit-Policy": `${d.rule.limit};w=${d.rule.windowSeconds};name="${d.rule.name}"`,
  };
  if (!d.allowed) {
    return c.json(
      errorBody(
        "rate_limited",
        `Too many requests: the ${d.rule.name} limit is reached; retry later`,
      ),
      429,
      { ...headers, "Retry-After": String(d.retryAfterSeconds) },
    );
  }
  await next();
  for (const [k, v] of Object.entries(headers)) c.res.headers.set(k, v);
};
