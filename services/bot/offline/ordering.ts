/**
 * The order flow: products and quantities ("2 tane"), a stock check (check_stock), delivery or
 * pick-up with an address, name and phone, payment method, then calculate_total and a summary to
 * confirm before create_order; answers with the order number and the payment link or
 * instructions the tool returned.
 * @module
 */
import type { ToolResult } from "../model.ts";
import { money, phoneText } from "./format.ts";
import type { Line, OrderSlots, PaymentMethod, PostalAddress } from "./state.ts";
import type { Turn } from "./turn.ts";
import type { Parsed } from "./understand.ts";
import { contactQuestion } from "./booking.ts";
import { onTotal, resultOf, shipsOrders } from "./info.ts";
import { tokens } from "./nlu/text.ts";

function lineKey(items: Line[]): string {
  return items.map((i) => `${i.productId}x${i.quantity ?? 0}`).join(",");
}

function totalKey(o: OrderSlots): string {
  return `${lineKey(o.items)}|${o.delivery ?? ""}`;
}

/**
 * Whether a bare quantity ("2 tane olsun", "yok 3 olsun") is about the order: asked for, or a
 * change of a line already in it.
 */
function quantityForOrder(t: Turn, p: Parsed): boolean {
  const s = t.s;
  if (p.quantity === undefined || p.products.length > 0) return false;
  return s.awaiting === "quantity" || s.awaiting === "stock_adjust" ||
    (s.flow === "order" && s.order.items.length > 0);
}

/** Whether the message says anything about the order. */
export function orderInfo(t: Turn, p: Parsed): boolean {
  return Boolean(
    p.products.length || p.delivery || p.payment || p.address || quantityForOrder(t, p) ||
      removesLine(t, p),
  );
}

/** The order's products the message takes out: named, or the one line a word may mean. */
function removedLines(t: Turn, p: Parsed): string[] {
  const held = (id: string) => t.s.order.items.some((i) => i.productId === id);
  const any = p.removedAny.filter(held);
  return [...p.removed.filter(held), ...(any.length === 1 ? any : [])];
}

/** Whether the message takes out a product the order holds. */
function removesLine(t: Turn, p: Parsed): boolean {
  return removedLines(t, p).length > 0;
}

/**
 * Takes the products the message takes out ("kremi çıkarın") off the order, saying so; returns
 * the lines taken out.
 */
function removeLines(t: Turn, p: Parsed): Line[] {
  const o = t.s.order;
  const out: Line[] = [];
  for (const id of removedLines(t, p)) {
    const line = o.items.find((i) => i.productId === id);
    if (!line) continue;
    o.items = o.items.filter((i) => i !== line);
    if (o.short?.productId === id) o.short = undefined;
    out.push(line);
    t.say(t.t.itemRemoved(line.name));
  }
  if (out.length > 0 && o.items.length === 0 && p.products.length === 0) o.emptied = true;
  return out;
}

/** A quantity said for every line: "ikisinden de 2 tane", "hepsinden birer", "2 of each". */
const EVERY_LINE =
  /\b(ikisi(nden)? de|ikisinden|hepsi(nden)?( de)?|her birinden|her ikisinden|both|each|all of them)\b/;

/** A quantity said on top of a line's: "bir tane daha ekleyin", "2 daha", "one more". */
const MORE =
  /\b(tane|adet|kutu|sise|paket|\d+) daha\b|\bdaha (ekle\w*|koy\w*|ilave\w*)\b|\b(one|two|three|four|five|\d+) more\b|\banother one\b/;

/** Sets a line's quantity, saying so when it changes one the customer gave before. */
function setQuantity(t: Turn, line: Line, quantity: number): void {
  if (line.quantity !== undefined && line.quantity !== quantity) {
    t.say(t.t.quantityChanged(line.name, quantity));
  }
  line.quantity = quantity;
}

