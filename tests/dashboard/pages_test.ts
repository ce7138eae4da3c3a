import assert from "node:assert/strict";
import { startTestApp } from "../_support/app.ts";
import { nextWeekday, setupSalon } from "../_support/salon.ts";
import { PageClient, signupThroughForm, textOf } from "./support.ts";

const PAGES = [
  "/dashboard",
  "/dashboard/calendar",
  "/dashboard/inbox",
  "/dashboard/orders",
  "/dashboard/customers",
  "/dashboard/offerings",
  "/dashboard/offerings/new",
  "/dashboard/staff",
  "/dashboard/staff/new",
  "/dashboard/staff/hours",
  "/dashboard/knowledge",
  "/dashboard/notifications",
  "/dashboard/settings",
  "/dashboard/settings/widget",
  "/dashboard/settings/team",
];

/** The cookie header of a client, for API calls with its session. */
function cookieOf(client: PageClient): Record<string, string> {
  return { Cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ") };
}

Deno.test("dashboard pages need a session and go back after login", async (t) => {
  const app = await startTestApp();
  try {
    const salon = await setupSalon(app);
    const anon = new PageClient(app);

    await t.step("without a session every page sends to the login page", async () => {
      for (const path of PAGES) {
        const res = await anon.fetch("GET", `${path}?x=1`);
        assert.equal(res.status, 303, path);
        assert.equal(res.location, `/login?next=${encodeURIComponent(`${path}?x=1`)}`);
      }
      const post = await anon.post("/dashboard/offerings/new", { name: "X" });
      assert.equal(post.status, 303);
      assert.match(post.location ?? "", /^\/login/);
    });

    await t.step("a wrong password shows the error on the login form", async () => {
      const res = await anon.post("/login", { email: salon.email, password: "wrong password" });
      assert.equal(res.status, 401);
      assert.match(textOf(res.html), /E-posta veya parola hatalı/);
      assert.equal(anon.cookies.has("arma_at"), false);
      const empty = await anon.post("/login", { email: "not-an-email", password: "" });
      assert.equal(empty.status, 422);
      assert.match(empty.html, /aria-invalid="true"/);
      assert.match(textOf(empty.html), /Geçerli bir e-posta adresi girin/);
    });

    await t.step("login sets the session and returns to the page asked for", async () => {
      const res = await anon.post("/login", {
        email: salon.email,
        password: salon.password,
        next: "/dashboard/orders",
      });
      assert.equal(res.status, 303);
      assert.equal(res.location, "/dashboard/orders");
      assert.ok(anon.cookies.has("arma_at") && anon.cookies.has("arma_rt"));
      const titles = new Set<string>();
      for (const path of PAGES) {
        const page = await anon.fetch("GET", path);
        assert.equal(page.status, 200, `${path}: ${page.html.slice(0, 300)}`);
        assert.match(page.html, /<html lang="tr">/);
        const title = /<title>([^<]*) · Arma<\/title>/.exec(page.html)?.[1];
        assert.ok(title, `${path} names itself in its title`);
        titles.add(title);
        assert.match(page.html, /Test Kuaför/, `${path} shows the business`);
        assert.doesNotMatch(page.html, /<script(?![^>]*src=)[^>]*>/, `${path}: inline script`);
      }
      assert.ok(titles.has("Takvim") && titles.size >= 10, [...titles].join(", "));
      const login = await anon.fetch("GET", "/login");
      assert.equal(login.status, 303, "a signed-in user skips the login page");
    });

    await t.step("an expired access cookie is renewed with the refresh cookie", async () => {
      anon.cookies.delete("arma_at");
      const page = await anon.fetch("GET", "/dashboard/staff");
      assert.equal(page.status, 200);
      assert.ok(anon.cookies.has("arma_at"));
    });

    await t.step("garbage queries and empty posts never break a page", async () => {
      const query = `?limit=-5&cursor=%25%25%25ZZ&type=gift&active=maybe&q=${
        encodeURIComponent("%' or 1=1 --")
      }&date=2026-02-31&view=year&status=lost&preview=pk_x&staff=nobody&phone=abc&lang=xx`;
      for (const path of PAGES) {
        const page = await anon.fetch("GET", `${path}${query}`);
        assert.ok(
          page.status < 500,
          `GET ${path}${query}: ${page.status} ${page.html.slice(0, 300)}`,
        );
        const post = await anon.post(path, { _action: "nonsense", id: "x", date: "x" });
        assert.ok(post.status < 500, `POST ${path}: ${post.status} ${post.html.slice(0, 300)}`);
      }
    });

    await t.step("ids that are not the tenant's are a 404 page", async () => {
      for (
        const path of [
          "/dashboard/offerings/not-an-id",
          `/dashboard/offerings/${crypto.randomUUID()}`,
          `/dashboard/staff/${crypto.randomUUID()}`,
          `/dashboard/calendar/${crypto.randomUUID()}`,
          `/dashboard/orders/${crypto.randomUUID()}`,
          `/dashboard/inbox/${crypto.randomUUID()}`,
        ]
      ) {
        const res = await anon.fetch("GET", path);
        assert.equal(res.status, 404, path);
        assert.match(textOf(res.html), /Bulunamadı/);
      }
    });

    await t.step("form posts from another site are refused", async () => {
      const res = await anon.fetch("POST", "/dashboard/offerings/new", {
        body: new URLSearchParams({ name: "X" }),
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Origin: "https://evil.example",
        },
      });
      assert.equal(res.status, 403);
      const json = await anon.fetch("POST", "/dashboard/offerings/new", {
        body: "{}",
        headers: { "Content-Type": "application/json" },
      });
      assert.equal(json.status, 415);
      assert.equal(JSON.parse(json.html).error.code, "unsupported_media_type");
    });

    await t.step("logout ends the session", async () => {
      const res = await anon.post("/logout", {});
      assert.equal(res.status, 303);
      assert.equal(res.location, "/login");
      assert.equal(anon.cookies.has("arma_rt"), false);
      const page = await anon.fetch("GET", "/dashboard");
      assert.equal(page.status, 303);
    });
  } finally {
    await app.close();
  }
});

