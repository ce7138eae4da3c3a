/**
 * Fuzzy matching of what a customer typed to a business's offerings: robust to missing Turkish
 * letters, suffixes, small typos, word order and partial names.
 * @module
 */
import { fold, isInflectionOf, normalize, stripSuffix } from "./text.ts";
import { COMMON_WORDS, STOPWORDS } from "./words.ts";

/** Something that can be named: a service, a product, a staff member. */
export interface Candidate {
  /** Stable id returned with each match. */
  id: string;
  /** Display name. */
  name: string;
  /** Other names customers use for it. */
  aliases?: readonly string[];
}

/** A candidate a query matches, with a score in [0, 1]. */
export interface Match {
  /** The candidate's id. */
  id: string;
  /** The candidate's name. */
  name: string;
  /** 1 for an exact match, lower for partial, inflected or misspelt ones. */
  score: number;
  /** The name or alias that matched best. */
  label: string;
}

/** A candidate a message mentions, and where: token indices into `tokens(message)`. */
export interface Mention extends Match {
  /** Index of the first token of the mention. */
  start: number;
  /** Index after its last token. */
  end: number;
  /** The mentioning words, normalised. */
  text: string;
}

/** Options for `bestMatches` and `findMentions`. */
export interface MatchOptions {
  /** Lowest score returned; defaults to `MATCH_THRESHOLD`. */
  threshold?: number;
  /** Most matches returned. */
  limit?: number;
}

/** The default lowest score of a match. */
export const MATCH_THRESHOLD = 0.6;

/** Words a customer adds around an offering's name when asking about it. */
const QUERY_FILLER = new Set([
  "fiyat",
  "ucret",
  "para",
  "tl",
  "lira",
  "sure",
  "surer",
  "randevu",
  "hakkinda",
  "bilgi",
  "hizmet",
  "islem",
  "price",
  "cost",
  "book",
  "about",
]);

/** Words that join parts of a name and count for nothing ("Saç Kesimi & Fön"). */
const LABEL_JOINERS = new Set(["ve", "ile", "icin", "and", "with", "for", "the", "a", "an"]);

/**
 * Damerau–Levenshtein distance (optimal string alignment): insertions, deletions, substitutions and
 * swaps of two neighbouring letters each cost one.
 */
export function damerauLevenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, prevPrev[j - 2]! + 1);
      }
      row.push(best);
    }
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/** Typos tolerated in a word of this many letters: none up to 3, one up to 7, two beyond. */
function allowedEdits(length: number): number {
  if (length <= 3) return 0;
  return length >= 8 ? 2 : 1;
}

interface Word {
  /** Normalised. */
  n: string;
  /** Folded. */
  f: string;
  /** Folded stem (suffixes stripped). */
  s: string;
  /** A stopword or an everyday word: matched exactly or through inflection only. */
  common: boolean;
}

const wordCache = new Map<string, Word>();

function word(w: string): Word {
  let found = wordCache.get(w);
  if (found) return found;
  const f = fold(w);
  const s = fold(stripSuffix(w));
  found = { n: w, f, s, common: STOPWORDS.has(f) || COMMON_WORDS.has(f) || COMMON_WORDS.has(s) };
  if (wordCache.size > 20_000) wordCache.clear();
  wordCache.set(w, found);
  return found;
}

function words(text: string): Word[] {
  const n = normalize(text);
  if (n === "") return [];
  return n.split(" ").map(word);
}

const labelCache = new Map<string, Word[]>();

function labelWords(label: string): Word[] {
  const cached = labelCache.get(label);
  if (cached) return cached;
  const all = words(label).filter((w) => /[\p{L}\p{N}]/u.test(w.f));
  const kept = all.filter((w) => !LABEL_JOINERS.has(w.f));
  const result = kept.length > 0 ? kept : all;
  if (labelCache.size > 5_000) labelCache.clear();
  labelCache.set(label, result);
  return result;
}

/** How well a typed word `q` stands for the name word `w`, in [0, 1]. */
function similarity(q: Word, w: Word, loose: boolean): number {
  if (q.f === w.f) return 1;
  if (w.f.length >= 2 && isInflectionOf(q.n, w.n)) return 0.95;
  if (q.s.length >= 3 && q.s === w.s) return 0.9;
  // An English plural: "oils" for "oil", "brushes" for "brush".
  if (
    w.f.length >= 3 && (q.f === `${w.f}s` || (q.f === `${w.f}es` && /(s|sh|ch|x|z)$/.test(w.f)))
  ) {
    return 0.9;
  }
  if (q.common || /\d/.test(q.f) || /\d/.test(w.f)) return 0;
  const edits = allowedEdits(w.f.length);
  if (edits > 0 && q.f[0] === w.f[0]) {
    let d = damerauLevenshtein(q.f, w.f);
    if (q.s.length >= 4 && w.s.length >= 4) d = Math.min(d, damerauLevenshtein(q.s, w.s));
    if (d <= edits) return d <= 1 ? 0.8 : 0.7;
  }
  if (loose && q.f.length >= 4 && w.f.length > q.f.length && w.f.startsWith(q.f)) {
    return 0.6 + 0.25 * (q.f.length / w.f.length);
  }
  return 0;
}

