import { z } from "zod";
import { api, IdParams, tenantTx } from "../../../lib/api.ts";
import { removeMember, setMemberRole } from "../../../services/auth/accounts.ts";

export const handler = {
  PUT: api({
    summary: "Change a member's role",
    tags: ["team"],
    access: "owner",
    params: IdParams,
    body: z.object({ role: z.enum(["owner", "staff"]) }).strict(),
    handle: (c, { params, body }) => tenantTx(c, (tx) => setMemberRole(tx, params.id, body.role)),
  }),
  DELETE: api({
    summary: "Remove a member from the team",
    tags: ["team"],
    access: "owner",
    params: IdParams,
    status: 204,
    handle: (c, { params }) => tenantTx(c, (tx) => removeMember(tx, params.id)),
  }),
};
