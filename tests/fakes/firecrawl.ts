/**
 * A wire-compatible fake of the Firecrawl API v2 (what `@mendable/firecrawl-js` 4.x calls by
 * default) on a loopback port, serving a site the test describes as `{ url: { title, markdown } }`.
 *
 * Endpoints: `POST /v2/scrape`, `POST /v2/map`, `POST /v2/crawl`, `GET /v2/crawl/{id}` (one step of
 * progress per poll; a WebSocket upgrade there streams the crawl to the SDK's watcher),
 * `DELETE /v2/crawl/{id}`, `GET /v2/crawl/{id}/errors`, `GET /v2/crawl/active`. Every request must
 * carry `Authorization: Bearer <key>` (the WebSocket carries the key as its subprotocol).
 *
 * @example
 * ```ts
 * const pages = { "https://salon.example/": { title: "Salon", markdown: "# Salon" } };
 * await using fake = startFakeFirecrawl({ pages });
 * const firecrawl = new Firecrawl({ apiKey: "fc-test", apiUrl: fake.url });
 * ```
 *
 * @module
 */
import { withDeadline } from "../../lib/deadline.ts";

/** The API key the fake accepts unless told otherwise. */
export const FAKE_FIRECRAWL_API_KEY = "fc-test";

/** One page of the fake site. */
export interface FakePage {
  title: string;
  markdown: string;
  /** Built from the title and markdown when left out. */
  html?: string;
  description?: string;
  /** `tr` unless set. */
  language?: string;
  /** 200 unless set. */
  statusCode?: number;
  /** Returned for the `links` format. */
  links?: string[];
}

/** The fake site: absolute URL to page. */
export type FakeSite = Record<string, FakePage>;

/** Options of {@link startFakeFirecrawl}. */
export interface FakeFirecrawlOptions {
  pages: FakeSite;
  /** The key the fake accepts; `fc-test` by default. */
  apiKey?: string;
  /** How many pages a crawl completes per status poll (1 by default). */
  pagesPerPoll?: number;
  /** Pause between the documents streamed to a watcher's WebSocket (5 ms by default). */
  streamDelayMs?: number;
}

/** A request the fake received, for assertions. */
export interface RecordedFirecrawlRequest {
  method: string;
  /** Path and query, e.g. `/v2/crawl/3f…`. */
  path: string;
  /** The `Authorization` header, or for a WebSocket its subprotocol, or null. */
  authorization: string | null;
  headers: Record<string, string>;
  /** The JSON body, or null for GET, DELETE and WebSocket upgrades. */
  body: Record<string, unknown> | null;
  websocket: boolean;
}

/** A crawl the fake is running. */
export interface FakeCrawlJob {
  id: string;
  url: string;
  status: "scraping" | "completed" | "failed" | "cancelled";
  /** The pages this crawl visits, in order. */
  urls: string[];
  /** How many of them are done. */
  completed: number;
  /** The body of `POST /v2/crawl`. */
  request: Record<string, unknown>;
}

