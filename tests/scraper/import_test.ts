import assert from "node:assert/strict";
import { withTenant } from "../../db/tenant.ts";
import { searchKnowledge } from "../../services/bot/knowledge.ts";
import { runDueJobs } from "../../services/jobs/worker.ts";
import { assertPublicUrl } from "../../services/scraper/builtin.ts";
import { decodeEntities, htmlToText, sameOriginLinks } from "../../services/scraper/html.ts";
import { signupBusiness, startTestApp } from "../_support/app.ts";
import { FAKE_FIRECRAWL_API_KEY, startFakeFirecrawl } from "../fakes/firecrawl.ts";

const PAGES: Record<string, string> = {
  "/": `<html><head><title>Işıl Güzellik &amp; Bakım</title><style>.x{}</style>
    <script>alert(1)</script></head><body><h1>Hoş geldiniz</h1>
    <p>Salonumuz Moda&#39;da.</p><a href="/hakkimizda">Hakkımızda</a> <a href="/sss#otopark">SSS</a>
    <a href="https://elsewhere.example/">dış</a> <a href="/brosur.pdf">broşür</a></body></html>`,
  "/hakkimizda": `<html><head><title>Hakkımızda</title></head><body>
    <p>1998'den beri hizmet veriyoruz.</p><ul><li>Saç</li><li>Cilt</li></ul></body></html>`,
  "/sss": `<html><head><title>SSS</title></head><body><h2>Otopark</h2>
    <p>Vale hizmetimiz cumartesi günleri ücretsizdir.</p><a href="/">Ana sayfa</a></body></html>`,
};

Deno.test("htmlToText(), links and entities", () => {
  const text = htmlToText(PAGES["/"]!);
  assert.match(text, /^# Hoş geldiniz/m);
  assert.match(text, /Salonumuz Moda'da\./);
  assert.equal(text.includes("alert"), false);
  assert.deepEqual(sameOriginLinks(PAGES["/"]!, "http://site.test/").sort(), [
    "http://site.test/hakkimizda",
    "http://site.test/sss",
  ]);
  assert.equal(decodeEntities("&#x15f;&#351;&ccedil;"), "şşç");
});

Deno.test("assertPublicUrl() refuses private, loopback and odd addresses", async () => {
  for (
    const url of [
      "http://127.0.0.1/",
      "http://10.1.2.3/",
      "http://192.168.1.1/",
      "http://169.254.169.254/latest/meta-data",
      "http://localhost:3000/",
      "http://[::1]/",
      "http://[::ffff:127.0.0.1]/",
      "file:///etc/passwd",
      "not a url",
    ]
  ) {
    await assert.rejects(
      () => assertPublicUrl(url),
      (e: { status?: number }) => e.status === 400,
      url,
    );
  }
  assert.equal((await assertPublicUrl("https://8.8.8.8/")).hostname, "8.8.8.8");
});

Deno.test("the built-in crawler imports a site page by page, with progress, for search_knowledge", async () => {
  const site = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, (req) => {
    const page = PAGES[new URL(req.url).pathname];
    return page
      ? new Response(page, { headers: { "Content-Type": "text/html; charset=utf-8" } })
      : new Response("yok", { status: 404 });
  });
  const app = await startTestApp({ env: { SCRAPE_ALLOW_PRIVATE: "true" } });
  try {
    const b = await signupBusiness(app);
    const url = `http://127.0.0.1:${site.addr.port}/`;
    const started = await app.request("POST", "/api/scrape", {
      token: b.token,
      body: { url, limit: 10 },
    });
    assert.equal(started.status, 202, started.text);
    assert.equal(started.body.status, "queued");
    const again = await app.request("POST", "/api/scrape", { token: b.token, body: { url } });
    assert.equal(again.status, 409);
    await runDueJobs(app.db, app.deps.jobHandlers, { tenantId: b.tenantId });
    const done = await app.request("GET", `/api/scrape/${started.body.id}`, { token: b.token });
    assert.equal(done.body.status, "done");
    assert.equal(done.body.pages_done, 3);
    assert.equal(done.body.pages_found, 3);
    const hits = await withTenant(app.db, b.tenantId, (tx) => searchKnowledge(tx, "vale otopark"));
    assert.match(hits[0]!.snippet, /Vale hizmetimiz cumartesi/);
    assert.equal(hits[0]!.url, `${url}sss`);
    await app.request("POST", "/api/scrape", { token: b.token, body: { url } });
    await runDueJobs(app.db, app.deps.jobHandlers, { tenantId: b.tenantId });
    const list = await app.request("GET", "/api/knowledge", { token: b.token });
    assert.equal(list.body.data.length, 3, "a second import replaces, it does not add");
  } finally {
    await app.close();
    await site.shutdown();
  }
});

Deno.test("without the development switch, private addresses are refused up front", async () => {
  const app = await startTestApp();
  try {
    const b = await signupBusiness(app);
    const res = await app.request("POST", "/api/scrape", {
      token: b.token,
      body: { url: "http://127.0.0.1:9/" },
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, "private_address");
  } finally {
    await app.close();
  }
});

Deno.test("with Firecrawl configured, the import goes through its SDK", async () => {
  const fake = startFakeFirecrawl({
    pages: {
      "https://salon.example/": {
        title: "Salon",
        markdown: "# Salon\n\nHer gün 9'dan 19'a açığız.",
      },
      "https://salon.example/fiyatlar": {
        title: "Fiyatlar",
        markdown: "Gelin başı 2500 TL'den başlar.",
      },
    },
    pagesPerPoll: 10,
  });
  const app = await startTestApp({
    env: { FIRECRAWL_API_KEY: FAKE_FIRECRAWL_API_KEY, FIRECRAWL_API_URL: fake.url },
  });
  try {
    const b = await signupBusiness(app);
    const started = await app.request("POST", "/api/scrape", {
      token: b.token,
      body: { url: "https://salon.example/" },
    });
    assert.equal(started.body.crawler, "firecrawl");
    await runDueJobs(app.db, app.deps.jobHandlers, { tenantId: b.tenantId });
    const done = await app.request("GET", `/api/scrape/${started.body.id}`, { token: b.token });
    assert.equal(done.body.status, "done", JSON.stringify(done.body));
    assert.equal(done.body.pages_done, 2);
    const hits = await withTenant(
      app.db,
      b.tenantId,
      (tx) => searchKnowledge(tx, "gelin başı fiyat"),
    );
    assert.match(hits[0]!.snippet, /2500/);
  } finally {
    await app.close();
    await fake.close();
  }
});
