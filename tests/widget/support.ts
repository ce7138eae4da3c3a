/**
 * What the widget's tests and benchmark share: Debian's Chromium through playwright-core, a host
 * site on another origin that embeds the widget, and a build of the widget outside static/.
 * @module
 */
import { type Browser, type BrowserServer, chromium } from "playwright-core";
import { withDeadline } from "../../lib/deadline.ts";
import { BUNDLES } from "../../lib/build.ts";

const ROOT = new URL("../../", import.meta.url);

const servers = new WeakMap<Browser, BrowserServer>();
// Closing a healthy Chromium takes well under a second.
const CLOSE_MS = 20_000;

/** Launches headless Chromium (never a downloaded browser); close it with `closeChromium`. */
export async function launchChromium(): Promise<Browser> {
  const server = await chromium.launchServer({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const browser = await chromium.connect(server.wsEndpoint());
  servers.set(browser, server);
  return browser;
}

/**
 * Closes Chromium. One that does not close in time is killed, and said so, rather than holding
 * the test run up: the browser's own shutdown is not what the tests judge.
 */
export async function closeChromium(browser: Browser): Promise<void> {
  const server = servers.get(browser);
  const close = async () => {
    await browser.close();
    await server?.close();
  };
  await withDeadline(close(), CLOSE_MS, "Closing Chromium").catch(async (err) => {
    console.error(`${err.message}: killing it`);
    await withDeadline(server?.kill() ?? Promise.resolve(), CLOSE_MS, "Killing Chromium");
  });
}

/** A site of its own origin serving HTML pages. */
export interface HostSite {
  origin: string;
  close(): Promise<void>;
}

/** Serves `pages` (path → HTML, or a function of the request URL) on 127.0.0.1. */
export function serveHostSite(pages: Record<string, string | ((url: URL) => string)>): HostSite {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    const url = new URL(req.url);
    const page = pages[url.pathname];
    if (page === undefined) return new Response("not found", { status: 404 });
    return new Response(typeof page === "string" ? page : page(url), {
      headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
    });
  });
  return {
    origin: `http://127.0.0.1:${server.addr.port}`,
    close: () => server.shutdown(),
  };
}

/** The one-line embed tag. */
export function widgetTag(arma: string, key: string, attrs: Record<string, string> = {}): string {
  const extra = Object.entries(attrs).map(([k, v]) => ` data-${k}="${v}"`).join("");
  return `<script src="${arma}/widget.js" data-key="${key}"${extra} async></script>`;
}

/**
 * Builds the widget bundle as `deno task build` does (the entry and format of lib/build.ts's
 * BUNDLES, minified) into `outfile`, in a child process: esbuild's own child process would trip
 * the test sanitizers in process, and static/build/ is left alone for servers running beside.
 */
export async function buildWidget(outfile: string): Promise<void> {
  const widget = BUNDLES.find((b) => b.out === "widget.js");
  if (!widget) throw new Error("lib/build.ts has no widget.js bundle");
  const options = {
    entryPoints: [new URL(widget.entry, ROOT).pathname],
    outfile,
    bundle: true,
    format: widget.format ?? "esm",
    platform: "browser",
    target: ["es2020"],
    jsx: "automatic",
    jsxImportSource: "preact",
    minify: true,
    legalComments: "none",
    logLevel: "warning",
  };
  const script = `import * as esbuild from "esbuild";
await esbuild.build(${JSON.stringify(options)});
await esbuild.stop();`;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--ext=ts", script],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) {
    throw new Error(`Cannot build the widget: ${new TextDecoder().decode(out.stderr)}`);
  }
}

/** The size of `bytes` gzipped, as the server sends /widget.js. */
export async function gzipSize(bytes: Uint8Array<ArrayBuffer>): Promise<number> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip"));
  return (await new Response(stream).arrayBuffer()).byteLength;
}
