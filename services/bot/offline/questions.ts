/**
 * The other questions one message asks. A message is cut into clauses ("pazar açık mısınız?
 * cumartesi kaçta kapanıyorsunuz", "saat 4te pedikür, otopark var mı bu arada?"), and every clause
 * that asks what the message's main reading does not answer gets its own answer: the opening hours
 * of another day, the address, contact details or lists, or a search of what the business wrote.
 * Questions about the business's policies ("iptal koşullarınız nedir?") are told apart from the
 * requests they mention.
 * @module
 */
import { bookingInfo } from "./booking.ts";
import { answerInfo, asksAddress, type InfoKind, infoKind } from "./info.ts";
import { askKnowledge, terms } from "./knowledge.ts";
import { orderInfo } from "./ordering.ts";
import type { Turn } from "./turn.ts";
import { intent, type Parsed, understand } from "./understand.ts";

/** Where a message's clauses end: sentence marks, and words that start another question. */
const CLAUSE_END =
  /(?<=[?!;\n])|(?<=[.,])\s|\s(?=(?:also|ayr[iı]ca|bir de|bu arada|by the way|btw|if not|otherwise|yoksa)(?=[\s,?!.]|$))|\s(?=(?:and|but) (?:are|is|do|does|can|could|what|when|where|how|which)\s)/i;

/** Words before a question that only link it to the one before ("if not, what time…"). */
const LINK =
  /^\s*(?:also|and|but|if not|otherwise|by the way|btw|ayr[iı]ca|bir de|bu arada|peki|yoksa|de[gğ]ilse|ama|ve)(?=[\s,?!.]|$)[\s,?!.]*/i;

/** The clauses of a message, without the words that link them. */
export function clauses(text: string): string[] {
  return text.split(CLAUSE_END)
    .map((c) => c.replace(LINK, "").replace(LINK, "").trim())
    .filter((c) => /\p{L}/u.test(c));
}

/** "İptal koşullarınız nedir?", "what is your cancellation policy?": a policy, not a request. */
const POLICY_QUESTION =
  /\b(iptal\w*|cancel\w*|erteleme\w*|degisiklik\w*|reschedul\w*|gec kal\w*|late)\b.{0,40}\b(kosul\w*|sart\w*|politika\w*|kural\w*|ucret\w*|ceza\w*|policy|policies|terms|rules|fees?|charge\w*|penalt\w*|free|kac saat|ne zamana kadar|how (late|long before|far in advance|many hours)|until when)\b|\b(kosul\w*|sart\w*|politika\w*|kural\w*|policy|policies|terms|rules|fees?)\b.{0,30}\b(iptal\w*|cancel\w*|erteleme\w*|reschedul\w*)/;

/** Whether a message asks about a policy of the business rather than to act on it. */
export function asksPolicy(p: Parsed): boolean {
  return POLICY_QUESTION.test(p.folded) && !p.code && !p.phone;
}

/**
 * The kinds answered from the business's profile (and its staff), which another clause may ask for
 * as well.
 */
const PROFILE_KINDS: readonly InfoKind[] = [
  "address",
  "contact",
  "list_services",
  "list_products",
  "staff",
];

/** "Çalışma saatleriniz", "opening hours": the week's hours, not one day's. */
const WEEK_HOURS =
  /\b(calisma saat\w*|saatleriniz\w*|mesai\w*|opening hours|business hours|hours)\b/;

/** The address and contact details a message asks for, however many. */
function profileAsked(t: Turn, p: Parsed): InfoKind[] {
  const kinds: InfoKind[] = [];
  if (asksAddress(p)) kinds.push("address");
  if (
    intent(p, "contact") >= 0.8 && !p.phone && !p.email && t.s.awaiting !== "contact" &&
    !/\biban\b/.test(p.folded)
  ) kinds.push("contact");
  return kinds.length > 1 ? kinds : [];
}

/**
 * Answers the questions of a message's clauses that its main reading leaves open: `main` is the
 * question already answered, `flow` the flow the message goes on with. Returns whether any clause
 * was answered or searched for.
 */
export function answerOtherQuestions(
  t: Turn,
  p: Parsed,
  main: InfoKind | null,
  flow: "booking" | "order" | "cancel" | undefined,
): boolean {
  const answered = new Set<string>([main === "hours" ? `hours ${p.date ?? ""}` : main ?? ""]);
  const answer = (kind: InfoKind, key: string, c: Parsed) => {
    if (answered.has(key)) return;
    answered.add(key);
    answerInfo(t, kind, c);
  };
  // "Adresiniz ve telefonunuz?": the profile's answers the whole message asks for.
  for (const kind of profileAsked(t, p)) answer(kind, kind, p);
  const parts = clauses(p.text);
  const searches: string[] = [];
  for (const clause of parts.length > 1 ? parts : []) {
    const c = understand(clause, t.cat, { now: t.now, timeZone: t.tz, lang: t.s.lang });
    const kind = infoKind(t, c);
    if (kind === "hours" && (c.date || WEEK_HOURS.test(c.folded))) {
      answer(kind, `hours ${c.date ?? ""}`, c);
    } else if (kind && PROFILE_KINDS.includes(kind)) answer(kind, kind, c);
    else if (!kind && asksAnew(t, c, flow)) searches.push(clause);
  }
  for (const query of searches.slice(0, 3)) askKnowledge(t, query);
  return answered.size > 1 || searches.length > 0;
}

/** Words that make a clause a question. */
const QUESTION_WORD =
  /\b(m[iu]\w*|nedir|nasil|neden|niye|ne zaman|nere\w*|nerde\w*|hangi\w*|kim\w*|kac\w*|what|how|why|when|where|which|who|is there|are there|do you|does|can i|can you|could you|is it|are you)\b/;

/** Whether a clause asks something besides the flow, greetings and requests the message makes. */
function asksAnew(t: Turn, c: Parsed, flow: "booking" | "order" | "cancel" | undefined): boolean {
  // Beside a booking or an order, a question mark alone may close a part of it ("… İstanbul?").
  const question = QUESTION_WORD.test(c.folded) || (!flow && c.text.includes("?"));
  if (!question || terms(c.text).length === 0) return false;
  if (flow === "booking" && bookingInfo(t, c)) return false;
  if (flow === "order" && orderInfo(t, c)) return false;
  if (c.phone || c.email || c.name || c.code) return false;
  return intent(c, "handover") < 0.85 && intent(c, "cancel") < 0.75 &&
    intent(c, "book") < 0.55 && intent(c, "order") < 0.75 && intent(c, "greeting") < 0.5;
}
