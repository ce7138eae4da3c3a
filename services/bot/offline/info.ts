/**
 * Answers to questions: services and products with prices (list_services, list_products), one
 * offering's price, duration, details and what it includes (get_service_details,
 * get_product_details), stock (check_stock), the cart's total (calculate_total), opening hours,
 * address and contact (from the business), and a person (request_handover); what the business
 * wrote is searched in knowledge.ts.
 * @module
 */
import type { ToolResult } from "../model.ts";
import { durationText, hoursOn, hoursText, money, phoneText, weekdayName } from "./format.ts";
import { generalServices } from "./catalog.ts";
import { askKnowledge, askPriceNote, subjectWords } from "./knowledge.ts";
import type { Choice } from "./state.ts";
import type { Turn } from "./turn.ts";
import { intent, type Parsed } from "./understand.ts";

/** The kinds of questions answered here. */
export type InfoKind =
  | "hours"
  | "address"
  | "contact"
  | "total"
  | "price"
  | "duration"
  | "details"
  | "included"
  | "stock"
  | "list_services"
  | "list_products"
  | "staff";

/** The question a message asks, if it asks one of those. */
export function infoKind(t: Turn, p: Parsed): InfoKind | null {
  const s = t.s;
  const named = p.services.length + p.products.length + p.ambiguous.length > 0;
  if (intent(p, "hours") >= 0.85) return "hours";
  if (intent(p, "address") >= 0.85 && !p.delivery && !p.address) return "address";
  if (
    intent(p, "contact") >= 0.8 && !p.phone && !p.email && s.awaiting !== "contact" &&
    !/\biban\b/.test(p.folded)
  ) {
    return "contact";
  }
  if (intent(p, "total") >= 0.9 && !named) return "total";
  const question = intent(p, "knowledge_question") >= 0.4 || p.text.includes("?");
  const price = intent(p, "price") >= 0.6;
  const duration = intent(p, "duration") >= 0.85;
  if (INCLUDED.test(p.folded) && question && !NOT_IN_OFFERING.test(p.folded)) return "included";
  // The details carry the price and the duration too ("how much is it and what brand?").
  const details = intent(p, "product_info") >= 0.8 ||
    (SUITABILITY.test(p.folded) && named && !p.date && !p.time && !p.part);
  if (details && (price || duration)) return "details";
  if (price && duration) return "price";
  if (duration) return "duration";
  if (price) return "price";
  if (details) return "details";
  const products = p.products.length > 0 ||
    p.ambiguous.some((id) => t.cat.byId.get(id)?.kind === "product");
  if (
    p.services.length === 0 &&
    (intent(p, "stock") >= 0.85 || (intent(p, "stock") >= 0.45 && products))
  ) {
    return "stock";
  }
  if (STAFF_QUESTION.test(p.folded) && !p.staffId) return "staff";
  if (intent(p, "list_products") >= 0.8) return "list_products";
  if (intent(p, "list_services") >= 0.8 || (intent(p, "list_services") >= 0.4 && !named)) {
    return "list_services";
  }
  return null;
}

/** "Kesim de dahil mi?", "is blow dry included?": what an offering comes with. */
const INCLUDED = /\b(dahil|haric)\w*|\binclud(e|es|ed|ing)\b|\bcomes? with\b/;

const TEAM =
  "(doktor|hekim|uzman|usta|berber|kuafor|calisan|personel|ekip|kadro|staff|team|dentist|doctor|stylist|barber|hairdresser|therapist|specialist)";

/** "Doktorlarınız kimler?", "who is the dentist?": the team, by name. */
const STAFF_QUESTION = new RegExp(
  `\\b(kim|kimler|kimdir|who)\\b.{0,30}\\b${TEAM}|\\b${TEAM}\\w* (kim|kimler|kimdir|who)\\b`,
);

/** Taxes and delivery, which "dahil mi?" may ask about too: the price or the order's total says. */
const NOT_IN_OFFERING = /\b(kdv|vat|tax\w*|vergi\w*|kargo\w*|shipping|delivery|teslimat\w*)\b/;

/** "Fiyata dahil mi?", "does the price include it?": a price named, not asked for. */
const IN_THE_PRICE =
  /\bfiyat\w* (da |de )?dahil|\bdahil\w* (mi|mu)\w* fiyat\w*|\bin the (price|cost)\b|\b(price|cost) includ/;

