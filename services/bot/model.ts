/**
 * The one interface every assistant model implements — the Gemini adapter and the built-in offline
 * assistant alike. The engine does not know which it runs: it streams a model's chunks, runs the
 * tool calls it asks for, hands back the results and streams again, up to six rounds a turn.
 * @module
 */

/** A call the model asks for; ids tie results to calls (several may come in one round). */
export interface ToolCall {
  id: string;
  name: string;
  args: Record<string, unknown>;
}

/** The outcome of a tool call: its JSON result, or an error the model should explain. */
export interface ToolResult {
  id: string;
  name: string;
  result?: unknown;
  error?: { code: string; message: string; details?: unknown };
}

/** One step of a conversation as models see it. */
export type Turn =
  | { role: "user"; text: string }
  /** The assistant (or a person of the business, `by: "staff"`) answered, maybe calling tools. */
  | { role: "model"; text: string; calls?: ToolCall[]; by?: "assistant" | "staff" }
  | { role: "tool"; results: ToolResult[] };

/** A tool as declared to the model (the JSON Schema comes from its zod schema). */
export interface ToolDeclaration {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/** What the business is and what it sells, for the offline assistant (Gemini reads the prompt). */
export interface BusinessContext {
  name: string;
  industry: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  website: string | null;
  timezone: string;
  /** Opening hours per weekday key (mon..sun) as "HH:MM–HH:MM" ranges; empty when closed. */
  hours: Record<string, string[]>;
  closedDays: string[];
  assistantName: string;
  persona: string;
  policies: string;
  greeting: string;
  services: {
    id: string;
    name: string;
    price: number;
    duration_minutes: number;
    category: string | null;
    /** Who performs it (every active staff member when it names none); empty: no one needed. */
    staff_ids?: string[];
  }[];
  products: {
    id: string;
    name: string;
    price: number;
    category: string | null;
    in_stock: boolean;
  }[];
  /** Active staff with their weekly working hours in the shape of `hours` (absent: unknown). */
  staff: { id: string; name: string; hours?: Record<string, string[]> }[];
  /** Whether orders can be paid online (a payment link) or only by hand. */
  onlinePayment: boolean;
  /** Whether orders can be paid by bank transfer (the business gave an IBAN or says so). */
  bankTransfer: boolean;
  /** Whether a picked-up order may be paid in cash (absent: yes). */
  acceptsCash?: boolean;
  /** Whether the business ships orders (its policies do not rule it out and a product needs it). */
  ships: boolean;
}

/** Everything a model needs for one round. */
export interface ModelRequest {
  /** The system instruction (Gemini's); the offline assistant uses `business` instead. */
  system: string;
  business: BusinessContext;
  history: Turn[];
  tools: ToolDeclaration[];
  locale: "tr" | "en";
  /** The current instant; "yarın" means tomorrow in the business's zone from here. */
  now: Date;
  /** A model's own memory of the conversation (the offline assistant's filled slots). */
  state: Record<string, unknown>;
  /** What the customer already told about themselves (the widget may send name and phone). */
  customer?: { name?: string | null; phone?: string | null; email?: string | null };
  signal?: AbortSignal;
}

/** What a model streams. */
export type ModelChunk =
  | { type: "text"; text: string }
  | { type: "tool_calls"; calls: ToolCall[] }
  | { type: "usage"; inputTokens: number; outputTokens: number }
  /** The model's memory after this round, stored with the conversation. */
  | { type: "state"; state: Record<string, unknown> };

/** A model the engine can run. */
export interface ChatModel {
  readonly name: string;
  stream(request: ModelRequest): AsyncIterable<ModelChunk>;
}

/** The model could not be reached or answered with an error. */
export class ModelUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ModelUnavailableError";
  }
}
