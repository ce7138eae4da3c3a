import { api, tenantTx } from "../../../lib/api.ts";
import { getCurrentUser } from "../../../services/auth/accounts.ts";
import { ForbiddenError } from "../../../services/errors.ts";
import { getTenant } from "../../../services/tenants/tenants.ts";

export const handler = {
  GET: api({
    summary: "The logged-in user and their business",
    tags: ["auth"],
    access: "member",
    handle(c, { principal }) {
      if (principal.kind !== "user") throw new ForbiddenError("This needs a logged-in user");
      return tenantTx(c, async (tx) => ({
        user: await getCurrentUser(tx, principal.userId),
        tenant: await getTenant(tx),
      }));
    },
  }),
};