/** "Boyalı saça uygun mu?", "is it good for sensitive skin?": the description answers. */
const SUITABILITY =
  /\b([a-z]+(a|e)|cilt\w*|sac\w*) uygun\b|\bhangi (cilt|sac) tip\w*|\b(suitable|good|ok|safe) for\b/;

/**
 * Asks the customer which of a few offerings they mean. A word three services or more share is
 * the trade's general word ("diş"): the business's general service (a checkup) comes first.
 */
export function askChoice(t: Turn, ids: string[], choice: Omit<Choice, "ids" | "kind">): void {
  const kind = t.cat.byId.get(ids[0]!)?.kind ?? "service";
  if (kind === "service" && ids.length >= 3) {
    ids = [...generalServices(t.cat).filter((id) => !ids.includes(id)), ...ids];
  }
  t.s.choice = { ...choice, kind, ids };
  t.s.awaiting = "choice";
  t.say(t.t.askWhich(ids.map((id) => t.cat.byId.get(id)!.name)));
}

/** The offerings a question is about: named, or the one talked about before. */
function targets(t: Turn, p: Parsed): string[] {
  // "Boyalı saça uygun mu bu şampuan?": the hair it is for names no service.
  const suitable = SUITABILITY.test(p.folded) && p.products.length > 0;
  const named = suitable ? p.products : [...p.services, ...p.products];
  if (named.length > 0) return named;
  const s = t.s;
  if (s.topic) return [s.topic.id];
  if (s.flow === "booking" && s.booking.serviceId) return [s.booking.serviceId];
  if (s.flow === "order" && s.order.items.length > 0) return s.order.items.map((i) => i.productId);
  return [];
}

/**
 * The offering an "is it included?" question is about: the one talked about, unless the message
 * names another and no second one ("is blow dry included?" after the haircut is about the haircut).
 */
function includedIn(t: Turn, p: Parsed): string | undefined {
  const named = [...p.services, ...p.products];
  const s = t.s;
  const current = s.topic?.id ??
    (s.flow === "booking" ? s.booking.serviceId : s.order.items[0]?.productId);
  if (current && (named.length < 2 || named.includes(current))) return current;
  return named[0];
}

/** Answers (or calls the tool for) a question. */
export function answerInfo(t: Turn, kind: InfoKind, p: Parsed): void {
  const s = t.s;
  const b = t.b;
  switch (kind) {
    case "hours": {
      if (p.date) {
        const open = hoursOn(b, p.date);
        const day = weekdayName(p.date, t.lang);
        t.say(open ? t.t.openDay(day, open.join(", ")) : t.t.closedDay(day));
      } else t.say(t.t.hours(hoursText(b.hours, t.lang)));
      return;
    }
    case "address":
      t.say(b.address ? t.t.address(b.address) : t.t.noAddress);
      return;
    case "contact":
      t.say(t.t.contact(b.phone ? phoneText(b.phone) : null, b.email, b.website));
      return;
    case "list_services":
      t.call("list_services", {}, { kind: "list_services" });
      return;
    case "list_products":
      t.call("list_products", {}, { kind: "list_products" });
      return;
    case "staff":
      t.say(b.staff.length ? t.t.team(b.staff.map((x) => x.name)) : t.t.knowledgeMissing);
      return;
    case "total": {
      const items = s.order.items.filter((i) => i.quantity);
      if (items.length === 0) {
        t.say(t.t.emptyCart);
        return;
      }
      t.call("calculate_total", {
        items: items.map((i) => ({ product_id: i.productId, quantity: i.quantity })),
        delivery: s.order.delivery ?? "pickup",
      }, { kind: "total_info" });
      return;
    }
  }
  const included = kind === "included" ? includedIn(t, p) : undefined;
  const ids = included ? [included] : kind === "included" ? [] : targets(t, p);
  if (ids.length === 0) {
    if (p.ambiguous.length > 0) {
      askChoice(t, p.ambiguous, { purpose: "info", question: kind });
      return;
    }
    if (kind === "stock") t.call("list_products", {}, { kind: "list_products" });
    // "Hediye çeki ne kadarlık?": something the catalog does not sell, maybe in the business's texts.
    else if (kind === "included" || subjectWords(p.text).length > 0) {
      askKnowledge(t, p.text, kind === "included" ? {} : { fallback: "list_services" });
    } else t.call("list_services", {}, { kind: "list_services", prices: true });
    return;
  }
  // "How much is it, and does it include polish?": the details say both.
  const alsoAsked = (intent(p, "price") >= 0.6 && !IN_THE_PRICE.test(p.folded)) ||
    intent(p, "duration") >= 0.85;
  const asked = kind === "included" && alsoAsked ? "details" : kind;
  for (const id of ids.slice(0, 3)) {
    const o = t.cat.byId.get(id)!;
    if (kind === "price" && ids.length === 1) askPriceNote(t, p.text, o);
    if (o.kind === "service") {
      const question = asked === "duration" || asked === "price" || asked === "included"
        ? asked
        : "details";
      t.call("get_service_details", { service_id: id }, { kind: "service_info", question });
    } else if (kind === "stock") {
      const quantity = p.quantities[id] ?? p.quantity;
      t.call("check_stock", { product_id: id, ...(quantity ? { quantity } : {}) }, {
        kind: "stock",
        quantity,
      });
    } else {
      t.call("get_product_details", { product_id: id }, {
        kind: "product_info",
        question: asked === "price" || asked === "included" ? asked : "details",
      });
    }
  }
  if (ids.length === 1) {
    const o = t.cat.byId.get(ids[0]!)!;
    s.topic = { kind: o.kind, id: o.id, name: o.name };
  }
}

