/**
 * The booking flow: fills service, day, time (or part of the day), staff preference, name and
 * phone in any order; checks free times with check_availability and offers only the times it
 * returned; holds the chosen one (hold_slot); repeats the details and asks for confirmation before
 * create_appointment; answers with the confirmation code the tool returned.
 * @module
 */
import type { ToolResult } from "../model.ts";
import { addDays, isoWeekday, minutesOf } from "../../time.ts";
import { closedDayName, hoursOn, money, partForTime, phoneText, weekdayName } from "./format.ts";
import { offDayNote } from "./staff.ts";
import { bookingKey, type BookingSlots, type Offer, type Purpose } from "./state.ts";
import type { Turn } from "./turn.ts";
import type { Parsed } from "./understand.ts";

interface SlotOut {
  date: string;
  time: string;
  staff?: { id: string; name: string }[];
  staff_ids?: string[];
}

interface AvailabilityOut {
  service: { id: string; name: string; price: number; duration_minutes: number };
  slots: SlotOut[];
  more: boolean;
}

function toOffer(s: SlotOut): Offer {
  return { date: s.date, time: s.time, staff: s.staff?.map((x) => x.id) ?? s.staff_ids ?? [] };
}

/** Up to `n` times spread over the list, whole hours first. */
export function spread<T extends { date: string; time: string }>(slots: T[], n = 5): T[] {
  if (slots.length <= n) return slots;
  const evenly = (list: T[], k: number): T[] => {
    if (k <= 0) return [];
    if (list.length <= k) return list;
    if (k === 1) return [list[Math.floor((list.length - 1) / 2)]!];
    const picked = new Set<T>();
    for (let i = 0; i < k; i++) picked.add(list[Math.round(i * (list.length - 1) / (k - 1))]!);
    return [...picked];
  };
  const whole = slots.filter((s) => s.time.endsWith(":00"));
  if (whole.length >= n) return evenly(whole, n);
  const halves = slots.filter((s) => s.time.endsWith(":30"));
  const others = slots.filter((s) => !s.time.endsWith(":00") && !s.time.endsWith(":30"));
  const chosen = new Set([
    ...whole,
    ...evenly(halves.length > 0 ? halves : others, n - whole.length),
  ]);
  const rest = others.filter((s) => !chosen.has(s));
  for (const s of evenly(rest, n - chosen.size)) chosen.add(s);
  return [...chosen].sort((a, b) => a.date.localeCompare(b.date) || a.time.localeCompare(b.time));
}

/** The `n` times closest to `want`, in time order. */
export function nearest<T extends { time: string }>(slots: T[], want: string, n = 3): T[] {
  const w = minutesOf(want);
  return [...slots]
    .sort((a, b) =>
      Math.abs(minutesOf(a.time) - w) - Math.abs(minutesOf(b.time) - w) ||
      a.time.localeCompare(b.time)
    )
    .slice(0, n)
    .sort((a, b) => a.time.localeCompare(b.time));
}

/** Whether the message says anything about the booking. */
export function bookingInfo(t: Turn, p: Parsed): boolean {
  const offers = t.s.booking.offers ?? [];
  return Boolean(
    p.services.length || p.date || p.time || p.part || p.staffId || p.anyStaff || p.earliest ||
      p.weekend ||
      (t.s.awaiting === "time" && offers.length > 0 && (p.ordinal !== undefined || p.yes)) ||
      (t.s.awaiting === "time" && offers.length === 1 && p.wants && !p.no),
  );
}

/** Puts what the message says into the booking's slots. */
export function applyBooking(t: Turn, p: Parsed): void {
  const b = t.s.booking;
  const service = p.services[0];
  if (service && service !== b.serviceId) {
    const o = t.cat.byId.get(service)!;
    b.serviceId = o.id;
    b.serviceName = o.name;
    b.duration = o.duration;
    b.price = undefined;
  }
  if (p.staffId) {
    b.staffId = p.staffId;
    b.staffName = t.cat.staffById.get(p.staffId);
    b.anyStaff = false;
  } else if (p.anyStaff) {
    b.staffId = undefined;
    b.staffName = undefined;
    b.anyStaff = true;
  }
  // Several services named are each person's own ("ben ve eşim: saç kesimi ve erkek saç kesimi").
  if (p.party && p.party > 1 && !b.party && p.services.length <= 1) {
    b.party = { size: p.party, person: 1 };
  }
  if (p.date) b.date = p.date;
  if (p.date) b.weekend = false;
  else if (p.weekend) {
    b.weekend = true;
    b.date = undefined;
  }
  const offers = b.offers ?? [];
  const picking = t.s.awaiting === "time" && offers.length > 0;
  if (p.time || (p.date && !p.earliest)) b.earliest = false;
  if (p.earliest && !p.time && !picking) {
    b.earliest = true;
    b.time = undefined;
  }
  if (p.time) {
    b.time = p.time;
    b.part = undefined;
    if (!p.date) {
      // A time from offers on another day than the one asked for: that day.
      const same = offers.find((o) => o.date === b.date && o.time === p.time);
      const other = offers.find((o) => o.time === p.time);
      if (!same && other) b.date = other.date;
    }
  } else if (p.part) {
    b.part = p.part;
    b.partFrom = p.partFrom;
    b.partTo = p.partTo;
    b.time = undefined;
  } else if (picking) {
    const pick = p.ordinal !== undefined
      ? (p.ordinal < 0 ? offers.at(-1) : offers[p.ordinal])
      : (p.yes || (p.wants && !p.no)) && offers.length === 1
      ? offers[0]
      : undefined;
    if (pick) {
      b.date = pick.date;
      b.time = pick.time;
    }
  }
}

