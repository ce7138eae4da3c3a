/**
 * The offline assistant's dialogue manager. Each model round is one call of `respond`:
 *
 * - when the last turn is the customer's message, it reads the message (`understand`), updates
 *   the memory's slots and decides: refuse abuse, hand over, confirm or drop what waits for a yes,
 *   cancel, answer its questions (every one it asks, see questions.ts), move the booking or the
 *   order on after the answers, search what the business wrote, or say it did not understand and
 *   what it can do;
 * - when the last turn holds tool results, it reads each by what its call was for (kept in the
 *   memory by call id) and writes the reply, or asks for the next calls (up to the engine's limit).
 *
 * It only says what the tools returned and never touches the database itself.
 * @module
 */
import type { ModelRequest, ToolCall, ToolResult } from "../model.ts";
import {
  abortBooking,
  advanceBooking,
  anotherTime,
  applyBooking,
  bookingInfo,
  bookingReminder,
  bookNow,
  onAvailability,
  onBooked,
  onHold,
} from "./booking.ts";
import {
  advanceCancel,
  applyCancel,
  cancelNow,
  cancelReminder,
  keepBooking,
  onCancelled,
  onFound,
  startCancel,
} from "./cancelling.ts";
import { catalogOf } from "./catalog.ts";
import { closedDayName, hoursOn } from "./format.ts";
import {
  asksToMove,
  cancelReplaced,
  keepsOld,
  moveDetails,
  moveFound,
  onReplacedCancelled,
  startMove,
} from "./rescheduling.ts";
import {
  answerInfo,
  askChoice,
  handover,
  infoKind,
  onHandover,
  onProductInfo,
  onProducts,
  onServiceInfo,
  onServices,
  onShippingFee,
  onStock,
  onTotal,
  personAsked,
  TRADE_PERSON,
} from "./info.ts";
import {
  abortOrder,
  advanceOrder,
  answerOrderStatus,
  applyOrder,
  asksIban,
  dropsOrder,
  onOrdered,
  onOrderQuote,
  onOrderStock,
  onOrderTotal,
  onStockAnswer,
  orderInfo,
  orderReminder,
  placeOrder,
  takeOneWhenMovingOn,
} from "./ordering.ts";
import { askKnowledge, onKnowledge, onPriceNote, subjectWords } from "./knowledge.ts";
import { answerOtherQuestions, asksPolicy } from "./questions.ts";
import { answerStaffQuestion, isStaffQuestion } from "./staff.ts";
import { type Choice, loadState, type Purpose, type State } from "./state.ts";
import { Turn } from "./turn.ts";
import { intent, type Parsed, understand } from "./understand.ts";
import { yesAboutCancelling } from "./nlu/entities.ts";
import { tokens } from "./nlu/text.ts";
import { STOPWORDS } from "./nlu/words.ts";

/** What one round produces. */
export interface Reply {
  text: string;
  calls: ToolCall[];
  state: State;
}

/** Runs one round of the dialogue. */
export function respond(req: ModelRequest): Reply {
  const state = loadState(req.state, req.locale);
  // What the widget already sent about the customer fills the slots the dialogue would ask for.
  state.customer.name ??= req.customer?.name ?? undefined;
  state.customer.phone ??= req.customer?.phone ?? undefined;
  state.customer.email ??= req.customer?.email ?? undefined;
  const t = new Turn(req.business, catalogOf(req.business), state, req.now, req.locale);
  const last = req.history.at(-1);
  if (last?.role === "tool") onTools(t, last.results);
  else {
    state.pending = {};
    state.carry = [];
    state.trail = undefined;
    state.reprompt = false;
    const user = [...req.history].reverse().find((x) => x.role === "user");
    onUser(t, user?.role === "user" ? user.text : "");
  }
  return finish(t);
}

function reminder(t: Turn): string | null {
  if (t.s.awaiting === "choice" && t.s.choice) {
    return t.t.askWhich(t.s.choice.ids.map((id) => t.cat.byId.get(id)?.name ?? ""));
  }
  switch (t.s.flow) {
    case "booking":
      return bookingReminder(t);
    case "order":
      return orderReminder(t);
    case "cancel":
      return cancelReminder(t);
    default:
      return null;
  }
}

