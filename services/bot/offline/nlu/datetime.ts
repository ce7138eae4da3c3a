/**
 * Turkish and English dates and times in chat messages ("yarın öğleden sonra 3", "cuma 14:30",
 * "25 Kasım'da", "next Tuesday at 3pm"), resolved against a reference instant in an IANA time
 * zone, and local wall time turned back into an instant across DST.
 *
 * Rules for the ambiguous cases:
 * - A bare weekday ("cuma", "on Friday", "önümüzdeki cuma", "gelecek cuma") is its next occurrence
 *   after today: a week ahead when today is that weekday. "bu cuma" / "this Friday" is today on a
 *   Friday, otherwise the same next occurrence. "haftaya salı", "gelecek hafta salı", "next
 *   Tuesday", "Tuesday next week" are the Tuesday of next week (weeks start on Monday).
 * - "öbür gün", "ertesi gün", "yarından sonra" and "the day after tomorrow" are today + 2.
 * - A day and month without a year that is already past this year is next year's; "ayın 25'i" /
 *   "the 25th" already past this month is next month's. Dates with a year are kept as written.
 * - "25.11" is a date when the second number is a month (1..12) unless "saat"/"at" or a part of the
 *   day comes just before; otherwise "14.30" is a time. "25/11" is always a date.
 * - An hour without a part of the day or am/pm: 1..7 mean 13:00..19:00 (a business's afternoon),
 *   8..11 mean the morning, 12 is noon, 13..23 are themselves; "09:00" written with a leading zero
 *   is kept. With a part of the day: "sabah 10" 10:00, "öğleden sonra 3" 15:00, "akşam 6" 18:00,
 *   "gece 9" 21:00, "gece 12" 00:00.
 * - A bare number is a time only after "saat"/"at"/"around" or a part of the day, with a time
 *   suffix ("3'te", "10'da", "5'e"), or before "buçuk", "gibi", "civarı", am/pm or "o'clock". A
 *   suffix written apart counts ("3 te", "4 e"); "12 de" only before "olur", "uygun", "müsait",
 *   "gelirim" and the like or at the end, since "1 de tarak" is "one comb too".
 * - Longer date words are read through a typo ("yarn", "persenbe", "oglden sonra", "3 aralk"): a
 *   letter dropped, added or two swapped (two typos in words of eight letters or more), the first
 *   letter right, and never a real word ("yakın", "yarı"). Month names only after a day number.
 * - "gibi", "civarı", "sularında", "falan", "around", "about", "-ish" make a time approximate.
 * - British "half 3" is 3:30 (15:30) after "at"/"around" or at the end or before "then",
 *   "tomorrow" and the like; "half 2 kilos" is no time.
 * - Parts of the day without an hour are windows: sabah 09:00–12:00, öğlen 12:00–14:00, öğleden
 *   sonra 12:00–18:00, akşamüstü 16:00–19:00, akşam 17:00–21:00, gece 21:00–24:00.
 * - "hafta sonu" / "weekend" and a bare "haftaya" / "next week" name no single day: no date.
 * @module
 */
import {
  addDays,
  addMonths,
  daysInMonth,
  DEFAULT_TIME_ZONE,
  isoDate,
  pad,
  zonedParts,
  zonedTimeToInstant,
} from "../../../time.ts";
import { damerauLevenshtein } from "./fuzzy.ts";
import { readNumber } from "./numbers.ts";
import { fold, isInflectionOf, tokens } from "./text.ts";
import {
  COMMON_WORDS,
  MONTHS_EN,
  MONTHS_TR,
  STOPWORDS,
  WEEKDAYS_EN,
  WEEKDAYS_TR,
} from "./words.ts";

/** A part of the day a customer names. */
export type PartOfDay = "morning" | "noon" | "afternoon" | "evening" | "night";

/** A range of local wall time, "HH:MM" to "HH:MM" ("24:00" ends the day). */
export interface TimeRange {
  /** Start, inclusive. */
  start: string;
  /** End, exclusive. */
  end: string;
}

/** The window each part of the day stands for when no hour is named. */
export const PART_OF_DAY_WINDOWS: Readonly<Record<PartOfDay, TimeRange>> = {
  morning: { start: "09:00", end: "12:00" },
  noon: { start: "12:00", end: "14:00" },
  afternoon: { start: "12:00", end: "18:00" },
  evening: { start: "17:00", end: "21:00" },
  night: { start: "21:00", end: "24:00" },
};

/** A date found in text. */
export interface DateMatch {
  /** Local calendar date, "YYYY-MM-DD". */
  date: string;
  /** The words it was read from, normalised. */
  matched: string;
}

/** A time of day found in text. */
export interface TimeMatch {
  /** Local wall time, "HH:MM". */
  time: string;
  /** Hedged with "gibi", "around" and the like. */
  approximate: boolean;
  /** The part of the day named with it, if any. */
  partOfDay?: PartOfDay;
  /** The words it was read from, normalised. */
  matched: string;
}

/** A vague part of the day found in text, as a window. */
export interface TimeWindow extends TimeRange {
  /** Which part of the day. */
  partOfDay: PartOfDay;
  /** The words it was read from, normalised. */
  matched: string;
}

