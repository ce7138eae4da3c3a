/**
 * The slot computation, as a pure function over everything it depends on: business hours, closed
 * days, each staff member's hours, time off and bookings, the service's durations, capacity and
 * booking window, the minimum notice, and holds. `availability.ts` loads the inputs.
 * @module
 */
import { addDays, formatZoned, isoWeekday, localDate, offsetMs, pad } from "../time.ts";

/** Half-open intervals [start, end) in epoch milliseconds, sorted by start. */
export type Intervals = [number, number][];

/** One staff member as the computation sees them. */
export interface StaffInput {
  id: string;
  /** Working intervals per ISO weekday (1..7), in minutes since local midnight. */
  hours: Map<number, [number, number][]>;
  /** Bookings and holds, padded with preparation and cleanup. */
  busy: Intervals;
  /** Time off. */
  off: Intervals;
}

/** Everything a slot depends on. */
export interface SlotInput {
  timeZone: string;
  /** Opening intervals per ISO weekday (1..7), in minutes since local midnight. */
  businessHours: Map<number, [number, number][]>;
  closedDays: Set<string>;
  durationMinutes: number;
  preparationMinutes: number;
  cleanupMinutes: number;
  maxConcurrent: number;
  staffRequired: boolean;
  bookingAdvanceDays: number;
  minNoticeMinutes: number;
  staff: StaffInput[];
  /** Padded bookings and holds of this service, for its capacity. */
  serviceBusy: Intervals;
  /** First and last local date, "YYYY-MM-DD", both included. */
  from: string;
  to: string;
  now: number;
}

/** A free slot: when, and which staff members could take it (none when no staff is needed). */
export interface Slot {
  /** ISO 8601 with the tenant's offset, e.g. 2026-11-26T14:00:00+03:00. */
  start: string;
  end: string;
  /** Local date and time of the start. */
  date: string;
  time: string;
  staff_ids: string[];
}

/** Starts step by 15 minutes for services under an hour, by 30 for longer ones. */
export function slotStep(durationMinutes: number): number {
  return durationMinutes < 60 ? 15 : 30;
}

/** The index of the first interval that ends after `at` may start; intervals are sorted by start. */
function firstCandidate(list: Intervals, at: number, longest: number): number {
  let lo = 0;
  let hi = list.length;
  const from = at - longest;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]![0] < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A sorted interval list with the search helpers the computation needs. */
class Busy {
  readonly list: Intervals;
  readonly longest: number;
  constructor(list: Intervals) {
    this.list = list;
    this.longest = list.reduce((m, [s, e]) => Math.max(m, e - s), 0);
  }
  /** How many intervals overlap [start, end), counting at most `limit`. */
  count(start: number, end: number, limit: number): number {
    let n = 0;
    for (let i = firstCandidate(this.list, start, this.longest); i < this.list.length; i++) {
      const [s, e] = this.list[i]!;
      if (s >= end) break;
      if (e > start && ++n >= limit) return n;
    }
    return n;
  }
}

/**
 * Converts local minutes of one day to instants and formats instants of that day, asking the
 * time zone database once per day unless the day changes its offset (a DST night).
 */
function dayClock(date: string, timeZone: string) {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const midnightUtc = Date.UTC(y, m - 1, d);
  const early = offsetMs(midnightUtc - 14 * 3600_000, timeZone);
  const late = offsetMs(midnightUtc + 36 * 3600_000, timeZone);
  const steady = early === late;
  return {
    at(minute: number): number {
      if (steady) return midnightUtc + minute * 60_000 - early;
      const wall = midnightUtc + minute * 60_000;
      const guess = wall - offsetMs(wall - early, timeZone);
      return wall - offsetMs(guess, timeZone);
    },
    format(instant: number): string {
      return steady ? formatWithOffset(instant, early) : formatZoned(instant, timeZone);
    },
  };
}

/** An instant as local time with a known offset, "YYYY-MM-DDTHH:MM:SS+03:00". */
function formatWithOffset(instant: number, offset: number): string {
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset) / 60_000;
  return `${new Date(instant + offset).toISOString().slice(0, 19)}${sign}${
    pad(Math.floor(abs / 60))
  }:${pad(abs % 60)}`;
}

/** Local "HH:MM" of a minute count. */
function clock(minute: number): string {
  return `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
}

/** Computes the free slots of a service between two dates. */
export function computeSlots(input: SlotInput): Slot[] {
  const slots: Slot[] = [];
  const step = slotStep(input.durationMinutes);
  const earliest = input.now + input.minNoticeMinutes * 60_000;
  const today = localDate(input.now, input.timeZone);
  const lastDate = addDays(today, input.bookingAdvanceDays);
  const prepMs = input.preparationMinutes * 60_000;
  const cleanupMs = input.cleanupMinutes * 60_000;
  const serviceBusy = new Busy(input.serviceBusy);
  const staff = input.staff.map((s) => ({
    ...s,
    busyIdx: new Busy(s.busy),
    offIdx: new Busy(s.off),
  }));
  for (
    let date = input.from < today ? today : input.from;
    date <= input.to;
    date = addDays(date, 1)
  ) {
    if (date > lastDate) break;
    if (input.closedDays.has(date)) continue;
    const weekday = isoWeekday(date);
    const open = input.businessHours.get(weekday);
    if (!open || open.length === 0) continue;
    const day = dayClock(date, input.timeZone);
    for (const [openMin, closeMin] of open) {
      const firstMin = Math.ceil(openMin / step) * step;
      for (let min = firstMin; min + input.durationMinutes <= closeMin; min += step) {
        const start = day.at(min);
        if (start < earliest) continue;
        const endMin = min + input.durationMinutes;
        const end = day.at(endMin);
        const blockStart = start - prepMs;
        const blockEnd = end + cleanupMs;
        if (serviceBusy.count(blockStart, blockEnd, input.maxConcurrent) >= input.maxConcurrent) {
          continue;
        }
        const free: string[] = [];
        if (input.staffRequired) {
          for (const s of staff) {
            const works = s.hours.get(weekday)?.some(([a, b]) => a <= min && endMin <= b);
            if (!works) continue;
            if (s.offIdx.count(blockStart, blockEnd, 1) > 0) continue;
            if (s.busyIdx.count(blockStart, blockEnd, 1) > 0) continue;
            free.push(s.id);
          }
          if (free.length === 0) continue;
        }
        slots.push({
          start: day.format(start),
          end: day.format(end),
          date,
          time: clock(min),
          staff_ids: free,
        });
      }
    }
  }
  return slots;
}
