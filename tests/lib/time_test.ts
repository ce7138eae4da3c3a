import assert from "node:assert/strict";
import { localDate, zonedParts, zonedTimeToInstant } from "../../services/time.ts";

// What Intl says, the slow way, to compare with.
const formats = new Map<string, Intl.DateTimeFormat>();
function intlParts(instant: number, timeZone: string) {
  const parts: Record<string, string> = {};
  const format = formats.get(timeZone) ?? new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    weekday: "short",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  });
  formats.set(timeZone, format);
  for (const p of format.formatToParts(instant)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(parts.weekday!) + 1,
  };
}

const ZONES = [
  "Europe/Istanbul",
  "Europe/Berlin",
  "America/New_York",
  "Australia/Lord_Howe", // a half-hour daylight saving shift
  "Asia/Kathmandu", // +05:45
  "UTC",
];

Deno.test("zonedParts() agrees with Intl around every 2026 transition, every 17 minutes", () => {
  for (const zone of ZONES) {
    // Each zone's 2026 transitions fall in March/April and September–November; walk both seasons.
    for (const [from, to] of [["2026-03-01", "2026-04-10"], ["2026-09-20", "2026-11-05"]]) {
      const end = Date.parse(`${to}T00:00:00Z`);
      for (let t = Date.parse(`${from}T00:00:00Z`); t < end; t += 17 * 60_000 + 13_000) {
        assert.deepEqual(
          zonedParts(t, zone),
          intlParts(t, zone),
          `${zone} at ${new Date(t).toISOString()}`,
        );
      }
    }
  }
});

Deno.test("a transition's last second and first second read as Intl reads them", () => {
  const berlinSpring = Date.parse("2026-03-29T01:00:00Z");
  assert.deepEqual(
    zonedParts(berlinSpring - 1000, "Europe/Berlin"),
    intlParts(berlinSpring - 1000, "Europe/Berlin"),
  );
  assert.equal(zonedParts(berlinSpring - 1000, "Europe/Berlin").hour, 1);
  assert.equal(zonedParts(berlinSpring, "Europe/Berlin").hour, 3);
  assert.equal(localDate(Date.parse("2026-11-25T21:30:00Z"), "Europe/Istanbul"), "2026-11-26");
  assert.equal(
    zonedTimeToInstant("2026-11-26", "00:30", "Europe/Istanbul").getTime(),
    Date.parse("2026-11-25T21:30:00Z"),
  );
});

Deno.test("zonedParts() refuses an invalid instant as Intl does", () => {
  assert.throws(() => zonedParts(Number.NaN, "Europe/Istanbul"), RangeError);
  assert.throws(() => zonedParts(new Date("nonsense"), "Europe/Istanbul"), RangeError);
});
