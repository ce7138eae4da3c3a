/**
 * What the chat endpoints share: the message schema, one turn at a time per conversation, and how
 * stored messages are shown to customers and to the business.
 * @module
 */
import { z } from "zod";
import type { Message } from "../services/bot/conversations.ts";

/** What `POST /api/chat/message` (and the WebSocket's `message`) accepts. */
export const ChatMessageInput = z.object({
  conversation_id: z.guid().optional(),
  conversation_token: z.string().min(1).max(200).optional(),
  message: z.string().trim().min(1).max(4000),
  customer: z.object({
    name: z.string().trim().min(1).max(255).optional(),
    phone: z.string().trim().min(7).max(32).optional(),
    email: z.email().max(255).optional(),
  }).strict().optional(),
  locale: z.enum(["tr", "en"]).optional(),
  channel: z.enum(["web", "arma", "whatsapp"]).optional(),
}).strict();

const running = new Map<string, Promise<unknown>>();

/** Runs `fn` after any turn already running for the conversation (new ones run at once). */
export async function oneTurnAtATime<T>(conversationId: string | undefined, fn: () => Promise<T>) {
  if (!conversationId) return await fn();
  const before = running.get(conversationId) ?? Promise.resolve();
  const mine = before.catch(() => {}).then(fn);
  running.set(conversationId, mine);
  try {
    return await mine;
  } finally {
    if (running.get(conversationId) === mine) running.delete(conversationId);
  }
}

/** A booking or an order the assistant made, as the widget shows it on a card. */
export type Card =
  | { type: "appointment"; data: Record<string, unknown> }
  | { type: "order"; data: Record<string, unknown> };

/** The cards of a reply: what its successful create_appointment and create_order calls made. */
export function cardsOf(m: Message): Card[] {
  const calls = (m.metadata.tool_calls ?? []) as {
    name: string;
    result: Record<string, unknown>;
  }[];
  const cards: Card[] = [];
  for (const call of calls) {
    if (!call.result || "error" in call.result) continue;
    if (call.name === "create_appointment") cards.push({ type: "appointment", data: call.result });
    if (call.name === "create_order") cards.push({ type: "order", data: call.result });
  }
  return cards;
}

/** A message as the customer sees it: no internal metadata, only its cards. */
export function customerView(m: Message) {
  const cards = m.role === "assistant" ? cardsOf(m) : [];
  return {
    id: m.id,
    seq: m.seq,
    role: m.role,
    text: m.content,
    created_at: m.created_at,
    ...(cards.length > 0 ? { cards } : {}),
  };
}

/** A message as the business sees it: with the tool calls the assistant made. */
export function businessView(m: Message) {
  const { rounds: _rounds, ...metadata } = m.metadata;
  return { ...customerView(m), content: m.content, metadata };
}
