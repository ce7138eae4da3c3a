import assert from "node:assert/strict";
import { catalogOf } from "../../services/bot/offline/catalog.ts";
import { understand } from "../../services/bot/offline/understand.ts";
import { BUSINESS, held, ID, NOW, Simulator, slots, type ToolScript } from "./_offline_sim.ts";

const TOMORROW = "2026-11-24";
const THURSDAY = "2026-11-26";

/** Free times tomorrow only (any week-long search finds them too). */
const tomorrow: ToolScript = (call) => {
  if (call.name === "check_availability") {
    const days = Number(call.args.days ?? 1);
    const asked = String(call.args.date);
    const covers = asked <= TOMORROW && days > (asked === TOMORROW ? 0 : 1);
    return slots(TOMORROW, covers ? ["10:00", "11:30", "15:00"] : []);
  }
  if (call.name === "hold_slot") return held(call.args.date as string, call.args.time as string);
};

Deno.test("offline booking: 'en erken ne zaman?' offers the earliest free time, 'olur' takes it", async () => {
  const sim = new Simulator();
  const offered = await sim.say("saç kesimi için en erken ne zaman gelebilirim", tomorrow);
  assert.deepEqual(offered.calls.map((c) => [c.name, c.args.date, c.args.days]), [
    ["check_availability", "2026-11-23", 7],
  ]);
  assert.match(offered.text, /en erken boş saatimiz yarın \(24 Kasım Salı\) 10:00/);
  const taken = await sim.say("olur", tomorrow);
  assert.deepEqual(taken.calls.at(-1)?.args, { service_id: ID.cut, date: TOMORROW, time: "10:00" });
});

Deno.test("offline booking: 'yarın ilk saat' holds that day's first free time", async () => {
  const sim = new Simulator();
  const first = await sim.say("Ali Veli 0532 123 45 67, yarın ilk saat saç kesimi", tomorrow);
  assert.deepEqual(first.calls.at(-1)?.args, { service_id: ID.cut, date: TOMORROW, time: "10:00" });
  assert.match(first.text, /Randevu özeti: Saç Kesimi, 24 Kasım Salı 10:00/);
  assert.doesNotMatch(first.text, /Adınızı/);
});

Deno.test("offline booking: 'hayır başka saat' at the summary keeps the day and asks for a time", async () => {
  const sim = new Simulator();
  await sim.say("yarın 10:00 saç kesimi", tomorrow);
  await sim.say("Ali Veli 0532 123 45 67");
  const other = await sim.say("hayır başka saat", tomorrow);
  assert.doesNotMatch(other.text, /randevu oluşturmadım/);
  assert.match(other.text, /10:00, 11:30 ve 15:00/);
  const moved = await sim.say("15:00", tomorrow);
  assert.deepEqual(moved.calls.at(-1)?.args, { service_id: ID.cut, date: TOMORROW, time: "15:00" });
  assert.match(moved.text, /Ali Veli/);
});

Deno.test("offline booking: 'book it' after the offer to book a service books that service", async () => {
  const sim = new Simulator({ locale: "en" });
  await sim.say("how much is a haircut?", (call) => {
    if (call.name === "get_service_details") {
      return {
        result: { id: ID.cut, name: "Saç Kesimi", price: 450, duration_minutes: 45, staff: [] },
      };
    }
  });
  const booking = await sim.say("ok book it for thursday", tomorrow);
  const first = booking.calls[0]!;
  assert.deepEqual([first.name, first.args.service_id, first.args.date], [
    "check_availability",
    ID.cut,
    THURSDAY,
  ]);
});

Deno.test("understand() reads a name introduced after a greeting, and no surname past a comma", () => {
  const catalog = catalogOf(BUSINESS);
  const read = (text: string) =>
    understand(text, catalog, { now: NOW, timeZone: "Europe/Istanbul", lang: "tr" });
  assert.equal(read("merhaba ben elif sahin numaram 05324445566 yarın fön").name, "Elif Sahin");
  assert.equal(read("Hi, this is John Park, 0533 222 33 44. Could I come?").name, "John Park");
  assert.equal(read("merhaba ben de yarın gelebilir miyim").name, undefined);
  assert.equal(read("yarın fön istiyorum. Aylin Koç 0532 919 19 19").name, "Aylin Koç");
});

Deno.test("offline booking: 'hafta sonu' looks at Saturday and Sunday and offers the first free day", async () => {
  const sim = new Simulator();
  const weekend = await sim.say("hafta sonu saç kesimi yaptırmak istiyorum", (call) => {
    if (call.name === "check_availability") return slots("2026-11-28", ["10:00", "12:00"]);
  });
  assert.deepEqual(weekend.calls.map((c) => [c.args.date, c.args.days]), [["2026-11-28", 2]]);
  assert.match(weekend.text, /28 Kasım Cumartesi Saç Kesimi için boş saatler: 10:00 ve 12:00/);
});

Deno.test("understand() reads how many people a booking is for", () => {
  const catalog = catalogOf(BUSINESS);
  const party = (text: string) =>
    understand(text, catalog, { now: NOW, timeZone: "Europe/Istanbul", lang: "tr" }).party;
  assert.equal(party("ben ve kızım için yarın saç kesimi"), 2);
  assert.equal(party("yarın 14te iki saç kesimi"), 2);
  assert.equal(party("3 kişiyiz, manikür"), 3);
  assert.equal(party("haircuts for me and my son on friday"), 2);
  assert.equal(party("yarın saç kesimi, 2 saat sürer mi"), undefined);
  assert.equal(party("yarın saç kesimi"), undefined);
});

Deno.test("offline booking: two people are booked one after the other, never one claimed as both", async () => {
  const sim = new Simulator();
  const first = await sim.say(
    "ben ve kızım için yarın 10:00 saç kesimi, Ali Veli 0532 123 45 67",
    tomorrow,
  );
  assert.match(first.text, /kişi başı tek tek/);
  assert.match(first.text, /Randevu özeti \(1\. kişi\)/);
  const booked = await sim.say("evet", (call) => ({
    result: {
      confirmation_code: "FIRST1",
      service: "Saç Kesimi",
      staff: "Ayşe Yılmaz",
      date: call.args.date,
      time: `${call.args.time}:00`,
    },
  }));
  assert.match(booked.calls[0]!.args.notes as string, /2 kişiden 1\. kişinin/);
  assert.match(
    booked.text,
    /sıradaki kişi için Saç Kesimi randevusu alalım\. Aynı saate \(10:00\)/,
  );
  const second = await sim.say("evet", tomorrow);
  assert.deepEqual(second.calls.at(-1)?.args, {
    service_id: ID.cut,
    date: TOMORROW,
    time: "10:00",
  });
  assert.match(second.text, /Randevu özeti \(2\. kişi\)/);
});
