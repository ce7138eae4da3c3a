/**
 * Orders: totals from current prices, stock taken in the order's transaction by conditional
 * updates recorded in the ledger (never below zero), payment by link or by hand, status changes,
 * and cancellation that returns the stock.
 * @module
 */
import type { z } from "zod";
import type { Tx } from "../../db/types.ts";
import { recordAudit } from "../audit.ts";
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import { enqueue } from "../jobs/queue.ts";
import { toKurus } from "../money.ts";
import { decodeCursor, type Page, toPage } from "../pagination.ts";
import { recordStock } from "../offerings/offerings.ts";
import { manualInstructions } from "../payments/manual.ts";
import type { PaymentOutcome } from "../payments/types.ts";
import { requirePhone } from "../phone.ts";
import { queueSms } from "../sms/outbox.ts";
import { readSettings } from "../tenants/settings.ts";
import type {
  OrderCreate,
  OrderListQuery,
  OrderStatus,
  PaymentAction,
  PaymentMethod,
} from "./schemas.ts";
import { computeTotals } from "./totals.ts";

/** How long a payment link takes payment. */
export const CHECKOUT_MINUTES = 45;

/** Allowed status changes. */
export const ORDER_TRANSITIONS: Record<OrderStatus, OrderStatus[]> = {
  pending: ["paid", "cancelled"],
  paid: ["shipped", "delivered", "cancelled"],
  shipped: ["delivered"],
  delivered: [],
  cancelled: [],
};

/** A line of an order as stored. */
export interface OrderLine {
  product_id: string;
  name: string;
  quantity: number;
  unit_price: number;
  tax_rate: number;
  net_amount: number;
  tax_amount: number;
  total_price: number;
}

/** An order as the API shows it. */
export interface Order {
  id: string;
  order_number: string;
  status: OrderStatus;
  customer_name: string;
  customer_phone: string;
  customer_email: string | null;
  shipping_address: Record<string, unknown> | null;
  delivery: "shipping" | "pickup";
  subtotal_net: number;
  tax_total: number;
  shipping_cost: number;
  total_amount: number;
  currency: string;
  payment_method: string;
  payment_status: string;
  payment_provider: string | null;
  payment_reference: string | null;
  payment_link: string | null;
  payment_instructions: string | null;
  payment_expires_at: Date | null;
  notes: string | null;
  channel: string;
  conversation_id: string | null;
  locale: "tr" | "en";
  paid_at: Date | null;
  shipped_at: Date | null;
  delivered_at: Date | null;
  cancelled_at: Date | null;
  created_at: Date;
  updated_at: Date;
  items: OrderLine[];
}

/** What placing an order needs beyond its input. */
export interface OrderOptions {
  actor: "business" | "customer";
  /** The configured online provider; `manual` when none. */
  paymentProvider: "manual" | "stripe" | "iyzico";
  now?: Date;
  conversationId?: string | null;
  locale?: "tr" | "en";
}

const ONLINE = new Set<z.infer<typeof PaymentMethod>>(["card", "credit_card", "online"]);

const COLUMNS = `id, order_number, status, customer_name, customer_phone, customer_email,
  shipping_address, delivery, subtotal_net, tax_total, shipping_cost, total_amount, currency,
  payment_method, payment_status, payment_provider, payment_reference, payment_link,
  payment_instructions, payment_expires_at, notes, channel, conversation_id, locale, paid_at,
  shipped_at, delivered_at, cancelled_at, created_at, updated_at`;

async function nextOrderNumber(tx: Tx): Promise<string> {
  const [row] = await tx<{ value: number }[]>`
    insert into tenant_counters (tenant_id, name, value) values (${tx.tenantId}, 'order', 1)
    on conflict (tenant_id, name) do update set value = tenant_counters.value + 1
    returning value::int`;
  return `S-${1000 + row!.value}`;
}

