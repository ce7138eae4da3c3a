/**
 * What the calendar pages share: the range a view shows, the appointments in it, and the hours
 * the board spans.
 * @module
 */
import type { Tx } from "../db/types.ts";
import { type Appointment, listAppointments } from "../services/appointments/appointments.ts";
import { readSettings, WEEKDAYS } from "../services/tenants/settings.ts";
import { addDays, isoWeekday, minutesOf, zonedParts } from "../services/time.ts";
import type { BoardAppointment } from "../islands/CalendarBoard.tsx";

/** The dates a view shows: the day, or Monday to Sunday of its week. */
export function viewDates(view: "day" | "week", date: string): string[] {
  if (view === "day") return [date];
  const monday = addDays(date, 1 - isoWeekday(date));
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** Every appointment from `from` to `to` (local dates), following the pages. */
export async function appointmentsBetween(
  tx: Tx,
  from: string,
  to: string,
): Promise<Appointment[]> {
  const out: Appointment[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 20; i++) {
    const page = await listAppointments(tx, { from, to, limit: 200, cursor });
    out.push(...page.data);
    if (!page.next_cursor) break;
    cursor = page.next_cursor;
  }
  return out;
}

/** An appointment as the board's props carry it. */
export function boardAppointment(a: Appointment): BoardAppointment {
  return {
    id: a.id,
    staff_id: a.staff_id,
    starts_at: new Date(a.starts_at).toISOString(),
    ends_at: new Date(a.ends_at).toISOString(),
    service_name: a.service_name,
    customer_name: a.customer_name,
    customer_phone: a.customer_phone,
    status: a.status,
    confirmation_code: a.confirmation_code,
    channel: a.channel,
  };
}

/** The hours the board spans: the business's opening hours and every appointment, 08–20 at least. */
export function boardHours(
  settings: ReturnType<typeof readSettings>,
  dates: string[],
  appointments: Appointment[],
  timeZone: string,
): { dayStart: number; dayEnd: number } {
  let start = 8 * 60;
  let end = 20 * 60;
  for (const date of dates) {
    for (const r of settings.business_hours[WEEKDAYS[isoWeekday(date) - 1]!] ?? []) {
      start = Math.min(start, minutesOf(r.open));
      end = Math.max(end, minutesOf(r.close === "24:00" ? "23:59" : r.close));
    }
  }
  for (const a of appointments) {
    const s = zonedParts(a.starts_at, timeZone);
    const e = zonedParts(a.ends_at, timeZone);
    start = Math.min(start, s.hour * 60 + s.minute);
    end = Math.max(end, e.hour === 0 && e.minute === 0 ? 24 * 60 : e.hour * 60 + e.minute);
  }
  return {
    dayStart: Math.floor(start / 60) * 60,
    dayEnd: Math.min(24 * 60, Math.ceil(end / 60) * 60),
  };
}
