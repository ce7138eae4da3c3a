/**
 * Formatting for people, shared by server pages and islands (no server imports): money in ₺,
 * dates and times in the business's time zone, and `{name}` placeholders in catalog texts.
 * @module
 */

/** A page locale. */
export type Locale = "tr" | "en";

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function tag(locale: Locale): string {
  return locale === "tr" ? "tr-TR" : "en-GB";
}

function numberFormat(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

function dateFormat(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

/** The lira format of a locale, with kuruş or in whole liras. */
function liraFormat(locale: Locale, whole: boolean): Intl.NumberFormat {
  return numberFormat(
    `money${whole ? "0" : ""}:${locale}`,
    () =>
      new Intl.NumberFormat(locale === "tr" ? "tr-TR" : "en-US", {
        style: "currency",
        currency: "TRY",
        currencyDisplay: "narrowSymbol",
        ...(whole ? { maximumFractionDigits: 0 } : {}),
      }),
  );
}

/** "₺1.250,00" (Turkish) or "₺1,250.00" (English). */
export function money(lira: number, locale: Locale): string {
  return liraFormat(locale, false).format(lira);
}

/** "₺1.250" (Turkish) or "₺1,250" (English): whole liras, for a chart's axis. */
export function wholeMoney(lira: number, locale: Locale): string {
  return liraFormat(locale, true).format(lira);
}

/** A whole number with the locale's grouping. */
export function count(n: number, locale: Locale): string {
  return numberFormat(`int:${locale}`, () => new Intl.NumberFormat(tag(locale))).format(n);
}

/** "%20" or "20%". */
export function percent(rate: number, locale: Locale): string {
  return numberFormat(
    `pct:${locale}`,
    () => new Intl.NumberFormat(tag(locale), { style: "percent", maximumFractionDigits: 2 }),
  ).format(rate);
}

/** "12 Mar 2026 14:30" in the time zone. */
export function dateTime(instant: Date | string, timeZone: string, locale: Locale): string {
  return dateFormat(
    `dt:${locale}:${timeZone}`,
    () =>
      new Intl.DateTimeFormat(tag(locale), {
        timeZone,
        dateStyle: "medium",
        timeStyle: "short",
      }),
  ).format(new Date(instant));
}

/** "14:30" in the time zone. */
export function clock(instant: Date | string, timeZone: string, locale: Locale): string {
  return dateFormat(
    `t:${locale}:${timeZone}`,
    () =>
      new Intl.DateTimeFormat(tag(locale), {
        timeZone,
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      }),
  ).format(new Date(instant));
}

/** A local date "YYYY-MM-DD" as "Çar 12 Mar" / "Wed 12 Mar". */
export function dayLabel(date: string, locale: Locale, long = false): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return dateFormat(
    `day:${locale}:${long}`,
    () =>
      new Intl.DateTimeFormat(tag(locale), {
        timeZone: "UTC",
        weekday: long ? "long" : "short",
        day: "numeric",
        month: long ? "long" : "short",
        ...(long ? { year: "numeric" } : {}),
      }),
  ).format(new Date(Date.UTC(y, m - 1, d)));
}

/** A local date "YYYY-MM-DD" as "12.03" / "12/03", for chart axes. */
export function shortDate(date: string, locale: Locale): string {
  const [, m, d] = date.split("-");
  return locale === "tr" ? `${d}.${m}` : `${d}/${m}`;
}

/** Replaces `{name}` placeholders. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name) => name in values ? String(values[name]) : whole);
}
