import { z } from "zod";
import { api, IdParams, tenantTx } from "../../../lib/api.ts";
import { Origin, revokeApiKey, updateApiKey } from "../../../services/auth/keys.ts";

export const handler = {
  PUT: api({
    summary: "Rename a key or change its allowed origins",
    tags: ["keys"],
    access: "owner",
    params: IdParams,
    body: z.object({
      name: z.string().trim().min(1).max(100),
      allowed_origins: z.array(Origin).max(20),
    }).partial().strict(),
    handle: (c, { params, body }) => tenantTx(c, (tx) => updateApiKey(tx, params.id, body)),
  }),
  DELETE: api({
    summary: "Revoke a key",
    tags: ["keys"],
    access: "owner",
    params: IdParams,
    handle: (c, { params }) => tenantTx(c, (tx) => revokeApiKey(tx, params.id)),
  }),
};