function addressOf(t: Turn, p: Parsed): void {
  const o = t.s.order;
  const a = p.address;
  if (!a) return;
  const parts = [
    a.neighbourhood,
    a.street,
    a.number ? `No: ${a.number}` : undefined,
    a.unit ? `D: ${a.unit}` : undefined,
  ].filter(Boolean);
  let street = parts.join(" ").replace(/^(adres\w*|address|teslimat adresi)\s*:?\s*/i, "");
  if (!street && t.s.awaiting === "address") {
    const drop = new Set(
      [a.city, a.district, a.postalCode].filter(Boolean).flatMap((w) => tokens(w!)),
    );
    street = a.line.split(/[\s,]+/).filter((w) => !drop.has(tokens(w)[0] ?? "")).join(" ").trim();
  }
  if (street) {
    const base = { street, district: a.district, postal_code: a.postalCode };
    if (a.city) o.address = { ...base, city: a.city } as PostalAddress;
    else o.partialAddress = base;
  } else if (a.city && o.partialAddress) {
    o.address = {
      ...o.partialAddress,
      district: o.partialAddress.district ?? a.district,
      city: a.city,
    };
    o.partialAddress = undefined;
  }
  if (o.address || o.partialAddress) o.delivery = "shipping";
}

/** Puts what the message says into the order's slots. */
export function applyOrder(t: Turn, p: Parsed): void {
  const s = t.s;
  const o = s.order;
  const removed = removeLines(t, p);
  // "Şampuan yerine maske olsun": the one product put in its place takes its quantity.
  const replaced = removed.length === 1 && p.products.length === 1
    ? removed[0]!.quantity
    : undefined;
  for (const id of p.products) {
    const quantity = p.quantities[id] ?? (p.products.length === 1 ? p.quantity : undefined) ??
      replaced;
    const line = o.items.find((i) => i.productId === id);
    if (line) {
      if (quantity) {
        setQuantity(t, line, MORE.test(p.folded) ? (line.quantity ?? 0) + quantity : quantity);
      }
    } else {
      o.items.push({ productId: id, name: t.cat.byId.get(id)!.name, quantity });
    }
  }
  if (quantityForOrder(t, p) && EVERY_LINE.test(p.folded)) {
    for (const line of o.items) setQuantity(t, line, p.quantity!);
    o.short = undefined;
  } else if (quantityForOrder(t, p)) {
    // The line asked about, else the last one named: "yok pardon 2 tane olsun".
    const line = (o.short && o.items.find((i) => i.productId === o.short!.productId)) ??
      o.items.find((i) => !i.quantity) ?? o.items.at(-1);
    const more = MORE.test(p.folded) ? line?.quantity ?? 0 : 0;
    if (line) setQuantity(t, line, more + p.quantity!);
    o.short = undefined;
  }
  if (p.delivery) o.delivery = p.delivery;
  addressOf(t, p);
  if (p.payment) o.payment = p.payment;
}

/**
 * Asked how many, the customer goes on with the delivery, the payment or their details instead:
 * one it is, said so, rather than asking again.
 */
export function takeOneWhenMovingOn(t: Turn, p: Parsed): void {
  const line = t.s.order.items.find((i) => !i.quantity);
  const movesOn = p.delivery || p.payment || p.address || p.name || p.phone;
  if (!line || p.quantity !== undefined || p.products.length > 0 || !movesOn) return;
  line.quantity = 1;
  t.say(t.t.tookOne(line.name));
}

