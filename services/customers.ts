/**
 * Customers, as the business knows them by phone number across appointments, orders and
 * conversations; and what KVKK gives each of them: an export of everything held about them, and
 * erasure (records the business must keep for its books stay, anonymised).
 * @module
 */
import { z } from "zod";
import type { Tx } from "../db/types.ts";
import { type Appointment, appointmentsOfPhone } from "./appointments/appointments.ts";
import { type Conversation, conversationsWithMessages, type Message } from "./bot/conversations.ts";
import { recordAudit } from "./audit.ts";
import { ConflictError, NotFoundError, ValidationError } from "./errors.ts";
import { type Order, ordersOfPhone } from "./orders/orders.ts";
import { foldedLike } from "./offerings/offerings.ts";
import { normalizePhone } from "./phone.ts";
import type { SmsRecord } from "./sms/outbox.ts";

/** The name erased records carry. */
export const ERASED_NAME = "Anonim";

/** `GET /api/customers` query: search by name or phone, keyset pages. */
export const CustomerListQuery = z.object({
  q: z.string().trim().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(300).optional(),
});

/** A customer's phone as a route parameter, in any usual Turkish spelling. */
export const PhoneParams = z.object({
  phone: z.string().max(40).transform((value, ctx) => {
    const phone = normalizePhone(value);
    if (!phone) {
      ctx.addIssue({ code: "custom", message: "Not a phone number" });
      return z.NEVER;
    }
    return phone;
  }),
});

/** One customer in the list. */
export interface CustomerSummary {
  phone: string;
  name: string;
  email: string | null;
  appointments: number;
  orders: number;
  conversations: number;
  last_seen: Date;
}

/** Everything held about one customer (the KVKK export). */
export interface CustomerExport {
  phone: string;
  name: string;
  email: string | null;
  exported_at: Date;
  appointments: Appointment[];
  orders: Order[];
  conversations: (Conversation & { messages: Message[] })[];
  sms: SmsRecord[];
}

/** What an erasure changed. */
export interface Erasure {
  phone: string;
  appointments: number;
  cancelled_appointments: number;
  orders: number;
  conversations: number;
  sms: number;
}

const PEOPLE = `
  select customer_phone as phone, customer_name as name, customer_email as email,
    created_at as at, 'a' as kind from appointments
  union all
  select customer_phone, customer_name, customer_email, created_at, 'o' from orders
  union all
  select customer_phone, customer_name, customer_email, last_message_at, 'c' from conversations
  where customer_phone is not null`;

function encodeCursor(row: CustomerSummary): string {
  return btoa(JSON.stringify([row.last_seen.toISOString(), row.phone])).replace(/=+$/, "");
}

function decodeCursor(cursor: string): [string, string] {
  const invalid = () =>
    new ValidationError("Invalid cursor", { field: "cursor" }, "invalid_cursor");
  let value: unknown;
  try {
    value = JSON.parse(atob(cursor));
  } catch {
    throw invalid();
  }
  if (
    !Array.isArray(value) || value.length !== 2 || typeof value[0] !== "string" ||
    Number.isNaN(Date.parse(value[0])) || typeof value[1] !== "string" ||
    normalizePhone(value[1]) !== value[1]
  ) throw invalid();
  return [value[0], value[1]];
}

/** Lists the business's customers, the most recently seen first. */
export async function listCustomers(
  tx: Tx,
  query: z.infer<typeof CustomerListQuery>,
): Promise<{ data: CustomerSummary[]; next_cursor: string | null }> {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const digits = query.q?.replace(/\D/g, "") ?? "";
  const folded = query.q ? foldedLike(query.q) : null;
  const rows = await tx<CustomerSummary[]>`
    with people as (${tx.unsafe(PEOPLE)}),
    customers as (
      select phone,
        (array_agg(name order by at desc))[1] as name,
        (array_agg(email order by at desc) filter (where email is not null))[1] as email,
        count(*) filter (where kind = 'a')::int as appointments,
        count(*) filter (where kind = 'o')::int as orders,
        count(*) filter (where kind = 'c')::int as conversations,
        max(at) as last_seen
      from people where phone <> '' group by phone
    )
    select * from customers
    where true
      ${
    folded
      ? tx`and (arma_fold(name) like ${folded} ${
        digits.length >= 3 ? tx`or phone like ${"%" + digits + "%"}` : tx``
      })`
      : tx``
  }
      ${after ? tx`and (last_seen, phone) < (${after[0]}::timestamptz, ${after[1]})` : tx``}
    order by last_seen desc, phone desc
    limit ${query.limit + 1}`;
  const data = rows.slice(0, query.limit);
  return {
    data,
    next_cursor: rows.length > query.limit && data.length > 0 ? encodeCursor(data.at(-1)!) : null,
  };
}

