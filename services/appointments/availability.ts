/**
 * Availability: loads what a service's slots depend on from the tenant's data and computes them.
 * The same function serves the API, the assistant's `check_availability` and the dashboard.
 * @module
 */
import type { Tx } from "../../db/types.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { type ServiceMeta, ServiceMeta as ServiceMetaSchema } from "../offerings/schemas.ts";
import { readSettings, type TenantSettings, WEEKDAYS } from "../tenants/settings.ts";
import { addDays, dateRange, minutesOf, zonedTimeToInstant } from "../time.ts";
import { computeSlots, type Intervals, type Slot, type StaffInput } from "./slots.ts";

/** The longest range one availability query may cover. */
export const MAX_RANGE_DAYS = 31;

/** What to look for. */
export interface AvailabilityQuery {
  serviceId: string;
  /** First and last local date, "YYYY-MM-DD". */
  from: string;
  to: string;
  staffId?: string;
  /** Holds of this holder (a conversation) do not block its own slots. */
  holder?: string;
  /** An appointment being moved does not block its own new time. */
  excludeAppointmentId?: string;
  /** The business books past the minimum notice and the booking window (walk-ins, the phone). */
  ignoreNotice?: boolean;
  /** Count each staff member's bookings per day too (to spread a new booking). */
  withLoad?: boolean;
  /** The service and tenant when the caller has read them already (a booking), not read again. */
  loaded?: { service: BookableService; tenant: BookingTenant };
}

/** What bookings read of the tenant. */
export interface BookingTenant {
  business_name: string;
  timezone: string;
  settings: TenantSettings;
}

/** A bookable service as availability needs it. */
export interface BookableService {
  id: string;
  name: string;
  price: number;
  meta: ServiceMeta;
}

/** Free slots and what they were computed for. */
export interface Availability {
  service: BookableService;
  timezone: string;
  slots: Slot[];
  /** With `withLoad`: bookings per staff member per local date, keyed "staff_id:date". */
  load: Map<string, number>;
}

/** Loads an active service that takes appointments. */
export async function getBookableService(tx: Tx, serviceId: string): Promise<BookableService> {
  const [row] = await tx<
    {
      id: string;
      name: string;
      price: number;
      offering_type: string;
      meta_info: unknown;
      has_staff: boolean;
    }[]
  >`
    select id, name, price, offering_type, meta_info,
      exists (select 1 from staff_members where is_active) as has_staff
    from offerings
    where id = ${serviceId} and is_active`;
  if (!row) throw new NotFoundError("Service");
  if (row.offering_type !== "service") {
    throw new ValidationError("This offering is a product, not a service", {
      field: "service_id",
    }, "not_a_service");
  }
  const meta = ServiceMetaSchema.parse(row.meta_info);
  if (!meta.requires_appointment) {
    throw new ValidationError("This service does not take appointments", {
      field: "service_id",
    }, "no_appointment_needed");
  }
  // A business that has listed no staff yet is itself the one who serves: its hours and the
  // service's max_concurrent decide, until staff members are added.
  if (meta.staff_required && meta.staff_ids.length === 0 && !row.has_staff) {
    meta.staff_required = false;
  }
  return { id: row.id, name: row.name, price: row.price, meta };
}

/** Reads the tenant's name, time zone and settings. */
export async function bookingTenant(tx: Tx): Promise<BookingTenant> {
  const [row] = await tx<{ business_name: string; timezone: string; settings: unknown }[]>`
    select business_name, timezone, settings from tenants where id = ${tx.tenantId}`;
  return { ...row!, settings: readSettings(row!.settings) };
}

function toMinutes(ranges: { open: string; close: string }[]): [number, number][] {
  return ranges.map((r) => [minutesOf(r.open), r.close === "24:00" ? 1440 : minutesOf(r.close)]);
}

