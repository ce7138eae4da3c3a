import assert from "node:assert/strict";
import { signupBusiness, startTestApp } from "../_support/app.ts";

Deno.test("tenant profile API", async (t) => {
  const app = await startTestApp();
  const biz = await signupBusiness(app);
  try {
    await t.step("GET returns the profile with default settings", async () => {
      const res = await app.request("GET", "/api/tenants/me", { token: biz.token });
      assert.equal(res.status, 200);
      assert.equal(res.body.timezone, "Europe/Istanbul");
      assert.deepEqual(res.body.settings.business_hours.mon, [{ open: "09:00", close: "19:00" }]);
      assert.deepEqual(res.body.settings.business_hours.sun, []);
      assert.equal(res.body.settings.booking.min_notice_minutes, 60);
    });

    await t.step("PUT updates the profile and merges settings", async () => {
      const res = await app.request("PUT", "/api/tenants/me", {
        token: biz.token,
        body: {
          business_name: "Işıl Güzellik",
          phone: "0216 555 12 34",
          address: { street: "Moda Cad. 42", district: "Kadıköy", city: "İstanbul" },
          closed_days: ["2026-12-31", "2026-10-29", "2026-12-31"],
          assistant: { persona: "Samimi ve kısa", policies: "24 saat önceden iptal" },
          business_hours: {
            mon: [{ open: "10:00", close: "20:00" }],
            tue: [],
            wed: [],
            thu: [],
            fri: [],
            sat: [{ open: "10:00", close: "14:00" }, { open: "15:00", close: "18:00" }],
            sun: [],
          },
          shipping: { flat_cost: 49.9, free_threshold: 750 },
        },
      });
      assert.equal(res.status, 200);
      assert.equal(res.body.business_name, "Işıl Güzellik");
      assert.equal(res.body.phone, "+902165551234");
      assert.equal(res.body.address.country, "TR");
      assert.deepEqual(res.body.settings.closed_days, ["2026-10-29", "2026-12-31"]);
      assert.equal(res.body.settings.assistant.persona, "Samimi ve kısa");
      assert.equal(res.body.settings.assistant.name, "Arma");
      assert.equal(res.body.settings.shipping.free_threshold, 750);
      const again = await app.request("PUT", "/api/tenants/me", {
        token: biz.token,
        body: { assistant: { name: "Işıl" } },
      });
      assert.equal(again.body.settings.assistant.persona, "Samimi ve kısa");
      assert.equal(again.body.settings.assistant.name, "Işıl");
      assert.equal(again.body.settings.business_hours.sat.length, 2);
    });

    await t.step("PUT refuses bad values", async () => {
      const bodies = [
        { timezone: "Europe/Nowhere" },
        { currency: "USD" },
        { locale: "de" },
        { phone: "call me" },
        { closed_days: ["2026-13-40"] },
        { business_hours: { mon: [{ open: "19:00", close: "09:00" }] } },
        { website_url: "not a url" },
        { unknown_field: 1 },
        { booking: { min_notice_minutes: -1 } },
      ];
      for (const body of bodies) {
        const res = await app.request("PUT", "/api/tenants/me", { token: biz.token, body });
        assert.equal(res.status, 400, JSON.stringify(body));
      }
    });
  } finally {
    await app.close();
  }
});
