/**
 * The dashboard in Chromium: a business signs up and sets itself up through the forms; the
 * calendar shows a booking made through the API without a reload and moves it with clicks; the
 * inbox follows a conversation live and a person takes it over, answers and hands it back.
 * @module
 */
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { withDeadline } from "../../lib/deadline.ts";
import { startTestApp, type TestApp } from "../_support/app.ts";
import { nextWeekday, setupSalon } from "../_support/salon.ts";
import { closeChromium, launchChromium } from "../widget/support.ts";

const RESULTS = new URL("../../test-results/", import.meta.url);

async function screenshot(page: Page, name: string): Promise<void> {
  await Deno.mkdir(RESULTS, { recursive: true });
  await page.screenshot({ path: new URL(`${name}.png`, RESULTS).pathname, fullPage: true });
}

/** The app from startTestApp served on a real port, and a browser. */
async function withBrowser(
  name: string,
  fn: (ctx: { app: TestApp; base: string; browser: Browser; page: Page }) => Promise<void>,
): Promise<void> {
  const app = await startTestApp();
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    (req, info) => app.app.fetch(req, info),
  );
  const base = `http://127.0.0.1:${server.addr.port}`;
  let browser: Browser | undefined;
  let page: Page | undefined;
  try {
    browser = await launchChromium();
    const context = await browser.newContext({
      locale: "tr-TR",
      viewport: { width: 1280, height: 900 },
    });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await fn({ app, base, browser, page });
  } finally {
    try {
      if (page) await screenshot(page, name);
    } finally {
      if (browser) await closeChromium(browser);
      try {
        await withDeadline(server.shutdown(), 10_000, "The test server's shutdown");
      } finally {
        await app.close();
      }
    }
  }
}

