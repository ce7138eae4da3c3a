/**
 * Answers from what the business wrote: its website and notes (search_knowledge) and its
 * policies (from the business context). Only the sentences that match the question are quoted, in
 * the reply language when there are any; a follow-up ("nereden alınıyor?") leans on the last
 * question answered. Pages imported from the website are introduced as such, notes and policies
 * neutrally. A price question about a case the texts price apart ("7 yaşındaki kızım") gets that
 * sentence instead of the bare price.
 * @module
 */
import type { ToolResult } from "../model.ts";
import type { Offering } from "./catalog.ts";
import { offeringsOfWord } from "./catalog.ts";
import type { Lang } from "./format.ts";
import { languageScores } from "./nlu/entities.ts";
import { readNumber } from "./nlu/numbers.ts";
import { fold, stripSuffix, tokens } from "./nlu/text.ts";
import { COMMON_WORDS, STOPWORDS, WEEKDAYS_EN, WEEKDAYS_TR } from "./nlu/words.ts";
import type { Purpose } from "./state.ts";
import type { Turn } from "./turn.ts";

/** A passage of the business's texts: a search hit (with its page) or the policies. */
export interface Passage {
  snippet: string;
  /** The page it comes from: a web address, "manual" for a note, "policies". */
  url?: string;
  /** The title the business gave the note or page ("Ne getirmeliyim"). */
  title?: string | null;
}

/** A sentence of a passage, scored for a question. */
interface Sentence {
  text: string;
  score: number;
  lang: Lang;
  /** Whether it comes from a page imported from the website. */
  web: boolean;
}

type Search = Extract<Purpose, { kind: "knowledge" }>;
type PriceNote = Extract<Purpose, { kind: "price_note" }>;

const QUESTION_WORDS = new Set([
  "musunuz",
  "misiniz",
  "miyim",
  "yapiyor",
  "var",
  "yok",
  "nedir",
  "olur",
  "can",
  "you",
  "does",
  "there",
  "any",
  "numara",
  "numaraniz",
  "bilgi",
  "hakkinda",
  "nasil",
  "number",
  "about",
  "randevu",
  "appointment",
  "booking",
]);

/**
 * Other words for the English words customers use about a business's rules and services: the
 * Turkish ones, so an English question finds what the business wrote in Turkish, and synonyms.
 */
const SAME_MEANING: Record<string, readonly string[]> = {
  cancel: ["iptal"],
  cancellation: ["iptal"],
  policy: ["kosul", "kural"],
  rule: ["kural"],
  late: ["gec"],
  card: ["kart"],
  credit: ["kredi"],
  cash: ["nakit"],
  pay: ["odeme"],
  payment: ["odeme"],
  instalment: ["taksit"],
  transfer: ["havale"],
  parking: ["otopark", "park"],
  car: ["otopark", "arac"],
  gift: ["hediye"],
  voucher: ["hediye"],
  refund: ["iade"],
  return: ["iade"],
  deposit: ["kapora", "depozito"],
  child: ["cocuk", "children"],
  children: ["cocuk", "child"],
  kid: ["cocuk", "child", "children"],
  hygiene: ["hijyen", "steril"],
  clean: ["hijyen", "steril"],
  sterilise: ["steril"],
  sterilize: ["steril"],
  shipping: ["kargo"],
  delivery: ["kargo", "teslim"],
  wifi: ["wifi", "internet"],
  pet: ["evcil"],
  dog: ["kopek"],
  wheelchair: ["engelli"],
  accessible: ["engelli"],
  warranty: ["garanti"],
  guarantee: ["garanti"],
};

/**
 * Beginnings of words that say what kind of question or request a message is, not what it is
 * about: prices, durations, wishes, buying ("hediye çeki alabilir miyim" is about "hediye", "cek";
 * "tarak kaç lira? 3 tane alıcam" only about the comb).
 */
