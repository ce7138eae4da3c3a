/**
 * Time zones without a library: local dates and wall times of instants, instants of local wall
 * times (across DST), ISO strings with the zone's offset, and date arithmetic on "YYYY-MM-DD".
 * @module
 */

/** The time zone used when none is given. */
export const DEFAULT_TIME_ZONE = "Europe/Istanbul";

/** Local calendar and clock fields of an instant in a time zone. */
export interface ZonedParts {
  /** Full year. */
  year: number;
  /** 1..12. */
  month: number;
  /** 1..31. */
  day: number;
  /** 0..23. */
  hour: number;
  /** 0..59. */
  minute: number;
  /** 0..59. */
  second: number;
  /** ISO weekday, Monday 1 .. Sunday 7. */
  weekday: number;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The local date and time of an instant in a time zone (from its offset there, see `offsetMs`). */
export function zonedParts(instant: Date | number, timeZone: string): ZonedParts {
  const at = typeof instant === "number" ? instant : instant.getTime();
  if (!Number.isFinite(at)) throw new RangeError("Invalid time value");
  const local = new Date(at + offsetMs(at, timeZone));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    weekday: ((local.getUTCDay() + 6) % 7) + 1,
  };
}

/** The local calendar date, "YYYY-MM-DD", of an instant in a time zone. */
export function localDate(instant: Date | number, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return isoDate(p.year, p.month, p.day);
}

/** Two digits. */
export function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** "YYYY-MM-DD" from numbers. */
export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${pad(month)}-${pad(day)}`;
}

// Offsets change only at transitions, which fall on quarter hours: one lookup per quarter hour.
const QUARTER_MS = 900_000;
const offsets = new Map<string, number>();

/** The zone's offset from UTC, in milliseconds, at an instant. */
export function offsetMs(epochMs: number, timeZone: string): number {
  const quarter = Math.floor(epochMs / QUARTER_MS);
  const key = `${timeZone}|${quarter}`;
  const known = offsets.get(key);
  if (known !== undefined) return known;
  const at = quarter * QUARTER_MS;
  const p: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(at)) p[part.type] = part.value;
  const offset = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour) % 24,
    Number(p.minute),
    Number(p.second),
  ) - at;
  if (offsets.size >= 100_000) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

/**
 * The instant at which a local date and wall time occur in a time zone. A time skipped by a DST
 * change is moved forward by the gap (02:30 on a spring-forward night becomes 03:30); a time that
 * occurs twice is its first occurrence.
 */
export function zonedTimeToInstant(date: string, time: string, timeZone: string): Date {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) throw new RangeError(`Cannot convert local time: expected YYYY-MM-DD and HH:MM`);
  const [year, month, day, hour, minute] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const candidates = [
    ...new Set([offsetMs(wall - DAY_MS, timeZone), offsetMs(wall + DAY_MS, timeZone)]),
  ];
  const exact = candidates.map((o) => wall - o)
    .filter((ms) => ms + offsetMs(ms, timeZone) === wall)
    .sort((a, b) => a - b);
  return new Date(exact[0] ?? wall - offsetMs(wall - DAY_MS, timeZone));
}

/** Adds days to a "YYYY-MM-DD" date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d) + days * DAY_MS);
  return isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Adds calendar months to a "YYYY-MM-DD" date, keeping the day where the month allows. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return isoDate(year, month, Math.min(d, daysInMonth(year, month)));
}

/** The ISO weekday (Monday 1 .. Sunday 7) of a "YYYY-MM-DD" date. */
export function isoWeekday(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay() || 7;
}

/** "YYYY-MM-DDTHH:MM:SS+03:00": an instant as the zone's local time with its offset. */
export function formatZoned(instant: Date | number, timeZone: string): string {
  const ms = typeof instant === "number" ? instant : instant.getTime();
  const offset = offsetMs(ms, timeZone);
  const local = new Date(ms + offset);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset) / 60_000;
  return `${local.toISOString().slice(0, 19)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** "HH:MM" of an instant in a time zone. */
export function localTime(instant: Date | number, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/** Minutes since local midnight of a "HH:MM" (or "HH:MM:SS") time. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(":").map(Number) as [number, number];
  return h * 60 + m;
}

/** The dates from `from` to `to`, both included. */
export function dateRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Days in a month (1..12) of a year. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
