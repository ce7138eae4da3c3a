/**
 * The inbox pages' data: the conversation list (optionally by status) and a conversation's
 * transcript as the business sees it, in the shapes the inbox island takes.
 * @module
 */
import type { Tx } from "../db/types.ts";
import { businessView } from "../lib/chat.ts";
import {
  type Conversation,
  getConversation,
  listConversations,
  listMessages,
} from "../services/bot/conversations.ts";
import type { InboxConversation, InboxMessage } from "../islands/Inbox.tsx";

/** A status filter of the inbox. */
export type InboxStatus = "" | "active" | "handover" | "closed";

/** Reads the status filter. */
export function inboxStatus(value: string | undefined): InboxStatus {
  return value === "active" || value === "handover" || value === "closed" ? value : "";
}

function listItem(
  c: Conversation & { last_message?: string | null; last_role?: string | null },
): InboxConversation {
  return {
    id: c.id,
    channel: c.channel,
    status: c.status,
    customer_name: c.customer_name,
    customer_phone: c.customer_phone,
    last_message_at: new Date(c.last_message_at).toISOString(),
    last_message: c.last_message ?? null,
    last_role: c.last_role ?? null,
    handover_reason: c.handover_reason,
  };
}

/** The list, and the chosen conversation with its messages. */
export async function inboxData(
  tx: Tx,
  status: InboxStatus,
  selectedId: string | null,
): Promise<
  {
    conversations: InboxConversation[];
    selected: InboxConversation | null;
    messages: InboxMessage[];
  }
> {
  const page = await listConversations(tx, { status: status || undefined, limit: 50 });
  const conversations = page.data.map(listItem);
  if (!selectedId) return { conversations, selected: null, messages: [] };
  const conversation = await getConversation(tx, selectedId);
  const summary = conversations.find((c) => c.id === selectedId);
  const messages = (await listMessages(tx, selectedId)).map((m) => {
    const v = businessView(m);
    return {
      id: v.id,
      seq: v.seq,
      role: v.role,
      content: v.content,
      created_at: new Date(v.created_at).toISOString(),
      metadata: v.metadata as InboxMessage["metadata"],
    };
  });
  return {
    conversations,
    selected: { ...listItem(conversation), ...summary, status: conversation.status },
    messages,
  };
}