/** Offers the next step after an answer about one offering, unless a flow is going on. */
function propose(t: Turn, proposal: NonNullable<Turn["s"]["proposal"]>, text: string): void {
  if (t.s.flow) return;
  t.s.proposal = proposal;
  t.say(text);
}

/** A tool's result as `T`, or undefined after telling the customer that the tool failed. */
export function resultOf<T>(t: Turn, r: ToolResult): T | undefined {
  if (r.error) {
    t.say(t.t.toolFailed);
    return undefined;
  }
  return r.result as T;
}

/** Reads get_service_details. */
export function onServiceInfo(
  t: Turn,
  question: "price" | "duration" | "details" | "included",
  r: ToolResult,
  last: boolean,
): void {
  const out = resultOf<{
    id: string;
    name: string;
    description: string | null;
    price: number;
    duration_minutes: number;
    staff: { name: string }[];
  }>(t, r);
  if (!out) return;
  const price = money(out.price, t.lang);
  const duration = durationText(out.duration_minutes, t.lang);
  if (question === "included") t.say(includes(t, out.name, out.description));
  else if (question === "price") {
    if (!t.noted.has(out.id)) t.say(t.t.servicePrice(out.name, price, duration));
  } else if (question === "duration") t.say(t.t.serviceDuration(out.name, duration));
  else {
    t.say(
      t.t.serviceDetails(out.name, out.description, price, duration, out.staff.map((x) => x.name)),
    );
  }
  if (last) propose(t, { kind: "booking", serviceId: out.id }, t.t.proposeBooking(out.name));
}

/** What an offering includes, as its description says. */
function includes(t: Turn, name: string, description: string | null): string {
  return description ? t.t.includes(name, description) : t.t.knowledgeMissing;
}

/** Reads get_product_details. */
export function onProductInfo(
  t: Turn,
  question: "price" | "details" | "included",
  r: ToolResult,
  last: boolean,
): void {
  const out = resultOf<{
    id: string;
    name: string;
    description: string | null;
    price: number;
    brand: string | null;
    usage: string | null;
    in_stock: boolean;
  }>(t, r);
  if (!out) return;
  const price = money(out.price, t.lang);
  if (question === "included") t.say(includes(t, out.name, out.description));
  else if (question === "price") {
    if (!t.noted.has(out.id)) t.say(t.t.productPrice(out.name, price));
  } else {
    t.say(t.t.productDetails({
      name: out.name,
      description: out.description,
      price,
      brand: out.brand,
      usage: out.usage,
      inStock: out.in_stock,
    }));
  }
  if (last && out.in_stock) {
    propose(t, { kind: "order", productId: out.id }, t.t.proposeOrder(out.name));
  }
}

