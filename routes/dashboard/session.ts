import type { Ctx } from "../../lib/app_env.ts";

export const handler = {
  /**
   * Renews the session: the dashboard middleware has checked (and, with the refresh cookie,
   * renewed) it. Islands call this when the API says the access cookie expired.
   */
  GET(c: Ctx) {
    return c.body(null, 204);
  },
};