/** Whatever date, time or window a message names. */
export interface DateTimeMatch {
  /** Local calendar date, "YYYY-MM-DD". */
  date?: string;
  /** Local wall time, "HH:MM". */
  time?: string;
  /** A part of the day's window, when no time was named. */
  window?: TimeRange;
  /** The part of the day named, if any. */
  partOfDay?: PartOfDay;
  /** Hedged with "gibi", "around" and the like. */
  approximate: boolean;
  /** The instant, when both the date and the time are known. */
  instant?: Date;
  /** The words it was read from, normalised. */
  matched: string;
}

function validDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

interface Tok {
  /** Normalised. */
  n: string;
  /** Folded. */
  f: string;
}

function toks(text: string): Tok[] {
  const T = tokens(text).map((n) => ({ n, f: fold(n) }));
  return withSpacedSuffixes(T).map((t) => {
    const word = ENGLISH_SHORT_FORMS[t.f] ?? misspeltDateWord(t.f, DATE_WORDS);
    return word ? { n: word, f: word } : t;
  });
}

/**
 * English chat spellings of date words: "tmrw", "2morrow", "this arvo", "next Fri". "sun" is left
 * out ("sun cream").
 */
const ENGLISH_SHORT_FORMS: Readonly<Record<string, string>> = {
  tmrw: "tomorrow",
  tmr: "tomorrow",
  tmrow: "tomorrow",
  tmw: "tomorrow",
  tomoz: "tomorrow",
  tomorow: "tomorrow",
  tommorow: "tomorrow",
  tommorrow: "tomorrow",
  "2morrow": "tomorrow",
  "2morow": "tomorrow",
  "2moro": "tomorrow",
  "2mrw": "tomorrow",
  tonite: "tonight",
  arvo: "afternoon",
  mon: "monday",
  tue: "tuesday",
  tues: "tuesday",
  wed: "wednesday",
  weds: "wednesday",
  thu: "thursday",
  thur: "thursday",
  thurs: "thursday",
  fri: "friday",
  sat: "saturday",
};

/** Case endings a customer writes apart from the hour: "3 te", "12 de", "4 e". */
const SPACED_SUFFIXES = new Set(["te", "ta", "e", "a", "ye", "ya", "de", "da"]);
/** Words after "12 de" that make it a time, not "12 too" ("1 de tarak" is one comb more). */
const AFTER_SPACED_LOCATIVE =
  /^(olur\w*|olabilir\w*|uygun\w*|musait\w*|bos\w*|gel\w*|randevu\w*|yer\w*|ayarla\w*|gibi|civari\w*|m[iu]\w*|ok|okay)$/;
/** Words after "3 a" that keep it English ("3 a day"). */
const NOT_AFTER_SPACED_DATIVE = new Set(["m", "day", "week", "month", "year", "piece", "person"]);

/** Joins an hour and a case ending written apart ("12 de olur mu" → "12'de olur mu"). */
function withSpacedSuffixes(T: Tok[]): Tok[] {
  const out: Tok[] = [];
  for (let i = 0; i < T.length; i++) {
    const t = T[i]!;
    const suffix = T[i + 1]?.f ?? "";
    if (/^\d{1,2}([:.]\d{2})?$/.test(t.f) && SPACED_SUFFIXES.has(suffix)) {
      const next = T[i + 2]?.f;
      const locative = suffix === "de" || suffix === "da";
      const joins = locative
        ? next === undefined || AFTER_SPACED_LOCATIVE.test(next)
        : !NOT_AFTER_SPACED_DATIVE.has(next ?? "");
      if (joins) {
        out.push({ n: `${t.n}'${suffix}`, f: `${t.f}'${suffix}` });
        i++;
        continue;
      }
    }
    out.push(t);
  }
  return out;
}

/** Date and time words long enough to be recognised through a typo ("yarn", "persenbe"). */
const DATE_WORDS = [
  "yarin",
  "bugun",
  "pazartesi",
  "carsamba",
  "persembe",
  "cumartesi",
  "pazar",
  "sabah",
  "aksam",
  "aksamustu",
  "ogleden",
];
/** Month names recognised through a typo after a day number ("3 aralk"). */
const MONTH_WORDS = Object.keys(MONTHS_TR).filter((m) => m.length >= 5);
/** Real words one slip away from a date word: "yarı" is not "yarın", "buğu" not "bugün". */
const NOT_DATE_WORDS = new Set(["yari", "bugu", "aksa"]);

/**
 * The date word a misspelt word stands for: a letter dropped, added or two swapped in a word of
 * five to seven letters, up to two typos in a longer one; the first letter always right.
 */
function misspeltDateWord(f: string, words: readonly string[]): string | null {
  if (f.length < 4 || !/^[a-z]+$/.test(f) || NOT_DATE_WORDS.has(f)) return null;
  if (STOPWORDS.has(f) || COMMON_WORDS.has(f)) return null;
  for (const w of words) {
    if (f === w || f[0] !== w[0] || isInflectionOf(f, w)) continue;
    const close = w.length >= 8 ? damerauLevenshtein(f, w) <= 2 : oneSlip(f, w);
    if (close) return w;
  }
  return null;
}