function args(b: BookingSlots, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    service_id: b.serviceId,
    date: b.date,
    ...(b.staffId ? { staff_id: b.staffId } : {}),
    ...extra,
  };
}

/** Moves the booking on: asks for what is missing, or calls the next tool. */
export function advanceBooking(t: Turn): void {
  const s = t.s;
  const b = s.booking;
  s.flow = "booking";
  t.acted = true;
  if (!b.serviceId) {
    s.awaiting = "service";
    t.say(t.t.askService(t.cat.services.map((o) => o.name)));
    return;
  }
  if (b.earliest && !b.time) {
    // "En erken ne zaman?": the coming week; "yarın ilk saat": that day.
    t.call(
      "check_availability",
      {
        ...args(b, { date: b.date ?? t.today, days: b.date ? 1 : 7 }),
        ...(b.part ? { part_of_day: b.part } : {}),
      },
      { kind: "avail", earliest: true },
    );
    return;
  }
  if (b.weekend && !b.date) {
    const days = weekendDays(t);
    t.call(
      "check_availability",
      {
        ...args(b, { date: days[0], days: days.length }),
        ...(b.part ? { part_of_day: b.part } : {}),
      },
      { kind: "avail", weekend: true },
    );
    return;
  }
  if (!b.date) {
    s.awaiting = "date";
    t.say(t.t.askDate(b.serviceName!));
    return;
  }
  const key = bookingKey(b);
  const h = b.held;
  if (h && h.key === key && h.date === b.date && (b.time === undefined || h.time === b.time)) {
    b.time = h.time;
    details(t, false);
    return;
  }
  if (b.time) {
    if (b.offersKey === key && (b.free ?? []).includes(`${b.date} ${b.time}`)) {
      hold(t);
      return;
    }
    t.call("check_availability", args(b, { part_of_day: partForTime(b.time) }), {
      kind: "avail",
      want: b.time,
    });
    return;
  }
  if (
    b.offersKey === key && b.offersQuery === offersQuery(b) && (b.offers ?? []).length > 0
  ) {
    // The free times were just shown: ask again instead of checking again.
    s.awaiting = "time";
    t.say(t.t.askTimeAgain(offerTexts(t, b.offers!, b.date)));
    return;
  }
  if (!b.part) {
    t.call("check_availability", args(b, {}), { kind: "avail" });
    return;
  }
  // "akşamüstü" (16–19) spans two of the tool's parts of the day: ask for both at once.
  for (const part of toolParts(b.partFrom ?? "00:00", b.partTo ?? "24:00", b.part)) {
    t.call("check_availability", args(b, { part_of_day: part }), { kind: "avail" });
  }
}

/** The tool's parts of the day a window overlaps. */
export function toolParts(
  from: string,
  to: string,
  fallback: "morning" | "afternoon" | "evening",
): ("morning" | "afternoon" | "evening")[] {
  const parts: ("morning" | "afternoon" | "evening")[] = [];
  if (from < "12:00") parts.push("morning");
  if (from < "17:00" && to > "12:00") parts.push("afternoon");
  if (to > "17:00") parts.push("evening");
  return parts.length > 0 ? parts : [fallback];
}

function offersQuery(b: BookingSlots): string {
  return `${b.date ?? ""}|${b.part ?? ""}|${b.partFrom ?? ""}`;
}

function hold(t: Turn): void {
  const b = t.s.booking;
  t.call("hold_slot", args(b, { time: b.time }), { kind: "hold" });
}