Deno.test("Turkish by default, English with the switch, kept in a cookie", async () => {
  const app = await startTestApp();
  try {
    const { client } = await signupThroughForm(app);
    const tr = await client.get("/dashboard/offerings");
    assert.match(tr.html, /<html lang="tr">/);
    assert.match(textOf(tr.html), /Hizmet ve ürünler/);
    assert.match(tr.html, /href="\/dashboard\/offerings\?lang=en"/);
    const en = await client.get("/dashboard/offerings?lang=en");
    assert.match(en.html, /<html lang="en">/);
    assert.equal(client.cookies.get("arma_locale"), "en");
    const later = await client.get("/dashboard/staff");
    assert.match(textOf(later.html), /Staff and hours/);
    const bad = await client.post("/dashboard/offerings/new", {
      offering_type: "service",
      name: "Kesim",
      price: "100",
      "meta_info.duration_minutes": "2",
    });
    assert.equal(bad.status, 422);
    assert.match(textOf(bad.html), /Too small: expected number to be >=5/, "the API's message");
  } finally {
    await app.close();
  }
});

Deno.test("offering forms validate like the API, create, edit and adjust stock", async (t) => {
  const app = await startTestApp();
  try {
    const { client } = await signupThroughForm(app);
    const staff = await client.post("/dashboard/staff/new", { name: "Ayşe", is_active: "on" }, {
      follow: true,
    });
    const staffId = staff.url.split("/").pop()!;

    await t.step("a refused service shows the errors next to its fields", async () => {
      const res = await client.post("/dashboard/offerings/new", {
        offering_type: "service",
        name: "",
        price: "12.345",
        "meta_info.duration_minutes": "2",
        "meta_info.max_concurrent": "0",
      });
      assert.equal(res.status, 422);
      const html = res.html;
      assert.match(html, /id="f-name"[^>]*aria-invalid="true"/);
      assert.match(html, /id="f-name-err"[^>]*>Bu alan zorunlu</);
      assert.match(html, /id="f-meta_info-duration_minutes-err"[^>]*>En az 5 olmalı</);
      assert.match(html, /id="f-meta_info-max_concurrent-err"[^>]*>En az 1 olmalı</);
      assert.match(html, /id="f-price-err"/);
      assert.match(html, /value="12.345"/, "what was typed is kept");
    });

    let serviceId = "";
    await t.step("a valid service is created and listed", async () => {
      const res = await client.post("/dashboard/offerings/new", {
        offering_type: "service",
        name: "Saç Kesimi",
        category: "Saç",
        price: "450,50",
        is_active: "on",
        "meta_info.duration_minutes": "45",
        "meta_info.preparation_time": "5",
        "meta_info.cleanup_time": "10",
        "meta_info.max_concurrent": "2",
        "meta_info.booking_advance_days": "60",
        "meta_info.cancellation_hours": "12",
        "meta_info.staff_required": "on",
        "meta_info.staff_ids": staffId,
      });
      assert.equal(res.status, 303);
      serviceId = res.location!.split("/").pop()!;
      const api = await app.request("GET", `/api/offerings/${serviceId}`, {
        headers: cookieOf(client),
      });
      assert.equal(api.body.price, 450.5);
      assert.equal(api.body.meta_info.duration_minutes, 45);
      assert.equal(api.body.meta_info.cleanup_time, 10);
      assert.deepEqual(api.body.meta_info.staff_ids, [staffId]);
      const list = await client.get("/dashboard/offerings?type=service&q=sac");
      assert.match(textOf(list.html), /Saç Kesimi Hizmet Saç ₺450,50 45 dk Aktif/);
    });

    await t.step("editing keeps what was not on the form and validates the merge", async () => {
      const bad = await client.post(`/dashboard/offerings/${serviceId}`, {
        _action: "save",
        name: "Saç Kesimi",
        price: "500",
        is_active: "on",
        "meta_info.duration_minutes": "2000",
        "meta_info.staff_required": "on",
      });
      assert.equal(bad.status, 422);
      assert.match(bad.html, /id="f-meta_info-duration_minutes-err"[^>]*>En çok 1440 olabilir</);
      const ok = await client.post(`/dashboard/offerings/${serviceId}`, {
        _action: "save",
        name: "Saç Kesimi",
        price: "500",
        is_active: "on",
        "meta_info.duration_minutes": "60",
        "meta_info.staff_required": "on",
      }, { follow: true });
      assert.match(textOf(ok.html), /Değişiklikler kaydedildi/);
      const api = await app.request("GET", `/api/offerings/${serviceId}`, {
        headers: cookieOf(client),
      });
      assert.equal(api.body.price, 500);
      assert.equal(api.body.meta_info.duration_minutes, 60);
      assert.equal(api.body.meta_info.cleanup_time, 10);
      assert.deepEqual(api.body.meta_info.staff_ids, []);
    });

    await t.step("deactivate from the list", async () => {
      const res = await client.post(`/dashboard/offerings/${serviceId}`, {
        _action: "toggle",
        back: "/dashboard/offerings?active=false",
      });
      assert.equal(res.location, "/dashboard/offerings?active=false");
      const list = await client.get(res.location!);
      assert.match(textOf(list.html), /Saç Kesimi.*Pasif/);
    });

    await t.step("a product defaults to 20% KDV; stock moves through the ledger", async () => {
      const res = await client.post("/dashboard/offerings/new", {
        offering_type: "product",
        name: "Nemlendirici Krem",
        price: "450",
        is_active: "on",
        "meta_info.sku": "KREM-1",
        "meta_info.stock_quantity": "3",
        "meta_info.stock_tracking": "on",
        "meta_info.low_stock_threshold": "2",
        "meta_info.tax_rate": "0.2",
        "meta_info.shipping_required": "on",
        "meta_info.brand": "Arma",
        "meta_info.ingredients": "su\ngliserin",
      }, { follow: true });
      assert.equal(res.status, 200);
      const id = res.url.split("/").pop()!;
      assert.match(res.html, /<option value="0.2" selected/);
      const below = await client.post(`/dashboard/offerings/${id}`, {
        _action: "stock",
        delta: "-4",
        reason: "damaged",
      });
      assert.equal(below.status, 409);
      assert.match(textOf(below.html), /Stok yetersiz/);
      const zero = await client.post(`/dashboard/offerings/${id}`, {
        _action: "stock",
        delta: "0",
      });
      assert.equal(zero.status, 422);
      assert.match(textOf(zero.html), /0 olamaz/);
      const ok = await client.post(`/dashboard/offerings/${id}`, {
        _action: "stock",
        delta: "7",
        reason: "restock",
      }, { follow: true });
      assert.match(ok.html, /data-testid="stock-now">10</);
      assert.match(textOf(ok.html), /\+7 10 Yeni stok girişi/);
      assert.match(textOf(ok.html), /\+3 3 Açılış stoku/);
      const api = await app.request("GET", `/api/offerings/${id}`, { headers: cookieOf(client) });
      assert.equal(api.body.meta_info.tax_rate, 0.2);
      assert.deepEqual(api.body.meta_info.ingredients, ["su", "gliserin"]);
    });
  } finally {
    await app.close();
  }
});

