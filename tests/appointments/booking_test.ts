import assert from "node:assert/strict";
import { withTenant } from "../../db/tenant.ts";
import {
  CODE_ALPHABET,
  createAppointment,
  holdSlot,
} from "../../services/appointments/appointments.ts";
import { runDueJobs } from "../../services/jobs/worker.ts";
import { startTestApp } from "../_support/app.ts";
import { nextWeekday, setupSalon } from "../_support/salon.ts";

Deno.test("appointments", async (t) => {
  const app = await startTestApp();
  const salon = await setupSalon(app);
  const token = salon.token;
  const tuesday = nextWeekday(2);
  const customer = { name: "Ali Veli", phone: "0532 123 45 67" };
  try {
    await t.step("availability lists slots in the tenant's zone with their staff", async () => {
      const res = await app.request(
        "GET",
        `/api/appointments/availability?service_id=${salon.services.cut}&date=${tuesday}`,
        { key: salon.publishableKey },
      );
      assert.equal(res.status, 200);
      assert.equal(res.body.timezone, "Europe/Istanbul");
      const first = res.body.slots[0];
      assert.equal(first.start, `${tuesday}T09:00:00+03:00`);
      assert.deepEqual(first.staff_ids.sort(), [salon.staff.ayse, salon.staff.mehmet].sort());
      const range = await app.request(
        "GET",
        `/api/appointments/availability?service_id=${salon.services.cut}&from=${tuesday}&to=${tuesday}&staff_id=${salon.staff.ayse}`,
        { token },
      );
      assert.ok(
        range.body.slots.every((s: { staff_ids: string[] }) =>
          s.staff_ids.length === 1 && s.staff_ids[0] === salon.staff.ayse
        ),
      );
    });

    await t.step(
      "a booking gets a code, a normalised phone and an SMS with a reminder",
      async () => {
        const res = await app.request("POST", "/api/appointments", {
          key: salon.publishableKey,
          body: { service_id: salon.services.cut, date: tuesday, time: "10:00", customer },
        });
        assert.equal(res.status, 201, res.text);
        assert.equal(res.body.customer_phone, "+905321234567");
        assert.equal(res.body.status, "confirmed");
        assert.equal(res.body.channel, "web");
        assert.equal(res.body.scheduled_time, "10:00");
        assert.equal(
          new Date(res.body.starts_at).toISOString(),
          new Date(`${tuesday}T10:00:00+03:00`).toISOString(),
        );
        assert.match(res.body.confirmation_code, new RegExp(`^[${CODE_ALPHABET}]{6}$`));
        const sms = await app.request("GET", "/api/sms", { token });
        const confirmation = sms.body.data.find((m: { appointment_id: string }) =>
          m.appointment_id === res.body.id
        );
        assert.equal(confirmation.template, "appointment_confirmation");
        assert.match(confirmation.body, new RegExp(res.body.confirmation_code));
        const jobs = await withTenant(
          app.db,
          salon.tenantId,
          (tx) =>
            tx`select kind, run_at from jobs where payload->>'appointment_id' = ${res.body.id}`,
        );
        const reminder = jobs.find((j) => j.kind === "appointment.reminder");
        assert.ok(reminder, "a reminder is scheduled");
        assert.equal(
          (reminder.run_at as Date).getTime(),
          new Date(res.body.starts_at).getTime() - 24 * 3600_000,
        );
      },
    );

    await t.step(
      "a booked staff member is busy for the padded time, the other still free",
      async () => {
        const res = await app.request(
          "GET",
          `/api/appointments/availability?service_id=${salon.services.cut}&date=${tuesday}`,
          { token },
        );
        const ten = res.body.slots.find((s: { time: string }) => s.time === "10:00");
        assert.equal(ten.staff_ids.length, 1, "one of the two is booked at 10:00");
      },
    );

    await t.step("a taken slot is 409 with the next free slots", async () => {
      const body = {
        service_id: salon.services.color,
        date: tuesday,
        time: "13:00",
        customer,
      };
      assert.equal((await app.request("POST", "/api/appointments", { token, body })).status, 201);
      const again = await app.request("POST", "/api/appointments", { token, body });
      assert.equal(again.status, 409);
      assert.equal(again.body.error.code, "slot_unavailable");
      const next = again.body.error.details.next_slots;
      assert.ok(next.length > 0);
      assert.ok(next.every((s: { start: string }) => s.start > `${tuesday}T13:00:00+03:00`));
    });

    await t.step("an idempotency key books once, also when requests race", async () => {
      const body = {
        service_id: salon.services.cut,
        date: tuesday,
        time: "15:00",
        customer,
        idempotency_key: `test-${crypto.randomUUID()}`,
      };
      const results = await Promise.all(
        [1, 2, 3].map(() => app.request("POST", "/api/appointments", { token, body })),
      );
      assert.ok(results.every((r) => r.status === 201), results.map((r) => r.text).join("\n"));
      assert.equal(new Set(results.map((r) => r.body.id)).size, 1);
      assert.equal(results.filter((r) => r.headers.get("idempotent-replayed")).length, 2);
      const reused = await app.request("POST", "/api/appointments", {
        token,
        body: { ...body, time: "16:00" },
      });
      assert.equal(reused.status, 409);
      assert.equal(reused.body.error.code, "idempotency_key_reused");
    });

    await t.step("phones in the usual Turkish spellings, and bad ones refused", async () => {
      for (const phone of ["5321234567", "+905321234567", "0 (532) 123 45 67"]) {
        const list = await app.request(
          "GET",
          `/api/appointments?phone=${encodeURIComponent(phone)}&from=${tuesday}&to=${tuesday}`,
          { token },
        );
        assert.ok(list.body.data.length >= 2, phone);
      }
      const bad = await app.request("POST", "/api/appointments", {
        token,
        body: {
          service_id: salon.services.cut,
          date: tuesday,
          time: "11:00",
          customer: { name: "X Y", phone: "0532 123" },
        },
      });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.code, "invalid_phone");
    });

    await t.step("status transitions are enforced", async () => {
      const created = await app.request("POST", "/api/appointments", {
        token,
        body: { service_id: salon.services.cut, date: tuesday, time: "12:00", customer },
      });
      const early = await app.request("PUT", `/api/appointments/${created.body.id}`, {
        token,
        body: { status: "completed" },
      });
      assert.equal(early.status, 409);
      assert.equal(early.body.error.code, "too_early");
      const cancel = await app.request("DELETE", `/api/appointments/${created.body.id}`, { token });
      assert.equal(cancel.status, 200);
      assert.equal(cancel.body.status, "cancelled");
      assert.equal(cancel.body.cancelled_by, "business");
      const back = await app.request("PUT", `/api/appointments/${created.body.id}`, {
        token,
        body: { status: "confirmed" },
      });
      assert.equal(back.status, 409);
      assert.equal(back.body.error.code, "invalid_transition");
    });

    await t.step("rescheduling moves the booking and frees the old time", async () => {
      const wednesday = nextWeekday(3);
      const created = await app.request("POST", "/api/appointments", {
        token,
        body: { service_id: salon.services.color, date: wednesday, time: "09:00", customer },
      });
      assert.equal(created.status, 201, created.text);
      const moved = await app.request("PUT", `/api/appointments/${created.body.id}`, {
        token,
        body: { date: wednesday, time: "15:30" },
      });
      assert.equal(moved.status, 200, moved.text);
      assert.equal(moved.body.scheduled_time, "15:30");
      const again = await app.request("POST", "/api/appointments", {
        token,
        body: { service_id: salon.services.color, date: wednesday, time: "09:00", customer },
      });
      assert.equal(again.status, 201, "09:00 is free again");
    });

    await t.step(
      "a customer cancels by code and phone, not inside the cancellation window",
      async () => {
        const created = await app.request("POST", "/api/appointments", {
          key: salon.publishableKey,
          body: { service_id: salon.services.cut, date: tuesday, time: "16:30", customer },
        });
        const wrong = await app.request("POST", "/api/appointments/cancel", {
          key: salon.publishableKey,
          body: { confirmation_code: created.body.confirmation_code, phone: "0555 000 00 00" },
        });
        assert.equal(wrong.status, 404);
        const ok = await app.request("POST", "/api/appointments/cancel", {
          key: salon.publishableKey,
          body: {
            confirmation_code: created.body.confirmation_code.toLowerCase(),
            phone: "5321234567",
          },
        });
        assert.equal(ok.status, 200, ok.text);
        assert.equal(ok.body.cancelled_by, "customer");
        const started = await withTenant(app.db, salon.tenantId, async (tx) => {
          const [row] = await tx`
          update appointments set starts_at = now() + interval '3 hours',
            ends_at = now() + interval '4 hours',
            blocked = tstzrange(now() + interval '3 hours', now() + interval '4 hours')
          where id = ${created.body.id} returning confirmation_code`;
          await tx`update appointments set status = 'confirmed', cancelled_at = null
          where id = ${created.body.id}`;
          return row!.confirmation_code as string;
        });
        const late = await app.request("POST", "/api/appointments/cancel", {
          key: salon.publishableKey,
          body: { confirmation_code: started, phone: customer.phone },
        });
        assert.equal(late.status, 409);
        assert.equal(late.body.error.code, "cancellation_window_passed");
        const business = await app.request("DELETE", `/api/appointments/${created.body.id}`, {
          token,
        });
        assert.equal(business.status, 200, "the business always may");
      },
    );

    await t.step("a hold keeps a slot for its holder only", async () => {
      const hold = await app.request("POST", "/api/appointments/holds", {
        key: salon.publishableKey,
        body: { service_id: salon.services.color, date: tuesday, time: "11:00", holder: "conv-1" },
      });
      assert.equal(hold.status, 201, hold.text);
      const others = await app.request("POST", "/api/appointments", {
        token,
        body: { service_id: salon.services.color, date: tuesday, time: "11:00", customer },
      });
      assert.equal(others.status, 409, "someone else cannot take the held slot");
      const mine = await app.request("POST", "/api/appointments", {
        key: salon.publishableKey,
        body: {
          service_id: salon.services.color,
          date: tuesday,
          time: "11:00",
          customer,
          hold_id: hold.body.id,
        },
      });
      assert.equal(mine.status, 201, mine.text);
    });

    await t.step(
      "a conversation's booking keeps the staff member its time was held with",
      async () => {
        const thursday = nextWeekday(4, 9);
        const booked = await withTenant(app.db, salon.tenantId, async (tx) => {
          const [conversation] = await tx<{ id: string }[]>`
          insert into conversations (tenant_id) values (${tx.tenantId}) returning id`;
          const held = await holdSlot(tx, {
            service_id: salon.services.cut,
            date: thursday,
            time: "15:00",
            holder: conversation!.id,
          });
          // Meanwhile the held staff member gets busier than the other one that day.
          await createAppointment(tx, {
            service_id: salon.services.cut,
            date: thursday,
            time: "09:00",
            staff_id: held.staff_id!,
            customer,
          }, { actor: "business" });
          const mine = await createAppointment(
            tx,
            { service_id: salon.services.cut, date: thursday, time: "15:00", customer },
            { actor: "customer", conversationId: conversation!.id },
          );
          return { held: held.staff_id, staff: mine.staff_id };
        });
        assert.equal(booked.staff, booked.held);
      },
    );

    await t.step("a hold lapses by itself", async () => {
      const hold = await app.request("POST", "/api/appointments/holds", {
        token,
        body: { service_id: salon.services.color, date: tuesday, time: "16:00", holder: "conv-2" },
      });
      await withTenant(
        app.db,
        salon.tenantId,
        (tx) =>
          tx`update slot_holds set expires_at = now() - interval '1 second' where id = ${hold.body.id}`,
      );
      const other = await app.request("POST", "/api/appointments", {
        token,
        body: { service_id: salon.services.color, date: tuesday, time: "16:00", customer },
      });
      assert.equal(other.status, 201);
    });

    await t.step("services without staff count against max_concurrent", async () => {
      const statuses = [];
      for (let i = 0; i < 4; i++) {
        const res = await app.request("POST", "/api/appointments", {
          token,
          body: { service_id: salon.services.group, date: tuesday, time: "14:00", customer },
        });
        statuses.push(res.status);
      }
      assert.deepEqual(statuses, [201, 201, 201, 409]);
    });

    await t.step("the job worker sends queued SMS through the outbox", async () => {
      const ran = await runDueJobs(app.db, app.deps.jobHandlers, { tenantId: salon.tenantId });
      assert.ok(ran > 0);
      const sms = await app.request("GET", "/api/sms", { token });
      assert.equal(sms.body.provider, "outbox");
      assert.ok(sms.body.data.every((m: { status: string }) => m.status === "outbox"));
    });

    await t.step("the reminder job sends a reminder for a booking still on", async () => {
      const booked = await app.request("POST", "/api/appointments", {
        token,
        body: { service_id: salon.services.cut, date: nextWeekday(5), time: "09:30", customer },
      });
      await withTenant(
        app.db,
        salon.tenantId,
        (tx) =>
          tx`update jobs set run_at = now() where kind = 'appointment.reminder'
          and payload->>'appointment_id' = ${booked.body.id}`,
      );
      await runDueJobs(app.db, app.deps.jobHandlers, { tenantId: salon.tenantId });
      const sms = await app.request("GET", "/api/sms", { token });
      const reminder = sms.body.data.find((m: { template: string; appointment_id: string }) =>
        m.template === "appointment_reminder" && m.appointment_id === booked.body.id
      );
      assert.ok(reminder, "a reminder SMS was written and sent");
      assert.match(reminder.body, /Hatırlatma/);
      assert.equal(reminder.status, "outbox");
    });

    await t.step("the staff calendar feed is iCalendar behind a secret address", async () => {
      const issued = await app.request("POST", `/api/staff/${salon.staff.ayse}/calendar`, {
        token,
      });
      assert.equal(issued.status, 201);
      const path = new URL(issued.body.url).pathname;
      const feed = await app.request("GET", path);
      assert.equal(feed.status, 200);
      assert.match(feed.headers.get("content-type") ?? "", /text\/calendar/);
      assert.match(feed.text, /^BEGIN:VCALENDAR\r\n/);
      assert.match(feed.text, /SUMMARY:Saç Boyama: Ali Veli/);
      assert.match(feed.text, /DTSTART:\d{8}T\d{6}Z/);
      assert.equal(
        (await app.request("GET", "/calendar/not-the-right-token-at-all.ics")).status,
        404,
      );
      await app.request("POST", `/api/staff/${salon.staff.ayse}/calendar`, { token });
      assert.equal((await app.request("GET", path)).status, 404, "a new address ends the old");
    });
  } finally {
    await app.close();
  }
});