/** Whether `a` is `b` with one letter dropped, one added or two neighbours swapped. */
function oneSlip(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || a === b) return false;
  if (a.length === b.length) {
    const diff = [...a].flatMap((c, i) => (c === b[i] ? [] : [i]));
    return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] &&
      a[diff[1]!] === b[diff[0]!];
  }
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  for (let i = 0; i < long.length; i++) {
    if (long.slice(0, i) + long.slice(i + 1) === short) return true;
  }
  return false;
}

/** The token is one of the words, or an inflected form of one ("cumaya", "yarın'a"). */
function isWord(tok: Tok | undefined, ...stems: string[]): boolean {
  if (!tok) return false;
  return stems.some((s) => tok.f === s || isInflectionOf(tok.n, s));
}

function isExact(tok: Tok | undefined, ...words: string[]): boolean {
  return tok !== undefined && words.includes(tok.f);
}

/** Splits a folded numeric token into its number part and the letters after it. */
function splitNumeric(f: string): { core: string; suffix: string } | null {
  const m = /^(\d[\d.:/-]*\d|\d)(?:'?([a-z]+))?$/.exec(f);
  return m ? { core: m[1]!, suffix: m[2] ?? "" } : null;
}

interface Found {
  start: number;
  end: number;
}

interface DateFound extends Found {
  date: string;
}

interface DateContext {
  T: Tok[];
  today: string;
  weekday: number;
  year: number;
  month: number;
  day: number;
}

const ORDINAL_EN = new Set(["", "st", "nd", "rd", "th"]);

/** A day of the month (1..31) written in digits, with an English ordinal ending or none. */
function dayNumber(tok: Tok | undefined): number | null {
  if (!tok) return null;
  const s = splitNumeric(tok.f);
  if (!s || !/^\d{1,2}$/.test(s.core) || !ORDINAL_EN.has(s.suffix)) return null;
  const n = Number(s.core);
  return n >= 1 && n <= 31 ? n : null;
}

function monthAt(tok: Tok | undefined, afterDay = false): number | null {
  if (!tok) return null;
  const en = MONTHS_EN[tok.f];
  if (en !== undefined) return en;
  for (const [name, n] of Object.entries(MONTHS_TR)) if (isWord(tok, name)) return n;
  const misspelt = afterDay ? misspeltDateWord(tok.f, MONTH_WORDS) : null;
  return misspelt ? MONTHS_TR[misspelt]! : null;
}

function yearAt(tok: Tok | undefined): number | null {
  if (!tok) return null;
  const s = splitNumeric(tok.f);
  return s && /^(19|20)\d{2}$/.test(s.core) ? Number(s.core) : null;
}

function weekdayAt(tok: Tok | undefined): number | null {
  if (!tok) return null;
  const en = WEEKDAYS_EN[tok.f];
  if (en !== undefined) return en;
  for (const [name, n] of Object.entries(WEEKDAYS_TR)) if (isWord(tok, name)) return n;
  return null;
}

/** A day and month without a year: this year's, or next year's when already past. */
function upcoming(ctx: DateContext, month: number, day: number): string | null {
  if (!validDate(ctx.year, month, day)) {
    return validDate(ctx.year + 1, month, day) ? isoDate(ctx.year + 1, month, day) : null;
  }
  const date = isoDate(ctx.year, month, day);
  return date >= ctx.today ? date : isoDate(ctx.year + 1, month, day);
}

function explicit(year: number, month: number, day: number): string | null {
  return validDate(year, month, day) ? isoDate(year, month, day) : null;
}

const TIME_CUES = new Set(["saat", "at", "around", "about", "sabah", "aksam", "gece", "oglen"]);

function numericDate(ctx: DateContext, i: number): DateFound | null {
  const tok = ctx.T[i]!;
  const s = splitNumeric(tok.f);
  if (!s || s.suffix === "am" || s.suffix === "pm") return null;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s.core);
  if (iso) {
    const date = explicit(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    return date ? { date, start: i, end: i + 1 } : null;
  }
  const full = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})$/.exec(s.core);
  if (full) {
    const y = Number(full[4]);
    const date = explicit(y < 100 ? 2000 + y : y, Number(full[3]), Number(full[1]));
    return date ? { date, start: i, end: i + 1 } : null;
  }
  const short = /^(\d{1,2})([./])(\d{1,2})$/.exec(s.core);
  if (!short) return null;
  const day = Number(short[1]);
  const month = Number(short[3]);
  if (short[2] === "." && (TIME_CUES.has(ctx.T[i - 1]?.f ?? "") || isOglendenSonra(ctx.T, i - 2))) {
    return null;
  }
  if (isExact(ctx.T[i + 1], "am", "pm")) return null;
  if (month < 1 || month > 12) return null;
  const date = upcoming(ctx, month, day);
  return date ? { date, start: i, end: i + 1 } : null;
}

function dayMonth(ctx: DateContext, i: number): DateFound | null {
  const day = dayNumber(ctx.T[i]);
  if (day === null) return null;
  let j = i + 1;
  if (isExact(ctx.T[j], "of")) j++;
  const month = monthAt(ctx.T[j], true);
  if (month === null) return null;
  const year = yearAt(ctx.T[j + 1]);
  const date = year === null ? upcoming(ctx, month, day) : explicit(year, month, day);
  return date ? { date, start: i, end: year === null ? j + 1 : j + 2 } : null;
}