/** After a time is held: asks for name and phone, or repeats the details for confirmation. */
function details(t: Turn, justHeld: boolean): void {
  const s = t.s;
  const b = s.booking;
  const c = s.customer;
  if (!c.name || !c.phone) {
    if (justHeld) {
      t.say(t.t.held(b.serviceName!, t.when(b.date!, b.time!), b.staffName));
    }
    s.awaiting = "contact";
    t.say(contactQuestion(t));
    return;
  }
  s.awaiting = "confirm_booking";
  t.say(summary(t));
}

/** The question for what is missing of the customer's name and phone. */
export function contactQuestion(t: Turn): string {
  const c = t.s.customer;
  if (!c.name && !c.phone) return t.s.flow === "order" ? t.t.askContactOrder : t.t.askContact;
  return c.name ? t.t.askPhone : t.t.askName;
}

function summary(t: Turn): string {
  const b = t.s.booking;
  const c = t.s.customer;
  return t.t.bookingSummary({
    service: b.serviceName!,
    when: t.when(b.date!, b.time!),
    staff: b.staffName ?? b.held?.staffName,
    name: c.name!,
    phone: phoneText(c.phone!),
    // A price the business's texts qualify ("half price for children") is not stated bare.
    price: b.price !== undefined && !t.s.qualified?.includes(b.serviceId ?? "")
      ? money(b.price, t.lang)
      : undefined,
    person: b.party?.person,
    replaces: b.replaces
      ? { code: b.replaces.code, when: t.when(b.replaces.date, b.replaces.time) }
      : undefined,
  });
}

/** What to ask again when the customer talked about something else meanwhile. */
export function bookingReminder(t: Turn): string | null {
  const b = t.s.booking;
  switch (t.s.awaiting) {
    case "service":
      return t.t.askService(t.cat.services.map((o) => o.name));
    case "date":
      return t.t.askDate(b.serviceName ?? "");
    case "time":
      return (b.offers ?? []).length
        ? t.t.askTimeAgain(offerTexts(t, b.offers!, b.date))
        : t.t.askDate(b.serviceName ?? "");
    case "contact":
      return contactQuestion(t);
    case "confirm_booking":
      return summary(t);
    default:
      return null;
  }
}

/** Offers as words: times on the booking's day, date and time otherwise. */
function offerTexts(t: Turn, offers: Offer[], day?: string): string[] {
  return offers.map((o) => (o.date === day ? o.time : t.when(o.date, o.time)));
}

function setOffers(t: Turn, shown: SlotOut[], all: SlotOut[]): void {
  const b = t.s.booking;
  b.offers = shown.map(toOffer);
  b.free = all.map((s) => `${s.date} ${s.time}`);
  b.offersKey = bookingKey(b);
  b.offersQuery = offersQuery(b);
  b.time = undefined;
  t.s.awaiting = "time";
}

/**
 * The earliest free time was asked for: on a day asked for it is held at once ("yarın ilk saat"),
 * otherwise it is offered ("en erken ne zaman?"). A day without a free time looks at the next days.
 */
function onEarliest(t: Turn, slots: SlotOut[]): void {
  const b = t.s.booking;
  b.earliest = false;
  const first = slots[0];
  if (!first) {
    if (!b.date) {
      noneSoon(t);
      return;
    }
    t.call(
      "check_availability",
      args(b, { date: addDays(b.date, 1), days: 7, ...(b.part ? { part_of_day: b.part } : {}) }),
      { kind: "avail", widened: true },
    );
    return;
  }
  if (b.date) {
    b.time = first.time;
    b.offersKey = bookingKey(b);
    b.free = slots.map((x) => `${x.date} ${x.time}`);
    hold(t);
    return;
  }
  b.date = first.date;
  setOffers(t, [first], slots);
  t.say(t.t.earliestFree(b.serviceName!, t.day(first.date), first.time));
}

/** The days of this weekend still to come: Saturday and Sunday, or Sunday alone on a Sunday. */
function weekendDays(t: Turn): string[] {
  const weekday = isoWeekday(t.today);
  if (weekday === 7) return [t.today];
  const saturday = addDays(t.today, 6 - weekday);
  return [saturday, addDays(saturday, 1)];
}

/** The weekend was asked for: the closed day is said, the first free day's times offered. */
function onWeekend(t: Turn, slots: SlotOut[]): void {
  const b = t.s.booking;
  b.weekend = false;
  for (const day of weekendDays(t)) {
    if (hoursOn(t.b, day) === null) t.say(t.t.closedOn(weekdayName(day, t.lang)));
  }
  const first = slots[0];
  if (!first) {
    noneSoon(t);
    return;
  }
  b.date = first.date;
  const shown = spread(slots.filter((x) => x.date === first.date));
  setOffers(t, shown, slots);
  t.say(t.t.offers(b.serviceName!, t.day(first.date, true), shown.map((o) => o.time), b.staffName));
}