/** Moves the order on: asks for what is missing, or calls the next tool. */
export function advanceOrder(t: Turn): void {
  const s = t.s;
  const o = s.order;
  const c = s.customer;
  s.flow = "order";
  t.acted = true;
  if (o.items.length === 0 && o.emptied) {
    s.order = { items: [] };
    t.endFlow();
    t.say(t.t.anythingElse);
    return;
  }
  if (o.items.length === 0) {
    s.awaiting = "product";
    t.say(t.t.askProduct(t.cat.products.map((x) => x.name)));
    return;
  }
  const missing = o.items.find((i) => !i.quantity);
  if (missing) {
    s.awaiting = "quantity";
    t.say(t.t.askQuantity(missing.name));
    return;
  }
  if (o.stockKey !== lineKey(o.items)) {
    for (const i of o.items) {
      t.call("check_stock", { product_id: i.productId, quantity: i.quantity }, {
        kind: "order_stock",
      });
    }
    return;
  }
  if (!shipsOrders(t) && o.delivery !== "pickup") {
    if (o.delivery === "shipping") t.say(t.t.noShipping);
    o.delivery = "pickup";
    o.address = undefined;
    o.partialAddress = undefined;
  }
  if (o.quote) {
    o.quote = false;
    t.call("calculate_total", {
      items: o.items.map((i) => ({ product_id: i.productId, quantity: i.quantity })),
      delivery: o.delivery ?? "pickup",
    }, { kind: "order_quote" });
    return;
  }
  if (!o.delivery) {
    s.awaiting = "delivery";
    t.say(t.t.askDelivery);
    return;
  }
  if (o.delivery === "shipping" && !o.address) {
    s.awaiting = o.partialAddress ? "city" : "address";
    t.say(o.partialAddress ? t.t.askCity : t.t.askAddress);
    return;
  }
  if (!c.name || !c.phone) {
    s.awaiting = "contact";
    t.say(contactQuestion(t));
    return;
  }
  const options = paymentOptions(t, o.delivery);
  // "Kartla öderim" without online payment: by card when picking up.
  if (o.payment === "card" && !t.b.onlinePayment && o.delivery === "pickup") {
    o.payment = "pay_at_shop";
  }
  const accepted = (m: PaymentMethod) =>
    options.includes(m) ||
    (m === "cash" && options.includes("pay_at_shop") && t.b.acceptsCash !== false);
  if (o.payment && !accepted(o.payment)) {
    t.say(
      t.t.paymentNotAccepted(o.delivery, options.length === 1 ? options[0]! : null, o.payment),
    );
    o.payment = undefined;
  }
  // One way to pay leaves nothing to ask.
  if (!o.payment && options.length === 1) o.payment = options[0];
  if (!o.payment) {
    s.awaiting = "payment";
    t.say(t.t.askPayment(options.map((m) => t.t.paymentOptions[m]!)));
    return;
  }
  if (o.totalKey !== totalKey(o)) {
    t.call("calculate_total", {
      items: o.items.map((i) => ({ product_id: i.productId, quantity: i.quantity })),
      delivery: o.delivery,
    }, { kind: "order_total" });
    return;
  }
  s.awaiting = "confirm_order";
  t.say(summary(t));
}

/** The ways to pay the business takes for a delivery, in the order they are offered. */
function paymentOptions(t: Turn, delivery: "shipping" | "pickup"): PaymentMethod[] {
  return [
    ...(t.b.onlinePayment ? ["card" as const] : []),
    ...(t.b.bankTransfer ? ["bank_transfer" as const] : []),
    ...(delivery === "pickup" ? ["pay_at_shop" as const] : []),
  ];
}

function addressText(a: PostalAddress): string {
  return [a.street, a.district, a.city].filter(Boolean).join(", ");
}

function summary(t: Turn): string {
  const o = t.s.order;
  const c = t.s.customer;
  return t.t.orderSummary({
    lines: o.lines ?? [],
    delivery: o.delivery!,
    shipping: o.shipping ?? 0,
    total: o.total ?? 0,
    payment: t.t.payments[o.payment!]!,
    name: c.name!,
    phone: phoneText(c.phone!),
    address: o.address ? addressText(o.address) : undefined,
  });
}

