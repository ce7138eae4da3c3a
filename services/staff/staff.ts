/**
 * Staff members: who they are, their weekly working hours, their time off, and which services they
 * perform (kept in each service's `meta_info.staff_ids`, the seed document's single source).
 * @module
 */
import { z } from "zod";
import type { Tx } from "../../db/types.ts";
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import { requirePhone } from "../phone.ts";
import { TimeOfDay } from "../tenants/settings.ts";

/** One weekly working interval; weekday 1 is Monday, 7 is Sunday. */
export const WorkingHours = z.object({
  weekday: z.number().int().min(1).max(7),
  start: TimeOfDay,
  end: TimeOfDay,
}).strict().refine((h) => h.start < h.end, { message: "start must be before end" });

const WeeklyHours = z.array(WorkingHours).max(28).refine((list) => {
  const byDay = new Map<number, { start: string; end: string }[]>();
  for (const h of list) byDay.set(h.weekday, [...(byDay.get(h.weekday) ?? []), h]);
  return [...byDay.values()].every((day) =>
    day.sort((a, b) => a.start.localeCompare(b.start)).every((h, i) =>
      i === 0 || day[i - 1]!.end <= h.start
    )
  );
}, "intervals of one day must not overlap");

const fields = {
  name: z.string().trim().min(1).max(255),
  title: z.string().trim().max(255).nullable(),
  email: z.email().max(255).nullable(),
  phone: z.string().max(32).nullable(),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, "expected a colour such as #3366ff").nullable(),
  is_active: z.boolean(),
  working_hours: WeeklyHours,
  service_ids: z.array(z.guid()).max(200),
};

/** What `POST /api/staff` accepts. */
export const StaffCreate = z.object({
  ...fields,
  title: fields.title.optional(),
  email: fields.email.optional(),
  phone: fields.phone.optional(),
  color: fields.color.optional(),
  is_active: fields.is_active.default(true),
  working_hours: fields.working_hours.default([]),
  service_ids: fields.service_ids.default([]),
}).strict();

/** What `PUT /api/staff/:id` accepts; lists given replace the stored ones. */
export const StaffUpdate = z.object(fields).partial().strict();

/** What `POST /api/staff/:id/time-off` accepts. */
export const TimeOffCreate = z.object({
  starts_at: z.iso.datetime({ offset: true }),
  ends_at: z.iso.datetime({ offset: true }),
  reason: z.string().trim().max(255).optional(),
}).strict().refine((t) => new Date(t.starts_at) < new Date(t.ends_at), {
  message: "starts_at must be before ends_at",
  path: ["ends_at"],
});

/** A period a staff member is away. */
export interface TimeOff {
  id: string;
  staff_id: string;
  starts_at: Date;
  ends_at: Date;
  reason: string | null;
}

/** A staff member with their hours, services and coming time off. */
export interface StaffMember {
  id: string;
  name: string;
  title: string | null;
  email: string | null;
  phone: string | null;
  color: string | null;
  is_active: boolean;
  working_hours: { weekday: number; start: string; end: string }[];
  service_ids: string[];
  time_off: TimeOff[];
  created_at: Date;
  updated_at: Date;
}

type StaffRow = Omit<StaffMember, "working_hours" | "service_ids" | "time_off">;

function phoneOrThrow(phone: string | null | undefined): string | null | undefined {
  if (phone === undefined || phone === null) return phone;
  return requirePhone(phone, "phone");
}