function monthDay(ctx: DateContext, i: number): DateFound | null {
  const month = monthAt(ctx.T[i]);
  if (month === null) return null;
  const day = dayNumber(ctx.T[i + 1]);
  if (day === null || isExact(ctx.T[i + 2], "am", "pm")) return null;
  const year = yearAt(ctx.T[i + 2]);
  const date = year === null ? upcoming(ctx, month, day) : explicit(year, month, day);
  return date ? { date, start: i, end: year === null ? i + 2 : i + 3 } : null;
}

/** "ayın 25'i", "ayın 3'ünde", "the 25th": this month's day, or next month's when past. */
function dayOfMonth(ctx: DateContext, i: number): DateFound | null {
  let day: number | null = null;
  if (ctx.T[i]!.f === "ayin") {
    const s = splitNumeric(ctx.T[i + 1]?.f ?? "");
    if (s && /^\d{1,2}$/.test(s.core)) day = Number(s.core);
  } else if (ctx.T[i]!.f === "the") {
    const s = splitNumeric(ctx.T[i + 1]?.f ?? "");
    if (s && /^\d{1,2}$/.test(s.core) && ["st", "nd", "rd", "th"].includes(s.suffix)) {
      if (!isExact(ctx.T[i + 2], "of") && monthAt(ctx.T[i + 2]) === null) day = Number(s.core);
    }
  }
  if (day === null || day < 1 || day > 31) return null;
  for (let k = 0; k < 3; k++) {
    const first = addMonths(isoDate(ctx.year, ctx.month, 1), k);
    const [y, m] = first.split("-").map(Number) as [number, number];
    if (!validDate(y, m, day)) continue;
    const date = isoDate(y, m, day);
    if (date >= ctx.today) return { date, start: i, end: i + 2 };
  }
  return null;
}

function isOglendenSonra(T: Tok[], i: number): boolean {
  return isExact(T[i], "ogleden", "oglenden") && isWord(T[i + 1], "sonra");
}

const DAY_PARTS_AFTER_BU = ["sabah", "aksam", "gece", "ogle", "oglen", "aksamustu"];

function relativeDay(ctx: DateContext, i: number): DateFound | null {
  const T = ctx.T;
  const at = (offset: number, end: number): DateFound => ({
    date: addDays(ctx.today, offset),
    start: i,
    end,
  });
  const t = T[i]!;
  if (t.f === "yarindan" && isExact(T[i + 1], "sonra")) return at(2, i + 2);
  if (isExact(t, "obur", "oburki") && isWord(T[i + 1], "gun")) return at(2, i + 2);
  if (isWord(t, "oburgun", "obursugun")) return at(2, i + 1);
  if (t.f === "ertesi" && isWord(T[i + 1], "gun")) return at(2, i + 2);
  if (t.f === "the" && isExact(T[i + 1], "day") && isExact(T[i + 2], "after")) {
    return isExact(T[i + 3], "tomorrow") ? at(2, i + 4) : null;
  }
  if (t.f === "day" && isExact(T[i + 1], "after") && isExact(T[i + 2], "tomorrow")) {
    return at(2, i + 3);
  }
  if (t.f === "haftaya" && isWord(T[i + 1], "bugun")) return at(7, i + 2);
  if (isWord(t, "yarin") || t.f === "tomorrow") return at(1, i + 1);
  if (isWord(t, "bugun") || isExact(t, "today", "tonight")) return at(0, i + 1);
  if (t.f === "bu" && DAY_PARTS_AFTER_BU.some((p) => isWord(T[i + 1], p))) return at(0, i + 2);
  if (t.f === "bu" && isExact(T[i + 1], "ogleden", "oglenden") && isWord(T[i + 2], "sonra")) {
    return at(0, i + 3);
  }
  if (t.f === "this" && isExact(T[i + 1], "morning", "afternoon", "evening")) return at(0, i + 2);
  return null;
}

type WeekdayMode = "bare" | "this" | "nextWeek";

function weekdayPhrase(ctx: DateContext, i: number): DateFound | null {
  const T = ctx.T;
  let j = i;
  let mode: WeekdayMode = "bare";
  const f = T[j]!.f;
  if (f === "bu" || f === "this") {
    mode = "this";
    j++;
    if (isExact(T[j], "coming")) {
      mode = "bare";
      j++;
    }
  } else if (f === "haftaya") {
    mode = "nextWeek";
    j++;
  } else if (["gelecek", "onumuzdeki", "sonraki", "coming"].includes(f)) {
    j++;
    if (isWord(T[j], "hafta")) {
      mode = "nextWeek";
      j++;
    }
  } else if (f === "bir" && isExact(T[j + 1], "sonraki")) {
    j += 2;
  } else if (f === "next") {
    mode = "nextWeek";
    j++;
    if (isExact(T[j], "week")) j++;
  } else if (f === "on") {
    j++;
  }
  const weekday = weekdayAt(T[j]);
  if (weekday === null) return null;
  let end = j + 1;
  if (isWord(T[end], "gun")) end++;
  if (isExact(T[end], "next") && isExact(T[end + 1], "week")) {
    mode = "nextWeek";
    end += 2;
  }
  let offset: number;
  if (mode === "nextWeek") offset = 7 - ctx.weekday + weekday;
  else {
    offset = (weekday - ctx.weekday + 7) % 7;
    if (offset === 0 && mode === "bare") offset = 7;
  }
  return { date: addDays(ctx.today, offset), start: i, end };
}

