/**
 * Moving an appointment to another time. The appointment is found by its confirmation code and
 * phone (find_appointment); the new time is then booked like any booking (hold_slot,
 * create_appointment) and only after that is the old one cancelled (cancel_appointment), so the
 * customer never loses their place. When the new time is not free or the customer drops it, the
 * old appointment stays as it is.
 * @module
 */
import type { ToolResult } from "../model.ts";
import { advanceBooking, applyBooking, bookingInfo } from "./booking.ts";
import { advanceCancel, applyCancel } from "./cancelling.ts";
import type { Moving } from "./state.ts";
import type { Turn } from "./turn.ts";
import type { Parsed } from "./understand.ts";

/** Asking to move an appointment: "randevumu perşembeye alalım", "saatini 16:00 yapalım". */
const RESCHEDULE = new RegExp(
  [
    "randevu\\w* (degistir|ertele|kaydir|baska)\\w*",
    "(degistir|ertele|kaydir)\\w* .{0,15}randevu\\w*",
    // "randevumu perşembeye alabilir miyiz", "randevumuzu 15:00'e çekelim"
    "randevu(mu|muzu)\\b(?![^.?!]*\\biptal)[^.?!]{1,40}?\\s(al|cek|tasi|kaydir|ertele)\\w*",
    // "yarınki randevumun saatini 16:00 yapalım"
    "randevu(mun|muzun) (saat|gun|tarih)\\w*",
    "reschedul\\w*",
    "(change|move|shift|push) (my|our|the) (appointment|appt|booking)",
  ].map((x) => `\\b(${x})`).join("|"),
);

/** "Randevuyu yarına alalım", "can we move it to Friday": moving the booking this chat made. */
const MOVE_IT =
  /\b((randevuyu|onu|bunu)\b[^.?!]{1,40}?\s(al|cek|tasi|kaydir|ertele)\w*|(move|change|push|shift) it)\b/;

/** "move my manicure to Friday": moving a booked service, when a service is named. */
const MOVE_SERVICE =
  /\b(change|move|shift|push|bring) (my|our|the)\b[^.?!,]{1,30}?\s(to|forward|back)\b/;

/** Whether the message asks to move an appointment (one this conversation made, with `booked`). */
export function asksToMove(p: Parsed, booked: boolean): boolean {
  return RESCHEDULE.test(p.folded) || (booked && MOVE_IT.test(p.folded)) ||
    (p.services.length > 0 && MOVE_SERVICE.test(p.folded));
}

/**
 * Starts moving an appointment: a new day or time in the message is kept for the new booking, and
 * the appointment is looked up by its code and phone (this conversation's booking is known).
 */
export function startMove(t: Turn, p: Parsed): void {
  const s = t.s;
  s.cancel = { failures: 0, move: true, sameTime: p.sameTime && !p.time };
  const last = s.booked.at(-1);
  if (last && !p.code) {
    s.cancel.code = last.code;
    s.cancel.phone = last.phone;
  }
  s.flow = "cancel";
  s.booking = {};
  applyBooking(t, p);
  t.say(t.t.reschedule);
  applyCancel(t, p);
  advanceCancel(t);
}

/**
 * While the appointment to move is looked for, a new day or time is kept for the new booking.
 * True when the message was taken.
 */
export function moveDetails(t: Turn, p: Parsed): boolean {
  if (!t.s.cancel.move || !(bookingInfo(t, p) || p.sameTime)) return false;
  if (p.sameTime && !p.time) t.s.cancel.sameTime = true;
  applyBooking(t, p);
  applyCancel(t, p);
  advanceCancel(t);
  return true;
}

/** What find_appointment returned for an appointment to move. */
export interface FoundToMove {
  confirmation_code: string;
  service_id?: string;
  service: string;
  date: string;
  time: string;
  customer_name?: string;
}

/** The appointment to move was found: the booking of its new time starts. */
export function moveFound(t: Turn, out: FoundToMove): void {
  const s = t.s;
  const phone = s.cancel.phone!;
  const time = out.time.slice(0, 5);
  const sameTime = s.cancel.sameTime;
  s.cancel = { failures: 0 };
  s.customer.name ??= out.customer_name;
  s.customer.phone ??= phone;
  const b = s.booking;
  b.replaces = { code: out.confirmation_code, phone, service: out.service, date: out.date, time };
  const service = (out.service_id ? t.cat.byId.get(out.service_id) : undefined) ??
    t.cat.services.find((o) => o.name === out.service);
  if (!b.serviceId && service) {
    b.serviceId = service.id;
    b.serviceName = service.name;
    b.duration = service.duration;
  }
  if (sameTime && !b.time && !b.part) b.time = time;
  // "Saatini 16:00 yapalım": a new time alone keeps the day.
  if (!b.date && (b.time || b.part)) b.date = out.date;
  s.awaiting = undefined;
  t.say(t.t.moveFound(out.confirmation_code, out.service, t.when(out.date, time)));
  advanceBooking(t);
}

/** The new appointment is booked: the old one is cancelled now. */
export function cancelReplaced(t: Turn, old: Moving): void {
  t.call("cancel_appointment", { confirmation_code: old.code, phone: old.phone }, {
    kind: "move_cancel",
    code: old.code,
  });
}

/** Reads cancel_appointment of the moved appointment. */
export function onReplacedCancelled(t: Turn, code: string, r: ToolResult): void {
  if (r.error) {
    t.say(t.t.oldNotCancelled(code));
    t.s.proposal = { kind: "handover", reason: t.t.oldNotCancelledReason(code) };
    return;
  }
  const out = r.result as { service: string; date: string; time: string };
  t.say(t.t.oldCancelled(code, out.service, t.when(out.date, out.time.slice(0, 5))));
}

/** "Eskisi kalsın", "keep the old one": the customer keeps the appointment they have. */
export function keepsOld(p: Parsed): boolean {
  return /\b(kalsin|dursun|kalabilir|vazgec\w*|keep (it|the old|my)|leave it)\b/.test(p.folded);
}