async function hydrate(tx: Tx, rows: StaffRow[]): Promise<StaffMember[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const hours = await tx<{ staff_id: string; weekday: number; start: string; end: string }[]>`
    select staff_id, weekday, to_char(start_time, 'HH24:MI') as start,
      to_char(end_time, 'HH24:MI') as "end"
    from staff_working_hours where staff_id in ${tx(ids)} order by weekday, start_time`;
  const services = await tx<{ id: string; staff_ids: string[] }[]>`
    select id, meta_info->'staff_ids' as staff_ids from offerings
    where offering_type = 'service' and jsonb_typeof(meta_info->'staff_ids') = 'array'
    order by name`;
  const off = await tx<TimeOff[]>`
    select id, staff_id, starts_at, ends_at, reason from staff_time_off
    where staff_id in ${tx(ids)} and ends_at > now() order by starts_at`;
  return rows.map((r) => ({
    ...r,
    working_hours: hours.filter((h) => h.staff_id === r.id).map(({ weekday, start, end }) => ({
      weekday,
      start,
      end,
    })),
    service_ids: services.filter((s) => s.staff_ids.includes(r.id)).map((s) => s.id),
    time_off: off.filter((t) => t.staff_id === r.id),
  }));
}

const COLUMNS = "id, name, title, email, phone, color, is_active, created_at, updated_at";

/** Lists staff members, active first, by name. */
export async function listStaff(tx: Tx, options: { activeOnly?: boolean } = {}) {
  const rows = await tx<StaffRow[]>`
    select ${tx.unsafe(COLUMNS)} from staff_members
    ${options.activeOnly ? tx`where is_active` : tx``}
    order by is_active desc, name, id`;
  return await hydrate(tx, rows);
}

/** A staff member in a pick list. */
export interface StaffOption {
  id: string;
  name: string;
  color: string | null;
}

/** Staff members for a pick list, active first, by name; only the active ones with `activeOnly`. */
export async function staffOptions(
  tx: Tx,
  options: { activeOnly?: boolean } = {},
): Promise<StaffOption[]> {
  return await tx<StaffOption[]>`
    select id, name, color from staff_members
    ${options.activeOnly ? tx`where is_active` : tx``}
    order by is_active desc, name, id`;
}

/** Returns one staff member. */
export async function getStaff(tx: Tx, id: string): Promise<StaffMember> {
  const rows = await tx<StaffRow[]>`select ${
    tx.unsafe(COLUMNS)
  } from staff_members where id = ${id}`;
  if (rows.length === 0) throw new NotFoundError("Staff member");
  return (await hydrate(tx, rows))[0]!;
}

async function replaceHours(tx: Tx, staffId: string, hours: z.infer<typeof WeeklyHours>) {
  await tx`delete from staff_working_hours where staff_id = ${staffId}`;
  if (hours.length === 0) return;
  await tx`insert into staff_working_hours ${
    tx(
      hours.map((h) => ({
        tenant_id: tx.tenantId,
        staff_id: staffId,
        weekday: h.weekday,
        start_time: h.start,
        end_time: h.end === "24:00" ? "23:59:59" : h.end,
      })),
    )
  }`;
}

async function replaceServices(tx: Tx, staffId: string, serviceIds: string[]) {
  const wanted = [...new Set(serviceIds)];
  if (wanted.length > 0) {
    const found = await tx<{ id: string }[]>`
      select id from offerings where offering_type = 'service' and id in ${tx(wanted)}`;
    if (found.length !== wanted.length) {
      throw new ValidationError(
        "Cannot save staff member: some services do not exist",
        { field: "service_ids" },
        "unknown_service",
      );
    }
  }
  const staffJson = tx.json([staffId]);
  await tx`
    update offerings set meta_info = jsonb_set(meta_info, '{staff_ids}',
      coalesce((select jsonb_agg(e) from jsonb_array_elements(meta_info->'staff_ids') e
        where e <> to_jsonb(${staffId}::text)), '[]'::jsonb)), updated_at = now()
    where offering_type = 'service' and meta_info->'staff_ids' @> ${staffJson}
      ${wanted.length > 0 ? tx`and id not in ${tx(wanted)}` : tx``}`;
  if (wanted.length > 0) {
    await tx`
      update offerings set meta_info = jsonb_set(meta_info, '{staff_ids}',
        coalesce(meta_info->'staff_ids', '[]'::jsonb) || ${staffJson}), updated_at = now()
      where offering_type = 'service' and id in ${tx(wanted)}
        and not coalesce(meta_info->'staff_ids', '[]'::jsonb) @> ${staffJson}`;
  }
  tx.emit({ type: "offerings.changed", data: { staff_id: staffId } });
}

