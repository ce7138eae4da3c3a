/**
 * A tenant's settings: business hours, closed days, the assistant's persona and policies, booking,
 * shipping and payment preferences. Stored in `tenants.settings`, always read through `readSettings`.
 * @module
 */
import { z } from "zod";

/** Days of the week as settings keys, Monday first (ISO weekday 1..7). */
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

/** A weekday key. */
export type Weekday = (typeof WEEKDAYS)[number];

/** "HH:MM", 24-hour. */
export const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "expected HH:MM");

/** One opening interval within a day. */
export const OpeningRange = z.object({ open: TimeOfDay, close: TimeOfDay }).refine(
  (r) => r.open < r.close,
  { message: "open must be before close" },
);

/** Opening intervals per weekday; an empty list means closed that day. */
export const BusinessHours = z.object(
  Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(OpeningRange).max(4)])) as Record<
    Weekday,
    z.ZodArray<typeof OpeningRange>
  >,
);

/** The default week: Monday to Saturday 09:00–19:00, Sunday closed. */
export const DEFAULT_BUSINESS_HOURS: z.infer<typeof BusinessHours> = {
  mon: [{ open: "09:00", close: "19:00" }],
  tue: [{ open: "09:00", close: "19:00" }],
  wed: [{ open: "09:00", close: "19:00" }],
  thu: [{ open: "09:00", close: "19:00" }],
  fri: [{ open: "09:00", close: "19:00" }],
  sat: [{ open: "09:00", close: "19:00" }],
  sun: [],
};

/** A settings group: the full schema with defaults, and a patch schema without them. */
function group<T extends z.ZodRawShape>(shape: T, defaults: z.infer<z.ZodObject<T>>) {
  const full = z.object(
    Object.fromEntries(
      Object.entries(shape).map(([k, v]) => [k, (v as z.ZodType).default((defaults as never)[k])]),
    ) as unknown as T,
  );
  return { full, patch: z.object(shape).partial().strict(), defaults };
}

/** The assistant's persona and the business's policies it must follow. */
export const Assistant = group({
  name: z.string().trim().min(1).max(60),
  persona: z.string().max(2000),
  policies: z.string().max(4000),
  greeting_tr: z.string().max(500),
  greeting_en: z.string().max(500),
}, { name: "Arma", persona: "", policies: "", greeting_tr: "", greeting_en: "" });

/** How bookings behave. */
export const Booking = group({
  min_notice_minutes: z.number().int().min(0).max(10080),
  hold_minutes: z.number().int().min(1).max(30),
  auto_confirm: z.boolean(),
}, { min_notice_minutes: 60, hold_minutes: 5, auto_confirm: true });

/** Shipping prices for orders. */
export const Shipping = group({
  flat_cost: z.number().min(0).max(100000),
  free_threshold: z.number().min(0).max(10_000_000).nullable(),
}, { flat_cost: 0, free_threshold: null });

/** How customers pay when no online provider is configured. */
export const Payment = group({
  manual_instructions: z.string().max(2000),
  iban: z.string().max(40),
  accept_cash: z.boolean(),
}, { manual_instructions: "", iban: "", accept_cash: true });

/** The whole settings document with defaults filled in. */
export const TenantSettings = z.object({
  business_hours: BusinessHours.default(DEFAULT_BUSINESS_HOURS),
  closed_days: z.array(z.iso.date()).max(366).default([]),
  assistant: Assistant.full.default(Assistant.defaults),
  booking: Booking.full.default(Booking.defaults),
  shipping: Shipping.full.default(Shipping.defaults),
  payments: Payment.full.default(Payment.defaults),
  kvkk_url: z.url().max(500).nullable().default(null),
});

/** Settings with every default filled in. */
export type TenantSettings = z.infer<typeof TenantSettings>;

/** Reads stored settings, filling defaults; a stored value that no longer parses is replaced. */
export function readSettings(stored: unknown): TenantSettings {
  const parsed = TenantSettings.safeParse(stored ?? {});
  if (parsed.success) return parsed.data;
  const out: Record<string, unknown> = {};
  const raw = (stored ?? {}) as Record<string, unknown>;
  for (const [key, schema] of Object.entries(TenantSettings.shape)) {
    const one = (schema as z.ZodType).safeParse(raw[key]);
    out[key] = one.success ? one.data : (schema as z.ZodType).parse(undefined);
  }
  return out as TenantSettings;
}
