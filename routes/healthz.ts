import type { Ctx } from "../lib/app_env.ts";
import { withDeadline } from "../lib/deadline.ts";

// A check that does not answer in time is a failed check, not a hung probe.
const CHECK_MS = 2_000;

async function check(what: string, fn: () => Promise<unknown>): Promise<"ok" | "error"> {
  try {
    await withDeadline(fn(), CHECK_MS, what);
    return "ok";
  } catch {
    return "error";
  }
}

export const handler = {
  async GET(c: Ctx) {
    const { db, kv } = c.get("deps");
    const [database, redis] = await Promise.all([
      check("The database", () => db.sql`select 1`),
      kv.kind === "redis" ? check("Redis", () => kv.ping()) : Promise.resolve("disabled" as const),
    ]);
    const ok = database === "ok" && redis !== "error";
    return c.json({
      status: ok ? "ok" : "degraded",
      database: { status: database, kind: db.kind },
      redis: { status: redis },
    }, ok ? 200 : 503);
  },
};
