/**
 * What a business offers, as the offline assistant looks it up: services, products and staff as
 * fuzzy-match candidates, with English names and Turkish synonyms from a glossary of the common
 * trades ("Saç Kesimi" is also "haircut", "Diş Beyazlatma" "teeth whitening", "Muayene" "kontrol"),
 * shorter names without sizes and codes ("Güneş Kremi"), and an index of the words that name exactly
 * one offering ("şampuan") or a few ("krem").
 * @module
 */
import type { BusinessContext } from "../model.ts";
import { type Candidate, damerauLevenshtein } from "./nlu/fuzzy.ts";
import { fold, isInflectionOf, normalize, stripSuffix } from "./nlu/text.ts";
import { COMMON_WORDS, STOPWORDS } from "./nlu/words.ts";

/** An offering as the assistant knows it. */
export interface Offering {
  id: string;
  name: string;
  kind: "service" | "product";
  price: number;
  duration?: number;
}

/** The business's offerings and staff, ready for matching. */
export interface Catalog {
  services: Offering[];
  products: Offering[];
  byId: Map<string, Offering>;
  /** Services and products together. */
  candidates: Candidate[];
  staff: Candidate[];
  staffById: Map<string, string>;
  /** Folded words of names and aliases, each with the offerings it appears in. */
  words: Map<string, Set<string>>;
  /** Answers of `offeringsOfWord`, by word. */
  wordHits: Map<string, Set<string>>;
}

/** Whole Turkish names of the salon's trade and their English names. */
const PHRASES: [string, string[]][] = [
  ["sac kesimi", ["haircut", "hair cut"]],
  ["erkek sac kesimi", ["men's haircut", "mens haircut", "men haircut", "barber cut"]],
  ["cilt bakimi", ["facial", "skin care"]],
  ["kas alimi", ["eyebrow shaping", "eyebrows", "eyebrow", "brow shaping"]],
  ["sac boyama", ["hair colouring", "hair coloring", "hair dye", "colouring", "coloring"]],
  ["gunes kremi", ["sunscreen", "sun cream"]],
  ["fon", ["blow dry", "blow-dry", "blowout"]],
  ["tirnak bakim yagi", ["nail oil", "cuticle oil", "nail care oil"]],
  ["keratin sac maskesi", ["keratin mask", "hair mask"]],
  ["argan yagi sampuan", ["argan shampoo", "argan oil shampoo", "shampoo"]],
  ["nemlendirici krem", ["moisturiser", "moisturizer", "moisturising cream", "moisturizing cream"]],
];

/**
 * The words of offering names in the common trades of small businesses in Turkey (hair, beauty,
 * nails, barber, spa and massage, dental and medical clinics, physiotherapy, pilates and yoga,
 * veterinary and pet grooming, tailoring, cosmetics and hair products), each with its English names
 * and other Turkish words customers use for it. A few entries are phrases translated as a whole
 * ("kanal tedavi" is a root canal). Keys are folded and in the bare form: "tedavisi" is found as "tedavi".
 */
