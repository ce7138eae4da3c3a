import { api, tenantTx } from "../../../lib/api.ts";
import { getTenant, TenantUpdate, updateTenant } from "../../../services/tenants/tenants.ts";

export const handler = {
  GET: api({
    summary: "The business profile and settings",
    tags: ["tenant"],
    access: "member",
    handle: (c) => tenantTx(c, getTenant),
  }),
  PUT: api({
    summary: "Update the business profile and settings",
    description:
      "Any subset of the profile; business_hours, closed_days and the settings groups (assistant, booking, shipping, payments) are merged.",
    tags: ["tenant"],
    access: "owner",
    body: TenantUpdate,
    handle: (c, { body }) => tenantTx(c, (tx) => updateTenant(tx, body)),
  }),
};
