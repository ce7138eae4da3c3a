import { streamSSE } from "hono/streaming";
import { api, tenantOf } from "../../lib/api.ts";
import { tenantChannel } from "../../lib/deps.ts";

const KEEP_ALIVE_MS = 20_000;

export const handler = {
  GET: api({
    summary: "Live changes of the business (Server-Sent Events)",
    description:
      "One `change` event per committed change, with the event types (appointments.changed, orders.changed, conversations.changed, …): the dashboard refreshes what it shows. Works across server processes through Redis.",
    tags: ["events"],
    access: "member",
    handle(c) {
      const { kv } = c.get("deps");
      const tenantId = tenantOf(c);
      return streamSSE(c, async (stream) => {
        const queue: string[] = [];
        let wake: (() => void) | null = null;
        const unsubscribe = await kv.subscribe(tenantChannel(tenantId), (message) => {
          queue.push(message);
          wake?.();
        });
        stream.onAbort(() => wake?.());
        await stream.writeSSE({ event: "ready", data: "{}" });
        try {
          while (!stream.aborted) {
            while (queue.length > 0) {
              await stream.writeSSE({ event: "change", data: queue.shift()! });
            }
            const timer = setTimeout(() => wake?.(), KEEP_ALIVE_MS);
            await new Promise<void>((resolve) => wake = resolve);
            clearTimeout(timer);
            wake = null;
            if (queue.length === 0 && !stream.aborted) await stream.write(": keep-alive\n\n");
          }
        } finally {
          await unsubscribe();
        }
      });
    },
  }),
};
