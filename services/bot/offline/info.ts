/**
 * Answers to questions: services and products with prices (list_services, list_products), one
 * offering's price, duration, details and what it includes (get_service_details,
 * get_product_details), stock (check_stock), the cart's total (calculate_total), opening hours,
 * address and contact (from the business), and a person (request_handover); what the business
 * wrote is searched in knowledge.ts.
 * @module
 */
import type { ToolResult } from "../model.ts";
import {
  closedDayName,
  durationText,
  hoursOn,
  hoursText,
  money,
  phoneText,
  weekdayName,
} from "./format.ts";
import { generalServices } from "./catalog.ts";
import { askKnowledge, askPriceNote, subjectWords } from "./knowledge.ts";
import { languageScores } from "./nlu/entities.ts";
import { answerStaffQuestion, isStaffQuestion } from "./staff.ts";
import type { Choice, ProductQuestion } from "./state.ts";
import type { Turn } from "./turn.ts";
import { intent, type Parsed } from "./understand.ts";

/** The kinds of questions answered here. */
export type InfoKind =
  | "hours"
  | "address"
  | "contact"
  | "total"
  | "shipping_fee"
  | "price"
  | "duration"
  | "details"
  | "included"
  | "stock"
  | "list_services"
  | "list_products"
  | "staff";

/** "Adresim …", "my address is …": the customer's own address, not a question about ours. */
const OWN_ADDRESS = /\b(adresim\w*|my (home |delivery |shipping )?address)\b/;

/** Whether a message asks for the business's address. */
export function asksAddress(p: Parsed): boolean {
  return intent(p, "address") >= 0.85 && !p.delivery && !p.address && !OWN_ADDRESS.test(p.folded);
}

/** The question a message asks, if it asks one of those. */
export function infoKind(t: Turn, p: Parsed): InfoKind | null {
  const s = t.s;
  const named = p.services.length + p.products.length + p.ambiguous.length > 0;
  if (intent(p, "hours") >= 0.85) return "hours";
  if (asksAddress(p)) return "address";
  if (
    intent(p, "contact") >= 0.8 && !p.phone && !p.email && s.awaiting !== "contact" &&
    !/\biban\b/.test(p.folded)
  ) {
    return "contact";
  }
  if (intent(p, "total") >= 0.9 && !named) return "total";
  if (SHIPPING_FEE.test(p.folded) && p.products.length === 0) return "shipping_fee";
  const question = intent(p, "knowledge_question") >= 0.4 || p.text.includes("?");
  const price = intent(p, "price") >= 0.6;
  const duration = intent(p, "duration") >= 0.85;
  if (INCLUDED.test(p.folded) && question && !NOT_IN_OFFERING.test(p.folded)) return "included";
  // The details carry the price and the duration too ("how much is it and what brand?", "ne
  // kadar, markası ne?").
  // "Hangi tedavileri yapıyorsunuz, fiyatlar ne kadar?": the list, which gives every price.
  if (intent(p, "list_services") >= 0.9 && !p.date && !p.time) return "list_services";
  const details = intent(p, "product_info") >= 0.8 || productQuestion(t, p) !== null ||
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
  // "Doktorlarınız kimler?", "Murat bey hangi günler çalışıyor?": staff.ts answers.
  if (isStaffQuestion(t, p)) return "staff";
  if (intent(p, "list_products") >= 0.8) return "list_products";
  if (intent(p, "list_services") >= 0.8 || (intent(p, "list_services") >= 0.4 && !named)) {
    return "list_services";
  }
  return null;
}

/** "Kargo ücreti ne kadar?", "how much is shipping?": what delivery costs. */
const SHIPPING_FEE =
  /\b(kargo\w*|gonderim|teslimat|shipping|delivery|postage)\b.{0,25}\b(ucret\w*|ne kadar|kac (lira|tl|para)|kaca|fiyat\w*|tutar\w*|cost\w*|fee|charge\w*|how much|price)\b|\b(how much|what) (is|does|do you charge for) (the )?(shipping|delivery|postage)\b|\b(ucretsiz kargo|kargo bedava|free (shipping|delivery))\b/;

/** "Kesim de dahil mi?", "is blow dry included?": what an offering comes with. */
const INCLUDED = /\b(dahil|haric)\w*|\binclud(e|es|ed|ing)\b|\bcomes? with\b/;

/** Taxes and delivery, which "dahil mi?" may ask about too: the price or the order's total says. */
const NOT_IN_OFFERING = /\b(kdv|vat|tax\w*|vergi\w*|kargo\w*|shipping|delivery|teslimat\w*)\b/;