async function login(page: Page, base: string, email: string, password: string, next: string) {
  await page.goto(`${base}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel("E-posta").fill(email);
  await page.getByLabel("Parola").fill(password);
  await Promise.all([
    page.waitForURL((u) => u.pathname === next.split("?")[0]),
    page.getByRole("button", { name: "Giriş yap" }).click(),
  ]);
}

Deno.test("a business signs up, adds a service and staff hours through the forms", async () => {
  await withBrowser("dashboard-signup", async ({ base, page }) => {
    await page.goto(`${base}/signup`);
    assert.equal(await page.getAttribute("html", "lang"), "tr");
    await page.getByLabel("İşletmenin adı").fill("Işıl Güzellik");
    await page.getByLabel("Adınız").fill("Işıl Hanım");
    await page.getByLabel("E-posta").fill(`isil-${crypto.randomUUID()}@example.com`);
    await page.getByLabel("Parola").fill("short");
    await page.getByRole("button", { name: "Hesap oluştur" }).click();
    await page.getByText("En az 8 karakter olmalı").waitFor();
    await page.getByLabel("Parola").fill("correct horse battery");
    await Promise.all([
      page.waitForURL(`${base}/dashboard`),
      page.getByRole("button", { name: "Hesap oluştur" }).click(),
    ]);
    await page.getByRole("heading", { name: "Başlarken" }).waitFor();
    assert.match(await page.locator(".snippet").innerText(), /data-key="pk_[0-9A-Za-z]{32}"/);

    // A staff member with weekly hours.
    await page.getByRole("link", { name: "Çalışan ekle" }).click();
    await page.getByLabel("Ad soyad").fill("Ayşe Yılmaz");
    for (const day of ["Pazartesi", "Salı", "Çarşamba"]) {
      await page.getByLabel(`${day} 1. başlangıç`).fill("09:00");
      await page.getByLabel(`${day} 1. bitiş`).fill("12:00");
      await page.getByLabel(`${day} 2. başlangıç`).fill("13:00");
      await page.getByLabel(`${day} 2. bitiş`).fill("18:00");
    }
    await page.getByLabel("Cumartesi 1. başlangıç").fill("10:00");
    await page.getByLabel("Cumartesi 1. bitiş").fill("16:00");
    await page.getByRole("button", { name: "Kaydet" }).click();
    await page.getByText("Kayıt oluşturuldu.").waitFor();

    // A service that she performs.
    await page.goto(`${base}/dashboard/offerings/new?type=service`);
    await page.getByLabel("Ad", { exact: true }).fill("Saç Kesimi");
    await page.getByLabel("Fiyat (₺, KDV dahil)").fill("450");
    await page.getByLabel("Süre (dakika)").fill("3");
    await page.getByRole("button", { name: "Kaydet" }).click();
    await page.getByText("En az 5 olmalı").waitFor();
    assert.equal(
      await page.getByLabel("Süre (dakika)").getAttribute("aria-invalid"),
      "true",
    );
    await page.getByLabel("Süre (dakika)").fill("45");
    await page.getByLabel("Ayşe Yılmaz").check();
    await page.getByRole("button", { name: "Kaydet" }).click();
    await page.getByText("Kayıt oluşturuldu.").waitFor();

    // Both are listed.
    await page.getByRole("navigation", { name: "Bölümler" }).getByRole("link", {
      name: "Hizmet ve ürünler",
    }).click();
    const row = page.locator("[data-testid=offerings-table] tr", { hasText: "Saç Kesimi" });
    await row.waitFor();
    assert.match(await row.innerText(), /₺450,00/);
    assert.match(await row.innerText(), /45 dk/);

    // The price is edited in place (an island) with the API's validation.
    await row.getByRole("button", { name: /Düzenle: Fiyat/ }).click();
    const input = row.getByLabel(/Fiyat \(₺, KDV dahil\): Saç Kesimi/);
    await input.fill("12,345");
    await row.getByRole("button", { name: "Kaydet" }).click();
    await row.getByText("En çok iki ondalık basamak olabilir").waitFor();
    await input.fill("500");
    await row.getByRole("button", { name: "Kaydet" }).click();
    await row.getByText("₺500,00").waitFor();

    await page.getByRole("navigation", { name: "Bölümler" }).getByRole("link", {
      name: "Çalışanlar ve saatler",
    }).click();
    const staffRow = page.locator("[data-testid=staff-table] tr", { hasText: "Ayşe Yılmaz" });
    assert.match(
      await staffRow.innerText(),
      /Pzt 09:00–12:00, Pzt 13:00–18:00, Sal 09:00–12:00, Sal 13:00–18:00, Çar 09:00–12:00, Çar 13:00–18:00, Cmt 10:00–16:00/,
    );
    assert.match(await staffRow.innerText(), /Saç Kesimi/);

    // The language switch.
    await page.getByRole("link", { name: "English" }).click();
    await page.getByRole("heading", { name: "Staff and hours" }).waitFor();
    assert.equal(await page.getAttribute("html", "lang"), "en");
  });
});

Deno.test("the calendar shows a booking made through the API without a reload, and moves it", async () => {
  await withBrowser("dashboard-calendar", async ({ app, base, page }) => {
    const salon = await setupSalon(app);
    const day = nextWeekday(2);
    await login(page, base, salon.email, salon.password, "/dashboard");
    const events = page.waitForResponse((r) => r.url().endsWith("/api/events"));
    await page.goto(`${base}/dashboard/calendar?view=day&date=${day}`);
    await page.locator("[data-testid=calendar][data-ready=true]").waitFor();
    await events;
    await page.evaluate(() => (globalThis as unknown as { marker: number }).marker = 42);
    await page.waitForTimeout(300);

    const booked = await app.request("POST", "/api/appointments", {
      key: salon.publishableKey,
      body: {
        service_id: salon.services.cut,
        staff_id: salon.staff.ayse,
        date: day,
        time: "10:00",
        customer: { name: "Zeynep Kaya", phone: "0532 000 11 22" },
        channel: "web",
      },
    });
    assert.equal(booked.status, 201, booked.text);
    const block = page.locator(`[data-appointment="${booked.body.id}"]`);
    await block.waitFor();
    assert.match(await block.innerText(), /10:00 Saç Kesimi\s+Zeynep Kaya/);
    assert.equal(
      await page.evaluate(() => (globalThis as unknown as { marker: number }).marker),
      42,
      "the page was not reloaded",
    );

    // Choose it, then click Mehmet's column at 14:00.
    await block.click();
    await page.getByText("Randevu seçildi").first().waitFor();
    const column = page.locator(`.cal-col[data-date="${day}"][data-staff="${salon.staff.mehmet}"]`);
    const box = (await column.boundingBox())!;
    const dayStart = Number(
      await page.locator("[data-testid=calendar]").getAttribute("data-day-start"),
    );
    const px = Number(await page.locator("[data-testid=calendar]").getAttribute("data-px-per-min"));
    await column.click({ position: { x: box.width / 2, y: (14 * 60 - dayStart) * px + 2 } });
    await page.getByTestId("cal-status").getByText(/Randevu taşındı/).waitFor();
    const moved = await app.request("GET", `/api/appointments/${booked.body.id}`, {
      token: salon.token,
    });
    assert.equal(moved.body.scheduled_time, "14:00");
    assert.equal(moved.body.staff_id, salon.staff.mehmet);
    await column.locator(`[data-appointment="${booked.body.id}"]`).waitFor();

    // A click on an empty place fills the new-appointment form.
    const ayse = page.locator(`.cal-col[data-date="${day}"][data-staff="${salon.staff.ayse}"]`);
    await ayse.click({ position: { x: 20, y: (11 * 60 - dayStart) * px + 2 } });
    assert.equal(await page.getByLabel("Saat", { exact: true }).inputValue(), "11:00");
    assert.equal(await page.locator("#f-staff_id").inputValue(), salon.staff.ayse);

    // The orders list takes in an order placed through the API, without a reload either.
    const listening = page.waitForResponse((r) => r.url().endsWith("/api/events"));
    await page.goto(`${base}/dashboard/orders`);
    await listening;
    await page.evaluate(() => (globalThis as unknown as { marker: number }).marker = 7);
    await page.waitForTimeout(300);
    const order = await app.request("POST", "/api/orders", {
      key: salon.publishableKey,
      body: {
        items: [{ product_id: salon.products.cream, quantity: 1 }],
        customer: { name: "Elif Demir", phone: "0533 111 22 33" },
        payment_method: "pay_at_shop",
        delivery: "pickup",
      },
    });
    assert.equal(order.status, 201, order.text);
    const row = page.locator("[data-testid=orders-table] tr", { hasText: order.body.order_number });
    await row.waitFor();
    assert.match(await row.innerText(), /Elif Demir/);
    assert.match(await row.innerText(), /₺450,00/);
    assert.equal(
      await page.evaluate(() => (globalThis as unknown as { marker: number }).marker),
      7,
      "the page was not reloaded",
    );
  });
});

Deno.test("the inbox follows a conversation live; a person takes over, replies and hands back", async () => {
  await withBrowser("dashboard-inbox", async ({ app, base, page }) => {
    const salon = await setupSalon(app);
    const first = await app.request("POST", "/api/chat/message", {
      key: salon.publishableKey,
      body: { message: "Merhaba, yarın saç kesimi için yer var mı?", locale: "tr" },
    });
    assert.equal(first.status, 200, first.text);
    const id = first.body.conversation_id;
    const token = first.body.conversation_token;
    await login(page, base, salon.email, salon.password, "/dashboard");
    const events = page.waitForResponse((r) => r.url().endsWith("/api/events"));
    await page.goto(`${base}/dashboard/inbox`);
    await page.locator(".inbox[data-ready=true]").waitFor();
    await events;
    await page.locator(`[data-conversation="${id}"]`).click();
    await page.waitForURL(`${base}/dashboard/inbox/${id}`);
    await page.getByText("yarın saç kesimi için yer var mı?").waitFor();
    await page.waitForTimeout(300);

    const second = await app.request("POST", "/api/chat/message", {
      key: salon.publishableKey,
      headers: { "X-Conversation-Token": token },
      body: { conversation_id: id, message: "Bir insanla konuşabilir miyim?" },
    });
    assert.equal(second.status, 200, second.text);
    await page.locator(".msg.user", { hasText: "Bir insanla konuşabilir miyim?" }).waitFor();

    const status = page.getByTestId("conversation-status");
    // The assistant may have handed the conversation over itself; the page then learns it live,
    // and the take-over button goes away, so ask the server which it is before clicking.
    const after = await app.request("GET", `/api/chat/history/${id}`, { token: salon.token });
    if (after.body.conversation.status === "handover") {
      await page.getByTestId("conversation-status").filter({ hasText: "Bir kişide" }).waitFor();
    } else {
      await page.getByRole("button", { name: "Konuşmayı devral" }).click();
      await page.getByText("Konuşmayı devraldınız").waitFor();
    }
    assert.equal(await status.innerText(), "Bir kişide");
    await page.getByLabel("Yanıtınız").fill("Merhaba, ben Ayşe. Yarın 14:00 uygun.");
    await page.getByRole("button", { name: "Gönder" }).click();
    await page.locator(".msg.staff", { hasText: "Yarın 14:00 uygun." }).waitFor();
    const history = await app.request("GET", `/api/chat/history/${id}`, { token: salon.token });
    assert.equal(history.body.messages.at(-1).role, "staff");
    assert.equal(history.body.messages.at(-1).content, "Merhaba, ben Ayşe. Yarın 14:00 uygun.");

    await page.getByRole("button", { name: "Asistana geri ver" }).click();
    await page.getByText("Konuşma asistana geri verildi.").waitFor();
    assert.equal(await status.innerText(), "Asistanda");
    const conv = await app.request("GET", `/api/chat/history/${id}`, { token: salon.token });
    assert.equal(conv.body.conversation.status, "active");
  });
});
