/**
 * Pages that say one thing inside the dashboard frame: not found, owner only.
 * @module
 */
import type { Ctx } from "../lib/app_env.ts";
import { type MessageKey, t } from "../lib/i18n/mod.ts";
import { NoticePage } from "./Layout.tsx";
import { loadPage, pageLocale, renderWith, type Section } from "./page.ts";

/** Renders a notice page with `status`. */
export async function notice(
  c: Ctx,
  section: Section,
  status: 403 | 404 | 409,
  message: MessageKey,
  back?: string,
): Promise<Response> {
  const locale = pageLocale(c);
  const { layout } = await loadPage(c, section, () => Promise.resolve(null));
  const title = t(
    locale,
    status === 404 ? "dash.not_found" : status === 403 ? "dash.forbidden" : "dash.conflict",
  );
  return renderWith(c, NoticePage, { layout, title, message: t(locale, message), back }, status);
}

/** The page for an id that is not the tenant's (or not an id). */
export function notFound(c: Ctx, section: Section, back?: string): Promise<Response> {
  return notice(c, section, 404, "dash.not_found_body", back);
}

/** The page a staff user gets for an owner-only action. */
export function ownerOnly(c: Ctx, section: Section, back?: string): Promise<Response> {
  return notice(c, section, 403, "err.code.owner_only", back);
}