/** "Fiyata dahil mi?", "does the price include it?": a price named, not asked for. */
const IN_THE_PRICE =
  /\bfiyat\w* (da |de )?dahil|\bdahil\w* (mi|mu)\w* fiyat\w*|\bin the (price|cost)\b|\b(price|cost) includ/;

/** "Boyalı saça uygun mu?", "is it good for sensitive skin?": the description answers. */
const SUITABILITY =
  /\b([a-z]+(a|e)|cilt\w*|sac\w*) uygun\b|\bhangi (cilt|sac) tip\w*|\b(suitable|good|ok|safe) for\b/;

/** Questions about a product itself: its brand, its size, what it suits. */
const BRAND = /\b(marka\w*|brand\w*|made by|who makes)\b/;
const SIZE =
  /\b(kac (ml|cl|lt|litre|gr|gram|kg|mg)|ml|cl|gram\w*|hacm\w*|boyut\w*|buyukluk\w*|ebat\w*|how (big|large|many ml)|size|volume)\b/;
const USAGE =
  /\b(nasil kullan\w*|kullanim\w*|how (do i|to|should i|do you) use|directions for use)\b/;
const SUITS =
  /\b(uygun mu|uyar mi|iyi gelir mi|ise yarar mi|kullanilir mi|kullanabilir miyim|zarar\w* (var )?mi|suitable|good for|ok for|safe for|work for|works for)\b/;

/**
 * What a message asks about a product named in it or talked about just before, when it asks about
 * the product itself: "markası ne", "kaç ml", "boyalı saça uygun mu". Null otherwise.
 */
