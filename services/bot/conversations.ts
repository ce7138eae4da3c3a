/**
 * Conversations and their messages. A customer holds a conversation by its token (shown once, kept
 * by the widget); the business reads them all. A conversation in `handover` gets no assistant
 * replies: a person of the business answers.
 * @module
 */
import { z } from "zod";
import { sendAhead } from "../../db/tenant.ts";
import type { Tx } from "../../db/types.ts";
import { randomToken, sha256Hex } from "../auth/crypto.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import { decodeCursor, type Page, toPage } from "../pagination.ts";
import type { Turn } from "./model.ts";

/** Where a conversation happens. */
export type Channel = "web" | "arma" | "whatsapp";

/** A conversation as the API shows it. */
export interface Conversation {
  id: string;
  channel: Channel;
  status: "active" | "handover" | "closed";
  locale: "tr" | "en";
  customer_name: string | null;
  customer_phone: string | null;
  customer_email: string | null;
  handover_reason: string | null;
  device_id: string | null;
  started_at: Date;
  last_message_at: Date;
  ended_at: Date | null;
}

/** A stored message. */
export interface Message {
  id: string;
  conversation_id: string;
  seq: number;
  role: "user" | "assistant" | "system" | "staff";
  content: string;
  metadata: Record<string, unknown>;
  created_at: Date;
}

const CONVERSATION = `id, channel, status, locale, customer_name, customer_phone, customer_email,
  handover_reason, device_id, started_at, last_message_at, ended_at`;

/** Starts a conversation; the token lets the customer come back to it. */
export async function createConversation(
  tx: Tx,
  input: {
    channel: Channel;
    locale: "tr" | "en";
    customer?: { name?: string; phone?: string; email?: string };
    deviceId?: string | null;
  },
): Promise<{ conversation: Conversation; token: string }> {
  const token = `ct_${randomToken(24)}`;
  const [row] = await tx<Conversation[]>`
    insert into conversations (tenant_id, channel, locale, token_hash, customer_name,
      customer_phone, customer_email, device_id, customer_identifier)
    values (${tx.tenantId}, ${input.channel}, ${input.locale}, ${await sha256Hex(token)},
      ${input.customer?.name ?? null}, ${input.customer?.phone ?? null},
      ${input.customer?.email ?? null}, ${input.deviceId ?? null},
      ${input.customer?.phone ?? input.customer?.email ?? null})
    returning ${tx.unsafe(CONVERSATION)}`;
  tx.emit({ type: "conversations.changed", data: { id: row!.id, action: "created" } });
  return { conversation: row!, token };
}

/** Returns one conversation. */
export async function getConversation(tx: Tx, id: string): Promise<Conversation> {
  const [row] = await tx<Conversation[]>`
    select ${tx.unsafe(CONVERSATION)} from conversations where id = ${id}`;
  if (!row) throw new NotFoundError("Conversation");
  return row;
}

/**
 * A conversation with the assistant's memory, or null when there is none the caller may open: the
 * business (`trusted`) opens any, a customer only the one its token belongs to (checked in the
 * same query), or, where `idIsEnough`, one whose id it holds and sends no token for (a token that
 * is sent must still match).
 */
export async function openConversation(
  tx: Tx,
  id: string,
  access: { token?: string | null; trusted?: boolean; idIsEnough?: boolean },
): Promise<{ conversation: Conversation; state: Record<string, unknown> } | null> {
  const [row] = await tx<(Conversation & { state: Record<string, unknown>; token_ok: boolean })[]>`
    select ${tx.unsafe(CONVERSATION)}, state,
      coalesce(token_hash = ${access.token ? await sha256Hex(access.token) : null}, false)
        as token_ok
    from conversations where id = ${id}`;
  if (!row) return null;
  const { state, token_ok, ...conversation } = row;
  const allowed = access.trusted || token_ok || (access.idIsEnough && !access.token);
  return allowed ? { conversation, state } : null;
}

/** Stores a message and marks the conversation's last activity (and the assistant's memory). */
export async function appendMessage(
  tx: Tx,
  conversationId: string,
  role: Message["role"],
  content: string,
  metadata: Record<string, unknown> = {},
  state?: Record<string, unknown>,
): Promise<Message> {
  // Locking the conversation row first numbers its messages in commit order: a client that
  // resumes after seq n never misses a message that commits later with a smaller number. The
  // insert goes in the same write.
  const touched = sendAhead(tx`update conversations set last_message_at = now()
    ${state ? tx`, state = ${tx.json(state as never)}` : tx``}
    where id = ${conversationId}`);
  const [row] = await tx<Message[]>`
    insert into messages (tenant_id, conversation_id, seq, role, content, metadata)
    values (${tx.tenantId}, ${conversationId},
      (select coalesce(max(seq), 0) + 1 from messages where conversation_id = ${conversationId}),
      ${role}, ${content}, ${tx.json(metadata as never)})
    returning id, conversation_id, seq::int, role, content, metadata, created_at`;
  await touched;
  tx.emit({
    type: "messages.created",
    data: { conversation_id: conversationId, message_id: row!.id, seq: row!.seq, role },
  });
  return row!;
}