function finish(t: Turn): Reply {
  const s = t.s;
  if (t.calls.length > 0 && !t.speakNow) {
    s.carry.push(...t.out);
    return { text: "", calls: t.calls, state: s };
  }
  if (t.calls.length > 0) {
    const text = once([...s.carry, ...t.out, ...(s.trail ?? [])]).join("\n");
    s.carry = [];
    s.trail = undefined;
    return { text, calls: t.calls, state: s };
  }
  const parts = [...s.carry, ...t.out, ...(s.trail ?? [])];
  s.trail = undefined;
  if (s.reprompt) {
    const again = reminder(t);
    if (again && !parts.includes(again)) parts.push(again);
  }
  if (parts.length === 0) parts.push(`${t.t.notUnderstood} ${t.t.capabilities(t.offers)}`);
  s.carry = [];
  s.pending = {};
  s.reprompt = false;
  return { text: once(parts).join("\n"), calls: [], state: s };
}

/** The sentences of a reply, each said once (two answers may say the same, e.g. a closed day). */
function once(parts: string[]): string[] {
  return parts.filter((x, i) => parts.indexOf(x) === i);
}

function onTools(t: Turn, results: ToolResult[]): void {
  const pending = t.s.pending;
  t.s.pending = {};
  const stock: ToolResult[] = [];
  const avail: ToolResult[] = [];
  const searches: { purpose: Extract<Purpose, { kind: "knowledge" }>; r: ToolResult }[] = [];
  const known = results.filter((r) => pending[r.id]);
  // One offering answered about: the offer to book or order it follows the answer.
  const single = known.filter((r) => pending[r.id]!.kind !== "price_note").length === 1;
  known.forEach((r, i) => {
    const purpose: Purpose = pending[r.id]!;
    const last = !known.slice(i + 1).some((x) => pending[x.id]!.kind === purpose.kind);
    switch (purpose.kind) {
      case "service_info":
        onServiceInfo(t, purpose.question, r, last && single, purpose.quote);
        break;
      case "product_info":
        onProductInfo(t, purpose.question, r, last && single, purpose.quote);
        break;
      case "stock":
        onStock(t, purpose.quantity, r, last && single);
        break;
      case "list_services":
        onServices(t, r);
        break;
      case "list_products":
        onProducts(t, r);
        break;
      case "total_info":
        onTotal(t, r);
        break;
      case "shipping_fee":
        onShippingFee(t, r);
        break;
      case "knowledge":
        searches.push({ purpose, r });
        if (last) onKnowledge(t, searches);
        break;
      case "price_note":
        onPriceNote(t, purpose, r);
        break;
      case "handover":
        onHandover(t, r);
        break;
      case "avail":
        avail.push(r);
        if (last) onAvailability(t, purpose, mergeAvailability(avail));
        break;
      case "hold":
        onHold(t, r);
        break;
      case "book": {
        const replaces = t.s.booking.replaces;
        if (onBooked(t, r) && replaces) cancelReplaced(t, replaces);
        break;
      }
      case "find":
        onFound(t, r, moveFound);
        break;
      case "move_cancel":
        onReplacedCancelled(t, purpose.code, r);
        break;
      case "cancel":
        onCancelled(t, r);
        break;
      case "order_stock":
        stock.push(r);
        if (last) onOrderStock(t, stock);
        break;
      case "order_total":
        onOrderTotal(t, r);
        break;
      case "order_quote":
        onOrderQuote(t, r);
        break;
      case "order":
        onOrdered(t, r);
        break;
    }
  });
}

/**
 * "Ürünleriniz sertifikalı mı?", "are your products organic?": a yes-no question about everything
 * offered, which what the business wrote answers rather than the list.
 */
function asksAboutAll(p: Parsed): boolean {
  const yesNo = /\b(mi|mu|misiniz|musunuz)\b/.test(p.folded) ||
    /^(are|is|do|does) (your|the|all)\b/.test(p.folded);
  return yesNo && !/\b(var|yok|neler|nedir|hangi\w*|what|which)\b/.test(p.folded) &&
    subjectWords(p.text).length > 0;
}

/** Asking to come ("gelebilir miyim", "can I come"), which with a day asks for a booking. */
const COME =
  /\b(gel(ebilir|sem|eyim|mek istiyorum)\w*|can (i|we) come|could (i|we) come|(see|fit) (me|us) in)\b/;

