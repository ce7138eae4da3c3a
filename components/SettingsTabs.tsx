/**
 * The tabs of the settings pages.
 * @module
 */
import { type MessageKey, t } from "../lib/i18n/mod.ts";
import type { Locale } from "./format.ts";

const TABS = [
  ["business", "/dashboard/settings", "settings.tab.business"],
  ["widget", "/dashboard/settings/widget", "settings.tab.widget"],
  ["team", "/dashboard/settings/team", "settings.tab.team"],
] as const;

/** The tab bar, with the current tab marked. */
export function SettingsTabs(
  { current, locale }: { current: "business" | "widget" | "team"; locale: Locale },
) {
  return (
    <nav class="tabs" aria-label={t(locale, "nav.settings")}>
      {TABS.map(([id, href, key]) => (
        <a key={id} href={href} aria-current={id === current ? "page" : undefined}>
          {t(locale, key as MessageKey)}
        </a>
      ))}
    </nav>
  );
}
