/**
 * Server helpers of the dashboard pages: the signed-in user, one tenant transaction per page with
 * what the layout shows, HTML forms read into the API's JSON shapes and validated with its zod
 * schemas, errors mapped to fields, flash notes after Post/Redirect/Get, and the language cookie.
 * @module
 */
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { z } from "zod";
import { isUuid, withTenant } from "../db/tenant.ts";
import type { Tx } from "../db/types.ts";
import type { Ctx } from "../lib/app_env.ts";
import { type MessageKey, t } from "../lib/i18n/mod.ts";
import { tr } from "../lib/i18n/tr.ts";
import { localeOf } from "../lib/locale.ts";
import { MAX_BODY_BYTES } from "../lib/middleware/api_gate.ts";
import { render } from "../lib/render.tsx";
import { type Principal } from "../services/auth/principal.ts";
import { AppError, UnauthorizedError, ValidationError } from "../services/errors.ts";
import { decodeCursor } from "../services/pagination.ts";
import { errorText, fieldErrors, type Issue } from "./messages.ts";
import type { Locale } from "./format.ts";

/** A signed-in dashboard user. */
export type UserPrincipal = Extract<Principal, { kind: "user" }>;

/** The sections of the dashboard, in the order of the navigation. */
export const SECTIONS = [
  "overview",
  "calendar",
  "inbox",
  "orders",
  "customers",
  "offerings",
  "staff",
  "knowledge",
  "notifications",
  "settings",
] as const;

/** A section of the dashboard. */
export type Section = (typeof SECTIONS)[number];

/** What the dashboard's frame shows around every page. */
export interface LayoutData {
  section: Section;
  business: string;
  timezone: string;
  user: { name: string | null; email: string; role: "owner" | "staff" };
  isOwner: boolean;
  badges: { inbox: number; notifications: number };
  flash: { key: string; extra?: string } | null;
}

/** Form values as typed, and the errors to show next to them. */
export interface FormState {
  values: Record<string, string | string[]>;
  errors: Record<string, string>;
  /** An error about the whole form. */
  error?: string;
}

/** An empty form state, optionally with values. */
export function emptyForm(values: Record<string, string | string[]> = {}): FormState {
  return { values, errors: {} };
}

/** The user the dashboard middleware signed in. */
export function currentUser(c: Ctx): UserPrincipal {
  const p = c.get("principal");
  if (!p || p.kind !== "user") throw new UnauthorizedError();
  return p;
}

/** The page's locale. */
export function pageLocale(c: Ctx): Locale {
  return localeOf(c);
}

const FLASH_COOKIE = "arma_flash";

/** Leaves a note for the next page the user sees (after a redirect). */
export function setFlash(c: Ctx, key: MessageKey, extra?: string): void {
  const value = extra ? `${key}|${extra}` : key;
  setCookie(c, FLASH_COOKIE, encodeURIComponent(value), {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    maxAge: 300,
    secure: c.get("deps").publicUrl.startsWith("https://"),
  });
}

function takeFlash(c: Ctx): LayoutData["flash"] {
  const raw = getCookie(c, FLASH_COOKIE);
  if (!raw) return null;
  deleteCookie(c, FLASH_COOKIE, { path: "/" });
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    return null;
  }
  const [key, extra] = value.split("|", 2) as [string, string | undefined];
  return key in tr ? { key, extra } : null;
}

/** Redirects after a successful form post, with a note for the next page. */
export function redirectWith(c: Ctx, to: string, flash?: MessageKey, extra?: string): Response {
  if (flash) setFlash(c, flash, extra);
  return c.redirect(to, 303);
}

/** Stores the language asked for with `?lang=` in the cookie the pages read. */
export function rememberLocale(c: Ctx): void {
  const lang = c.req.query("lang");
  if (lang !== "tr" && lang !== "en") return;
  setCookie(c, "arma_locale", lang, {
    path: "/",
    sameSite: "Lax",
    maxAge: 365 * 24 * 3600,
    secure: c.get("deps").publicUrl.startsWith("https://"),
  });
}

/** Runs `fn` in the user's tenant transaction together with what the layout needs. */
export async function loadPage<T>(
  c: Ctx,
  section: Section,
  fn: (tx: Tx, user: UserPrincipal) => Promise<T>,
): Promise<{ layout: LayoutData; page: T }> {
  const user = currentUser(c);
  const flash = takeFlash(c);
  return await withTenant(c.get("deps").db, user.tenantId, async (tx) => {
    const [row] = await tx<
      {
        business_name: string;
        timezone: string;
        name: string | null;
        email: string;
        role: "owner" | "staff";
        unread: number;
        waiting: number;
      }[]
    >`
      select t.business_name, t.timezone, u.name, u.email, m.role,
        (select count(*)::int from notifications where read_at is null) as unread,
        (select count(*)::int from conversations where status = 'handover') as waiting
      from tenants t, users u join memberships m on m.user_id = u.id
      where t.id = ${tx.tenantId} and u.id = ${user.userId}`;
    if (!row) throw new UnauthorizedError();
    const page = await fn(tx, user);
    return {
      layout: {
        section,
        business: row.business_name,
        timezone: row.timezone,
        user: { name: row.name, email: row.email, role: row.role },
        isOwner: row.role === "owner",
        badges: { inbox: row.waiting, notifications: row.unread },
        flash,
      },
      page,
    };
  });
}

/** Runs `fn` in a transaction of the signed-in user's tenant (a form post's write). */
export function inTenant<T>(c: Ctx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return withTenant(c.get("deps").db, currentUser(c).tenantId, fn);
}

