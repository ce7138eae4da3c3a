import assert from "node:assert/strict";
import { withTenant } from "../../db/tenant.ts";
import { runDueJobs } from "../../services/jobs/worker.ts";
import { startTestApp } from "../_support/app.ts";
import { nextWeekday } from "../_support/salon.ts";
import { PageClient, signupThroughForm, textOf } from "./support.ts";

/** Invites a staff user through the team form and signs them in. */
async function staffOf(app: Parameters<typeof signupThroughForm>[0], owner: PageClient) {
  const invited = await owner.post("/dashboard/settings/team", {
    _action: "invite",
    email: `staff-${crypto.randomUUID()}@example.com`,
    role: "staff",
  });
  const link = /data-testid="invite-link">([^<]+)</.exec(invited.html)![1]!;
  const token = new URL(link.replaceAll("&amp;", "&")).searchParams.get("token")!;
  const staff = new PageClient(app);
  await staff.post("/join", { token, name: "Mehmet", password: "long enough pw" });
  return staff;
}

/** The tenant id of a signed-in page client. */
async function tenantOf(app: Parameters<typeof signupThroughForm>[0], client: PageClient) {
  const me = await app.request("GET", "/api/tenants/me", {
    headers: { Cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
  });
  return me.body.id as string;
}

Deno.test("customers page: list, search, detail, erasure with confirmation, owners only", async () => {
  const app = await startTestApp();
  try {
    const { client: owner } = await signupThroughForm(app);
    const tenantId = await tenantOf(app, owner);
    const service = await withTenant(app.db, tenantId, async (tx) => {
      const [row] = await tx<{ id: string }[]>`
        insert into offerings (tenant_id, name, offering_type, price, meta_info)
        values (${tenantId}, 'Fön', 'service', 250, ${tx.json({ duration_minutes: 30 })})
        returning id`;
      return row!.id;
    });
    const date = nextWeekday(3);
    for (
      const [name, phone, time] of [["Gül Öztürk", "05321112233", "10:00"], [
        "Can Ak",
        "05329998877",
        "14:00",
      ]]
    ) {
      await withTenant(
        app.db,
        tenantId,
        (tx) =>
          tx`insert into appointments (tenant_id, offering_id, customer_name, customer_phone,
            scheduled_date, scheduled_time, starts_at, ends_at, blocked, confirmation_code)
          values (${tenantId}, ${service}, ${name}, ${"+90" + phone!.slice(1)}, ${date}, ${time},
            ${`${date}T${time}:00+03:00`}, ${`${date}T${time}:30+03:00`},
            ${`[${date}T${time}:00+03:00,${date}T${time}:30+03:00)`},
            ${name === "Can Ak" ? "CANAK2" : "GULOZ2"})`,
      );
    }
    const list = await owner.get("/dashboard/customers");
    assert.equal(list.status, 200);
    assert.match(textOf(list.html), /Gül Öztürk \+90 532 111 22 33/);
    assert.match(textOf(list.html), /Can Ak/);
    const found = await owner.get(`/dashboard/customers?q=${encodeURIComponent("GÜL")}`);
    assert.match(textOf(found.html), /Gül Öztürk/);
    assert.doesNotMatch(textOf(found.html), /Can Ak/);

    const path = `/dashboard/customers/${encodeURIComponent("+905321112233")}`;
    const detail = await owner.get(path);
    assert.equal(detail.status, 200);
    assert.match(textOf(detail.html), /Fön/);
    assert.match(detail.html, /href="\/api\/customers\/%2B905321112233"/);
    assert.equal((await owner.get("/dashboard/customers/0500")).status, 404);
    assert.equal((await owner.get("/dashboard/customers/05550001122")).status, 404);

    const staff = await staffOf(app, owner);
    const seen = await staff.get(path);
    assert.equal(seen.status, 200);
    assert.doesNotMatch(seen.html, /name="confirm"/, "staff get no erase form");
    assert.equal((await staff.post(path, { confirm: "on" })).status, 403);

    const unconfirmed = await owner.post(path, {});
    assert.equal(unconfirmed.status, 422);
    assert.match(textOf(unconfirmed.html), /Silmek için onay kutusunu işaretleyin/);
    const erased = await owner.post(path, { confirm: "on" }, { follow: true });
    assert.equal(erased.status, 200);
    assert.match(textOf(erased.html), /Müşterinin kişisel verileri silindi/);
    assert.doesNotMatch(textOf(erased.html), /Gül Öztürk/);
    assert.match(textOf(erased.html), /Can Ak/, "the other customer stays");
    assert.equal((await owner.get(path)).status, 404);
  } finally {
    await app.close();
  }
});

Deno.test("website and knowledge page: import with progress, errors at the field, notes", async () => {
  const site = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, (req) => {
    const path = new URL(req.url).pathname;
    const body = path === "/"
      ? `<html><head><title>Ana sayfa</title></head><body><p>Vale hizmetimiz var.</p>
         <a href="/iletisim">İletişim</a></body></html>`
      : path === "/iletisim"
      ? `<html><head><title>İletişim</title></head><body><p>Bize yazın.</p></body></html>`
      : null;
    return body
      ? new Response(body, { headers: { "Content-Type": "text/html; charset=utf-8" } })
      : new Response("yok", { status: 404 });
  });
  const open = await startTestApp();
  const app = await startTestApp({ env: { SCRAPE_ALLOW_PRIVATE: "true" } });
  try {
    const { client: guarded } = await signupThroughForm(open);
    const refused = await guarded.post("/dashboard/knowledge", {
      _action: "import",
      url: "http://127.0.0.1:9/",
      limit: "5",
    });
    assert.equal(refused.status, 422);
    assert.match(textOf(refused.html), /Bu adres özel bir ağı gösteriyor/);
    assert.match(refused.html, /name="url"[^>]*aria-invalid="true"/, "the error is at the field");
    const noUrl = await guarded.post("/dashboard/knowledge", { _action: "import", limit: "5" });
    assert.equal(noUrl.status, 422);
    assert.match(textOf(noUrl.html), /Bir adres girin/);

    const { client: owner } = await signupThroughForm(app);
    const origin = `http://127.0.0.1:${site.addr.port}/`;
    const started = await owner.post("/dashboard/knowledge", {
      _action: "import",
      url: origin,
      limit: "5",
    }, { follow: true });
    assert.equal(started.status, 200);
    assert.match(textOf(started.html), /Web sitesi içe aktarılıyor/);
    assert.match(started.html, /<progress[^>]*>/);
    const again = await owner.post("/dashboard/knowledge", {
      _action: "import",
      url: origin,
      limit: "5",
    });
    assert.equal(again.status, 422, "one import at a time");
    assert.match(textOf(again.html), /Bir içe aktarma zaten sürüyor/);
    await runDueJobs(app.db, app.deps.jobHandlers, { tenantId: await tenantOf(app, owner) });
    const done = await owner.get("/dashboard/knowledge");
    assert.match(textOf(done.html), /Tamamlandı/);
    assert.match(textOf(done.html), /2 \/ 2 sayfa/);
    assert.match(textOf(done.html), /Vale hizmetimiz var/);

    const empty = await owner.post("/dashboard/knowledge", {
      _action: "note",
      title: "",
      content: "",
    });
    assert.equal(empty.status, 422);
    const noted = await owner.post("/dashboard/knowledge", {
      _action: "note",
      title: "Otopark",
      content: "Arka sokakta ücretsiz otopark var.",
    }, { follow: true });
    assert.match(textOf(noted.html), /Arka sokakta ücretsiz otopark var/);
    const id = /name="id" value="([0-9a-f-]{36})"/.exec(noted.html)![1]!;
    const removed = await owner.post("/dashboard/knowledge", { _action: "delete", id }, {
      follow: true,
    });
    assert.match(textOf(removed.html), /Kaldırıldı/);
    const staff = await staffOf(app, owner);
    const page = await staff.get("/dashboard/knowledge");
    assert.match(textOf(page.html), /Bu bölümü yalnızca işletme sahibi değiştirebilir/);
    const blocked = await staff.post("/dashboard/knowledge", {
      _action: "note",
      title: "X",
      content: "Y",
    });
    assert.equal(blocked.status, 403);
  } finally {
    await app.close();
    await open.close();
    await site.shutdown();
  }
});