/** The messages of a conversation in order, optionally after a sequence number. */
export async function listMessages(
  tx: Tx,
  conversationId: string,
  afterSeq = 0,
): Promise<Message[]> {
  return await tx<Message[]>`
    select id, conversation_id, seq::int, role, content, metadata, created_at from messages
    where conversation_id = ${conversationId} and seq > ${afterSeq} order by seq`;
}

/** How many of a conversation's latest messages the model is shown. */
export const HISTORY_MESSAGES = 40;

/**
 * The conversation's latest messages for the model, oldest first: at most `limit`, starting at a
 * customer's message, so a long conversation costs every turn the same.
 */
export async function recentMessages(
  tx: Tx,
  conversationId: string,
  limit = HISTORY_MESSAGES,
): Promise<Message[]> {
  const rows = await tx<Message[]>`
    select id, conversation_id, seq::int, role, content, metadata, created_at from messages
    where conversation_id = ${conversationId} order by seq desc limit ${limit}`;
  rows.reverse();
  const first = rows.findIndex((m) => m.role === "user");
  return first < 0 ? [] : rows.slice(first);
}

/**
 * The successful results of the tools that book, cancel and order, from the assistant's messages
 * before `beforeSeq`: what a conversation did before the part the model is shown.
 */
export async function earlierCommitments(
  tx: Tx,
  conversationId: string,
  beforeSeq: number,
): Promise<{ name: string; result: unknown }[]> {
  return await tx<{ name: string; result: unknown }[]>`
    select r->>'name' as name, r->'result' as result
    from messages m
      cross join jsonb_array_elements(coalesce(m.metadata->'rounds', '[]'::jsonb)) t
      cross join jsonb_array_elements(coalesce(t->'results', '[]'::jsonb)) r
    where m.conversation_id = ${conversationId} and m.role = 'assistant' and m.seq < ${beforeSeq}
      and r->>'name' in ('create_appointment', 'cancel_appointment', 'create_order')
      and r->'error' is null
    order by m.seq`;
}

/** Messages as model turns: tool calls and results stored with replies are replayed in order. */
export function toTurns(messages: Message[]): Turn[] {
  const turns: Turn[] = [];
  for (const m of messages) {
    if (m.role === "user") turns.push({ role: "user", text: m.content });
    else if (m.role === "staff") turns.push({ role: "model", text: m.content, by: "staff" });
    else if (m.role === "assistant") {
      const rounds = (m.metadata.rounds ?? []) as Turn[];
      turns.push(...rounds);
      turns.push({ role: "model", text: m.content, by: "assistant" });
    }
  }
  return turns;
}

/** Updates what the customer told about themselves. */
export async function updateCustomer(
  tx: Tx,
  id: string,
  customer: { name?: string; phone?: string; email?: string },
): Promise<void> {
  await tx`
    update conversations set
      customer_name = coalesce(${customer.name ?? null}, customer_name),
      customer_phone = coalesce(${customer.phone ?? null}, customer_phone),
      customer_email = coalesce(${customer.email ?? null}, customer_email)
    where id = ${id}`;
}

/** Fills in the conversation's customer where it is still unknown (from a booking or an order). */
export async function fillCustomer(
  tx: Tx,
  id: string,
  customer: { name: string; phone: string; email?: string | null },
): Promise<void> {
  await tx`
    update conversations set
      customer_name = coalesce(customer_name, ${customer.name}),
      customer_phone = coalesce(customer_phone, ${customer.phone}),
      customer_email = coalesce(customer_email, ${customer.email ?? null})
    where id = ${id}`;
}

/** Hands the conversation to a person of the business. */
export async function startHandover(
  tx: Tx,
  id: string,
  reason: string | null,
): Promise<Conversation> {
  const [row] = await tx<Conversation[]>`
    update conversations set status = 'handover', handover_reason = ${reason}
    where id = ${id} and status <> 'closed'
    returning ${tx.unsafe(CONVERSATION)}`;
  if (!row) {
    await getConversation(tx, id);
    throw new ConflictError("The conversation is closed", "conversation_closed");
  }
  tx.emit({ type: "conversations.changed", data: { id, action: "handover" } });
  return row;
}