/** What to ask again when the customer talked about something else meanwhile. */
export function orderReminder(t: Turn): string | null {
  const o = t.s.order;
  switch (t.s.awaiting) {
    case "product":
      return t.t.askProduct(t.cat.products.map((x) => x.name));
    case "quantity":
      return t.t.askQuantity(o.items.find((i) => !i.quantity)?.name ?? "");
    case "stock_adjust":
      return o.short ? t.t.adjustToStock(o.short.name, o.short.available) : null;
    case "delivery":
      return t.t.askDelivery;
    case "address":
      return t.t.askAddress;
    case "city":
      return t.t.askCity;
    case "contact":
      return contactQuestion(t);
    case "payment":
      return t.t.askPayment(
        paymentOptions(t, o.delivery ?? "pickup").map((m) => t.t.paymentOptions[m]!),
      );
    case "confirm_order":
      return summary(t);
    default:
      return null;
  }
}

/** Reads the check_stock results of the order's lines. */
export function onOrderStock(t: Turn, results: ToolResult[]): void {
  const o = t.s.order;
  o.short = undefined;
  for (const r of results) {
    const out = resultOf<{
      product_id: string;
      name: string;
      available: number | null;
      in_stock: boolean;
    }>(t, r);
    if (!out) return;
    if (out.in_stock) continue;
    const available = out.available ?? 0;
    if (available <= 0) {
      o.items = o.items.filter((i) => i.productId !== out.product_id);
      t.say(t.t.removedOutOfStock(out.name));
    } else if (!o.short) {
      o.short = { productId: out.product_id, name: out.name, available };
    }
  }
  if (o.short) {
    t.s.awaiting = "stock_adjust";
    t.say(t.t.adjustToStock(o.short.name, o.short.available));
    return;
  }
  if (o.items.length === 0) {
    t.s.order = { items: [] };
    t.endFlow();
    t.say(t.t.anythingElse);
    return;
  }
  o.stockKey = lineKey(o.items);
  advanceOrder(t);
}

/** The customer answered the "only N in stock" question. */
export function onStockAnswer(t: Turn, p: Parsed): boolean {
  const o = t.s.order;
  if (!o.short) return false;
  const line = o.items.find((i) => i.productId === o.short!.productId);
  if (p.quantity !== undefined) {
    if (line) line.quantity = p.quantity;
  } else if (p.yes) {
    if (line) line.quantity = o.short.available;
    o.stockKey = undefined;
  } else if (p.no) {
    o.items = o.items.filter((i) => i.productId !== o.short!.productId);
  } else return false;
  o.short = undefined;
  if (o.items.length === 0) {
    abortOrder(t);
    return true;
  }
  advanceOrder(t);
  return true;
}

/** Reads calculate_total. */
export function onOrderTotal(t: Turn, r: ToolResult): void {
  const o = t.s.order;
  const out = resultOf<{
    lines: {
      product_id: string;
      name: string;
      quantity: number;
      gross: number;
      in_stock: boolean;
      available: number | null;
    }[];
    shipping: number;
    total: number;
  }>(t, r);
  if (!out) return;
  const short = out.lines.find((l) => !l.in_stock);
  if (short) {
    o.short = { productId: short.product_id, name: short.name, available: short.available ?? 0 };
    t.s.awaiting = "stock_adjust";
    t.say(t.t.adjustToStock(short.name, short.available ?? 0));
    return;
  }
  o.lines = out.lines.map((l) => ({ name: l.name, quantity: l.quantity, gross: l.gross }));
  o.total = out.total;
  o.shipping = out.shipping;
  o.totalKey = totalKey(o);
  t.s.awaiting = "confirm_order";
  t.say(summary(t));
}

/** Reads calculate_total asked for by the customer during the order, and moves the order on. */
export function onOrderQuote(t: Turn, r: ToolResult): void {
  if (onTotal(t, r)) advanceOrder(t);
}

/** Orders: the customer said yes to the summary. */
export function placeOrder(t: Turn): void {
  const o = t.s.order;
  const c = t.s.customer;
  const payment: PaymentMethod = o.payment!;
  t.call("create_order", {
    items: o.items.map((i) => ({ product_id: i.productId, quantity: i.quantity })),
    customer: {
      name: c.name,
      phone: c.phone,
      ...(c.email ? { email: c.email } : {}),
      ...(o.delivery === "shipping" && o.address ? { address: o.address } : {}),
    },
    payment_method: payment,
    delivery: o.delivery,
  }, { kind: "order" });
}

