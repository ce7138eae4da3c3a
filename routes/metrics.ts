import type { Ctx } from "../lib/app_env.ts";

export const handler = {
  GET(c: Ctx) {
    return c.text(c.get("deps").metrics.render(), 200, {
      "Content-Type": "text/plain; version=0.0.4; charset=utf-8",
    });
  },
};