/** A running fake Firecrawl server. */
export interface FakeFirecrawl {
  /** Base URL for the SDK's `apiUrl`, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** Every request received, in order (including refused ones). */
  requests: RecordedFirecrawlRequest[];
  /** Crawls started so far, in order. */
  crawls: FakeCrawlJob[];
  /** Close watcher sockets and stop the server. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** A Firecrawl `Document` as the API returns it. */
export interface FirecrawlDocument {
  markdown?: string;
  html?: string;
  rawHtml?: string;
  links?: string[];
  metadata: Record<string, unknown>;
}

type Format = string | { type?: string };

const CRAWL_PATH = /^\/v2\/crawl\/([^/]+)(\/errors)?$/;

/** Normalise a URL as the site is keyed: `normalizeUrl("https://a.tr/x/")` → `https://a.tr/x`. */
export function normalizeUrl(raw: string): string {
  const url = new URL(raw);
  url.hash = "";
  if (url.pathname.length > 1 && url.pathname.endsWith("/")) {
    url.pathname = url.pathname.replace(/\/+$/, "");
  }
  return url.href;
}

/** The document the fake returns for a page: `pageDocument(url, page, ["markdown", "html"])`. */
export function pageDocument(
  url: string,
  page: FakePage | undefined,
  formats: Format[] = ["markdown"],
): FirecrawlDocument {
  const wanted = new Set(
    formats.map((format) => typeof format === "string" ? format : format.type),
  );
  const status = page ? page.statusCode ?? 200 : 404;
  const metadata: Record<string, unknown> = {
    title: page?.title ?? "Not Found",
    language: page?.language ?? "tr",
    sourceURL: url,
    url,
    statusCode: status,
    contentType: "text/html; charset=utf-8",
    scrapeId: crypto.randomUUID(),
    proxyUsed: "basic",
    cacheState: "miss",
    creditsUsed: 1,
  };
  if (page?.description !== undefined) metadata.description = page.description;
  if (!page) metadata.error = "Not Found";
  const html = page ? page.html ?? renderHtml(page) : "<html><body>Not Found</body></html>";
  const document: FirecrawlDocument = { metadata };
  if (wanted.has("markdown")) document.markdown = page?.markdown ?? "";
  if (wanted.has("html")) document.html = html;
  if (wanted.has("rawHtml")) document.rawHtml = html;
  if (wanted.has("links")) document.links = page?.links ?? [];
  return document;
}

/** Start the fake on 127.0.0.1 at a free port: `const fake = startFakeFirecrawl({ pages })`. */
export function startFakeFirecrawl(options: FakeFirecrawlOptions): FakeFirecrawl {
  const apiKey = options.apiKey ?? FAKE_FIRECRAWL_API_KEY;
  const pagesPerPoll = Math.max(1, options.pagesPerPoll ?? 1);
  const streamDelayMs = options.streamDelayMs ?? 5;
  const site = new Map<string, FakePage>();
  for (const [url, page] of Object.entries(options.pages)) site.set(normalizeUrl(url), page);
  const requests: RecordedFirecrawlRequest[] = [];
  const crawls: FakeCrawlJob[] = [];
  const sockets = new Map<WebSocket, Promise<void>>();
  const closing = new AbortController();
  let baseUrl = "";

  function crawlStatus(job: FakeCrawlJob): Record<string, unknown> {
    const formats = scrapeFormats(job.request.scrapeOptions);
    return {
      success: true,
      status: job.status,
      total: job.urls.length,
      completed: job.completed,
      creditsUsed: job.completed,
      expiresAt: new Date(Date.now() + 24 * 3600_000).toISOString(),
      next: null,
      data: job.urls.slice(0, job.completed).map((url) =>
        pageDocument(url, site.get(url), formats)
      ),
    };
  }

  function advance(job: FakeCrawlJob, steps: number): void {
    if (job.status !== "scraping") return;
    job.completed = Math.min(job.urls.length, job.completed + steps);
    if (job.completed === job.urls.length) job.status = "completed";
  }

  async function streamCrawl(job: FakeCrawlJob, socket: WebSocket): Promise<void> {
    const formats = scrapeFormats(job.request.scrapeOptions);
    const send = (message: unknown) => {
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
    };
    const { data: _data, ...snapshot } = crawlStatus(job);
    const done = job.urls.slice(0, job.completed);
    send({
      type: "catchup",
      data: { ...snapshot, data: done.map((url) => pageDocument(url, site.get(url), formats)) },
    });
    while (job.status === "scraping") {
      await sleep(streamDelayMs, closing.signal);
      if (closing.signal.aborted || socket.readyState !== WebSocket.OPEN) return;
      const url = job.urls[job.completed];
      advance(job, 1);
      if (url) send({ type: "document", data: pageDocument(url, site.get(url), formats) });
    }
    send({ type: "done" });
    socket.close(1000);
  }

  function openSocket(req: Request, job: FakeCrawlJob): Response {
    const { socket, response } = Deno.upgradeWebSocket(req, { protocol: apiKey });
    const closed = new Promise<void>((resolve) => {
      socket.onclose = () => resolve();
      socket.onerror = () => resolve();
    });
    sockets.set(socket, closed);
    void closed.then(() => sockets.delete(socket));
    socket.onopen = () => void streamCrawl(job, socket);
    return response;
  }

  async function handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    const websocket = req.headers.get("upgrade")?.toLowerCase() === "websocket";
    const authorization = websocket
      ? req.headers.get("sec-websocket-protocol")
      : req.headers.get("authorization");
    let body: Record<string, unknown> | null = null;
    if (req.method === "POST") {
      try {
        body = await req.json();
      } catch {
        return json({ success: false, error: "Bad Request: body is not JSON" }, 400);
      }
    }
    requests.push({
      method: req.method,
      path: url.pathname + url.search,
      authorization,
      headers: Object.fromEntries(req.headers),
      body,
      websocket,
    });

    if (!authorization) return json({ success: false, error: "Unauthorized" }, 401);
    const token = websocket ? authorization : authorization.replace(/^Bearer\s+/i, "");
    if (token !== apiKey) {
      return json({ success: false, error: "Unauthorized: Invalid token" }, 401);
    }

    if (req.method === "POST" && url.pathname === "/v2/scrape") return scrape(body ?? {});
    if (req.method === "POST" && url.pathname === "/v2/map") return map(body ?? {});
    if (req.method === "POST" && url.pathname === "/v2/crawl") return startCrawl(body ?? {});
    if (req.method === "GET" && url.pathname === "/v2/crawl/active") {
      const active = crawls.filter((job) => job.status === "scraping");
      return json({
        success: true,
        crawls: active.map((job) => ({
          id: job.id,
          teamId: "fake-team",
          url: job.url,
          options: {},
        })),
      });
    }
    const match = CRAWL_PATH.exec(url.pathname);
    const job = match ? crawls.find((candidate) => candidate.id === match[1]) : undefined;
    if (match && !job) return json({ success: false, error: "Job not found" }, 404);
    if (job && match?.[2] === "/errors" && req.method === "GET") {
      return json({ errors: [], robotsBlocked: [] });
    }
    if (job && !match?.[2] && req.method === "GET") {
      if (websocket) return openSocket(req, job);
      advance(job, pagesPerPoll);
      return json(crawlStatus(job));
    }
    if (job && !match?.[2] && req.method === "DELETE") {
      if (job.status === "scraping") job.status = "cancelled";
      return json({ success: true, status: "cancelled" });
    }
    return json({
      success: false,
      error: `Fake Firecrawl does not serve ${req.method} ${url.pathname}`,
    }, 404);
  }