export function productQuestion(t: Turn, p: Parsed): ProductQuestion | null {
  // A product named wins over a service word in the question ("boyalı saça uygun mu bu şampuan").
  if (p.products.length === 0 && (p.services.length > 0 || t.s.topic?.kind !== "product")) {
    return null;
  }
  if (BRAND.test(p.folded)) return "brand";
  if (SIZE.test(p.folded)) return "size";
  if (USAGE.test(p.folded)) return "usage";
  if (SUITS.test(p.folded)) return "details";
  return null;
}

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
  // "sakal ne kadar" names something else than the topic, if not exactly which.
  if (p.ambiguous.length > 0) return [];
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
        t.say(
          open
            ? t.t.openDay(weekdayName(p.date, t.lang), open.join(", "))
            : t.t.closedDay(closedDayName(b, p.date, t.lang)),
        );
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
      answerStaffQuestion(t, p);
      return;
    case "shipping_fee":
      if (shipsOrders(t)) t.call("get_business_info", {}, { kind: "shipping_fee" });
      else t.say(t.t.noShipping);
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
  const about = included ? [included] : kind === "included" ? [] : targets(t, p);
  // "Markası ne?", "kaç ml?": a question about a product itself is about the products named.
  const ids = productQuestion(t, p) === null || included
    ? about
    : about.filter((id) => t.cat.byId.get(id)?.kind === "product");
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
  const quote = kind === "included" ? { quote: true } : {};
  for (const id of ids.slice(0, 3)) {
    const o = t.cat.byId.get(id)!;
    if (kind === "price" && ids.length === 1) askPriceNote(t, p.text, o);
    if (o.kind === "service") {
      const question = asked === "duration" || asked === "price" || asked === "included"
        ? asked
        : "details";
      t.call("get_service_details", { service_id: id }, {
        kind: "service_info",
        question,
        ...quote,
      });
    } else if (kind === "stock") {
      const quantity = p.quantities[id] ?? p.quantity;
      t.call("check_stock", { product_id: id, ...(quantity ? { quantity } : {}) }, {
        kind: "stock",
        quantity,
      });
    } else {
      t.call("get_product_details", { product_id: id }, {
        kind: "product_info",
        question: asked === "price" || asked === "included"
          ? asked
          : intent(p, "price") >= 0.6
          ? "details"
          : productQuestion(t, p) ?? "details",
        ...quote,
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
  quote = false,
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
    // "Does it include a wash?" is answered by the description, in whatever language it is.
    const description = foreign(t, out.description) && !quote ? null : out.description;
    t.say(t.t.serviceDetails(out.name, description, price, duration, out.staff.map((x) => x.name)));
    if (description !== out.description) t.say(t.t.onlyInOtherLanguage);
  }
  if (last) propose(t, { kind: "booking", serviceId: out.id }, t.t.proposeBooking(out.name));
}

/** What an offering includes, as its description says. */
function includes(t: Turn, name: string, description: string | null): string {
  return description ? t.t.includes(name, description) : t.t.knowledgeMissing;
}

/** Whether a text of the business (a description) is written in the other language. */
function foreign(t: Turn, text: string | null): boolean {
  if (!text) return false;
  const scores = languageScores(text);
  return t.lang === "en" ? scores.tr > scores.en : scores.en > scores.tr;
}

/** A size written in a product's name or description: "250 ml", "50 gr". */
function sizeOf(...texts: (string | null)[]): string | null {
  for (const text of texts) {
    const m = /(\d+(?:[.,]\d+)?)\s?(ml|cl|lt|l|gr|g|kg|mg|oz)\b/i.exec(text ?? "");
    if (m) return `${m[1]} ${m[2]!.toLowerCase()}`;
  }
  return null;
}

/** Reads get_product_details. */
export function onProductInfo(
  t: Turn,
  question: ProductQuestion,
  r: ToolResult,
  last: boolean,
  quote = false,
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
  const size = sizeOf(out.name, out.description);
  // A description the business wrote only in the other language is left out, and said so.
  const description = foreign(t, out.description) && !quote ? null : out.description;
  const untranslated = description !== out.description || foreign(t, out.usage);
  if (question === "included") t.say(includes(t, out.name, out.description));
  else if (question === "price") {
    if (!t.noted.has(out.id)) t.say(t.t.productPrice(out.name, price));
  } else if (question === "brand" && out.brand) t.say(t.t.productBrand(out.name, out.brand));
  else if (question === "size" && size) t.say(t.t.productSize(out.name, size));
  else {
    t.say(t.t.productDetails({
      name: out.name,
      description,
      price,
      brand: out.brand,
      usage: foreign(t, out.usage) ? null : out.usage,
      inStock: out.in_stock,
    }));
    // Asked how to use it, the customer gets the instructions as written, said to be so.
    if (question === "usage" && out.usage && foreign(t, out.usage)) {
      t.say(t.t.usageInOtherLanguage(out.usage));
    } else if (untranslated) t.say(t.t.onlyInOtherLanguage);
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
  if (out.services.length === 0) {
    t.say(t.t.noBookings(t.offers));
    return;
  }
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
  if (out.products.length === 0) {
    t.say(t.t.noOrders(t.offers));
    return;
  }
  t.say(
    t.t.productsList(
      out.products.map((x) => t.t.productLine(x.name, money(x.price, t.lang), x.in_stock)),
    ),
  );
}

/** Whether orders can be shipped: the business ships, and a shipped order can be paid. */
export function shipsOrders(t: Turn): boolean {
  return t.b.ships && (t.b.onlinePayment || t.b.bankTransfer);
}

/** A total as said to the customer, with shipping as far as the delivery is known. */
function cartTotalText(
  t: Turn,
  out: {
    lines: { name: string; quantity: number; gross: number }[];
    shipping: number;
    total: number;
  },
  delivery: "shipping" | "pickup" | undefined,
): string {
  return t.t.cartTotal(
    out.lines.map((l) => `${l.quantity} × ${l.name} (${money(l.gross, t.lang)})`),
    money(out.total, t.lang),
    delivery ?? (shipsOrders(t) ? null : "pickup"),
    out.shipping > 0 ? money(out.shipping, t.lang) : null,
  );
}

/** Reads get_business_info asked for the shipping fee: the fee, when it is free, and pick-up. */
export function onShippingFee(t: Turn, r: ToolResult): void {
  const out = resultOf<{ shipping: { flat_cost: number; free_threshold: number | null } }>(t, r);
  if (!out) return;
  const { flat_cost, free_threshold } = out.shipping;
  t.say(t.t.shippingFee(
    flat_cost > 0 ? money(flat_cost, t.lang) : null,
    free_threshold !== null && flat_cost > 0 ? money(free_threshold, t.lang) : null,
    t.b.address,
  ));
}

/** Reads calculate_total asked as a question; false when the tool failed (and that was said). */
export function onTotal(t: Turn, r: ToolResult): boolean {
  const out = resultOf<{
    lines: { name: string; quantity: number; gross: number }[];
    shipping: number;
    total: number;
  }>(t, r);
  if (!out) return false;
  t.say(cartTotalText(t, out, t.s.order.delivery));
  return true;
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
export function handover(t: Turn, reason: string, text?: string): void {
  t.call("request_handover", { reason: reason.trim().slice(0, 200) || "customer request" }, {
    kind: "handover",
  });
  t.say(text ?? t.t.handoverDone);
  t.speakNow = true;
  t.endFlow();
}

/** Reads request_handover (only reached when it failed: a handover ends the turn). */
export function onHandover(t: Turn, r: ToolResult): void {
  if (r.error) t.say(t.t.handoverFailed);
}