/** "Yumurtayı kargoyla gönderiyor musunuz?", "do you ship?": how the business delivers, asked. */
const DELIVERY_QUESTION =
  /\b((gonder|yolla|kargola)iyor\w* mu\w*|kargo\w* (var|yapiyor\w*) mi\w*|kargo(yla|ile) gel\w* mi\w*|(do|can) you (ship|deliver)\w*|is (shipping|delivery) available)\b/;

/** "Neler yapabilirsin?", "what can you do?": what the assistant helps with. */
const CAPABILITIES =
  /\b(ne(ler)? (yapabil|yapiyor)\w*(sin|siniz|sun|sunuz)\b|(nasil|ne konuda|hangi konularda) yardimci ol\w*|ne ise yar\w*|what can you (do|help)|how can you help|what do you do)\b/;

/** Several check_availability results of one question (parts of one day) as one. */
function mergeAvailability(results: ToolResult[]): ToolResult {
  const failed = results.find((r) => r.error);
  if (failed || results.length === 1) return failed ?? results[0]!;
  type Out = { slots: { date: string; time: string }[]; more: boolean };
  const outs = results.map((r) => r.result as Out);
  const seen = new Set<string>();
  const slots = outs.flatMap((o) => o.slots)
    .filter((x) => !seen.has(`${x.date} ${x.time}`) && seen.add(`${x.date} ${x.time}`))
    .sort((a, b) => a.date.localeCompare(b.date) || a.time.localeCompare(b.time));
  return {
    ...results[0]!,
    result: { ...outs[0], slots, more: outs.some((o) => o.more) },
  };
}

/**
 * Whether a short message only says no ("hayır", "vazgeçtim", "boş ver"); "yok 3 olsun" corrects
 * a quantity instead.
 */
function onlyNo(p: Parsed, text: string): boolean {
  const n = tokens(text).length;
  return n <= 3 && (p.no || intent(p, "cancel") >= 0.6) && !p.code && p.quantity === undefined;
}

/** Where a pick among listed offerings leads. */
interface Forced {
  purpose: Choice["purpose"];
  question?: Choice["question"];
}

/** Takes the customer's pick among offerings the assistant listed. */
function resolveChoice(t: Turn, p: Parsed): Forced | undefined {
  const c = t.s.choice;
  if (!c) return undefined;
  const named = [...p.services, ...p.products, ...p.ambiguous].filter((id) => c.ids.includes(id));
  let pick = named.length === 1 ? named[0] : undefined;
  if (!pick && p.ordinal !== undefined) pick = p.ordinal < 0 ? c.ids.at(-1) : c.ids[p.ordinal];
  if (!pick) return undefined;
  t.s.choice = undefined;
  t.s.awaiting = undefined;
  p.ambiguous = [];
  if (c.kind === "service") p.services = [pick, ...p.services.filter((x) => x !== pick)];
  else p.products = [pick, ...p.products.filter((x) => x !== pick)];
  if (c.quantity !== undefined && c.kind === "product") p.quantities[pick] = c.quantity;
  return { purpose: c.purpose, question: c.question };
}

/**
 * While the customer is to pick between offerings, other details they give are kept and the
 * question is asked again; naming something else drops the question.
 */
function keepChoosing(t: Turn, p: Parsed): boolean {
  const s = t.s;
  const c = s.choice!;
  if (p.services.length + p.products.length > 0) {
    s.choice = undefined;
    s.awaiting = undefined;
    return false;
  }
  const contact = Boolean(p.name || p.phone || p.email);
  if (c.purpose === "booking" && (bookingInfo(t, p) || contact)) applyBooking(t, p);
  else if (c.purpose === "order" && (orderInfo(t, p) || p.quantity !== undefined || contact)) {
    applyOrder(t, p);
    if (p.quantity !== undefined) c.quantity = p.quantity;
  } else return false;
  t.acted = true;
  t.say(t.t.askWhich(c.ids.map((id) => t.cat.byId.get(id)!.name)));
  return true;
}