  function requireUrl(body: Record<string, unknown>): string | Response {
    if (typeof body.url !== "string" || !URL.canParse(body.url)) {
      return json({
        success: false,
        error: "Bad Request",
        details: [{ code: "invalid_string", path: ["url"], message: "Invalid URL" }],
      }, 400);
    }
    return normalizeUrl(body.url);
  }

  function scrape(body: Record<string, unknown>): Response {
    const url = requireUrl(body);
    if (url instanceof Response) return url;
    return json({ success: true, data: pageDocument(url, site.get(url), scrapeFormats(body)) });
  }

  function map(body: Record<string, unknown>): Response {
    const url = requireUrl(body);
    if (url instanceof Response) return url;
    const urls = sitePages(site, url, { crawlEntireDomain: true }).slice(0, limitOf(body));
    return json({
      success: true,
      links: urls.map((link) => ({
        url: link,
        title: site.get(link)?.title,
        description: site.get(link)?.description,
      })),
    });
  }

  function startCrawl(body: Record<string, unknown>): Response {
    const url = requireUrl(body);
    if (url instanceof Response) return url;
    const job: FakeCrawlJob = {
      id: crypto.randomUUID(),
      url,
      status: "scraping",
      urls: sitePages(site, url, body).slice(0, limitOf(body)),
      completed: 0,
      request: body,
    };
    crawls.push(job);
    return json({ success: true, id: job.id, url: `${baseUrl}/v2/crawl/${job.id}` });
  }

  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, handle);
  baseUrl = `http://127.0.0.1:${server.addr.port}`;

  async function close(): Promise<void> {
    closing.abort();
    for (const socket of sockets.keys()) {
      if (socket.readyState === WebSocket.OPEN) socket.close(1001, "Fake Firecrawl is closing");
    }
    await withDeadline(Promise.all(sockets.values()), 5000, "Closing the fake's sockets");
    await server.shutdown();
  }

  return { url: baseUrl, requests, crawls, close, [Symbol.asyncDispose]: close };
}

function json(value: unknown, status = 200): Response {
  return new Response(JSON.stringify(value), {
    status,
    headers: { "content-type": "application/json; charset=utf-8" },
  });
}

function scrapeFormats(options: unknown): Format[] {
  const formats = (options as { formats?: unknown } | undefined)?.formats;
  return Array.isArray(formats) ? formats as Format[] : ["markdown"];
}

function limitOf(body: Record<string, unknown>): number {
  return typeof body.limit === "number" ? body.limit : 10_000;
}

/** The site's pages a crawl from `start` visits: same origin, under its path, start page first. */
function sitePages(
  site: Map<string, FakePage>,
  start: string,
  body: Record<string, unknown>,
): string[] {
  const origin = new URL(start);
  const base = origin.pathname === "/" ? "" : origin.pathname;
  const entire = body.crawlEntireDomain === true;
  const include = patterns(body.includePaths);
  const exclude = patterns(body.excludePaths);
  const selected = [...site.keys()].filter((key) => {
    const url = new URL(key);
    if (url.origin !== origin.origin) return false;
    if (!entire && base && url.pathname !== base && !url.pathname.startsWith(`${base}/`)) {
      return false;
    }
    if (key === start) return true;
    if (include.length > 0 && !include.some((pattern) => pattern.test(url.pathname))) return false;
    return !exclude.some((pattern) => pattern.test(url.pathname));
  });
  return selected.sort((a, b) => Number(b === start) - Number(a === start));
}

function patterns(value: unknown): RegExp[] {
  return Array.isArray(value) ? value.map((pattern) => new RegExp(String(pattern))) : [];
}

function renderHtml(page: FakePage): string {
  const escape = (text: string) =>
    text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const paragraphs = page.markdown.split(/\n{2,}/).map((block) => {
    const heading = /^(#{1,6})\s+(.*)$/.exec(block);
    if (heading) {
      return `<h${heading[1]?.length}>${escape(heading[2] ?? "")}</h${heading[1]?.length}>`;
    }
    return `<p>${escape(block)}</p>`;
  });
  return `<!DOCTYPE html><html lang="${page.language ?? "tr"}"><head><title>${
    escape(page.title)
  }</title></head><body>${paragraphs.join("")}</body></html>`;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
