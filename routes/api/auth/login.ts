import { api } from "../../../lib/api.ts";
import { clientIp } from "../../../lib/middleware/rate_limit.ts";
import { login, LoginInput } from "../../../services/auth/accounts.ts";
import { AppError } from "../../../services/errors.ts";

// Beyond the per-IP limit, each e-mail gets 10 attempts per 15 minutes from one address.
const ATTEMPTS = 10;
const WINDOW_SECONDS = 15 * 60;

export const handler = {
  POST: api({
    summary: "Log in",
    tags: ["auth"],
    access: "public",
    body: LoginInput,
    async handle(c, { body }) {
      const { kv, db, signer } = c.get("deps");
      const d = await kv.rateLimit([{
        key: `login:${clientIp(c)}:${body.email}`,
        limit: ATTEMPTS,
        windowSeconds: WINDOW_SECONDS,
        name: "login",
      }]);
      if (!d.allowed) {
        c.header("Retry-After", String(d.retryAfterSeconds));
        throw new AppError(429, "rate_limited", "Too many login attempts; retry later");
      }
      return await login(db, body, signer);
    },
  }),
};
