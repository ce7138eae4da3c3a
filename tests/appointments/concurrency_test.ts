import assert from "node:assert/strict";
import { withTenant } from "../../db/tenant.ts";
import { signupBusiness, startTestApp } from "../_support/app.ts";
import { nextWeekday } from "../_support/salon.ts";

Deno.test("50 concurrent bookings of the last free slot: exactly its capacity succeeds", async () => {
  const app = await startTestApp();
  try {
    const b = await signupBusiness(app);
    const req = async (method: string, path: string, body?: unknown) =>
      (await app.request(method, path, { token: b.token, body })).body;
    const day = nextWeekday(3);
    // Three hairdressers; on the chosen day only 10:00–10:30 is left, and the service runs at most
    // two at a time: the capacity of that last slot is 2.
    const staff = [];
    for (const name of ["A", "B", "C"]) {
      staff.push(
        await req("POST", "/api/staff", {
          name,
          working_hours: [{ weekday: 3, start: "10:00", end: "10:30" }, {
            weekday: 4,
            start: "09:00",
            end: "18:00",
          }],
        }),
      );
    }
    const service = await req("POST", "/api/offerings", {
      offering_type: "service",
      name: "Fön",
      price: 250,
      meta_info: { duration_minutes: 30, max_concurrent: 2, staff_ids: staff.map((s) => s.id) },
    });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        app.request("POST", "/api/appointments", {
          key: b.publishableKey,
          body: {
            service_id: service.id,
            date: day,
            time: "10:00",
            customer: { name: `Müşteri ${i}`, phone: `0532 000 ${String(i).padStart(4, "0")}` },
          },
        })),
    );
    const won = results.filter((r) => r.status === 201);
    const lost = results.filter((r) => r.status !== 201);
    assert.equal(won.length, 2, results.filter((r) => r.status >= 500).map((r) => r.text).join());
    assert.ok(lost.every((r) => r.status === 409 && r.body.error.code === "slot_unavailable"));
    for (const r of lost) {
      const next = r.body.error.details.next_slots;
      assert.ok(next.length > 0, "every refusal offers the next free slots");
      assert.ok(next[0].start > `${day}T10:00:00+03:00`);
    }
    assert.notEqual(won[0]!.body.staff_id, won[1]!.body.staff_id);
    const [count] = await withTenant(
      app.db,
      b.tenantId,
      (tx) =>
        tx`select count(*)::int as n from appointments where offering_id = ${service.id}
        and status <> 'cancelled'`,
    );
    assert.equal(count!.n, 2);
  } finally {
    await app.close();
  }
});

Deno.test("the database refuses an overlapping booking of one staff member", async () => {
  const app = await startTestApp();
  try {
    const b = await signupBusiness(app);
    const staff = await app.request("POST", "/api/staff", { token: b.token, body: { name: "A" } });
    const svc = await app.request("POST", "/api/offerings", {
      token: b.token,
      body: { offering_type: "service", name: "X", price: 1, meta_info: { duration_minutes: 30 } },
    });
    const insert = (start: string, end: string) =>
      withTenant(
        app.db,
        b.tenantId,
        (tx) =>
          tx`insert into appointments (tenant_id, offering_id, staff_id, customer_name,
            customer_phone, scheduled_date, scheduled_time, starts_at, ends_at, blocked,
            confirmation_code)
          values (${b.tenantId}, ${svc.body.id}, ${staff.body.id}, 'X', '+905320000000',
            '2030-01-01', '10:00', ${start}, ${end}, tstzrange(${start}, ${end}),
            ${crypto.randomUUID().slice(0, 6).toUpperCase()})`,
      );
    await insert("2030-01-01T07:00:00Z", "2030-01-01T07:30:00Z");
    await assert.rejects(
      () => insert("2030-01-01T07:15:00Z", "2030-01-01T07:45:00Z"),
      (err: { code?: string }) => err.code === "23P01",
    );
    await insert("2030-01-01T07:30:00Z", "2030-01-01T08:00:00Z");
  } finally {
    await app.close();
  }
});
