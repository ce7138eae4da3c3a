/**
 * The language of a page: `?lang=`, then the `arma_locale` cookie the language switch sets;
 * Turkish otherwise (Arma is Turkish first, whatever the browser's language).
 * @module
 */
import { getCookie } from "hono/cookie";
import type { Ctx } from "./app_env.ts";

/** The locale to answer a page request in. */
export function localeOf(c: Ctx): "tr" | "en" {
  const asked = c.req.query("lang") ?? getCookie(c, "arma_locale");
  return asked === "en" ? "en" : "tr";
}
