import assert from "node:assert/strict";
import type { Endpoint } from "../../lib/api.ts";
import type { Method } from "../../lib/router.ts";
import { manifest } from "../../lib/routes_gen.ts";
import {
  type Business,
  productBody,
  serviceBody,
  signupBusiness,
  startTestApp,
  type TestApp,
} from "../_support/app.ts";
import { nextWeekday } from "../_support/salon.ts";

// A's resources, by the route parameter names each route family uses.
type Ids = Record<string, Record<string, string>>;

async function createTenantA(app: TestApp, a: Business): Promise<Ids> {
  const req = (method: string, path: string, body?: unknown) =>
    app.request(method, path, { token: a.token, body });
  const offering = await req("POST", "/api/offerings", productBody());
  const staff = await req("POST", "/api/staff", { name: "Ayşe" });
  const off = await req("POST", `/api/staff/${staff.body.id}/time_off`, {
    starts_at: "2031-01-01T09:00:00+03:00",
    ends_at: "2031-01-02T09:00:00+03:00",
  });
  const key = await req("POST", "/api/keys", { kind: "secret", name: "A's server" });
  const invite = await req("POST", "/api/team/invitations", { email: "someone@example.com" });
  const service = await req("POST", "/api/offerings", {
    offering_type: "service",
    name: "Fön",
    price: 250,
    meta_info: { duration_minutes: 30 },
  });
  await req("PUT", `/api/staff/${staff.body.id}`, {
    working_hours: [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: "09:00", end: "18:00" })),
  });
  const day = nextWeekday(2);
  const appointment = await req("POST", "/api/appointments", {
    service_id: service.body.id,
    date: day,
    time: "10:00",
    customer: { name: "Ali Veli", phone: "05321234567" },
  });
  const hold = await req("POST", "/api/appointments/holds", {
    service_id: service.body.id,
    date: day,
    time: "11:00",
    holder: "a-conversation",
  });
  const order = await req("POST", "/api/orders", {
    items: [{ product_id: offering.body.id, quantity: 21 }],
    customer: { name: "Ali Veli", phone: "05321234567" },
    payment_method: "cash",
    delivery: "pickup",
  });
  const notes = await req("GET", "/api/notifications");
  const knowledge = await req("POST", "/api/knowledge", { title: "Otopark", content: "Arkada." });
  const websiteImport = await req("POST", "/api/scrape", { url: "https://8.8.8.8/" });
  const chat = await app.request("POST", "/api/chat/message", {
    key: a.publishableKey,
    body: { message: "Merhaba" },
  });
  return {
    "/api/chat/history": { id: chat.body.conversation_id },
    "/api/chat/conversations": { id: chat.body.conversation_id },
    "/api/knowledge": { id: knowledge.body.data[0].id },
    "/api/scrape": { id: websiteImport.body.id },
    "/api/appointments/holds": { id: hold.body.id },
    "/api/appointments": { id: appointment.body.id },
    "/api/orders": { id: order.body.id },
    "/api/notifications": { id: notes.body.data[0].id },
    "/api/offerings": { id: offering.body.id },
    "/api/staff": { id: staff.body.id, entry: off.body.id },
    "/api/keys": { id: key.body.api_key.id },
    "/api/team/invitations": { id: invite.body.invitation.id },
    "/api/team": { id: a.userId },
    "/api/customers": { phone: "+905321234567" },
  };
}

// A valid body per route and method, so the request reaches the tenant check.
const BODIES: Record<string, unknown> = {
  "PUT /api/offerings/:id": { price: 1, name: "Hijacked" },
  "POST /api/offerings/:id/stock": { delta: -1 },
  "PUT /api/staff/:id": { name: "Hijacked" },
  "POST /api/staff/:id/time_off": {
    starts_at: "2032-01-01T09:00:00+03:00",
    ends_at: "2032-01-02T09:00:00+03:00",
  },
  "PUT /api/keys/:id": { name: "Hijacked" },
  "PUT /api/team/:id": { role: "staff" },
  "PUT /api/appointments/:id": { notes: "Hijacked" },
  "PUT /api/orders/:id/status": { status: "cancelled" },
  "POST /api/orders/:id/payment": { action: "record", method: "cash" },
  "POST /api/chat/conversations/:id/messages": { text: "Hijacked" },
};

function idsFor(pattern: string, ids: Ids): Record<string, string> {
  const family = Object.keys(ids).filter((p) => pattern.startsWith(p + "/"))
    .sort((a, b) => b.length - a.length)[0];
  if (!family) throw new Error(`No tenant A resource for ${pattern}: add it to this test`);
  return ids[family]!;
}