Deno.test("staff forms: working hours, services, time off, business hours", async (t) => {
  const app = await startTestApp();
  try {
    const { client } = await signupThroughForm(app);
    const svc = await client.post("/dashboard/offerings/new", {
      offering_type: "service",
      name: "Manikür",
      price: "300",
      is_active: "on",
      "meta_info.duration_minutes": "40",
      "meta_info.staff_required": "on",
    });
    const serviceId = svc.location!.split("/").pop()!;

    await t.step("overlapping and inverted hours are shown at their inputs", async () => {
      const res = await client.post("/dashboard/staff/new", {
        name: "Ayşe",
        is_active: "on",
        "wh.1.0.start": "09:00",
        "wh.1.0.end": "12:00",
        "wh.1.1.start": "11:00",
        "wh.1.1.end": "18:00",
        "wh.3.0.start": "18:00",
        "wh.3.0.end": "10:00",
      });
      assert.equal(res.status, 422);
      assert.match(res.html, /id="err-wh-3-0"[^>]*>Başlangıç bitişten önce olmalı</);
      assert.match(textOf(res.html), /Aynı günün saat aralıkları çakışmamalı/);
      assert.match(res.html, /name="wh.1.1.start" value="11:00"/);
    });

    let staffId = "";
    await t.step("a staff member is created with weekly hours and services", async () => {
      const res = await client.post("/dashboard/staff/new", {
        name: "Ayşe Yılmaz",
        title: "Kuaför",
        phone: "0532 123 45 67",
        is_active: "on",
        service_ids: serviceId,
        "wh.1.0.start": "09:00",
        "wh.1.0.end": "12:00",
        "wh.1.1.start": "13:00",
        "wh.1.1.end": "18:00",
        "wh.6.0.start": "10:00",
        "wh.6.0.end": "16:00",
      });
      assert.equal(res.status, 303);
      staffId = res.location!.split("/").pop()!;
      const api = await app.request("GET", `/api/staff/${staffId}`, { headers: cookieOf(client) });
      assert.equal(api.body.phone, "+905321234567");
      assert.deepEqual(api.body.working_hours, [
        { weekday: 1, start: "09:00", end: "12:00" },
        { weekday: 1, start: "13:00", end: "18:00" },
        { weekday: 6, start: "10:00", end: "16:00" },
      ]);
      assert.deepEqual(api.body.service_ids, [serviceId]);
      const list = await client.get("/dashboard/staff");
      assert.match(
        textOf(list.html),
        /Ayşe Yılmaz · Kuaför Pzt 09:00–12:00, Pzt 13:00–18:00, Cmt 10:00–16:00 Manikür/,
      );
    });

    await t.step("editing replaces the hours; a bad phone is shown at the phone", async () => {
      const bad = await client.post(`/dashboard/staff/${staffId}`, {
        _action: "save",
        name: "Ayşe Yılmaz",
        phone: "12345",
        is_active: "on",
      });
      assert.equal(bad.status, 422);
      assert.match(bad.html, /id="f-phone-err"[^>]*>Geçerli bir cep telefonu girin/);
      const ok = await client.post(`/dashboard/staff/${staffId}`, {
        _action: "save",
        name: "Ayşe Yılmaz",
        is_active: "on",
        "wh.2.0.start": "08:30",
        "wh.2.0.end": "17:30",
      });
      assert.equal(ok.status, 303);
      const api = await app.request("GET", `/api/staff/${staffId}`, { headers: cookieOf(client) });
      assert.deepEqual(api.body.working_hours, [{ weekday: 2, start: "08:30", end: "17:30" }]);
      assert.deepEqual(api.body.service_ids, []);
      assert.equal(api.body.phone, null);
    });

    await t.step("time off is added in the business's time zone and removed", async () => {
      const bad = await client.post(`/dashboard/staff/${staffId}`, {
        _action: "time_off",
        starts_at: "2031-01-02T10:00",
        ends_at: "2031-01-02T09:00",
      });
      assert.equal(bad.status, 422);
      assert.match(textOf(bad.html), /Başlangıç bitişten önce olmalı/);
      const ok = await client.post(`/dashboard/staff/${staffId}`, {
        _action: "time_off",
        starts_at: "2031-01-02T09:00",
        ends_at: "2031-01-03T18:00",
        reason: "İzin",
      });
      assert.equal(ok.status, 303);
      const api = await app.request("GET", `/api/staff/${staffId}`, { headers: cookieOf(client) });
      assert.equal(api.body.time_off.length, 1);
      assert.equal(
        new Date(api.body.time_off[0].starts_at).toISOString(),
        "2031-01-02T06:00:00.000Z",
      );
      const removed = await client.post(`/dashboard/staff/${staffId}`, {
        _action: "time_off_remove",
        entry: api.body.time_off[0].id,
      });
      assert.equal(removed.status, 303);
      const after = await app.request("GET", `/api/staff/${staffId}`, {
        headers: cookieOf(client),
      });
      assert.equal(after.body.time_off.length, 0);
    });

    await t.step("business hours and closed days", async () => {
      const bad = await client.post("/dashboard/staff/hours", {
        _action: "hours",
        "bh.1.0.start": "19:00",
        "bh.1.0.end": "09:00",
      });
      assert.equal(bad.status, 422);
      assert.match(bad.html, /id="err-bh-1-0"[^>]*>Açılış saati kapanıştan önce olmalı</);
      const ok = await client.post("/dashboard/staff/hours", {
        _action: "hours",
        "bh.1.0.start": "09:00",
        "bh.1.0.end": "13:00",
        "bh.1.1.start": "14:00",
        "bh.1.1.end": "19:00",
        "bh.5.0.start": "10:00",
        "bh.5.0.end": "20:00",
      });
      assert.equal(ok.status, 303);
      await client.post("/dashboard/staff/hours", { _action: "closed_add", date: "2031-04-23" });
      const wrong = await client.post("/dashboard/staff/hours", {
        _action: "closed_add",
        date: "23.04.2031",
      });
      assert.equal(wrong.status, 422);
      assert.match(textOf(wrong.html), /Geçerli bir tarih girin/);
      const api = await app.request("GET", "/api/tenants/me", { headers: cookieOf(client) });
      assert.deepEqual(api.body.settings.business_hours.mon, [
        { open: "09:00", close: "13:00" },
        { open: "14:00", close: "19:00" },
      ]);
      assert.deepEqual(api.body.settings.business_hours.fri, [{ open: "10:00", close: "20:00" }]);
      assert.deepEqual(api.body.settings.business_hours.sat, []);
      assert.deepEqual(api.body.settings.closed_days, ["2031-04-23"]);
      await client.post("/dashboard/staff/hours", { _action: "closed_remove", date: "2031-04-23" });
      const after = await app.request("GET", "/api/tenants/me", { headers: cookieOf(client) });
      assert.deepEqual(after.body.settings.closed_days, []);
    });
  } finally {
    await app.close();
  }
});