async function withItems(tx: Tx, orders: Omit<Order, "items">[]): Promise<Order[]> {
  if (orders.length === 0) return [];
  const lines = await tx<(OrderLine & { order_id: string })[]>`
    select order_id, offering_id as product_id, name, quantity, unit_price, tax_rate, net_amount,
      tax_amount, total_price
    from order_items where order_id in ${tx(orders.map((o) => o.id))} order by name, id`;
  return orders.map((o) => ({
    ...o,
    items: lines.filter((l) => l.order_id === o.id).map(({ order_id: _, ...l }) => l),
  }));
}

/** Returns one order with its lines. */
export async function getOrder(tx: Tx, id: string): Promise<Order> {
  const rows = await tx<Omit<Order, "items">[]>`
    select ${tx.unsafe(COLUMNS)} from orders where id = ${id}`;
  if (rows.length === 0) throw new NotFoundError("Order");
  return (await withItems(tx, rows))[0]!;
}

/** Every order placed with a phone number, oldest first, with its items. */
export async function ordersOfPhone(tx: Tx, phone: string): Promise<Order[]> {
  return await withItems(
    tx,
    await tx<Omit<Order, "items">[]>`
      select ${tx.unsafe(COLUMNS)} from orders where customer_phone = ${phone}
      order by created_at, id`,
  );
}

/** Lists orders, newest first. */
export async function listOrders(
  tx: Tx,
  query: z.infer<typeof OrderListQuery>,
): Promise<Page<Order>> {
  const after = decodeCursor(query.cursor);
  const phone = query.phone ? requirePhone(query.phone, "phone") : null;
  const rows = await tx<Omit<Order, "items">[]>`
    select ${tx.unsafe(COLUMNS)} from orders
    where true
      ${query.status ? tx`and status = ${query.status}` : tx``}
      ${phone ? tx`and customer_phone = ${phone}` : tx``}
      ${
    after
      ? tx`and (created_at, id) < (select created_at, id from orders where id = ${after})`
      : tx``
  }
    order by created_at desc, id desc limit ${query.limit + 1}`;
  const page = toPage(rows, query.limit);
  return { ...page, data: await withItems(tx, page.data) };
}

async function takeStock(
  tx: Tx,
  orderId: string,
  line: { product_id: string; quantity: number; available: number | null },
): Promise<void> {
  if (line.available === null) return;
  const [row] = await tx<{ balance: number; threshold: number }[]>`
    update offerings set
      meta_info = jsonb_set(meta_info, '{stock_quantity}',
        to_jsonb((meta_info->>'stock_quantity')::int - ${line.quantity})),
      updated_at = now()
    where id = ${line.product_id}
      and coalesce((meta_info->>'stock_quantity')::int, 0) >= ${line.quantity}
    returning (meta_info->>'stock_quantity')::int as balance,
      coalesce((meta_info->>'low_stock_threshold')::int, 5) as threshold`;
  if (!row) {
    throw new ConflictError("Not enough stock for this order", "insufficient_stock", {
      product_id: line.product_id,
      requested: line.quantity,
      available: line.available,
    });
  }
  await recordStock(tx, {
    offeringId: line.product_id,
    delta: -line.quantity,
    balance: row.balance,
    reason: "order",
    orderId,
  });
  if (row.balance <= row.threshold && row.balance + line.quantity > row.threshold) {
    await tx`insert into notifications (tenant_id, kind, title, data)
      values (${tx.tenantId}, 'low_stock',
        (select 'Stok azaldı: ' || name || ' (' || ${row.balance} || ' adet)'
          from offerings where id = ${line.product_id}),
        ${
      tx.json({ product_id: line.product_id, balance: row.balance, threshold: row.threshold })
    })`;
    tx.emit({ type: "notifications.changed", data: { kind: "low_stock" } });
  }
}

