/**
 * What a business offers, as the offline assistant looks it up: services, products and staff as
 * fuzzy-match candidates, with English names made from a small salon glossary ("Saç Kesimi" is also
 * "haircut"), shorter names without sizes and codes ("Güneş Kremi"), and an index of the words that
 * name exactly one offering ("şampuan") or a few ("krem").
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

/** Whole Turkish phrases of the trade and their English names. */
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

/** Single words and their English names, for names the phrases do not cover. */
const WORDS: Record<string, string> = {
  sac: "hair",
  kesimi: "cut",
  kesim: "cut",
  boyama: "colouring",
  boya: "dye",
  manikur: "manicure",
  pedikur: "pedicure",
  masaj: "massage",
  agda: "waxing",
  makyaj: "make-up",
  krem: "cream",
  kremi: "cream",
  sampuan: "shampoo",
  maske: "mask",
  maskesi: "mask",
  yag: "oil",
  yagi: "oil",
  tirnak: "nail",
  bakim: "care",
  bakimi: "care",
  nemlendirici: "moisturising",
  gunes: "sun",
  erkek: "men's",
  kadin: "women's",
  cocuk: "children's",
  serum: "serum",
  sakal: "beard",
  tarak: "comb",
};

/** English names of a Turkish offering name, from the glossary. */
export function englishAliases(name: string): string[] {
  const f = fold(name);
  const out = new Set<string>();
  for (const [phrase, english] of PHRASES) {
    if (f === phrase) english.forEach((e) => out.add(e));
  }
  const words = f.split(" ");
  if (words.every((w) => WORDS[w] !== undefined || /\d/.test(w) || /^[a-z]{2,4}$/.test(w))) {
    const translated = words.map((w) => WORDS[w] ?? w).join(" ");
    if (translated !== f) out.add(translated);
  }
  return [...out];
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
  }
  return { id: o.id, name: o.name, aliases: [...aliases] };
}

/** Titles written before a name ("Dr. Dt. Murat Şahin"), folded and without their dot. */
const TITLES = new Set(["dr", "dt", "uzm", "op", "prof", "doc", "av", "psk", "dyt", "fzt"]);

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
  const candidates = [...services, ...products].map(offeringCandidate);
  const staff = b.staff.map((s) => ({ id: s.id, name: s.name, aliases: staffAliases(s.name) }));
  const words = new Map<string, Set<string>>();
  for (const c of candidates) {
    for (const label of [c.name, ...(c.aliases ?? [])]) {
      for (const raw of normalize(label).split(" ")) {
        for (const w of new Set([fold(raw), fold(stripSuffix(raw))])) {
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
  for (const [w, ids] of catalog.words) {
    const close = f === w ||
      (w.length >= 3 && isInflectionOf(n, w)) ||
      (w.length >= 6 && f.length >= 5 && f[0] === w[0] && damerauLevenshtein(f, w) <= 1) ||
      spelt.some((x) => x === w || isInflectionOf(x, w) || isInflectionOf(w, x));
    if (close) ids.forEach((id) => out.add(id));
  }
  return out;
}

/** "traş" as written "tıraş": a word starting with two consonants, with the vowel put between. */
function withVowelBetween(f: string): string[] {
  const m = /^([bcdfgkpst])([rl])([aeiou].*)$/.exec(f);
  return m ? [`${m[1]}i${m[2]}${m[3]}`, `${m[1]}u${m[2]}${m[3]}`] : [];
}