function shouldBook(t: Turn, p: Parsed, info: string | null): boolean {
  const s = t.s;
  const services = p.services.length > 0 || ambiguousOf(t, p, "service").length > 0;
  if (s.flow === "booking" && (bookingInfo(t, p) || services)) return true;
  if (p.products.length > 0 && p.services.length === 0) return false;
  // "Manikür için en erken ne zaman?": a free time is asked for.
  if (p.earliest && services) return true;
  // "Kanal tedavisi hakkında bilgi alabilir miyim?": the information first, then the offer.
  if (info === "details" && !p.date && !p.time && !p.part && intent(p, "book") < 0.55) {
    return false;
  }
  if (intent(p, "book") >= 0.55 || intent(p, "availability") >= 0.8) return true;
  // "Dişçiye gitmem lazım yarın", "can I come today?": a day to come is a booking.
  const when = Boolean(p.date || p.time || p.part);
  if (when && (TRADE_PERSON.test(p.folded) || COME.test(p.folded))) return true;
  return services && Boolean(when || p.wants || p.staffId);
}

function shouldOrder(t: Turn, p: Parsed, info: string | null): boolean {
  const s = t.s;
  const products = p.products.length > 0 || ambiguousOf(t, p, "product").length > 0;
  if (s.flow === "order" && orderInfo(t, p)) return true;
  if (p.services.length > 0) return false;
  if (DELIVERY_QUESTION.test(p.folded) && p.quantity === undefined && !p.wants) return false;
  // "Hediye çeki alabilir miyim?": something not in the catalog is looked up first.
  const ordering = Boolean(p.delivery || p.payment || p.quantity !== undefined);
  if (!products && !s.flow && !ordering && subjectWords(p.text).length > 0) return false;
  if (intent(p, "order") >= 0.75 && (products || !info)) return true;
  // "İki tane alsam toplam ne tutar?", "two please, how much altogether?"
  const counted = p.quantity !== undefined || Object.keys(p.quantities).length > 0;
  if (intent(p, "total") >= 0.9 && products && counted) return true;
  if (info === "stock" || info === "price" || info === "details") return false;
  // "Şampuan ve maskeden ikişer tane": several products, each counted.
  return products && Boolean(p.wants || p.quantity || Object.keys(p.quantities).length > 1);
}

/**
 * "4 tane alayım", "I'll take it", "3 tane alsam toplam ne tutar" right after a product was talked
 * about (its price, stock or details): the message is about that product.
 */
function productFromTopic(t: Turn, p: Parsed, proposal: State["proposal"]): void {
  const s = t.s;
  const id = proposal?.kind === "order"
    ? proposal.productId
    : s.topic?.kind === "product"
    ? s.topic.id
    : undefined;
  if (!id || !t.cat.byId.has(id)) return;
  if (p.products.length + p.services.length + p.ambiguous.length > 0) return;
  if (s.flow === "booking" || (s.flow === "order" && s.order.items.length > 0)) return;
  if (intent(p, "book") >= 0.55 || p.date || p.time || p.part) return;
  const buying = p.quantity !== undefined || intent(p, "order") >= 0.75 ||
    (p.yes && (proposal?.kind === "order" || s.awaiting === "product"));
  if (!buying) return;
  p.products = [id];
  const quantity = p.quantity ?? (proposal?.kind === "order" ? proposal.quantity : undefined);
  p.quantities = quantity !== undefined ? { [id]: quantity } : {};
}

/**
 * "Book it", "alalım", "yarın 10'a yer var mı?", "Ayşe Hanım cumartesi müsait mi?" right after the
 * assistant offered to book a service (after its price or details): the message books that service.
 */
function serviceFromProposal(t: Turn, p: Parsed, proposal: State["proposal"]): void {
  if (proposal?.kind !== "booking" || !t.cat.byId.has(proposal.serviceId)) return;
  if (p.services.length + p.products.length + p.ambiguous.length > 0 || t.s.flow) return;
  const when = Boolean(p.date || p.time || p.part || p.staffId);
  if (p.no || (intent(p, "book") < 0.55 && intent(p, "availability") < 0.8 && !when)) return;
  p.services = [proposal.serviceId];
  p.date ??= proposal.date;
}

/** A question about products already in the order, which adds nothing to it. */
function onlyAsksAboutOrder(t: Turn, p: Parsed): boolean {
  const o = t.s.order;
  return t.s.flow === "order" &&
    p.products.every((id) => o.items.some((i) => i.productId === id)) &&
    p.quantity === undefined && Object.keys(p.quantities).length === 0 && !p.delivery &&
    !p.payment && !p.address;
}

