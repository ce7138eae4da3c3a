/**
 * Order schemas shared by the API and the assistant's tools.
 * @module
 */
import { z } from "zod";
import { Address } from "../tenants/tenants.ts";
import { PageQuery } from "../pagination.ts";

/** One line: a product and how many. */
export const OrderItem = z.object({
  product_id: z.guid(),
  quantity: z.number().int().min(1).max(1000),
}).strict();

/** Items of an order; a product appears once (quantities of repeats are added). */
export const OrderItems = z.array(OrderItem).min(1).max(50);

/** How the customer pays: online (a payment link), by bank transfer, or at the shop. */
export const PaymentMethod = z.enum([
  "card",
  "credit_card",
  "online",
  "bank_transfer",
  "cash",
  "pay_at_shop",
]);

/** What `POST /api/orders` accepts. */
export const OrderCreate = z.object({
  items: OrderItems,
  customer: z.object({
    name: z.string().trim().min(2).max(255),
    phone: z.string().trim().min(7).max(32),
    email: z.email().max(255).optional(),
    address: Address.optional(),
  }).strict(),
  payment_method: PaymentMethod,
  delivery: z.enum(["shipping", "pickup"]).optional(),
  notes: z.string().max(2000).optional(),
  idempotency_key: z.string().min(8).max(255).optional(),
  channel: z.enum(["web", "arma", "whatsapp", "dashboard", "api"]).optional(),
}).strict();

/** What `POST /api/orders/totals` (and `calculate_total`) accepts. */
export const TotalsRequest = z.object({
  items: OrderItems,
  delivery: z.enum(["shipping", "pickup"]).default("shipping"),
}).strict();

/** Order statuses. */
export const OrderStatus = z.enum(["pending", "paid", "shipped", "delivered", "cancelled"]);

/** An order status. */
export type OrderStatus = z.infer<typeof OrderStatus>;

/** What `PUT /api/orders/:id/status` accepts. */
export const OrderStatusUpdate = z.object({
  status: OrderStatus,
  reason: z.string().max(500).optional(),
}).strict();

/** What `POST /api/orders/:id/payment` accepts. */
export const PaymentAction = z.discriminatedUnion("action", [
  z.object({ action: z.literal("link") }).strict(),
  z.object({
    action: z.literal("record"),
    method: z.enum(["cash", "bank_transfer", "card_at_shop"]),
    reference: z.string().max(255).optional(),
  }).strict(),
]);

/** Filters of `GET /api/orders`. */
export const OrderListQuery = PageQuery.extend({
  status: OrderStatus.optional(),
  phone: z.string().max(32).optional(),
});
