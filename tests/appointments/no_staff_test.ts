import assert from "node:assert/strict";
import { signupBusiness, startTestApp } from "../_support/app.ts";
import { nextWeekday } from "../_support/salon.ts";

Deno.test("a business without staff members books against its own hours, one at a time, until it lists staff", async () => {
  const app = await startTestApp();
  try {
    const biz = await signupBusiness(app, "Gülüş Diş Kliniği");
    const created = await app.request("POST", "/api/offerings", {
      token: biz.token,
      body: {
        name: "Diş Taşı Temizliği",
        offering_type: "service",
        price: 1200,
        meta_info: { duration_minutes: 30 },
      },
    });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.meta_info.staff_required, true, "the schema's default stays");
    const service = created.body.id;
    const tuesday = nextWeekday(2);
    const slots = async () =>
      (await app.request(
        "GET",
        `/api/appointments/availability?service_id=${service}&date=${tuesday}`,
        { key: biz.publishableKey },
      )).body.slots as { start: string; staff_ids: string[] }[];

    const open = await slots();
    assert.equal(open[0]?.start, `${tuesday}T09:00:00+03:00`, "the business's own hours");
    assert.deepEqual(open[0]?.staff_ids, []);
    const customer = { name: "Ali Kaya", phone: "0532 111 22 33" };
    const booked = await app.request("POST", "/api/appointments", {
      key: biz.publishableKey,
      body: { service_id: service, date: tuesday, time: "10:00", customer },
    });
    assert.equal(booked.status, 201, booked.text);
    assert.equal(booked.body.staff_id, null);
    const again = await app.request("POST", "/api/appointments", {
      key: biz.publishableKey,
      body: { service_id: service, date: tuesday, time: "10:00", customer },
    });
    assert.equal(again.status, 409, "max_concurrent 1: the same time is taken");
    assert.ok(!(await slots()).some((s) => s.start === `${tuesday}T10:00:00+03:00`));

    // Once the business lists a staff member, the service needs one, and only their hours count.
    const staff = await app.request("POST", "/api/staff", {
      token: biz.token,
      body: {
        name: "Dt. Selin Ak",
        working_hours: [{ weekday: 2, start: "13:00", end: "17:00" }],
      },
    });
    assert.equal(staff.status, 201, staff.text);
    const withStaff = await slots();
    assert.equal(withStaff[0]?.start, `${tuesday}T13:00:00+03:00`);
    assert.ok(withStaff.every((s) => s.staff_ids.includes(staff.body.id)));
  } finally {
    await app.close();
  }
});