/** Reads check_stock asked as a question. */
export function onStock(t: Turn, quantity: number | undefined, r: ToolResult, last: boolean): void {
  const out = resultOf<{
    product_id: string;
    name: string;
    available: number | null;
    in_stock: boolean;
  }>(t, r);
  if (!out) return;
  if (!out.in_stock) {
    t.say(
      out.available && out.available > 0
        ? t.t.notEnoughStock(out.name, out.available)
        : t.t.outOfStock(out.name),
    );
    return;
  }
  t.say(quantity ? t.t.inStockQuantity(out.name, quantity) : t.t.inStock(out.name, out.available));
  if (last) {
    propose(
      t,
      { kind: "order", productId: out.product_id, quantity },
      t.t.proposeOrder(out.name),
    );
  }
}

/** Reads list_services. */
export function onServices(t: Turn, r: ToolResult): void {
  const out = resultOf<{ services: { name: string; price: number; duration_minutes: number }[] }>(
    t,
    r,
  );
  if (!out) return;
  t.say(
    t.t.servicesList(
      out.services.map((x) =>
        t.t.serviceLine(x.name, money(x.price, t.lang), durationText(x.duration_minutes, t.lang))
      ),
    ),
  );
}

/** Reads list_products. */
export function onProducts(t: Turn, r: ToolResult): void {
  const out = resultOf<{ products: { name: string; price: number; in_stock: boolean }[] }>(t, r);
  if (!out) return;
  t.say(
    t.t.productsList(
      out.products.map((x) => t.t.productLine(x.name, money(x.price, t.lang), x.in_stock)),
    ),
  );
}

/** Reads calculate_total asked as a question. */
export function onTotal(t: Turn, r: ToolResult): void {
  const out = resultOf<{
    lines: { name: string; quantity: number; gross: number }[];
    shipping: number;
    total: number;
  }>(t, r);
  if (!out) return;
  t.say(t.t.cartTotal(
    out.lines.map((l) => `${l.quantity} × ${l.name} (${money(l.gross, t.lang)})`),
    money(out.total, t.lang),
    money(out.shipping, t.lang),
  ));
}

/** A trade's people ("dişçiye gitmem lazım yarın" asks for an appointment). */
export const TRADE_PERSON =
  /\b(doktor|doctor|hekim|disci|dentist|uzman|specialist|berber|barber|kuafor|hairdresser|terzi|tailor|veteriner|vet|fizyoterapist|physio\w*|diyetisyen|dietitian|psikolog|psychologist|estetisyen|beautician|masoz)\w*/;

const TALK = /\b(gorus|konus|talk|speak)\w*/;
const NAMED_PERSON =
  /\b(?!bir\b)[a-z]+ (abi|abla|bey|hanim|hoca|usta)\w*|\b[a-z]+(abi|abla)(y?la|y?le)\b|\b(mr|mrs|ms|miss|dr) [a-z]+/;
const ROLE =
  /\b(doktor|doctor|hekim|uzman|specialist|berber|barber|kuafor|stylist|hairdresser|terapist|therapist|fizyoterapist|physio\w*|veteriner|vet|avukat|lawyer|danisman|consultant|diyetisyen|dietitian|psikolog|psychologist|hemsire|nurse|estetisyen|beautician|usta)\w*/;

/**
 * Whom the customer asks to talk to, without asking for an appointment: a person by name
 * ("Ali abiyle konuşmak istiyorum", a staff member), someone of the trade ("bir doktorla
 * görüşmek istiyorum"), or nobody.
 */
export function personAsked(p: Parsed): "named" | "role" | null {
  if (!TALK.test(p.folded) || intent(p, "goodbye") >= 0.8 || intent(p, "book") >= 0.55) return null;
  if (p.date || p.time || p.part || p.services.length > 0) return null;
  if (p.staffId || NAMED_PERSON.test(p.folded)) return "named";
  return ROLE.test(p.folded) ? "role" : null;
}

/**
 * Hands the conversation to a person. The engine ends the turn once the handover succeeded, so
 * the reply goes out with the call.
 */
export function handover(t: Turn, reason: string): void {
  t.call("request_handover", { reason: reason.trim().slice(0, 200) || "customer request" }, {
    kind: "handover",
  });
  t.say(t.t.handoverDone);
  t.speakNow = true;
  t.endFlow();
}

/** Reads request_handover (only reached when it failed: a handover ends the turn). */
export function onHandover(t: Turn, r: ToolResult): void {
  if (r.error) t.say(t.t.handoverFailed);
}