Deno.test("calendar forms book, move, refuse a taken slot and cancel", async () => {
  const app = await startTestApp();
  try {
    const salon = await setupSalon(app);
    const client = new PageClient(app);
    await client.post("/login", { email: salon.email, password: salon.password });
    const day = nextWeekday(2);
    const booking = {
      service_id: salon.services.cut,
      staff_id: salon.staff.ayse,
      date: day,
      time: "10:00",
      "customer.name": "Zeynep Kaya",
      "customer.phone": "0532 000 11 22",
    };
    const bad = await client.post(`/dashboard/calendar?date=${day}`, {
      ...booking,
      "customer.phone": "12",
      time: "",
    });
    assert.equal(bad.status, 422);
    assert.match(bad.html, /id="f-customer-phone-err"[^>]*>En az 7 karakter olmalı</);
    const ok = await client.post(`/dashboard/calendar?date=${day}`, booking);
    assert.equal(ok.status, 303);
    assert.equal(ok.location, `/dashboard/calendar?view=day&date=${day}`);
    const taken = await client.post(`/dashboard/calendar?date=${day}`, {
      ...booking,
      "customer.name": "Can",
    });
    assert.equal(taken.status, 409);
    assert.match(textOf(taken.html), /Bu saat uygun değil/);
    assert.match(taken.html, new RegExp(`name="slot" value="${day}T11:00"`), "next free times");
    const week = await client.get(`/dashboard/calendar?view=week&date=${day}`);
    const id = /data-appointment="([^"]+)"/.exec(week.html)![1]!;
    assert.match(textOf(week.html), /Zeynep Kaya/);
    const moved = await client.post(`/dashboard/calendar/${id}`, {
      _action: "move",
      date: day,
      time: "14:00",
      staff_id: salon.staff.mehmet,
    });
    assert.equal(moved.status, 303);
    const api = await app.request("GET", `/api/appointments/${id}`, { headers: cookieOf(client) });
    assert.equal(api.body.scheduled_time, "14:00");
    assert.equal(api.body.staff_id, salon.staff.mehmet);
    const early = await client.post(`/dashboard/calendar/${id}`, {
      _action: "status",
      status: "completed",
    });
    assert.equal(early.status, 409);
    const cancelled = await client.post(`/dashboard/calendar/${id}`, {
      _action: "cancel",
      reason: "Müşteri aradı",
    });
    assert.equal(cancelled.status, 303);
    const after = await app.request("GET", `/api/appointments/${id}`, {
      headers: cookieOf(client),
    });
    assert.equal(after.body.status, "cancelled");
    assert.equal(after.body.cancel_reason, "Müşteri aradı");
  } finally {
    await app.close();
  }
});