/** Computes the free slots of a service over a date range of at most 31 days. */
export async function findAvailability(
  tx: Tx,
  query: AvailabilityQuery,
  now: Date = new Date(),
): Promise<Availability> {
  if (query.to < query.from) {
    throw new ValidationError("Invalid range: to is before from", { field: "to" }, "invalid_range");
  }
  if (addDays(query.from, MAX_RANGE_DAYS - 1) < query.to) {
    throw new ValidationError(`Invalid range: at most ${MAX_RANGE_DAYS} days`, {
      field: "to",
    }, "invalid_range");
  }
  const service = query.loaded?.service ?? await getBookableService(tx, query.serviceId);
  const { settings, timezone: tz } = query.loaded?.tenant ?? await bookingTenant(tx);
  const businessHours = new Map(
    WEEKDAYS.map((day, i) => [i + 1, toMinutes(settings.business_hours[day])] as const),
  );
  const meta = service.meta;
  // Everything that can touch the range, with a day of margin for long paddings.
  const rangeStart = zonedTimeToInstant(addDays(query.from, -1), "00:00", tz).getTime();
  const rangeEnd = zonedTimeToInstant(addDays(query.to, 2), "00:00", tz).getTime();

  const staffRows = meta.staff_required
    ? await tx<{ id: string }[]>`
      select id from staff_members where is_active
        ${meta.staff_ids.length > 0 ? tx`and id in ${tx(meta.staff_ids)}` : tx``}
        ${query.staffId ? tx`and id = ${query.staffId}` : tx``}
      order by name, id`
    : [];
  if (query.staffId && meta.staff_required && staffRows.length === 0) {
    throw new ValidationError(
      "This staff member does not perform this service",
      { field: "staff_id" },
      "staff_not_eligible",
    );
  }
  const staffIds = staffRows.map((r) => r.id);
  const staff = new Map<string, StaffInput>(
    staffIds.map((id) => [id, { id, hours: new Map(), busy: [], off: [] }]),
  );
  const serviceBusy: Intervals = [];
  const load = new Map<string, number>();
  const holder = query.holder ?? "";
  const exclude = query.excludeAppointmentId ?? "00000000-0000-0000-0000-000000000000";
  const range = `[${new Date(rangeStart).toISOString()},${new Date(rangeEnd).toISOString()})`;
  const [hours, off, busy] = await Promise.all([
    staffIds.length === 0 ? [] : tx<{ staff_id: string; weekday: number; s: string; e: string }[]>`
      select staff_id, weekday, start_time::text as s, end_time::text as e
      from staff_working_hours where staff_id in ${tx(staffIds)}`,
    staffIds.length === 0 ? [] : tx<{ staff_id: string; s: number; e: number }[]>`
      select staff_id, date_part('epoch', starts_at) * 1000 as s,
        date_part('epoch', ends_at) * 1000 as e
      from staff_time_off
      where staff_id in ${tx(staffIds)} and starts_at < to_timestamp(${rangeEnd / 1000})
        and ends_at > to_timestamp(${rangeStart / 1000})`,
    // One row per staff member (and per kind) with the intervals as two arrays, sorted here: far
    // fewer rows to read than one per appointment. date_part gives float8, cheaper than extract.
    tx<
      { staff_id: string | null; same: boolean; held: boolean; starts: number[]; ends: number[] }[]
    >`
      select staff_id, offering_id = ${service.id} as same, held,
        array_agg(s) as starts, array_agg(e) as ends
      from (
        select staff_id, offering_id, false as held,
          date_part('epoch', lower(blocked)) * 1000 as s,
          date_part('epoch', upper(blocked)) * 1000 as e
        from appointments
        where status <> 'cancelled' and id <> ${exclude} and blocked && ${range}::tstzrange
          and (offering_id = ${service.id}
            ${staffIds.length > 0 ? tx`or staff_id in ${tx(staffIds)}` : tx``})
        union all
        select staff_id, offering_id, true,
          date_part('epoch', lower(blocked)) * 1000,
          date_part('epoch', upper(blocked)) * 1000
        from slot_holds
        where expires_at > ${now} and holder <> ${holder} and blocked && ${range}::tstzrange
          and (offering_id = ${service.id}
            ${staffIds.length > 0 ? tx`or staff_id in ${tx(staffIds)}` : tx``})
      ) busy
      group by 1, 2, 3`,
  ]);
  for (const h of hours) {
    const s = staff.get(h.staff_id)!;
    const list = s.hours.get(h.weekday) ?? [];
    list.push([minutesOf(h.s), h.e.startsWith("23:59") ? 1440 : minutesOf(h.e)]);
    s.hours.set(h.weekday, list);
  }
  for (const o of off) staff.get(o.staff_id)!.off.push([Number(o.s), Number(o.e)]);
  const dayStarts = query.withLoad
    ? dateRange(addDays(query.from, -1), addDays(query.to, 1)).map((d) => ({
      date: d,
      at: zonedTimeToInstant(d, "00:00", tz).getTime(),
    }))
    : [];
  for (const group of busy) {
    const intervals = group.starts.map((s, i) => [s, group.ends[i]!] as [number, number]);
    if (group.same) serviceBusy.push(...intervals);
    const s = group.staff_id ? staff.get(group.staff_id) : undefined;
    if (!s) continue;
    s.busy.push(...intervals);
    if (group.held || !query.withLoad) continue;
    for (const [start] of intervals) {
      const day = dayOf(dayStarts, start);
      if (!day) continue;
      const key = `${group.staff_id}:${day}`;
      load.set(key, (load.get(key) ?? 0) + 1);
    }
  }
  serviceBusy.sort((a, b) => a[0] - b[0]);
  for (const s of staff.values()) s.busy.sort((a, b) => a[0] - b[0]);
  for (const s of staff.values()) s.off.sort((a, b) => a[0] - b[0]);
  const slots = computeSlots({
    timeZone: tz,
    businessHours,
    closedDays: new Set(settings.closed_days),
    durationMinutes: meta.duration_minutes,
    preparationMinutes: meta.preparation_time,
    cleanupMinutes: meta.cleanup_time,
    maxConcurrent: meta.max_concurrent,
    staffRequired: meta.staff_required,
    bookingAdvanceDays: query.ignoreNotice ? 3650 : meta.booking_advance_days,
    minNoticeMinutes: query.ignoreNotice ? 0 : settings.booking.min_notice_minutes,
    staff: [...staff.values()],
    serviceBusy,
    from: query.from,
    to: query.to,
    now: now.getTime(),
  });
  return { service, timezone: tz, slots, load };
}

/** The local date an instant falls on, among sorted local midnights. */
function dayOf(days: { date: string; at: number }[], instant: number): string | null {
  let lo = 0;
  let hi = days.length - 1;
  if (days.length === 0 || instant < days[0]!.at) return null;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (days[mid]!.at <= instant) lo = mid;
    else hi = mid - 1;
  }
  return days[lo]!.date;
}