function ambiguousOf(t: Turn, p: Parsed, kind: "service" | "product"): string[] {
  return p.ambiguous.filter((id) => t.cat.byId.get(id)?.kind === kind);
}

function startBooking(t: Turn, p: Parsed): void {
  if (!t.offers.services) {
    // A shop: nothing to book, which is said rather than asked about.
    t.say(t.t.noBookings(t.offers));
    t.endFlow();
    t.acted = true;
    return;
  }
  const both = p.services.length > 1 ? combinedService(t, p.services[0]!, p.services[1]!) : null;
  if (both) {
    // "Saç kesimi ve sakal tıraşı": one offering of the business does both ("Saç + Sakal").
    const [first, second] = p.services.map((id) => t.cat.byId.get(id)!.name);
    t.say(t.t.bothInOne(first!, second!, t.cat.byId.get(both)!.name));
    p = { ...p, services: [both] };
  }
  const party = t.s.booking.party;
  applyBooking(t, p);
  const size = t.s.booking.party?.size;
  if (!party && size) t.say(t.t.onePerPerson(size));
  if (p.services.length > 1) {
    // One booking at a time; the next service is offered once this one is booked.
    const [first, second] = p.services.map((id) => t.cat.byId.get(id)!.name);
    t.say(t.t.oneAtATime(first!, second!));
    t.s.booking.next = p.services[1];
  }
  const b = t.s.booking;
  if (!p.services.length) {
    const options = ambiguousOf(t, p, "service");
    if (options.length === 1) applyBooking(t, { ...p, services: options });
    else if (options.length > 1 && !b.serviceId) {
      // "Bugün gelebilir miyim tıraş için?" on a closed day: that first, then which service.
      if (p.date && hoursOn(t.b, p.date) === null) {
        t.say(t.t.closedOn(closedDayName(t.b, p.date, t.lang)));
      }
      t.s.flow = "booking";
      t.acted = true;
      askChoice(t, options, { purpose: "booking" });
      return;
    }
  }
  advanceBooking(t);
}

/**
 * A service whose name joins words of two others ("Saç + Sakal", "Saç ve Sakal" for "Saç Kesimi" and
 * "Sakal Tıraşı").
 */
function combinedService(t: Turn, a: string, b: string): string | null {
  const words = (id: string) => new Set(tokens(t.cat.byId.get(id)!.name, { fold: true }));
  const [wa, wb] = [words(a), words(b)];
  const found = t.cat.services.find((o) => {
    if (o.id === a || o.id === b) return false;
    const w = [...words(o.id)].filter((x) => x.length > 1 && !STOPWORDS.has(x));
    return w.length > 1 && w.every((x) => wa.has(x) || wb.has(x)) &&
      w.some((x) => wa.has(x) && !wb.has(x)) && w.some((x) => wb.has(x) && !wa.has(x));
  });
  return found?.id ?? null;
}

function startOrder(t: Turn, p: Parsed): void {
  if (!t.offers.products) {
    t.say(t.t.noOrders(t.offers));
    t.endFlow();
    t.acted = true;
    return;
  }
  if (!p.products.length) {
    const options = ambiguousOf(t, p, "product");
    if (options.length === 1) p = { ...p, products: options };
    else if (options.length > 1) {
      applyOrder(t, p);
      t.s.flow = "order";
      t.acted = true;
      askChoice(t, options, { purpose: "order", quantity: p.quantity });
      return;
    }
  }
  applyOrder(t, p);
  advanceOrder(t);
}

/**
 * Does the flow's next step after the message's questions were asked: while their answers wait for
 * tools, what the step says comes after them.
 */
function afterAnswers(t: Turn, step: () => void): void {
  const answering = t.calls.length;
  const said = t.out.length;
  step();
  if (answering > 0 && t.calls.length === answering) {
    t.s.trail = [...(t.s.trail ?? []), ...t.out.splice(said)];
  }
}

/** Starts or moves on the booking or the order after the message's questions were asked. */
function goOn(t: Turn, p: Parsed, toBooking: boolean, toOrder: boolean): void {
  afterAnswers(t, () => {
    if (toBooking) startBooking(t, p);
    else if (toOrder) startOrder(t, p);
  });
  if (t.s.flow && !t.acted) t.s.reprompt = true;
}

