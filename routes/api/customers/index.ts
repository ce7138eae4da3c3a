import { api, tenantTx } from "../../../lib/api.ts";
import { CustomerListQuery, listCustomers } from "../../../services/customers.ts";

export const handler = {
  GET: api({
    summary: "The business's customers, by phone number",
    description:
      "Everyone who booked, ordered or gave a phone number in a conversation, the most recently seen first; q searches names (Turkish letters folded) and phone digits.",
    tags: ["customers"],
    access: "member",
    query: CustomerListQuery,
    handle: (c, { query }) => tenantTx(c, (tx) => listCustomers(tx, query)),
  }),
};