async function returnStock(tx: Tx, order: Order, reason: string): Promise<void> {
  for (const line of order.items) {
    const [row] = await tx<{ balance: number }[]>`
      update offerings set
        meta_info = jsonb_set(meta_info, '{stock_quantity}',
          to_jsonb(coalesce((meta_info->>'stock_quantity')::int, 0) + ${line.quantity})),
        updated_at = now()
      where id = ${line.product_id} and coalesce((meta_info->>'stock_tracking')::boolean, true)
      returning (meta_info->>'stock_quantity')::int as balance`;
    if (!row) continue;
    await recordStock(tx, {
      offeringId: line.product_id,
      delta: line.quantity,
      balance: row.balance,
      reason,
      orderId: order.id,
    });
  }
  tx.emit({ type: "offerings.changed", data: { order_id: order.id } });
}

/** How an order is delivered: as asked, else shipped when it has an address, else picked up. */
export function orderDelivery(
  input: { delivery?: "shipping" | "pickup"; customer: { address?: unknown } },
): "shipping" | "pickup" {
  return input.delivery ?? (input.customer.address ? "shipping" : "pickup");
}

/** Places an order: prices, stock, payment and the customer's SMS, all in one transaction. */
export async function createOrder(
  tx: Tx,
  input: z.infer<typeof OrderCreate>,
  options: OrderOptions,
): Promise<Order> {
  const now = options.now ?? new Date();
  const phone = requirePhone(input.customer.phone, "customer.phone");
  const delivery = orderDelivery(input);
  const [tenant] = await tx<{ business_name: string; settings: unknown }[]>`
    select business_name, settings from tenants where id = ${tx.tenantId}`;
  const settings = readSettings(tenant!.settings);
  const totals = await computeTotals(tx, input.items, { delivery, lock: true, settings });
  if (delivery === "shipping" && !input.customer.address) {
    throw new ValidationError("An address is needed for delivery", {
      field: "customer.address",
    }, "address_required");
  }
  const id = crypto.randomUUID();
  const online = ONLINE.has(input.payment_method) && options.paymentProvider !== "manual";
  const provider = online ? options.paymentProvider : "manual";
  const locale = options.locale ?? "tr";
  const number = await nextOrderNumber(tx);
  const expiresAt = online ? new Date(now.getTime() + CHECKOUT_MINUTES * 60_000) : null;
  const instructions = online ? null : manualInstructions({
    orderNumber: number,
    currency: "TRY",
    totalKurus: toKurus(totals.total),
    locale,
    manualInstructions: settings.payments.manual_instructions,
  }, { delivery, method: input.payment_method, iban: settings.payments.iban });
  await tx`
    insert into orders (id, tenant_id, order_number, customer_name, customer_phone, customer_email,
      subtotal_net, tax_total, shipping_cost, total_amount, status, payment_method, payment_status,
      payment_provider, payment_instructions, payment_expires_at, shipping_address, delivery, notes,
      channel, conversation_id, locale)
    values (${id}, ${tx.tenantId}, ${number}, ${input.customer.name}, ${phone},
      ${input.customer.email ?? null}, ${totals.subtotal_net}, ${totals.tax_total},
      ${totals.shipping}, ${totals.total}, 'pending', ${input.payment_method}, 'unpaid',
      ${provider}, ${instructions}, ${expiresAt},
      ${input.customer.address ? tx.json(input.customer.address) : null}, ${delivery},
      ${input.notes ?? null}, ${
    input.channel ?? (options.actor === "business" ? "dashboard" : "web")
  },
      ${options.conversationId ?? null}, ${locale})`;
  await tx`insert into order_items ${
    tx(totals.lines.map((l) => ({
      tenant_id: tx.tenantId,
      order_id: id,
      offering_id: l.product_id,
      name: l.name,
      quantity: l.quantity,
      unit_price: l.unit_price,
      tax_rate: l.tax_rate,
      net_amount: l.net,
      tax_amount: l.tax,
      total_price: l.gross,
    })))
  }`;
  for (const line of totals.lines) await takeStock(tx, id, line);
  if (online) {
    await enqueue(tx, "payment.checkout", { order_id: id }, {
      idempotencyKey: `order:${id}:checkout:1`,
    });
    await enqueue(tx, "order.expire", { order_id: id }, {
      runAt: new Date(expiresAt!.getTime() + 60_000),
    });
  }
  await queueSms(tx, {
    to: phone,
    template: "order_received",
    locale,
    params: {
      business: tenant!.business_name,
      orderNumber: number,
      total: totals.total,
      instructions,
    },
    orderId: id,
  });
  tx.emit({ type: "orders.changed", data: { id, action: "created" } });
  tx.emit({ type: "offerings.changed", data: { order_id: id } });
  await recordAudit(tx, {
    actor: options.actor,
    action: "order.created",
    entity: "order",
    entityId: id,
    data: { total: totals.total },
  });
  return await getOrder(tx, id);
}

