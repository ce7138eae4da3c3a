/**
 * The request's language: the `arma_locale` cookie, then `?lang=`, then Accept-Language; Turkish
 * unless English is asked for.
 * @module
 */
import { getCookie } from "hono/cookie";
import type { Ctx } from "./app_env.ts";

/** The locale to answer a page request in. */
export function localeOf(c: Ctx): "tr" | "en" {
  const asked = c.req.query("lang") ?? getCookie(c, "arma_locale");
  if (asked === "en" || asked === "tr") return asked;
  const header = c.req.header("accept-language") ?? "";
  const first = header.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("en") ? "en" : "tr";
}
