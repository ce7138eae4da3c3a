import { api } from "../../../lib/api.ts";
import { acceptInvitation, AcceptInvitationInput } from "../../../services/auth/accounts.ts";

export const handler = {
  POST: api({
    summary: "Join a team by invitation",
    description:
      "Accepts an invitation token: creates the user (or checks an existing user's password) and logs in.",
    tags: ["auth"],
    access: "public",
    body: AcceptInvitationInput,
    handle: (c, { body }) => acceptInvitation(c.get("deps").db, body, c.get("deps").signer),
  }),
};