/** Moves an order along its lifecycle; cancelling returns the stock. */
export async function setOrderStatus(
  tx: Tx,
  id: string,
  status: OrderStatus,
  options: { reason?: string; actor: "business" | "customer" | "system" },
): Promise<Order> {
  const [row] = await tx<{ status: OrderStatus }[]>`
    select status from orders where id = ${id} for update`;
  if (!row) throw new NotFoundError("Order");
  if (!ORDER_TRANSITIONS[row.status].includes(status)) {
    throw new ConflictError(
      `Cannot change order status from ${row.status} to ${status}`,
      "invalid_transition",
      { from: row.status, allowed: ORDER_TRANSITIONS[row.status] },
    );
  }
  const stamp = { paid: "paid_at", shipped: "shipped_at", delivered: "delivered_at" } as const;
  await tx`
    update orders set status = ${status}, updated_at = now(),
      ${
    status === "cancelled"
      ? options.reason
        ? tx`cancelled_at = now(), notes = concat_ws(' ', notes, ${`[${options.reason}]`}::text)`
        : tx`cancelled_at = now()`
      : tx`${tx(stamp[status as keyof typeof stamp] ?? "updated_at")} = now()`
  }
      ${status === "paid" ? tx`, payment_status = 'paid'` : tx``}
    where id = ${id}`;
  const order = await getOrder(tx, id);
  if (status === "cancelled") {
    await returnStock(tx, order, "order_cancelled");
    if (order.payment_provider === "stripe" && order.payment_reference) {
      await enqueue(tx, "payment.expire_checkout", { order_id: id }, {
        idempotencyKey: `order:${id}:expire`,
      });
    }
  }
  tx.emit({ type: "orders.changed", data: { id, action: status } });
  await recordAudit(tx, {
    actor: options.actor,
    action: `order.${status}`,
    entity: "order",
    entityId: id,
    data: { reason: options.reason ?? null },
  });
  return order;
}

/** Records a payment link the worker obtained from the provider. */
export async function recordCheckout(
  tx: Tx,
  id: string,
  session: { reference: string | null; url: string | null; expiresAt: Date | null },
): Promise<Order> {
  await tx`
    update orders set payment_reference = ${session.reference}, payment_link = ${session.url},
      payment_expires_at = coalesce(${session.expiresAt}, payment_expires_at), updated_at = now()
    where id = ${id}`;
  tx.emit({ type: "orders.changed", data: { id, action: "payment_link" } });
  return await getOrder(tx, id);
}