/** "How much in euros?", "dolar olarak ne kadar": a price in a currency other than lira. */
const OTHER_CURRENCY =
  /\b(euros?|eur|usd|dollars?|dolar(la|da|in|a)?|pounds?|gbp|sterlin\w*|doviz\w*|avro\w*|ruble?s?|in (your|my|foreign) currency)\b|[€$£]/;

/** Whether the message asks for a price in a currency other than Turkish lira. */
function asksOtherCurrency(p: Parsed): boolean {
  return OTHER_CURRENCY.test(p.folded);
}

function onUser(t: Turn, text: string): void {
  const s = t.s;
  s.turns += 1;
  const p = understand(text, t.cat, {
    awaiting: s.awaiting,
    flow: s.flow,
    now: t.now,
    timeZone: t.tz,
    lang: s.lang,
  });
  if (p.lang && (p.lang.margin >= 2 || (s.turns === 1 && p.lang.margin >= 1))) s.lang = p.lang.lang;
  const proposal = s.proposal;
  s.proposal = undefined;

  if (p.abuse) {
    t.say(t.t.refuse(p.abuse, t.offers));
    if (s.flow) s.reprompt = true;
    return;
  }
  if (p.name) s.customer.name = p.name;
  if (p.phone) s.customer.phone = p.phone;
  if (p.email) s.customer.email = p.email;

  const confirming = s.awaiting?.startsWith("confirm") ?? false;
  if (
    intent(p, "handover") >= 0.85 ||
    (proposal?.kind === "handover" && (p.yes || yesAboutCancelling(text)) && !confirming &&
      !bookingInfo(t, p) && !orderInfo(t, p))
  ) {
    const offered = proposal?.kind === "handover" && (p.yes || yesAboutCancelling(text))
      ? proposal
      : undefined;
    handover(t, offered?.reason ?? text, offered?.text);
    return;
  }
  const person = personAsked(p);
  if (person === "named") {
    handover(t, text);
    return;
  }
  if (person === "role" && !s.flow) {
    t.say(t.t.offerSpecialist);
    s.proposal = { kind: "handover" };
    return;
  }

  const forced = s.awaiting === "choice" ? resolveChoice(t, p) : undefined;
  if (s.awaiting === "choice" && s.choice && !forced && keepChoosing(t, p)) return;
  const aw = s.awaiting;
  const contact = Boolean(p.name || p.phone || p.email);
  const no = onlyNo(p, text);
  if (aw === "quantity" && s.flow === "order") takeOneWhenMovingOn(t, p);

  if (aw === "confirm_booking" || (s.flow === "booking" && aw === "contact")) {
    if (anotherTime(t, p)) return;
  }
  if (aw === "confirm_booking") {
    if (bookingInfo(t, p) || contact) {
      applyBooking(t, p);
      advanceBooking(t);
      return;
    }
    if (p.yes) {
      t.acted = true;
      answerOtherQuestions(t, p, null, s.flow);
      bookNow(t);
      return;
    }
    if (no) {
      abortBooking(t);
      return;
    }
  }
  if (dropsOrder(t, p)) {
    abortOrder(t);
    return;
  }
  if (s.flow === "order" && asksIban(p)) {
    // The IBAN comes with the payment instructions of the placed order, from the tool.
    t.say(t.t.ibanWithOrder);
    applyOrder(t, p);
    advanceOrder(t);
    return;
  }
  if (aw === "confirm_order") {
    if (orderInfo(t, p) || contact) {
      applyOrder(t, p);
      advanceOrder(t);
      return;
    }
    if (p.yes) {
      t.acted = true;
      answerOtherQuestions(t, p, null, s.flow);
      placeOrder(t);
      return;
    }
    if (no) {
      abortOrder(t);
      return;
    }
  }
  if (aw === "confirm_cancel") {
    if (p.code || p.phone) {
      applyCancel(t, p);
      advanceCancel(t);
      return;
    }
    // "Evet, iptal edin": here "iptal" says yes.
    const cancelWord = intent(p, "cancel") >= 0.75 &&
      !/\b(etmeyin|etme|istemiyorum|vazgec\w*|don'?t|do not|keep)\b/.test(p.folded);
    if (p.yes || cancelWord) {
      t.acted = true;
      cancelNow(t);
      return;
    }
    if (p.no) {
      keepBooking(t);
      return;
    }
  }
  if (aw === "stock_adjust" && onStockAnswer(t, p)) return;
  if (s.flow === "cancel" && p.noCode && !p.code) {
    t.say(t.t.noCode);
    s.proposal = { kind: "handover" };
    t.endFlow();
    return;
  }
  if (s.flow === "cancel" && moveDetails(t, p)) return;
  if (s.flow === "cancel" && (p.code || p.phone)) {
    applyCancel(t, p);
    advanceCancel(t);
    return;
  }
  if (s.flow === "booking" && s.booking.replaces && keepsOld(p) && !bookingInfo(t, p)) {
    abortBooking(t);
    return;
  }
  if (
    no && (s.flow === "booking" || s.flow === "order") && !bookingInfo(t, p) && !orderInfo(t, p)
  ) {
    if (s.flow === "booking") abortBooking(t);
    else abortOrder(t);
    return;
  }
  if (no && s.flow === "cancel") {
    keepBooking(t);
    return;
  }
  if (asksPolicy(p)) {
    askKnowledge(t, text);
    // "İptal etmek istiyorum, ücret alıyor musunuz?": the rule, then the cancellation.
    if (intent(p, "cancel") >= 0.75 && p.wants) afterAnswers(t, () => startCancel(t, p));
    else if (s.flow) s.reprompt = true;
    return;
  }
  if (asksOtherCurrency(p)) {
    t.say(t.t.liraOnly);
    if (p.services.length === 0 && p.products.length === 0) {
      if (s.flow) s.reprompt = true;
      return;
    }
  }
  if (intent(p, "cancel") >= 0.75 && p.noCode && !p.code) {
    t.say(t.t.noCode);
    s.proposal = { kind: "handover" };
    return;
  }
  const moving = s.flow === "cancel" && s.cancel.move;
  if (!moving && asksToMove(p, s.booked.length > 0 && s.flow !== "booking")) {
    startMove(t, p);
    return;
  }
  if (intent(p, "cancel") >= 0.75 || (p.code && !s.flow)) {
    startCancel(t, p);
    return;
  }

  if (!forced && intent(p, "order_status") >= 0.85 && p.products.length === 0) {
    answerOrderStatus(t);
    if (s.flow) s.reprompt = true;
    return;
  }
  if (
    !forced && CAPABILITIES.test(p.folded) && p.services.length + p.products.length === 0 &&
    !bookingInfo(t, p) && !orderInfo(t, p)
  ) {
    t.say(t.t.capabilities(t.offers));
    if (s.flow) s.reprompt = true;
    return;
  }
  if (!forced && isStaffQuestion(t, p)) {
    answerStaffQuestion(t, p);
    answerOtherQuestions(t, p, "staff", s.flow);
    if (s.flow) s.reprompt = true;
    return;
  }
  if (!forced) productFromTopic(t, p, proposal);
  if (!forced) serviceFromProposal(t, p, proposal);
  let info = forced?.purpose === "info" ? forced.question ?? null : infoKind(t, p);
  if (forced && forced.purpose !== "info") info = null;
  const listAsked = info === "list_products" || info === "list_services" ? info : undefined;
  if (listAsked && asksAboutAll(p)) info = null;
  const toBooking = forced?.purpose === "booking" || (!forced && shouldBook(t, p, info));
  let toOrder = !toBooking &&
    (forced?.purpose === "order" || (!forced && shouldOrder(t, p, info)));
  if (info && (toBooking || toOrder) && ["price", "duration", "details", "stock"].includes(info)) {
    // "Saç kesimi ne kadar, yarın yer var mı?": the booking's summary gives the price too.
    if (!(p.services.length + p.products.length)) info = null;
  }
  if (info === "included") {
    // "Is blow dry included?": the offerings named are what it may include, not a new request.
    answerInfo(t, info, p);
    if (s.flow) s.reprompt = true;
    return;
  }
  if (toOrder && info && onlyAsksAboutOrder(t, p)) toOrder = false;
  // "Şampuan ve maske kargoyla ne kadar?": the price of several, or with shipping, is a total.
  const many = p.products.length > 1 || p.delivery === "shipping";
  if (toOrder && (intent(p, "total") >= 0.9 || (info === "price" && many))) {
    // "İki krem alsam toplam ne tutar?": the order goes on and says its total first.
    s.order.quote = true;
    info = null;
  }
  if (info) answerInfo(t, info as Parameters<typeof answerInfo>[1], p);
  const asked = answerOtherQuestions(
    t,
    p,
    info as Parameters<typeof answerInfo>[1] | null,
    toBooking ? "booking" : toOrder ? "order" : s.flow,
  );
  if (info || toBooking || toOrder) {
    goOn(t, p, toBooking, toOrder);
    return;
  }

  if (s.awaiting === "contact" && p.badPhone) {
    t.say(t.t.badPhone);
    return;
  }
  if (contact && (s.flow === "booking" || s.flow === "order")) {
    afterAnswers(t, () => (s.flow === "booking" ? advanceBooking(t) : advanceOrder(t)));
    return;
  }
  if (proposal?.kind === "booking" && (p.date || p.time || p.part) && !p.no) {
    startBooking(t, { ...p, date: p.date ?? proposal.date, services: [proposal.serviceId] });
    if (proposal.party) s.booking.party = proposal.party;
    return;
  }
  if (proposal?.kind === "order" && p.quantity !== undefined && !p.no) {
    startOrder(t, {
      ...p,
      products: [proposal.productId],
      quantities: { [proposal.productId]: p.quantity },
    });
    return;
  }
  if (proposal && p.yes) {
    if (proposal.kind === "booking") {
      startBooking(t, {
        ...p,
        date: p.date ?? proposal.date,
        time: p.time ?? proposal.time,
        services: [proposal.serviceId],
      });
      if (proposal.party) s.booking.party = proposal.party;
      return;
    }
    if (proposal.kind === "order") {
      startOrder(t, {
        ...p,
        products: [proposal.productId],
        quantities: proposal.quantity ? { [proposal.productId]: proposal.quantity } : {},
      });
      return;
    }
  }
  if (proposal && p.no) {
    t.say(t.t.anythingElse);
    return;
  }

  if (DELIVERY_QUESTION.test(p.folded) && !asked) {
    askKnowledge(t, text);
    if (s.flow) s.reprompt = true;
    return;
  }
  // A bare name of an offering ("nemlendirici krem"): its price, and the offer to book or order.
  if (!s.flow && p.services.length + p.products.length > 0 && tokens(text).length <= 4) {
    answerInfo(t, "price", p);
    return;
  }
  const greeting = intent(p, "greeting");
  if (greeting >= 0.5 && intent(p, "knowledge_question") < 0.4) {
    const welcome = s.turns === 1 && s.lang === t.locale && t.b.greeting
      ? t.b.greeting
      : s.turns === 1
      ? t.t.greeting(t.b.name)
      : t.t.greetAgain;
    t.say(welcome);
    if (s.flow) s.reprompt = true;
    return;
  }
  if (intent(p, "thanks") >= 0.8) {
    if (s.flow) {
      t.say(s.lang === "tr" ? "Rica ederim!" : "You're welcome!");
      s.reprompt = true;
    } else t.say(t.t.thanks);
    return;
  }
  if (intent(p, "goodbye") >= 0.8) {
    t.say(t.t.goodbye);
    return;
  }
  const words = tokens(text).length;
  const question = intent(p, "knowledge_question") >= 0.4 || text.includes("?");
  if (asked) {
    if (s.flow) s.reprompt = true;
    return;
  }
  if (question || (words >= 3 && !s.flow)) {
    // "Çocuk tıraşı kaç yaşa kadar?": what the business wrote, else the offering's description.
    const named = [...p.services, ...p.products];
    askKnowledge(t, text, {
      about: named.length === 1 ? named[0] : undefined,
      fallback: listAsked ?? (intent(p, "order") >= 0.75 ? "list_products" : undefined),
    });
    if (s.flow) s.reprompt = true;
    return;
  }
  if (s.flow && p.yes && words <= 3) {
    // "tamam" while a detail is asked for: the question again, without "I didn't understand".
    s.reprompt = true;
    return;
  }
  if (s.flow) {
    t.say(t.t.notUnderstoodInFlow);
    s.reprompt = true;
    return;
  }
  t.say(`${t.t.notUnderstood} ${t.t.capabilities(t.offers)}`);
}
