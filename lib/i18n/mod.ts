/**
 * Message catalogs of the pages: Turkish first, English second.
 * @module
 */
import { en } from "./en.ts";
import { tr } from "./tr.ts";

/** A key of the catalogs. */
export type MessageKey = keyof typeof tr;

/** The supported locales. */
export type Locale = "tr" | "en";

/** Returns the text for `key` in `locale`. */
export function t(locale: Locale, key: MessageKey): string {
  return (locale === "en" ? en : tr)[key];
}

/** The text for a key built from data (`provider.${name}`), or `fallback` when no catalog has it. */
export function textOr(locale: Locale, key: string, fallback: string): string {
  return key in tr ? t(locale, key as MessageKey) : fallback;
}