function relativeOffset(ctx: DateContext, i: number): DateFound | null {
  const T = ctx.T;
  const folded = T.map((t) => t.f);
  const english = T[i]!.f === "in";
  const at = english ? i + 1 : i;
  let amount: number | null = null;
  let length = 0;
  const fromNow = isExact(T[at + 2], "from");
  if (
    (english || fromNow) && isExact(T[at], "a", "an") &&
    !isExact(T[at + 1], "dozen", "couple", "pair")
  ) {
    amount = 1;
    length = 1;
  } else {
    const n = readNumber(folded, at);
    if (n && n.suffix === "" && n.value > 0 && n.value <= 366) {
      amount = n.value;
      length = n.length;
    }
  }
  if (amount === null) return null;
  const unitTok = T[at + length];
  let unit: "day" | "week" | "month" | null = null;
  if (isExact(unitTok, "day", "days")) unit = "day";
  else if (isExact(unitTok, "week", "weeks")) unit = "week";
  else if (isExact(unitTok, "month", "months")) unit = "month";
  if (english) {
    if (!unit) return null;
    return { date: shift(ctx.today, amount, unit), start: i, end: at + length + 1 };
  }
  if (unit && isExact(T[at + length + 1], "from") && isExact(T[at + length + 2], "now", "today")) {
    return { date: shift(ctx.today, amount, unit), start: i, end: at + length + 3 };
  }
  if (isExact(unitTok, "gun")) unit = "day";
  else if (isExact(unitTok, "hafta")) unit = "week";
  else if (isExact(unitTok, "ay")) unit = "month";
  if (!unit || !isWord(T[at + length + 1], "sonra")) return null;
  return { date: shift(ctx.today, amount, unit), start: i, end: at + length + 2 };
}

function shift(date: string, amount: number, unit: "day" | "week" | "month"): string {
  if (unit === "month") return addMonths(date, amount);
  return addDays(date, unit === "week" ? amount * 7 : amount);
}

const DATE_FINDERS = [
  numericDate,
  dayMonth,
  monthDay,
  dayOfMonth,
  relativeDay,
  weekdayPhrase,
  relativeOffset,
];

function dateContext(T: Tok[], now: Date, timeZone: string): DateContext {
  const p = zonedParts(now, timeZone);
  return {
    T,
    today: isoDate(p.year, p.month, p.day),
    weekday: p.weekday,
    year: p.year,
    month: p.month,
    day: p.day,
  };
}

function findDate(ctx: DateContext): DateFound | null {
  for (let i = 0; i < ctx.T.length; i++) {
    for (const finder of DATE_FINDERS) {
      const found = finder(ctx, i);
      if (found) return found;
    }
  }
  return null;
}

function matchedText(T: Tok[], indices: Iterable<number>): string {
  return [...new Set(indices)].sort((a, b) => a - b).map((i) => T[i]!.n).join(" ");
}

function range(start: number, end: number): number[] {
  return Array.from({ length: end - start }, (_, k) => start + k);
}

/**
 * Finds the first date a message names, relative to `now` in `timeZone`: "bugün", "yarın", "öbür
 * gün", "cuma", "cumaya", "haftaya salı", "25 Kasım", "25.11", "2026-11-25", "ayın 25'i", "3 gün
 * sonra", "tomorrow", "next Tuesday", "Nov 25". Returns null when none is named.
 */
export function parseDate(
  text: string,
  now: Date,
  timeZone: string = DEFAULT_TIME_ZONE,
): DateMatch | null {
  const T = toks(text);
  const found = findDate(dateContext(T, now, timeZone));
  return found
    ? { date: found.date, matched: matchedText(T, range(found.start, found.end)) }
    : null;
}

interface PartFound extends Found {
  part: PartOfDay;
  /** A part of the day that is itself a time: noon, midnight. */
  exact?: string;
  /** A narrower window than the part's default. */
  window?: TimeRange;
}

/** Finds every part of the day a message names. */
function findParts(T: Tok[]): PartFound[] {
  const parts: PartFound[] = [];
  for (let i = 0; i < T.length; i++) {
    const t = T[i]!;
    let found: PartFound | null = null;
    if (isExact(t, "ogleden", "oglenden") && isWord(T[i + 1], "sonra")) {
      found = { part: "afternoon", start: i, end: i + 2 };
    } else if (isExact(t, "ogleden", "oglenden") && isWord(T[i + 1], "once")) {
      found = { part: "morning", start: i, end: i + 2 };
    } else if (t.f === "gece" && isWord(T[i + 1], "yarisi")) {
      found = { part: "night", start: i, end: i + 2, exact: "00:00" };
    } else if (isWord(t, "aksamustu") || (t.f === "aksam" && isWord(T[i + 1], "ustu"))) {
      const end = t.f === "aksam" ? i + 2 : i + 1;
      found = { part: "afternoon", start: i, end, window: { start: "16:00", end: "19:00" } };
    } else if (isWord(t, "sabah") || isExact(t, "sabahleyin", "morning", "mornings")) {
      found = { part: "morning", start: i, end: i + 1 };
    } else if (isWord(t, "ogle", "oglen") || isExact(t, "ogleyin", "noon", "midday", "lunchtime")) {
      found = { part: "noon", start: i, end: i + 1, exact: "12:00" };
    } else if (isWord(t, "ikindi") || isExact(t, "afternoon", "afternoons")) {
      found = { part: "afternoon", start: i, end: i + 1 };
    } else if (isWord(t, "aksam") || isExact(t, "evening", "evenings", "tonight")) {
      found = { part: "evening", start: i, end: i + 1 };
    } else if ((isWord(t, "gece") && !isExact(T[i - 1], "ceyrek")) || isExact(t, "night")) {
      found = { part: "night", start: i, end: i + 1 };
    } else if (t.f === "midnight") {
      found = { part: "night", start: i, end: i + 1, exact: "00:00" };
    }
    if (!found) continue;
    if (isExact(T[found.start - 1], "the") && isExact(T[found.start - 2], "in")) found.start -= 2;
    else if (isExact(T[found.start - 1], "at", "in")) found.start -= 1;
    parts.push(found);
    i = found.end - 1;
  }
  return parts;
}

