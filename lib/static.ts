/**
 * Serves files under `static/` with their content type and an ETag.
 * @module
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./app_env.ts";

const STATIC_ROOT = new URL("../static/", import.meta.url);

const TYPES: Record<string, string> = {
  js: "text/javascript; charset=utf-8",
  mjs: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  html: "text/html; charset=utf-8",
  json: "application/json",
  svg: "image/svg+xml",
  png: "image/png",
  ico: "image/x-icon",
  txt: "text/plain; charset=utf-8",
  map: "application/json",
  webmanifest: "application/manifest+json",
};

/** Serves `/<path>` from `static/<path>`, or passes the request on. */
export function serveStatic(): MiddlewareHandler<AppEnv> {
  return async function serveStatic(c, next) {
    if (c.req.method !== "GET" && c.req.method !== "HEAD") return await next();
    let path: string;
    try {
      path = decodeURIComponent(c.req.path);
    } catch {
      return await next();
    }
    if (path.includes("..") || path.includes("\0") || path.endsWith("/")) return await next();
    const url = new URL(`.${path}`, STATIC_ROOT);
    let info: Deno.FileInfo;
    try {
      info = await Deno.stat(url);
    } catch {
      return await next();
    }
    if (!info.isFile) return await next();
    const etag = `W/"${info.size.toString(16)}-${(info.mtime?.getTime() ?? 0).toString(16)}"`;
    const headers = {
      "Content-Type": TYPES[path.split(".").pop() ?? ""] ?? "application/octet-stream",
      "ETag": etag,
      "Cache-Control": "public, max-age=300",
    };
    if (c.req.header("if-none-match") === etag) return c.body(null, 304, headers);
    return c.body(await Deno.readFile(url), 200, headers);
  };
}
