import type { Ctx } from "../lib/app_env.ts";

async function check(fn: () => Promise<unknown>): Promise<"ok" | "error"> {
  try {
    await fn();
    return "ok";
  } catch {
    return "error";
  }
}

export const handler = {
  async GET(c: Ctx) {
    const { db, kv } = c.get("deps");
    const [database, redis] = await Promise.all([
      check(() => db.sql`select 1`),
      kv.kind === "redis" ? check(() => kv.ping()) : Promise.resolve("disabled" as const),
    ]);
    const ok = database === "ok" && redis !== "error";
    return c.json({
      status: ok ? "ok" : "degraded",
      database: { status: database, kind: db.kind },
      redis: { status: redis },
    }, ok ? 200 : 503);
  },
};
