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

/** A message as the customer sees it: no internal metadata. */
export function customerView(m: Message) {
  return { id: m.id, seq: m.seq, role: m.role, text: m.content, created_at: m.created_at };
}

/** A message as the business sees it: with the tool calls the assistant made. */
export function businessView(m: Message) {
  const { rounds: _rounds, ...metadata } = m.metadata;
  return { ...customerView(m), content: m.content, metadata };
}
