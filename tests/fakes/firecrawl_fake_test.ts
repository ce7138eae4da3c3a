import assert from "node:assert/strict";
import Firecrawl, { type CrawlJob, type Document, SdkError } from "@mendable/firecrawl-js";
import { type FakeSite, startFakeFirecrawl } from "./firecrawl.ts";

const SITE: FakeSite = {
  "https://salon.example/": {
    title: "Salon Ayşe",
    markdown: "# Salon Ayşe\n\nKadıköy'de kuaför.",
    description: "Kadıköy'de kuaför",
  },
  "https://salon.example/hizmetler": {
    title: "Hizmetler",
    markdown: "## Hizmetler\n\n- Saç kesimi: 300 TL\n- Boya: 900 TL",
  },
  "https://salon.example/iletisim": {
    title: "İletişim",
    markdown: "Adres: Moda Cd. 12, Kadıköy\n\nTelefon: 0216 000 00 00",
  },
  "https://other.example/": { title: "Another site", markdown: "Not ours" },
};

const client = (url: string, apiKey = "fc-test") => new Firecrawl({ apiKey, apiUrl: url });

Deno.test("fake Firecrawl serves a scrape to the real SDK", async () => {
  await using fake = startFakeFirecrawl({ pages: SITE });
  const firecrawl = client(fake.url);

  const document = await firecrawl.scrape("https://salon.example/hizmetler", {
    formats: ["markdown", "html"],
    onlyMainContent: true,
  });

  assert.equal(document.markdown, "## Hizmetler\n\n- Saç kesimi: 300 TL\n- Boya: 900 TL");
  assert.match(document.html ?? "", /<title>Hizmetler<\/title>/);
  assert.equal(document.metadata?.title, "Hizmetler");
  assert.equal(document.metadata?.sourceURL, "https://salon.example/hizmetler");
  assert.equal(document.metadata?.statusCode, 200);

  const request = fake.requests.at(-1);
  assert.equal(request?.method, "POST");
  assert.equal(request?.path, "/v2/scrape");
  assert.equal(request?.authorization, "Bearer fc-test");
  assert.equal(request?.body?.url, "https://salon.example/hizmetler");
  assert.deepEqual(request?.body?.formats, ["markdown", "html"]);
  assert.equal(request?.body?.onlyMainContent, true);
  assert.match(String(request?.body?.origin), /^js-sdk@/);
});

Deno.test("fake Firecrawl answers an unknown page with a 404 document", async () => {
  await using fake = startFakeFirecrawl({ pages: SITE });

  const document = await client(fake.url).scrape("https://salon.example/yok");

  assert.equal(document.markdown, "");
  assert.equal(document.metadata?.statusCode, 404);
});

Deno.test("fake Firecrawl refuses a wrong key with a 401 SdkError", async () => {
  await using fake = startFakeFirecrawl({ pages: SITE });

  await assert.rejects(
    client(fake.url, "fc-wrong").scrape("https://salon.example/"),
    (error: unknown) => error instanceof SdkError && error.status === 401,
  );
  assert.equal(fake.requests.at(-1)?.authorization, "Bearer fc-wrong");
});

Deno.test("fake Firecrawl crawl progress shows through getCrawlStatus polls", async () => {
  await using fake = startFakeFirecrawl({ pages: SITE });
  const firecrawl = client(fake.url);

  const started = await firecrawl.startCrawl("https://salon.example/", {
    limit: 10,
    scrapeOptions: { formats: ["markdown"] },
  });
  assert.equal(started.url, `${fake.url}/v2/crawl/${started.id}`);

  const snapshots: CrawlJob[] = [];
  let job = await firecrawl.getCrawlStatus(started.id);
  snapshots.push(job);
  while (job.status === "scraping") {
    job = await firecrawl.getCrawlStatus(started.id);
    snapshots.push(job);
  }

  assert.deepEqual(
    snapshots.map(({ status, completed, total }) => [status, completed, total]),
    [["scraping", 1, 3], ["scraping", 2, 3], ["completed", 3, 3]],
  );
  assert.deepEqual(job.data.map((page) => page.metadata?.sourceURL), [
    "https://salon.example/",
    "https://salon.example/hizmetler",
    "https://salon.example/iletisim",
  ]);
  assert.deepEqual(job.data.map((page) => page.metadata?.title), [
    "Salon Ayşe",
    "Hizmetler",
    "İletişim",
  ]);
  assert.match(job.data[1]?.markdown ?? "", /Saç kesimi: 300 TL/);
  assert.equal(fake.crawls[0]?.request.limit, 10);
  assert.deepEqual(fake.crawls[0]?.request.scrapeOptions, { formats: ["markdown"] });
});

Deno.test("fake Firecrawl crawl() waiter finishes and honours excludePaths", async () => {
  await using fake = startFakeFirecrawl({ pages: SITE, pagesPerPoll: 10 });

  const job = await client(fake.url).crawl("https://salon.example", {
    excludePaths: ["^/iletisim$"],
    limit: 5,
    pollInterval: 1,
    timeout: 10,
  });

  assert.equal(job.status, "completed");
  assert.equal(job.total, 2);
  assert.deepEqual(job.data.map((page) => page.metadata?.title), ["Salon Ayşe", "Hizmetler"]);
  assert.deepEqual(
    fake.requests.map((request) =>
      `${request.method} ${request.path.replace(/[0-9a-f-]{36}/, ":id")}`
    ),
    ["POST /v2/crawl", "GET /v2/crawl/:id"],
  );
});

Deno.test("fake Firecrawl streams a crawl to the SDK's watcher over a WebSocket", async () => {
  await using fake = startFakeFirecrawl({ pages: SITE });
  const firecrawl = client(fake.url);
  const { id } = await firecrawl.startCrawl("https://salon.example/");

  const watcher = firecrawl.watcher(id, { kind: "crawl", pollInterval: 1, timeout: 10 });
  const documents: Document[] = [];
  const snapshots: string[] = [];
  let done: { status: string } | undefined;
  watcher.on("document", (document: Document) => documents.push(document));
  watcher.on("snapshot", (snapshot: CrawlJob) => snapshots.push(snapshot.status));
  watcher.on("done", (result: { status: string }) => done = result);
  await watcher.start();

  assert.equal(done?.status, "completed");
  assert.deepEqual(snapshots, ["scraping"]);
  assert.deepEqual(documents.map((document) => document.metadata?.title), [
    "Salon Ayşe",
    "Hizmetler",
    "İletişim",
  ]);
  const upgrade = fake.requests.find((request) => request.websocket);
  assert.equal(upgrade?.path, `/v2/crawl/${id}`);
  assert.equal(upgrade?.authorization, "fc-test");
  assert.equal(fake.requests.filter((request) => request.method === "GET").length, 1);
  assert.equal(fake.crawls[0]?.status, "completed");
});

Deno.test("fake Firecrawl maps a site", async () => {
  await using fake = startFakeFirecrawl({ pages: SITE });

  const map = await client(fake.url).map("https://salon.example/", { limit: 2 });

  assert.deepEqual(map.links, [
    { url: "https://salon.example/", title: "Salon Ayşe", description: "Kadıköy'de kuaför" },
    { url: "https://salon.example/hizmetler", title: "Hizmetler", description: undefined },
  ]);
});
