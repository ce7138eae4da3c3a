import { api, IdParams, tenantTx } from "../../../../lib/api.ts";
import { deleteInvitation } from "../../../../services/auth/accounts.ts";

export const handler = {
  DELETE: api({
    summary: "Withdraw a pending invitation",
    tags: ["team"],
    access: "owner",
    params: IdParams,
    status: 204,
    handle: (c, { params }) => tenantTx(c, (tx) => deleteInvitation(tx, params.id)),
  }),
};