Deno.test("orders: list, detail with KDV, payment and status changes", async () => {
  const app = await startTestApp();
  try {
    const salon = await setupSalon(app);
    const created = await app.request("POST", "/api/orders", {
      token: salon.token,
      body: {
        items: [{ product_id: salon.products.cream, quantity: 2 }, {
          product_id: salon.products.shampoo,
          quantity: 1,
        }],
        customer: {
          name: "Elif Demir",
          phone: "0533 111 22 33",
          address: { street: "Moda Cd. 1", city: "İstanbul" },
        },
        payment_method: "bank_transfer",
      },
    });
    assert.equal(created.status, 201, created.text);
    const id = created.body.id;
    const client = new PageClient(app);
    await client.post("/login", { email: salon.email, password: salon.password });
    const list = await client.get("/dashboard/orders?status=pending");
    assert.match(textOf(list.html), new RegExp(`${created.body.order_number}.*Elif Demir`));
    const none = await client.get("/dashboard/orders?status=paid");
    assert.doesNotMatch(none.html, new RegExp(created.body.order_number));
    const detail = await client.get(`/dashboard/orders/${id}`);
    const text = textOf(detail.html);
    assert.match(text, /Nemlendirici Krem 2 ₺450,00 ₺750,00 ₺150,00 \(%20\) ₺900,00/);
    assert.match(text, /Şampuan 1 ₺120,00 ₺109,09 ₺10,91 \(%10\) ₺120,00/);
    assert.match(detail.html, /data-testid="order-total">₺1.020,00</);
    const early = await client.post(`/dashboard/orders/${id}`, {
      _action: "status",
      status: "delivered",
    });
    assert.equal(early.status, 409);
    assert.match(textOf(early.html), /Bu durum değişikliği yapılamaz/);
    const paid = await client.post(`/dashboard/orders/${id}`, {
      _action: "payment",
      action: "record",
      method: "bank_transfer",
      reference: "EFT-42",
    });
    assert.equal(paid.status, 303);
    const shipped = await client.post(`/dashboard/orders/${id}`, {
      _action: "status",
      status: "shipped",
    }, { follow: true });
    assert.match(shipped.html, /data-testid="order-status">Kargoya verildi</);
    const api = await app.request("GET", `/api/orders/${id}`, { token: salon.token });
    assert.equal(api.body.status, "shipped");
    assert.equal(api.body.payment_reference, "EFT-42");
    assert.equal(api.body.payment_status, "paid");
  } finally {
    await app.close();
  }
});

