/**
 * `/widget.js`: the embeddable widget (built by `deno task build` into static/build/widget.js),
 * loadable by any site: CORS open, gzipped once, cached for five minutes with revalidation by ETag.
 * @module
 */
import type { Ctx } from "../lib/app_env.ts";
import { errorBody } from "../services/errors.ts";

const FILE = new URL("../static/build/widget.js", import.meta.url);

let cached:
  | { mtime: number; body: Uint8Array<ArrayBuffer>; gzip: Uint8Array<ArrayBuffer>; etag: string }
  | undefined;

/** The built file, read again only when it changed on disk. */
async function load(): Promise<typeof cached> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(FILE);
  } catch {
    return undefined;
  }
  const mtime = info.mtime?.getTime() ?? 0;
  if (cached?.mtime !== mtime) {
    const body = await Deno.readFile(FILE);
    const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", body));
    const hex = [...hash.slice(0, 8)].map((b) => b.toString(16).padStart(2, "0")).join("");
    const gzip = new Uint8Array(
      await new Response(new Blob([body]).stream().pipeThrough(new CompressionStream("gzip")))
        .arrayBuffer(),
    );
    cached = { mtime, body, gzip, etag: `"${hex}"` };
  }
  return cached;
}

export const handler = {
  async GET(c: Ctx) {
    const file = await load();
    if (!file) {
      return c.json(
        errorBody("not_built", "The widget is not built yet; run deno task build"),
        503,
      );
    }
    const gzip = /\bgzip\b/.test(c.req.header("accept-encoding") ?? "");
    const headers: Record<string, string> = {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": "public, max-age=300, stale-while-revalidate=86400",
      "Access-Control-Allow-Origin": "*",
      "Cross-Origin-Resource-Policy": "cross-origin",
      "ETag": file.etag,
      "Vary": "Accept-Encoding",
    };
    if (c.req.header("if-none-match") === file.etag) return c.body(null, 304, headers);
    if (!gzip) return c.body(file.body, 200, headers);
    return c.body(file.gzip, 200, { ...headers, "Content-Encoding": "gzip" });
  },
};
