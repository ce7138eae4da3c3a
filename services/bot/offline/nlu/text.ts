/**
 * Text basics for the offline assistant: Turkish-aware normalisation, ASCII folding, tokens, and a
 * small model of Turkish inflection (plural, possessive, case, "-ki") used to strip suffixes and to
 * tell whether a word is an inflected form of a known word.
 * @module
 */
import { DOMAIN_WORDS } from "./words.ts";

const APOSTROPHES = /[’‘`´ʼ′]/g;
const KEPT_BETWEEN_DIGITS = new Set([".", ":", "/", "-", ","]);
const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{M}]/u;
const LETTER = /\p{L}/u;
const DIGIT = /[0-9]/;

/**
 * Lower-cases with Turkish rules (İ→i, I→ı), collapses whitespace and drops punctuation, keeping
 * `. : / - ,` between digits ("14:30", "25.11.2026"), an apostrophe before a suffix ("3'te") and a
 * leading "+" on a number.
 */
export function normalize(text: string): string {
  const s = text.normalize("NFC").replace(APOSTROPHES, "'").toLocaleLowerCase("tr-TR")
    .replace(/\u0307/g, "");
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const prev = s[i - 1] ?? "";
    const next = s[i + 1] ?? "";
    if (LETTER_OR_DIGIT.test(c)) out += c;
    else if (KEPT_BETWEEN_DIGITS.has(c) && DIGIT.test(prev) && DIGIT.test(next)) out += c;
    else if (c === "'" && LETTER_OR_DIGIT.test(prev) && LETTER.test(next)) out += c;
    else if (c === "+" && DIGIT.test(next) && !LETTER_OR_DIGIT.test(prev)) out += c;
    else out += " ";
  }
  return spokenPresent(out.replace(/\s+/g, " ").trim());
}

/** The written endings of the spoken present tense: "yapıyo" is "yapıyor", "geliyosunuz" "geliyorsunuz". */
const SPOKEN_ENDINGS: Record<string, string> = {
  "": "r",
  m: "rum",
  n: "rsun",
  z: "ruz",
  sun: "rsun",
  sunuz: "rsunuz",
  lar: "rlar",
  du: "rdu",
  dum: "rdum",
  duk: "rduk",
  dun: "rdun",
  dunuz: "rdunuz",
  muş: "rmuş",
};

/** A verb of at least two letters before the vowel, then "yo" and one of the spoken endings. */
const SPOKEN_PRESENT = new RegExp(
  `(?<=[\\p{L}]{2}[ıiuü]yo)(${
    Object.keys(SPOKEN_ENDINGS).filter(Boolean).sort((a, b) => b.length - a.length).join("|")
  })?(?![\\p{L}'])`,
  "gu",
);

/** Writes the spoken present tense as written Turkish does ("satıyosunuz" → "satıyorsunuz"). */
function spokenPresent(text: string): string {
  return text.replace(
    SPOKEN_PRESENT,
    (_, ending: string | undefined) => SPOKEN_ENDINGS[ending ?? ""]!,
  );
}

/** Folds already normalised text to ASCII letters: ı→i, ş→s, ğ→g, ü→u, ö→o, ç→c, â→a, î→i, û→u. */
function asciiFold(normalized: string): string {
  return normalized.replace(/ı/g, "i").normalize("NFD").replace(/\p{M}/gu, "");
}

/** Normalises, then maps Turkish letters to ASCII so "sac kesimi" equals "Saç Kesimi". */
export function fold(text: string): string {
  return asciiFold(normalize(text));
}

/** Options for `tokens`. */
export interface TokenOptions {
  /** Fold each token to ASCII as well. */
  fold?: boolean;
}

/** Splits text into normalised words (optionally folded); "14:30'da" stays one token. */
export function tokens(text: string, options: TokenOptions = {}): string[] {
  const n = options.fold ? fold(text) : normalize(text);
  return n === "" ? [] : n.split(" ");
}

const VOWELS = "aeıioöuü";
const BACK_VOWELS = "aıou";
// "x" is said "ks" in loanwords: "waxtan", "faxta".
const VOICELESS = "çfhkpsştx";
/** Loanwords that take front-vowel suffixes despite a back last vowel ("saate", "kontrolü"). */
const FRONT_LOANWORDS = new Set([
  "saat",
  "alkol",
  "kontrol",
  "protokol",
  "rol",
  "gol",
  "hal",
  "kalp",
  "dikkat",
  "harf",
  "kabul",
]);
const FRONTED: Record<string, string> = { a: "e", ı: "i", o: "ö", u: "ü" };

function isVowel(c: string | undefined): boolean {
  return c !== undefined && c !== "" && VOWELS.includes(c);
}

function lastVowel(s: string): string | undefined {
  for (let i = s.length - 1; i >= 0; i--) if (isVowel(s[i])) return s[i];
  return undefined;
}

/** The last vowels a stem may harmonise with: ASCII spellings leave i/ı, o/ö, u/ü open. */
function vowelOptions(stem: string): string[] {
  const v = lastVowel(stem);
  if (!v) return [];
  const options = new Set([v]);
  if (!/[çğıöşü]/.test(stem)) {
    if (v === "i") options.add("ı");
    if (v === "o") options.add("ö");
    if (v === "u") options.add("ü");
  }
  if (FRONT_LOANWORDS.has(asciiFold(stem))) {
    for (const o of [...options]) options.add(FRONTED[o] ?? o);
  }
  return [...options];
}

type Kind = "stem" | "plural" | "poss" | "poss3" | "case" | "place" | "ki";

interface Form {
  text: string;
  morphs: number;
  vowel: string;
  last: string;
  kind: Kind;
}

function harmA(v: string): string {
  return BACK_VOWELS.includes(v) ? "a" : "e";
}

function harmI(v: string): string {
  if ("aı".includes(v)) return "ı";
  if ("ei".includes(v)) return "i";
  if ("ou".includes(v)) return "u";
  return "ü";
}

function extend(f: Form, piece: string, kind: Kind): Form {
  return {
    text: f.text + piece,
    morphs: f.morphs + 1,
    vowel: lastVowel(piece) ?? f.vowel,
    last: piece.at(-1) ?? f.last,
    kind,
  };
}

function possessives(f: Form): Form[] {
  const a = harmA(f.vowel);
  const i = harmI(f.vowel);
  const plural3 = f.kind === "plural" ? [] : [extend(f, `l${a}r${harmI(a)}`, "poss3")];
  if (isVowel(f.last)) {
    return [
      extend(f, "m", "poss"),
      extend(f, "n", "poss"),
      extend(f, `s${i}`, "poss3"),
      extend(f, `m${i}z`, "poss"),
      extend(f, `n${i}z`, "poss"),
      ...plural3,
    ];
  }
  return [
    extend(f, `${i}m`, "poss"),
    extend(f, `${i}n`, "poss"),
    extend(f, i, "poss3"),
    extend(f, `${i}m${i}z`, "poss"),
    extend(f, `${i}n${i}z`, "poss"),
    ...plural3,
  ];
}

function cases(f: Form): Form[] {
  // A folded "c" may stand for "ç", which takes "-te"/"-ten" ("üçte" typed as "ucte").
  if (f.last === "c") {
    return [...casesAfter(f, "d"), ...casesAfter(f, "t")];
  }
  return casesAfter(f, VOICELESS.includes(f.last) ? "t" : "d");
}

function casesAfter(f: Form, d: string): Form[] {
  const a = harmA(f.vowel);
  const i = harmI(f.vowel);
  if (f.kind === "poss3") {
    return [
      extend(f, `n${a}`, "case"),
      extend(f, `nd${a}`, "place"),
      extend(f, `nd${a}n`, "case"),
      extend(f, `n${i}`, "case"),
      extend(f, `n${i}n`, "place"),
      extend(f, `yl${a}`, "case"),
    ];
  }
  if (isVowel(f.last)) {
    return [
      extend(f, `y${a}`, "case"),
      extend(f, `${d}${a}`, "place"),
      extend(f, `${d}${a}n`, "case"),
      extend(f, `y${i}`, "case"),
      extend(f, `n${i}n`, "place"),
      extend(f, `yl${a}`, "case"),
      extend(f, `l${a}`, "case"),
    ];
  }
  return [
    extend(f, a, "case"),
    extend(f, `${d}${a}`, "place"),
    extend(f, `${d}${a}n`, "case"),
    extend(f, i, "case"),
    extend(f, `${i}n`, "place"),
    extend(f, `l${a}`, "case"),
  ];
}

function relatives(f: Form): Form[] {
  return f.kind === "place" || f.kind === "stem"
    ? [extend(f, "ki", "ki"), extend(f, "kü", "ki")]
    : [];
}

const inflectionCache = new Map<string, Map<string, number>>();

/** Folded suffix strings a stem may take, each with its number of morphemes. */
function inflections(stem: string): Map<string, number> {
  const cached = inflectionCache.get(stem);
  if (cached) return cached;
  const out = new Map<string, number>();
  const last = stem.at(-1) ?? "";
  for (const vowel of vowelOptions(stem)) {
    const start: Form = { text: "", morphs: 0, vowel, last, kind: "stem" };
    const withPlural = [start, extend(start, `l${harmA(vowel)}r`, "plural")];
    const withPossessive = withPlural.flatMap((f) => [f, ...possessives(f)]);
    const withCase = withPossessive.flatMap((f) => [f, ...cases(f)]);
    for (const f of withCase.flatMap((f) => [f, ...relatives(f)])) {
      const key = asciiFold(f.text);
      const seen = out.get(key);
      if (seen === undefined || seen > f.morphs) out.set(key, f.morphs);
    }
  }
  if (inflectionCache.size > 5000) inflectionCache.clear();
  inflectionCache.set(stem, out);
  return out;
}

/** Folded consonants a stem's last consonant turns into before a vowel ("tırnak" → "tırnağı"). */
const SOFTENED: Record<string, string> = { p: "b", t: "d", k: "g", c: "c" };

/** The number of suffix morphemes that turn `stem` into `word`, or null when it cannot. */
function inflectionDepth(word: string, stem: string): number | null {
  const w = normalize(word);
  const s = normalize(stem);
  if (w === "" || s === "" || s.includes(" ")) return null;
  const wf = asciiFold(w);
  const sf = asciiFold(s);
  if (wf === sf) return 0;
  const apostrophe = w.indexOf("'");
  if (apostrophe > 0) return asciiFold(w.slice(0, apostrophe)) === sf ? 1 : null;
  let rest: string | null = null;
  if (wf.startsWith(sf)) rest = wf.slice(sf.length);
  else {
    const soft = SOFTENED[sf.at(-1) ?? ""];
    if (
      soft !== undefined && sf.length >= 3 && wf.startsWith(sf.slice(0, -1) + soft) &&
      isVowel(wf[sf.length])
    ) rest = wf.slice(sf.length);
  }
  if (rest === null) return null;
  return inflections(s).get(rest) ?? null;
}

/**
 * True when `word` is `stem` plus Turkish inflection (plural, possessive, case, "-ki"), following
 * vowel harmony, or `stem` followed by an apostrophe and anything: "cumaya" of "cuma", "kesimine"
 * of "kesim", "Ayşe'den" of "ayşe". ASCII spellings are accepted ("saliya" of "salı").
 */
export function isInflectionOf(word: string, stem: string): boolean {
  const key = `${word}\u0000${stem}`;
  const cached = inflectionOfCache.get(key);
  if (cached !== undefined) return cached;
  const result = inflectionDepth(word, stem) !== null;
  if (inflectionOfCache.size > 50_000) inflectionOfCache.clear();
  inflectionOfCache.set(key, result);
  return result;
}

// Matching asks the same word–stem questions over and over (every offering, every message).
const inflectionOfCache = new Map<string, boolean>();

/** The unsoftened stem ("tırnağ" → "tırnak") before a vowel-initial suffix on a polysyllable. */
function hardened(stem: string, rest: string): string | null {
  if (!isVowel(rest[0])) return null;
  const vowels = [...stem].filter(isVowel).length;
  const last = stem.at(-1);
  if (last === "g" && stem.at(-2) === "n") return stem.slice(0, -1) + "k";
  if (vowels < 2) return null;
  const map: Record<string, string> = { b: "p", c: "ç", d: "t", ğ: "k" };
  const hard = map[last ?? ""];
  return hard ? stem.slice(0, -1) + hard : null;
}

/**
 * Removes common Turkish inflectional suffixes from one word, conservatively: a suffix after an
 * apostrophe goes ("14:00'te" → "14:00"); a known word of the trade or of time (and any `known`
 * word) is kept whole and preferred as the stem ("cumaya" → "cuma", "kesimine" → "kesim");
 * otherwise only a suffix chain that leaves a stem of at least four letters with vowel harmony is
 * removed, the fewest suffixes first ("kapıda" → "kapı"). Returns the normalised word.
 */
export function stripSuffix(word: string, known?: Iterable<string>): string {
  if (known !== undefined) return stripSuffixUncached(word, known);
  const cached = stripCache.get(word);
  if (cached !== undefined) return cached;
  const result = stripSuffixUncached(word);
  if (stripCache.size > 20_000) stripCache.clear();
  stripCache.set(word, result);
  return result;
}

const stripCache = new Map<string, string>();

function stripSuffixUncached(word: string, known?: Iterable<string>): string {
  const w = normalize(word);
  const apostrophe = w.indexOf("'");
  if (apostrophe > 0) return w.slice(0, apostrophe);
  if (w.length <= 3 || !/^\p{L}+$/u.test(w)) return w;
  const wf = asciiFold(w);
  if (wf.length !== w.length) return w;
  const lexicon = known ? new Set([...DOMAIN_WORDS, ...[...known].map(fold)]) : DOMAIN_WORDS;
  if (lexicon.has(wf)) return w;
  let plain: { stem: string; morphs: number } | null = null;
  for (let i = w.length - 1; i >= 2; i--) {
    const stem = w.slice(0, i);
    const rest = wf.slice(i);
    const hard = hardened(stem, rest);
    for (const candidate of hard ? [stem, hard] : [stem]) {
      if (!lexicon.has(asciiFold(candidate))) continue;
      const morphs = candidate === stem
        ? inflections(stem).get(rest)
        : inflectionDepth(w, candidate);
      if (morphs !== undefined && morphs !== null && morphs > 0) return candidate;
    }
    if (!plausibleStem(stem, rest)) continue;
    const morphs = inflections(stem).get(rest);
    if (morphs === undefined || morphs === 0) continue;
    if (!plain || morphs <= plain.morphs) plain = { stem, morphs };
  }
  return plain?.stem ?? w;
}

/** Consonants that may close a word after another consonant ("renk", "üst", "form"). */
const FINAL_CLUSTER_ENDS = "tkçspmzf";

/** Whether an unknown word may be split into `stem` + `rest` (see `stripSuffix`). */
function plausibleStem(stem: string, rest: string): boolean {
  if (stem.length < 4 || rest === "m" || rest === "n") return false;
  const vowels = [...stem].filter(isVowel).length;
  if (vowels === 0) return false;
  const last = stem.at(-1) ?? "";
  if (!isVowel(last) && !isVowel(stem.at(-2)) && !FINAL_CLUSTER_ENDS.includes(last)) return false;
  if (rest.length === 1) {
    // A lone vowel needs a polysyllabic stem, and "-ıcı" (agent nouns) is no suffix.
    if (vowels < 2) return false;
    if (last === "c" && isVowel(stem.at(-2)) && "ıiuü".includes(rest)) return false;
  }
  return true;
}
