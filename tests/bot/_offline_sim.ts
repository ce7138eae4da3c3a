/**
 * Test support for the offline assistant without a database: a small business, and a simulator
 * that plays the engine's part — it keeps the history and the model's state, streams each round
 * and answers the model's tool calls with results the test scripts.
 * @module
 */
import type {
  BusinessContext,
  ModelChunk,
  ToolCall,
  ToolResult,
  Turn,
} from "../../services/bot/model.ts";
import { createOfflineModel } from "../../services/bot/offline/mod.ts";
import { zonedTimeToInstant } from "../../services/time.ts";

/** Monday 23 November 2026, 10:00 in Istanbul. */
export const NOW = zonedTimeToInstant("2026-11-23", "10:00", "Europe/Istanbul");

/** Ids of the test business's offerings and staff. */
export const ID = {
  cut: "00000000-0000-4000-8000-000000000001",
  mensCut: "00000000-0000-4000-8000-000000000002",
  blowDry: "00000000-0000-4000-8000-000000000003",
  manicure: "00000000-0000-4000-8000-000000000004",
  cream: "00000000-0000-4000-8000-000000000011",
  sunscreen: "00000000-0000-4000-8000-000000000012",
  shampoo: "00000000-0000-4000-8000-000000000013",
  ayse: "00000000-0000-4000-8000-000000000021",
  mehmet: "00000000-0000-4000-8000-000000000022",
} as const;

/** A small salon. */
export const BUSINESS: BusinessContext = {
  name: "Test Salon",
  industry: "Kuaför",
  phone: "+902165551234",
  email: "info@salon.example",
  address: "Moda Caddesi No: 42, Kadıköy, İstanbul",
  website: null,
  timezone: "Europe/Istanbul",
  hours: {
    mon: ["09:00–19:00"],
    tue: ["09:00–19:00"],
    wed: ["09:00–19:00"],
    thu: ["09:00–19:00"],
    fri: ["09:00–19:00"],
    sat: ["10:00–16:00"],
    sun: [],
  },
  closedDays: [],
  assistantName: "Asistan",
  persona: "",
  policies: "",
  greeting: "Merhaba! Test Salon'a hoş geldiniz.",
  services: [
    { id: ID.cut, name: "Saç Kesimi", price: 450, duration_minutes: 45, category: "Saç" },
    { id: ID.mensCut, name: "Erkek Saç Kesimi", price: 300, duration_minutes: 30, category: "Saç" },
    { id: ID.blowDry, name: "Fön", price: 250, duration_minutes: 30, category: "Saç" },
    { id: ID.manicure, name: "Manikür", price: 400, duration_minutes: 45, category: "Güzellik" },
  ],
  products: [
    { id: ID.cream, name: "Nemlendirici Krem", price: 450, category: null, in_stock: true },
    { id: ID.sunscreen, name: "Güneş Kremi SPF 50", price: 520, category: null, in_stock: true },
    { id: ID.shampoo, name: "Argan Yağı Şampuan", price: 320, category: null, in_stock: true },
  ],
  staff: [{ id: ID.ayse, name: "Ayşe Yılmaz" }, { id: ID.mehmet, name: "Mehmet Demir" }],
  onlinePayment: false,
  bankTransfer: true,
  ships: true,
};

/** Answers a tool call as the test wants; `undefined` fails the test. */
export type ToolScript = (call: ToolCall) => Omit<ToolResult, "id" | "name"> | undefined;

/** What one customer message led to. */
export interface Exchange {
  text: string;
  /** Every call of every round, in order. */
  calls: ToolCall[];
  /** The calls of each round. */
  rounds: ToolCall[][];
}

/** Plays conversations against the offline assistant. */
export class Simulator {
  readonly model = createOfflineModel();
  history: Turn[] = [];
  state: Record<string, unknown> = {};
  locale: "tr" | "en";
  business: BusinessContext;

  constructor(options: { locale?: "tr" | "en"; business?: BusinessContext } = {}) {
    this.locale = options.locale ?? "tr";
    this.business = options.business ?? BUSINESS;
  }

  /** Sends a customer message; tool calls are answered by `script` (at most six rounds). */
  async say(text: string, script: ToolScript = () => undefined): Promise<Exchange> {
    this.history.push({ role: "user", text });
    const exchange: Exchange = { text: "", calls: [], rounds: [] };
    for (let round = 0; round < 6; round++) {
      const chunks: ModelChunk[] = [];
      for await (
        const chunk of this.model.stream({
          system: "",
          business: this.business,
          history: this.history,
          tools: [],
          locale: this.locale,
          now: NOW,
          state: this.state,
        })
      ) chunks.push(chunk);
      let roundText = "";
      const calls: ToolCall[] = [];
      for (const c of chunks) {
        if (c.type === "text") roundText += c.text;
        else if (c.type === "tool_calls") calls.push(...c.calls);
        else if (c.type === "state") this.state = c.state;
      }
      exchange.text += roundText;
      if (calls.length === 0) {
        this.history.push({ role: "model", text: exchange.text });
        return exchange;
      }
      exchange.calls.push(...calls);
      exchange.rounds.push(calls);
      const results = calls.map((call): ToolResult => {
        const answer = script(call);
        if (!answer) {
          throw new Error(`Unexpected tool call ${call.name} ${JSON.stringify(call.args)}`);
        }
        return { id: call.id, name: call.name, ...answer };
      });
      this.history.push({ role: "model", text: roundText, calls }, { role: "tool", results });
    }
    throw new Error("More than six rounds");
  }
}

/** A check_availability result with these free times on a date, all with Ayşe. */
export function slots(date: string, times: string[]): Omit<ToolResult, "id" | "name"> {
  return {
    result: {
      service: { id: ID.cut, name: "Saç Kesimi", duration_minutes: 45, price: 450 },
      timezone: "Europe/Istanbul",
      slots: times.map((time) => ({
        date,
        time,
        start: `${date}T${time}:00+03:00`,
        staff: [{ id: ID.ayse, name: "Ayşe Yılmaz" }],
      })),
      more: false,
    },
  };
}

/** A hold_slot result. */
export function held(date: string, time: string): Omit<ToolResult, "id" | "name"> {
  return {
    result: {
      hold_id: "h1",
      expires_at: "2026-11-23T07:05:00Z",
      date,
      time,
      staff: { id: ID.ayse, name: "Ayşe Yılmaz" },
    },
  };
}
