import assert from "node:assert/strict";
import type { ToolCall } from "../../services/bot/model.ts";
import { Simulator } from "./_offline_sim.ts";

const BOOKED_PHONE = "+905551112233";

/** find_appointment as the database answers it: only the right code and phone match. */
function lookUp(call: ToolCall, cancellable = true) {
  assert.equal(call.name, "find_appointment");
  if (call.args.confirmation_code !== "K7M2QX" || call.args.phone !== BOOKED_PHONE) {
    return { error: { code: "not_found", message: "Appointment not found" } };
  }
  return {
    result: {
      confirmation_code: "K7M2QX",
      service: "Manikür",
      staff: "Ayşe Yılmaz",
      date: "2026-11-30",
      time: "11:00",
      status: "confirmed",
      cancellation_hours: 24,
      cancellable_here: cancellable,
    },
  };
}

Deno.test("offline cancellation: after a wrong phone, the spouse's number is tried with the code given", async () => {
  for (
    const retry of [
      "pardon eşimin numarasıyla almıştık, 0555 111 22 33",
      "pardon numara 0555 111 22 33",
    ]
  ) {
    const sim = new Simulator();
    const wrong = await sim.say("iptal K7M2QX 0532 000 11 22", (c) => lookUp(c));
    assert.match(wrong.text, /bulamadım/);
    const again = await sim.say(retry, (c) => lookUp(c));
    assert.deepEqual(again.calls.map((c) => c.args), [
      { confirmation_code: "K7M2QX", phone: BOOKED_PHONE },
    ], retry);
    assert.doesNotMatch(again.text, /paylaşamam/, retry);
    assert.match(again.text, /K7M2QX kodlu randevu: Manikür/, retry);
  }
});

Deno.test("offline cancellation: a booking made with a relative's number is the customer's with its code", async () => {
  const sim = new Simulator();
  const found = await sim.say(
    "eşimin numarasıyla randevu almıştık gelemeyeceğiz, K7M2QX 0555 111 22 33",
    (c) => lookUp(c),
  );
  assert.match(found.text, /K7M2QX kodlu randevu: Manikür/);
});

Deno.test("offline cancellation: the same code and phone are not looked up twice", async () => {
  const sim = new Simulator();
  await sim.say("iptal K7M2QX 0532 000 11 22", (c) => lookUp(c));
  const same = await sim.say("K7M2QX 0532 000 11 22", (c) => {
    throw new Error(`no call expected, got ${c.name}`);
  });
  assert.match(same.text, /onay kodunu ve randevuyu aldığınız telefon/);
});

Deno.test("offline cancellation: a relative's booking is still no one else's business outside a cancellation", async () => {
  const sim = new Simulator();
  const asked = await sim.say("eşimin randevusu ne zamandı, numarası 0555 111 22 33");
  assert.match(asked.text, /paylaşamam/);
});

Deno.test("offline cancellation: too close to the appointment is said before asking to confirm", async () => {
  const sim = new Simulator();
  const late = await sim.say("randevumu iptal edin K7M2QX 0555 111 22 33", (c) => lookUp(c, false));
  assert.match(late.text, /24 saatten az kaldığı için buradan iptal edemiyorum/);
  assert.doesNotMatch(late.text, /onaylıyor musunuz/);
  const person = await sim.say("evet", (call) => {
    assert.equal(call.name, "request_handover");
    assert.match(String(call.args.reason), /K7M2QX/);
    return { result: { ok: true } };
  });
  assert.match(person.text, /yetkiliye aktarıyorum; 24 saatten az kalan randevunuzun iptal/);
});
