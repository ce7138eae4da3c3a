import assert from "node:assert/strict";
import { withTenant } from "../../db/tenant.ts";
import { productBody, serviceBody, signupBusiness, startTestApp } from "../_support/app.ts";

Deno.test("offerings API", async (t) => {
  const app = await startTestApp();
  const biz = await signupBusiness(app);
  const token = biz.token;
  try {
    await t.step("a service is created with the seed's meta_info defaults", async () => {
      const res = await app.request("POST", "/api/offerings", {
        token,
        body: serviceBody({ meta_info: { duration_minutes: 30, preparation_time: 5 } }),
      });
      assert.equal(res.status, 201);
      assert.equal(res.body.offering_type, "service");
      assert.equal(res.body.price, 450);
      assert.equal(res.body.currency, "TRY");
      assert.deepEqual(res.body.meta_info, {
        duration_minutes: 30,
        requires_appointment: true,
        staff_required: true,
        staff_ids: [],
        preparation_time: 5,
        cleanup_time: 0,
        max_concurrent: 1,
        booking_advance_days: 30,
        cancellation_hours: 24,
      });
    });

    await t.step("a product defaults to 20% KDV and tracks stock", async () => {
      const res = await app.request("POST", "/api/offerings", { token, body: productBody() });
      assert.equal(res.status, 201);
      assert.equal(res.body.meta_info.tax_rate, 0.2);
      assert.equal(res.body.meta_info.stock_quantity, 25);
      assert.equal(res.body.meta_info.stock_tracking, true);
      const moves = await app.request("GET", `/api/offerings/${res.body.id}/stock`, { token });
      assert.equal(moves.status, 200);
      assert.equal(moves.body.data[0].reason, "initial");
      assert.equal(moves.body.data[0].balance, 25);
    });

    await t.step("meta_info is validated per type", async () => {
      const cases = [
        serviceBody({ meta_info: {} }),
        serviceBody({ meta_info: { duration_minutes: -5 } }),
        serviceBody({ meta_info: { duration_minutes: 30, max_concurrent: 0 } }),
        serviceBody({ meta_info: { duration_minutes: 30, staff_ids: ["not-a-uuid"] } }),
        productBody({ meta_info: { stock_quantity: -1 } }),
        productBody({ meta_info: { tax_rate: 1.5 } }),
        productBody({ meta_info: { stock_quantity: 2.5 } }),
        productBody({ meta_info: { nested: { deep: true } } }),
        productBody({ price: -1 }),
        productBody({ price: 10.999 }),
        productBody({ offering_type: "gift" }),
        productBody({ currency: "USD" }),
      ];
      for (const body of cases) {
        const res = await app.request("POST", "/api/offerings", { token, body });
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.equal(typeof res.body.error.code, "string");
      }
    });

    await t.step("a service naming an unknown staff member is refused", async () => {
      const res = await app.request("POST", "/api/offerings", {
        token,
        body: serviceBody({
          meta_info: { duration_minutes: 30, staff_ids: [crypto.randomUUID()] },
        }),
      });
      assert.equal(res.status, 400);
      assert.equal(res.body.error.code, "unknown_staff");
    });

    await t.step("filters, Turkish-insensitive search and cursor pagination", async () => {
      const b = await signupBusiness(app);
      const names = ["Saç Kesimi", "Erkek Saç Kesimi", "Fön", "Manikür", "İpek Kirpik"];
      for (const name of names) {
        await app.request("POST", "/api/offerings", {
          token: b.token,
          body: serviceBody({ name, category: null }),
        });
      }
      await app.request("POST", "/api/offerings", {
        token: b.token,
        body: productBody({ name: "Şampuan", category: "Saç Bakımı" }),
      });
      const services = await app.request("GET", "/api/offerings?type=service", { token: b.token });
      assert.equal(services.body.data.length, 5);
      const sac = await app.request("GET", "/api/offerings?q=SAC", { token: b.token });
      assert.deepEqual(
        sac.body.data.map((o: { name: string }) => o.name).sort(),
        ["Erkek Saç Kesimi", "Saç Kesimi", "Şampuan"],
      );
      const ipek = await app.request("GET", "/api/offerings?q=ipek", { token: b.token });
      assert.deepEqual(ipek.body.data.map((o: { name: string }) => o.name), ["İpek Kirpik"]);
      const manikur = await app.request("GET", "/api/offerings?q=MANİKÜR", { token: b.token });
      assert.equal(manikur.body.data.length, 1);
      const cat = await app.request("GET", "/api/offerings?category=sac%20bakimi", {
        token: b.token,
      });
      assert.deepEqual(cat.body.data.map((o: { name: string }) => o.name), ["Şampuan"]);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { data: { id: string }[]; next_cursor: string | null } } = await app
          .request("GET", `/api/offerings?limit=2${cursor ? `&cursor=${cursor}` : ""}`, {
            token: b.token,
          });
        assert.ok(page.body.data.length <= 2);
        seen.push(...page.body.data.map((o) => o.id));
        cursor = page.body.next_cursor;
      } while (cursor);
      assert.equal(seen.length, 6);
      assert.equal(new Set(seen).size, 6);
      const bad = await app.request("GET", "/api/offerings?cursor=%%%", { token: b.token });
      assert.equal(bad.status, 400);
    });

    await t.step("PUT merges meta_info and validates the result", async () => {
      const created = await app.request("POST", "/api/offerings", {
        token,
        body: serviceBody({ name: "Fön" }),
      });
      const res = await app.request("PUT", `/api/offerings/${created.body.id}`, {
        token,
        body: { price: 275.5, meta_info: { cleanup_time: 10 } },
      });
      assert.equal(res.status, 200);
      assert.equal(res.body.price, 275.5);
      assert.equal(res.body.meta_info.cleanup_time, 10);
      assert.equal(res.body.meta_info.duration_minutes, 45);
      const bad = await app.request("PUT", `/api/offerings/${created.body.id}`, {
        token,
        body: { meta_info: { duration_minutes: "long" } },
      });
      assert.equal(bad.status, 400);
      const type = await app.request("PUT", `/api/offerings/${created.body.id}`, {
        token,
        body: { offering_type: "product" },
      });
      assert.equal(type.status, 400);
    });

    await t.step(
      "DELETE deactivates; hard delete removes only what nothing refers to",
      async () => {
        const a = await app.request("POST", "/api/offerings", { token, body: serviceBody() });
        const off = await app.request("DELETE", `/api/offerings/${a.body.id}`, { token });
        assert.equal(off.status, 200);
        assert.equal(off.body.is_active, false);
        const gone = await app.request("DELETE", `/api/offerings/${a.body.id}?hard=true`, {
          token,
        });
        assert.equal(gone.status, 204);
        assert.equal(
          (await app.request("GET", `/api/offerings/${a.body.id}`, { token })).status,
          404,
        );
        const used = await app.request("POST", "/api/offerings", { token, body: serviceBody() });
        await withTenant(
          app.db,
          biz.tenantId,
          (tx) =>
            tx`insert into appointments (tenant_id, offering_id, customer_name, customer_phone,
            scheduled_date, scheduled_time, starts_at, ends_at, blocked, confirmation_code)
          values (${biz.tenantId}, ${used.body.id}, 'Ali', '+905321234567', '2026-12-01', '10:00',
            '2026-12-01T07:00:00Z', '2026-12-01T07:45:00Z',
            tstzrange('2026-12-01T07:00:00Z', '2026-12-01T07:45:00Z'), 'XYZ234')`,
        );
        const refused = await app.request("DELETE", `/api/offerings/${used.body.id}?hard=true`, {
          token,
        });
        assert.equal(refused.status, 409);
        assert.equal(refused.body.error.code, "offering_in_use");
      },
    );

    await t.step("stock adjustments never go below zero and are recorded", async () => {
      const p = await app.request("POST", "/api/offerings", {
        token,
        body: productBody({ meta_info: { stock_quantity: 3 } }),
      });
      const down = await app.request("POST", `/api/offerings/${p.body.id}/stock`, {
        token,
        body: { delta: -2, reason: "damaged" },
      });
      assert.equal(down.body.meta_info.stock_quantity, 1);
      const tooMuch = await app.request("POST", `/api/offerings/${p.body.id}/stock`, {
        token,
        body: { delta: -2 },
      });
      assert.equal(tooMuch.status, 409);
      assert.equal(tooMuch.body.error.code, "insufficient_stock");
      const moves = await app.request("GET", `/api/offerings/${p.body.id}/stock`, { token });
      assert.deepEqual(moves.body.data.map((m: { delta: number }) => m.delta), [-2, 3]);
    });

    await t.step("lists are cached and every write invalidates the cache", async () => {
      const b = await signupBusiness(app);
      const first = await app.request("GET", "/api/offerings", { token: b.token });
      assert.equal(first.headers.get("x-cache"), "miss");
      const second = await app.request("GET", "/api/offerings", { token: b.token });
      assert.equal(second.headers.get("x-cache"), "hit");
      assert.deepEqual(second.body, first.body);
      const created = await app.request("POST", "/api/offerings", {
        token: b.token,
        body: productBody({ name: "Yeni Krem" }),
      });
      const third = await app.request("GET", "/api/offerings", { token: b.token });
      assert.equal(third.headers.get("x-cache"), "miss");
      assert.equal(third.body.data[0].id, created.body.id);
      await app.request("PUT", `/api/offerings/${created.body.id}`, {
        token: b.token,
        body: { price: 99 },
      });
      const fourth = await app.request("GET", "/api/offerings", { token: b.token });
      assert.equal(fourth.body.data[0].price, 99);
      await app.request("POST", `/api/offerings/${created.body.id}/stock`, {
        token: b.token,
        body: { delta: 5 },
      });
      const fifth = await app.request("GET", "/api/offerings", { token: b.token });
      assert.equal(fifth.body.data[0].meta_info.stock_quantity, 30);
    });

    await t.step("a widget key reads active offerings only and cannot write", async () => {
      const b = await signupBusiness(app);
      const active = await app.request("POST", "/api/offerings", {
        token: b.token,
        body: serviceBody(),
      });
      const hidden = await app.request("POST", "/api/offerings", {
        token: b.token,
        body: serviceBody({ name: "Gizli", is_active: false }),
      });
      const list = await app.request("GET", "/api/offerings?active=all", { key: b.publishableKey });
      assert.equal(list.status, 200);
      assert.deepEqual(list.body.data.map((o: { id: string }) => o.id), [active.body.id]);
      const one = await app.request("GET", `/api/offerings/${hidden.body.id}`, {
        key: b.publishableKey,
      });
      assert.equal(one.status, 404);
      const write = await app.request("POST", "/api/offerings", {
        key: b.publishableKey,
        body: serviceBody(),
      });
      assert.equal(write.status, 403);
    });
  } finally {
    await app.close();
  }
});
