import { actorId, api, tenantTx } from "../../../lib/api.ts";
import { createApiKey, KeyCreate, listApiKeys } from "../../../services/auth/keys.ts";

export const handler = {
  GET: api({
    summary: "List API keys",
    tags: ["keys"],
    access: "owner",
    handle: (c) => tenantTx(c, async (tx) => ({ data: await listApiKeys(tx) })),
  }),
  POST: api({
    summary: "Create an API key",
    description:
      "Publishable keys (pk_…) serve the widget and devices from the allowed origins; secret keys (sk_…) serve servers. The key is shown once.",
    tags: ["keys"],
    access: "owner",
    body: KeyCreate,
    status: 201,
    handle: (c, { body }) => tenantTx(c, (tx) => createApiKey(tx, body, actorId(c))),
  }),
};
