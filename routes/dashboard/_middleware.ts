import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../../lib/app_env.ts";
import { pageSession, sameOrigin } from "../../lib/session.ts";
import { rememberLocale } from "../../components/page.ts";
import { errorBody } from "../../services/errors.ts";

/**
 * Every dashboard page needs a signed-in user (the access cookie, or a renewal with the refresh
 * cookie); without one, the user is sent to the login page and back afterwards. Form posts must
 * come from this site.
 */
const requireSession: MiddlewareHandler<AppEnv> = async function requireSession(c, next) {
  rememberLocale(c);
  const principal = await pageSession(c);
  if (!principal || principal.kind !== "user") {
    const url = new URL(c.req.url);
    const back = c.req.method === "GET" ? `${url.pathname}${url.search}` : "/dashboard";
    return c.redirect(`/login?next=${encodeURIComponent(back)}`, 303);
  }
  if (c.req.method !== "GET" && c.req.method !== "HEAD" && !sameOrigin(c)) {
    return c.json(errorBody("forbidden", "Form posts must come from this site"), 403);
  }
  c.set("principal", principal);
  c.header("Cache-Control", "no-store");
  await next();
};

export const handler = requireSession;
