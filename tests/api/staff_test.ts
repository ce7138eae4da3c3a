import assert from "node:assert/strict";
import { serviceBody, signupBusiness, startTestApp } from "../_support/app.ts";

Deno.test("staff API", async (t) => {
  const app = await startTestApp();
  const biz = await signupBusiness(app);
  const token = biz.token;
  try {
    const cut = await app.request("POST", "/api/offerings", { token, body: serviceBody() });
    const color = await app.request("POST", "/api/offerings", {
      token,
      body: serviceBody({ name: "Saç Boyama" }),
    });

    await t.step("a staff member is created with hours and services", async () => {
      const res = await app.request("POST", "/api/staff", {
        token,
        body: {
          name: "Ayşe Yılmaz",
          title: "Kuaför",
          phone: "0532 123 45 67",
          working_hours: [
            { weekday: 1, start: "09:00", end: "12:00" },
            { weekday: 1, start: "13:00", end: "18:00" },
            { weekday: 6, start: "10:00", end: "16:00" },
          ],
          service_ids: [cut.body.id],
        },
      });
      assert.equal(res.status, 201);
      assert.equal(res.body.phone, "+905321234567");
      assert.equal(res.body.working_hours.length, 3);
      assert.deepEqual(res.body.service_ids, [cut.body.id]);
      const svc = await app.request("GET", `/api/offerings/${cut.body.id}`, { token });
      assert.deepEqual(svc.body.meta_info.staff_ids, [res.body.id]);
    });

    await t.step("changing service_ids moves the staff member between services", async () => {
      const staff = await app.request("POST", "/api/staff", {
        token,
        body: { name: "Mehmet", service_ids: [cut.body.id] },
      });
      const moved = await app.request("PUT", `/api/staff/${staff.body.id}`, {
        token,
        body: { service_ids: [color.body.id] },
      });
      assert.equal(moved.status, 200);
      assert.deepEqual(moved.body.service_ids, [color.body.id]);
      const cutNow = await app.request("GET", `/api/offerings/${cut.body.id}`, { token });
      assert.equal(cutNow.body.meta_info.staff_ids.includes(staff.body.id), false);
      const colorNow = await app.request("GET", `/api/offerings/${color.body.id}`, { token });
      assert.deepEqual(colorNow.body.meta_info.staff_ids, [staff.body.id]);
    });

    await t.step(
      "overlapping or inverted hours, bad phones and unknown services are refused",
      async () => {
        const bodies = [
          {
            name: "X",
            working_hours: [
              { weekday: 2, start: "09:00", end: "13:00" },
              { weekday: 2, start: "12:00", end: "15:00" },
            ],
          },
          { name: "X", working_hours: [{ weekday: 2, start: "18:00", end: "09:00" }] },
          { name: "X", working_hours: [{ weekday: 8, start: "09:00", end: "10:00" }] },
          { name: "X", working_hours: [{ weekday: 1, start: "9am", end: "10:00" }] },
          { name: "X", phone: "12" },
          { name: "X", service_ids: [crypto.randomUUID()] },
          { name: "" },
        ];
        for (const body of bodies) {
          const res = await app.request("POST", "/api/staff", { token, body });
          assert.equal(res.status, 400, JSON.stringify(body));
        }
      },
    );

    await t.step("time off is recorded and listed", async () => {
      const staff = await app.request("POST", "/api/staff", { token, body: { name: "Zeynep" } });
      const off = await app.request("POST", `/api/staff/${staff.body.id}/time_off`, {
        token,
        body: {
          starts_at: "2030-07-01T00:00:00+03:00",
          ends_at: "2030-07-15T00:00:00+03:00",
          reason: "Yıllık izin",
        },
      });
      assert.equal(off.status, 201);
      const list = await app.request("GET", `/api/staff/${staff.body.id}/time_off`, { token });
      assert.equal(list.body.data.length, 1);
      const inverted = await app.request("POST", `/api/staff/${staff.body.id}/time_off`, {
        token,
        body: { starts_at: "2030-07-15T00:00:00+03:00", ends_at: "2030-07-01T00:00:00+03:00" },
      });
      assert.equal(inverted.status, 400);
      const del = await app.request(
        "DELETE",
        `/api/staff/${staff.body.id}/time_off/${off.body.id}`,
        { token },
      );
      assert.equal(del.status, 204);
      const after = await app.request("GET", `/api/staff/${staff.body.id}/time_off`, { token });
      assert.equal(after.body.data.length, 0);
    });

    await t.step("DELETE deactivates; hard delete removes and unlinks services", async () => {
      const staff = await app.request("POST", "/api/staff", {
        token,
        body: { name: "Geçici", service_ids: [cut.body.id] },
      });
      const off = await app.request("DELETE", `/api/staff/${staff.body.id}`, { token });
      assert.equal(off.body.is_active, false);
      const gone = await app.request("DELETE", `/api/staff/${staff.body.id}?hard=true`, { token });
      assert.equal(gone.status, 204);
      const svc = await app.request("GET", `/api/offerings/${cut.body.id}`, { token });
      assert.equal(svc.body.meta_info.staff_ids.includes(staff.body.id), false);
    });
  } finally {
    await app.close();
  }
});
