/**
 * The offline assistant's memory of a conversation: the flow in progress (booking, order,
 * cancellation), its filled slots, what it is waiting for, and which tool calls of the current turn
 * are for what. The engine stores it in `conversations.state` after every round.
 * @module
 */
import type { Lang } from "./format.ts";

/** A free time as a tool returned it. */
export interface Offer {
  date: string;
  time: string;
  /** Ids of the staff free then (from the tool). */
  staff: string[];
}

/** Slots of a booking. */
export interface BookingSlots {
  serviceId?: string;
  serviceName?: string;
  date?: string;
  time?: string;
  /** A part of the day asked for instead of a time. */
  part?: "morning" | "afternoon" | "evening";
  /** The earliest time within the part ("akşamüstü" starts at 16:00). */
  partFrom?: string;
  partTo?: string;
  staffId?: string;
  staffName?: string;
  /** The customer said any staff member will do. */
  anyStaff?: boolean;
  /** Free times the assistant offered last, all from one tool result. */
  offers?: Offer[];
  /** Every free time of the last tool result, "YYYY-MM-DD HH:MM". */
  free?: string[];
  /** Service and staff the offers were for. */
  offersKey?: string;
  /** The day and part of the day the offers answer. */
  offersQuery?: string;
  /** The customer wants the earliest free time (of `date`, or of the coming days). */
  earliest?: boolean;
  /** The customer asked for the weekend, no single day. */
  weekend?: boolean;
  /** A booking for several people, one appointment each: how many, and which one this is. */
  party?: Party;
  /** Another service the customer asked for, to book after this one. */
  next?: string;
  /** The time held for the customer (hold_slot succeeded). */
  held?: { date: string; time: string; key: string; staffName?: string };
  /** The appointment this booking replaces: cancelled once this one is booked. */
  replaces?: Moving;
  price?: number;
  duration?: number;
}

/** People booked together: `person` (from 1) of `size`. */
export interface Party {
  size: number;
  person: number;
}

/** The booking the conversation made. */
export interface Booked {
  code: string;
  phone: string;
  service: string;
  date: string;
  time: string;
  staff?: string | null;
}

/** One line of an order. */
export interface Line {
  productId: string;
  name: string;
  quantity?: number;
}

/** A delivery address in the tool's shape. */
export interface PostalAddress {
  street: string;
  district?: string;
  city: string;
  postal_code?: string;
}

/** The payment methods create_order takes. */
export type PaymentMethod = "card" | "bank_transfer" | "cash" | "pay_at_shop";

/** Slots of an order. */
export interface OrderSlots {
  items: Line[];
  delivery?: "shipping" | "pickup";
  address?: PostalAddress;
  /** A street without a city: the city is asked for. */
  partialAddress?: { street: string; district?: string; postal_code?: string };
  payment?: PaymentMethod;
  /** The items and delivery the last stock check passed for. */
  stockKey?: string;
  /** A line whose quantity is above stock: how many there are. */
  short?: { productId: string; name: string; available: number };
  /** The customer asked what the items come to: the total is said once the lines are known. */
  quote?: boolean;
  /** The total of calculate_total for `totalKey`. */
  total?: number;
  shipping?: number;
  totalKey?: string;
  /** The priced lines of calculate_total. */
  lines?: { name: string; quantity: number; gross: number }[];
  /** The customer took out every line: the order ends rather than asking for a product. */
  emptied?: boolean;
}

/** An order create_order placed. */
export interface PlacedOrder {
  number: string;
  total: number;
  delivery: "shipping" | "pickup";
}

/** Slots of a cancellation. */
export interface CancelSlots {
  code?: string;
  phone?: string;
  /** The appointment find_appointment returned for code and phone. */
  found?: { code: string; service: string; date: string; time: string; status: string };
  /** The code and phone find_appointment found nothing for ("CODE|phone"). */
  tried?: string;
  failures: number;
  /** The appointment is looked up to move it to another time, not to cancel it. */
  move?: boolean;
  /** The customer asked for the moved appointment's time on the new day ("aynı saat"). */
  sameTime?: boolean;
}

/** An appointment being moved: the new one is booked first, then this one is cancelled. */
export interface Moving {
  code: string;
  phone: string;
  service: string;
  date: string;
  time: string;
}

/**
 * What a customer asks about a product: its price, all its details, whether something is included,
 * its brand, size or use.
 */
export type ProductQuestion = "price" | "details" | "included" | "brand" | "size" | "usage";