/** Renders a page of another component than the route's (a 403 or 404 inside the frame). */
export function renderWith(
  c: Ctx,
  // deno-lint-ignore no-explicit-any
  page: (props: any) => unknown,
  data: unknown,
  status: number,
): Response {
  const route = c.get("page") as Record<string, unknown> | undefined;
  c.set("page", { ...route, page });
  return render(c, data, status);
}

/** True for a UUID (page ids are checked before they reach a query). */
export function isId(value: string | undefined): value is string {
  return value !== undefined && isUuid(value);
}

/** A form post's fields; anything but a form body is refused as the API refuses it. */
export type FormFields = Record<string, string | string[]>;

/** Reads an HTML form post (urlencoded or multipart); other bodies are a 415. */
export async function readForm(c: Ctx): Promise<FormFields> {
  const type = (c.req.header("content-type") ?? "").toLowerCase();
  if (
    !type.startsWith("application/x-www-form-urlencoded") &&
    !type.startsWith("multipart/form-data")
  ) {
    throw new AppError(
      415,
      "unsupported_media_type",
      "Form posts must be application/x-www-form-urlencoded or multipart/form-data",
    );
  }
  if (Number(c.req.header("content-length") ?? 0) > MAX_BODY_BYTES) {
    throw new AppError(413, "payload_too_large", "Request body is larger than 1 MB");
  }
  let body: Record<string, unknown>;
  try {
    body = await c.req.parseBody({ all: true });
  } catch {
    throw new ValidationError("Form body could not be read", undefined, "invalid_form");
  }
  const out: FormFields = {};
  for (const [key, value] of Object.entries(body)) {
    const list = (Array.isArray(value) ? value : [value]).filter((v) => typeof v === "string");
    if (list.length === 0) continue;
    out[key] = list.length === 1 ? list[0] as string : list as string[];
  }
  return out;
}

/** One text field: trimmed, or undefined when absent. */
export function text(form: FormFields, name: string): string | undefined {
  const v = form[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined ? undefined : s.trim();
}

/** A text field, undefined when empty. */
export function optText(form: FormFields, name: string): string | undefined {
  const s = text(form, name);
  return s === undefined || s === "" ? undefined : s;
}

/** A text field, null when empty (for fields the API lets you clear). */
export function nullableText(form: FormFields, name: string): string | null {
  return optText(form, name) ?? null;
}

/**
 * A number field: undefined when empty, the number when it reads as one (a decimal comma is
 * accepted), else the text itself so that the schema reports it.
 */
export function num(form: FormFields, name: string): number | string | undefined {
  const s = optText(form, name);
  if (s === undefined) return undefined;
  const normal = s.replace(/\s/g, "").replace(",", ".");
  return /^-?\d+(\.\d+)?$/.test(normal) ? Number(normal) : s;
}

/** A checkbox: true when ticked. */
export function checked(form: FormFields, name: string): boolean {
  const v = text(form, name);
  return v === "on" || v === "true" || v === "1";
}

/** Every value of a repeated field (checkboxes). */
export function list(form: FormFields, name: string): string[] {
  const v = form[name];
  return (v === undefined ? [] : Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter(Boolean);
}

/** Validates like the API: the same schema, the same issue paths and messages. */
export function validate<T>(
  schema: z.ZodType<T>,
  value: unknown,
  locale: Locale,
): { ok: true; data: T } | { ok: false; errors: Record<string, string> } {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issues: Issue[] = parsed.error.issues.map((i) => ({
    path: i.path.map(String).join("."),
    message: i.message,
  }));
  return { ok: false, errors: fieldErrors(locale, issues) };
}

/**
 * Turns a service's error into form errors: validation details to fields, anything else to the
 * form's message. Errors that are not the caller's (5xx) are thrown on.
 */
export function formErrorOf(
  err: unknown,
  locale: Locale,
): { errors: Record<string, string>; error?: string } {
  if (!(err instanceof AppError)) {
    const code = (err as { code?: string }).code;
    if (code === "23P01" || code === "23505" || code === "23503") {
      return {
        errors: {},
        error: errorText(locale, "conflict", "The change conflicts with an existing record"),
      };
    }
    throw err;
  }
  const details = err.details as { issues?: Issue[]; field?: string } | undefined;
  if (details?.issues && details.issues.length > 0) {
    return { errors: fieldErrors(locale, details.issues), error: t(locale, "err.form") };
  }
  const message = errorText(locale, err.code, err.message);
  if (details?.field) return { errors: { [details.field]: message }, error: t(locale, "err.form") };
  return { errors: {}, error: message };
}

/** Keeps a posted form's values to show them again. */
export function keep(form: FormFields): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(form)) if (!/password/i.test(k)) out[k] = v;
  return out;
}

/** A post the schema refused: what was typed, the errors by field and the form's message. */
export function invalidForm(
  form: FormFields,
  errors: Record<string, string>,
  locale: Locale,
): FormState {
  return { values: keep(form), errors, error: t(locale, "err.form") };
}

/** A post whose write failed: what was typed and the error as `formErrorOf` maps it. */
export function failedForm(form: FormFields, err: unknown, locale: Locale): FormState {
  return { values: keep(form), ...formErrorOf(err, locale) };
}

/** False for a list cursor this server did not make (it is dropped, not an error page). */
export function validCursor(cursor: string | undefined): boolean {
  if (cursor === undefined) return true;
  try {
    decodeCursor(cursor);
    return true;
  } catch {
    return false;
  }
}

/** A same-site path to go back to after login, else the dashboard. */
export function safeNext(next: string | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.includes("\\")) {
    return "/dashboard";
  }
  return next;
}