const GLOSSARY: Record<string, readonly string[]> = {
  // Hair, beauty and nails.
  sac: ["hair"],
  kesim: ["cut"],
  kesme: ["cut"],
  boyama: ["colouring", "coloring", "dye"],
  boya: ["dye", "colour"],
  rofle: ["highlights"],
  balyaj: ["balayage"],
  perma: ["perm"],
  dalga: ["waves"],
  duzlestirme: ["straightening"],
  fon: ["blow dry", "blowout"],
  topuz: ["updo"],
  orgu: ["braid", "braids"],
  gelin: ["bridal"],
  damat: ["groom's"],
  makyaj: ["make-up", "makeup"],
  manikur: ["manicure"],
  pedikur: ["pedicure"],
  oje: ["nail polish", "polish"],
  "kalici oje": ["gel polish", "gel nails"],
  "protez tirnak": ["nail extensions", "acrylic nails"],
  tirnak: ["nail", "nails"],
  kas: ["eyebrow", "brow"],
  kirpik: ["eyelash", "lash"],
  lifting: ["lift"],
  laminasyon: ["lamination"],
  agda: ["waxing", "wax"],
  epilasyon: ["hair removal", "epilation"],
  lazer: ["laser"],
  cilt: ["skin", "facial"],
  yuz: ["face", "facial"],
  vucut: ["body"],
  el: ["hand"],
  ayak: ["foot"],
  bakim: ["care", "treatment"],
  temizlik: ["cleaning", "cleansing"],
  temizleme: ["cleansing", "cleaning"],
  alim: ["shaping"],
  sekillendirme: ["styling", "shaping"],
  sekillendirici: ["styling"],
  yikama: ["wash"],
  // Barber.
  sakal: ["beard"],
  biyik: ["moustache", "mustache"],
  tiras: ["shave", "trim", "grooming"],
  ense: ["neck"],
  ustura: ["razor"],
  // Spa and massage.
  masaj: ["massage"],
  hamam: ["turkish bath", "hammam"],
  kese: ["scrub"],
  kopuk: ["foam"],
  sauna: ["sauna"],
  aromaterapi: ["aromatherapy"],
  refleksoloji: ["reflexology"],
  "sicak tas": ["hot stone"],
  isvec: ["swedish"],
  // Dental and medical clinics, physiotherapy.
  dis: ["tooth", "teeth", "dental"],
  "dis tasi": ["teeth", "dental", "tartar"],
  "dis eti": ["gum"],
  beyazlatma: ["whitening"],
  "kanal tedavi": ["root canal treatment", "root canal"],
  kanal: ["canal"],
  tedavi: ["treatment"],
  dolgu: ["filling"],
  cekim: ["extraction"],
  implant: ["implant"],
  kaplama: ["crown", "veneer"],
  protez: ["denture", "prosthesis"],
  ortodonti: ["orthodontics", "braces"],
  muayene: ["checkup", "check-up", "examination", "consultation"],
  kontrol: ["checkup", "check-up", "control"],
  konsultasyon: ["consultation"],
  rontgen: ["x-ray"],
  ultrason: ["ultrasound"],
  tahlil: ["test"],
  kan: ["blood"],
  asi: ["vaccine", "vaccination"],
  "fizik tedavi": ["physiotherapy", "physical therapy"],
  fizyoterapi: ["physiotherapy"],
  terapi: ["therapy"],
  seans: ["session"],
  akupunktur: ["acupuncture"],
  diyet: ["diet"],
  danismanlik: ["consultation", "counselling"],
  // Pilates, yoga and fitness studios.
  pilates: ["pilates"],
  reformer: ["reformer"],
  yoga: ["yoga"],
  mat: ["mat"],
  ders: ["lesson", "class"],
  ozel: ["private"],
  grup: ["group"],
  duet: ["duet"],
  // Veterinary and pet grooming.
  veteriner: ["vet", "veterinary"],
  kedi: ["cat"],
  kopek: ["dog"],
  kisirlastirma: ["neutering", "spaying"],
  kuduz: ["rabies"],
  karma: ["combination"],
  "ic parazit": ["deworming"],
  mikrocip: ["microchip"],
  parazit: ["parasite", "flea"],
  banyo: ["bath"],
  mama: ["pet food", "food"],
  tasma: ["collar"],
  // Food and natural products.
  bal: ["honey"],
  yumurta: ["eggs", "egg"],
  zeytinyagi: ["olive oil"],
  zeytin: ["olives", "olive"],
  tahin: ["tahini"],
  pekmez: ["molasses"],
  recel: ["jam"],
  peynir: ["cheese"],
  lavanta: ["lavender"],
  cicek: ["flower", "blossom"],
  suzme: ["strained"],
  sizma: ["extra virgin"],
  cig: ["raw"],
  koy: ["free-range", "village"],
  "aloe vera": ["aloe vera"],
  // Tailoring.
  tadilat: ["alteration", "alterations"],
  paca: ["hem"],
  kisaltma: ["shortening", "hemming"],
  daraltma: ["taking in"],
  fermuar: ["zip", "zipper"],
  degisim: ["replacement"],
  dikis: ["sewing"],
  elbise: ["dress"],
  "takim elbise": ["suit"],
  pantolon: ["trousers", "pants"],
  ceket: ["jacket"],
  gomlek: ["shirt"],
  etek: ["skirt"],
  // Cosmetics and hair products.
  krem: ["cream"],
  "sac krem": ["conditioner"],
  sampuan: ["shampoo"],
  maske: ["mask"],
  serum: ["serum"],
  tonik: ["toner"],
  losyon: ["lotion"],
  sabun: ["soap"],
  parfum: ["perfume"],
  ruj: ["lipstick"],
  rimel: ["mascara"],
  fondoten: ["foundation"],
  yag: ["oil"],
  tarak: ["comb"],
  firca: ["brush"],
  makas: ["scissors"],
  jel: ["gel"],
  wax: ["wax"],
  gunes: ["sun"],
  nemlendirici: ["moisturising", "moisturizing"],
  onarici: ["repairing"],
  besleyici: ["nourishing"],
  kuru: ["dry"],
  hassas: ["sensitive"],
  ahsap: ["wooden"],
  ve: ["and"],
  ile: ["with"],
  // Who it is for.
  erkek: ["men's"],
  kadin: ["women's"],
  bayan: ["women's", "ladies'"],
  cocuk: ["children's", "kids'"],
};