/** What a tool call of this turn is for. */
export type Purpose =
  /**
   * `quote`: what the offering includes was asked along with its price, so its description is
   * said even when written only in the other language.
   */
  | {
    kind: "service_info";
    question: "price" | "duration" | "details" | "included";
    quote?: boolean;
  }
  | { kind: "product_info"; question: ProductQuestion; quote?: boolean }
  | { kind: "list_services"; prices?: boolean }
  | { kind: "list_products" }
  | { kind: "stock"; quantity?: number }
  /**
   * A search for a question; when it finds nothing, `about` (an offering's id) is answered from
   * its details, or `fallback` lists what is offered.
   */
  | {
    kind: "knowledge";
    query: string;
    fallback?: "list_services" | "list_products";
    about?: string;
  }
  /** A search for what the business wrote about an offering's price in a case ("çocuklara"). */
  | { kind: "price_note"; query: string; id: string }
  | { kind: "handover" }
  | {
    kind: "avail";
    want?: string;
    widened?: boolean;
    wholeDay?: boolean;
    earliest?: boolean;
    weekend?: boolean;
  }
  | { kind: "hold" }
  | { kind: "book" }
  | { kind: "find" }
  | { kind: "cancel" }
  | { kind: "move_cancel"; code: string }
  | { kind: "order_stock" }
  | { kind: "order_total" }
  | { kind: "order_quote" }
  | { kind: "order" }
  | { kind: "total_info" }
  | { kind: "shipping_fee" };

/** The things the assistant can be waiting for. */
export type Awaiting =
  | "service"
  | "date"
  | "time"
  | "contact"
  | "confirm_booking"
  | "product"
  | "quantity"
  | "stock_adjust"
  | "delivery"
  | "address"
  | "city"
  | "payment"
  | "confirm_order"
  | "cancel_details"
  | "confirm_cancel"
  | "choice";

/** A choice the assistant asked the customer to make between offerings. */
export interface Choice {
  kind: "service" | "product";
  ids: string[];
  /** What the choice was for. */
  purpose: "booking" | "order" | "info";
  question?: "price" | "duration" | "details" | "included" | "stock";
  /** A quantity given with the ambiguous product ("2 tane krem"). */
  quantity?: number;
}

/** Something the assistant offered to do next, which a plain "yes" accepts. */
export type Proposal =
  /** `reason` tells the person what the customer needs; `text` is said instead of the usual. */
  | { kind: "handover"; reason?: string; text?: string }
  /** `time` and `party`: the next person of a party, at the same time if free. */
  | { kind: "booking"; serviceId: string; date?: string; time?: string; party?: Party }
  | { kind: "order"; productId: string; quantity?: number };

/** The whole memory. */
export interface State {
  v: 1;
  lang: Lang;
  /** Customer messages seen. */
  turns: number;
  flow?: "booking" | "order" | "cancel";
  awaiting?: Awaiting;
  booking: BookingSlots;
  booked: Booked[];
  order: OrderSlots;
  /** Orders placed in this conversation, for "siparişim ne durumda?". */
  ordered?: PlacedOrder[];
  cancel: CancelSlots;
  customer: { name?: string; phone?: string; email?: string };
  /** The offering last talked about, for "fiyatı ne kadar?". */
  topic?: { kind: "service" | "product"; id: string; name: string };
  choice?: Choice;
  proposal?: Proposal;
  /** Tool calls of this turn by id. */
  pending: Record<string, Purpose>;
  /** Text of earlier rounds of this turn, sent with the last round. */
  carry: string[];
  /** Whether the reply should end by asking again for what the flow waits for. */
  reprompt?: boolean;
  /** The flow's sentences of this turn, said after the answers to the customer's questions. */
  trail?: string[];
  /** The words of the last question the business's texts answered, for a follow-up. */
  asked?: string[];
  /** Offerings whose price the business's texts qualify ("half price for children"). */
  qualified?: string[];
  /** Counter for tool call ids. */
  seq: number;
}

// A fresh memory.
function freshState(lang: Lang): State {
  return {
    v: 1,
    lang,
    turns: 0,
    booking: {},
    booked: [],
    order: { items: [] },
    cancel: { failures: 0 },
    customer: {},
    pending: {},
    carry: [],
    seq: 0,
  };
}

/** Reads the stored memory; anything else starts fresh. */
export function loadState(raw: Record<string, unknown>, locale: Lang): State {
  if (!raw || raw.v !== 1 || typeof raw.lang !== "string") return freshState(locale);
  const s = structuredClone(raw) as unknown as State;
  const fresh = freshState(locale);
  return { ...fresh, ...s, order: { ...fresh.order, ...s.order } };
}

/** The booking's service and staff, to tell whether offers or a hold still apply. */
export function bookingKey(b: BookingSlots): string {
  return `${b.serviceId ?? ""}|${b.staffId ?? ""}`;
}
