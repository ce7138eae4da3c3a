/**
 * Reads one customer message into everything the dialogue needs: intents, the offerings and staff
 * it names (with quantities; one taken back is dropped: "manikür değil pedikür"), date, time or
 * part of the day (a corrected one wins: "yarın değil, cuma", "çarşamba işim çıktı, cuma"; a bare
 * hour changes a held time: "4 olsun"), phone, name, e-mail, confirmation code, address, yes/no,
 * delivery and payment choices, "fark etmez", ordinal picks ("ilki"), the language it is written
 * in, and abuse (prompt injection, other customers' data, discounts, owner claims).
 * @module
 */
import type { Catalog } from "./catalog.ts";
import { offeringsOfWord } from "./catalog.ts";
import { type Lang, partForTime } from "./format.ts";
import type { Awaiting, PaymentMethod } from "./state.ts";
import { parseDateTime, PART_OF_DAY_WINDOWS, type PartOfDay } from "./nlu/datetime.ts";
import {
  type Address,
  extractAddress,
  extractConfirmationCode,
  extractEmail,
  extractName,
  extractPhone,
  extractQuantity,
  isAffirmative,
  isNegative,
  languageScores,
} from "./nlu/entities.ts";
import { findMentions } from "./nlu/fuzzy.ts";
import { classify, type Intent } from "./nlu/intents.ts";
import { readNumber } from "./nlu/numbers.ts";
import { fold, isInflectionOf, normalize, tokens } from "./nlu/text.ts";
import { pad } from "../../time.ts";
import { COMMON_WORDS, MONTHS_TR, PIECE_UNITS, STOPWORDS, WEEKDAYS_TR } from "./nlu/words.ts";

/** Kinds of requests the assistant refuses. */
export type Abuse = "others_data" | "prompt" | "discount" | "owner" | "generic";

/** Everything read from one message. */
export interface Parsed {
  text: string;
  folded: string;
  /** The language the message is clearly written in, with how clearly (score margin). */
  lang: { lang: Lang; margin: number } | null;
  intents: Partial<Record<Intent, number>>;
  /** Services named, in order of appearance (ids). */
  services: string[];
  /** Products named, in order of appearance (ids). */
  products: string[];
  /** Offerings one word could mean ("krem"), when none was named exactly. */
  ambiguous: string[];
  /** Quantities written next to a product (id → quantity). */
  quantities: Record<string, number>;
  /** Products taken out or back ("şampuan yerine maske", "remove the mask"). */
  removed: string[];
  /** The products a word taken out may mean ("kremi çıkarın"): the order's one among them goes. */
  removedAny: string[];
  /** A quantity anywhere in the message. */
  quantity?: number;
  staffId?: string;
  anyStaff: boolean;
  date?: string;
  time?: string;
  approximate: boolean;
  part?: "morning" | "afternoon" | "evening";
  partFrom?: string;
  partTo?: string;
  phone?: string;
  /** Digits that look like a phone number but are not a valid one. */
  badPhone: boolean;
  name?: string;
  email?: string;
  code?: string;
  address?: Address;
  yes: boolean;
  no: boolean;
  delivery?: "shipping" | "pickup";
  payment?: PaymentMethod;
  /** "ilki", "ikincisi", "the last one": 0-based, -1 for the last. */
  ordinal?: number;
  /** The customer wants the earliest free time ("en erken", "yarın ilk saat", "earliest slot"). */
  earliest: boolean;
  /** "Hafta sonu", "this weekend": Saturday or Sunday, no single day. */
  weekend: boolean;
  /** How many people the booking is for ("ben ve kızım", "2 kişi", "me and my son"). */
  party?: number;
  /** "Aynı saat", "same time": the time of the booking talked about. */
  sameTime: boolean;
  /** The customer says they want something ("istiyorum", "olsun", "I'd like"). */
  wants: boolean;
  /** The customer says they do not have their confirmation code. */
  noCode: boolean;
  abuse?: Abuse;
}

/** What the dialogue expects, which makes some readings likelier. */
export interface Expectation {
  awaiting?: Awaiting;
  /** The flow in progress. */
  flow?: "booking" | "order" | "cancel";
  now: Date;
  timeZone: string;
  lang: Lang;
}

/** The score of an intent in a parsed message (0 when absent). */
export function intent(p: Parsed, name: Intent): number {
  return p.intents[name] ?? 0;
}

