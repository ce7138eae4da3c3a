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
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import { enqueue } from "../jobs/queue.ts";
import { decodeCursor, type Page, toPage } from "../pagination.ts";
import { normalizePhone } from "../phone.ts";
import { queueSms } from "../sms/outbox.ts";
import { formatWhen } from "../sms/templates.ts";
import { readSettings } from "../tenants/settings.ts";
import { addDays, localDate, zonedTimeToInstant } from "../time.ts";
import { type Availability, findAvailability, getBookableService } from "./availability.ts";
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

function phoneOrThrow(phone: string): string {
  const normal = normalizePhone(phone);
  if (!normal) {
    throw new ValidationError(
      "Invalid phone number: give a Turkish mobile such as 0532 123 45 67",
      { field: "customer.phone" },
      "invalid_phone",
    );
  }
  return normal;
}

async function tenantContext(tx: Tx) {
  const [row] = await tx<{ timezone: string; settings: unknown; business_name: string }[]>`
    select timezone, settings, business_name from tenants where id = ${tx.tenantId}`;
  return { ...row!, settings: readSettings(row!.settings) };
}

/** The instant a request names: `starts_at`, or a local date and time in the tenant's zone. */
export function resolveStart(
  when: { starts_at?: string; date?: string; time?: string },
  timeZone: string,
): number {
  if (when.starts_at) return Date.parse(when.starts_at);
  if (when.date && when.time) return zonedTimeToInstant(when.date, when.time, timeZone).getTime();
  throw new ValidationError("Give starts_at, or date and time", { field: "starts_at" });
}

async function lockService(tx: Tx, serviceId: string): Promise<void> {
  await tx`select pg_advisory_xact_lock(hashtextextended(${serviceId}, 0))`;
}

/** The next free slots after an instant, for a refusal's details. */
export async function nextSlots(
  tx: Tx,
  serviceId: string,
  after: number,
  options: { staffId?: string; holder?: string; now?: Date; limit?: number } = {},
): Promise<Slot[]> {
  const now = options.now ?? new Date();
  const { timezone } = await tenantContext(tx);
  const from = localDate(Math.max(after, now.getTime()), timezone);
  const found = await findAvailability(tx, {
    serviceId,
    from,
    to: addDays(from, 13),
    staffId: options.staffId,
    holder: options.holder,
  }, now);
  return found.slots.filter((s) => Date.parse(s.start) > after).slice(0, options.limit ?? 5);
}

async function slotTaken(
  tx: Tx,
  serviceId: string,
  start: number,
  options: { staffId?: string; holder?: string; now: Date },
): Promise<ConflictError> {
  return new ConflictError(
    "This time is no longer free; here are the next free times",
    "slot_unavailable",
    { next_slots: await nextSlots(tx, serviceId, start, options) },
  );
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
  const phone = phoneOrThrow(input.customer.phone);
  const service = await getBookableService(tx, input.service_id);
  await lockService(tx, service.id);
  const tenant = await tenantContext(tx);
  const start = resolveStart(input, tenant.timezone);
  if (Number.isNaN(start)) throw new ValidationError("Invalid start time", { field: "starts_at" });
  const date = localDate(start, tenant.timezone);
  const [hold] = input.hold_id
    ? await tx<{ holder: string; staff_id: string | null }[]>`
      select holder, staff_id from slot_holds where id = ${input.hold_id} and expires_at > ${now}`
    : [];
  const holder = hold?.holder ?? options.conversationId ?? undefined;
  const availability = await findAvailability(tx, {
    serviceId: service.id,
    from: date,
    to: date,
    staffId: input.staff_id,
    holder,
    ignoreNotice: options.actor === "business",
    withLoad: true,
  }, now);
  const slot = availability.slots.find((s) => Date.parse(s.start) === start);
  if (!slot) throw await slotTaken(tx, service.id, start, { staffId: input.staff_id, holder, now });
  const meta = service.meta;
  const candidates: (string | null)[] = meta.staff_required
    ? orderByLoad(slot, availability, input.staff_id ?? hold?.staff_id)
    : [null];
  const end = Date.parse(slot.end);
  const blockStart = new Date(start - meta.preparation_time * 60_000);
  const blockEnd = new Date(end + meta.cleanup_time * 60_000);
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
  if (!id) throw await slotTaken(tx, service.id, start, { staffId: input.staff_id, holder, now });
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
  tenant: Awaited<ReturnType<typeof tenantContext>>,
  now: Date,
): Promise<void> {
  const locale = await customerLocale(tx, a.conversation_id);
  await queueSms(tx, {
    to: a.customer_phone,
    template: "appointment_confirmation",
    locale,
    params: {
      business: tenant.business_name,
      service: a.service_name,
      when: formatWhen(a.starts_at, tenant.timezone, locale),
      code: a.confirmation_code,
      staff: a.staff_name,
    },
    appointmentId: a.id,
  });
  const remindAt = new Date(a.starts_at.getTime() - 24 * 3600_000);
  if (remindAt.getTime() > now.getTime() + 5 * 60_000) {
    await enqueue(tx, "appointment.reminder", {
      appointment_id: a.id,
      starts_at: a.starts_at.toISOString(),
    }, { runAt: remindAt, idempotencyKey: `reminder:${a.id}:${a.starts_at.toISOString()}` });
  }
}

