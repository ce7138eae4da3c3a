/**
 * The business profile: name, contact, address, time zone, locale and settings.
 * @module
 */
import { z } from "zod";
import { sendAhead } from "../../db/tenant.ts";
import type { Tx } from "../../db/types.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { normalizePhone } from "../phone.ts";
import {
  Assistant,
  Booking,
  BusinessHours,
  Payment,
  readSettings,
  Shipping,
  type TenantSettings,
} from "./settings.ts";

/** True when `tz` is an IANA time zone this runtime knows. */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** A postal address. */
export const Address = z.object({
  street: z.string().trim().min(1).max(255),
  district: z.string().trim().max(100).optional(),
  city: z.string().trim().min(1).max(100),
  postal_code: z.string().trim().max(20).optional(),
  country: z.string().trim().length(2).default("TR"),
});

/** The fields `PUT /api/tenants/me` accepts; every one is optional. */
export const TenantUpdate = z.object({
  business_name: z.string().trim().min(1).max(255),
  website_url: z.url().max(500).nullable(),
  industry: z.string().trim().max(100).nullable(),
  phone: z.string().max(32).nullable(),
  email: z.email().max(255).nullable(),
  address: Address.nullable(),
  timezone: z.string().refine(isTimeZone, "unknown time zone"),
  locale: z.enum(["tr", "en"]),
  currency: z.literal("TRY"),
  business_hours: BusinessHours,
  closed_days: z.array(z.iso.date()).max(366),
  assistant: Assistant.patch,
  booking: Booking.patch,
  shipping: Shipping.patch,
  payments: Payment.patch,
  kvkk_url: z.url().max(500).nullable(),
}).partial().strict();

/** A tenant as the API shows it. */
export interface Tenant {
  id: string;
  business_name: string;
  website_url: string | null;
  industry: string | null;
  timezone: string;
  locale: "tr" | "en";
  currency: string;
  phone: string | null;
  email: string | null;
  address: z.infer<typeof Address> | null;
  settings: TenantSettings;
  created_at: Date;
  updated_at: Date;
}

type TenantRow = Omit<Tenant, "settings"> & { settings: unknown };

const toTenant = (row: TenantRow): Tenant => ({ ...row, settings: readSettings(row.settings) });

/** Returns the transaction's tenant. */
export async function getTenant(tx: Tx): Promise<Tenant> {
  const [row] = await tx<TenantRow[]>`
    select id, business_name, website_url, industry, timezone, locale, currency, phone, email,
      address, settings, created_at, updated_at
    from tenants where id = ${tx.tenantId}`;
  if (!row) throw new NotFoundError("Tenant");
  return toTenant(row);
}

/** Applies a validated update to the transaction's tenant and returns the result. */
export async function updateTenant(tx: Tx, patch: z.infer<typeof TenantUpdate>): Promise<Tenant> {
  const current = await getTenant(tx);
  let phone = current.phone;
  if (patch.phone !== undefined) {
    phone = patch.phone === null ? null : normalizePhone(patch.phone);
    if (patch.phone !== null && !phone) {
      throw new ValidationError("Cannot update business: phone number is not valid", {
        field: "phone",
      });
    }
  }
  const s = current.settings;
  const settings: TenantSettings = {
    business_hours: patch.business_hours ?? s.business_hours,
    closed_days: patch.closed_days ? [...new Set(patch.closed_days)].sort() : s.closed_days,
    assistant: { ...s.assistant, ...patch.assistant },
    booking: { ...s.booking, ...patch.booking },
    shipping: { ...s.shipping, ...patch.shipping },
    payments: { ...s.payments, ...patch.payments },
    kvkk_url: patch.kvkk_url !== undefined ? patch.kvkk_url : s.kvkk_url,
  };
  const [row] = await tx<TenantRow[]>`
    update tenants set
      business_name = ${patch.business_name ?? current.business_name},
      website_url = ${patch.website_url !== undefined ? patch.website_url : current.website_url},
      industry = ${patch.industry !== undefined ? patch.industry : current.industry},
      phone = ${phone},
      email = ${patch.email !== undefined ? patch.email : current.email},
      address = ${
    patch.address !== undefined ? (patch.address === null ? null : tx.json(patch.address)) : (
      current.address === null ? null : tx.json(current.address)
    )
  },
      timezone = ${patch.timezone ?? current.timezone},
      locale = ${patch.locale ?? current.locale},
      currency = ${patch.currency ?? current.currency},
      settings = ${tx.json(settings)},
      updated_at = now()
    where id = ${tx.tenantId}
    returning id, business_name, website_url, industry, timezone, locale, currency, phone, email,
      address, settings, created_at, updated_at`;
  tx.emit({ type: "tenant.updated" });
  return toTenant(row!);
}

/**
 * Adds (`add`) or removes a closed day of the transaction's tenant, the tenant row locked from
 * read to write; a day the schema refuses is a ValidationError with code `invalid_closed_day` and
 * the schema's messages at field `date`.
 */
export async function setClosedDay(tx: Tx, date: string, add: boolean): Promise<Tenant> {
  const locked = sendAhead(tx`select id from tenants where id = ${tx.tenantId} for update`);
  const current = (await getTenant(tx)).settings.closed_days;
  await locked;
  const next = add ? [...current, date] : current.filter((d) => d !== date);
  const parsed = TenantUpdate.safeParse({ closed_days: next });
  if (!parsed.success) {
    throw new ValidationError(
      "Cannot update business: closed day is not valid",
      {
        field: "date",
        issues: parsed.error.issues.map((i) => ({ path: "date", message: i.message })),
      },
      "invalid_closed_day",
    );
  }
  return await updateTenant(tx, parsed.data);
}
