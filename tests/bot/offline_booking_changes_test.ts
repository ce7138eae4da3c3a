import assert from "node:assert/strict";
import { held, ID, Simulator, slots, type ToolScript } from "./_offline_sim.ts";

const TOMORROW = "2026-11-24";
const WEDNESDAY = "2026-11-25";
const FRIDAY = "2026-11-27";

/** Free times every half hour of the afternoon, on whatever date is asked. */
const afternoon: ToolScript = (call) => {
  if (call.name === "check_availability") {
    return slots(call.args.date as string, ["12:00", "13:00", "14:00", "15:00", "16:00"]);
  }
  if (call.name === "hold_slot") return held(call.args.date as string, call.args.time as string);
};

Deno.test("offline booking: a new hour for the held time moves the hold ('2 olmaz, 4 olsun')", async () => {
  for (const change of ["ay pardon 2 olmaz bana, 4 olsun", "4 olsun", "pardon 4 e alalım"]) {
    const sim = new Simulator();
    await sim.say("yarın saat 2de fön çektirmek istiyorum", afternoon);
    const moved = await sim.say(change, afternoon);
    const hold = moved.calls.find((c) => c.name === "hold_slot");
    assert.deepEqual(hold?.args, { service_id: ID.blowDry, date: TOMORROW, time: "16:00" }, change);
    assert.match(moved.text, /24 Kasım Salı 16:00/, change);
    assert.doesNotMatch(moved.text, /anlayamadım/, change);
  }
});

Deno.test("offline booking: 'çarşamba işim çıktı, cuma aynı saat' moves the hold to Friday", async () => {
  const sim = new Simulator();
  const first = await sim.say("çarşamba öğlen 12 ye manikür randevusu alabilir miyim", afternoon);
  assert.equal(first.calls.at(-1)?.args.date, WEDNESDAY);
  const moved = await sim.say("yok yok çarşamba işim çıktı, cuma aynı saat olur mu?", afternoon);
  const hold = moved.calls.find((c) => c.name === "hold_slot");
  assert.deepEqual(hold?.args, { service_id: ID.manicure, date: FRIDAY, time: "12:00" });
  assert.match(moved.text, /27 Kasım Cuma 12:00/);
});

Deno.test("offline booking: 'manikür değil fön olacak' books the other service, not both", async () => {
  const sim = new Simulator();
  await sim.say("cuma saat 1 e manikür randevusu alabilir miyim", afternoon);
  const switched = await sim.say("pardon manikür değil fön olacak", afternoon);
  const hold = switched.calls.find((c) => c.name === "hold_slot");
  assert.deepEqual(hold?.args, { service_id: ID.blowDry, date: FRIDAY, time: "13:00" });
  assert.doesNotMatch(switched.text, /tek tek/);
  const summary = await sim.say("Dilek Sarı 0532 321 65 87");
  assert.match(summary.text, /Fön, 27 Kasım Cuma 13:00/);
});