/** Reads create_order. */
export function onOrdered(t: Turn, r: ToolResult): void {
  const s = t.s;
  const o = s.order;
  if (r.error) {
    const code = r.error.code;
    if (code === "insufficient_stock") {
      const d = (r.error.details ?? {}) as { product_id?: string; available?: number };
      const line = o.items.find((i) => i.productId === d.product_id);
      if (line && d.available !== undefined && d.available > 0) {
        o.short = { productId: line.productId, name: line.name, available: d.available };
        s.awaiting = "stock_adjust";
        t.say(t.t.adjustToStock(line.name, d.available));
        return;
      }
      o.stockKey = undefined;
      o.totalKey = undefined;
      advanceOrder(t);
      return;
    }
    if (code === "invalid_phone") {
      t.askPhoneAgain();
      return;
    }
    if (code === "payment_not_accepted") {
      o.payment = undefined;
      advanceOrder(t);
      return;
    }
    if (code === "address_required") {
      o.delivery = "shipping";
      o.address = undefined;
      s.awaiting = "address";
      t.say(t.t.askAddress);
      return;
    }
    t.failAndOfferPerson();
    return;
  }
  const out = r.result as {
    order_number: string;
    total_amount: number;
    payment_link: string | null;
    payment_instructions: string | null;
  };
  s.ordered = [...(s.ordered ?? []), {
    number: out.order_number,
    total: out.total_amount,
    delivery: o.delivery ?? "pickup",
  }];
  t.say(t.t.ordered(out.order_number, money(out.total_amount, t.lang)));
  if (out.payment_link) t.say(t.t.paymentLink(out.payment_link));
  else if (out.payment_instructions) t.say(t.t.paymentInstructions(out.payment_instructions));
  s.order = { items: [] };
  t.endFlow();
}

/** "IBAN nedir?", "iban atar mısınız": the account asked for while ordering. */
export function asksIban(p: Parsed): boolean {
  return /\biban\w*\b/.test(p.folded) &&
    (p.text.includes("?") ||
      /\b(nedir|ne|neydi|nasil|nereye|atar\w*|gonder\w*|paylas\w*|verir\w*|yazar\w*|what|send|share|which)\b/
        .test(p.folded));
}

/** Words that drop the whole order: "vazgeçtim", "almayayım", "never mind". */
const DROPS_ORDER =
  /\b(vazgec\w*|almayayim|almayacagim|almicam|almiyorum|almayalim|siparis\w* iptal\w*|iptal (et|edin|edelim|ediyorum|edecegim)|never ?mind|forget (it|about it)|cancel (the|my) order|don'?t want (it|them|anything) (any ?more|after all))\b/;

/**
 * Whether the message drops the order in progress, whatever else it says of the payment
 * ("kapıda ödeme yoksa almayayım"): no product, quantity, delivery or address of it is changed.
 */
export function dropsOrder(t: Turn, p: Parsed): boolean {
  return t.s.flow === "order" && DROPS_ORDER.test(p.folded) && !p.yes &&
    p.products.length === 0 && p.removed.length === 0 && p.removedAny.length === 0 &&
    p.quantity === undefined &&
    !p.delivery && !p.address;
}

/**
 * "Siparişim ne durumda?": the orders placed in this conversation, as received (no tool tells
 * more), and a person offered for anything beyond that.
 */
export function answerOrderStatus(t: Turn): void {
  const placed = t.s.ordered ?? [];
  const last = placed.at(-1);
  t.say(
    last
      ? t.t.orderReceived(last.number, money(last.total, t.lang), last.delivery)
      : t.t.orderStatusUnknown,
  );
  t.s.proposal = { kind: "handover" };
}

/** Drops the order in progress. */
export function abortOrder(t: Turn): void {
  t.s.order = { items: [] };
  t.endFlow();
  t.say(t.t.orderAborted);
}
