/**
 * Error messages for people. Forms validate with the API's zod schemas, so their messages are the
 * API's: shown as they are in English, and put into Turkish from the catalog (known messages, the
 * shapes of zod's messages, and error codes). Shared by server pages and islands.
 * @module
 */
import { type MessageKey, t, textOr } from "../lib/i18n/mod.ts";
import { fill, type Locale } from "./format.ts";

// zod's English messages and the schemas' own, mapped to catalog texts with their numbers.
const PATTERNS: [RegExp, MessageKey][] = [
  [/^Invalid input: expected \w+, received undefined$/, "err.required"],
  [/^Invalid input: expected number, received (NaN|string)$/, "err.number"],
  [/^Invalid input: expected int, received number$/, "err.integer"],
  [/^Invalid input: expected boolean/, "err.invalid"],
  [/^Too small: expected string to have >=1 characters$/, "err.required"],
  [/^Too small: expected string to have >=(?<n>\d+) characters$/, "err.min_chars"],
  [/^Too small: expected string to have exactly (?<n>\d+) characters$/, "err.exact_chars"],
  [/^Too big: expected string to have <=(?<n>\d+) characters$/, "err.max_chars"],
  [/^Too big: expected string to have exactly (?<n>\d+) characters$/, "err.exact_chars"],
  [/^Too small: expected (number|int) to be >=(?<n>\S+)$/, "err.min_number"],
  [/^Too small: expected (number|int) to be >(?<n>\S+)$/, "err.gt_number"],
  [/^Too big: expected (number|int) to be <=(?<n>\S+)$/, "err.max_number"],
  [/^Too big: expected (number|int) to be <(?<n>\S+)$/, "err.lt_number"],
  [/^Too small: expected array to have >=(?<n>\d+) items$/, "err.min_items"],
  [/^Too big: expected array to have <=(?<n>\d+) items$/, "err.max_items"],
  [/^Invalid email address$/, "err.email"],
  [/^Invalid URL$/, "err.url"],
  [/^Invalid ISO date$/, "err.date"],
  [/^Invalid ISO datetime$/, "err.datetime"],
  [/^Invalid option: expected one of/, "err.option"],
  [/^Invalid (UUID|GUID)$/, "err.id"],
  [/^expected a UUID$/, "err.id"],
  [/^must be at least (?<n>\d+) characters$/, "err.min_chars"],
  [/^expected HH:MM$/, "err.time"],
  [/^open must be before close$/, "err.open_before_close"],
  [/^start must be before end$/, "err.start_before_end"],
  [/^starts_at must be before ends_at$/, "err.start_before_end"],
  [/^intervals of one day must not overlap$/, "err.overlap"],
  [/^unknown time zone$/, "err.timezone"],
  [/^expected an amount such as 150 or 149\.90$/, "err.amount"],
  [/^at most two decimals$/, "err.decimals"],
  [/^expected a colour such as #3366ff$/, "err.color"],
  [/^must not be 0$/, "err.not_zero"],
  [/^give starts_at, or date and time$/, "err.when"],
  [/^give date and time together$/, "err.when"],
  [/^expected an origin such as/, "err.origin"],
  [/^Invalid phone number/, "err.code.invalid_phone"],
];

/** Puts an API message into the page's language (English messages are the API's own). */
export function localizeMessage(locale: Locale, message: string): string {
  if (locale === "en") return message;
  for (const [pattern, key] of PATTERNS) {
    const m = pattern.exec(message);
    if (m) return fill(t(locale, key), { n: m.groups?.n ?? "" });
  }
  return t(locale, "err.invalid");
}

/** The text of an API error: its code's catalog text in Turkish, its message in English. */
export function errorText(locale: Locale, code: string, message: string): string {
  if (locale === "en") return message;
  return textOr(locale, `err.code.${code}`, t(locale, "err.generic"));
}

/** A validation issue as the API reports it. */
export interface Issue {
  path: string;
  message: string;
}

/** Field errors keyed by the body path without `body.` ("name", "meta_info.duration_minutes"). */
export function fieldErrors(locale: Locale, issues: Issue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path.replace(/^body\.?/, "") || "_";
    if (!(path in out)) out[path] = localizeMessage(locale, issue.message);
  }
  return out;
}
