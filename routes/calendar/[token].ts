import type { Ctx } from "../../lib/app_env.ts";
import { calendarFeed } from "../../services/appointments/ics.ts";
import { errorBody } from "../../services/errors.ts";

export const handler = {
  async GET(c: Ctx) {
    const token = (c.req.param("token") ?? "").replace(/\.ics$/, "");
    const feed = /^[A-Za-z0-9_-]{20,64}$/.test(token)
      ? await calendarFeed(c.get("deps").db, token)
      : null;
    if (feed === null) return c.json(errorBody("not_found", "Calendar not found"), 404);
    return new Response(feed, {
      headers: { "Content-Type": "text/calendar; charset=utf-8" },
    });
  },
};
