import assert from "node:assert/strict";
import { computeSlots, type SlotInput, slotStep } from "../../services/appointments/slots.ts";
import { zonedTimeToInstant } from "../../services/time.ts";

const TZ = "Europe/Istanbul";
const at = (date: string, time: string) => zonedTimeToInstant(date, time, TZ).getTime();
const weekdays = (open: number, close: number) =>
  new Map([1, 2, 3, 4, 5, 6].map((d) => [d, [[open, close]] as [number, number][]]));

// Wednesday 2026-11-25, 09:00 in Istanbul.
const NOW = at("2026-11-25", "09:00");

function input(overrides: Partial<SlotInput> = {}): SlotInput {
  return {
    timeZone: TZ,
    businessHours: weekdays(9 * 60, 19 * 60),
    closedDays: new Set(),
    durationMinutes: 45,
    preparationMinutes: 0,
    cleanupMinutes: 0,
    maxConcurrent: 1,
    staffRequired: true,
    bookingAdvanceDays: 30,
    minNoticeMinutes: 60,
    staff: [{ id: "a", hours: weekdays(9 * 60, 18 * 60), busy: [], off: [] }],
    serviceBusy: [],
    from: "2026-11-26",
    to: "2026-11-26",
    now: NOW,
    ...overrides,
  };
}

Deno.test("slotStep() is 15 minutes under an hour, 30 from an hour", () => {
  assert.equal(slotStep(45), 15);
  assert.equal(slotStep(60), 30);
  assert.equal(slotStep(120), 30);
});

Deno.test("computeSlots() fits the service inside business and staff hours", () => {
  const slots = computeSlots(input());
  assert.equal(slots[0]!.start, "2026-11-26T09:00:00+03:00");
  assert.equal(slots[0]!.end, "2026-11-26T09:45:00+03:00");
  assert.equal(slots.at(-1)!.time, "17:15", "the staff member leaves at 18:00");
  assert.deepEqual(slots[0]!.staff_ids, ["a"]);
  assert.equal(slots.length, (17 * 60 + 15 - 9 * 60) / 15 + 1);
});

Deno.test("computeSlots() skips Sundays, closed days and dates beyond the booking window", () => {
  assert.equal(computeSlots(input({ from: "2026-11-29", to: "2026-11-29" })).length, 0);
  assert.equal(computeSlots(input({ closedDays: new Set(["2026-11-26"]) })).length, 0);
  assert.equal(
    computeSlots(input({ from: "2026-12-30", to: "2026-12-30", bookingAdvanceDays: 30 })).length,
    0,
  );
  assert.ok(computeSlots(input({ from: "2026-12-24", to: "2026-12-24" })).length > 0);
});

Deno.test("computeSlots() honours the minimum notice", () => {
  const today = computeSlots(input({ from: "2026-11-25", to: "2026-11-25" }));
  assert.equal(today[0]!.time, "10:00");
});

Deno.test("computeSlots() keeps padded bookings and time off free", () => {
  const busy: [number, number][] = [[at("2026-11-26", "10:00"), at("2026-11-26", "11:00")]];
  const slots = computeSlots(input({
    preparationMinutes: 5,
    cleanupMinutes: 10,
    staff: [{
      id: "a",
      hours: weekdays(9 * 60, 18 * 60),
      busy,
      off: [[at("2026-11-26", "14:00"), at("2026-11-26", "16:00")]],
    }],
  }));
  const times = slots.map((s) => s.time);
  assert.ok(times.includes("09:00"), "09:00–09:45 plus 10 min cleanup ends before 10:00");
  assert.ok(!times.includes("09:15"), "its cleanup would run into the 10:00 booking");
  assert.ok(!times.includes("10:45"));
  assert.ok(times.includes("11:15"), "preparation from 11:10 starts after the booking ends");
  assert.ok(!times.includes("11:00"), "its preparation would start at 10:55");
  assert.ok(!times.includes("14:00") && !times.includes("15:15"));
  assert.ok(times.includes("16:15"));
});

Deno.test("computeSlots() lists every free staff member and respects max_concurrent", () => {
  const staff = ["a", "b", "c"].map((id) => ({
    id,
    hours: weekdays(9 * 60, 18 * 60),
    busy: [] as [number, number][],
    off: [] as [number, number][],
  }));
  const nine = computeSlots(input({ staff, maxConcurrent: 2 }))[0]!;
  assert.deepEqual(nine.staff_ids, ["a", "b", "c"]);
  const full = computeSlots(input({
    staff,
    maxConcurrent: 2,
    serviceBusy: [
      [at("2026-11-26", "09:00"), at("2026-11-26", "09:45")],
      [at("2026-11-26", "09:00"), at("2026-11-26", "09:45")],
    ],
  }));
  assert.equal(full[0]!.time, "09:45", "two running at 09:00 fill the capacity of 2");
});

Deno.test("computeSlots() needs no staff when the service needs none", () => {
  const slots = computeSlots(input({ staffRequired: false, staff: [], durationMinutes: 30 }));
  assert.equal(slots[0]!.time, "09:00");
  assert.deepEqual(slots[0]!.staff_ids, []);
  assert.equal(slots.at(-1)!.time, "18:30");
});

Deno.test("computeSlots() keeps local wall times across a DST change", () => {
  const berlin = (d: string, t: string) => zonedTimeToInstant(d, t, "Europe/Berlin").getTime();
  const slots = computeSlots(input({
    timeZone: "Europe/Berlin",
    from: "2026-10-24",
    to: "2026-10-26",
    now: berlin("2026-10-20", "09:00"),
    businessHours: new Map([1, 2, 3, 4, 5, 6, 7].map((d) => [d, [[9 * 60, 12 * 60]]])),
    staff: [{
      id: "a",
      hours: new Map([1, 2, 3, 4, 5, 6, 7].map((d) => [d, [[9 * 60, 12 * 60]]])),
      busy: [],
      off: [],
    }],
  }));
  const firsts = ["2026-10-24", "2026-10-25", "2026-10-26"].map((d) =>
    slots.find((s) => s.date === d)!.start
  );
  assert.deepEqual(firsts, [
    "2026-10-24T09:00:00+02:00",
    "2026-10-25T09:00:00+01:00",
    "2026-10-26T09:00:00+01:00",
  ]);
});