/** Scores a query (already without filler) against one label. */
function scoreLabel(query: Word[], label: Word[]): number {
  if (query.length === 0 || label.length === 0) return 0;
  const pairs: { qi: number; li: number; sim: number }[] = [];
  query.forEach((q, qi) =>
    label.forEach((w, li) => {
      const sim = similarity(q, w, true);
      if (sim > 0) pairs.push({ qi, li, sim });
    })
  );
  pairs.sort((a, b) => b.sim - a.sim);
  const usedQ = new Set<number>();
  const usedL = new Set<number>();
  let total = 0;
  for (const p of pairs) {
    if (usedQ.has(p.qi) || usedL.has(p.li)) continue;
    usedQ.add(p.qi);
    usedL.add(p.li);
    total += p.sim;
  }
  let score = 0.6 * (total / query.length) + 0.4 * (total / label.length);
  const joinedQ = query.map((w) => w.f).join("");
  const joinedL = label.map((w) => w.f).join("");
  if (joinedQ === joinedL) return 1;
  if (
    joinedL.length >= 6 && joinedQ[0] === joinedL[0] &&
    damerauLevenshtein(joinedQ, joinedL) <= allowedEdits(joinedL.length)
  ) score = Math.max(score, 0.85);
  return Math.min(1, score);
}

function labelsOf(c: Candidate): { label: string; weight: number }[] {
  return [
    { label: c.name, weight: 1 },
    ...(c.aliases ?? []).map((label) => ({ label, weight: 0.98 })),
  ];
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}

/**
 * Ranks the candidates a short query names ("saç kesimine", "manikür için", "kesim"), best first,
 * with scores in [0, 1]; filler words ("fiyatı", "için", "istiyorum") are ignored. Exact and
 * fuller matches rank above partial ones: "kesim" finds "Saç Kesimi" before "Erkek Saç Kesimi".
 */
export function bestMatches(
  query: string,
  candidates: readonly Candidate[],
  options: MatchOptions = {},
): Match[] {
  const threshold = options.threshold ?? MATCH_THRESHOLD;
  const all = words(query);
  const content = all.filter((w) =>
    !STOPWORDS.has(w.f) && !STOPWORDS.has(w.s) && !QUERY_FILLER.has(w.s) && !QUERY_FILLER.has(w.f)
  );
  const q = content.length > 0 ? content : all;
  const matches: Match[] = [];
  for (const c of candidates) {
    let best: Match | null = null;
    for (const { label, weight } of labelsOf(c)) {
      const score = round(scoreLabel(q, labelWords(label)) * weight);
      if (!best || score > best.score) best = { id: c.id, name: c.name, score, label };
    }
    if (best && best.score >= threshold) matches.push(best);
  }
  matches.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, "tr"));
  return options.limit === undefined ? matches : matches.slice(0, options.limit);
}

interface Found {
  mention: Mention;
  positions: Set<number>;
}

/** The best placement of one label's words in the message: near each other, each used once. */
function placeLabel(message: Word[], label: Word[]): { score: number; positions: number[] } | null {
  const options = label.map((w) => {
    const hits: { i: number; sim: number }[] = [];
    message.forEach((m, i) => {
      if (STOPWORDS.has(m.f) && m.f !== w.f) return;
      const sim = similarity(m, w, false);
      if (sim >= 0.8) hits.push({ i, sim });
    });
    return hits.sort((a, b) => b.sim - a.sim).slice(0, 4);
  });
  let best: { score: number; span: number; positions: number[] } | null = null;
  const chosen: { i: number; sim: number }[] = [];
  const visit = (k: number): void => {
    if (k === label.length) {
      if (chosen.length === 0) return;
      const idx = chosen.map((c) => c.i);
      const span = Math.max(...idx) - Math.min(...idx) + 1;
      if (span > chosen.length + 2) return;
      const score = chosen.reduce((sum, c) => sum + c.sim, 0) / label.length;
      if (!best || score > best.score || (score === best.score && span < best.span)) {
        best = { score, span, positions: idx };
      }
      return;
    }
    for (const hit of options[k]!) {
      if (chosen.some((c) => c.i === hit.i)) continue;
      chosen.push(hit);
      visit(k + 1);
      chosen.pop();
    }
    visit(k + 1);
  };
  visit(0);
  return best;
}

/**
 * Lists the candidates a whole message mentions, in the order they appear: "yarın saç kesimi ve
 * fön istiyorum" mentions "Saç Kesimi" and "Fön". Every word of a name must appear (inflected or
 * with a small typo) close together, or two thirds of a longer name; everyday words never match
 * through a typo ("mesaj" is not "Masaj"); overlapping mentions keep the fuller one.
 */
export function findMentions(
  message: string,
  candidates: readonly Candidate[],
  options: MatchOptions = {},
): Mention[] {
  const threshold = options.threshold ?? MATCH_THRESHOLD;
  const msg = words(message);
  const found: Found[] = [];
  for (const c of candidates) {
    let best: Found | null = null;
    for (const { label, weight } of labelsOf(c)) {
      const lw = labelWords(label);
      if (lw.length === 0) continue;
      const placed = placeLabel(msg, lw);
      if (!placed) continue;
      const score = round(placed.score * weight);
      if (score < threshold || (best && score <= best.mention.score)) continue;
      const start = Math.min(...placed.positions);
      const end = Math.max(...placed.positions) + 1;
      best = {
        mention: {
          id: c.id,
          name: c.name,
          score,
          label,
          start,
          end,
          text: msg.slice(start, end).map((w) => w.n).join(" "),
        },
        positions: new Set(placed.positions),
      };
    }
    if (best) found.push(best);
  }
  found.sort((a, b) =>
    b.mention.score - a.mention.score || b.positions.size - a.positions.size ||
    (a.mention.end - a.mention.start) - (b.mention.end - b.mention.start)
  );
  const taken = new Set<number>();
  const kept: Mention[] = [];
  for (const f of found) {
    if ([...f.positions].some((p) => taken.has(p))) continue;
    f.positions.forEach((p) => taken.add(p));
    kept.push(f.mention);
  }
  kept.sort((a, b) => a.start - b.start);
  return options.limit === undefined ? kept : kept.slice(0, options.limit);
}