interface HourFound extends Found {
  hour: number;
  minute: number;
  ampm?: "am" | "pm";
  leadingZero: boolean;
}

const TIME_SUFFIXES = new Set(["de", "da", "te", "ta", "e", "a", "ye", "ya"]);
const HEDGES_AFTER = new Set([
  "gibi",
  "civari",
  "civarinda",
  "civarlari",
  "civarlarinda",
  "sularinda",
  "sulari",
  "falan",
  "filan",
  "ish",
]);
const HEDGES_BEFORE = new Set(["around", "about", "approximately", "roughly", "yaklasik"]);
const AMPM = new Set(["am", "pm"]);

/** The hour (and minutes) written at `j`, if a time may be written there. */
function hourAt(T: Tok[], j: number, cued: boolean): HourFound | null {
  const tok = T[j];
  if (!tok) return null;
  let hour: number;
  let minute = 0;
  let end = j + 1;
  let ampm: "am" | "pm" | undefined;
  let leadingZero = false;
  let suffix = "";
  const s = splitNumeric(tok.f);
  const clock = s ? /^(\d{1,2})[:.](\d{2})$/.exec(s.core) : null;
  if (s && clock) {
    hour = Number(clock[1]);
    minute = Number(clock[2]);
    leadingZero = clock[1]!.length === 2 && clock[1]!.startsWith("0");
    if (s.core.includes(".")) {
      const month = minute;
      const dateCue = TIME_CUES.has(T[j - 1]?.f ?? "") || isOglendenSonra(T, j - 2);
      if (month >= 1 && month <= 12 && hour >= 1 && hour <= 31 && !dateCue && !cued) return null;
    }
    suffix = s.suffix;
  } else if (s && /^\d{1,2}$/.test(s.core)) {
    hour = Number(s.core);
    leadingZero = s.core.length === 2 && s.core.startsWith("0");
    suffix = s.suffix;
  } else {
    const n = readNumber(T.map((t) => t.f), j);
    if (!n || n.digits || n.value < 1 || n.value > 12) return null;
    hour = n.value;
    suffix = n.suffix;
    end = j + n.length;
    const single = n.length === 1 && (T[j]!.f.startsWith("bir") || T[j]!.f.startsWith("on"));
    const english = suffix === "" && ENGLISH_HOURS.has(T[j]!.f);
    if (english && !cued && !AMPM.has(T[end]?.f ?? "") && !isExact(T[end], "oclock", "o'clock")) {
      return null;
    }
    if (!english && !cued) {
      const located = ["de", "da", "te", "ta"].includes(suffix) && !single;
      const half = suffix === "" && isBucuk(T[end]);
      if (!located && !half && !isQuarterSuffix(suffix, T[end])) return null;
    }
  }
  if (hour > 24 || minute > 59) return null;
  if (suffix === "am" || suffix === "pm") ampm = suffix;
  else if (
    !clock && suffix !== "" && suffix !== "ish" && !TIME_SUFFIXES.has(suffix) &&
    !isQuarterSuffix(suffix, T[end])
  ) return null;
  if (!clock && isBucuk(T[end])) {
    minute = 30;
    end++;
  } else if (!clock && isExact(T[end], "ceyrek")) {
    if (isExact(T[end + 1], "gece", "gecer")) {
      minute = 15;
      end += 2;
    } else if (isExact(T[end + 1], "kala", "var")) {
      hour = hour === 0 ? 23 : hour - 1;
      minute = 45;
      end += 2;
    }
  }
  if (!ampm && AMPM.has(T[end]?.f ?? "")) {
    ampm = T[end]!.f as "am" | "pm";
    end++;
  }
  if (isExact(T[end], "oclock", "o'clock")) end++;
  const bare = !clock && suffix === "" && end === j + 1;
  if (bare && !cued && !HEDGES_AFTER.has(T[end]?.f ?? "")) return null;
  if (ampm && (hour < 1 || hour > 12)) return null;
  return { hour, minute, ampm, leadingZero, start: j, end };
}

const ENGLISH_HOURS = new Set([
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
]);

function isBucuk(tok: Tok | undefined): boolean {
  return isWord(tok, "bucuk");
}

