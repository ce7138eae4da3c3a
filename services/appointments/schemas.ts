/**
 * Appointment schemas shared by the API, the assistant's tools and the dashboard.
 * @module
 */
import { z } from "zod";
import { PageQuery } from "../pagination.ts";
import { TimeOfDay } from "../tenants/settings.ts";

/** A local date, "YYYY-MM-DD". */
export const LocalDate = z.iso.date();

/** Statuses an appointment passes through. */
export const AppointmentStatus = z.enum([
  "pending",
  "confirmed",
  "completed",
  "cancelled",
  "no_show",
]);

/** An appointment status. */
export type AppointmentStatus = z.infer<typeof AppointmentStatus>;

/** Channels a booking can come from. */
export const Channel = z.enum(["web", "arma", "whatsapp", "dashboard", "api"]);

/** The customer of a booking or an order. */
export const Customer = z.object({
  name: z.string().trim().min(2).max(255),
  phone: z.string().trim().min(7).max(32),
  email: z.email().max(255).optional(),
});

/** When: an instant with its offset, or a local date and time in the tenant's zone. */
const When = {
  starts_at: z.iso.datetime({ offset: true }).optional(),
  date: LocalDate.optional(),
  time: TimeOfDay.optional(),
};

/** What `POST /api/appointments` accepts. */
export const AppointmentCreate = z.object({
  service_id: z.guid(),
  ...When,
  staff_id: z.guid().optional(),
  customer: Customer,
  notes: z.string().max(2000).optional(),
  channel: Channel.optional(),
  hold_id: z.guid().optional(),
  idempotency_key: z.string().min(8).max(255).optional(),
}).strict().refine((v) => v.starts_at !== undefined || (v.date && v.time), {
  message: "give starts_at, or date and time",
  path: ["starts_at"],
});

/** What `PUT /api/appointments/:id` accepts: a new time or staff, a status, notes. */
export const AppointmentUpdate = z.object({
  ...When,
  staff_id: z.guid().optional(),
  status: AppointmentStatus.optional(),
  notes: z.string().max(2000).nullable().optional(),
  cancel_reason: z.string().max(500).optional(),
}).strict().refine((v) => !(v.date && !v.time) && !(v.time && !v.date), {
  message: "give date and time together",
  path: ["date"],
});

/** Filters of `GET /api/appointments`. */
export const AppointmentListQuery = PageQuery.extend({
  from: LocalDate.optional(),
  to: LocalDate.optional(),
  staff_id: z.guid().optional(),
  service_id: z.guid().optional(),
  status: AppointmentStatus.optional(),
  phone: z.string().max(32).optional(),
});

/** What `GET /api/appointments/availability` accepts. */
export const AvailabilityParams = z.object({
  service_id: z.guid(),
  date: LocalDate.optional(),
  from: LocalDate.optional(),
  to: LocalDate.optional(),
  staff_id: z.guid().optional(),
}).refine((v) => v.date !== undefined || v.from !== undefined, {
  message: "give date, or from (and to)",
  path: ["date"],
});

/** What `POST /api/appointments/holds` accepts. */
export const HoldCreate = z.object({
  service_id: z.guid(),
  ...When,
  staff_id: z.guid().optional(),
  holder: z.string().min(1).max(255),
}).strict().refine((v) => v.starts_at !== undefined || (v.date && v.time), {
  message: "give starts_at, or date and time",
  path: ["starts_at"],
});

/** What a customer sends to cancel their own appointment. */
export const CustomerCancel = z.object({
  confirmation_code: z.string().trim().min(6).max(6),
  phone: z.string().trim().min(7).max(32),
  reason: z.string().max(500).optional(),
}).strict();