async function conversationIds(tx: Tx, phone: string): Promise<string[]> {
  const rows = await tx<{ id: string }[]>`
    select id from conversations where customer_phone = ${phone}
    union
    select conversation_id from appointments
    where customer_phone = ${phone} and conversation_id is not null
    union
    select conversation_id from orders
    where customer_phone = ${phone} and conversation_id is not null`;
  return rows.map((r) => r.id);
}

/** Everything held about the customer with this phone; 404 when there is nothing. */
export async function exportCustomer(tx: Tx, phone: string): Promise<CustomerExport> {
  const appointments = await appointmentsOfPhone(tx, phone);
  const orders = await ordersOfPhone(tx, phone);
  const conversations = await conversationIds(tx, phone);
  const sms = await tx<SmsRecord[]>`
    select * from sms_messages where to_phone = ${phone} order by created_at, id`;
  if (
    appointments.length + orders.length + conversations.length + sms.length === 0
  ) throw new NotFoundError("Customer");
  const threads = await conversationsWithMessages(tx, conversations);
  const latest = [...appointments, ...orders, ...threads]
    .map((r) => ({ name: r.customer_name, email: r.customer_email }))
    .filter((r) => r.name);
  return {
    phone,
    name: latest.at(-1)?.name ?? "",
    email: latest.findLast((r) => r.email)?.email ?? null,
    exported_at: new Date(),
    appointments,
    orders,
    conversations: threads,
    sms,
  };
}

/**
 * Erases the customer with this phone: conversations are deleted; appointments, orders and SMS
 * records stay for the books without name, phone, e-mail, address or notes; coming appointments
 * are cancelled and queued messages withdrawn. Refused (409) while one of their orders is still
 * on its way, since the business needs the address to deliver it.
 */
export async function eraseCustomer(
  tx: Tx,
  phone: string,
  actorId: string | null,
): Promise<Erasure> {
  const open = await tx<{ order_number: string }[]>`
    select order_number from orders
    where customer_phone = ${phone} and status in ('paid', 'shipped') order by created_at`;
  if (open.length > 0) {
    throw new ConflictError(
      "The customer has orders on their way; deliver or cancel them first",
      "customer_has_open_orders",
      { orders: open.map((o) => o.order_number) },
    );
  }
  const conversations = await conversationIds(tx, phone);
  const cancelled = await tx`
    update appointments set status = 'cancelled', cancelled_at = now(), cancelled_by = 'business',
      cancel_reason = 'KVKK', updated_at = now()
    where customer_phone = ${phone} and status in ('pending', 'confirmed') and starts_at > now()`;
  const appointments = await tx`
    update appointments set customer_name = ${ERASED_NAME}, customer_phone = '',
      customer_email = null, notes = null, updated_at = now()
    where customer_phone = ${phone}`;
  const orders = await tx<{ id: string }[]>`
    update orders set customer_name = ${ERASED_NAME}, customer_phone = '', customer_email = null,
      shipping_address = null, notes = null, updated_at = now()
    where customer_phone = ${phone} returning id`;
  const sms = await tx`
    update sms_messages set to_phone = '', body = '',
      status = case when status = 'queued' then 'failed' else status end,
      error = case when status = 'queued' then 'KVKK' else error end, updated_at = now()
    where to_phone = ${phone}`;
  if (conversations.length > 0) {
    await tx`delete from conversations where id in ${tx(conversations)}`;
  }
  await tx`delete from idempotency_keys where response::text like ${"%" + phone + "%"}`;
  if (
    appointments.count + orders.length + sms.count + conversations.length === 0
  ) throw new NotFoundError("Customer");
  const erasure: Erasure = {
    phone,
    appointments: appointments.count,
    cancelled_appointments: cancelled.count,
    orders: orders.length,
    conversations: conversations.length,
    sms: sms.count,
  };
  const { phone: _, ...counts } = erasure;
  await recordAudit(tx, {
    actor: "user",
    actorId,
    action: "customer.erased",
    entity: "customer",
    data: counts,
  });
  if (appointments.count > 0) tx.emit({ type: "appointments.changed", data: {} });
  if (orders.length > 0) tx.emit({ type: "orders.changed", data: {} });
  if (conversations.length > 0) tx.emit({ type: "conversations.changed", data: {} });
  if (sms.count > 0) tx.emit({ type: "sms.changed", data: {} });
  return erasure;
}
