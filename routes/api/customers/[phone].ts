import { actorId, api, tenantTx } from "../../../lib/api.ts";
import { eraseCustomer, exportCustomer, PhoneParams } from "../../../services/customers.ts";

export const handler = {
  GET: api({
    summary: "Everything held about one customer (KVKK export)",
    description:
      "The customer's appointments, orders with their lines, conversations with every message, and SMS records; the phone in any usual Turkish spelling.",
    tags: ["customers"],
    access: "owner",
    params: PhoneParams,
    handle: (c, { params }) => tenantTx(c, (tx) => exportCustomer(tx, params.phone)),
  }),
  DELETE: api({
    summary: "Erase a customer (KVKK)",
    description:
      "Deletes the customer's conversations; keeps appointments, orders and SMS records for the books without name, phone, e-mail, address or notes; cancels coming appointments and withdraws queued messages. 409 customer_has_open_orders while an order is paid or shipped but not delivered.",
    tags: ["customers"],
    access: "owner",
    params: PhoneParams,
    handle: (c, { params }) => tenantTx(c, (tx) => eraseCustomer(tx, params.phone, actorId(c))),
  }),
};
