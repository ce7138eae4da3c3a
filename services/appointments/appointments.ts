/**
 * Appointments: booking without double booking, rescheduling, status changes, cancellation by the
 * business or (within the service's cancellation window) by the customer, and slot holds.
 *
 * Two guarantees come from the database: an exclusion constraint keeps a staff member's padded
 * time ranges apart, and bookings of one service take a transaction-scoped advisory lock, so the
 * count behind `max_concurrent` is never read by two bookings at once.
 * @module
 */
import type { z } from "zod";
import type { Tx } from "../../db/types.ts";
import { recordAudit } from "../audit.ts";
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import { enqueue } from "../jobs/queue.ts";
import { DEFAULT_CANCELLATION_HOURS } from "../offerings/schemas.ts";
import { decodeCursor, type Page, toPage } from "../pagination.ts";
import { normalizePhone, requirePhone } from "../phone.ts";
import { queueSms } from "../sms/outbox.ts";
import { formatWhen } from "../sms/templates.ts";
import { addDays, localDate, zonedTimeToInstant } from "../time.ts";
import {
  type Availability,
  type BookableService,
  type BookingTenant,
  bookingTenant,
  findAvailability,
  getBookableService,
} from "./availability.ts";
import type {
  AppointmentCreate,
  AppointmentListQuery,
  AppointmentStatus,
  AppointmentUpdate,
  Channel,
  HoldCreate,
} from "./schemas.ts";
import type { Slot } from "./slots.ts";

/** Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L). */
export const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/** Allowed status changes. */
export const TRANSITIONS: Record<AppointmentStatus, AppointmentStatus[]> = {
  pending: ["confirmed", "cancelled"],
  confirmed: ["completed", "cancelled", "no_show"],
  completed: [],
  cancelled: [],
  no_show: [],
};

