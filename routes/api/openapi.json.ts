import type { Ctx } from "../../lib/app_env.ts";
import { buildOpenApi } from "../../lib/openapi.ts";
import { manifest } from "../../lib/routes_gen.ts";

let cached: string | undefined;

export const handler = {
  GET(c: Ctx) {
    cached ??= JSON.stringify(buildOpenApi(manifest, c.get("deps").publicUrl));
    return c.body(cached, 200, { "Content-Type": "application/json; charset=UTF-8" });
  },
};