Deno.test("tenant B's tokens and keys cannot read, change or delete tenant A's rows", async () => {
  const app = await startTestApp();
  try {
    const a = await signupBusiness(app, "A");
    const b = await signupBusiness(app, "B");
    const ids = await createTenantA(app, a);
    const bSecret = await app.request("POST", "/api/keys", {
      token: b.token,
      body: { kind: "secret", name: "B server" },
    });
    const credentials = {
      "B's access token": { Authorization: `Bearer ${b.token}` },
      "B's secret key": { Authorization: `Bearer ${bSecret.body.key}` },
      "B's publishable key": { "X-Widget-Key": b.publishableKey },
    };
    const snapshot = async () =>
      JSON.stringify([
        (await app.request("GET", "/api/offerings", { token: a.token })).body,
        (await app.request("GET", "/api/staff", { token: a.token })).body,
        (await app.request("GET", "/api/keys", { token: a.token })).body,
        (await app.request("GET", "/api/team", { token: a.token })).body,
        (await app.request("GET", "/api/appointments", { token: a.token })).body,
        (await app.request("GET", "/api/orders", { token: a.token })).body,
        (await app.request("GET", "/api/notifications", { token: a.token })).body,
        (await app.request("GET", "/api/knowledge", { token: a.token })).body,
        (await app.request("GET", "/api/customers", { token: a.token })).body,
        (await app.request("GET", "/api/chat/conversations", { token: a.token })).body.data
          .map((c: { id: string; status: string }) => [c.id, c.status]),
      ]);
    const before = await snapshot();
    const aIds = Object.values(ids).flatMap((r) => Object.values(r));
    let checked = 0;
    for (const route of manifest.routes) {
      const handler = route.module.handler;
      if (!handler || typeof handler === "function") continue;
      for (const [method, fn] of Object.entries(handler) as [Method, Endpoint][]) {
        const spec = fn.spec;
        if (!spec || spec.access === "public") continue;
        for (const [who, headers] of Object.entries(credentials)) {
          if (route.pattern.includes(":")) {
            const params = idsFor(route.pattern, ids);
            const path = route.pattern.replace(/:(\w+)/g, (_, name) => params[name]!);
            const body = BODIES[`${method} ${route.pattern}`];
            if (spec.body && body === undefined) {
              throw new Error(`No valid body for ${method} ${route.pattern}: add it to BODIES`);
            }
            const res = await app.request(method, path, { headers, body });
            const what = `${who}: ${method} ${path}`;
            const expected: number = who.includes("publishable") && spec.access !== "widget"
              ? 403
              : 404;
            assert.equal(res.status, expected, `${what}: ${res.text.slice(0, 200)}`);
          } else if (method === "GET") {
            const res = await app.request(method, route.pattern, { headers });
            for (const id of aIds) {
              assert.equal(
                res.text.includes(id),
                false,
                `${who}: GET ${route.pattern} shows ${id}`,
              );
            }
          }
          checked++;
        }
      }
    }
    assert.ok(checked >= 40, `only ${checked} checks`);
    assert.equal(await snapshot(), before, "A's data changed");
    const stillA = await app.request("GET", `/api/offerings/${ids["/api/offerings"]!.id}`, {
      token: a.token,
    });
    assert.equal(stillA.body.name, "Nemlendirici Krem");
    const svc = await app.request("POST", "/api/offerings", {
      token: b.token,
      body: serviceBody({
        meta_info: { duration_minutes: 30, staff_ids: [ids["/api/staff"]!.id] },
      }),
    });
    assert.equal(svc.status, 400, "B cannot attach A's staff member to a service");
    const bStaff = await app.request("POST", "/api/staff", {
      token: b.token,
      body: { name: "x", service_ids: [ids["/api/offerings"]!.id] },
    });
    assert.equal(bStaff.status, 400, "B cannot attach A's offering to a staff member");
    const conversationA = ids["/api/chat/history"]!.id;
    for (
      const [path, body] of [
        ["/api/chat/handover", { conversation_id: conversationA }],
        ["/api/chat/message", { conversation_id: conversationA, message: "selam" }],
      ] as const
    ) {
      for (const [who, headers] of Object.entries(credentials)) {
        const res = await app.request("POST", path, { headers, body });
        assert.equal(res.status, 404, `${who}: POST ${path} ${res.text}`);
      }
    }
  } finally {
    await app.close();
  }
});
