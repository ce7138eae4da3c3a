/**
 * The cancellation flow: a customer cancels only their own appointment. It needs the confirmation
 * code and the phone it was booked with, looks the booking up (find_appointment: both must match),
 * repeats it and asks for confirmation, then calls cancel_appointment. A booking made in this
 * conversation is known already.
 * @module
 */
import type { ToolResult } from "../model.ts";
import type { Turn } from "./turn.ts";
import type { Parsed } from "./understand.ts";
import type { FoundToMove } from "./rescheduling.ts";

/** Starts a cancellation (or goes on with one) with what the message says. */
export function startCancel(t: Turn, p: Parsed): void {
  const s = t.s;
  if (s.flow !== "cancel") {
    s.cancel = { failures: 0 };
    const last = s.booked.at(-1);
    if (last && !p.code) {
      s.cancel.code = last.code;
      s.cancel.phone = last.phone;
    }
  }
  // A cancellation asked for while an appointment was being moved cancels it instead.
  s.cancel.move = undefined;
  s.cancel.sameTime = undefined;
  s.flow = "cancel";
  s.booking = {};
  applyCancel(t, p);
  advanceCancel(t);
}

/** Puts a code and a phone from the message into the cancellation. */
export function applyCancel(t: Turn, p: Parsed): void {
  const c = t.s.cancel;
  if (p.code && p.code !== c.code) {
    c.code = p.code;
    c.found = undefined;
  }
  if (p.phone && p.phone !== c.phone) {
    c.phone = p.phone;
    c.found = undefined;
  }
}

// The question that confirms the cancellation of the booking found.
function confirmQuestion(t: Turn, found: NonNullable<Turn["s"]["cancel"]["found"]>): string {
  return t.t.confirmCancel(found.code, found.service, t.when(found.date, found.time));
}

// The code and phone as one key, to tell whether they were already looked up in vain.
function triedKey(c: Turn["s"]["cancel"]): string {
  return `${c.code}|${c.phone}`;
}

// The question for what the cancellation still lacks: the code, the phone or both.
function detailsQuestion(t: Turn): string {
  const c = t.s.cancel;
  return (!c.code && !c.phone) || c.tried === triedKey(c)
    ? c.move ? t.t.askMoveDetails : t.t.askCancelDetails
    : !c.code
    ? t.t.askCancelCode
    : t.t.askCancelPhone;
}

/** Asks for what is missing, looks the booking up, or asks to confirm. */
export function advanceCancel(t: Turn): void {
  const s = t.s;
  const c = s.cancel;
  t.acted = true;
  if (c.found && c.found.code === c.code) {
    s.awaiting = "confirm_cancel";
    t.say(confirmQuestion(t, c.found));
    return;
  }
  if (!c.code || !c.phone || c.tried === triedKey(c)) {
    s.awaiting = "cancel_details";
    t.say(detailsQuestion(t));
    return;
  }
  t.call("find_appointment", { confirmation_code: c.code, phone: c.phone }, { kind: "find" });
}

/** What to ask again when the customer talked about something else meanwhile. */
export function cancelReminder(t: Turn): string | null {
  const c = t.s.cancel;
  if (t.s.awaiting === "confirm_cancel" && c.found) return confirmQuestion(t, c.found);
  if (t.s.awaiting === "cancel_details") return detailsQuestion(t);
  return null;
}

// Code and phone stay: "it was booked with my wife's number, 0555…" retries with the same code.
function notFound(t: Turn): void {
  const s = t.s;
  const c = s.cancel;
  c.failures += 1;
  c.tried = triedKey(c);
  c.found = undefined;
  if (c.failures >= 2) {
    t.say(t.t.cancelNotFoundAgain);
    s.proposal = { kind: "handover" };
    endCancel(t);
    return;
  }
  s.awaiting = "cancel_details";
  t.say(t.t.cancelNotFound);
}

function endCancel(t: Turn): void {
  t.endFlow();
  t.s.cancel = { failures: 0 };
}

/**
 * Reads find_appointment; an appointment to move (not cancelled, still changeable here) goes to
 * `move`.
 */
export function onFound(t: Turn, r: ToolResult, move?: (t: Turn, out: FoundToMove) => void): void {
  const c = t.s.cancel;
  if (r.error) {
    if (r.error.code === "not_found" || r.error.code === "invalid_arguments") notFound(t);
    else t.say(t.t.toolFailed);
    return;
  }
  const out = r.result as FoundToMove & {
    status: string;
    cancellation_hours?: number;
    cancellable_here?: boolean;
  };
  if (out.status === "cancelled") {
    t.say(t.t.alreadyCancelled(out.confirmation_code));
    endCancel(t);
    return;
  }
  if (out.cancellable_here === false) {
    tooLate(t, out.confirmation_code, out.cancellation_hours ?? 24);
    return;
  }
  if (move && c.move) {
    move(t, out);
    return;
  }
  c.found = {
    code: out.confirmation_code,
    service: out.service,
    date: out.date,
    time: out.time.slice(0, 5),
    status: out.status,
  };
  advanceCancel(t);
}

// Too close to the appointment to cancel here: says so and offers a person for it.
function tooLate(t: Turn, code: string, hours: number): void {
  t.say(t.t.cancelTooLate(String(hours)));
  t.s.proposal = {
    kind: "handover",
    reason: t.t.lateCancelReason(code, String(hours)),
    text: t.t.handoverLateCancel(String(hours)),
  };
  endCancel(t);
}

/** Cancels: the customer said yes. */
export function cancelNow(t: Turn): void {
  const c = t.s.cancel;
  t.call("cancel_appointment", { confirmation_code: c.code, phone: c.phone }, { kind: "cancel" });
}

/** The customer said no: the booking stays. */
export function keepBooking(t: Turn): void {
  t.say(t.t.cancelKept);
  endCancel(t);
}

/** Reads cancel_appointment. */
export function onCancelled(t: Turn, r: ToolResult): void {
  if (r.error) {
    if (r.error.code === "cancellation_window_passed") {
      const hours = (r.error.details as { cancellation_hours?: number } | undefined)
        ?.cancellation_hours ?? 24;
      tooLate(t, t.s.cancel.code ?? "", hours);
      return;
    }
    if (r.error.code === "not_found") {
      notFound(t);
      return;
    }
    t.say(t.t.toolFailed);
    endCancel(t);
    return;
  }
  const out = r.result as { service: string; date: string; time: string };
  t.say(t.t.cancelled(out.service, t.when(out.date, out.time.slice(0, 5))));
  endCancel(t);
}
