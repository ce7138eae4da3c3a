import assert from "node:assert/strict";
import { nearest, spread, toolParts } from "../../services/bot/offline/booking.ts";
import { englishAliases } from "../../services/bot/offline/catalog.ts";
import {
  dayText,
  durationText,
  hoursText,
  joinList,
  money,
  phoneText,
} from "../../services/bot/offline/format.ts";
import { bestSentences } from "../../services/bot/offline/knowledge.ts";
import { BUSINESS } from "./_offline_sim.ts";

Deno.test("money() writes lira as people do in each language", () => {
  assert.equal(money(450, "tr"), "450,00 ₺");
  assert.equal(money(1800, "tr"), "1.800,00 ₺");
  assert.equal(money(199.9, "tr"), "199,90 ₺");
  assert.equal(money(450, "en"), "₺450.00");
  assert.equal(money(1040, "en"), "₺1,040.00");
});

Deno.test("dayText() says dates with day and month names", () => {
  assert.equal(dayText("2026-11-26", "tr"), "26 Kasım Perşembe");
  assert.equal(dayText("2026-12-01", "en"), "Tuesday 1 December");
});

Deno.test("hoursText() groups days with the same hours", () => {
  assert.equal(
    hoursText(BUSINESS.hours, "tr"),
    "Pazartesi–Cuma 09:00–19:00; Cumartesi 10:00–16:00; Pazar kapalı",
  );
  assert.match(hoursText(BUSINESS.hours, "en"), /^Monday–Friday 09:00–19:00/);
});

Deno.test("small formatters: lists, phones, durations", () => {
  assert.equal(joinList(["a", "b", "c"], "tr"), "a, b ve c");
  assert.equal(joinList(["a", "b"], "en", true), "a or b");
  assert.equal(phoneText("+905321234567"), "0532 123 45 67");
  assert.equal(durationText(90, "tr"), "1 saat 30 dakika");
  assert.equal(durationText(45, "en"), "45 minutes");
});

Deno.test("spread() offers whole hours across the list; nearest() the closest times", () => {
  const day = (times: string[]) => times.map((time) => ({ date: "2026-11-24", time }));
  const list = day(["09:00", "09:15", "09:30", "09:45", "10:00", "10:30", "11:00", "11:30"]);
  assert.deepEqual(spread(list, 5).map((s) => s.time), [
    "09:00",
    "09:30",
    "10:00",
    "11:00",
    "11:30",
  ]);
  // A morning with four whole hours and half hours: one half hour completes the five.
  const morning = day(["09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "12:00", "12:30"]);
  assert.deepEqual(spread(morning, 5).map((s) => s.time), [
    "09:00",
    "10:00",
    "10:30",
    "11:00",
    "12:00",
  ]);
  // Only quarter hours besides the whole ones: no time twice, none missing.
  const quarters = day(["09:00", "09:15", "09:45", "10:00", "10:15", "10:45"]);
  const picked = spread(quarters, 5).map((s) => s.time);
  assert.equal(picked.length, 5);
  assert.equal(new Set(picked).size, 5);
  assert.deepEqual(
    nearest(day(["12:00", "14:15", "16:00", "17:30"]), "15:00").map((s) => s.time),
    ["14:15", "16:00", "17:30"],
  );
});

Deno.test("toolParts() covers a window with the tool's parts of the day", () => {
  assert.deepEqual(toolParts("16:00", "19:00", "afternoon"), ["afternoon", "evening"]);
  assert.deepEqual(toolParts("09:00", "12:00", "morning"), ["morning"]);
});

Deno.test("englishAliases() names Turkish offerings in English", () => {
  assert.ok(englishAliases("Saç Kesimi").includes("haircut"));
  assert.ok(englishAliases("Güneş Kremi").includes("sunscreen"));
  assert.ok(englishAliases("Manikür").includes("manicure"));
});

Deno.test("bestSentences() answers from the matching sentences in the reply language", () => {
  const hits = [{
    snippet:
      "Hediye çeklerimiz 6 ay geçerlidir. Hediye çeki salonumuzdan alınabilir. Gift cards are valid for 6 months.",
  }];
  assert.equal(
    bestSentences(hits, "Hediye çeki satıyor musunuz?", "tr"),
    "Hediye çeklerimiz 6 ay geçerlidir. Hediye çeki salonumuzdan alınabilir.",
  );
  assert.equal(bestSentences(hits, "gift cards?", "en"), "Gift cards are valid for 6 months.");
  assert.equal(bestSentences(hits, "köpek", "tr"), null);
});
