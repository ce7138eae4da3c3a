/**
 * The widget in Chromium, embedded in a page of another origin, against a real server (main.ts
 * with the demo salon and the offline assistant): booking, ordering, a person taking over, hostile
 * page CSS, English and phone layouts, a reload, a dropped connection and the SSE fallback.
 * @module
 */
import assert from "node:assert/strict";
import type { Browser, BrowserContext, Page, WebSocketRoute } from "playwright-core";
import { withDeadline } from "../../lib/deadline.ts";
import { DATABASE_URL, REDIS_URL } from "../_support/app.ts";
import { freePort, scratchDatabase, startServerProcess } from "../_support/server_process.ts";
import { closeChromium, launchChromium, serveHostSite, widgetTag } from "../widget/support.ts";

const RESULTS = new URL("../../test-results/", import.meta.url).pathname;
const NAME = "Elif Şahin";
const PHONE = "0532 123 45 67";

/** A customer's view of the widget on a page. */
class Customer {
  constructor(readonly page: Page) {}

  launcher() {
    return this.page.locator("arma-widget .launcher");
  }

  panel() {
    return this.page.locator("arma-widget .panel");
  }

  async open() {
    await this.launcher().click();
    await this.panel().waitFor({ state: "visible" });
  }

  /** Types a message and presses Enter. */
  async type(text: string) {
    const box = this.page.locator("arma-widget textarea");
    await box.fill(text);
    await box.press("Enter");
  }

  /** Sends a message and waits for the assistant's stored reply; returns its text. */
  async say(text: string): Promise<string> {
    const before = await this.count(".m.assistant[data-seq]");
    await this.type(text);
    await this.page.waitForFunction(
      (n) => {
        const root = document.querySelector("arma-widget")!.shadowRoot!;
        return root.querySelectorAll(".m.assistant[data-seq]").length > n &&
          !root.querySelector(".typing") &&
          !root.querySelector(".m.assistant:not(.intro):not([data-seq])");
      },
      before,
      { timeout: 20_000 },
    );
    return await this.page.locator("arma-widget .m.assistant[data-seq] .b").last().innerText();
  }

  /** Sends a message that gets no assistant reply (a person has the conversation). */
  async sayToPerson(text: string) {
    const before = await this.count(".m.user[data-seq]");
    await this.type(text);
    await this.page.waitForFunction(
      (n) =>
        document.querySelector("arma-widget")!.shadowRoot!.querySelectorAll(".m.user[data-seq]")
          .length > n,
      before,
      { timeout: 20_000 },
    );
  }

  count(selector: string): Promise<number> {
    return this.page.locator(`arma-widget ${selector}`).count();
  }

  /** The sequence numbers of the messages shown, in order. */
  seqs(): Promise<number[]> {
    return this.page.evaluate(() =>
      [...document.querySelector("arma-widget")!.shadowRoot!.querySelectorAll(".m[data-seq]")]
        .map((m) => Number(m.getAttribute("data-seq")))
    );
  }

  /** The conversation the widget keeps in localStorage. */
  stored(key: string): Promise<{ i: string; t: string; s: number }> {
    return this.page.evaluate((k) => JSON.parse(localStorage.getItem(`arma:${k}`)!), key);
  }

  /** Records what the panel shows in passing (tool status lines, the typing indicator). */
  async watch() {
    await this.page.evaluate(() => {
      const root = document.querySelector("arma-widget")!.shadowRoot!;
      const seen = new Set<string>();
      Object.assign(globalThis, { __armaSeen: seen });
      new MutationObserver(() => {
        const status = root.querySelector(".status");
        if (status) seen.add(`status:${status.textContent}`);
        if (root.querySelector(".typing")) seen.add("typing");
      }).observe(root, { subtree: true, childList: true, characterData: true });
    });
  }

  seen(): Promise<string[]> {
    return this.page.evaluate(
      () => [...(globalThis as unknown as { __armaSeen: Set<string> }).__armaSeen],
    );
  }
}

/** Ascending and without repeats. */
function assertIncreasing(seqs: number[]) {
  for (let i = 1; i < seqs.length; i++) {
    assert.ok(seqs[i]! > seqs[i - 1]!, `messages out of order or repeated: ${seqs.join(",")}`);
  }
}

