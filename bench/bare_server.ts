/**
 * The bare Hono JSON routes the API benchmark compares against: `/json` (a tiny object) and
 * `/payload` (the bytes of a file, e.g. a real offerings list). Port and file from argv.
 */
import { Hono } from "hono";

const payload = Deno.args[1] ? await Deno.readTextFile(Deno.args[1]) : "{}";
const app = new Hono();
app.get("/json", (c) => c.json({ data: [{ id: 1, name: "Saç Kesimi", price: 450 }] }));
app.get("/payload", (c) => c.body(payload, 200, { "Content-Type": "application/json" }));
// The same bytes with the headers Arma's answer carries (request id, nosniff, rate limits, cache).
app.get("/payload-headers", () => {
  const res = new Response(payload, { headers: { "Content-Type": "application/json" } });
  for (
    const [k, v] of [
      ["X-Request-Id", crypto.randomUUID()],
      ["X-Content-Type-Options", "nosniff"],
      ["RateLimit-Limit", "100"],
      ["RateLimit-Remaining", "99"],
      ["RateLimit-Reset", "1"],
      ["RateLimit-Policy", '100;w=60;name="ip"'],
      ["X-Cache", "hit"],
    ]
  ) res.headers.set(k!, v!);
  return res;
});
Deno.serve({ port: Number(Deno.args[0]), hostname: "127.0.0.1", onListen: () => {} }, app.fetch);