const GENERIC_WORD =
  /^(fiyat|ucret|kadar|para|lira|kdv|vergi|dahil|haric|sur|dakika|hizmet|islem|siparis|urun|satin|vermek|almak|alaca|alayi|al(ay|ir|ic|ac|ca|iy|sa|abil)|etmek|yapmak|istiyor|price|cost|fee|charge|vat|tax|includ|much|long|take|service|product|order|buy|purchase|something|thing|will$|them$|i'll$)/;

/** A sentence that talks about a price. */
const PRICED =
  /\b(fiyat\w*|ucret\w*|yari\w*|indirim\w*|bedava|price\w*|cost\w*|half|discount\w*|free|tl|lira)\b|₺|%/;

/** The question's words as stems ("çekleriniz" → "cek"), without stopwords. */
export function terms(text: string): string[] {
  const out = new Set<string>();
  for (const word of tokens(text)) {
    const f = fold(word);
    const singular = f.endsWith("s") ? f.slice(0, -1) : f;
    if (f.length < 3 || STOPWORDS.has(f) || QUESTION_WORDS.has(f) || QUESTION_WORDS.has(singular)) {
      continue;
    }
    const stem = fold(stripSuffix(word));
    out.add(stem.length >= 3 ? stem : f);
  }
  return [...out];
}

/** Folded text with doubled letters written once ("installments" is "instalments"). */
function single(folded: string): string {
  return folded.replace(/(\w)\1+/g, "$1");
}

/** A word of a question with its other words ("cards" is also "kart", "kids" "children"). */
function sameMeaning(term: string): string[] {
  const singular = term.replace(/s$/, "");
  return [term, ...(SAME_MEANING[term] ?? SAME_MEANING[singular] ?? [])];
}

/** Whether folded text has a word of the question (or its first three quarters). */
function has(folded: string, term: string): boolean {
  const text = single(folded);
  const word = single(term);
  return text.includes(word) ||
    text.includes(word.slice(0, Math.max(3, Math.ceil(word.length * 0.75))));
}

/**
 * The sentences of the passages that answer the question best, in the reply language when any
 * does: those with the most of the question's words, at most two. Words of the question before
 * (`context`) count half, and only in sentences that match the question itself.
 */
function pickSentences(
  passages: Passage[],
  question: string,
  lang: Lang,
  options: { context?: string[]; keep?: (folded: string) => boolean } = {},
): Sentence[] {
  const context = options.context ?? [];
  const wanted = terms(question).map(sameMeaning);
  const related = context.filter((w) => !wanted.some((forms) => forms.includes(w)));
  const scored: Sentence[] = [];
  for (const passage of passages) {
    const text = passage.snippet.replace(/^…\S*\s*/, "").replace(/\s*\S*…$/, "");
    // A note's title says what all its sentences are about: a word of the question found there
    // counts for each of them, and a little more ("ne getirmem lazım" finds "Ne getirmeliyim").
    const title = fold(passage.title ?? "");
    for (const raw of text.split(/(?<=[.!?])\s+/)) {
      const sentence = raw.trim();
      const f = fold(sentence);
      const own = wanted.filter((forms) => forms.some((w) => has(f, w) || has(title, w))).length;
      if (own === 0 || scored.some((x) => x.text === sentence)) continue;
      if (options.keep && !options.keep(f)) continue;
      const l = languageScores(sentence);
      scored.push({
        text: sentence,
        score: own + 0.5 * related.filter((w) => has(f, w)).length +
          0.5 * wanted.filter((forms) => forms.some((w) => has(title, w))).length,
        lang: l.en > l.tr ? "en" : "tr",
        web: /^https?:/.test(passage.url ?? ""),
      });
    }
  }
  const own = scored.filter((x) => x.lang === lang);
  const pool = own.length > 0 ? own : scored;
  const best = Math.max(...pool.map((x) => x.score));
  return pool.filter((x) => x.score === best).slice(0, 2);
}

/** The sentences of the passages that answer the question best, in the reply language. */
export function bestSentences(
  passages: Passage[],
  question: string,
  lang: Lang,
  context: string[] = [],
): string | null {
  const picked = pickSentences(passages, question, lang, { context });
  return picked.length > 0 ? picked.map((x) => x.text).join(" ") : null;
}

/** The passages a search found, with the business's policies. */
function passagesOf(t: Turn, r: ToolResult): Passage[] {
  const found = r.error ? [] : (r.result as { results?: Passage[] } | undefined)?.results ?? [];
  // The business's own rules come first among sentences that answer as well.
  return t.b.policies ? [{ snippet: t.b.policies, url: "policies" }, ...found] : found;
}

/** Quotes sentences of the business's texts, saying where they come from and their language. */
function quote(t: Turn, picked: Sentence[]): void {
  const sentences = picked.filter((x) => !t.quoted.has(x.text));
  if (sentences.length === 0) return;
  sentences.forEach((x) => t.quoted.add(x.text));
  const text = sentences.map((x) => x.text).join(" ");
  if (sentences.every((x) => x.lang !== t.lang)) t.say(t.t.knowledgeForeign(text));
  else t.say(sentences.every((x) => x.web) ? t.t.knowledge(text) : t.t.knowledgeNote(text));
}

/**
 * Searches what the business wrote for a question; when nothing answers it, the offering it is
 * `about` is described, or `fallback` lists what is offered.
 */
export function askKnowledge(
  t: Turn,
  text: string,
  options: Pick<Search, "fallback" | "about"> = {},
): void {
  const query = text.trim().slice(0, 300);
  if (query.length < 2) {
    t.say(`${t.t.notUnderstood} ${t.t.capabilities(t.offers)}`);
    return;
  }
  t.call("search_knowledge", { query }, { kind: "knowledge", query, ...options });
}

/** Answers a question nothing the business wrote answers: the offering's details, or a list. */
function fallBack(t: Turn, search: Search): boolean {
  const about = search.about ? t.cat.byId.get(search.about) : undefined;
  if (about?.kind === "service") {
    t.call("get_service_details", { service_id: about.id }, {
      kind: "service_info",
      question: "details",
    });
  } else if (about) {
    t.call("get_product_details", { product_id: about.id }, {
      kind: "product_info",
      question: "details",
    });
  } else if (search.fallback === "list_services") {
    t.call("list_services", {}, { kind: "list_services", prices: true });
  } else if (search.fallback === "list_products") {
    t.call("list_products", {}, { kind: "list_products" });
  } else return false;
  return true;
}

/**
 * Reads the searches of one round together (a message may ask several questions): one answer
 * with the sentences that answer each, and a word about a question nothing answered.
 */
export function onKnowledge(t: Turn, searches: { purpose: Search; r: ToolResult }[]): void {
  const answers: Sentence[][] = [];
  let missing = 0;
  for (const { purpose, r } of searches) {
    const picked = pickSentences(passagesOf(t, r), purpose.query, t.lang, {
      context: t.s.asked,
    });
    answers.push(picked);
    if (picked.length === 0 && (r.error || !fallBack(t, purpose))) missing += 1;
  }
  // A sentence two questions found answers the one that found it alone, in the questions' order.
  const owner = (text: string) => {
    const by = answers.map((a, i) => ({ i, n: a.some((x) => x.text === text) ? a.length : 9 }));
    return by.sort((a, b) => a.n - b.n || a.i - b.i)[0]!.i;
  };
  const found = answers.flatMap((picked, i) => picked.filter((x) => owner(x.text) === i));
  if (found.length > 0) {
    quote(t, found);
    if (missing > 0) t.say(t.t.knowledgeMissingOther);
    t.s.asked = searches.flatMap((x) => terms(x.purpose.query));
    return;
  }
  if (missing === 0) return;
  t.say(t.t.knowledgeMissing);
  // Inside a booking or an order a plain "yes" belongs to the flow, not to this offer.
  if (!t.s.flow) t.s.proposal = { kind: "handover" };
}

/** The words of an offering's name and aliases, folded and stemmed. */
function nameWords(t: Turn, o: Offering): Set<string> {
  const c = t.cat.candidates.find((x) => x.id === o.id);
  const labels = [o.name, ...(c?.aliases ?? [])];
  return new Set(labels.flatMap((l) => tokens(l)).map((w) => fold(stripSuffix(w))));
}

const DAYS = new Set([...Object.keys(WEEKDAYS_TR), ...Object.keys(WEEKDAYS_EN)]);

/**
 * What a question or a wish is about beyond prices, durations, wishes and days ("hediye çeki ne
 * kadarlık?" is about "hediye", "cek"); nothing for "fiyatlarınız ne kadar?".
 */
export function subjectWords(text: string): string[] {
  return terms(text).filter((w) =>
    !GENERIC_WORD.test(w) && !COMMON_WORDS.has(w) && !DAYS.has(w) && !/\d/.test(w) &&
    !countWord(w)
  );
}

/** A number word saying how many ("iki tane alacağım", "three of them"), no subject. */
function countWord(w: string): boolean {
  const n = readNumber([w], 0);
  return n !== null && n.suffix === "" && n.length === 1 && n.value < 100;
}

/** The words of a price question about `o` beyond its name: its case ("7 yaşındaki kızım"). */
function caseWords(t: Turn, text: string, o: Offering): string[] {
  const name = nameWords(t, o);
  return subjectWords(text).filter((w) => !name.has(w) && offeringsOfWord(t.cat, w).size === 0);
}

/** Before a price question about `o` is answered, searches what the business wrote about its case. */
export function askPriceNote(t: Turn, text: string, o: Offering): void {
  if (caseWords(t, text, o).length === 0) return;
  const query = text.trim().slice(0, 300);
  t.call("search_knowledge", { query }, { kind: "price_note", query, id: o.id });
}

/**
 * Reads the search of a price question's case: a sentence about the case, the offering and a price
 * is said instead of the bare price, which it qualifies.
 */
export function onPriceNote(t: Turn, purpose: PriceNote, r: ToolResult): void {
  const o = t.cat.byId.get(purpose.id);
  if (!o) return;
  const cases = caseWords(t, purpose.query, o);
  const name = [...nameWords(t, o)];
  const notes = pickSentences(passagesOf(t, r), purpose.query, t.lang, {
    keep: (f) =>
      cases.some((w) => sameMeaning(w).some((x) => has(f, x))) &&
      name.some((w) => has(f, w)) && PRICED.test(f),
  });
  if (notes.length === 0) return;
  quote(t, notes);
  t.noted.add(o.id);
  t.s.qualified = [...new Set([...(t.s.qualified ?? []), o.id])];
}
