/**
 * What the login, sign-up and join pages share: refusing cross-site posts, reading their forms
 * and counting login attempts.
 * @module
 */
import type { Ctx } from "../lib/app_env.ts";
import { clientIp } from "../lib/middleware/rate_limit.ts";
import { sameOrigin } from "../lib/session.ts";
import { errorBody } from "../services/errors.ts";
import type { Locale } from "./format.ts";
import { type FormFields, pageLocale, readForm } from "./page.ts";

/** A 403 for a form post from another site, or undefined when the post is ours. */
export function refuseForeign(c: Ctx): Response | undefined {
  if (sameOrigin(c)) return undefined;
  return c.json(errorBody("forbidden", "Form posts must come from this site"), 403);
}

/** A sign-in page's post: a 403 when it comes from another site, else its locale and fields. */
export async function readAuthPost(
  c: Ctx,
): Promise<Response | { locale: Locale; form: FormFields }> {
  const foreign = refuseForeign(c);
  if (foreign) return foreign;
  return { locale: pageLocale(c), form: await readForm(c) };
}

/** The password as typed (never trimmed), or empty. */
export function password(form: FormFields): string {
  return typeof form.password === "string" ? form.password : "";
}

const ATTEMPTS = 10;
const WINDOW_SECONDS = 15 * 60;

/** Counts a login attempt for the address and e-mail (as the API does); false when over. */
export async function loginAllowed(c: Ctx, email: string): Promise<boolean> {
  const d = await c.get("deps").kv.rateLimit([{
    key: `login:${clientIp(c)}:${email}`,
    limit: ATTEMPTS,
    windowSeconds: WINDOW_SECONDS,
    name: "login",
  }]);
  return d.allowed;
}