Deno.test("staff users see the pages but cannot use owner-only actions", async () => {
  const app = await startTestApp();
  try {
    const { client: owner } = await signupThroughForm(app);
    const bad = await owner.post("/dashboard/settings/team", {
      _action: "invite",
      email: "nope",
      role: "staff",
    });
    assert.equal(bad.status, 422);
    const email = `staff-${crypto.randomUUID()}@example.com`;
    const invited = await owner.post("/dashboard/settings/team", {
      _action: "invite",
      email,
      role: "staff",
    });
    assert.equal(invited.status, 201);
    const link = /data-testid="invite-link">([^<]+)</.exec(invited.html)![1]!;
    const token = new URL(link.replaceAll("&amp;", "&")).searchParams.get("token")!;
    const again = await owner.get("/dashboard/settings/team");
    assert.doesNotMatch(again.html, new RegExp(token), "the link is shown once");
    assert.match(textOf(again.html), new RegExp(email));

    const staff = new PageClient(app);
    const form = await staff.get(`/join?token=${encodeURIComponent(token)}`);
    assert.equal(form.status, 200);
    const short = await staff.post("/join", { token, name: "Mehmet", password: "short" });
    assert.equal(short.status, 422);
    assert.match(textOf(short.html), /En az 8 karakter olmalı/);
    const joined = await staff.post("/join", { token, name: "Mehmet", password: "long enough pw" });
    assert.equal(joined.status, 303);
    const page = await staff.get("/dashboard/offerings/new");
    assert.match(textOf(page.html), /Bu bölümü yalnızca işletme sahibi değiştirebilir/);
    assert.match(page.html, /<fieldset disabled[ =]/);
    const refused = await staff.post("/dashboard/offerings/new", {
      offering_type: "service",
      name: "X",
      price: "1",
      "meta_info.duration_minutes": "30",
    });
    assert.equal(refused.status, 403);
    assert.match(textOf(refused.html), /Bu işlemi yalnızca işletme sahibi yapabilir/);
    const settings = await staff.post("/dashboard/settings", {
      _action: "profile",
      business_name: "Hacked",
    });
    assert.equal(settings.status, 403);
    const widget = await staff.get("/dashboard/settings/widget");
    assert.doesNotMatch(widget.html, /data-testid="keys-table"/);
    assert.equal((await staff.get("/dashboard/calendar")).status, 200, "staff use the calendar");
  } finally {
    await app.close();
  }
});

