/**
 * Serves files under `static/` with their content type and an ETag, as plain routes.
 * @module
 */
import type { Hono } from "hono";
import type { AppEnv } from "./app_env.ts";
import { listFiles } from "./list_files.ts";

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

/** Registers a GET route for every file under `static/`, listed once at start. */
export function mountStatic(app: Hono<AppEnv>): void {
  for (const file of listFiles(STATIC_ROOT)) {
    const path = `/${file}`;
    const url = new URL(`.${path}`, STATIC_ROOT);
    const type = TYPES[path.split(".").pop() ?? ""] ?? "application/octet-stream";
    app.get(path, async (c) => {
      const info = await Deno.stat(url);
      const etag = `W/"${info.size.toString(16)}-${(info.mtime?.getTime() ?? 0).toString(16)}"`;
      const headers = {
        "Content-Type": type,
        "ETag": etag,
        "Cache-Control": "public, max-age=300",
      };
      if (c.req.header("if-none-match") === etag) return c.body(null, 304, headers);
      return c.body(await Deno.readFile(url), 200, headers);
    });
  }
}
