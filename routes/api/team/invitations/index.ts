import { actorId, api, tenantTx } from "../../../../lib/api.ts";
import { createInvitation, InvitationInput } from "../../../../services/auth/accounts.ts";

export const handler = {
  POST: api({
    summary: "Invite a person to the team",
    description:
      "Returns the invitation and, once, its token and the link to send; the person joins with POST /api/auth/join.",
    tags: ["team"],
    access: "owner",
    body: InvitationInput,
    status: 201,
    async handle(c, { body }) {
      const { invitation, token } = await tenantTx(
        c,
        (tx) => createInvitation(tx, body, actorId(c)),
      );
      return {
        invitation,
        token,
        accept_url: `${c.get("deps").publicUrl}/join?token=${encodeURIComponent(token)}`,
      };
    },
  }),
};