/** Adds a staff member with their hours and services. */
export async function createStaff(tx: Tx, input: z.infer<typeof StaffCreate>) {
  const [row] = await tx<{ id: string }[]>`
    insert into staff_members (tenant_id, name, title, email, phone, color, is_active)
    values (${tx.tenantId}, ${input.name}, ${input.title ?? null}, ${input.email ?? null},
      ${phoneOrThrow(input.phone) ?? null}, ${input.color ?? null}, ${input.is_active})
    returning id`;
  await replaceHours(tx, row!.id, input.working_hours);
  if (input.service_ids.length > 0) await replaceServices(tx, row!.id, input.service_ids);
  tx.emit({ type: "staff.changed", data: { id: row!.id } });
  return await getStaff(tx, row!.id);
}

/** Updates a staff member; given hours and services replace the stored ones. */
export async function updateStaff(tx: Tx, id: string, patch: z.infer<typeof StaffUpdate>) {
  const [row] = await tx`
    update staff_members set
      name = coalesce(${patch.name ?? null}, name),
      title = ${patch.title !== undefined ? tx`${patch.title}` : tx`title`},
      email = ${patch.email !== undefined ? tx`${patch.email}` : tx`email`},
      phone = ${patch.phone !== undefined ? tx`${phoneOrThrow(patch.phone) ?? null}` : tx`phone`},
      color = ${patch.color !== undefined ? tx`${patch.color}` : tx`color`},
      is_active = coalesce(${patch.is_active ?? null}, is_active),
      updated_at = now()
    where id = ${id} returning id`;
  if (!row) throw new NotFoundError("Staff member");
  if (patch.working_hours) await replaceHours(tx, id, patch.working_hours);
  if (patch.service_ids) await replaceServices(tx, id, patch.service_ids);
  tx.emit({ type: "staff.changed", data: { id } });
  return await getStaff(tx, id);
}

async function requireStaff(tx: Tx, id: string): Promise<void> {
  const [row] = await tx`select 1 from staff_members where id = ${id}`;
  if (!row) throw new NotFoundError("Staff member");
}

/** Deactivates a staff member, or with `hard` removes one no appointment refers to. */
export async function deleteStaff(tx: Tx, id: string, hard: boolean): Promise<StaffMember | null> {
  if (!hard) return await updateStaff(tx, id, { is_active: false });
  await requireStaff(tx, id);
  const [used] = await tx`select 1 from appointments where staff_id = ${id} limit 1`;
  if (used) {
    throw new ConflictError(
      "Cannot delete staff member: appointments refer to them; deactivate instead",
      "staff_in_use",
    );
  }
  await replaceServices(tx, id, []);
  await tx`delete from staff_members where id = ${id}`;
  tx.emit({ type: "staff.changed", data: { id } });
  return null;
}

/** Records time off for a staff member. */
export async function addTimeOff(tx: Tx, staffId: string, input: z.infer<typeof TimeOffCreate>) {
  await requireStaff(tx, staffId);
  const [row] = await tx<TimeOff[]>`
    insert into staff_time_off (tenant_id, staff_id, starts_at, ends_at, reason)
    values (${tx.tenantId}, ${staffId}, ${input.starts_at}, ${input.ends_at}, ${
    input.reason ?? null
  })
    returning id, staff_id, starts_at, ends_at, reason`;
  tx.emit({ type: "staff.changed", data: { id: staffId } });
  return row!;
}

/** Removes a time-off entry. */
export async function deleteTimeOff(tx: Tx, staffId: string, timeOffId: string): Promise<void> {
  const [row] = await tx`
    delete from staff_time_off where id = ${timeOffId} and staff_id = ${staffId} returning id`;
  if (!row) throw new NotFoundError("Time off");
  tx.emit({ type: "staff.changed", data: { id: staffId } });
}