const ANY_STAFF =
  /\b(fark etmez|farketmez|fark etmiyor|farketmiyor|herhangi biri\w*|kim olursa|kim musaitse|kim bossa|tercihim yok|no preference|anyone|anybody|any (one|staff|stylist|hairdresser)|doesn'?t matter|does not matter|whoever)\b/;
const WANTS =
  /\b(istiyorum|isterim|istiyordum|istiyoruz|isterdim|yaptir\w*|olsun|alayim|alabilir miyim|alacagim|alirim|alicam|alcam|alacam|aliyim|ayarla\w*|ayir\w*|lazim|want|would like|i'd like|id like|need|book|get|i'll take)\b/;
/** "Ne getirmem lazım?", "what do I need to bring?": what is needed, asked, is no wish. */
const WHAT_IS_NEEDED =
  /\b(ne|neler|nasil|hangi \w+)\b(\s+\w+){0,3}\s+(lazim|gerek\w*)\b|\bwhat (do|should) (i|we) need\b/;
/** A run of digits that may be a phone number, starting at a word boundary ("ABC234" is a code). */
const PHONE_LIKE = /(?<![\p{L}\p{N}])\+?\d[\d\s().\-/]{6,}\d/gu;

const NO_CODE =
  /\b(kod\w*)\b.{0,20}\b(yok|bilmiyorum|hatirlamiyorum|kaybettim|bulamiyorum|gelmedi)\b|\b(don'?t|do not|can'?t|cannot|no)\b.{0,25}\bcode\b|\blost\b.{0,10}\bcode\b/;
const PICKUP =
  /\b(gelip al\w*|gelir al\w*|kendim al\w*|gidip al\w*|ugrayip al\w*|salondan|magazadan|dukkandan|subeden|isletmeden|klinikten|teslim al\w*|elden|pick ?up|pick (it|them) up|picking (it |them )?up|collect\w*|in person)\b/;
const SHIPPING =
  /\b(kargo\w*|gonder\w*|yolla\w*|adres(e|ime|imize)|eve|evime|teslimat\w*|ship\w*|deliver\w*|send|post)\b/;
const EARLIEST =
  /\b(en erken\w*|en yakin (bos |musait |uygun )?(zaman|tarih|gun|saat|randevu)\w*|ilk (bos|musait|uygun|saat)\w*|earliest|soonest|first (available|free|open)\w*|as soon as possible|asap|en kisa (zamanda|surede))\b/;
const COUNTS: Record<string, number> = { iki: 2, two: 2, uc: 3, three: 3, dort: 4, four: 4 };
/** "2 kişi", "üç kişiyiz", "two people", "the three of us". */
const PEOPLE = /\b(iki|uc|dort|two|three|four|[234]) (kisi\w*|people|persons|of us)\b/;
/** "ben ve kızım", "kızımla birlikte", "me and my son", "both of us": two people. */
const TWO_OF_US =
  /\b(ben ve \w+(m|im|um)|\w+(imla|imle|umla|umle|mla|mle) (birlikte|beraber)|me and my \w+|my \w+ and (i|me)|both of us|for us both)\b/;

/** How many people a booking is for, when the message says ("iki saç kesimi" counts too). */
function partyOf(folded: string, serviceNames: string[]): number | undefined {
  const people = PEOPLE.exec(folded);
  if (people) return COUNTS[people[1]!] ?? Number(people[1]);
  for (const name of serviceNames) {
    const first = name.split(" ")[0];
    const counted = first && new RegExp(`\\b(iki|uc|two|three|[23]) ${first}`).exec(folded);
    if (counted) return COUNTS[counted[1]!] ?? Number(counted[1]);
  }
  return TWO_OF_US.test(folded) ? 2 : undefined;
}

const ORDINALS: [RegExp, number][] = [
  [/\b(ilk|ilki|ilkini|ilkine|birinci\w*|first|earliest|en erken)\b/, 0],
  [/\b(ikinci\w*|second)\b/, 1],
  [/\b(ucuncu\w*|third)\b/, 2],
  [/\b(dorduncu\w*|fourth)\b/, 3],
  [/\b(sonuncu\w*|last|latest|en gec)\b/, -1],
];

/** Which payment method a message names. */
function paymentOf(f: string): PaymentMethod | undefined {
  // "Kapıda değil, havale ile": the method said not to be is set aside.
  f = f.replace(
    /\b(kapida|nakit|cash|kart\w*|card) (degil|olmasin|istemiyorum)\b|\bnot (by )?(cash|card)\b/g,
    " ",
  );
  if (/\bkapida\b/.test(f)) return "cash";
  if (/\b(havale\w*|eft|iban|banka\w*|bank|transfer\w*|wire)\b/.test(f)) return "bank_transfer";
  if (
    /\b(salonda|magazada|dukkanda|isletmede|klinikte|kasada|orada|elden|teslim alirken|teslimde|gelince|gelip alirken|alirken|at the (shop|salon|store|clinic)|when i (pick|collect|come)|on pickup|at pickup|in person)\b/
      .test(f) && /\b(ode\w*|pay\w*|odeme\w*)\b/.test(f)
  ) return "pay_at_shop";
  if (/\b(nakit\w*|cash)\b/.test(f)) return "cash";
  if (/\b(kredi karti\w*|kart\w*|card|credit|online|link\w*|internetten|debit)\b/.test(f)) {
    return "card";
  }
  return undefined;
}

const OTHERS = [
  /\b(baska|diger|tum|butun|other|another|every|all( the)?)\b.{0,30}\b(musteri\w*|kisi\w*|insan\w*|danisan\w*|customers?|clients?|people|persons?|users?)\b/,
  /\b(musteri\w*|customers?|clients?)\b.{0,20}\b(liste\w*|list|bilgi\w*|data|telefon\w*|phones?|numara\w*|numbers?|adres\w*|address\w*|records?|details)\b/,
  /\b(kimler|kimin|kime|kimde|whose|who)\b.{0,40}\b(randevu\w*|appointments?|bookings?|booked|gelecek|geliyor)/,
  /\b(randevu\w*|appointments?|bookings?)\b.{0,40}\b(kimler|kimin|kimde|whose|who)\b/,
  /\b(tum|butun|all|every)\b.{0,15}\b(randevu\w*|appointments?|bookings?|siparis\w*|orders?)\b/,
  /\b(numaralari\w*|telefonlari\w*|phone numbers|adresleri\w*)\b/,
  /\b(musterinin|kisinin|the customer's|this customer|that customer|someone else'?s?|somebody else'?s?|baskasinin|arkadasimin randevu\w*)\b/,
  /\b(musteri\w*|customers?|clients?)\b.{0,30}\b(kimler|kim|kimin|who|names?|isim\w*|list\w*)\b/,
  /\b(kimler|who)\b.{0,30}\b(musteri\w*|customers?|clients?)\b/,
  /\b(onay kodlari\w*|kodlari\w*|confirmation codes|booking codes|codes of)\b/,
  /\b(bugunku|yarinki|today'?s|tomorrow'?s) (bookings|appointments|randevular\w*|siparisler\w*|orders)\b/,
  /\b(his|their) (phone|number|mobile|booking|appointment|code|address)\b|\bher (phone|number|mobile|booking|appointment|code|address)\b/,
];

/** Someone else's data asked for by relation ("kardeşimin telefonu"); cancelling stays possible. */
const RELATIVE =
  /\b((my )?(friend|sister|brother|wife|husband|mother|father|mom|dad)'?s?|arkadasimin|kardesimin|esimin|annemin|babamin|kocamin|karimin)\b.{0,25}\b(phone|number|mobile|booking|appointment|telefon\w*|numara\w*|randevu\w*)\b/;
const PROMPT =
  /\b(prompt\w*|system (message|instructions?|rules)|sistem (mesaj|talimat|komut|kural)\w*|talimat\w*|instructions?|yonerge\w*|kurallarini\w*|your rules|configuration|yapilandirma\w*|ignore (all|any|the|previous|your)|forget (all|your|the|previous))\b/;
const DISCOUNT = [
  /\b(indirim\w*|discount\w*)\b.{0,25}\b(yap\w*|ver\w*|uygula\w*|tanimla\w*|gec\w*|istiyorum|isterim|olsun|give|apply|want|need)\b/,
  /\b(give|get|want|need|apply|make) (me |us |it )?(a |an |some )?(\d+ )?(percent )?(discount|deal|reduction|free)/,
  /\b\d+ (indirim\w*)\b/,
  /\bfiyat\w*\b.{0,25}\b(dusur\w*|indir\w*|degistir\w*|guncelle\w*|ayarla\w*)\b/,
  /\bfiyat\w* \d+ ?(tl|lira|₺)?\w* (yap|olsun|ayarla)\w*/,
  /\b(bedava|ucretsiz) (yap\w*|ver\w*|olsun)\b/,
  /\b(set|change|lower|reduce|drop|make) (the |your |my )?(price|cost|total)/,
  /\b(make it|for) (free|cheaper)\b/,
  /\b(bedava|ucretsiz)\b.{0,30}\b(istiyorum|isterim|olsun|yap\w*|ver\w*|alabilir miyim)\b/,
  /\b(i want|give me|get me|book me|i'd like) (a |an )?free\b/,
  /\bapprove\b.{0,20}\b(discount|free|price)/,
  /\b\d+ ?(tl|lira)(ya|ye|a|e) (yap|ver|olsun|dusur)\w*/,
];
const OWNER =
  /\b(sahibiyim|sahibi benim|yoneticiyim|yonetici benim|patronum|patron benim|mudurum|i am the (owner|manager|admin|boss)|i'm the (owner|manager|admin|boss)|im the (owner|manager|admin|boss)|i own (this|the)|admin\w* (yetki\w*|access|mode|modu|panel\w*)|yonetici (yetki\w*|modu)|developer mode|gelistirici mod\w*|debug mod\w*|dan mode|jailbreak\w*)\b/;

/** The kind of abuse in a message, if any. */
function abuseOf(f: string, injection: number): Abuse | undefined {
  if (OTHERS.some((r) => r.test(f))) return "others_data";
  if (OWNER.test(f)) return "owner";
  if (DISCOUNT.some((r) => r.test(f))) return "discount";
  if (injection >= 0.8 && PROMPT.test(f)) return "prompt";
  if (/\b(system prompt|sistem prompt\w*|prompt\w*|talimatlar\w*|instructions)\b/.test(f)) {
    if (
      /\b(goster|yaz|paylas|soyle|ver|nedir|show|reveal|print|tell|what|repeat|share)\w*/.test(f)
    ) {
      return "prompt";
    }
  }
  if (injection >= 0.8) return "generic";
  return undefined;
}

/** Turkish words that take back what comes before them: "yarın değil", "2 olmaz bana". */
const TAKING_BACK = new Set([
  "degil",
  "degilim",
  "yerine",
  "olmaz",
  "olmasin",
  "olmuyor",
  "uymaz",
  "uymuyor",
  "istemiyorum",
  "gelemem",
  "gelemiyorum",
  "gelemeyecegim",
  "gelemiycem",
]);
/** English verbs that take back their whole clause: "Wednesday doesn't work for me". */
const TAKING_BACK_EN = new Set(["doesn't", "doesnt", "can't", "cant", "cannot", "won't", "wont"]);

/** Whether the word at `i` takes back what it follows ("değil mi?" asks instead). */
function takesBack(f: string[], i: number): boolean {
  const w = f[i]!;
  const asks = /^m[iu](s|y|$)/.test(f[i + 1] ?? "");
  if (TAKING_BACK.has(w)) return !asks;
  // "işim çıktı": something came up.
  return w === "cikti" && f[i - 1] === "isim";
}

/**
 * Drops what a correction takes back: "yarın değil, cuma" → "cuma"; "çarşamba işim çıktı, cuma
 * olur mu" → "cuma olur mu"; "2 olmaz bana, 4 olsun" → "4 olsun"; "not Monday, Friday".
 */
function corrected(text: string): string {
  const clauses = text.split(/[,;!?\n]|\.(?=\s|$)|\bama\b|\bbut\b/i);
  const kept: string[] = [];
  for (const clause of clauses) {
    let t = tokens(clause);
    const f = t.map(fold);
    const back = f.findLastIndex((_, i) => takesBack(f, i));
    if (back >= 0) t = t.slice(back + 1);
    const f2 = t.map(fold);
    const refused = f2.some((w, i) =>
      TAKING_BACK_EN.has(w) && !["you", "we", "i", "there"].includes(f2[i + 1] ?? "")
    );
    if (refused) t = [];
    const not = f2.findIndex((w, i) =>
      w === "not" || (w === "instead" && f2[i + 1] === "of") ||
      (w === "rather" && f2[i + 1] === "than")
    );
    if (not >= 0) t = t.slice(0, not);
    kept.push(t.join(" "));
  }
  return kept.join(" , ");
}

/** Maps a part of the day to the tool's part and the window within it. */
function partOf(part: PartOfDay, window?: { start: string; end: string }) {
  const w = window ?? PART_OF_DAY_WINDOWS[part];
  return { part: partForTime(w.start), partFrom: w.start, partTo: w.end };
}

/** A bare hour given when a time was asked for: "15", "3", "14.30", "is 4 ok?", "9 olsun". */
function bareTime(text: string): string | undefined {
  const words = text.trim().split(/\s+/).filter((w) => w !== ",");
  const numbers = words
    .map((w) => /^(\d{1,2})(?:[:.](\d{2}))?(?:'?\p{L}+)?[?.!,]*$/u.exec(w))
    .filter((m): m is RegExpExecArray => m !== null);
  if (numbers.length !== 1 || words.length > 6) return undefined;
  const m = numbers[0]!;
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? 0);
  if (hour > 23 || minute > 59) return undefined;
  if (hour >= 1 && hour <= 7 && !m[2]?.startsWith("0")) hour += 12;
  return `${pad(hour)}:${pad(minute)}`;
}

/** A bare hour said as a choice ("4 olsun", "3 olur mu", "make it 5"), not a phone's digits. */
const NEW_HOUR =
  /\b\d{1,2}('?[a-z]+)? (olsun|olur\w*|olabilir\w*|alalim|alabilir\w*|yapalim|yapabilir\w*|uygun\w*|gibi|civari\w*|ok|okay)\b|\b(make it|how about|what about|instead)\b/;

const HOUR_NEIGHBOURS = new Set([
  "uygun",
  "olur",
  "musait",
  "bos",
  "gibi",
  "ok",
  "okay",
  "available",
  "works",
  "good",
  "fine",
  "free",
]);
const DAY_WORDS = new Set([
  "yarin",
  "bugun",
  "tomorrow",
  "today",
  ...Object.keys(WEEKDAYS_TR),
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
]);

/** "yarın 11 uygun mu", "cuma 3": a bare hour right after a day or before "uygun"/"ok". */
function hourNextToDate(text: string): string | undefined {
  const T = tokens(text, { fold: true });
  for (let i = 0; i < T.length; i++) {
    if (!/^\d{1,2}$/.test(T[i]!)) continue;
    const prev = T[i - 1] ?? "";
    const afterDay = DAY_WORDS.has(prev) || [...DAY_WORDS].some((d) => prev.startsWith(d));
    if (!afterDay && !HOUR_NEIGHBOURS.has(T[i + 1] ?? "")) continue;
    let hour = Number(T[i]);
    if (hour < 1 || hour > 23) continue;
    if (hour <= 7) hour += 12;
    return `${pad(hour)}:00`;
  }
  return undefined;
}

/** Verbs customers use for a service, as the words of its name ("saç kestirmek", "kestrmek"). */
const SERVICE_VERBS: [RegExp, string][] = [
  [/^kes(?:tir|tr|dir)/, "kesimi"],
  [/^boyat/, "boyama"],
  [/^aldir/, "alimi"],
  [/^cektir/, "cekimi"],
  [/^beyazlat/, "beyazlatma"],
  [/^temizlet/, "temizligi"],
  [/^doldurt/, "dolgu"],
  [/^kaplat/, "kaplama"],
  [/^kisirlastir/, "kisirlastirma"],
  [/^yikat/, "yikama"],
];

/** Rewrites verbs that name a service into its words, keeping token positions. */
function withServiceWords(text: string): { text: string; verbs: Set<number> } {
  const verbs = new Set<number>();
  const words = tokens(text).map((w, i) => {
    const f = fold(w);
    for (const [re, word] of SERVICE_VERBS) {
      if (re.test(f)) {
        verbs.add(i);
        return word;
      }
    }
    return w;
  });
  return { text: words.join(" "), verbs };
}

/** Words of an offering's name that say what is done, not to what: "Sakal Tıraşı" is "sakal". */
const ACTION_WORDS =
  /^(kesim\w*|tiras\w*|bakim\w*|alim\w*|boyama\w*|yikama\w*|temizli\w*|temizleme\w*|uygulama\w*|seans\w*|islem\w*|hizmet\w*|cut|cuts|shave|trim|care|treatment|session|service)$/;
const CHILD_IN_MESSAGE =
  /\b(cocu\w*|oglum\w*|kizim\w*|bebe\w*|my (son|daughter|kid|child|boy|girl)\w*|kids?|child\w*|children)\b/;
const CHILD_IN_NAME = /\b(cocuk\w*|child\w*|kids?|junior|bebek\w*)\b/;

/**
 * Of the offerings one word may name, the one meant: the only one whose other words the message
 * says too or only say what is done ("sakal" → "Sakal Tıraşı" rather than "Saç + Sakal"), or for a
 * child ("oğlumu tıraş" → "Çocuk Tıraşı"). All of them when none stands out.
 */
function meant(catalog: Catalog, ids: string[], T: string[], folded: string): string[] {
  const said = (w: string) => T.some((x) => x === w || isInflectionOf(x, w));
  const extra = ids.map((id) =>
    tokens(catalog.byId.get(id)!.name, { fold: true })
      .filter((w) => w.length > 1 && !said(w) && !ACTION_WORDS.test(w)).length
  );
  const plain = ids.filter((_, k) => extra[k] === 0);
  if (plain.length === 1) return plain;
  if (CHILD_IN_MESSAGE.test(folded)) {
    const child = ids.filter((id) => CHILD_IN_NAME.test(fold(catalog.byId.get(id)!.name)));
    if (child.length === 1) return child;
  }
  return ids;
}

/** How many words of an offering's name (other than what is done) the message does not say. */
function unsaid(catalog: Catalog, id: string, T: string[]): number {
  const said = (w: string) => T.some((x) => x === w || isInflectionOf(x, w));
  return tokens(catalog.byId.get(id)!.name, { fold: true })
    .filter((w) => w.length > 1 && !said(w) && !ACTION_WORDS.test(w)).length;
}

/**
 * "Köpeğim için karma aşı": words that fit several names ("karma aşı") are the offering whose
 * whole name the message says ("Köpek Karma Aşı"), not another that shares them ("Kedi Karma Aşı").
 */
function fullerNames(
  catalog: Catalog,
  found: { id: string; start: number; end: number }[],
  T: string[],
): { id: string; start: number; end: number }[] {
  const whole = found.filter((f) => unsaid(catalog, f.id, T) === 0);
  return found.filter((f) => {
    if (unsaid(catalog, f.id, T) === 0) return true;
    const words = T.slice(f.start, f.end);
    return !whole.some((w) =>
      w.id !== f.id && catalog.byId.get(w.id)!.kind === catalog.byId.get(f.id)!.kind &&
      words.every((x) =>
        tokens(catalog.byId.get(w.id)!.name, { fold: true }).some((n) =>
          x === n || isInflectionOf(x, n)
        )
      )
    );
  });
}

/** The products and services a message names, in order, with quantities next to products. */
function offerings(raw: string, catalog: Catalog, skip: Set<number>) {
  const { text, verbs } = withServiceWords(raw);
  let mentions = findMentions(text, catalog.candidates).filter((m) => {
    for (let i = m.start; i < m.end; i++) if (skip.has(i)) return false;
    return true;
  });
  const T = tokens(text, { fold: true });
  const covered = new Set<number>();
  // "manikür değil pedikür": the offering taken back is no request when another one replaces it.
  const back = mentions.filter((m) => takenBack(T, m.start, m.end));
  if (back.length < mentions.length) {
    for (const m of back) for (let i = m.start; i < m.end; i++) covered.add(i);
    mentions = mentions.filter((m) => !back.includes(m));
  }
  const found: { id: string; start: number; end: number }[] = [];
  for (const m of mentions) {
    for (let i = m.start; i < m.end; i++) covered.add(i);
    found.push({ id: m.id, start: m.start, end: m.end });
  }
  let ambiguous: string[] = [];
  const removedAny: string[] = [];
  const folded = T.join(" ");
  // A word that may name an offering already named is about that one ("sakal traş").
  const byWord = (i: number) => {
    const ids = covered.has(i) || skip.has(i) ? [] : [...offeringsOfWord(catalog, T[i]!)];
    return ids.some((id) => found.some((f) => f.id === id)) ? [] : ids;
  };
  // A verb ("kestirmek" ~ "kesim") counts only when no noun of the message names an offering.
  const nouns = T.map((_, i) => i).filter((i) => !verbs.has(i));
  const named = nouns.some((i) => byWord(i).length > 0);
  for (const i of named ? nouns : T.map((_, k) => k)) {
    const ids = meant(catalog, byWord(i), T, folded);
    if (ids.length === 1) found.push({ id: ids[0]!, start: i, end: i + 1 });
    else if (ids.length > 1 && takenOut(T, i, i + 1)) removedAny.push(...ids);
    else if (ids.length > 1 && ambiguous.length === 0) ambiguous = ids;
  }
  found.splice(0, found.length, ...fullerNames(catalog, found, T));
  found.sort((a, b) => a.start - b.start);
  const isProduct = (id: string) => catalog.byId.get(id)?.kind === "product";
  const removed = [
    ...back.filter((m) => isProduct(m.id)),
    ...found.filter((f) =>
      isProduct(f.id) &&
      (takenOut(T, f.start, f.end) || (found.length > 1 && takenBack(T, f.start, f.end)))
    ),
  ].map((m) => m.id).filter((id, i, all) => all.indexOf(id) === i);
  const services: string[] = [];
  const products: string[] = [];
  for (const f of found) {
    const o = catalog.byId.get(f.id);
    const list = o?.kind === "service" ? services : products;
    if (o && !list.includes(f.id) && !removed.includes(f.id)) list.push(f.id);
  }
  const quantities = quantitiesOf(
    T,
    found.filter((f) => catalog.byId.get(f.id)?.kind === "product"),
  );
  if (services.length + products.length > 0) {
    ambiguous = ambiguous.filter((id) => !services.includes(id) && !products.includes(id));
  }
  const words = new Set([...covered].map((i) => T[i]!));
  return { services, products, quantities, removed, removedAny, ambiguous, words };
}

/** Words after a product's name that take it out: "kremi çıkarın", "maskeden vazgeçtim". */
const TAKEN_OUT_AFTER =
  /^(cikar\w*|kaldir\w*|sil\w*|istemiyorum|istemiyoruz|istemem|olmasin|vazgec\w*|iptal\w*)$/;
/** Words before a product's name that take it out: "remove the mask", "no more shampoo". */
const TAKEN_OUT_BEFORE =
  /\b(remove|drop|delete|cancel|without|take out|take off|no more|don'?t want|do not want)( (the|my|a|an|that))?$/;

/** Whether the product named at `start`..`end` is taken out of the order. */
function takenOut(T: string[], start: number, end: number): boolean {
  const after = ["onu", "de", "da", "artik"].includes(T[end] ?? "") ? end + 1 : end;
  if (TAKEN_OUT_AFTER.test(T[after] ?? "")) return true;
  return TAKEN_OUT_BEFORE.test(T.slice(Math.max(0, start - 4), start).join(" "));
}

/** Words right after an offering's name that take it back: "manikür değil", "X yerine". */
const TAKEN_BACK_AFTER = new Set(["degil", "yerine", "olmasin", "olmaz", "istemiyorum"]);

/** Whether the offering named at `start`..`end` is taken back: "X değil Y", "not X", "instead of X". */
function takenBack(T: string[], start: number, end: number): boolean {
  if (TAKEN_BACK_AFTER.has(T[end] ?? "") && !/^m[iu](s|y|$)/.test(T[end + 1] ?? "")) return true;
  const before = T.slice(Math.max(0, start - 3), start).join(" ");
  return /\b(not|instead of|rather than)( (a|an|the|my))?$/.test(before);
}

/** Words that may stand between a number and its product: "bir de krem", "a couple of masks". */
const QUANTITY_FILLERS = new Set(["de", "da", "of", "the", "er", "ar", "ser", "sar"]);
/** Suffixes of a number said for each product: "3'er tane", "3 er tane". */
const EACH = new Set(["er", "ar", "ser", "sar"]);

/** A number read at a token, and the tokens it takes. */
interface Count {
  value: number;
  at: number;
  length: number;
}

/** Distributive number words: "birer", "ikişer", "üçer" (so many of each). */
const EACH_WORDS: Readonly<Record<string, number>> = {
  birer: 1,
  ikiser: 2,
  ucer: 3,
  dorder: 4,
  beser: 5,
  altisar: 6,
  yediser: 7,
  sekizer: 8,
  dokuzar: 9,
  onar: 10,
};

/** A quantity at token `i`: a number (or "ikişer", "3'er") that is no date, time or price. */
function countAt(T: string[], i: number): Count | null {
  const each = EACH_WORDS[T[i] ?? ""];
  if (each !== undefined) return { value: each, at: i, length: 1 };
  const n = readNumber(T, i);
  if (!n || !(n.suffix === "" || EACH.has(n.suffix)) || n.value < 1 || n.value > 999) return null;
  return { value: n.value, at: i, length: n.length };
}

/**
 * The quantity of each product the message names ("2 tane krem", "bir şampuan bir de maske",
 * "maskeden 2 tane, şampuandan 1", "ikişer tane"): a number after a product in the ablative
 * ("-dan") or followed by a unit is that product's; otherwise the number before a product is.
 */
function quantitiesOf(
  T: string[],
  found: { id: string; start: number; end: number }[],
): Record<string, number> {
  const quantities: Record<string, number> = {};
  const claimed = new Set<number>();
  const claim = (id: string, c: Count | null) => {
    if (!c || claimed.has(c.at)) return false;
    for (let k = c.at; k < c.at + c.length; k++) claimed.add(k);
    quantities[id] ??= c.value;
    return true;
  };
  found.forEach((f, n) => {
    if (/(?:dan|den|tan|ten)$/.test(T[f.end - 1] ?? "")) {
      claim(f.id, quantityAfter(T, f.end, found[n + 1]?.start ?? T.length, true));
    }
  });
  found.forEach((f, n) => {
    if (quantities[f.id] !== undefined) return;
    claim(f.id, quantityBefore(T, f.start, found[n - 1]?.end ?? 0, claimed)) ||
      claim(f.id, quantityAfter(T, f.end, found[n + 1]?.start ?? T.length, false));
  });
  const each = eachCount(T);
  if (each !== null) { for (const f of found) quantities[f.id] ??= each; }
  return quantities;
}

/** A quantity said for every product of the message: "ikişer tane", "3'er adet", "3 er". */
function eachCount(T: string[]): number | null {
  for (let i = 0; i < T.length; i++) {
    const word = EACH_WORDS[T[i]!];
    if (word !== undefined) return word;
    const n = readNumber(T, i);
    if (n?.digits && (EACH.has(n.suffix) || (n.suffix === "" && EACH.has(T[i + 1] ?? "")))) {
      return n.value;
    }
  }
  return null;
}

/** A quantity written just before a product's name: "2 tane krem", "iki nemlendirici". */
function quantityBefore(T: string[], start: number, floor: number, claimed: Set<number>) {
  for (let i = start - 1; i >= Math.max(floor, start - 4); i--) {
    // "a moisturiser", "an eye cream", "a bottle of shampoo": one.
    const article = (T[i] === "a" || T[i] === "an") && !readNumber(T, i);
    const c = article ? { value: 1, at: i, length: 1 } : countAt(T, i);
    if (!c || claimed.has(i)) continue;
    const between = T.slice(i + c.length, start);
    if (between.every((w) => PIECE_UNITS.has(w) || QUANTITY_FILLERS.has(w))) return c;
  }
  return null;
}

/**
 * A quantity written right after a product's name, before the next product: "maskeden 2",
 * "şampuan 3 adet", "masks x2"; without a unit only after the ablative ("maskeden 2").
 */
function quantityAfter(T: string[], end: number, next: number, ablative: boolean): Count | null {
  const multiplier = /^x(\d{1,3})$/.exec(T[end] ?? "");
  if (multiplier) return { value: Number(multiplier[1]), at: end, length: 1 };
  const c = end < next ? countAt(T, end) : null;
  if (!c) return null;
  const unit = T[end + c.length] ?? "";
  return ablative || PIECE_UNITS.has(unit) || EACH.has(unit) ? c : null;
}

/** A name: cued ("adım …"), the whole message when one is expected, or a capitalised clause. */
function nameOf(text: string, expected: boolean, catalog: Catalog): string | undefined {
  const clean = text.replace(PHONE_LIKE, " ").replace(/\S+@\S+/g, " ");
  let name = extractName(clean, { expected });
  // "elif su 0544…" answering a request for contact details: a lower-case full name too.
  const lowerToo = expected && clean !== text;
  if (!name) {
    for (const clause of clean.split(/[,;\n]|[.!?]\s+/)) {
      const words = clause.trim().split(/\s+/).filter(Boolean);
      if (words.length < 2 || words.length > 3) continue;
      const lower = words.every((w) => /^\p{Ll}+$/u.test(w));
      if (!words.every((w) => /^\p{Lu}\p{Ll}+$/u.test(w)) && !(lowerToo && lower)) continue;
      // Short surnames are often everyday words too ("Ay", "Su", "Gün"): a written-out full
      // name counts when its first word is no everyday word.
      const first = fold(words[0]!);
      const everyday = NOT_NAME_FIRST.has(first) ||
        ((!expected || lower) && (STOPWORDS.has(first) || COMMON_WORDS.has(first)));
      const written = words.map((w) => w.slice(0, 1).toLocaleUpperCase("tr-TR") + w.slice(1));
      name = extractName(clause.trim()) ?? (everyday ? null : written.join(" "));
      if (name) break;
    }
  }
  name ??= capitalisedBeforePhone(text);
  if (!name) return undefined;
  name = withSurname(clean, name);
  const words = tokens(name, { fold: true });
  const bad = words.some((w) => NOT_NAME_WORDS.has(w)) ||
    findMentions(name, catalog.candidates).length > 0 ||
    (words.length === 1 && offeringsOfWord(catalog, words[0]!).size > 0);
  if (bad) return undefined;
  // Without a cue ("adım", "my name is"), a name must be written as one: capitalised.
  if (!NAME_CUE.test(fold(text))) {
    const raw = text.normalize("NFC");
    const capitalised = name.split(" ").every((w) =>
      new RegExp(`(^|[^\\p{L}])${w}($|[^\\p{L}])`, "u").test(raw)
    );
    if (!capitalised && !expected) return undefined;
  }
  return name;
}

/** Words after a first name that make it a person: "Can Bey", "Deniz hanımdan", "Nazlı hoca". */
const PERSON_TITLES = /^(bey\w*|hanim\w*|hoca\w*|usta\w*|abi\w*|abla\w*|mr|mrs|ms)$/;

/**
 * Whether a staff member's name in a message means them: a first name that is an everyday word
 * too ("can i book", "can" of "Can Aksoy") only with a title after it, a suffix after an
 * apostrophe ("Can'dan") or a capital letter that does not start the message.
 */
function personMeant(m: { text: string; end: number }, words: string[], raw: string): boolean {
  const said = m.text.split(" ");
  if (said.length > 1) return true;
  const name = said[0]!;
  const f = fold(name);
  if (!STOPWORDS.has(f) && !COMMON_WORDS.has(f)) return true;
  if (PERSON_TITLES.test(fold(words[m.end] ?? ""))) return true;
  const capital = name.slice(0, 1).toLocaleUpperCase("tr-TR") + name.slice(1);
  const text = raw.normalize("NFC");
  return new RegExp(`\\S\\s+${capital}(?!\\p{L})`, "u").test(text) ||
    new RegExp(`(?<!\\p{L})${name}'`, "iu").test(text);
}

/**
 * "… nakit öderim Ece Su 0532 …": two or three capitalised words right before a phone number are
 * the name given with it, once everyday words at their front are set aside.
 */
function capitalisedBeforePhone(text: string): string | null {
  const at = text.normalize("NFC").search(PHONE_LIKE);
  if (at <= 0) return null;
  const words = text.normalize("NFC").slice(0, at).trim().split(/\s+/).slice(-3);
  const taken: string[] = [];
  for (let i = words.length - 1; i >= 0 && /^\p{Lu}\p{Ll}+$/u.test(words[i]!); i--) {
    taken.unshift(words[i]!);
  }
  const everyday = (w: string) => {
    const f = fold(w);
    return NOT_NAME_FIRST.has(f) || STOPWORDS.has(f) || COMMON_WORDS.has(f);
  };
  while (taken.length > 0 && everyday(taken[0]!)) taken.shift();
  return taken.length >= 2 ? taken.join(" ") : null;
}

/** "Adım Hande Su": a capitalised word right after a cued name is its surname, even "Su". */
function withSurname(text: string, name: string): string {
  const parts = name.split(" ");
  if (parts.length >= 3) return name;
  // A surname follows the name in the same clause: "John Park, Could I…" has none.
  const words = text.normalize("NFC").split(/\s+/).filter(Boolean);
  const last = parts.at(-1)!.toLocaleLowerCase("tr-TR");
  const at = words.findIndex((w) => w.toLocaleLowerCase("tr-TR") === last);
  const next = at >= 0 ? words[at + 1] : undefined;
  if (!next || !/^\p{Lu}\p{Ll}+$/u.test(next) || NOT_NAME_FIRST.has(fold(next))) return name;
  return `${name} ${next}`;
}

/** Words that start a sentence but never a name. */
const NOT_NAME_FIRST = new Set([
  ...Object.keys(WEEKDAYS_TR),
  ...Object.keys(MONTHS_TR),
  "ben",
  "bir",
  "bu",
  "merhaba",
  "merhabalar",
  "selam",
  "evet",
  "hayir",
  "tamam",
  "peki",
  "yarin",
  "bugun",
  "aslinda",
  "sonra",
  "pardon",
  "kargo",
  "havale",
  "salonda",
  "hello",
  "yes",
  "no",
  "thanks",
  "please",
  "tomorrow",
  "today",
]);

const NAME_CUE =
  /\b(adim|ismim|adimiz|isim|ad soyad|adi soyadi|my name|name is|name's|full name|i'm|i am|this is|ben|adina|adiyla)\b|^\s*(ad|name)\s*:/;
const NOT_NAME_WORDS = new Set([
  "hanim",
  "bey",
  "hoca",
  "hocam",
  "usta",
  "ustam",
  "abi",
  "abla",
  "doktor",
  "olsun",
  "etmez",
  "farketmez",
  "fark",
  "ilki",
  "ilk",
  "odeme",
  "goster",
  "kapida",
  "havale",
  "nakit",
  "kargo",
  "sahibiyim",
  "isletme",
  "sistem",
  "please",
  "thanks",
]);

/**
 * The language a message is written in, from its own words: names of offerings and staff, the
 * customer's name and an address say nothing about it ("Atatürk Cad. No: 5" in an English chat).
 */
function languageOf(
  text: string,
  named: Iterable<string>,
  address: Address | null,
): Parsed["lang"] {
  const drop = new Set(named);
  if (address && (address.street || address.number || address.city)) {
    for (const w of tokens(address.line, { fold: true })) drop.add(w);
  }
  const own = text.split(/\s+/).filter((w) => {
    const t = tokens(w, { fold: true });
    return t.length > 0 && !t.every((x) => drop.has(x));
  }).join(" ");
  const scores = languageScores(own);
  const margin = Math.abs(scores.en - scores.tr);
  return margin > 0 ? { lang: scores.en > scores.tr ? "en" : "tr", margin } : null;
}

/** The positions of `part` where it first stands in `all` as a run of tokens; none when absent. */
function spanOf(all: string[], part: string[]): number[] {
  for (let k = 0; part.length > 0 && k + part.length <= all.length; k++) {
    if (part.every((w, j) => all[k + j] === w)) return part.map((_, j) => k + j);
  }
  return [];
}

/** Reads a message. */
export function understand(text: string, catalog: Catalog, x: Expectation): Parsed {
  const folded = fold(text);

  const phone = extractPhone(text) ?? undefined;
  const runs = (text.match(/\+?\d[\d\s().\-/]*\d/g) ?? [])
    .filter((r) => !/^\d{1,2}[:.]\d{2}$/.test(r.trim()) && !/^\d{1,2}[./]\d{1,2}$/.test(r.trim()));
  const longest = Math.max(0, ...runs.map((r) => r.replace(/\D/g, "").length));
  const phoneCue = /\b(telefon\w*|numara\w*|tel|cep\w*|phone|number|mobile)\b/.test(folded);
  const badPhone = !phone && longest >= 5 && (longest >= 7 || phoneCue);
  const email = extractEmail(text) ?? undefined;
  const code = extractConfirmationCode(text.replace(PHONE_LIKE, " ")) ??
    undefined;
  const noContacts = text.replace(PHONE_LIKE, " ").replace(/\S+@\S+/g, " ")
    .replace(code ? new RegExp(`#?${code}`, "i") : /$^/, " ");

  // "No: 12" in an address is no "no".
  const yesNoText = noContacts.replace(/\bno\s*[:.]?\s*\d+/gi, " ");
  const expectName = x.awaiting === "contact";
  const address = extractAddress(noContacts);
  // A street, a number or a neighbourhood: an address written out, not only a city.
  const street = address && (address.street || address.number || address.neighbourhood)
    ? address.line
    : null;
  // "Moda Cad.", "Caferağa Mah." are no one's name: the name is looked for outside the address.
  const name = nameOf(
    street ? text.normalize("NFC").replace(street.normalize("NFC"), ", ") : text,
    expectName,
    catalog,
  );
  const nameWords = new Set(name ? tokens(name, { fold: true }) : []);
  const T = tokens(noContacts, { fold: true });
  const skip = new Set<number>();
  T.forEach((w, i) => {
    if (nameWords.has(w)) skip.add(i);
  });
  // "Güneş Apt.", "Gül Sok.": the words of an address name no offering.
  if (street) { for (const i of spanOf(T, tokens(street, { fold: true }))) skip.add(i); }
  const offered = offerings(noContacts, catalog, skip);

  const staffText = T.filter((_, i) => !skip.has(i)).join(" ");
  const staffMentions = findMentions(staffText, catalog.staff)
    .filter((m) => personMeant(m, staffText.split(" "), text));
  const staff = staffMentions[0];
  const lang = languageOf(noContacts, [
    ...nameWords,
    ...offered.words,
    ...staffMentions.flatMap((m) => m.text.split(" ").map((w) => fold(w))),
  ], address);
  const intents: Partial<Record<Intent, number>> = {};
  for (const s of classify(text, lang?.lang ?? x.lang)) intents[s.intent] = s.score;
  // A staff member's own phone, address or accounts are theirs to share, not the assistant's.
  const staffPrivate = staff !== undefined && !phone &&
    /\b(telefonu\w*|numarasi\w*|cebi\w*|phone|number|mobile|adresi\w*|address|instagram\w*|evi\w*|home)\b/
      .test(folded);

  // "Eşimin numarasıyla almıştık, 0555…" with a code, or in a cancellation: the customer's own.
  const ownBooking = Boolean(code) || (x.flow === "cancel" && Boolean(phone));
  const kept = corrected(noContacts);
  const dt = parseDateTime(kept, x.now, x.timeZone);
  let time = dt?.time;
  // A time is being chosen, or a held one changed ("4 olsun" while the name is asked for).
  const timeAnswer = x.awaiting === "time" || x.awaiting === "confirm_booking" ||
    (x.flow === "booking" && x.awaiting === "contact" && !badPhone &&
      NEW_HOUR.test(fold(kept)));
  if (!time && timeAnswer) {
    time = bareTime(kept.replace(/\b(make it|how about|what about|let'?s say|instead)\b/gi, ""));
  }
  if (!time && dt?.date) time = hourNextToDate(noContacts);
  const p: Parsed = {
    text,
    folded,
    lang,
    intents,
    services: offered.services,
    products: offered.products,
    ambiguous: offered.ambiguous,
    quantities: offered.quantities,
    removed: offered.removed,
    removedAny: offered.removedAny,
    // Numbers of an address ("No 8 Daire 5") are no quantities.
    quantity: extractQuantity(
      address ? noContacts.replace(/\s+/g, " ").replace(address.line, " ") : noContacts,
    ) ?? undefined,
    staffId: staff?.id,
    anyStaff: ANY_STAFF.test(folded),
    date: dt?.date,
    time,
    approximate: dt?.approximate ?? false,
    phone,
    badPhone,
    name,
    email,
    code,
    yes: isAffirmative(yesNoText),
    no: isNegative(yesNoText),
    wants: WANTS.test(folded) && !WHAT_IS_NEEDED.test(folded),
    earliest: EARLIEST.test(folded),
    weekend: /\b(hafta ?sonu\w*|weekends?)\b/.test(folded),
    sameTime: /\b(ayni saat\w*|same time)\b/.test(folded),
    party: partyOf(folded, offered.services.map((id) => fold(catalog.byId.get(id)?.name ?? ""))),
    noCode: NO_CODE.test(folded),
    payment: paymentOf(folded),
    abuse: staffPrivate || (RELATIVE.test(folded) && (intents.cancel ?? 0) < 0.75 && !ownBooking)
      ? "others_data"
      : abuseOf(folded, intents.injection ?? 0),
  };
  if (!time && dt?.partOfDay && dt.window) Object.assign(p, partOf(dt.partOfDay, dt.window));
  else if (!time && dt?.partOfDay) Object.assign(p, partOf(dt.partOfDay));
  if (PICKUP.test(folded)) p.delivery = "pickup";
  else if (SHIPPING.test(folded)) p.delivery = "shipping";
  if (address && (address.street || address.number || address.neighbourhood)) {
    p.address = address;
  } else if (address?.city && (x.awaiting === "address" || x.awaiting === "city")) {
    p.address = address;
  }
  for (const [re, n] of ORDINALS) {
    if (re.test(folded)) {
      p.ordinal = n;
      break;
    }
  }
  // A time like "15:00" is not a quantity, nor is a day of the month.
  if (p.quantity !== undefined && (p.time || p.date) && Object.keys(p.quantities).length === 0) {
    const stripped = normalize(noContacts);
    if (!/\b(tane|adet|kutu|sise|paket|pieces?|pcs|x\d)\b/.test(fold(stripped))) {
      p.quantity = undefined;
    }
  }
  return p;
}
