import { upgradeWebSocket } from "hono/deno";
import type { WSContext } from "hono/ws";
import { z } from "zod";
import { authorize, tenantOf } from "../../../lib/api.ts";
import type { Ctx } from "../../../lib/app_env.ts";
import { ChatMessageInput, customerView, oneTurnAtATime } from "../../../lib/chat.ts";
import { conversationChannel } from "../../../lib/deps.ts";
import { withTenant } from "../../../db/tenant.ts";
import { isMember } from "../../../services/auth/principal.ts";
import {
  getConversation,
  listMessages,
  openConversation,
} from "../../../services/bot/conversations.ts";
import { runTurn } from "../../../services/bot/engine.ts";
import { AppError, errorBody } from "../../../services/errors.ts";

const MAX_FRAME = 16 * 1024;

const ClientMessage = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("hello"),
    conversation_id: z.guid().optional(),
    conversation_token: z.string().max(200).optional(),
    after_seq: z.number().int().min(0).optional(),
  }),
  ChatMessageInput.omit({ conversation_id: true, conversation_token: true }).extend({
    type: z.literal("message"),
  }),
  z.object({ type: z.literal("typing") }),
  z.object({ type: z.literal("ping") }),
]);

const upgrade = upgradeWebSocket((c: Ctx) => {
  const deps = c.get("deps");
  const tenantId = tenantOf(c);
  const principal = c.get("principal");
  const trusted = principal !== undefined && isMember(principal);
  let conversationId: string | undefined;
  let token: string | undefined;
  let lastSeq = 0;
  let turning = false;
  let unsubscribe: (() => Promise<void>) | undefined;
  const send = (ws: WSContext, data: unknown) => {
    if (ws.readyState === 1) ws.send(JSON.stringify(data));
  };

  const deliver = async (ws: WSContext, afterSeq: number) => {
    if (!conversationId) return;
    const id = conversationId;
    const missed = await withTenant(deps.db, tenantId, (tx) => listMessages(tx, id, afterSeq));
    for (const m of missed) {
      if (m.seq <= lastSeq) continue;
      lastSeq = m.seq;
      send(ws, { type: "message", ...customerView(m) });
    }
  };

  const follow = async (ws: WSContext) => {
    if (!conversationId || unsubscribe) return;
    unsubscribe = await deps.kv.subscribe(conversationChannel(conversationId), (raw) => {
      const event = JSON.parse(raw) as { type: string; data?: Record<string, unknown> };
      if (event.type === "typing") send(ws, { type: "typing", who: event.data?.who });
      else if (event.type === "messages.created") {
        // The turn running on this socket delivers its own messages as it streams them.
        if (turning && event.data?.role !== "staff") return;
        deliver(ws, lastSeq).catch(() => {});
      } else if (event.type === "conversations.changed" && conversationId) {
        const id = conversationId;
        withTenant(deps.db, tenantId, (tx) => getConversation(tx, id))
          .then((conv) => send(ws, { type: "status", status: conv.status }))
          .catch(() => {});
      }
    });
  };

  const hello = async (
    ws: WSContext,
    msg: { conversation_id?: string; conversation_token?: string; after_seq?: number },
  ) => {
    if (!msg.conversation_id) return send(ws, { type: "ready" });
    const id = msg.conversation_id;
    const opened = await withTenant(
      deps.db,
      tenantId,
      (tx) => openConversation(tx, id, { token: msg.conversation_token, trusted }),
    );
    if (!opened) {
      return send(
        ws,
        errorBody("conversation_not_found", "No conversation with this id and token"),
      );
    }
    const conv = opened.conversation;
    conversationId = conv.id;
    token = msg.conversation_token;
    send(ws, { type: "meta", conversation_id: conv.id, status: conv.status, locale: conv.locale });
    lastSeq = 0;
    await deliver(ws, msg.after_seq ?? 0);
    await follow(ws);
  };

  const message = (ws: WSContext, msg: z.infer<typeof ChatMessageInput>) =>
    oneTurnAtATime(conversationId, async () => {
      turning = true;
      try {
        for await (
          const event of runTurn(deps.engine, {
            tenantId,
            conversationId,
            token,
            trusted,
            message: msg.message,
            customer: msg.customer,
            locale: msg.locale,
            channel: msg.channel ?? "web",
          })
        ) {
          if (event.type === "meta") {
            conversationId = event.conversation_id;
            token = event.conversation_token ?? token;
            send(ws, event);
            await follow(ws);
          } else if (event.type === "message") {
            lastSeq = Math.max(lastSeq, event.message.seq);
            send(ws, { type: "message", ...customerView(event.message) });
          } else if (event.type === "done") {
            if (event.seq) lastSeq = Math.max(lastSeq, event.seq);
            send(ws, event);
          } else send(ws, event);
        }
      } finally {
        turning = false;
      }
    });

  // A stopping server closes the socket ("going away"); the widget reconnects and resumes.
  let goAway: (() => void) | undefined;
  return {
    onOpen(_evt, ws) {
      goAway = () => ws.close(1001, "Server is restarting");
      if (deps.closing.signal.aborted) return goAway();
      deps.closing.signal.addEventListener("abort", goAway);
    },
    async onMessage(evt, ws) {
      const raw = typeof evt.data === "string" ? evt.data : "";
      if (raw.length === 0 || raw.length > MAX_FRAME) {
        return send(ws, errorBody("invalid_message", "Send JSON text frames under 16 kB"));
      }
      let parsed;
      try {
        parsed = ClientMessage.safeParse(JSON.parse(raw));
      } catch {
        return send(ws, errorBody("invalid_message", "Frames must be JSON"));
      }
      if (!parsed.success) {
        return send(ws, errorBody("invalid_message", parsed.error.issues[0]?.message ?? "invalid"));
      }
      const msg = parsed.data;
      try {
        if (msg.type === "ping") send(ws, { type: "pong" });
        else if (msg.type === "hello") await hello(ws, msg);
        else if (msg.type === "typing" && conversationId) {
          await deps.kv.publish(
            conversationChannel(conversationId),
            JSON.stringify({ type: "typing", data: { who: "customer" } }),
          );
        } else if (msg.type === "message") await message(ws, msg);
      } catch (err) {
        const e = err instanceof AppError ? err : null;
        if (!e) deps.logger.error("websocket message failed", { error: (err as Error).message });
        send(ws, errorBody(e?.code ?? "internal", e?.message ?? "Something went wrong"));
      }
    },
    async onClose() {
      if (goAway) deps.closing.signal.removeEventListener("abort", goAway);
      await unsubscribe?.();
      unsubscribe = undefined;
    },
  };
});

function connect(c: Ctx): Promise<Response> {
  authorize(c.get("principal"), "widget");
  if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
    throw new AppError(426, "upgrade_required", "Connect with a WebSocket");
  }
  return upgrade(c, () => Promise.resolve()) as Promise<Response>;
}

export const handler = {
  GET: Object.assign(connect, {
    spec: {
      summary: "The widget's live chat (WebSocket)",
      description:
        "Connect with ?key=pk_…. Client frames: hello {conversation_id, conversation_token, after_seq} (resume: stored messages after after_seq are sent again, then live ones), message {message, customer?, locale?}, typing, ping. Server frames: meta, message {id, seq, role, text, cards?}, delta, status, tool, handover, done, typing, pong, error. Messages carry a per-conversation seq to dedupe by.",
      tags: ["chat"],
      access: "widget" as const,
      handle: connect,
    },
  }),
};
