import { api, tenantTx } from "../../../lib/api.ts";
import { listTeam } from "../../../services/auth/accounts.ts";

export const handler = {
  GET: api({
    summary: "List team members and pending invitations",
    tags: ["team"],
    access: "member",
    handle: (c) => tenantTx(c, listTeam),
  }),
};