/** The body of a staff reply to a customer. */
export const StaffReply = z.object({ text: z.string().trim().min(1).max(4000) }).strict();

/**
 * A person of the business answers the customer: refused when the conversation is closed, taken
 * over (handover) when the assistant still had it.
 */
export async function staffReply(
  tx: Tx,
  conversationId: string,
  text: string,
  userId: string | null,
): Promise<Message> {
  const conversation = await getConversation(tx, conversationId);
  if (conversation.status === "closed") {
    throw new ConflictError("The conversation is closed", "conversation_closed");
  }
  if (conversation.status === "active") await startHandover(tx, conversationId, "taken over");
  return await appendMessage(tx, conversationId, "staff", text, { user_id: userId });
}

/** Gives the conversation back to the assistant. */
export async function handBack(tx: Tx, id: string): Promise<Conversation> {
  const [row] = await tx<Conversation[]>`
    update conversations set status = 'active', handover_reason = null
    where id = ${id} and status = 'handover'
    returning ${tx.unsafe(CONVERSATION)}`;
  if (!row) {
    await getConversation(tx, id);
    throw new ConflictError("The conversation is not with a person", "not_in_handover");
  }
  tx.emit({ type: "conversations.changed", data: { id, action: "handback" } });
  return row;
}

/** Closes a conversation (resolved); the customer writing again reopens it. */
export async function closeConversation(tx: Tx, id: string): Promise<Conversation> {
  const [row] = await tx<Conversation[]>`
    update conversations set status = 'closed', ended_at = now(), handover_reason = null
    where id = ${id}
    returning ${tx.unsafe(CONVERSATION)}`;
  if (!row) throw new NotFoundError("Conversation");
  tx.emit({ type: "conversations.changed", data: { id, action: "closed" } });
  return row;
}

/** Reopens a closed conversation for the assistant when its customer writes again. */
export async function reopenConversation(tx: Tx, id: string): Promise<Conversation> {
  const [row] = await tx<Conversation[]>`
    update conversations set status = 'active', ended_at = null where id = ${id}
    returning ${tx.unsafe(CONVERSATION)}`;
  tx.emit({ type: "conversations.changed", data: { id, action: "reopened" } });
  return row!;
}

/** A conversation in the inbox list, with its last message. */
export interface ConversationSummary extends Conversation {
  last_message: string | null;
  last_role: string | null;
  message_count: number;
}

/** Lists conversations for the inbox, latest activity first. */
export async function listConversations(
  tx: Tx,
  query: { status?: Conversation["status"]; limit: number; cursor?: string },
): Promise<Page<ConversationSummary>> {
  const after = decodeCursor(query.cursor);
  const rows = await tx<ConversationSummary[]>`
    select ${tx.unsafe(CONVERSATION.split(",").map((c) => `c.${c.trim()}`).join(", "))},
      m.content as last_message, m.role as last_role,
      (select count(*)::int from messages x where x.conversation_id = c.id) as message_count
    from conversations c
    left join lateral (
      select content, role from messages where conversation_id = c.id order by seq desc limit 1
    ) m on true
    where true
      ${query.status ? tx`and c.status = ${query.status}` : tx``}
      ${
    after
      ? tx`and (c.last_message_at, c.id) < (select last_message_at, id from conversations where id = ${after})`
      : tx``
  }
    order by c.last_message_at desc, c.id desc limit ${query.limit + 1}`;
  return toPage(rows, query.limit);
}

/**
 * Conversations with their messages, in the order of `ids`, in two queries; a missing id is a
 * not-found error, as `getConversation` gives.
 */
export async function conversationsWithMessages(
  tx: Tx,
  ids: string[],
): Promise<(Conversation & { messages: Message[] })[]> {
  if (ids.length === 0) return [];
  const rows = await tx<Conversation[]>`
    select ${tx.unsafe(CONVERSATION)} from conversations where id = any(${ids}::uuid[])`;
  const messages = await tx<Message[]>`
    select id, conversation_id, seq::int, role, content, metadata, created_at from messages
    where conversation_id = any(${ids}::uuid[]) order by conversation_id, seq`;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const grouped = Map.groupBy(messages, (m) => m.conversation_id);
  return ids.map((id) => {
    const conversation = byId.get(id);
    if (!conversation) throw new NotFoundError("Conversation");
    return { ...conversation, messages: grouped.get(id) ?? [] };
  });
}