/** An appointment as the API shows it. */
export interface Appointment {
  id: string;
  offering_id: string;
  service_name: string;
  staff_id: string | null;
  staff_name: string | null;
  customer_name: string;
  customer_phone: string;
  customer_email: string | null;
  scheduled_date: string;
  scheduled_time: string;
  starts_at: Date;
  ends_at: Date;
  status: AppointmentStatus;
  confirmation_code: string;
  channel: string;
  conversation_id: string | null;
  price: number;
  notes: string | null;
  cancelled_at: Date | null;
  cancelled_by: string | null;
  cancel_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

/** Who acts: the business (dashboard, API) or the customer (widget, assistant). */
export type Actor = "business" | "customer";

/** Options of the booking functions. */
export interface BookingOptions {
  actor: Actor;
  now?: Date;
  conversationId?: string | null;
}

const SELECT = `
  select a.id, a.offering_id, o.name as service_name, a.staff_id, s.name as staff_name,
    a.customer_name, a.customer_phone, a.customer_email, a.scheduled_date,
    to_char(a.scheduled_time, 'HH24:MI') as scheduled_time, a.starts_at, a.ends_at, a.status,
    a.confirmation_code, a.channel, a.conversation_id, a.price, a.notes, a.cancelled_at,
    a.cancelled_by, a.cancel_reason, a.created_at, a.updated_at
  from appointments a
  join offerings o on o.id = a.offering_id
  left join staff_members s on s.id = a.staff_id`;

/** A six-character confirmation code from the unambiguous alphabet. */
export function confirmationCode(): string {
  let code = "";
  for (const byte of crypto.getRandomValues(new Uint8Array(12))) {
    if (byte < 248 && code.length < 6) code += CODE_ALPHABET[byte % CODE_ALPHABET.length];
  }
  return code.length === 6 ? code : confirmationCode();
}

/** The service being booked and the tenant's settings, read once per booking. */
interface Booking {
  service: BookableService;
  tenant: BookingTenant;
}

// The service's lock is taken before availability is read (see the module comment).
async function loadBooking(tx: Tx, serviceId: string): Promise<Booking> {
  const service = await getBookableService(tx, serviceId);
  await tx`select pg_advisory_xact_lock(hashtextextended(${service.id}, 0))`;
  return { service, tenant: await bookingTenant(tx) };
}

function resolveStart(
  when: { starts_at?: string; date?: string; time?: string },
  timeZone: string,
): number {
  if (when.starts_at) return Date.parse(when.starts_at);
  if (when.date && when.time) return zonedTimeToInstant(when.date, when.time, timeZone).getTime();
  throw new ValidationError("Give starts_at, or date and time", { field: "starts_at" });
}

/** The booked range: the slot padded with the service's preparation and cleanup. */
function blockedRange(service: BookableService, start: number, end: number): [Date, Date] {
  return [
    new Date(start - service.meta.preparation_time * 60_000),
    new Date(end + service.meta.cleanup_time * 60_000),
  ];
}

interface SlotOptions {
  staffId?: string;
  holder?: string;
  now: Date;
}

async function slotTaken(
  tx: Tx,
  booking: Booking,
  start: number,
  options: SlotOptions,
): Promise<ConflictError> {
  const from = localDate(Math.max(start, options.now.getTime()), booking.tenant.timezone);
  const found = await findAvailability(tx, {
    serviceId: booking.service.id,
    from,
    to: addDays(from, 13),
    staffId: options.staffId,
    holder: options.holder,
    loaded: booking,
  }, options.now);
  return new ConflictError(
    "This time is no longer free; here are the next free times",
    "slot_unavailable",
    { next_slots: found.slots.filter((s) => Date.parse(s.start) > start).slice(0, 5) },
  );
}

/** The free slot that starts at `start`, with the availability it was found in; 409 when none. */
async function findSlot(
  tx: Tx,
  booking: Booking,
  start: number,
  options: SlotOptions & { excludeAppointmentId?: string; ignoreNotice?: boolean },
): Promise<{ slot: Slot; availability: Availability; date: string }> {
  const date = localDate(start, booking.tenant.timezone);
  const availability = await findAvailability(tx, {
    serviceId: booking.service.id,
    from: date,
    to: date,
    staffId: options.staffId,
    holder: options.holder,
    excludeAppointmentId: options.excludeAppointmentId,
    ignoreNotice: options.ignoreNotice,
    withLoad: true,
    loaded: booking,
  }, options.now);
  const slot = availability.slots.find((s) => Date.parse(s.start) === start);
  if (!slot) throw await slotTaken(tx, booking, start, options);
  return { slot, availability, date };
}

function orderByLoad(slot: Slot, availability: Availability, preferred?: string | null): string[] {
  const load = (id: string) => availability.load.get(`${id}:${slot.date}`) ?? 0;
  const ids = [...slot.staff_ids].sort((a, b) => load(a) - load(b));
  if (preferred && ids.includes(preferred)) {
    return [
      preferred,
      ...ids.filter((i) => i !== preferred),
    ];
  }
  return ids;
}

/** Books an appointment, or refuses with 409 and the next free slots. */
export async function createAppointment(
  tx: Tx,
  input: z.infer<typeof AppointmentCreate>,
  options: BookingOptions,
): Promise<Appointment> {
  const now = options.now ?? new Date();
  const phone = requirePhone(
    input.customer.phone,
    "customer.phone",
    "Invalid phone number: give a Turkish mobile such as 0532 123 45 67",
  );
  const booking = await loadBooking(tx, input.service_id);
  const { service, tenant } = booking;
  const start = resolveStart(input, tenant.timezone);
  if (Number.isNaN(start)) throw new ValidationError("Invalid start time", { field: "starts_at" });
  // The time held for this conversation keeps the staff member it was held with.
  const [hold] = input.hold_id
    ? await tx<{ holder: string; staff_id: string | null }[]>`
      select holder, staff_id from slot_holds where id = ${input.hold_id} and expires_at > ${now}`
    : options.conversationId
    ? await tx<{ holder: string; staff_id: string | null }[]>`
      select holder, staff_id from slot_holds
      where holder = ${options.conversationId} and offering_id = ${service.id}
        and starts_at = ${new Date(start)} and expires_at > ${now}`
    : [];
  const holder = hold?.holder ?? options.conversationId ?? undefined;
  const wanted = { staffId: input.staff_id, holder, now };
  const { slot, availability, date } = await findSlot(tx, booking, start, {
    ...wanted,
    ignoreNotice: options.actor === "business",
  });
  const candidates: (string | null)[] = service.meta.staff_required
    ? orderByLoad(slot, availability, input.staff_id ?? hold?.staff_id)
    : [null];
  const end = Date.parse(slot.end);
  const [blockStart, blockEnd] = blockedRange(service, start, end);
  const status = tenant.settings.booking.auto_confirm ? "confirmed" : "pending";
  const channel: z.infer<typeof Channel> = input.channel ??
    (options.actor === "business" ? "dashboard" : "web");
  let id: string | undefined;
  let staffId: string | null = null;
  let code = "";
  for (const candidate of candidates) {
    for (let attempt = 0; attempt < 5 && !id; attempt++) {
      code = confirmationCode();
      try {
        const [row] = await tx.savepoint((sp) =>
          sp<{ id: string }[]>`
          insert into appointments (tenant_id, offering_id, staff_id, customer_name, customer_phone,
            customer_email, scheduled_date, scheduled_time, starts_at, ends_at, blocked, status,
            confirmation_code, channel, conversation_id, price, notes, staff_chosen)
          values (${tx.tenantId}, ${service.id}, ${candidate}, ${input.customer.name}, ${phone},
            ${input.customer.email ?? null}, ${date}, ${slot.time}, ${new Date(start)},
            ${new Date(end)}, tstzrange(${blockStart}, ${blockEnd}), ${status}, ${code},
            ${channel}, ${options.conversationId ?? null}, ${service.price},
            ${input.notes ?? null}, ${input.staff_id !== undefined})
          returning id`
        );
        id = row!.id;
        staffId = candidate;
      } catch (err) {
        const pg = (err as { code?: string; constraint_name?: string }).code;
        if (pg === "23505") continue;
        if (pg === "23P01") break;
        throw err;
      }
    }
    if (id) break;
  }
  if (!id) throw await slotTaken(tx, booking, start, wanted);
  if (input.hold_id) await tx`delete from slot_holds where id = ${input.hold_id}`;
  if (holder) await tx`delete from slot_holds where holder = ${holder}`;
  const appointment = await getAppointment(tx, id);
  await notifyBooked(tx, appointment, tenant, now);
  tx.emit({ type: "appointments.changed", data: { id, action: "created" } });
  await audit(tx, options.actor, "appointment.created", id, { staff_id: staffId, code });
  return appointment;
}

async function notifyBooked(
  tx: Tx,
  a: Appointment,
  tenant: BookingTenant,
  now: Date,
): Promise<void> {
  await queueAppointmentSms(tx, a, "appointment_confirmation", tenant);
  const remindAt = new Date(a.starts_at.getTime() - 24 * 3600_000);
  if (remindAt.getTime() > now.getTime() + 5 * 60_000) {
    await enqueue(tx, "appointment.reminder", {
      appointment_id: a.id,
      starts_at: a.starts_at.toISOString(),
    }, { runAt: remindAt, idempotencyKey: `reminder:${a.id}:${a.starts_at.toISOString()}` });
  }
}

/** Queues an SMS about an appointment to its customer, in the language of their conversation. */
export async function queueAppointmentSms(
  tx: Tx,
  a: Appointment,
  template: "appointment_confirmation" | "appointment_reminder" | "appointment_cancelled",
  tenant?: { business_name: string; timezone: string },
): Promise<void> {
  const { business_name, timezone } = tenant ?? await bookingTenant(tx);
  const [conversation] = a.conversation_id
    ? await tx<{ locale: "tr" | "en" }[]>`
      select locale from conversations where id = ${a.conversation_id}`
    : [];
  const locale = conversation?.locale ?? "tr";
  await queueSms(tx, {
    to: a.customer_phone,
    template,
    locale,
    params: {
      business: business_name,
      service: a.service_name,
      when: formatWhen(a.starts_at, timezone, locale),
      code: a.confirmation_code,
      staff: a.staff_name,
    },
    appointmentId: a.id,
  });
}

async function audit(tx: Tx, actor: Actor, action: string, id: string, data: object) {
  await recordAudit(tx, {
    actor,
    action,
    entity: "appointment",
    entityId: id,
    data: data as Record<string, unknown>,
  });
}

/** Returns one appointment. */
export async function getAppointment(tx: Tx, id: string): Promise<Appointment> {
  const [row] = await tx<Appointment[]>`${tx.unsafe(SELECT)} where a.id = ${id}`;
  if (!row) throw new NotFoundError("Appointment");
  return row;
}

/** Every appointment booked with a phone number, by start time. */
export async function appointmentsOfPhone(tx: Tx, phone: string): Promise<Appointment[]> {
  return await tx<Appointment[]>`
    ${tx.unsafe(SELECT)} where a.customer_phone = ${phone} order by a.starts_at, a.id`;
}

/** Lists appointments by start time, with filters and keyset pagination. */
export async function listAppointments(
  tx: Tx,
  query: z.infer<typeof AppointmentListQuery>,
): Promise<Page<Appointment>> {
  const after = decodeCursor(query.cursor);
  const { timezone } = await bookingTenant(tx);
  const from = query.from ? zonedTimeToInstant(query.from, "00:00", timezone) : null;
  const to = query.to ? zonedTimeToInstant(addDays(query.to, 1), "00:00", timezone) : null;
  const phone = query.phone ? requirePhone(query.phone, "phone") : null;
  const rows = await tx<Appointment[]>`
    ${tx.unsafe(SELECT)}
    where true
      ${from ? tx`and a.starts_at >= ${from}` : tx``}
      ${to ? tx`and a.starts_at < ${to}` : tx``}
      ${query.staff_id ? tx`and a.staff_id = ${query.staff_id}` : tx``}
      ${query.service_id ? tx`and a.offering_id = ${query.service_id}` : tx``}
      ${query.status ? tx`and a.status = ${query.status}` : tx``}
      ${phone ? tx`and a.customer_phone = ${phone}` : tx``}
      ${
    after
      ? tx`and (a.starts_at, a.id) > (select starts_at, id from appointments where id = ${after})`
      : tx``
  }
    order by a.starts_at, a.id
    limit ${query.limit + 1}`;
  return toPage(rows, query.limit);
}

/** Changes the time, staff member, status or notes of an appointment. */
export async function updateAppointment(
  tx: Tx,
  id: string,
  patch: z.infer<typeof AppointmentUpdate>,
  options: BookingOptions,
): Promise<Appointment> {
  const now = options.now ?? new Date();
  if (patch.status === "cancelled") {
    return await cancelAppointment(tx, id, {
      by: options.actor,
      reason: patch.cancel_reason,
      now,
    });
  }
  const current = await getAppointment(tx, id);
  const moving = patch.starts_at !== undefined || patch.date !== undefined ||
    (patch.staff_id !== undefined && patch.staff_id !== current.staff_id);
  if (moving) await reschedule(tx, current, patch, options, now);
  if (patch.status && patch.status !== current.status) {
    if (!TRANSITIONS[current.status].includes(patch.status)) {
      throw new ConflictError(
        `Cannot change status from ${current.status} to ${patch.status}`,
        "invalid_transition",
        { from: current.status, allowed: TRANSITIONS[current.status] },
      );
    }
    if ((patch.status === "completed" || patch.status === "no_show") && current.starts_at > now) {
      throw new ConflictError(
        `Cannot mark as ${patch.status} before the appointment starts`,
        "too_early",
      );
    }
    await tx`update appointments set status = ${patch.status}, updated_at = now() where id = ${id}`;
  }
  if (patch.notes !== undefined) {
    await tx`update appointments set notes = ${patch.notes}, updated_at = now() where id = ${id}`;
  }
  tx.emit({ type: "appointments.changed", data: { id, action: "updated" } });
  await audit(tx, options.actor, "appointment.updated", id, patch);
  return await getAppointment(tx, id);
}

async function reschedule(
  tx: Tx,
  current: Appointment,
  patch: z.infer<typeof AppointmentUpdate>,
  options: BookingOptions,
  now: Date,
): Promise<void> {
  if (current.status !== "pending" && current.status !== "confirmed") {
    throw new ConflictError(
      `Cannot move an appointment that is ${current.status}`,
      "invalid_transition",
    );
  }
  const booking = await loadBooking(tx, current.offering_id);
  const { service, tenant } = booking;
  const start = patch.starts_at || patch.date
    ? resolveStart(patch, tenant.timezone)
    : current.starts_at.getTime();
  const wanted = { staffId: patch.staff_id ?? undefined, now };
  const { slot, availability, date } = await findSlot(tx, booking, start, {
    ...wanted,
    excludeAppointmentId: current.id,
    ignoreNotice: options.actor === "business",
  });
  const candidates = service.meta.staff_required
    ? orderByLoad(slot, availability, wanted.staffId ?? current.staff_id)
    : [null];
  const end = Date.parse(slot.end);
  const [blockStart, blockEnd] = blockedRange(service, start, end);
  let moved = false;
  for (const candidate of candidates) {
    try {
      await tx.savepoint((sp) =>
        sp`update appointments set staff_id = ${candidate}, scheduled_date = ${date},
          scheduled_time = ${slot.time}, starts_at = ${new Date(start)}, ends_at = ${new Date(end)},
          blocked = tstzrange(${blockStart}, ${blockEnd}), updated_at = now()
        where id = ${current.id}`
      );
      moved = true;
      break;
    } catch (err) {
      if ((err as { code?: string }).code !== "23P01") throw err;
    }
  }
  if (!moved) throw await slotTaken(tx, booking, start, wanted);
  const updated = await getAppointment(tx, current.id);
  await notifyBooked(tx, updated, tenant, now);
}

/** Cancels an appointment; a customer may only do so outside the service's cancellation window. */
export async function cancelAppointment(
  tx: Tx,
  id: string,
  options: { by: Actor; reason?: string; now?: Date },
): Promise<Appointment> {
  const now = options.now ?? new Date();
  const [row] = await tx<(Appointment & { cancellation_hours: number | null })[]>`
    select a.status, a.starts_at, (o.meta_info->>'cancellation_hours')::int as cancellation_hours
    from appointments a join offerings o on o.id = a.offering_id
    where a.id = ${id} for update of a`;
  if (!row) throw new NotFoundError("Appointment");
  if (!TRANSITIONS[row.status].includes("cancelled")) {
    throw new ConflictError(
      `Cannot cancel an appointment that is ${row.status}`,
      "invalid_transition",
    );
  }
  const hours = row.cancellation_hours ?? DEFAULT_CANCELLATION_HOURS;
  if (options.by === "customer" && !outsideWindow(row.starts_at, hours, now)) {
    throw new ConflictError(
      `Cannot cancel: appointments can be cancelled up to ${hours} hours before; please call the business`,
      "cancellation_window_passed",
      { cancellation_hours: hours },
    );
  }
  await tx`
    update appointments set status = 'cancelled', cancelled_at = now(),
      cancelled_by = ${options.by}, cancel_reason = ${options.reason ?? null}, updated_at = now()
    where id = ${id}`;
  const a = await getAppointment(tx, id);
  await queueAppointmentSms(tx, a, "appointment_cancelled");
  tx.emit({ type: "appointments.changed", data: { id, action: "cancelled" } });
  await audit(tx, options.by, "appointment.cancelled", id, { reason: options.reason ?? null });
  return a;
}

/** Whether a start lies more than the cancellation window's `hours` after `now`. */
function outsideWindow(startsAt: Date, hours: number, now: Date): boolean {
  return new Date(startsAt).getTime() - hours * 3600_000 >= now.getTime();
}

/**
 * How many hours before its start the customer may still cancel an appointment themselves, and
 * whether they still may now.
 */
export async function customerCancellation(
  tx: Tx,
  a: Appointment,
  now: Date,
): Promise<{ hours: number; allowed: boolean }> {
  const [row] = await tx<{ hours: number | null }[]>`
    select (meta_info->>'cancellation_hours')::int as hours from offerings
    where id = ${a.offering_id}`;
  const hours = row?.hours ?? DEFAULT_CANCELLATION_HOURS;
  return { hours, allowed: outsideWindow(a.starts_at, hours, now) };
}

/** Finds a customer's appointment by confirmation code and phone; null when they do not match. */
export async function findByCode(tx: Tx, code: string, phone: string): Promise<Appointment | null> {
  const normal = normalizePhone(phone);
  if (!normal) return null;
  const [row] = await tx<Appointment[]>`
    ${tx.unsafe(SELECT)} where a.confirmation_code = ${code.toUpperCase()}
      and a.customer_phone = ${normal}`;
  return row ?? null;
}

/** Cancels on the customer's behalf: the code and the phone must both match. */
export async function cancelByCode(
  tx: Tx,
  input: { confirmation_code: string; phone: string; reason?: string },
  now: Date = new Date(),
): Promise<Appointment> {
  const found = await findByCode(tx, input.confirmation_code, input.phone);
  if (!found) throw new NotFoundError("Appointment with this code and phone");
  return await cancelAppointment(tx, found.id, { by: "customer", reason: input.reason, now });
}

/** A slot kept for a holder for a few minutes. */
export interface Hold {
  id: string;
  service_id: string;
  staff_id: string | null;
  start: string;
  end: string;
  expires_at: Date;
  holder: string;
}

/** Holds a free slot for a holder (replacing their earlier hold); it lapses by itself. */
export async function holdSlot(
  tx: Tx,
  input: z.infer<typeof HoldCreate>,
  now: Date = new Date(),
): Promise<Hold> {
  const booking = await loadBooking(tx, input.service_id);
  const { service, tenant } = booking;
  const start = resolveStart(input, tenant.timezone);
  await tx`delete from slot_holds where expires_at <= ${now} or holder = ${input.holder}`;
  const { slot, availability } = await findSlot(tx, booking, start, {
    staffId: input.staff_id,
    holder: input.holder,
    now,
  });
  const staffId = service.meta.staff_required
    ? orderByLoad(slot, availability, input.staff_id)[0]!
    : null;
  const end = Date.parse(slot.end);
  const [blockStart, blockEnd] = blockedRange(service, start, end);
  const expires = new Date(now.getTime() + tenant.settings.booking.hold_minutes * 60_000);
  const [row] = await tx<{ id: string }[]>`
    insert into slot_holds (tenant_id, offering_id, staff_id, starts_at, ends_at, blocked, holder,
      expires_at)
    values (${tx.tenantId}, ${service.id}, ${staffId}, ${new Date(start)}, ${new Date(end)},
      tstzrange(${blockStart}, ${blockEnd}), ${input.holder}, ${expires})
    returning id`;
  tx.emit({ type: "appointments.changed", data: { hold_id: row!.id, action: "held" } });
  return {
    id: row!.id,
    service_id: service.id,
    staff_id: staffId,
    start: slot.start,
    end: slot.end,
    expires_at: expires,
    holder: input.holder,
  };
}

/** Releases a hold before it lapses. */
export async function releaseHold(tx: Tx, id: string): Promise<void> {
  const [row] = await tx`delete from slot_holds where id = ${id} returning id`;
  if (!row) throw new NotFoundError("Hold");
  tx.emit({ type: "appointments.changed", data: { hold_id: id, action: "released" } });
}