Deno.test("settings: profile errors at the field, keys shown once and revoked", async () => {
  const app = await startTestApp();
  try {
    const { client } = await signupThroughForm(app);
    const bad = await client.post("/dashboard/settings", {
      _action: "profile",
      business_name: "Işıl Güzellik",
      phone: "123",
      email: "x@",
      timezone: "Europe/Istanbul",
      locale: "tr",
      "address.city": "İstanbul",
      kvkk_url: "kvkk",
    });
    assert.equal(bad.status, 422);
    assert.match(bad.html, /id="f-email-err"[^>]*>Geçerli bir e-posta adresi girin</);
    assert.match(bad.html, /id="f-address-street-err"[^>]*>Bu alan zorunlu</);
    assert.match(bad.html, /id="f-kvkk_url-err"/);
    const phone = await client.post("/dashboard/settings", {
      _action: "profile",
      business_name: "Işıl Güzellik",
      phone: "123",
      timezone: "Europe/Istanbul",
      locale: "tr",
    });
    assert.match(phone.html, /id="f-phone-err"/);
    const ok = await client.post("/dashboard/settings", {
      _action: "profile",
      business_name: "Işıl Güzellik",
      phone: "0216 555 12 34",
      timezone: "Europe/Istanbul",
      locale: "tr",
      "address.street": "Moda Cd. 42",
      "address.city": "İstanbul",
      kvkk_url: "https://isil.example/kvkk",
    });
    assert.equal(ok.status, 303);
    const assistant = await client.post("/dashboard/settings", {
      _action: "assistant",
      "assistant.name": "Işıl",
      "assistant.persona": "Sıcak ve kısa",
      "assistant.policies": "24 saat önce iptal",
    });
    assert.equal(assistant.status, 303);
    const shipping = await client.post("/dashboard/settings", {
      _action: "shipping",
      "shipping.flat_cost": "49,90",
      "shipping.free_threshold": "",
    });
    assert.equal(shipping.status, 303);
    const me = await app.request("GET", "/api/tenants/me", { headers: cookieOf(client) });
    assert.equal(me.body.business_name, "Işıl Güzellik");
    assert.equal(me.body.phone, "+902165551234");
    assert.equal(me.body.settings.kvkk_url, "https://isil.example/kvkk");
    assert.equal(me.body.settings.assistant.name, "Işıl");
    assert.equal(me.body.settings.shipping.flat_cost, 49.9);
    assert.equal(me.body.settings.shipping.free_threshold, null);
    const page = await client.get("/dashboard/settings");
    assert.match(page.html, /data-testid="payment-provider">Elden ödeme/);
    assert.match(page.html, /data-testid="sms-provider">Giden kutusu/);

    const origin = await client.post("/dashboard/settings/widget", {
      _action: "create",
      kind: "publishable",
      name: "Site",
      allowed_origins: "https://salon.example/path",
    });
    assert.equal(origin.status, 422);
    assert.match(origin.html, /id="f-allowed_origins-err"/);
    const key = await client.post("/dashboard/settings/widget", {
      _action: "create",
      kind: "publishable",
      name: "Site",
      allowed_origins: "https://salon.example\nhttp://localhost:8080/",
    });
    assert.equal(key.status, 201);
    const pk = /data-testid="new-key">(pk_[0-9A-Za-z]{32})</.exec(key.html)![1]!;
    assert.match(key.html, new RegExp(`data-key=&quot;${pk}&quot;|data-key="${pk}"`));
    assert.match(key.html, new RegExp(`src="/demo\\?key=${pk}"`));
    const again = await client.get("/dashboard/settings/widget");
    assert.doesNotMatch(again.html, new RegExp(pk), "the key is shown once");
    const keys = await app.request("GET", "/api/keys", { headers: cookieOf(client) });
    const made = keys.body.data.find((k: { name: string }) => k.name === "Site");
    assert.deepEqual(made.allowed_origins, ["https://salon.example", "http://localhost:8080"]);
    const revoked = await client.post("/dashboard/settings/widget", {
      _action: "revoke",
      id: made.id,
    });
    assert.equal(revoked.status, 303);
    const after = await app.request("GET", "/api/keys", { headers: cookieOf(client) });
    assert.ok(after.body.data.find((k: { id: string }) => k.id === made.id).revoked_at);
  } finally {
    await app.close();
  }
});

