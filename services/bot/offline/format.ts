/**
 * How the offline assistant writes numbers, money, dates, times, phones and lists: the way people
 * say them in Turkish ("1.800,00 ₺", "26 Kasım Perşembe 14:00") and in English ("₺1,800.00",
 * "Thursday 26 November, 14:00").
 * @module
 */
import { WEEKDAYS } from "../../tenants/settings.ts";
import { moneyText } from "../../money.ts";
import { formatPhone } from "../../phone.ts";
import { addDays, isoWeekday } from "../../time.ts";

/** The assistant's two languages. */
export type Lang = "tr" | "en";

const MONTHS = {
  tr: [
    "Ocak",
    "Şubat",
    "Mart",
    "Nisan",
    "Mayıs",
    "Haziran",
    "Temmuz",
    "Ağustos",
    "Eylül",
    "Ekim",
    "Kasım",
    "Aralık",
  ],
  en: [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
  ],
} as const;

/** Weekday names, Monday first (ISO 1..7 at index 0..6). */
export const WEEKDAY_NAMES = {
  tr: ["Pazartesi", "Salı", "Çarşamba", "Perşembe", "Cuma", "Cumartesi", "Pazar"],
  en: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
} as const;

/** A price in lira: "450,00 ₺" in Turkish, "₺450.00" in English. */
export function money(amount: number, lang: Lang): string {
  return moneyText(amount, lang);
}

/** The weekday name of a local date. */
export function weekdayName(date: string, lang: Lang): string {
  return WEEKDAY_NAMES[lang][isoWeekday(date) - 1]!;
}

/** A date as people say it: "26 Kasım Perşembe" / "Thursday 26 November". */
export function dayText(date: string, lang: Lang): string {
  const [, m, d] = date.split("-").map(Number) as [number, number, number];
  const month = MONTHS[lang][m - 1]!;
  return lang === "tr"
    ? `${d} ${month} ${weekdayName(date, lang)}`
    : `${weekdayName(date, lang)} ${d} ${month}`;
}

/** "bugün" / "yarın" (or "today" / "tomorrow") for those dates, else null. */
export function relativeDay(date: string, today: string, lang: Lang): string | null {
  if (date === today) return lang === "tr" ? "bugün" : "today";
  if (date === addDays(today, 1)) return lang === "tr" ? "yarın" : "tomorrow";
  return null;
}

/** The tool's part of the day a time falls in. */
export function partForTime(time: string): "morning" | "afternoon" | "evening" {
  return time < "12:00" ? "morning" : time < "17:00" ? "afternoon" : "evening";
}

/** Joins items: "a, b ve c" / "a, b and c"; with `or`: "a, b veya c" / "a, b or c". */
export function joinList(items: readonly string[], lang: Lang, or = false): string {
  if (items.length <= 1) return items[0] ?? "";
  const word = or ? (lang === "tr" ? "veya" : "or") : (lang === "tr" ? "ve" : "and");
  return `${items.slice(0, -1).join(", ")} ${word} ${items.at(-1)}`;
}

/** A phone number as people write it: "0532 123 45 67" for Turkish numbers. */
export function phoneText(e164: string): string {
  return formatPhone(e164).replace(/^\+90 /, "0");
}

/** Minutes as a duration: "45 dakika" / "45 minutes", "1 saat 30 dakika" / "1 hour 30 minutes". */
export function durationText(minutes: number, lang: Lang): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (lang === "tr") {
    return [h ? `${h} saat` : "", m ? `${m} dakika` : ""].filter(Boolean).join(" ") || "0 dakika";
  }
  const hours = h ? `${h} hour${h === 1 ? "" : "s"}` : "";
  const mins = m ? `${m} minute${m === 1 ? "" : "s"}` : "";
  return [hours, mins].filter(Boolean).join(" ") || "0 minutes";
}

/** Opening hours grouped by runs of days: "Pazartesi–Cumartesi 09:00–19:00; Pazar kapalı". */
export function hoursText(hours: Record<string, string[]>, lang: Lang): string {
  const closed = lang === "tr" ? "kapalı" : "closed";
  const values = WEEKDAYS.map((k) => (hours[k]?.length ? hours[k]!.join(", ") : closed));
  const parts: string[] = [];
  let i = 0;
  while (i < 7) {
    let j = i;
    while (j + 1 < 7 && values[j + 1] === values[i]) j++;
    const names = WEEKDAY_NAMES[lang];
    const days = i === j ? names[i]! : `${names[i]}–${names[j]}`;
    parts.push(`${days} ${values[i]}`);
    i = j + 1;
  }
  return parts.join("; ");
}

/** A local date's opening hours, or null when closed that weekday or on that day. */
export function hoursOn(
  business: { hours: Record<string, string[]>; closedDays: readonly string[] },
  date: string,
): string[] | null {
  if (business.closedDays.includes(date)) return null;
  const list = business.hours[WEEKDAYS[isoWeekday(date) - 1]!] ?? [];
  return list.length > 0 ? list : null;
}

/**
 * How a day the business is closed is named: a date it closes on its own (a holiday) by the date
 * ("31 Aralık Perşembe"), any other by its weekday ("Pazartesi").
 */
export function closedDayName(
  business: { closedDays: readonly string[] },
  date: string,
  lang: Lang,
): string {
  return business.closedDays.includes(date) ? dayText(date, lang) : weekdayName(date, lang);
}

/** Upper-cases the first letter (Turkish rules for Turkish). */
export function capitalise(text: string, lang: Lang): string {
  const locale = lang === "tr" ? "tr-TR" : "en-US";
  return text.slice(0, 1).toLocaleUpperCase(locale) + text.slice(1);
}
