import { z } from "zod";
import { api } from "../../../lib/api.ts";
import { logout } from "../../../services/auth/accounts.ts";

export const handler = {
  POST: api({
    summary: "Log out",
    description: "Revokes the refresh token and every token rotated from the same login.",
    tags: ["auth"],
    access: "public",
    body: z.object({ refresh_token: z.string().min(1).max(200) }).strict(),
    status: 204,
    async handle(c, { body }) {
      await logout(c.get("deps").db, body.refresh_token);
    },
  }),
};
