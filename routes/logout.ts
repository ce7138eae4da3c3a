import { refuseForeign } from "../components/auth.ts";
import type { Ctx } from "../lib/app_env.ts";
import { clearSessionCookies, sessionRefreshToken } from "../lib/session.ts";
import { logout } from "../services/auth/accounts.ts";

export const handler = {
  /** Ends the session (the refresh token's whole family) and clears the cookies. */
  async POST(c: Ctx) {
    const foreign = refuseForeign(c);
    if (foreign) return foreign;
    const token = sessionRefreshToken(c);
    if (token && token.length <= 200) await logout(c.get("deps").db, token);
    clearSessionCookies(c);
    return c.redirect("/login", 303);
  },
  /** Logging out takes a form post; a plain visit goes back to the dashboard. */
  GET(c: Ctx) {
    return c.redirect("/dashboard", 303);
  },
};