/** The day to ask for, in words: "yarın", or "pazartesi" when tomorrow is a Sunday (closed). */
function bookingDay(): { words: string; date: string } {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Istanbul" }).format(
    new Date(),
  );
  const plus = (n: number) =>
    new Date(Date.parse(`${today}T12:00:00Z`) + n * 864e5).toISOString().slice(0, 10);
  const tomorrow = plus(1);
  if (new Date(`${tomorrow}T12:00:00Z`).getUTCDay() !== 0) {
    return { words: "yarın", date: tomorrow };
  }
  return { words: "pazartesi", date: plus(2) };
}

Deno.test("the widget in Chromium, on a page of another origin, with the offline assistant", async (t) => {
  await Deno.mkdir(RESULTS, { recursive: true });
  const dataDir = await Deno.makeTempDir({ prefix: "arma-widget-e2e-" });
  const database = await scratchDatabase(DATABASE_URL);
  const env: Record<string, string> = {
    PORT: String(freePort()),
    DATA_DIR: dataDir,
    DEMO_SEED: "true",
    RATE_LIMIT_IP_PER_MINUTE: "100000",
    RATE_LIMIT_USER_PER_HOUR: "100000",
    RATE_LIMIT_TENANT_PER_DAY: "1000000",
  };
  if (database.url) env.DATABASE_URL = database.url;
  if (REDIS_URL) env.REDIS_URL = REDIS_URL;
  let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
  let host: ReturnType<typeof serveHostSite> | undefined;
  let browser: Browser | undefined;
  try {
    server = await startServerProcess(env, { quiet: true });
    const arma = server.url;
    const key = /Demo publishable key: (pk_\w+)/.exec(server.banner)?.[1];
    assert.ok(key, server.banner);
    const login = await (await fetch(`${arma}/api/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: "demo@arma.local", password: "arma-demo-2026" }),
    })).json();
    const owner = { Authorization: `Bearer ${login.access_token}` };
    const api = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${arma}${path}`, {
        method,
        headers: { ...owner, ...(body ? { "Content-Type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const json = res.status === 204 ? null : await res.json();
      assert.ok(res.ok, `${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };

    const page = (lang: string, head = "", body = "<h1>Işıl Güzellik Salonu</h1>") => (url: URL) =>
      `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Host</title>${head}</head><body>${body}${
        widgetTag(arma, key, Object.fromEntries(url.searchParams))
      }</body></html>`;
    host = serveHostSite({
      "/": page("tr"),
      "/en": page("en"),
      // A strict policy: no inline styles or scripts, and only Arma besides the site itself.
      "/strict": page(
        "tr",
        `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' ${arma}; connect-src 'self' ${arma} ${
          arma.replace(/^http/, "ws")
        }; style-src 'self'; img-src 'self'">`,
      ),
      "/hostile": page(
        "tr",
        `<style>
          * { all: unset !important; font-size: 40px !important; line-height: 3 !important;
              color: red !important; padding: 30px !important; box-sizing: content-box !important; }
          html, body, p, div, h1 { display: block !important; }
          body > * { position: static !important; transform: scale(2) !important;
              width: 10px !important; height: 10px !important; opacity: 0.5 !important; }
          button, textarea, section { display: inline !important; width: 999px !important; }
          :root { --a: red; }
        </style>
        <script>window.__before = Object.keys(window);</script>`,
        `<p id="host-text">Sitenin kendi metni</p>`,
      ),
    });
    const allowed = new Set([host.origin, arma]);
    browser = await launchChromium();

    /** A visit by a fresh visitor: every request the page makes must go to one of the two
     * origins, and the last state is saved as test-results/widget-<name>.png. */
    type Visit = { page: Page; customer: Customer };
    const visit = async (
      name: string,
      path: string,
      fn: (v: Visit) => Promise<void>,
      options: Parameters<Browser["newContext"]>[0] = {},
      setup?: (context: BrowserContext) => Promise<void>,
    ) => {
      const context = await browser!.newContext({
        viewport: { width: 1280, height: 800 },
        ...options,
      });
      const foreign: string[] = [];
      const errors: string[] = [];
      context.on("request", (r) => {
        const url = new URL(r.url());
        if (url.protocol !== "data:" && !allowed.has(url.origin)) foreign.push(r.url());
      });
      let page: Page | undefined;
      let done = false;
      try {
        await setup?.(context);
        page = await context.newPage();
        page.on("pageerror", (e) => errors.push(e.message));
        await page.goto(`${host!.origin}${path}`);
        await page.locator("arma-widget .launcher").waitFor();
        await fn({ page, customer: new Customer(page) });
        done = true;
      } finally {
        const shot = `${RESULTS}widget-${name}.png`;
        if (done) await page!.screenshot({ path: shot });
        else if (page) {
          // The test has failed already: its own error is the one to see.
          await page.screenshot({ path: shot }).catch((e) => console.error(`no screenshot: ${e}`));
        }
        await withDeadline(context.close(), 20_000, "Closing the visit's browser context");
      }
      assert.deepEqual(foreign, [], "the widget asked a host other than Arma's");
      assert.deepEqual(errors, [], "the page threw");
    };

    await t.step(
      "a customer books an appointment by chatting in Turkish",
      () =>
        visit("booking", "/", async (v) => {
          const c = v.customer;
          const launcher = c.launcher();
          assert.equal(await launcher.getAttribute("aria-expanded"), "false");
          assert.equal(await launcher.getAttribute("aria-label"), "Sohbeti aç");
          await c.open();
          assert.equal(await launcher.getAttribute("aria-expanded"), "true");
          const panel = c.panel();
          assert.equal(await panel.getAttribute("role"), "dialog");
          const title = await v.page.locator("arma-widget #arma-title").innerText();
          assert.equal(await panel.getAttribute("aria-labelledby"), "arma-title");
          assert.ok(title.length > 0);
          assert.equal(
            await v.page.locator("arma-widget .log").getAttribute("aria-live"),
            "polite",
          );
          // Focus moved into the panel, on the message box.
          assert.equal(
            await v.page.evaluate(() =>
              document.querySelector("arma-widget")!.shadowRoot!.activeElement?.tagName
            ),
            "TEXTAREA",
          );
          // Before the first message: the greeting, the KVKK notice with the business's link, and
          // the services as suggestions.
          await v.page.locator("arma-widget .kvkk a").waitFor();
          assert.equal(
            await v.page.locator("arma-widget .kvkk a").getAttribute("href"),
            "https://isilguzellik.example/kvkk",
          );
          assert.match(await v.page.locator("arma-widget .intro .b").innerText(), /Işıl/);
          assert.ok(
            await c.count(".chips button") > 0,
            "service suggestions before the first message",
          );
          await c.watch();

          await c.say("Merhaba");
          const day = bookingDay();
          let reply = await c.say(`${day.words} saat 15:00'te saç kesimi istiyorum`);
          const seen = await c.seen();
          assert.ok(seen.includes("typing"), `typing indicator shown: ${seen}`);
          assert.ok(
            seen.includes("status:Müsaitlik kontrol ediliyor…"),
            `status shown while availability is checked: ${seen}`,
          );
          // The dialogue until the booking is made: contact details, then confirmation.
          for (let turn = 0; turn < 6 && await c.count(".card") === 0; turn++) {
            const r = reply.toLocaleLowerCase("tr");
            if (/onaylıyor/.test(r)) reply = await c.say("evet");
            else if (/adınız|telefon/.test(r)) reply = await c.say(`${NAME}, ${PHONE}`);
            else if (/uzman|kiminle|tercih/.test(r)) reply = await c.say("fark etmez");
            else assert.fail(`unexpected reply while booking: ${reply}`);
          }
          const card = v.page.locator("arma-widget .card");
          await card.waitFor();
          const code = (await card.locator(".code dd").innerText()).trim();
          assert.match(code, /^[A-Z0-9]{6}$/);
          const cardText = await card.innerText();
          assert.match(cardText, /Randevunuz oluşturuldu/);
          assert.match(cardText, /Saç Kesimi/);
          assert.match(cardText, /15:00/);
          const longDate = new Intl.DateTimeFormat("tr-TR", {
            weekday: "long",
            day: "numeric",
            month: "long",
            year: "numeric",
            timeZone: "UTC",
          }).format(new Date(`${day.date}T12:00:00Z`));
          assert.ok(cardText.includes(longDate), `${longDate} in ${cardText}`);
          const ics = await card.locator("a.btn").getAttribute("href");
          assert.ok(ics?.startsWith("data:text/calendar"));
          assert.match(decodeURIComponent(ics!), new RegExp(`UID:${code}@arma`));

          const list = await api("GET", `/api/appointments?from=${day.date}&to=${day.date}`);
          const booked = list.data.find((a: { confirmation_code: string }) =>
            a.confirmation_code === code
          );
          assert.ok(booked, `appointment ${code} in the API`);
          assert.equal(booked.service_name, "Saç Kesimi");
          assert.equal(booked.scheduled_time, "15:00");
          assert.equal(booked.customer_name, NAME);
          assert.equal(booked.channel, "web");
        }),
    );

    await t.step(
      "free times come as suggestion buttons; one click asks for it",
      () =>
        visit("free-times", "/", async (v) => {
          const c = v.customer;
          await c.open();
          const day = bookingDay();
          // An afternoon looks at two parts of the day (afternoon and evening) in one turn.
          const reply = await c.say(
            `${day.words} öğleden sonra saç kesimi için boş saatleriniz neler?`,
          );
          const chips = await v.page.locator("arma-widget .chips button").allInnerTexts();
          assert.ok(chips.length > 1, `time suggestions: ${chips}`);
          const offered = reply.match(/\b\d\d:\d\d\b/g) ?? [];
          assert.equal(chips.length, Math.min(offered.length, 6), `${chips} for: ${reply}`);
          for (const chip of chips) {
            const m = /^(Yarın|\d{1,2} \p{L}+) (\d\d:\d\d)$/u.exec(chip);
            assert.ok(m, `a day and a time: ${chip}`);
            assert.ok(reply.includes(m[2]!), `${chip} is one the reply offers: ${reply}`);
          }
          const before = await c.count(".m.assistant[data-seq]");
          await v.page.locator("arma-widget .chips button").first().click();
          await v.page.waitForFunction(
            (n) =>
              document.querySelector("arma-widget")!.shadowRoot!
                .querySelectorAll(".m.assistant[data-seq]").length > n,
            before,
          );
          assert.equal(
            await v.page.locator("arma-widget .m.user .b").last().innerText(),
            chips[0],
            "the button sends its day and time",
          );
          const held = await v.page.locator("arma-widget .m.assistant[data-seq] .b").last()
            .innerText();
          assert.ok(held.includes(chips[0]!.slice(-5)), held);
          assert.match(held, /adınızı ve telefon/);
          assert.equal(await c.count(".chips button"), 0, "no other times once one is held");
        }),
    );

    await t.step(
      "a customer orders a product; the order has the right total",
      () =>
        visit("order", "/", async (v) => {
          const c = v.customer;
          await c.open();
          let reply = await c.say("2 adet Argan Yağı Şampuan sipariş etmek istiyorum");
          for (let turn = 0; turn < 8 && await c.count(".card") === 0; turn++) {
            const r = reply.toLocaleLowerCase("tr");
            if (/onaylıyor|devam edelim/.test(r)) reply = await c.say("evet");
            else if (/kargoyla mı|teslim alır/.test(r)) reply = await c.say("kargoyla gönderin");
            else if (/teslimat adresinizi/.test(r)) {
              reply = await c.say("Moda Caddesi No: 10, Kadıköy, İstanbul");
            } else if (/ilçe ve ilini/.test(r)) reply = await c.say("Kadıköy, İstanbul");
            else if (/ödemek|ödemeyi/.test(r)) reply = await c.say("havale ile ödeyeceğim");
            else if (/adınız|telefon/.test(r)) reply = await c.say(`${NAME}, ${PHONE}`);
            else if (/kaç adet/.test(r)) reply = await c.say("2 adet");
            else assert.fail(`unexpected reply while ordering: ${reply}`);
          }
          const card = v.page.locator("arma-widget .card");
          await card.waitFor();
          const number = (await card.locator(".code dd").innerText()).trim();
          const orders = await api("GET", "/api/orders?limit=50");
          const order = orders.data.find((o: { order_number: string }) =>
            o.order_number === number
          );
          assert.ok(order, `order ${number} in the API`);
          const total = Number(order.total_amount);
          assert.equal(total, 2 * 320 + Number(order.shipping_cost));
          const lira = (n: number) =>
            new Intl.NumberFormat("tr-TR", {
              style: "currency",
              currency: "TRY",
              currencyDisplay: "narrowSymbol",
            }).format(n);
          const cardText = await card.innerText();
          assert.match(cardText, /Siparişiniz alındı/);
          assert.match(cardText, /Argan Yağı Şampuan × 2/);
          assert.ok(cardText.includes(lira(total)), `${lira(total)} in ${cardText}`);
          assert.ok(cardText.includes(lira(Number(order.tax_total))), "KDV on the card");
        }),
    );

    await t.step(
      "a person takes over, answers live, and hands the conversation back",
      () =>
        visit("handover", "/", async (v) => {
          const c = v.customer;
          await c.open();
          await c.say("Merhaba");
          const { i: id } = await c.stored(key);
          await api("POST", "/api/chat/handover", { conversation_id: id });
          await v.page.locator("arma-widget .sub", { hasText: "Bir yetkili yanıtlıyor" }).waitFor();
          await api("POST", `/api/chat/conversations/${id}/typing`);
          await v.page.locator("arma-widget .status", { hasText: "Yetkili yazıyor" }).waitFor();
          await api("POST", `/api/chat/conversations/${id}/messages`, {
            text: "Merhaba, ben Işıl. Size nasıl yardımcı olabilirim?",
          });
          const staff = v.page.locator("arma-widget .m.staff");
          await staff.waitFor();
          assert.equal(await staff.locator(".who").innerText(), "Yetkili");
          assert.match(await staff.innerText(), /ben Işıl/);
          await c.sayToPerson("Cumartesi açık mısınız?");
          const history = await api("GET", `/api/chat/history/${id}`);
          assert.equal(history.messages.at(-1).text, "Cumartesi açık mısınız?");
          assert.equal(history.messages.at(-1).role, "user");
          assert.equal(
            await c.count(".m.assistant[data-seq]"),
            1,
            "no assistant reply in handover",
          );
          // Closed, the widget still hears the person: a badge counts the new message.
          await v.page.keyboard.press("Escape");
          await c.panel().waitFor({ state: "hidden" });
          await api("POST", `/api/chat/conversations/${id}/messages`, {
            text: "Evet, 09:00–19:00.",
          });
          await v.page.locator("arma-widget .badge", { hasText: "1" }).waitFor();
          assert.equal(await c.launcher().getAttribute("aria-label"), "Sohbeti aç (1 yeni mesaj)");
          await c.open();
          assert.equal(await c.count(".badge"), 0);
          assert.equal(await c.count(".m.staff"), 2);
          await api("POST", `/api/chat/conversations/${id}/handback`);
          await v.page.locator("arma-widget .sub", { hasText: "Bir yetkili yanıtlıyor" })
            .waitFor({ state: "detached" });
          const reply = await c.say("Hizmetleriniz neler?");
          assert.match(reply, /Saç Kesimi/);
          assertIncreasing(await c.seqs());
        }),
    );

    await t.step(
      "hostile page CSS neither breaks the widget nor is touched by it",
      () =>
        visit("hostile-css", "/hostile", async (v) => {
          const p = v.page;
          const hostText = () =>
            p.evaluate(() => {
              const s = getComputedStyle(document.getElementById("host-text")!);
              return { size: s.fontSize, color: s.color, padding: s.paddingTop };
            });
          assert.deepEqual(await hostText(), {
            size: "40px",
            color: "rgb(255, 0, 0)",
            padding: "30px",
          });
          const box = async (selector: string) =>
            (await p.locator(`arma-widget ${selector}`).boundingBox())!;
          const launcher = await box(".launcher");
          assert.deepEqual(
            [
              launcher.width,
              launcher.height,
              launcher.x + launcher.width,
              launcher.y + launcher.height,
            ],
            [56, 56, 1280 - 20, 800 - 20],
          );
          await v.customer.open();
          const panel = await box(".panel");
          assert.deepEqual(
            [panel.width, panel.height, panel.x + panel.width, panel.y + panel.height],
            [380, 600, 1280 - 20, 800 - 88],
          );
          const styles = await p.evaluate(() => {
            const root = document.querySelector("arma-widget")!.shadowRoot!;
            const of = (s: string) => getComputedStyle(root.querySelector(s)!);
            return {
              greeting: [of(".intro .b").fontSize, of(".intro .b").color],
              textarea: [of("textarea").fontSize, of("textarea").display],
              host: [
                getComputedStyle(document.querySelector("arma-widget")!).position,
                getComputedStyle(document.querySelector("arma-widget")!).transform,
                getComputedStyle(document.querySelector("arma-widget")!).opacity,
              ],
            };
          });
          assert.deepEqual(styles.greeting, ["15px", "rgb(31, 35, 40)"]);
          assert.deepEqual(styles.textarea, ["15px", "block"]);
          assert.deepEqual(styles.host, ["fixed", "none", "1"]);
          const reply = await v.customer.say("Hizmetleriniz neler?");
          assert.match(reply, /Saç Kesimi/);
          // The page's own styles, head and globals are as they were.
          assert.deepEqual(await hostText(), {
            size: "40px",
            color: "rgb(255, 0, 0)",
            padding: "30px",
          });
          const page = await p.evaluate(() => ({
            styles: document.querySelectorAll("style, link[rel=stylesheet]").length,
            globals: Object.keys(window).filter((k) =>
              !(window as unknown as { __before: string[] }).__before.includes(k) &&
              k !== "__before"
            ),
            light: [...document.body.children].map((e) => e.tagName.toLowerCase()),
          }));
          assert.equal(page.styles, 1);
          assert.deepEqual(page.globals, []);
          assert.equal(page.light.filter((t) => t === "arma-widget").length, 1);
        }),
    );

    await t.step("the demo page at /demo, under Arma's own page CSP", async () => {
      const context = await browser!.newContext({ viewport: { width: 1280, height: 800 } });
      const violations: string[] = [];
      try {
        const p = await context.newPage();
        p.on("console", (m) => {
          if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
        });
        await p.goto(`${arma}/demo`);
        assert.match(await p.title(), /Işıl Güzellik Salonu/);
        const c = new Customer(p);
        await c.open();
        assert.match(await c.say("Hizmetleriniz neler?"), /Saç Kesimi/);
        await p.screenshot({ path: `${RESULTS}widget-demo-page.png` });
        assert.deepEqual(violations, []);
      } finally {
        await withDeadline(context.close(), 20_000, "Closing the demo page's browser context");
      }
    });

    await t.step(
      "a page with a strict Content-Security-Policy",
      () =>
        visit("strict-csp", "/strict", async (v) => {
          const box = (await v.customer.launcher().boundingBox())!;
          assert.deepEqual([box.width, box.height], [56, 56], "styled without inline styles");
          await v.customer.open();
          assert.match(await v.customer.say("Hizmetleriniz neler?"), /Saç Kesimi/);
        }),
    );

    await t.step(
      "English from the page, and keyboard use",
      () =>
        visit("english", "/en?position=left&color=%23ffd400", async (v) => {
          const p = v.page;
          const launcher = v.customer.launcher();
          assert.equal(await launcher.getAttribute("aria-label"), "Open chat");
          const box = (await launcher.boundingBox())!;
          assert.deepEqual([box.x, box.y + box.height], [20, 800 - 20], "on the left");
          // Black on the light accent (contrast), white would fail.
          assert.equal(
            await p.evaluate(() =>
              getComputedStyle(
                document.querySelector("arma-widget")!.shadowRoot!.querySelector(".launcher")!,
              )
                .color
            ),
            "rgb(0, 0, 0)",
          );
          await launcher.focus();
          await p.keyboard.press("Enter");
          await v.customer.panel().waitFor({ state: "visible" });
          await p.locator("arma-widget .intro .b", { hasText: "Welcome to Işıl Beauty Salon" })
            .waitFor();
          assert.match(await p.locator("arma-widget .kvkk").innerText(), /Privacy notice/);
          const reply = await v.customer.say("What services do you have?");
          assert.match(reply, /Saç Kesimi|haircut/i);
          await p.keyboard.press("Escape");
          await v.customer.panel().waitFor({ state: "hidden" });
          assert.equal(
            await p.evaluate(() =>
              document.querySelector("arma-widget")!.shadowRoot!.activeElement?.className
            ),
            "launcher",
            "focus back on the launcher",
          );
        }),
    );

    await t.step("full screen on a phone", () =>
      visit("phone", "/", async (phone) => {
        await phone.customer.launcher().tap();
        await phone.customer.panel().waitFor({ state: "visible" });
        const panel = (await phone.customer.panel().boundingBox())!;
        assert.deepEqual([panel.x, panel.y, panel.width, panel.height], [0, 0, 390, 844]);
        const input = (await phone.page.locator("arma-widget textarea").boundingBox())!;
        assert.ok(input.y + input.height <= 844, "the message box is on screen");
      }, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }));

    await t.step("a reload keeps the conversation; a dropped connection resumes", async () => {
      const sockets: WebSocketRoute[] = [];
      const requests: string[] = [];
      let blocked = false;
      await visit(
        "resume",
        "/",
        async (v) => {
          const c = v.customer;
          await c.open();
          await c.say("Merhaba");
          await c.say("Hizmetleriniz neler?");
          const before = await c.seqs();
          assert.equal(before.length, 4);

          await v.page.reload();
          await c.launcher().waitFor();
          await c.open();
          await v.page.locator("arma-widget .m.user", { hasText: "Hizmetleriniz neler?" })
            .waitFor();
          assert.deepEqual(await c.seqs(), before, "the same messages after a reload, once each");

          // The connection drops and stays down for a while: a person answers meanwhile, and the
          // customer writes.
          const { i: id } = await c.stored(key);
          blocked = true;
          // Every socket the page opened so far, in case an earlier one is the one still open.
          for (const socket of sockets) await socket.close();
          await v.page.locator("arma-widget .net").waitFor();
          await api("POST", `/api/chat/conversations/${id}/messages`, {
            text: "Buradayım, yardımcı olayım.",
          });
          await c.type("Teşekkürler");
          await v.page.waitForTimeout(1_500);
          assert.equal(
            await c.count(".m.staff"),
            0,
            "nothing arrives while the connection is down",
          );
          blocked = false;
          await v.page.locator("arma-widget .m.staff").waitFor({ timeout: 20_000 });
          await v.page.locator("arma-widget .m.user[data-seq]", { hasText: "Teşekkürler" })
            .waitFor();
          await v.page.locator("arma-widget .net").waitFor({ state: "detached" });
          const after = await c.seqs();
          assertIncreasing(after);
          assert.equal(after.length, before.length + 2, `a person's and the customer's: ${after}`);
          assert.equal(await c.count(".m.staff"), 1);
          const history = await api("GET", `/api/chat/history/${id}`);
          assert.deepEqual(history.messages.map((m: { seq: number }) => m.seq), after);
          assert.equal(
            history.messages.filter((m: { text: string }) => m.text === "Teşekkürler").length,
            1,
            "the message written offline was sent once",
          );
          // It resumed over a new WebSocket, after failed attempts, not over the HTTP fallback.
          assert.ok(sockets.length >= 4, `${sockets.length} sockets`);
          assert.deepEqual(requests.filter((r) => /\/api\/chat\/(message|history)/.test(r)), []);
        },
        {},
        async (context) => {
          await context.routeWebSocket(/\/api\/chat\/ws/, (ws) => {
            sockets.push(ws);
            if (blocked) return void ws.close();
            ws.connectToServer();
          });
          context.on("request", (r) => requests.push(`${r.method()} ${new URL(r.url()).pathname}`));
        },
      );
    });

    await t.step("without WebSockets the widget uses POST + SSE and the history", async () => {
      const requests: string[] = [];
      await visit(
        "sse-fallback",
        "/",
        async (v) => {
          const c = v.customer;
          await c.open();
          const reply = await c.say("Hizmetleriniz neler?");
          assert.match(reply, /Saç Kesimi/);
          assert.ok(requests.includes("POST /api/chat/message"), requests.join("\n"));
          const { i: id } = await c.stored(key);
          await api("POST", `/api/chat/conversations/${id}/messages`, {
            text: "Bir yetkili burada.",
          });
          await v.page.locator("arma-widget .m.staff").waitFor({ timeout: 15_000 });
          assert.ok(requests.some((r) => r.startsWith(`GET /api/chat/history/${id}`)));
          const seqs = await c.seqs();
          assertIncreasing(seqs);
          assert.equal(seqs.length, 3);
        },
        {},
        async (context) => {
          await context.routeWebSocket(/\/api\/chat\/ws/, (ws) => void ws.close());
          context.on("request", (r) => requests.push(`${r.method()} ${new URL(r.url()).pathname}`));
        },
      );
    });
  } finally {
    if (browser) await closeChromium(browser);
    await host?.close();
    if (server) {
      const { code, stderr } = await server.stop();
      assert.equal(code, 0, stderr);
    }
    await database.drop();
    await Deno.remove(dataDir, { recursive: true });
  }
});