/** "3'ü çeyrek geçe": the accusative before "çeyrek geçe", the dative before "çeyrek var". */
function isQuarterSuffix(suffix: string, next: Tok | undefined): boolean {
  return next?.f === "ceyrek" && ["u", "i", "yi", "yu", "e", "a", "ye", "ya"].includes(suffix);
}

/** Words after British "half 3" that keep it a time, not half of three things. */
const AFTER_HALF_HOUR = new Set(["then", "tomorrow", "today", "ok", "okay", "pls", "please", "on"]);

/** British "half 3" (half past three): after "at"/"around" or before the end or a time word. */
function halfHour(T: Tok[], i: number): boolean {
  const n = T[i + 1]?.f ?? "";
  if (!/^([1-9]|1[0-2])$/.test(n)) return false;
  const next = T[i + 2]?.f;
  return HOUR_CUES.has(T[i - 1]?.f ?? "") || next === undefined || AFTER_HALF_HOUR.has(next);
}

/** English "half past 3", "half 3", "quarter past 3", "quarter to 4". */
function englishQuarter(T: Tok[], i: number): HourFound | null {
  const f = T[i]!.f;
  if (f !== "half" && f !== "quarter") return null;
  const rel = T[i + 1]?.f;
  if (f === "half" && halfHour(T, i)) return { ...hourAt(T, i + 1, true)!, minute: 30, start: i };
  if (rel !== "past" && rel !== "to") return null;
  const h = hourAt(T, i + 2, true);
  if (!h || h.minute !== 0) return null;
  const delta = f === "half" ? 30 : 15;
  if (rel === "past") return { ...h, minute: delta, start: i };
  if (f === "half") return null;
  return { ...h, hour: h.hour === 0 ? 23 : h.hour - 1, minute: 45, start: i };
}

const HOUR_CUES = new Set(["saat", "at", "around", "about", "by", "approximately", "yaklasik"]);

/** Finds the first named hour: cued by "saat"/"at", a part of the day, or its own form. */
function findHour(T: Tok[], parts: PartFound[]): HourFound | null {
  const partEnds = new Set(parts.map((p) => p.end));
  const partStarts = new Set(parts.map((p) => p.start));
  for (let i = 0; i < T.length; i++) {
    const quarter = englishQuarter(T, i);
    if (quarter) return quarter;
    const cue = HOUR_CUES.has(T[i - 1]?.f ?? "");
    const h = hourAt(T, i, cue || partEnds.has(i) || partStarts.has(i + 1));
    if (!h) continue;
    if (cue) h.start = i - 1;
    return h;
  }
  return null;
}

/** Turns a written hour into 0..23 by the rules in this module's documentation. */
function resolveHour(h: HourFound, part: PartOfDay | undefined): number | null {
  const { hour, ampm } = h;
  if (ampm === "am") return hour === 12 ? 0 : hour;
  if (ampm === "pm") return hour === 12 ? 12 : hour + 12;
  if (hour === 24) return 0;
  if (hour >= 13 || hour === 0 || h.leadingZero) return hour;
  switch (part) {
    case "morning":
      return hour;
    case "noon":
      return hour <= 5 ? hour + 12 : hour;
    case "afternoon":
      return hour === 12 ? 12 : hour + 12;
    case "evening":
      return hour === 12 ? 0 : hour + 12;
    case "night":
      if (hour === 12) return 0;
      return hour >= 6 ? hour + 12 : hour;
    default:
      return hour <= 7 ? hour + 12 : hour;
  }
}

interface TimeFound {
  time: string;
  approximate: boolean;
  partOfDay?: PartOfDay;
  indices: number[];
  /** Whether an hour was written (digits or a number word), not only a part of the day. */
  hourNamed: boolean;
}

function findTime(T: Tok[]): TimeFound | null {
  const parts = findParts(T);
  const h = findHour(T, parts);
  if (!h) {
    const exact = parts.find((p) => p.exact);
    if (!exact) return null;
    return {
      time: exact.exact!,
      approximate: hedged(T, exact.start, exact.end),
      partOfDay: exact.part,
      indices: range(exact.start, exact.end),
      hourNamed: false,
    };
  }
  let part: PartFound | undefined;
  let distance = Infinity;
  for (const p of parts) {
    const d = p.end <= h.start ? h.start - p.end : p.start >= h.end ? p.start - h.end : 0;
    if (d <= 3 && d < distance) {
      part = p;
      distance = d;
    }
  }
  const hour = resolveHour(h, part?.part);
  if (hour === null) return null;
  const indices = range(h.start, h.end);
  if (part) indices.push(...range(part.start, part.end));
  const approximate = hedged(T, Math.min(...indices), Math.max(...indices) + 1) ||
    /ish$/.test(T[h.end - 1]?.f ?? "");
  const lo = Math.min(...indices);
  const hi = Math.max(...indices) + 1;
  if (HEDGES_BEFORE.has(T[lo - 1]?.f ?? "")) indices.push(lo - 1);
  if (HEDGES_AFTER.has(T[hi]?.f ?? "")) indices.push(hi);
  return {
    time: `${pad(hour)}:${pad(h.minute)}`,
    approximate,
    partOfDay: part?.part,
    indices,
    hourNamed: true,
  };
}

