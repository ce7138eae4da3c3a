import assert from "node:assert/strict";
import { signupBusiness, startTestApp } from "../_support/app.ts";
import { writeDemoKey } from "../../lib/demo_key.ts";

Deno.test("/widget.js is served to any site, gzipped, with an ETag", async () => {
  const t = await startTestApp();
  try {
    const res = await t.request("GET", "/widget.js", {
      headers: { Origin: "https://salon.example", "Accept-Encoding": "gzip, br" },
    });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers.get("content-type"), "text/javascript; charset=utf-8");
    assert.equal(res.headers.get("access-control-allow-origin"), "*");
    assert.equal(res.headers.get("content-encoding"), "gzip");
    assert.match(res.headers.get("cache-control") ?? "", /public, max-age=\d+/);
    assert.equal(res.headers.get("content-security-policy"), null, "a script, not a page");
    const plain = await t.request("GET", "/widget.js");
    assert.equal(plain.headers.get("content-encoding"), null);
    assert.match(plain.text, /^\(\(\)=>\{/);
    const etag = plain.headers.get("etag")!;
    const again = await t.request("GET", "/widget.js", { headers: { "If-None-Match": etag } });
    assert.equal(again.status, 304);
  } finally {
    await t.close();
  }
});

Deno.test("/demo embeds the widget with the demo key, or the key asked for", async () => {
  const t = await startTestApp();
  try {
    const none = await t.request("GET", "/demo");
    assert.equal(none.status, 200);
    assert.match(none.text, /<html lang="tr">/);
    assert.doesNotMatch(none.text, /<script/, "no key, no widget");
    assert.match(none.text, /DEMO_SEED=true/);

    const business = await signupBusiness(t, "Işıl Güzellik Salonu");
    await writeDemoKey(t.deps.config.dataDir, business.tenantId, business.publishableKey);
    const demo = await t.request("GET", "/demo");
    assert.ok(
      demo.text.includes(
        `<script src="/widget.js" data-key="${business.publishableKey}" async></script>`,
      ),
      demo.text,
    );
    assert.match(demo.headers.get("content-security-policy") ?? "", /script-src 'self'/);

    const asked = await t.request("GET", "/demo?key=pk_abcdefghijklmnop");
    assert.match(asked.text, /data-key="pk_abcdefghijklmnop"/);
    const bad = await t.request("GET", `/demo?key=${encodeURIComponent('"><script>x</script>')}`);
    assert.doesNotMatch(bad.text, /<script>x/);
    assert.match(bad.text, new RegExp(`data-key="${business.publishableKey}"`));
  } finally {
    await t.close();
  }
});

Deno.test("the widget's opening data follows the business's settings and services", async () => {
  const t = await startTestApp();
  try {
    const business = await signupBusiness(t, "Işıl Güzellik Salonu");
    const key = { "X-Widget-Key": business.publishableKey };
    const first = await t.request("GET", "/api/widget/config", { headers: key });
    assert.equal(first.status, 200, first.text);
    assert.equal(first.body.business_name, "Işıl Güzellik Salonu");
    assert.deepEqual(first.body.services, []);
    assert.equal(first.body.online_payment, false);

    const updated = await t.request("PUT", "/api/tenants/me", {
      token: business.token,
      body: { assistant: { greeting_tr: "Hoş geldiniz!" } },
    });
    assert.equal(updated.status, 200, updated.text);
    const created = await t.request("POST", "/api/offerings", {
      token: business.token,
      body: {
        offering_type: "service",
        name: "Manikür",
        price: 300,
        meta_info: { duration_minutes: 30 },
      },
    });
    assert.equal(created.status, 201, created.text);
    const after = await t.request("GET", "/api/widget/config", { headers: key });
    assert.equal(after.body.greeting.tr, "Hoş geldiniz!");
    assert.deepEqual(after.body.services, [{ id: created.body.id, name: "Manikür" }]);
  } finally {
    await t.close();
  }
});
