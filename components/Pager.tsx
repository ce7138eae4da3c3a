/**
 * The links under a paged list: back to the first page and on to the next.
 * @module
 */
import { t } from "../lib/i18n/mod.ts";
import type { Locale } from "./format.ts";

/** The pager; a link is left out when its href is null. */
export function Pager(
  { first, next, locale }: { first: string | null; next: string | null; locale: Locale },
) {
  return (
    <nav class="pager" aria-label={t(locale, "dash.pages")}>
      {first !== null && <a href={first}>{t(locale, "dash.first_page")}</a>}
      {next !== null && <a href={next}>{t(locale, "dash.next_page")}</a>}
    </nav>
  );
}
