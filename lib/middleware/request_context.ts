/**
 * The first middleware: gives the request an id and the process's dependencies; on the way out it
 * sets the security headers, logs the request as one JSON line and records it in the metrics.
 * Logs carry the path, never the query string, a body or a credential.
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import type { AppEnv, Deps } from "../app_env.ts";
import { setSecurityHeaders } from "./security_headers.ts";

const REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/;

// The log's timestamp, formatted once per millisecond however many requests end in it.
let stampedAt = 0;
let stamp = "";
function timestamp(): string {
  const now = Date.now();
  if (now !== stampedAt) {
    stampedAt = now;
    stamp = new Date(now).toISOString();
  }
  return stamp;
}

/** Creates the request-context middleware for `deps`. */
export function requestContext(deps: Deps): MiddlewareHandler<AppEnv> {
  const hsts = deps.publicUrl.startsWith("https://");
  return async function requestContext(c, next) {
    const started = performance.now();
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
    c.set("deps", deps);
    c.set("requestId", requestId);
    await next();
    // Setting headers on the finished response is far cheaper than Hono's c.header().
    const headers = c.res.headers;
    headers.set("X-Request-Id", requestId);
    setSecurityHeaders(headers, hsts);
    const seconds = (performance.now() - started) / 1000;
    const { method, path } = c.req;
    const status = c.res.status;
    const matched = routePath(c, -1);
    const route = matched.endsWith("*") && status === 404 ? "unmatched" : matched;
    deps.metrics.observe(method, route, status, seconds);
    if (deps.logger.enabled("info")) {
      // Formatted by hand: this runs for every request. Only path and route can hold characters
      // that need escaping; ids are UUIDs and the rest are numbers and method names.
      const p = c.get("principal");
      const who = p
        ? `,"tenant_id":"${p.tenantId}",${
          p.kind === "user" ? `"user_id":"${p.userId}"` : `"key_id":"${p.keyId}"`
        }`
        : "";
      deps.logger.line(
        "info",
        `{"ts":"${timestamp()}","level":"info","msg":"request","request_id":"${requestId}","method":"${method}","path":${
          JSON.stringify(path)
        },"route":${JSON.stringify(route)},"status":${status},"duration_ms":${
          Math.round(seconds * 10000) / 10
        }${who}}`,
      );
    }
  };
}
