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
      const { kv, closing } = c.get("deps");
      const tenantId = tenantOf(c);
      return streamSSE(c, async (stream) => {
        const queue: string[] = [];
        let wake: (() => void) | null = null;
        const unsubscribe = await kv.subscribe(tenantChannel(tenantId), (message) => {
          queue.push(message);
          wake?.();
        });
        const stop = () => wake?.();
        stream.onAbort(stop);
        // A stopping server ends the stream; the dashboard reconnects to another process.
        closing.signal.addEventListener("abort", stop);
        const open = () => !stream.aborted && !closing.signal.aborted;
        await stream.writeSSE({ event: "ready", data: "{}" });
        try {
          while (open()) {
            while (queue.length > 0) {
              await stream.writeSSE({ event: "change", data: queue.shift()! });
            }
            const timer = setTimeout(() => wake?.(), KEEP_ALIVE_MS);
            await new Promise<void>((resolve) => {
              wake = resolve;
              if (!open()) resolve();
            });
            clearTimeout(timer);
            wake = null;
            if (queue.length === 0 && open()) await stream.write(": keep-alive\n\n");
          }
        } finally {
          closing.signal.removeEventListener("abort", stop);
          await unsubscribe();
        }
      });
    },
  }),
};
