/**
 * The first middleware: gives the request an id and the process's dependencies, then logs the
 * request as one JSON line and records it in the metrics. Logs carry the path, never the query
 * string, a body or a credential.
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import type { AppEnv, Deps } from "../app_env.ts";

const REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** Creates the request-context middleware for `deps`. */
export function requestContext(deps: Deps): MiddlewareHandler<AppEnv> {
  return async function requestContext(c, next) {
    const started = performance.now();
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
    c.set("deps", deps);
    c.set("requestId", requestId);
    await next();
    c.header("X-Request-Id", requestId);
    const seconds = (performance.now() - started) / 1000;
    const matched = routePath(c, -1);
    const route = matched.endsWith("*") && c.res.status === 404 ? "unmatched" : matched;
    deps.metrics.observe(c.req.method, route, c.res.status, seconds);
    if (deps.logger.enabled("info")) {
      const p = c.var.principal;
      deps.logger.info("request", {
        request_id: requestId,
        method: c.req.method,
        path: c.req.path,
        route,
        status: c.res.status,
        duration_ms: Math.round(seconds * 10000) / 10,
        tenant_id: p?.tenantId,
        user_id: p?.kind === "user" ? p.userId : undefined,
        key_id: p && p.kind !== "user" ? p.keyId : undefined,
      });
    }
  };
}
