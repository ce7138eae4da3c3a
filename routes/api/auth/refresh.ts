import { z } from "zod";
import { api } from "../../../lib/api.ts";
import { refresh } from "../../../services/auth/accounts.ts";

export const handler = {
  POST: api({
    summary: "Exchange a refresh token for a new pair",
    description:
      "Refresh tokens rotate: each is good once. Presenting a used token revokes its whole family.",
    tags: ["auth"],
    access: "public",
    body: z.object({ refresh_token: z.string().min(1).max(200) }).strict(),
    handle: (c, { body }) => refresh(c.get("deps").db, body.refresh_token, c.get("deps").signer),
  }),
};