/** Applies what a payment provider reported; each provider event is applied once. */
export async function applyPaymentOutcome(tx: Tx, outcome: PaymentOutcome): Promise<Order | null> {
  const [fresh] = await tx`
    insert into payment_events (tenant_id, provider, event_id, order_id, status)
    values (${tx.tenantId}, ${outcome.provider}, ${outcome.eventId}, ${outcome.orderId},
      ${outcome.status})
    on conflict do nothing returning event_id`;
  if (!fresh) return null;
  const [row] = await tx<{ status: OrderStatus; payment_status: string; total_amount: number }[]>`
    select status, payment_status, total_amount from orders where id = ${outcome.orderId}
    for update`;
  if (!row) return null;
  if (outcome.status === "paid") {
    if (row.status === "pending") {
      await tx`update orders set payment_reference = ${outcome.reference} where id = ${outcome.orderId}`;
      return await setOrderStatus(tx, outcome.orderId, "paid", { actor: "system" });
    }
    if (row.status === "cancelled" && row.payment_status !== "paid") {
      await tx`update orders set payment_status = 'paid_after_cancel', updated_at = now()
        where id = ${outcome.orderId}`;
      await tx`insert into notifications (tenant_id, kind, title, data)
        values (${tx.tenantId}, 'refund_needed',
          'İptal edilmiş bir sipariş ödendi: iade gerekiyor',
          ${tx.json({ order_id: outcome.orderId, reference: outcome.reference })})`;
      tx.emit({ type: "notifications.changed", data: { kind: "refund_needed" } });
    }
    return await getOrder(tx, outcome.orderId);
  }
  if (outcome.status === "expired" && row.status === "pending" && row.payment_status !== "paid") {
    return await setOrderStatus(tx, outcome.orderId, "cancelled", {
      actor: "system",
      reason: "payment_expired",
    });
  }
  if (outcome.status === "failed" && row.status === "pending") {
    await tx`update orders set payment_status = 'failed', updated_at = now()
      where id = ${outcome.orderId}`;
    tx.emit({ type: "orders.changed", data: { id: outcome.orderId, action: "payment_failed" } });
  }
  return await getOrder(tx, outcome.orderId);
}

/** Cancels an online order whose payment window passed unpaid; returns the stock. */
export async function expireUnpaid(tx: Tx, id: string, now: Date = new Date()): Promise<void> {
  const [row] = await tx<{ status: OrderStatus; payment_status: string; expires: Date | null }[]>`
    select status, payment_status, payment_expires_at as expires from orders where id = ${id}
    for update`;
  if (!row || row.status !== "pending" || row.payment_status === "paid") return;
  if (!row.expires || row.expires > now) return;
  await setOrderStatus(tx, id, "cancelled", { actor: "system", reason: "payment_expired" });
}

/** Takes a payment action on an order: a fresh payment link, or a payment recorded by hand. */
export async function orderPayment(
  tx: Tx,
  id: string,
  action: z.infer<typeof PaymentAction>,
  options: { paymentProvider: "manual" | "stripe" | "iyzico"; now?: Date },
): Promise<Order> {
  const order = await getOrder(tx, id);
  if (action.action === "record") {
    if (order.status !== "pending") {
      throw new ConflictError(
        `Cannot record a payment for an order that is ${order.status}`,
        "invalid_transition",
      );
    }
    await tx`update orders set payment_method = ${action.method},
      payment_reference = ${action.reference ?? null} where id = ${id}`;
    return await setOrderStatus(tx, id, "paid", { actor: "business" });
  }
  if (order.status !== "pending") {
    throw new ConflictError(
      `Cannot take payment for an order that is ${order.status}`,
      "invalid_transition",
    );
  }
  if (options.paymentProvider === "manual") return order;
  const now = options.now ?? new Date();
  const [count] = await tx<{ n: number }[]>`
    select count(*)::int as n from jobs where kind = 'payment.checkout' and payload->>'order_id' = ${id}`;
  const expires = new Date(now.getTime() + CHECKOUT_MINUTES * 60_000);
  await tx`update orders set payment_provider = ${options.paymentProvider},
    payment_expires_at = ${expires}, payment_link = null, updated_at = now() where id = ${id}`;
  await enqueue(tx, "payment.checkout", { order_id: id }, {
    idempotencyKey: `order:${id}:checkout:${count!.n + 1}`,
  });
  await enqueue(tx, "order.expire", { order_id: id }, {
    runAt: new Date(expires.getTime() + 60_000),
  });
  return await getOrder(tx, id);
}