function hedged(T: Tok[], start: number, end: number): boolean {
  if (HEDGES_BEFORE.has(T[start - 1]?.f ?? "") || HEDGES_BEFORE.has(T[start]?.f ?? "")) return true;
  if (isExact(T[start - 2], "asagi") && isExact(T[start - 1], "yukari")) return true;
  if (HEDGES_AFTER.has(T[end]?.f ?? "")) return true;
  return isExact(T[end], "or") && isExact(T[end + 1], "so");
}

/**
 * Finds the time of day a message names: "15:00", "14:30'da", "14.30", "saat 3'te", "3'te",
 * "öğleden sonra 3", "akşam 6 gibi", "3 buçukta", "öğlen", "at 3pm", "3:30 pm", "around 6 in the
 * evening". Context free: the hour rules are in this module's documentation.
 */
export function parseTime(text: string): TimeMatch | null {
  const T = toks(text);
  const found = findTime(T);
  if (!found) return null;
  const match: TimeMatch = {
    time: found.time,
    approximate: found.approximate,
    matched: matchedText(T, found.indices),
  };
  if (found.partOfDay) match.partOfDay = found.partOfDay;
  return match;
}

function findWindow(T: Tok[]): (TimeRange & { part: PartOfDay; indices: number[] }) | null {
  const part = findParts(T).find((p) => p.exact !== "00:00");
  if (!part) return null;
  const window = part.window ?? PART_OF_DAY_WINDOWS[part.part];
  return { ...window, part: part.part, indices: range(part.start, part.end) };
}

/**
 * The window of a vague part of the day when no hour is named: "öğleden sonra" → 12:00–18:00,
 * "sabah" → 09:00–12:00, "akşam" → 17:00–21:00, "in the afternoon". Null when an hour is named.
 */
export function parseTimeWindow(text: string): TimeWindow | null {
  const T = toks(text);
  if (findTime(T)?.hourNamed) return null;
  const w = findWindow(T);
  return w
    ? { start: w.start, end: w.end, partOfDay: w.part, matched: matchedText(T, w.indices) }
    : null;
}

/** "yarım saat sonra", "2 saat sonra", "45 dakika sonra", "in an hour", "in 30 minutes". */
function relativeTime(T: Tok[]): { minutes: number; indices: number[] } | null {
  const folded = T.map((t) => t.f);
  for (let i = 0; i < T.length; i++) {
    const english = T[i]!.f === "in";
    let at = english ? i + 1 : i;
    let amount: number | null = null;
    if (english && isExact(T[at], "half") && isExact(T[at + 1], "an") && T[at + 2]?.f === "hour") {
      return { minutes: 30, indices: range(i, at + 3) };
    }
    if (!english && T[at]?.f === "yarim") {
      amount = 0.5;
      at++;
    } else if (english && isExact(T[at], "a", "an")) {
      amount = 1;
      at++;
    } else {
      const n = readNumber(folded, at);
      if (!n || n.suffix !== "" || n.value <= 0) continue;
      amount = n.value;
      at += n.length;
      if (!english && isExact(T[at], "bucuk")) {
        amount += 0.5;
        at++;
      }
    }
    const unit = T[at]?.f ?? "";
    const hours = english ? ["hour", "hours"].includes(unit) : unit === "saat";
    const minutes = english
      ? ["minute", "minutes", "min", "mins"].includes(unit)
      : ["dakika", "dk"].includes(unit);
    if (!hours && !minutes) continue;
    if (!english && !isWord(T[at + 1], "sonra")) continue;
    const end = english ? at + 1 : at + 2;
    return { minutes: Math.round(amount * (hours ? 60 : 1)), indices: range(i, end) };
  }
  return null;
}

/**
 * Finds the date, time or part-of-day window a message names, relative to `now` in `timeZone`, and
 * the instant when both date and time are known: "yarın öğleden sonra 3", "cuma 14:30", "bu akşam",
 * "yarım saat sonra". Returns null when nothing is named.
 */
export function parseDateTime(
  text: string,
  now: Date,
  timeZone: string = DEFAULT_TIME_ZONE,
): DateTimeMatch | null {
  const T = toks(text);
  const relative = relativeTime(T);
  if (relative) {
    const instant = new Date(
      Math.floor(now.getTime() / 60_000) * 60_000 + relative.minutes * 60_000,
    );
    const p = zonedParts(instant, timeZone);
    return {
      date: isoDate(p.year, p.month, p.day),
      time: `${pad(p.hour)}:${pad(p.minute)}`,
      approximate: false,
      instant,
      matched: matchedText(T, relative.indices),
    };
  }
  const date = findDate(dateContext(T, now, timeZone));
  const time = findTime(T);
  const window = time ? null : findWindow(T);
  if (!date && !time && !window) return null;
  const indices = [
    ...(date ? range(date.start, date.end) : []),
    ...(time?.indices ?? []),
    ...(window?.indices ?? []),
  ];
  const result: DateTimeMatch = {
    approximate: time?.approximate ?? false,
    matched: matchedText(T, indices),
  };
  if (date) result.date = date.date;
  if (time) result.time = time.time;
  if (window) result.window = { start: window.start, end: window.end };
  const partOfDay = time?.partOfDay ?? window?.part;
  if (partOfDay) result.partOfDay = partOfDay;
  if (date && time) result.instant = zonedTimeToInstant(date.date, time.time, timeZone);
  return result;
}
