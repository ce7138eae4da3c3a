import assert from "node:assert/strict";
import type { ToolCall } from "../../services/bot/model.ts";
import { held, ID, Simulator, slots } from "./_offline_sim.ts";

const PHONE = "+905551112233";

/** The tools as the database answers them for an appointment K7M2QX on Wednesday 10:00. */
function tools(taken: string[] = []) {
  return (call: ToolCall) => {
    switch (call.name) {
      case "find_appointment":
        return {
          result: {
            confirmation_code: "K7M2QX",
            service_id: ID.cut,
            service: "Saç Kesimi",
            customer_name: "Deniz Ak",
            date: "2026-11-25",
            time: "10:00:00",
            status: "confirmed",
            cancellation_hours: 24,
            cancellable_here: true,
          },
        };
      case "check_availability":
        return slots(
          String(call.args.date),
          ["10:00", "14:00", "16:00"].filter((x) => !taken.includes(x)),
        );
      case "hold_slot":
        return held(String(call.args.date), String(call.args.time));
      case "create_appointment":
        return {
          result: {
            confirmation_code: "N3W0NE",
            service: "Saç Kesimi",
            staff: "Ayşe Yılmaz",
            date: call.args.date,
            time: `${call.args.time}:00`,
          },
        };
      case "cancel_appointment":
        return {
          result: { service: "Saç Kesimi", date: "2026-11-25", time: "10:00:00" },
        };
    }
  };
}

Deno.test("offline reschedule: the new time is booked first, then the old appointment is cancelled", async () => {
  const sim = new Simulator();
  const asked = await sim.say("randevumu perşembeye alabilir miyiz");
  assert.match(asked.text, /onay kodunu/);
  assert.deepEqual(asked.calls, []);
  const found = await sim.say("K7M2QX 0555 111 22 33", tools());
  assert.deepEqual(found.calls.map((c) => c.name), ["find_appointment", "check_availability"]);
  assert.equal(found.calls[1]!.args.date, "2026-11-26");
  const summary = await sim.say("14 olsun", tools());
  assert.match(summary.text, /Deniz Ak/);
  assert.match(summary.text, /ardından K7M2QX kodlu 25 Kasım Çarşamba 10:00 randevunuzu iptal/);
  const done = await sim.say("olur", tools());
  assert.deepEqual(done.calls.map((c) => c.name), ["create_appointment", "cancel_appointment"]);
  assert.deepEqual(done.calls[1]!.args, { confirmation_code: "K7M2QX", phone: PHONE });
  assert.match(done.text, /Onay kodunuz: N3W0NE[\s\S]*Eski randevunuz \(K7M2QX/);
});

Deno.test("offline reschedule: a new hour alone keeps the day; a taken time cancels nothing", async () => {
  const sim = new Simulator();
  const taken = await sim.say(
    "randevumun saatini 16:00 yapalım, K7M2QX 0555 111 22 33",
    tools(["16:00"]),
  );
  assert.equal(taken.calls.find((c) => c.name === "check_availability")!.args.date, "2026-11-25");
  assert.ok(!taken.calls.some((c) => c.name === "cancel_appointment"));
  assert.match(taken.text, /14:00/);
  const kept = await sim.say("yok vazgeçtim eskisi kalsın", tools());
  assert.deepEqual(kept.calls, []);
  assert.match(kept.text, /K7M2QX kodlu randevunuz olduğu gibi duruyor/);
});

Deno.test("offline reschedule: 'aynı saat' keeps the old time on the new day", async () => {
  const sim = new Simulator();
  const found = await sim.say(
    "randevumu perşembeye alalım aynı saat, K7M2QX 0555 111 22 33",
    tools(),
  );
  assert.deepEqual(found.calls.at(-1)?.args, {
    service_id: ID.cut,
    date: "2026-11-26",
    time: "10:00",
  });
  assert.match(found.text, /Randevu özeti: Saç Kesimi, 26 Kasım Perşembe 10:00/);
});

Deno.test("offline reschedule: 'randevuyu yarına alalım' moves the booking this chat made", async () => {
  const sim = new Simulator();
  await sim.say("perşembe 14:00 saç kesimi", tools());
  await sim.say("Deniz Ak 0555 111 22 33");
  await sim.say("evet", tools());
  const moving = await sim.say("randevuyu cumaya alabilir miyiz, 16:00", tools());
  assert.equal(moving.calls[0]!.name, "find_appointment");
  assert.deepEqual(moving.calls[0]!.args, { confirmation_code: "N3W0NE", phone: PHONE });
});

Deno.test("offline reschedule: asking to cancel instead while the code is asked for cancels", async () => {
  const sim = new Simulator();
  await sim.say("randevumu değiştirmek istiyorum");
  const cancel = await sim.say("yok randevumu iptal etmek istiyorum", tools());
  const found = await sim.say("K7M2QX 0555 111 22 33", tools());
  assert.doesNotMatch(cancel.text, /yeni saatinizi/);
  assert.deepEqual(found.calls.map((c) => c.name), ["find_appointment"]);
  assert.match(found.text, /Bu randevuyu iptal etmemi onaylıyor musunuz/);
});

Deno.test("offline reschedule: 'move my haircut to thurs at 2' moves, it does not cancel", async () => {
  const sim = new Simulator({ locale: "en" });
  const found = await sim.say(
    "can u move my haircut to thurs at 2? K7M2QX 0555 111 22 33",
    tools(),
  );
  assert.deepEqual(found.calls.map((c) => c.name), [
    "find_appointment",
    "check_availability",
    "hold_slot",
  ]);
  assert.equal(found.calls[1]!.args.date, "2026-11-26");
  assert.doesNotMatch(found.text, /cancel it\?/);
});