/** Other Turkish words customers use for a word of an offering's name. */
const TURKISH_SYNONYMS: Record<string, readonly string[]> = {
  muayene: ["kontrol"],
  kontrol: ["muayene"],
  tiras: ["tras"],
  konsultasyon: ["gorusme"],
};

/** A folded word of a name and its bare forms: "tedavisi" → "tedavi", "tıraşı" → "tiras". */
function bareForms(word: string): string[] {
  const cuts = [word];
  if (/(si|su)$/.test(word) && word.length >= 5) cuts.push(word.slice(0, -2));
  if (/[iu]$/.test(word) && word.length > 3) cuts.push(word.slice(0, -1));
  // A consonant softened before the vowel comes back hard: "çorabı" → "çorap", "ağacı" → "ağaç".
  const hard: Record<string, string> = { g: "k", b: "p", d: "t" };
  return cuts.flatMap((w) => {
    const last = w.at(-1)!;
    return hard[last] && w.length > 3 ? [w, `${w.slice(0, -1)}${hard[last]}`] : [w];
  });
}

/** The entry of `from` for a word or a two-word phrase of a name, in any of its bare forms. */
function glossed(
  phrase: string,
  from: Record<string, readonly string[]>,
): readonly string[] | null {
  const words = phrase.split(" ");
  const last = bareForms(words.at(-1)!);
  for (const form of last) {
    const entry = from[[...words.slice(0, -1), form].join(" ")];
    if (entry) return entry;
  }
  return null;
}

/**
 * The words of a folded name, with glossary phrases kept together, each with its renderings from
 * `from` (the word itself when it has none).
 */
function renderings(name: string, from: Record<string, readonly string[]>) {
  const words = name.split(" ");
  const out: { word: string; options: readonly string[] | null }[] = [];
  for (let i = 0; i < words.length;) {
    const pair = i + 1 < words.length ? `${words[i]} ${words[i + 1]}` : "";
    const phrase = pair ? glossed(pair, from) : null;
    if (phrase) {
      out.push({ word: pair, options: phrase });
      i += 2;
    } else {
      out.push({ word: words[i]!, options: glossed(words[i]!, from) });
      i += 1;
    }
  }
  return out;
}

/** Every way of putting one option of each slot together, up to `max`. */
function combinations(slots: readonly (readonly string[])[], max: number): string[] {
  let out = [""];
  for (const options of slots) {
    out = out.flatMap((head) => options.map((o) => (head ? `${head} ${o}` : o))).slice(0, max);
  }
  return out;
}

/**
 * English names of a Turkish offering name: the salon's phrases, and word by word from the
 * glossary ("Diş Beyazlatma" → "teeth whitening"). Sizes, codes and at most one unknown word (a
 * brand, a style) are kept as they are.
 */
