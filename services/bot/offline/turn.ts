/**
 * One round of the offline assistant: what it knows (business, catalog, memory, clock) and what it
 * produces (sentences and tool calls, each call tagged with what its result is for).
 * @module
 */
import type { BusinessContext, ToolCall } from "../model.ts";
import { DEFAULT_TIME_ZONE, localDate } from "../../time.ts";
import type { Catalog } from "./catalog.ts";
import { capitalise, dayText, type Lang, relativeDay } from "./format.ts";
import { type Offers, type Phrases, phrases } from "./replies.ts";
import type { Purpose, State } from "./state.ts";

/** A round in progress. */
export class Turn {
  readonly b: BusinessContext;
  readonly cat: Catalog;
  readonly s: State;
  readonly now: Date;
  readonly tz: string;
  readonly today: string;
  /** The conversation's language as the engine knows it. */
  readonly locale: Lang;
  readonly out: string[] = [];
  readonly calls: ToolCall[] = [];
  /** Whether the current flow moved on in this round (so no reminder is needed). */
  acted = false;
  /** Send the text with this round's calls (the engine ends the turn after a handover). */
  speakNow = false;
  /** Offerings whose price the business's texts qualified in this round (no bare price). */
  readonly noted = new Set<string>();
  /** Sentences of the business's texts quoted in this round (each is quoted once). */
  readonly quoted = new Set<string>();

  constructor(b: BusinessContext, cat: Catalog, s: State, now: Date, locale: Lang) {
    this.b = b;
    this.locale = locale;
    this.cat = cat;
    this.s = s;
    this.now = now;
    this.tz = b.timezone || DEFAULT_TIME_ZONE;
    this.today = localDate(now, this.tz);
  }

  /** The reply language. */
  get lang(): Lang {
    return this.s.lang;
  }

  /** The phrases of the reply language. */
  get t(): Phrases {
    return phrases(this.s.lang);
  }

  /** Whether the business has services to book and products to order. */
  get offers(): Offers {
    return { services: this.cat.services.length > 0, products: this.cat.products.length > 0 };
  }

  /** Adds a sentence to the reply. */
  say(text: string): void {
    if (text) this.out.push(text);
  }

  /** Ends the flow in progress: nothing is awaited any more. */
  endFlow(): void {
    this.s.flow = undefined;
    this.s.awaiting = undefined;
  }

  /** A tool refused the customer's phone number: asks for it again. */
  askPhoneAgain(): void {
    this.s.customer.phone = undefined;
    this.s.awaiting = "contact";
    this.say(this.t.badPhone);
  }

  /** A tool failed: says so and offers a person. */
  failAndOfferPerson(): void {
    this.say(this.t.toolFailed);
    this.s.proposal = { kind: "handover" };
  }

  /** Asks for a tool call whose result goes to the handler of `purpose`. */
  call(name: string, args: Record<string, unknown>, purpose: Purpose): void {
    this.s.seq += 1;
    const id = `offline-${this.s.seq}`;
    this.calls.push({ id, name, args });
    this.s.pending[id] = purpose;
  }

  /** A date for a sentence: "Yarın (24 Kasım Salı)" / "tomorrow (Tuesday 24 November)". */
  day(date: string, capital = false): string {
    const rel = relativeDay(date, this.today, this.lang);
    const text = dayText(date, this.lang);
    if (this.lang === "tr") {
      return rel ? `${capital ? capitalise(rel, "tr") : rel} (${text})` : text;
    }
    return rel ? `${rel} (${text})` : `on ${text}`;
  }

  /** A date and time as people say them: "24 Kasım Salı 15:00" / "Tuesday 24 November at 15:00". */
  when(date: string, time: string): string {
    return this.lang === "tr"
      ? `${dayText(date, "tr")} ${time}`
      : `${dayText(date, "en")} at ${time}`;
  }
}
