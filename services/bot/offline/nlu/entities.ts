/**
 * Entities in customer messages: phone numbers, e-mail addresses, names, quantities, confirmation
 * codes, yes and no, addresses, and the language a message is written in.
 * @module
 */
import { normalizePhone } from "../../../phone.ts";
import { readNumber } from "./numbers.ts";
import { fold, stripSuffix, tokens } from "./text.ts";
import {
  COMMON_WORDS,
  DOMAIN_WORDS,
  MONTHS_EN,
  MONTHS_TR,
  PIECE_UNITS,
  STOPWORDS,
  WEEKDAYS_EN,
  WEEKDAYS_TR,
} from "./words.ts";

/** A run of digits, spaces and phone punctuation long enough to hold a phone number. */
const PHONE_RUN = /(?:\+|\b)[\d(][\d\s().\-/]{6,24}\d/g;

/** A message's language. */
export type Language = "tr" | "en";

/**
 * The first phone number in a message, in E.164: "0532 123 45 67", "5321234567",
 * "+90 532 123 4567", "0 (532) 123-45-67" all give "+905321234567". Null when there is none.
 */
export function extractPhone(text: string): string | null {
  const runs = text.match(PHONE_RUN) ?? [];
  for (const run of runs) {
    const groups = [...run.matchAll(/\+?\(?\d+\)?/g)];
    for (let from = 0; from < groups.length; from++) {
      for (let to = groups.length - 1; to >= from; to--) {
        const first = groups[from]!;
        const last = groups[to]!;
        const piece = run.slice(first.index, last.index + last[0].length);
        const digits = piece.replace(/\D/g, "");
        if (digits.length < 10) break;
        const phone = normalizePhone(piece.replace(/^\((\d+)\)/, "$1"));
        if (phone) return phone;
      }
    }
  }
  return null;
}

/** The first e-mail address in a message, lower-cased, or null. */
export function extractEmail(text: string): string | null {
  const m = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/.exec(text);
  return m ? m[0].toLowerCase() : null;
}

/**
 * Labels and fillers around contact details ("adım X tel …", "name: X, phone …"): never part of a
 * name, so a name ends where one of them starts.
 */
const CONTACT_LABELS = [
  "tel",
  "telefon",
  "telefonum",
  "telefonu",
  "numara",
  "numaram",
  "numarasi",
  "cep",
  "cebim",
  "gsm",
  "no",
  "adres",
  "adresim",
  "mail",
  "mailim",
  "email",
  "eposta",
  "e posta",
  "e postam",
  "isim",
  "ismim",
  "soyisim",
  "soyismim",
  "ad",
  "adim",
  "soyad",
  "soyadim",
  "name",
  "phone",
  "number",
  "mobile",
  "address",
  "ve",
  "and",
];

/** Words never taken for a person's name. */
const NOT_NAMES = new Set([
  ...CONTACT_LABELS,
  ...STOPWORDS,
  ...COMMON_WORDS,
  ...DOMAIN_WORDS,
  ...Object.keys(WEEKDAYS_TR),
  ...Object.keys(WEEKDAYS_EN),
  ...Object.keys(MONTHS_TR),
  ...Object.keys(MONTHS_EN),
  "adina",
  "merhabalar",
  "selamlar",
  "gunaydin",
  "iyi",
  "gunler",
  "aksamlar",
  "tesekkur",
  "tesekkurler",
  "sagol",
  "sagolun",
  "olur",
  "tamamdir",
  "peki",
  "tabii",
  "tabi",
  "aynen",
  "yes",
  "no",
  "ok",
  "okay",
  "thanks",
  "thank",
  "hey",
  "good",
  "morning",
  "fine",
  "sure",
  "yarin",
  "bugun",
  "gelecegim",
  "gelirim",
  "geliyorum",
  "musteri",
  "sahibi",
  "yetkili",
  "kuafor",
  "berber",
  "salon",
  "owner",
  "customer",
  "here",
  "looking",
  "interested",
  "booking",
  "calling",
]);

/** Endings of verb forms, which a lower-case bare "name" must not have ("geliyorum"). */
const VERB_ENDINGS = new RegExp(
  "(?:yor|yorum|yoruz|sunuz|siniz|miyim|misiniz|musunuz|acak|ecek|abilir|ebilir|madim|medim" +
    "|mak|mek|dim|dum|tim|tum)$",
);

/** Capitalises one word, with Turkish rules ("ışıl" → "Işıl", "ilker" → "İlker") unless English. */
function capitalise(word: string, language: Language): string {
  const locale = language === "tr" ? "tr-TR" : "en-US";
  return word.split("-").map((part) => {
    const lower = part.toLocaleLowerCase(locale);
    return lower.slice(0, 1).toLocaleUpperCase(locale) + lower.slice(1);
  }).join("-");
}

/**
 * Words that end a name even after a cue; other everyday words written with a capital after a
 * cue are names ("adım Can Er", "ismim Su Ay").
 */
const NEVER_NAMES = new Set([
  ...CONTACT_LABELS,
  ...DOMAIN_WORDS,
  ...Object.keys(WEEKDAYS_EN),
  ...Object.keys(MONTHS_EN),
  "merhaba",
  "selam",
  "tesekkurler",
  "lutfen",
  "evet",
  "hayir",
  "tamam",
]);

/** Whether a raw word could be part of a name; `cued` when it follows "adım", "my name is". */
function nameLike(raw: string, strict: boolean, cued = false): boolean {
  if (!/^\p{L}+(?:-\p{L}+)?$/u.test(raw) || raw.length < 2) return false;
  const f = fold(raw);
  const capitalised = /^\p{Lu}/u.test(raw);
  if (NOT_NAMES.has(f)) return cued && capitalised && !NEVER_NAMES.has(f);
  return !strict || capitalised || !VERB_ENDINGS.test(f);
}

/** Up to three name-like words from `words`, starting at the front. */
function takeName(words: string[], strict: boolean, cued = false): string[] {
  const taken: string[] = [];
  for (const w of words) {
    const clean = w.replace(/'.*$/, "");
    if (taken.length === 3 || !nameLike(clean, strict, cued)) break;
    taken.push(clean);
    if (clean !== w) break;
  }
  return taken;
}

/** A clause without the contact labels at its ends: "Ali Veli tel" → "Ali Veli". */
function withoutLabels(clause: string[]): string[] {
  const label = (w: string | undefined) => w !== undefined && CONTACT_LABELS.includes(fold(w));
  let from = 0;
  let to = clause.length;
  while (from < to && label(clause[from])) from++;
  while (to > from && label(clause[to - 1])) to--;
  return clause.slice(from, to);
}

/** Greetings that may open a clause before "ben …", "I'm …". */
const GREETING_WORDS = new Set([
  "merhaba",
  "merhabalar",
  "selam",
  "selamlar",
  "mrb",
  "slm",
  "nasilsiniz",
  "nasilsin",
  "iyi",
  "gunler",
  "aksamlar",
  "hi",
  "hello",
  "hey",
]);

/** Labels of a surname given after the first name: "adım Mehmet soyadım Demir". */
const SURNAME_LABELS = new Set(["soyadim", "soyadi", "soyismim", "soyisim", "surname"]);

/** Two-word cues of a full name: "ad soyad Burak Çelik", "isim soyisim …". */
const SURNAME_CUES = new Set([
  "ad soyad",
  "adi soyadi",
  "adim soyadim",
  "isim soyisim",
  "isim soyad",
  "ismim soyismim",
]);

/** Words that label the name that follows at the start of a clause: "isim Selin", "name: …". */
const NAME_LABELS = new Set(["isim", "ad", "name", "name's", "names"]);

/** Options for `extractName`. */
export interface NameOptions {
  /** The assistant has just asked for a name: a bare single word counts too. */
  expected?: boolean;
}

/** A name label followed by a colon: "isim: Selin", "Ad Soyad: …", "name: …". */
const LABEL_COLON =
  /\b(isim|ismim|ad|adım|adim|soyad|ad soyad|ad-soyad|adı soyadı|adi soyadi|isim soyisim|name|full name)\s*:\s*/giu;

/** Splits raw text into words, keeping apostrophes inside them and cutting at punctuation. */
function rawClauses(text: string): string[][] {
  return text.normalize("NFC").replace(/[’‘`´ʼ]/g, "'").replace(LABEL_COLON, "$1 ")
    .split(/[,.;:!?\n()"|]+|(?:^|\s)[-–—/]+(?=\s|$)/)
    .map((c) => c.trim().split(/\s+/).filter(Boolean)).filter((c) => c.length > 0);
}

/**
 * A customer's name from "adım Ahmet Yılmaz", "ben Ayşe Demir", "ismim …", "Ahmet Yılmaz adına",
 * "my name is John Smith", or a message that is only a name ("Mehmet Kaya"), capitalised by Turkish
 * rules ("ışıl" → "Işıl"). A single bare word counts only when `expected`. Null when there is none.
 */
export function extractName(text: string, options: NameOptions = {}): string | null {
  const language = detectLanguage(text);
  const finish = (words: string[]): string | null =>
    words.length === 0 ? null : words.map((w) => capitalise(w, language)).join(" ");
  for (const clause of rawClauses(text)) {
    const f = clause.map((w) => fold(w));
    for (let i = 0; i < clause.length; i++) {
      // "merhaba ben Elif", "hi, I'm John": a greeting may come before the introduction.
      const first = f.slice(0, i).every((w) => GREETING_WORDS.has(w));
      let after: number | null = null;
      let capitalisedOnly = false;
      let strict = false;
      if (["adim", "ismim", "adimiz"].includes(f[i]!)) after = i + 1;
      else if (f[i] === "benim" && ["adim", "ismim"].includes(f[i + 1] ?? "")) after = i + 2;
      else if (SURNAME_CUES.has(`${f[i]} ${f[i + 1]}`)) after = i + 2;
      // "Ad-Soyad" folds to one word with a space.
      else if (SURNAME_CUES.has(f[i]!)) after = i + 1;
      else if (f[i] === "my" && f[i + 1] === "name" && f[i + 2] === "is") after = i + 3;
      else if (f[i] === "full" && f[i + 1] === "name" && i === 0) after = i + 2;
      else if (NAME_LABELS.has(f[i]!) && i === 0) after = i + 1;
      else if (f[i] === "ben" && first) {
        after = i + 1;
        strict = true;
      } else if ((f[i] === "i'm" || f[i] === "im") && first) {
        after = i + 1;
        capitalisedOnly = true;
      } else if (f[i] === "i" && f[i + 1] === "am" && first) {
        after = i + 2;
        capitalisedOnly = true;
      } else if (f[i] === "this" && f[i + 1] === "is" && first) {
        after = i + 2;
        capitalisedOnly = true;
      }
      if (after !== null) {
        if (["de", "da", "olarak"].includes(f[after] ?? "")) continue;
        const rest = clause.slice(after).filter((w) => !["'dır", "'dir"].includes(w));
        if (capitalisedOnly && !/^\p{Lu}/u.test(rest[0] ?? "")) continue;
        // "ben", "I'm" and "this is" also start sentences that are no introductions.
        const name = takeName(rest, strict, !strict && !capitalisedOnly);
        // "adım Mehmet soyadım Demir"
        const surname = SURNAME_LABELS.has(fold(rest[name.length] ?? ""))
          ? takeName(rest.slice(name.length + 1, name.length + 2), strict, true)
          : [];
        if (name.length > 0) return finish([...name, ...surname]);
      }
      if (f[i] === "adina" || f[i] === "adiyla") {
        const before = takeName(clause.slice(Math.max(0, i - 3), i).reverse(), false).reverse();
        if (before.length > 0) return finish(before);
      }
    }
  }
  // "Ali Veli, tel 0532…" is a name once the labels of the other details are set aside.
  const clauses = rawClauses(text).map(withoutLabels).filter((c) => c.length > 0);
  if (clauses.length !== 1) return null;
  const only = clauses[0]!;
  const min = options.expected ? 1 : 2;
  if (only.length < min || only.length > 3) return null;
  const name = takeName(only, true);
  return name.length === only.length ? finish(name) : null;
}

// Pieces, and weights and people: "2 kg", "3 kişi".
const QUANTITY_UNITS = new Set([
  ...PIECE_UNITS,
  "kg",
  "kisi",
  "people",
  "persons",
]);

/** Words after a number that make it a date, a time or a duration rather than a quantity. */
const NOT_QUANTITY_AFTER = new Set([
  ...Object.keys(MONTHS_TR),
  ...Object.keys(MONTHS_EN),
  "gun",
  "gunde",
  "gune",
  "hafta",
  "haftada",
  "ay",
  "yil",
  "sene",
  "saat",
  "saate",
  "dakika",
  "dk",
  "bucuk",
  "bucukta",
  "ceyrek",
  "gibi",
  "civari",
  "civarinda",
  "sularinda",
  "am",
  "pm",
  "oclock",
  "o'clock",
  "day",
  "days",
  "week",
  "weeks",
  "month",
  "months",
  "year",
  "years",
  "hour",
  "hours",
  "minute",
  "minutes",
  "tl",
  "lira",
  "try",
  "euro",
  "dolar",
  "dollar",
  "dollars",
  "yas",
  "yasinda",
  "numara",
  "numarali",
  "no",
  // A size belongs to the product's name: "50 ml", "250 gr", "1 lt".
  "ml",
  "cl",
  "lt",
  "gr",
  "mg",
  "spf",
]);

const NOT_QUANTITY_BEFORE = new Set([
  "saat",
  "ayin",
  "at",
  "no",
  "numara",
  "daire",
  "d",
  "kat",
  "blok",
  // "SPF 50", "faktör 30": a protection factor, part of the product's name.
  "spf",
  "faktor",
  "factor",
  "the",
  "around",
  "about",
  "in",
]);

/** Words after a number that take it back: "2 değil 3", "2 yerine 3". */
const TAKEN_BACK = new Set(["degil", "yerine"]);

/** Suffixes a number word may carry as a quantity ("ikisini", "üçünü"); never a time suffix. */
const QUANTITY_SUFFIXES = new Set(["", "si", "sini", "i", "ini", "u", "unu", "su", "sunu"]);

/**
 * How many of something a message asks for: "3 adet", "iki tane", "bir kutu", "üç", "two",
 * "a dozen", "x2". A number that is part of a date, time, duration, price or phone number is
 * skipped; "bir"/"one"/"on" count only before a unit word ("bir kutu") or alone. Null when none.
 */
export function extractQuantity(text: string): number | null {
  const withoutPhones = text.replace(
    PHONE_RUN,
    (run) => run.replace(/\D/g, "").length >= 10 ? " " : run,
  );
  const T = tokens(withoutPhones, { fold: true });
  let fallback: number | null = null;
  for (let i = 0; i < T.length; i++) {
    const t = T[i]!;
    const multiplier = /^x(\d{1,4})$/.exec(t) ?? /^(\d{1,4})x$/.exec(t);
    if (multiplier) return Number(multiplier[1]);
    const n = readNumber(T, i);
    if (!n) continue;
    const next = T[i + n.length];
    const unit = next !== undefined && QUANTITY_UNITS.has(next);
    const skip = () => {
      i += n.length - 1;
    };
    if (n.digits && (n.suffix !== "" || t.length > 4 || /^0/.test(t))) {
      skip();
      continue;
    }
    if (!n.digits && !QUANTITY_SUFFIXES.has(n.suffix)) continue;
    const nextStem = next === undefined ? "" : fold(stripSuffix(next));
    if (
      NOT_QUANTITY_BEFORE.has(T[i - 1] ?? "") ||
      (next !== undefined && (NOT_QUANTITY_AFTER.has(next) || NOT_QUANTITY_AFTER.has(nextStem)))
    ) {
      skip();
      continue;
    }
    if (n.value < 1 || n.value > 9999) continue;
    // "2 değil 3 olsun", "not 2 but 3", "3 instead of 2": a number taken back is no quantity.
    const before = T.slice(Math.max(0, i - 2), i).join(" ");
    const afterUnit = unit ? T[i + n.length + 1] ?? "" : "";
    if (
      TAKEN_BACK.has(next ?? "") || TAKEN_BACK.has(afterUnit) ||
      /(^| )(not|instead of|rather than)$/.test(before)
    ) {
      skip();
      continue;
    }
    if (unit) return n.value;
    // "onu", "ona", "onlar" are "it", "to it", "they" far more often than an inflected ten.
    const ambiguous = !n.digits && n.length === 1 &&
      (["bir", "on", "one"].includes(t) || (n.value === 10 && n.suffix !== ""));
    if (ambiguous && (T.length > 1 || n.suffix !== "")) continue;
    fallback ??= n.value;
    skip();
  }
  return fallback;
}

const CODE_ALPHABET = /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/;
const CODE_CUES = new Set([
  "kod",
  "kodu",
  "kodum",
  "kodunuz",
  "onay",
  "rezervasyon",
  "randevu",
  "code",
  "confirmation",
  "booking",
  "reference",
  "ref",
]);

/**
 * A 6-character confirmation code (letters and digits without the look-alikes I, L, O, 0, 1),
 * any case in input, returned upper-case. An all-letter or all-digit word counts only when written
 * in capitals or after a cue word ("kod", "code"), so ordinary words are not taken for codes.
 */
export function extractConfirmationCode(text: string): string | null {
  const words = text.normalize("NFC").split(/[^\p{L}\p{N}#]+/u).filter(Boolean);
  const letterWords = words.filter((w) => /^\p{L}+$/u.test(w));
  const shouting = letterWords.length >= 2 && letterWords.every((w) => w === w.toUpperCase());
  for (let i = 0; i < words.length; i++) {
    const raw = words[i]!.replace(/^#/, "");
    const upper = raw.toUpperCase();
    if (!CODE_ALPHABET.test(upper)) continue;
    const mixed = /\d/.test(upper) && /[A-Z]/.test(upper);
    // "randevu almak", "randevu vermek": a verb after a cue word is no code.
    const verb = /^\p{Ll}+$/u.test(raw) && VERB_ENDINGS.test(fold(raw));
    const cued = words[i]!.startsWith("#") ||
      ((CODE_CUES.has(fold(words[i - 1] ?? "")) || CODE_CUES.has(fold(words[i - 2] ?? ""))) &&
        !verb);
    const capitals = /[A-Z]/.test(raw) && raw === upper && !shouting;
    if (mixed || cued || capitals) return upper;
  }
  return null;
}

const AFFIRMATIVE_WORDS = new Set([
  "evet",
  "evt",
  "tamam",
  "tmm",
  "tamamdir",
  "olur",
  "olurr",
  "onayliyorum",
  "onayla",
  "onay",
  "onaylarim",
  "uygun",
  "uyar",
  "peki",
  "tabii",
  "tabi",
  "elbette",
  "kesinlikle",
  "aynen",
  "dogru",
  "harika",
  "super",
  "yes",
  "yeah",
  "yep",
  "yup",
  "ok",
  "okay",
  "okey",
  "oke",
  "sure",
  "confirm",
  "confirmed",
  "correct",
  "right",
  "perfect",
  "great",
  "fine",
]);

const AFFIRMATIVE_PHRASES = [
  "sorun yok",
  "problem yok",
  "no problem",
  "why not",
  "neden olmasin",
  "of course",
  "sounds good",
  "go ahead",
  "that works",
];

const NEGATIVE_WORDS = new Set([
  "hayir",
  "hyr",
  "yok",
  "istemiyorum",
  "istemem",
  "istemiyoruz",
  "vazgectim",
  "vazgec",
  "vazgeciyorum",
  "olmaz",
  "olmasin",
  "degil",
  "iptal",
  "no",
  "nope",
  "nah",
  "not",
  "don't",
  "dont",
  "cancel",
]);

const NEGATIVE_PHRASES = ["never mind", "nevermind", "uygun degil", "gerek yok"];
const QUESTION_PARTICLES = new Set(["mi", "mu", "misin", "musun", "miyim", "miyiz"]);

/** Folded words of a reply, with yes and no phrases ("sorun yok") merged into one marker word. */
function yesNoWords(text: string): string[] {
  let joined = ` ${fold(text)} `;
  for (const p of AFFIRMATIVE_PHRASES) joined = joined.replaceAll(` ${p} `, " __yes__ ");
  for (const p of NEGATIVE_PHRASES) joined = joined.replaceAll(` ${p} `, " __no__ ");
  return joined.trim().split(" ").filter(Boolean);
}

/**
 * True when a reply says yes: "evet", "tamam", "olur", "onaylıyorum", "uygun", "yes", "ok", "sure",
 * "sorun yok". False when it also says no ("uygun değil") or asks ("olur mu?").
 */
export function isAffirmative(text: string): boolean {
  if (isNegative(text)) return false;
  const words = yesNoWords(text);
  return words.some((w, i) =>
    w === "__yes__" || (AFFIRMATIVE_WORDS.has(w) && !QUESTION_PARTICLES.has(words[i + 1] ?? ""))
  );
}

/** Words that say no to a confirmation but name the subject elsewhere ("evet, iptal"). */
const CANCEL_WORDS = new Set(["iptal", "cancel"]);

/**
 * True when a reply opens with a yes and says no only with a cancel word: "evet iptal" says yes to
 * an offer about a cancellation (where `isAffirmative` sees a no).
 */
export function yesAboutCancelling(text: string): boolean {
  const words = yesNoWords(text);
  const first = words[0] ?? "";
  const opensWithYes = first === "__yes__" ||
    (AFFIRMATIVE_WORDS.has(first) && !QUESTION_PARTICLES.has(words[1] ?? ""));
  return opensWithYes &&
    words.every((w) => !(NEGATIVE_WORDS.has(w) || w === "__no__") || CANCEL_WORDS.has(w));
}

/** True when a reply says no: "hayır", "yok", "istemiyorum", "vazgeçtim", "uygun değil", "no". */
export function isNegative(text: string): boolean {
  const words = yesNoWords(text);
  return words.some((w, i) =>
    w === "__no__" || (NEGATIVE_WORDS.has(w) && !QUESTION_PARTICLES.has(words[i + 1] ?? ""))
  );
}

/** The parts of an address found in a line. */
export interface Address {
  /** Street, avenue or boulevard with its type, as written ("Atatürk Cad."). */
  street?: string;
  /** Neighbourhood ("Moda Mah."). */
  neighbourhood?: string;
  /** Building number, as written ("12", "45/3"). */
  number?: string;
  /** Flat or door number. */
  unit?: string;
  /** District (ilçe), capitalised. */
  district?: string;
  /** Province, capitalised. */
  city?: string;
  /** Five-digit postal code. */
  postalCode?: string;
  /** The line the parts were read from, trimmed. */
  line: string;
}

/** The 81 provinces of Turkey, folded. */
const PROVINCES = [
  "adana",
  "adiyaman",
  "afyonkarahisar",
  "afyon",
  "agri",
  "aksaray",
  "amasya",
  "ankara",
  "antalya",
  "ardahan",
  "artvin",
  "aydin",
  "balikesir",
  "bartin",
  "batman",
  "bayburt",
  "bilecik",
  "bingol",
  "bitlis",
  "bolu",
  "burdur",
  "bursa",
  "canakkale",
  "cankiri",
  "corum",
  "denizli",
  "diyarbakir",
  "duzce",
  "edirne",
  "elazig",
  "erzincan",
  "erzurum",
  "eskisehir",
  "gaziantep",
  "giresun",
  "gumushane",
  "hakkari",
  "hatay",
  "igdir",
  "isparta",
  "istanbul",
  "izmir",
  "kahramanmaras",
  "karabuk",
  "karaman",
  "kars",
  "kastamonu",
  "kayseri",
  "kilis",
  "kirikkale",
  "kirklareli",
  "kirsehir",
  "kocaeli",
  "konya",
  "kutahya",
  "malatya",
  "manisa",
  "mardin",
  "mersin",
  "mugla",
  "mus",
  "nevsehir",
  "nigde",
  "ordu",
  "osmaniye",
  "rize",
  "sakarya",
  "samsun",
  "sanliurfa",
  "urfa",
  "siirt",
  "sinop",
  "sirnak",
  "sivas",
  "tekirdag",
  "tokat",
  "trabzon",
  "tunceli",
  "usak",
  "van",
  "yalova",
  "yozgat",
  "zonguldak",
];

const STREET_TYPES =
  /^(?:cad(?:de(?:si)?)?|cd|sok(?:ak|agi)?|sk|bulvar(?:i)?|blv|bulv|yolu|cikmazi|meydani)\.?$/;
const AREA_TYPES = /^(?:mah(?:alle(?:si)?)?|mh|koyu|sitesi|apt|apartmani)\.?$/;
const STREET_BOUNDARY = /^(?:no|numara|kat|daire|d|mah(?:alle(?:si)?)?|mh)\.?$/;
/** Words that introduce an address: it starts after them ("adresim …", "teslimat adresi: …"). */
const ADDRESS_LABEL = /^(?:adres|adresi|adresim|adresimiz|adresiniz|address)$/;
/** Words of a request around an address, never part of a street's name ("…gönderin Moda Cad."). */
const REQUEST_WORDS = /^(?:gonder|yolla|kargo|getir|ulastir|teslim|ship|send|deliver|to)\w*$/;

/** A word of an address line, with the written word it comes from. */
interface AddressWord {
  raw: string;
  folded: string;
  /** Index of the whitespace-separated word of the line. */
  source: number;
  /** A comma or a sentence mark follows: a street's name does not reach back over it. */
  clauseEnd: boolean;
}

/** The line's words, with "Kadıköy/İstanbul", "Cad.No:5" and "No:12" split into parts. */
function addressWords(line: string): AddressWord[] {
  const out: AddressWord[] = [];
  line.split(" ").forEach((word, source) => {
    const parts = word.replace(/(\p{L})\/(\p{L})/gu, "$1 $2").replace(
      /(\p{L})\.(\p{L})/gu,
      "$1. $2",
    )
      .split(/[\s,;]+/).flatMap((part) =>
        part.replace(/^(no|d|daire|kat)([:.])(?=\d)/i, "$1$2 ").split(" ")
      );
    for (const part of parts) {
      const raw = part.replace(/[!?]+$/, "");
      if (!raw || /^[:./]+$/.test(raw)) continue;
      out.push({ raw, folded: fold(raw).replace(/[.:]$/, ""), source, clauseEnd: false });
    }
    if (/[,;!?]$/.test(word) && out.length > 0) out.at(-1)!.clauseEnd = true;
  });
  return out;
}

/** Whether a word may belong to the name of a street or a neighbourhood. */
function placeNameWord(w: AddressWord, capitalised: boolean): boolean {
  if (w.clauseEnd || !/^[\p{L}\d]/u.test(w.raw)) return false;
  const f = w.folded;
  if (
    ADDRESS_LABEL.test(f) || STREET_BOUNDARY.test(f) || AREA_TYPES.test(f) ||
    STREET_TYPES.test(f) || REQUEST_WORDS.test(f)
  ) return false;
  if (capitalised) return /^[\p{Lu}\d]/u.test(w.raw);
  return !STOPWORDS.has(f) && !COMMON_WORDS.has(f) && !DOMAIN_WORDS.has(f) && !VERB_ENDINGS.test(f);
}

/**
 * Where the name of a street or neighbourhood whose type word is at `at` starts: back over
 * capitalised words ("Gazi Mustafa Kemal Blv."), or over a few plain words when written in lower
 * case, never before `floor` nor over a label, a request or a comma. `at` itself when none.
 */
function placeNameStart(w: AddressWord[], at: number, floor: number, max: number): number {
  const before = w[at - 1];
  const capitalised = before !== undefined && /^\p{Lu}/u.test(before.raw);
  let from = at;
  while (from > floor && at - from < max && placeNameWord(w[from - 1]!, capitalised)) from--;
  return from;
}

/**
 * Best-effort parts of a Turkish address such as "Atatürk Cad. No:12 Kadıköy İstanbul" or
 * "Moda Mah. Şair Nefi Sok. No 5 D:3 34710 Kadıköy/İstanbul", also inside a longer message: the
 * address starts after its label ("adres …") or at its first part, and ends with its last one
 * (a name or phone number after it is no part of it). Null when no street, number or province is
 * found.
 */
export function extractAddress(text: string): Address | null {
  const written = text.trim().replace(/\s+/g, " ");
  const w = addressWords(written);
  const isPart = (i: number) =>
    STREET_TYPES.test(w[i]!.folded) || AREA_TYPES.test(w[i]!.folded) ||
    (/^(?:no|numara)$/.test(w[i]!.folded) && /^\d/.test(w[i + 1]?.raw ?? ""));
  const firstPart = w.findIndex((_, i) => isPart(i));
  const label = w.findLastIndex((x, i) =>
    ADDRESS_LABEL.test(x.folded) && (firstPart < 0 || i < firstPart)
  );
  const floor = label + 1;
  const address: Address = { line: written };
  let lastPartEnd = floor;
  let start = Infinity;
  let end = -1;
  const found = (from: number, to: number) => {
    start = Math.min(start, from);
    end = Math.max(end, to);
    lastPartEnd = to;
  };
  for (let i = floor; i < w.length; i++) {
    const f = w[i]!.folded;
    const next = w[i + 1]?.raw ?? "";
    if (STREET_TYPES.test(f) && !address.street) {
      const from = placeNameStart(w, i, lastPartEnd, 4);
      if (from === i) continue;
      address.street = w.slice(from, i + 1).map((x) => x.raw).join(" ");
      found(from, i + 1);
      // "Bağdat Cad. 45/3": a number right after the street is the building's.
      if (/^\d{1,4}(?:\/\d{1,4})?[a-zA-Z]?[.,]?$/.test(next)) {
        address.number ??= next.replace(/[.,]$/, "");
        found(from, i + 2);
      }
    } else if (AREA_TYPES.test(f) && !address.neighbourhood) {
      const from = placeNameStart(w, i, lastPartEnd, 3);
      if (from === i) continue;
      address.neighbourhood = w.slice(from, i + 1).map((x) => x.raw).join(" ");
      found(from, i + 1);
    } else if (/^(?:no|numara)$/.test(f) && /^\d/.test(next)) {
      address.number ??= next.replace(/[.,]$/, "");
      found(i, i + 2);
    } else if (/^(?:d|daire)$/.test(f) && /^\d/.test(next)) {
      address.unit ??= next.replace(/[.,]$/, "");
      found(i, i + 2);
    } else if (
      /^\d{5}$/.test(w[i]!.raw) && Number(w[i]!.raw.slice(0, 2)) >= 1 &&
      Number(w[i]!.raw.slice(0, 2)) <= 81
    ) {
      address.postalCode = w[i]!.raw;
      found(i, i + 1);
    }
  }
  for (let i = w.length - 1; i >= floor; i--) {
    if (!PROVINCES.includes(w[i]!.folded)) continue;
    address.city = capitalise(w[i]!.raw.replace(/[.,]$/, ""), "tr");
    const before = w[i - 1];
    // "Kadıköy, İstanbul": a comma may stand between the district and the province.
    const district = before !== undefined && i - 1 >= lastPartEnd &&
      /^\p{L}+$/u.test(before.raw) && placeNameWord({ ...before, clauseEnd: false }, false);
    if (district) address.district = capitalise(before.raw, "tr");
    // Without a street or a number, the place names alone are the address ("Moda Kadıköy İzmir").
    start = Math.min(start, end < 0 ? floor : district ? i - 1 : i);
    end = Math.max(end, i + 1);
    break;
  }
  if (!address.street && !address.number && !address.city) return null;
  const words = written.split(" ");
  address.line = words.slice(w[start]!.source, w[end - 1]!.source + 1).join(" ")
    .replace(/[,;!?]+$/, "");
  return address;
}

const TURKISH_WORDS = new Set([
  "ve",
  "bir",
  "bu",
  "icin",
  "mi",
  "mu",
  "var",
  "yok",
  "ne",
  "nasil",
  "randevu",
  "istiyorum",
  "merhaba",
  "merhabalar",
  "selam",
  "evet",
  "hayir",
  "yarin",
  "bugun",
  "saat",
  "fiyat",
  "fiyati",
  "kac",
  "lutfen",
  "tesekkurler",
  "tesekkur",
  "ederim",
  "tamam",
  "olur",
  "ile",
  "de",
  "da",
  "cok",
  "ben",
  "benim",
  "adim",
  "ismim",
  "sen",
  "siz",
  "biz",
  "musait",
  "misiniz",
  "musunuz",
  "kadar",
  "nerede",
  "hangi",
  "iyi",
  "gunler",
  "sabah",
  "aksam",
  "ogleden",
  "sonra",
  "almak",
  "alabilir",
  "miyim",
  "sac",
  "kesimi",
  "urun",
  "hizmet",
  "iptal",
  "siparis",
  "adres",
  "gibi",
]);

const ENGLISH_WORDS = new Set([
  "the",
  "a",
  "an",
  "is",
  "are",
  "i",
  "i'm",
  "you",
  "to",
  "for",
  "of",
  "and",
  "my",
  "your",
  "what",
  "how",
  "when",
  "where",
  "can",
  "could",
  "please",
  "thanks",
  "thank",
  "hello",
  "hi",
  "book",
  "appointment",
  "tomorrow",
  "today",
  "price",
  "much",
  "yes",
  "no",
  "want",
  "would",
  "like",
  "do",
  "does",
  "have",
  "there",
  "available",
  "name",
  "at",
  "on",
  "in",
  "this",
  "next",
  "cancel",
  "order",
  "buy",
  "open",
  "hours",
  "morning",
  "afternoon",
  "evening",
  "pm",
  "am",
  "it",
  "me",
  "we",
  "with",
  "haircut",
  "stock",
  "how's",
  "what's",
  "don't",
  "sure",
  "ok",
  "okay",
  "human",
  "bye",
  "goodbye",
]);

/** How strongly a message reads as Turkish and as English (see `detectLanguage`). */
export interface LanguageScores {
  /** Turkish evidence: letters, suffixes, common words. */
  tr: number;
  /** English evidence: common words and endings. */
  en: number;
}

/** The evidence for each language in a message: Turkish letters, suffixes and common words. */
export function languageScores(text: string): LanguageScores {
  // Lower-cased without Turkish rules, so the English "I" does not become a Turkish "ı".
  const lowered = text.normalize("NFC").replace(/[’‘`´ʼ]/g, "'").toLowerCase().replace(
    /\u0307/g,
    "",
  );
  let tr = /İ/.test(text) ? 2 : 0;
  let en = 0;
  for (const w of lowered.split(/[^\p{L}\p{N}']+/u).filter(Boolean)) {
    const f = fold(w);
    if (/[çğıöşü]/.test(w)) tr += 2;
    if (TURKISH_WORDS.has(f)) tr += 1;
    if (ENGLISH_WORDS.has(f)) en += 1;
    if (/(?:yor|yorum|iyorum|lar|ler|misiniz|musunuz|miyim|sunuz|siniz|abilir|ebilir)$/.test(f)) {
      tr += 1;
    }
    if (/(?:ing|tion|ed|'s|'ll|'d|'re|'ve)$/.test(f) && !/[çğıöşü]/.test(w)) en += 0.5;
  }
  return { tr, en };
}

/**
 * Whether a message is Turkish or English, from Turkish letters, Turkish suffixes and common words
 * of each language; Turkish when undecided.
 */
export function detectLanguage(text: string): Language {
  const { tr, en } = languageScores(text);
  return en > tr ? "en" : "tr";
}