export function englishAliases(name: string): string[] {
  const f = fold(name);
  const out = new Set<string>();
  for (const [phrase, english] of PHRASES) {
    if (f === phrase) english.forEach((e) => out.add(e));
  }
  const parts = renderings(f, GLOSSARY);
  const kept = (w: string) => /\d/.test(w) || /^[a-z]{2,4}$/.test(w);
  const unknown = parts.filter((x) => !x.options && !kept(x.word)).length;
  if (unknown <= 1 && parts.some((x) => x.options) && (unknown === 0 || parts.length > 1)) {
    for (const english of combinations(parts.map((x) => x.options ?? [x.word]), 12)) {
      if (english !== f) out.add(english);
    }
  }
  return [...out];
}

/** Other Turkish names of an offering: one word swapped for a synonym ("Muayene" → "kontrol"). */
function turkishAliases(name: string): string[] {
  const parts = renderings(fold(name), TURKISH_SYNONYMS);
  return parts.flatMap((part, i) =>
    (part.options ?? []).map((synonym) =>
      parts.map((x, j) => (j === i ? synonym : x.word)).join(" ")
    )
  );
}

/** The name without sizes, codes and numbers: "Güneş Kremi SPF 50" → "Güneş Kremi". */
function shortName(name: string): string | null {
  const kept = name.split(/\s+/).filter((w) => !/\d/.test(w) && !/^[A-ZÇĞİÖŞÜ]{2,5}$/.test(w));
  const short = kept.join(" ");
  return short && short !== name ? short : null;
}

function offeringCandidate(o: { id: string; name: string }): Candidate {
  const aliases = new Set<string>();
  const short = shortName(o.name);
  if (short) aliases.add(short);
  for (const n of [o.name, short].filter(Boolean) as string[]) {
    englishAliases(n).forEach((a) => aliases.add(a));
    turkishAliases(n).forEach((a) => aliases.add(a));
  }
  return { id: o.id, name: o.name, aliases: [...aliases] };
}

/**
 * Drops the aliases that are words of another offering's own name: a barber's "Şekillendirici Wax"
 * is what "wax" means there, not the glossary's English name of "Ağda".
 */
function ownNamesFirst(candidates: Candidate[]): Candidate[] {
  const names = candidates.map((c) => ` ${fold(c.name)} `);
  return candidates.map((c, i) => ({
    ...c,
    aliases: (c.aliases ?? []).filter((alias) => {
      const words = ` ${fold(alias)} `;
      return !names.some((name, j) => j !== i && name.includes(words));
    }),
  }));
}

/**
 * Titles written before a name ("Dr. Dt. Murat Şahin", "Vet. Ali Kaya", "Mr. John Smith"), folded
 * and without their dot.
 */
const TITLES = new Set(
  ["dr", "dt", "uzm", "op", "prof", "doc", "av", "psk", "dyt", "fzt", "vet", "mr", "mrs", "ms"],
);

/**
 * What customers call a staff member: the name without titles and its first name ("Murat Şahin",
 * "Murat" for "Dr. Dt. Murat Şahin"); a title alone would name every doctor.
 */
export function staffAliases(name: string): string[] {
  const words = name.split(/\s+/).filter(Boolean);
  const plain = words.filter((w) => !TITLES.has(fold(w.replace(/\.$/, ""))));
  if (plain.length === 0) return [];
  const aliases = new Set([plain.join(" "), plain[0]!]);
  aliases.delete(name);
  return [...aliases];
}

const cache = new Map<string, Catalog>();

