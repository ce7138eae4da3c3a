/**
 * The search form above a list: its fields, a filter button and a link that clears them.
 * @module
 */
import type { ComponentChildren } from "preact";
import { t } from "../lib/i18n/mod.ts";
import type { Locale } from "./format.ts";

/** A GET form to `action` (the list's own path, which the clear link goes back to). */
export function FilterForm(
  { action, locale, children }: { action: string; locale: Locale; children: ComponentChildren },
) {
  return (
    <form method="get" action={action} class="filters" role="search">
      {children}
      <button type="submit" class="btn">{t(locale, "dash.filter")}</button>
      <a class="btn ghost" href={action}>{t(locale, "dash.clear")}</a>
    </form>
  );
}
