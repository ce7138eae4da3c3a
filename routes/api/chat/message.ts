import { streamSSE } from "hono/streaming";
import { api, tenantOf } from "../../../lib/api.ts";
import { ChatMessageInput, oneTurnAtATime } from "../../../lib/chat.ts";
import { withDeadline } from "../../../lib/deadline.ts";
import { isMember } from "../../../services/auth/principal.ts";
import { type EngineEvent, runTurn } from "../../../services/bot/engine.ts";

// How long one event may wait for a customer's connection to take it.
const WRITE_MS = 10_000;

export const handler = {
  POST: api({
    summary: "Send a customer's message to the assistant",
    description:
      "Starts a conversation when conversation_id is absent (answering with its conversation_token). A later message sends conversation_id; the token may come along (X-Conversation-Token header or conversation_token in the body) and must then match. The token is what reading the history and resuming the WebSocket need. With Accept: text/event-stream the answer streams as Server-Sent Events: meta {conversation_id, conversation_token}, status {text} while a tool runs, delta {text}, tool {name, args, result}, handover {reason}, done {message_id, text}, error {code, message}; otherwise JSON {conversation_id, conversation_token, message_id, reply, tool_calls}.",
    tags: ["chat"],
    access: "widget",
    body: ChatMessageInput,
    handle(c, { body, principal }) {
      const deps = c.get("deps");
      const input = {
        tenantId: tenantOf(c),
        conversationId: body.conversation_id,
        token: c.req.header("x-conversation-token") ?? body.conversation_token,
        trusted: isMember(principal),
        idIsEnough: true,
        message: body.message,
        customer: body.customer,
        locale: body.locale,
        channel: body.channel ?? "web",
      };
      const wantsStream = (c.req.header("accept") ?? "").includes("text/event-stream");
      if (wantsStream) {
        return streamSSE(c, async (stream) => {
          // A customer who stops reading does not hold the turn up: the stream is dropped, the
          // turn runs to its end and its reply is stored for the history.
          const send = async (event: string, data: unknown) => {
            if (stream.aborted) return;
            const write = stream.writeSSE({ event, data: JSON.stringify(data) });
            await withDeadline(write, WRITE_MS, "Writing to the customer").catch(() =>
              stream.abort()
            );
          };
          await oneTurnAtATime(body.conversation_id, async () => {
            try {
              for await (const event of runTurn(deps.engine, input)) {
                if (event.type === "message") continue;
                const { type, ...data } = event;
                await send(type, data);
              }
            } catch (err) {
              const e = err as { code?: string; message: string };
              await send("error", { code: e.code ?? "internal", message: e.message });
            }
          });
        });
      }
      return oneTurnAtATime(body.conversation_id, async () => {
        let meta: Extract<EngineEvent, { type: "meta" }> | undefined;
        let done: Extract<EngineEvent, { type: "done" }> | undefined;
        const toolCalls: { name: string; args: unknown; result: unknown }[] = [];
        let handover = false;
        for await (const event of runTurn(deps.engine, input)) {
          if (event.type === "meta") meta = event;
          else if (event.type === "done") done = event;
          else if (event.type === "tool") {
            toolCalls.push({ name: event.name, args: event.args, result: event.result });
          } else if (event.type === "handover") handover = true;
        }
        return {
          conversation_id: meta!.conversation_id,
          conversation_token: meta!.conversation_token ?? null,
          status: handover ? "handover" : meta!.status,
          message_id: done?.message_id ?? null,
          reply: done?.text ?? "",
          latency_ms: done?.latency_ms ?? null,
          tool_calls: toolCalls,
        };
      });
    },
  }),
};