async function customerLocale(tx: Tx, conversationId: string | null): Promise<"tr" | "en"> {
  if (!conversationId) return "tr";
  const [row] = await tx<{ locale: "tr" | "en" }[]>`
    select locale from conversations where id = ${conversationId}`;
  return row?.locale ?? "tr";
}

async function audit(tx: Tx, actor: Actor, action: string, id: string, data: object) {
  await tx`insert into audit_log (tenant_id, actor_kind, action, entity, entity_id, data)
    values (${tx.tenantId}, ${actor}, ${action}, 'appointment', ${id}, ${tx.json(data as never)})`;
}

/** Returns one appointment. */
export async function getAppointment(tx: Tx, id: string): Promise<Appointment> {
  const [row] = await tx<Appointment[]>`${tx.unsafe(SELECT)} where a.id = ${id}`;
  if (!row) throw new NotFoundError("Appointment");
  return row;
}

/** Lists appointments by start time, with filters and keyset pagination. */
export async function listAppointments(
  tx: Tx,
  query: z.infer<typeof AppointmentListQuery>,
): Promise<Page<Appointment>> {
  const after = decodeCursor(query.cursor);
  const { timezone } = await tenantContext(tx);
  const from = query.from ? zonedTimeToInstant(query.from, "00:00", timezone) : null;
  const to = query.to ? zonedTimeToInstant(addDays(query.to, 1), "00:00", timezone) : null;
  const phone = query.phone ? normalizePhone(query.phone) : null;
  if (query.phone && !phone) {
    throw new ValidationError("Invalid phone number", { field: "phone" }, "invalid_phone");
  }
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
  const current = await getAppointment(tx, id);
  const moving = patch.starts_at !== undefined || patch.date !== undefined ||
    (patch.staff_id !== undefined && patch.staff_id !== current.staff_id);
  if (patch.status === "cancelled") {
    return await cancelAppointment(tx, id, {
      by: options.actor,
      reason: patch.cancel_reason,
      now,
    });
  }
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
  const service = await getBookableService(tx, current.offering_id);
  await lockService(tx, service.id);
  const tenant = await tenantContext(tx);
  const start = patch.starts_at || patch.date
    ? resolveStart(patch, tenant.timezone)
    : current.starts_at.getTime();
  const staffId = patch.staff_id ?? undefined;
  const date = localDate(start, tenant.timezone);
  const availability = await findAvailability(tx, {
    serviceId: service.id,
    from: date,
    to: date,
    staffId,
    excludeAppointmentId: current.id,
    ignoreNotice: options.actor === "business",
    withLoad: true,
  }, now);
  const slot = availability.slots.find((s) => Date.parse(s.start) === start);
  if (!slot) throw await slotTaken(tx, service.id, start, { staffId, now });
  const candidates = service.meta.staff_required
    ? orderByLoad(slot, availability, staffId ?? current.staff_id)
    : [null];
  const end = Date.parse(slot.end);
  const blockStart = new Date(start - service.meta.preparation_time * 60_000);
  const blockEnd = new Date(end + service.meta.cleanup_time * 60_000);
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
  if (!moved) throw await slotTaken(tx, service.id, start, { staffId, now });
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
  const hours = row.cancellation_hours ?? 24;
  if (options.by === "customer" && row.starts_at.getTime() - hours * 3600_000 < now.getTime()) {
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
  const tenant = await tenantContext(tx);
  const locale = await customerLocale(tx, a.conversation_id);
  await queueSms(tx, {
    to: a.customer_phone,
    template: "appointment_cancelled",
    locale,
    params: {
      business: tenant.business_name,
      service: a.service_name,
      when: formatWhen(a.starts_at, tenant.timezone, locale),
      code: a.confirmation_code,
    },
    appointmentId: a.id,
  });
  tx.emit({ type: "appointments.changed", data: { id, action: "cancelled" } });
  await audit(tx, options.by, "appointment.cancelled", id, { reason: options.reason ?? null });
  return a;
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
  const service = await getBookableService(tx, input.service_id);
  await lockService(tx, service.id);
  const tenant = await tenantContext(tx);
  const start = resolveStart(input, tenant.timezone);
  const date = localDate(start, tenant.timezone);
  await tx`delete from slot_holds where expires_at <= ${now} or holder = ${input.holder}`;
  const availability = await findAvailability(tx, {
    serviceId: service.id,
    from: date,
    to: date,
    staffId: input.staff_id,
    holder: input.holder,
    withLoad: true,
  }, now);
  const slot = availability.slots.find((s) => Date.parse(s.start) === start);
  if (!slot) {
    throw await slotTaken(tx, service.id, start, {
      staffId: input.staff_id,
      holder: input.holder,
      now,
    });
  }
  const staffId = service.meta.staff_required
    ? orderByLoad(slot, availability, input.staff_id)[0]!
    : null;
  const end = Date.parse(slot.end);
  const expires = new Date(now.getTime() + tenant.settings.booking.hold_minutes * 60_000);
  const [row] = await tx<{ id: string }[]>`
    insert into slot_holds (tenant_id, offering_id, staff_id, starts_at, ends_at, blocked, holder,
      expires_at)
    values (${tx.tenantId}, ${service.id}, ${staffId}, ${new Date(start)}, ${new Date(end)},
      tstzrange(${new Date(start - service.meta.preparation_time * 60_000)},
        ${new Date(end + service.meta.cleanup_time * 60_000)}),
      ${input.holder}, ${expires})
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