/** Reads check_availability. */
export function onAvailability(
  t: Turn,
  purpose: Omit<Extract<Purpose, { kind: "avail" }>, "kind">,
  r: ToolResult,
): void {
  const s = t.s;
  const b = s.booking;
  if (r.error) {
    if (r.error.code === "staff_not_eligible" && b.staffName) {
      t.say(t.t.staffNotEligible(b.staffName, b.serviceName ?? ""));
      b.staffId = undefined;
      b.staffName = undefined;
      advanceBooking(t);
      return;
    }
    t.say(t.t.toolFailed);
    return;
  }
  const out = r.result as AvailabilityOut;
  b.price = out.service.price;
  let slots = out.slots;
  if (!purpose.want && b.part && b.partFrom && b.partTo) {
    slots = slots.filter((x) => x.time >= b.partFrom! && x.time < b.partTo!);
  }
  if (purpose.earliest) {
    onEarliest(t, slots);
    return;
  }
  if (purpose.weekend) {
    onWeekend(t, slots);
    return;
  }
  const date = b.date!;
  const closed = hoursOn(t.b, date) === null;
  // Closed, or nobody who could take it works that weekday: no use looking at the rest of the day.
  const offNote = closed ? null : offDayNote(t, date);
  const off = closed || offNote !== null;
  const dayNote = () => {
    if (closed) t.say(t.t.closedOn(closedDayName(t.b, date, t.lang)));
    else if (offNote) t.say(offNote);
  };
  const widen = (want?: string) => {
    const part = want ? partForTime(want) : b.part;
    t.call(
      "check_availability",
      {
        service_id: b.serviceId,
        date: addDays(date, 1),
        days: 7,
        ...(b.staffId ? { staff_id: b.staffId } : {}),
        ...(part ? { part_of_day: part } : {}),
      },
      { kind: "avail", want, widened: true },
    );
  };
  const want = purpose.want;
  if (want) {
    if (!purpose.widened) {
      const exact = slots.find((x) => x.date === date && x.time === want);
      if (exact) {
        b.time = want;
        b.offersKey = bookingKey(b);
        b.free = slots.map((x) => `${x.date} ${x.time}`);
        hold(t);
        return;
      }
      const sameDay = slots.filter((x) => x.date === date);
      if (sameDay.length > 0) {
        const options = nearest(sameDay, want);
        setOffers(t, options, slots);
        t.say(t.t.wantedTaken(want, t.day(date, true), options.map((o) => o.time)));
        return;
      }
      if (!purpose.wholeDay && !off) {
        // Nothing in that part of the day: look at the whole day before other days.
        t.call("check_availability", args(b, {}), { kind: "avail", want, wholeDay: true });
        return;
      }
      dayNote();
      widen(want);
      return;
    }
    if (slots.length === 0) {
      noneSoon(t);
      return;
    }
    const atWant = slots.filter((x) => x.time === want).slice(0, 3);
    const first = slots[0]!.date;
    const options = atWant.length > 0
      ? atWant
      : nearest(slots.filter((x) => x.date === first), want);
    setOffers(t, options, slots);
    t.say(
      t.t.wantedTakenOtherDays(want, t.day(date, true), options.map((o) => t.when(o.date, o.time))),
    );
    return;
  }
  if (!purpose.widened) {
    if (slots.length > 0) {
      const shown = spread(slots);
      setOffers(t, shown, slots);
      t.say(
        t.t.offers(b.serviceName!, t.day(date, true), shown.map((o) => o.time), b.staffName),
      );
      return;
    }
    dayNote();
    widen();
    return;
  }
  if (slots.length === 0) {
    noneSoon(t);
    return;
  }
  const first = slots[0]!.date;
  const shown = spread(slots.filter((x) => x.date === first));
  const asked = t.day(date, true);
  b.date = first;
  setOffers(t, shown, slots);
  const times = shown.map((o) => o.time);
  t.say(
    off ? t.t.nextFreeDay(t.day(first), times) : t.t.noSlotsThatDay(asked, t.day(first), times),
  );
}

function noneSoon(t: Turn): void {
  const b = t.s.booking;
  t.say(t.t.noSlotsSoon(b.serviceName ?? ""));
  t.s.proposal = { kind: "handover" };
  b.date = undefined;
  b.time = undefined;
  t.s.awaiting = "date";
}