/** The catalog of a business (cached by its offerings and staff). */
export function catalogOf(b: BusinessContext): Catalog {
  const key = JSON.stringify([
    b.services.map((s) => [s.id, s.name, s.price, s.duration_minutes]),
    b.products.map((p) => [p.id, p.name, p.price]),
    b.staff,
  ]);
  const hit = cache.get(key);
  if (hit) return hit;
  const services: Offering[] = b.services.map((s) => ({
    id: s.id,
    name: s.name,
    kind: "service",
    price: s.price,
    duration: s.duration_minutes,
  }));
  const products: Offering[] = b.products.map((p) => ({
    id: p.id,
    name: p.name,
    kind: "product",
    price: p.price,
  }));
  const candidates = ownNamesFirst([...services, ...products].map(offeringCandidate));
  const staff = b.staff.map((s) => ({ id: s.id, name: s.name, aliases: staffAliases(s.name) }));
  const words = new Map<string, Set<string>>();
  for (const c of candidates) {
    for (const label of [c.name, ...(c.aliases ?? [])]) {
      for (const raw of normalize(label).split(" ")) {
        // "Balı" is found as "bal", "Sabunu" as "sabun": compound names end in a possessive.
        for (const w of new Set([fold(raw), fold(stripSuffix(raw)), ...bareForms(fold(raw))])) {
          if (w.length < 3 || /\d/.test(w) || STOPWORDS.has(w) || COMMON_WORDS.has(w)) continue;
          if (!words.has(w)) words.set(w, new Set());
          words.get(w)!.add(c.id);
        }
      }
    }
  }
  const catalog: Catalog = {
    services,
    products,
    byId: new Map([...services, ...products].map((o) => [o.id, o])),
    candidates,
    staff,
    staffById: new Map(b.staff.map((s) => [s.id, s.name])),
    words,
    wordHits: new Map(),
  };
  if (cache.size > 100) cache.clear();
  cache.set(key, catalog);
  return catalog;
}

/** Last words that make a service the general one: a checkup, an examination, a consultation. */
const GENERAL_HEADS = new Set([
  "muayene",
  "kontrol",
  "konsultasyon",
  "danisma",
  "gorusme",
  "checkup",
  "up",
  "examination",
  "consultation",
]);

/** The business's general services ("Muayene", "Diş Muayenesi"), which a general word may mean. */
export function generalServices(catalog: Catalog): string[] {
  return catalog.services.filter((s) => {
    const last = fold(s.name).split(" ").at(-1)!;
    return bareForms(last).some((w) => GENERAL_HEADS.has(w));
  }).map((s) => s.id);
}

/** The offerings a single word may name ("şampuan", "kremi", "shampoo"), by the word index. */
export function offeringsOfWord(catalog: Catalog, word: string): Set<string> {
  const cached = catalog.wordHits.get(word);
  if (cached) return cached;
  const found = lookUp(catalog, word);
  if (catalog.wordHits.size > 10_000) catalog.wordHits.clear();
  catalog.wordHits.set(word, found);
  return found;
}

function lookUp(catalog: Catalog, word: string): Set<string> {
  const n = normalize(word);
  const f = fold(n);
  const out = new Set<string>();
  if (f.length < 3 || STOPWORDS.has(f) || COMMON_WORDS.has(f) || /\d/.test(f)) return out;
  const spelt = withVowelBetween(f);
  const singular = englishSingulars(f);
  for (const [w, ids] of catalog.words) {
    const close = f === w || singular.includes(w) ||
      (w.length >= 3 && isInflectionOf(n, w)) ||
      (w.length >= 6 && f.length >= 5 && f[0] === w[0] && damerauLevenshtein(f, w) <= 1) ||
      spelt.some((x) => x === w || isInflectionOf(x, w) || isInflectionOf(w, x));
    if (close) ids.forEach((id) => out.add(id));
  }
  return out;
}

/** An English plural's singular forms: "oils" → "oil", "brushes" → "brush". */
function englishSingulars(f: string): string[] {
  if (f.length < 4 || !f.endsWith("s") || f.endsWith("ss")) return [];
  const es = /(s|sh|ch|x|z)es$/.test(f) ? [f.slice(0, -2)] : [];
  return [f.slice(0, -1), ...es];
}

/** "traş" as written "tıraş": a word starting with two consonants, with the vowel put between. */
function withVowelBetween(f: string): string[] {
  const m = /^([bcdfgkpst])([rl])([aeiou].*)$/.exec(f);
  return m ? [`${m[1]}i${m[2]}${m[3]}`, `${m[1]}u${m[2]}${m[3]}`] : [];
}