Deno.test("notifications: SMS outbox states and marking read", async () => {
  const app = await startTestApp();
  try {
    const salon = await setupSalon(app);
    const day = nextWeekday(3);
    const booked = await app.request("POST", "/api/appointments", {
      token: salon.token,
      body: {
        service_id: salon.services.cut,
        date: day,
        time: "11:00",
        customer: { name: "Ali Veli", phone: "0532 999 88 77" },
      },
    });
    assert.equal(booked.status, 201);
    const ordered = await app.request("POST", "/api/orders", {
      token: salon.token,
      body: {
        items: [{ product_id: salon.products.cream, quantity: 21 }],
        customer: { name: "Elif", phone: "0533 111 22 33" },
        payment_method: "pay_at_shop",
        delivery: "pickup",
      },
    });
    assert.equal(ordered.status, 201, ordered.text);
    const client = new PageClient(app);
    await client.post("/login", { email: salon.email, password: salon.password });
    const page = await client.get("/dashboard/notifications");
    const text = textOf(page.html);
    assert.match(text, /Randevu onayı .*Saç Kesimi randevunuz/);
    assert.match(text, /\+905329998877/);
    assert.match(text, /Düşük stok Stok azaldı: Nemlendirici Krem \(4 adet\)/);
    assert.match(page.html, /class="badge"[^>]*>1</, "the unread count in the navigation");
    const id = /name="id" value="([^"]+)"/.exec(page.html)![1]!;
    const read = await client.post("/dashboard/notifications", { _action: "read", id }, {
      follow: true,
    });
    assert.doesNotMatch(read.html, /name="id" value=/);
    assert.doesNotMatch(read.html, /class="badge"/);
  } finally {
    await app.close();
  }
});

Deno.test("inbox: transcript with tool calls, take over, reply and hand back by forms", async () => {
  const app = await startTestApp();
  try {
    const salon = await setupSalon(app);
    const chat = await app.request("POST", "/api/chat/message", {
      key: salon.publishableKey,
      body: { message: "Saç kesimi ne kadar?", locale: "tr", customer: { name: "Deniz" } },
    });
    assert.equal(chat.status, 200, chat.text);
    const id = chat.body.conversation_id;
    const client = new PageClient(app);
    await client.post("/login", { email: salon.email, password: salon.password });
    const list = await client.get("/dashboard/inbox");
    assert.match(textOf(list.html), /Deniz Asistanda Web sitesi/);
    const page = await client.get(`/dashboard/inbox/${id}`);
    assert.match(textOf(page.html), /Müşteri · \d\d:\d\d Saç kesimi ne kadar\?/);
    if (chat.body.tool_calls.length > 0) {
      assert.match(textOf(page.html), /Asistanın kullandığı araçlar/);
    }
    const empty = await client.post(`/dashboard/inbox/${id}`, { _action: "reply", text: "  " });
    assert.equal(empty.status, 422);
    assert.match(empty.html, /id="reply-err"[^>]*>Bu alan zorunlu</);
    const take = await client.post(`/dashboard/inbox/${id}`, { _action: "take" }, { follow: true });
    assert.match(take.html, /data-testid="conversation-status">Bir kişide</);
    const reply = await client.post(`/dashboard/inbox/${id}`, {
      _action: "reply",
      text: "Merhaba, ben Ayşe. 450 TL.",
    }, { follow: true });
    assert.match(textOf(reply.html), /Ekip · \d\d:\d\d Merhaba, ben Ayşe\. 450 TL\./);
    const history = await app.request("GET", `/api/chat/history/${id}`, { token: salon.token });
    assert.equal(history.body.messages.at(-1).role, "staff");
    const back = await client.post(`/dashboard/inbox/${id}`, { _action: "handback" }, {
      follow: true,
    });
    assert.match(back.html, /data-testid="conversation-status">Asistanda</);
    const again = await client.post(`/dashboard/inbox/${id}`, { _action: "handback" });
    assert.equal(again.status, 409);
  } finally {
    await app.close();
  }
});