function nextSlotOffers(t: Turn, error: { details?: unknown }): boolean {
  const next = ((error.details as { next_slots?: SlotOut[] } | undefined)?.next_slots ?? [])
    .slice(0, 3);
  const b = t.s.booking;
  b.held = undefined;
  if (next.length === 0) {
    b.time = undefined;
    noneSoon(t);
    return false;
  }
  setOffers(t, next, next);
  t.say(t.t.slotGone(next.map((o) => t.when(o.date, o.time))));
  return true;
}

/** Reads hold_slot. */
export function onHold(t: Turn, r: ToolResult): void {
  const b = t.s.booking;
  if (r.error) {
    if (r.error.code === "slot_unavailable") {
      nextSlotOffers(t, r.error);
      return;
    }
    t.say(t.t.toolFailed);
    return;
  }
  const out = r.result as { date: string; time: string; staff: { name?: string } | null };
  b.held = {
    date: out.date,
    time: out.time,
    key: bookingKey(b),
    staffName: out.staff?.name ?? undefined,
  };
  b.date = out.date;
  b.time = out.time;
  details(t, true);
}

/** Books: the customer said yes to the summary. */
export function bookNow(t: Turn): void {
  const b = t.s.booking;
  const c = t.s.customer;
  t.call("create_appointment", {
    service_id: b.serviceId,
    date: b.date,
    time: b.time,
    ...(b.staffId ? { staff_id: b.staffId } : {}),
    customer: { name: c.name, phone: c.phone, ...(c.email ? { email: c.email } : {}) },
    // Each person of a party is their own appointment, told apart for the business.
    ...(b.party ? { notes: t.t.partyNote(b.party.person, b.party.size) } : {}),
  }, { kind: "book" });
}

/** Reads create_appointment; true when the appointment was booked. */
export function onBooked(t: Turn, r: ToolResult): boolean {
  const s = t.s;
  if (r.error) {
    if (r.error.code === "slot_unavailable") nextSlotOffers(t, r.error);
    else if (r.error.code === "invalid_phone") t.askPhoneAgain();
    else t.failAndOfferPerson();
    return false;
  }
  const out = r.result as {
    confirmation_code: string;
    service: string;
    staff: string | null;
    date: string;
    time: string;
  };
  const time = out.time.slice(0, 5);
  s.booked.push({
    code: out.confirmation_code,
    phone: s.customer.phone!,
    service: out.service,
    date: out.date,
    time,
    staff: out.staff,
  });
  t.say(t.t.booked({
    service: out.service,
    when: t.when(out.date, time),
    staff: out.staff,
    code: out.confirmation_code,
  }));
  const { next, party, serviceId } = s.booking;
  s.booking = {};
  t.endFlow();
  if (party && party.person < party.size && serviceId && t.cat.byId.has(serviceId)) {
    // One booking per person: the next one is offered at the same time.
    s.proposal = {
      kind: "booking",
      serviceId,
      date: out.date,
      time,
      party: { size: party.size, person: party.person + 1 },
    };
    t.say(t.t.proposeNextPerson(out.service, time));
  } else if (next && t.cat.byId.has(next)) {
    s.proposal = { kind: "booking", serviceId: next, date: out.date };
    t.say(t.t.proposeBooking(t.cat.byId.get(next)!.name));
  }
  return true;
}

/** "Başka saat", "another day": asks for another time or day of the same booking. */
const ANOTHER =
  /\b(baska|farkli|diger) (bir )?(saat|zaman|gun|tarih)\w*|\b(another|different|other) (time|day|date|slot)\b/;

/**
 * "Hayır, başka saat" while the booking waits for a yes: the service and details stay, the time
 * (or the day, for "başka gün") is asked for again. True when the message asked for that.
 */
export function anotherTime(t: Turn, p: Parsed): boolean {
  const m = ANOTHER.exec(p.folded);
  if (!m || p.date || p.time || p.part) return false;
  const b = t.s.booking;
  const day = /^(gun|tarih|day|date)/.test(m[3] ?? m[5] ?? "");
  b.held = undefined;
  b.time = undefined;
  if (day) {
    b.date = undefined;
    b.offers = undefined;
  }
  advanceBooking(t);
  return true;
}

/** Drops the booking in progress; a new day or time for the same service picks it up again. */
export function abortBooking(t: Turn): void {
  const b = t.s.booking;
  if (b.serviceId) t.s.proposal = { kind: "booking", serviceId: b.serviceId };
  t.s.booking = {};
  t.endFlow();
  t.say(b.replaces ? t.t.moveAborted(b.replaces.code) : t.t.bookingAborted);
}
