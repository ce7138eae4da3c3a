/**
 * The assistant's tools: the seed document's (list_services, get_service_details,
 * check_availability, create_appointment, list_products, get_product_details, check_stock,
 * create_order, calculate_total) plus cancel_appointment, hold_slot, search_knowledge,
 * get_business_info and request_handover. Each is one zod schema and one function; the model's
 * declaration is generated from the schema. Prices, totals and slots come only from here.
 * @module
 */
import { z } from "zod";
import { withTenant } from "../../db/tenant.ts";
import type { Db, Tx } from "../../db/types.ts";
import {
  cancelByCode,
  createAppointment,
  customerCancellation,
  findByCode,
  holdSlot,
} from "../appointments/appointments.ts";
import { findAvailability } from "../appointments/availability.ts";
import { sha256Hex } from "../auth/crypto.ts";
import { AppError, NotFoundError, ValidationError } from "../errors.ts";
import { once } from "../idempotency.ts";
import { foldText } from "../offerings/offerings.ts";
import { DEFAULT_CANCELLATION_HOURS, DEFAULT_TAX_RATE } from "../offerings/schemas.ts";
import { inStock, stockLeft } from "../offerings/stock.ts";
import { withPaymentLink } from "../orders/checkout_now.ts";
import { createOrder, orderDelivery } from "../orders/orders.ts";
import { customerPaymentMethods } from "./payment_methods.ts";
import { OrderItems, PaymentMethod } from "../orders/schemas.ts";
import { computeTotals } from "../orders/totals.ts";
import { WEEKDAYS } from "../tenants/settings.ts";
import { Address, getTenant } from "../tenants/tenants.ts";
import { addDays, localDate, minutesOf } from "../time.ts";
import { fillCustomer } from "./conversations.ts";
import { searchKnowledge } from "./knowledge.ts";
import type { ToolCall, ToolDeclaration, ToolResult } from "./model.ts";

/** What a tool may use. */
export interface ToolContext {
  db: Db;
  tenantId: string;
  conversationId: string;
  channel: "web" | "arma" | "whatsapp";
  locale: "tr" | "en";
  now: Date;
  paymentProvider: "manual" | "stripe" | "iyzico";
  /** Asks for a person; the engine marks the conversation. */
  requestHandover(reason: string | null): Promise<void>;
  /** Runs a just-written job now (the payment link of a new order). */
  runJobNow?(jobId: string): Promise<boolean>;
}

/** One tool: its schema, its description for the model, and what it does. */
export interface Tool<A = unknown> {
  name: string;
  description: string;
  schema: z.ZodType<A>;
  run(ctx: ToolContext, args: A): Promise<unknown>;
}

const Id = z.guid();
const LocalDate = z.iso.date();
const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM");
const CustomerIn = z.object({
  name: z.string().trim().min(2).max(255),
  phone: z.string().trim().min(7).max(32),
  email: z.email().max(255).optional(),
});

const tenantTx = <T>(ctx: ToolContext, fn: (tx: Tx) => Promise<T>) =>
  withTenant(ctx.db, ctx.tenantId, fn);

/** JSON with object keys sorted at every depth, so equal arguments always read the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** A stable key per conversation and call, so a retried model call never books twice. */
async function callKey(ctx: ToolContext, name: string, args: unknown): Promise<string> {
  return `${ctx.conversationId}:${name}:${await sha256Hex(canonicalJson(args))}`;
}

interface OfferingRow {
  id: string;
  name: string;
  description: string | null;
  price: number;
  category: string | null;
  meta_info: Record<string, unknown>;
}

/** The active offerings of one type, optionally of one category (folded), by category and name. */
function activeOfferings(tx: Tx, type: "service" | "product", category: string | undefined) {
  return tx<OfferingRow[]>`
    select id, name, description, price, category, meta_info from offerings
    where offering_type = ${type} and is_active
      ${category ? tx`and arma_fold(category) = ${foldText(category)}` : tx``}
    order by category nulls last, name`;
}

/** One active offering of the given type, or a not-found error the model can read. */
async function activeOffering(tx: Tx, id: string, type: "service" | "product") {
  const [row] = await tx<OfferingRow[]>`
    select id, name, description, price, category, meta_info from offerings
    where id = ${id} and offering_type = ${type} and is_active`;
  if (!row) throw new NotFoundError(type === "service" ? "Service" : "Product");
  return row;
}

async function staffNames(tx: Tx): Promise<Map<string, string>> {
  const rows = await tx<{ id: string; name: string }[]>`select id, name from staff_members`;
  return new Map(rows.map((r) => [r.id, r.name]));
}

function tool<A>(t: Tool<A>): Tool<unknown> {
  return t as Tool<unknown>;
}

// A week of quarter hours fits: the model (or the offline assistant) needs every free time to
// tell whether the one the customer named is among them.
const MAX_SLOTS = 300;

const PART_WINDOWS: Record<string, [number, number]> = {
  morning: [0, 12 * 60],
  afternoon: [12 * 60, 17 * 60],
  evening: [17 * 60, 24 * 60],
};

/** Every tool, by name. */
const TOOLS: Record<string, Tool<unknown>> = Object.fromEntries([
  tool({
    name: "list_services",
    description:
      "Lists the business's services (appointments) with price in TRY, duration in minutes and category.",
    schema: z.object({ category: z.string().max(100).optional() }),
    run: (ctx, args) =>
      tenantTx(ctx, async (tx) => ({
        currency: "TRY",
        services: (await activeOfferings(tx, "service", args.category)).map((r) => ({
          id: r.id,
          name: r.name,
          price: r.price,
          duration_minutes: r.meta_info.duration_minutes ?? null,
          category: r.category,
          description: r.description,
        })),
      })),
  }),
  tool({
    name: "get_service_details",
    description:
      "Details of one service: price, duration, preparation and cleanup, who performs it, cancellation policy.",
    schema: z.object({ service_id: Id }),
    run: (ctx, args) =>
      tenantTx(ctx, async (tx) => {
        const row = await activeOffering(tx, args.service_id, "service");
        const names = await staffNames(tx);
        const ids = (row.meta_info.staff_ids as string[] | undefined) ?? [];
        return {
          id: row.id,
          name: row.name,
          description: row.description,
          category: row.category,
          price: row.price,
          currency: "TRY",
          duration_minutes: row.meta_info.duration_minutes,
          cancellation_hours: row.meta_info.cancellation_hours ?? DEFAULT_CANCELLATION_HOURS,
          staff: (ids.length > 0 ? ids : [...names.keys()]).map((id) => ({
            id,
            name: names.get(id) ?? null,
          })).filter((s) => s.name),
        };
      }),
  }),
  tool({
    name: "check_availability",
    description:
      "Free appointment times of a service on a date (YYYY-MM-DD, the business's time zone), optionally for one staff member, a part of the day, or up to 7 days from the date.",
    schema: z.object({
      service_id: Id,
      date: LocalDate,
      staff_id: Id.optional(),
      part_of_day: z.enum(["morning", "afternoon", "evening"]).optional(),
      days: z.number().int().min(1).max(7).optional(),
    }),
    run: (ctx, args) =>
      tenantTx(ctx, async (tx) => {
        const found = await findAvailability(tx, {
          serviceId: args.service_id,
          from: args.date,
          to: addDays(args.date, (args.days ?? 1) - 1),
          staffId: args.staff_id,
          holder: ctx.conversationId,
        }, ctx.now);
        const window: [number, number] = args.part_of_day
          ? PART_WINDOWS[args.part_of_day]!
          : [0, 1440];
        const slots = found.slots.filter((s) => {
          const m = minutesOf(s.time);
          return m >= window[0] && m < window[1];
        });
        const names = await staffNames(tx);
        return {
          service: {
            id: found.service.id,
            name: found.service.name,
            duration_minutes: found.service.meta.duration_minutes,
            price: found.service.price,
          },
          timezone: found.timezone,
          slots: slots.slice(0, MAX_SLOTS).map((s) => ({
            date: s.date,
            time: s.time,
            start: s.start,
            staff: s.staff_ids.map((id) => ({ id, name: names.get(id) ?? "" })),
          })),
          more: slots.length > MAX_SLOTS,
        };
      }),
  }),
  tool({
    name: "hold_slot",
    description:
      "Keeps a free time for this customer for a few minutes while they give their name and phone.",
    schema: z.object({
      service_id: Id,
      date: LocalDate,
      time: LocalTime,
      staff_id: Id.optional(),
    }),
    run: (ctx, args) =>
      tenantTx(ctx, async (tx) => {
        const hold = await holdSlot(tx, { ...args, holder: ctx.conversationId }, ctx.now);
        const names = await staffNames(tx);
        return {
          hold_id: hold.id,
          expires_at: hold.expires_at,
          date: args.date,
          time: args.time,
          staff: hold.staff_id ? { id: hold.staff_id, name: names.get(hold.staff_id) } : null,
        };
      }),
  }),
  tool({
    name: "create_appointment",
    description:
      "Books an appointment. Needs the service, the date and time (from check_availability), the customer's name and phone; a staff member only when the customer asked for one.",
    schema: z.object({
      service_id: Id,
      date: LocalDate,
      time: LocalTime,
      staff_id: Id.optional(),
      customer: CustomerIn,
      notes: z.string().max(1000).optional(),
    }),
    async run(ctx, args) {
      const key = await callKey(ctx, "create_appointment", args);
      const result = await tenantTx(ctx, (tx) =>
        once(tx, "tool", key, args, async () => {
          const a = await createAppointment(tx, { ...args, channel: ctx.channel }, {
            actor: "customer",
            now: ctx.now,
            conversationId: ctx.conversationId,
          });
          // The inbox then shows who the conversation is with.
          await fillCustomer(tx, ctx.conversationId, {
            name: a.customer_name,
            phone: a.customer_phone,
          });
          return {
            status: 201,
            body: {
              success: true,
              appointment_id: a.id,
              confirmation_code: a.confirmation_code,
              service: a.service_name,
              staff: a.staff_name,
              date: a.scheduled_date,
              time: a.scheduled_time,
              starts_at: a.starts_at,
              ends_at: a.ends_at,
              price: a.price,
              customer_name: a.customer_name,
              customer_phone: a.customer_phone,
              status: a.status,
            },
          };
        }));
      return result.body;
    },
  }),
  tool({
    name: "cancel_appointment",
    description:
      "Cancels the customer's own appointment; needs its confirmation code and the phone number it was booked with.",
    schema: z.object({
      confirmation_code: z.string().trim().length(6),
      phone: z.string().trim().min(7).max(32),
    }),
    run: (ctx, args) =>
      tenantTx(ctx, async (tx) => {
        const a = await cancelByCode(tx, args, ctx.now);
        return {
          success: true,
          confirmation_code: a.confirmation_code,
          service: a.service_name,
          date: a.scheduled_date,
          time: a.scheduled_time,
          status: a.status,
        };
      }),
  }),
  tool({
    name: "find_appointment",
    description:
      "Looks up the customer's own appointment by confirmation code and phone (both must match).",
    schema: z.object({
      confirmation_code: z.string().trim().length(6),
      phone: z.string().trim().min(7).max(32),
    }),
    run: (ctx, args) =>
      tenantTx(ctx, async (tx) => {
        const a = await findByCode(tx, args.confirmation_code, args.phone);
        if (!a) throw new NotFoundError("Appointment with this code and phone");
        const window = await customerCancellation(tx, a, ctx.now);
        return {
          confirmation_code: a.confirmation_code,
          service_id: a.offering_id,
          service: a.service_name,
          staff: a.staff_name,
          customer_name: a.customer_name,
          date: a.scheduled_date,
          time: a.scheduled_time,
          status: a.status,
          cancellation_hours: window.hours,
          cancellable_here: window.allowed,
        };
      }),
  }),
  tool({
    name: "list_products",
    description:
      "Lists the products for sale with price in TRY (KDV included) and whether in stock.",
    schema: z.object({ category: z.string().max(100).optional() }),
    run: (ctx, args) =>
      tenantTx(ctx, async (tx) => ({
        currency: "TRY",
        products: (await activeOfferings(tx, "product", args.category)).map((r) => ({
          id: r.id,
          name: r.name,
          price: r.price,
          category: r.category,
          description: r.description,
          brand: r.meta_info.brand ?? null,
          in_stock: inStock(r.meta_info),
        })),
      })),
  }),
  tool({
    name: "get_product_details",
    description: "Details of one product: price, brand, ingredients, usage, KDV rate, stock.",
    schema: z.object({ product_id: Id }),
    run: (ctx, args) =>
      tenantTx(ctx, async (tx) => {
        const row = await activeOffering(tx, args.product_id, "product");
        const m = row.meta_info;
        return {
          id: row.id,
          name: row.name,
          description: row.description,
          category: row.category,
          price: row.price,
          currency: "TRY",
          tax_rate: m.tax_rate ?? DEFAULT_TAX_RATE,
          brand: m.brand ?? null,
          ingredients: m.ingredients ?? null,
          usage: m.usage ?? null,
          in_stock: inStock(m),
          stock_quantity: stockLeft(m),
        };
      }),
  }),
  tool({
    name: "check_stock",
    description: "How many of a product are in stock.",
    schema: z.object({ product_id: Id, quantity: z.number().int().min(1).max(1000).optional() }),
    run: (ctx, args) =>
      tenantTx(ctx, async (tx) => {
        const row = await activeOffering(tx, args.product_id, "product");
        return {
          product_id: args.product_id,
          name: row.name,
          available: stockLeft(row.meta_info),
          in_stock: inStock(row.meta_info, args.quantity),
        };
      }),
  }),
  tool({
    name: "calculate_total",
    description:
      "The total of products and quantities: each line with net, KDV and gross, shipping and the total, without ordering.",
    schema: z.object({ items: OrderItems, delivery: z.enum(["shipping", "pickup"]).optional() }),
    run: (ctx, args) =>
      tenantTx(
        ctx,
        (tx) => computeTotals(tx, args.items, { delivery: args.delivery ?? "shipping" }),
      ),
  }),
  tool({
    name: "create_order",
    description:
      "Places an order for products. Needs items with quantities, the customer's name and phone (and an address for delivery), and the payment method: card (a payment link is sent) or bank_transfer, cash, pay_at_shop.",
    schema: z.object({
      items: OrderItems,
      customer: CustomerIn.extend({ address: Address.optional() }),
      payment_method: PaymentMethod,
      delivery: z.enum(["shipping", "pickup"]).optional(),
      notes: z.string().max(1000).optional(),
    }),
    async run(ctx, args) {
      const key = await callKey(ctx, "create_order", args);
      const result = await tenantTx(ctx, async (tx) => {
        const accepted = customerPaymentMethods(
          (await getTenant(tx)).settings.payments,
          orderDelivery(args),
          ctx.paymentProvider !== "manual",
        );
        if (!accepted.includes(args.payment_method)) {
          throw new ValidationError("Cannot take this payment method for this order", {
            field: "payment_method",
            accepted,
          }, "payment_not_accepted");
        }
        return await once(tx, "tool", key, args, async () => {
          const o = await createOrder(tx, { ...args, channel: ctx.channel }, {
            actor: "customer",
            paymentProvider: ctx.paymentProvider,
            now: ctx.now,
            conversationId: ctx.conversationId,
            locale: ctx.locale,
          });
          await fillCustomer(tx, ctx.conversationId, {
            name: o.customer_name,
            phone: o.customer_phone,
            email: o.customer_email,
          });
          return { status: 201, body: o };
        });
      });
      const runJobNow = ctx.runJobNow;
      const order = runJobNow
        ? await withPaymentLink(ctx.db, ctx.tenantId, result.body, (_, jobId) => runJobNow(jobId))
        : result.body;
      return {
        success: true,
        order_id: order.id,
        order_number: order.order_number,
        items: order.items.map((i) => ({
          name: i.name,
          quantity: i.quantity,
          total: i.total_price,
        })),
        subtotal_net: order.subtotal_net,
        tax_total: order.tax_total,
        shipping: order.shipping_cost,
        total_amount: order.total_amount,
        currency: order.currency,
        payment_method: order.payment_method,
        payment_link: order.payment_link,
        payment_instructions: order.payment_instructions,
        delivery: order.delivery,
        status: order.status,
      };
    },
  }),
  tool({
    name: "search_knowledge",
    description:
      "Searches what the business's website and notes say (parking, payment options, policies, anything not in the other tools).",
    schema: z.object({ query: z.string().trim().min(2).max(300) }),
    run: (ctx, args) =>
      tenantTx(ctx, async (tx) => ({ results: await searchKnowledge(tx, args.query) })),
  }),
  tool({
    name: "get_business_info",
    description:
      "The business's address, phone, opening hours, closed days, policies and shipping fee.",
    schema: z.object({}),
    run: (ctx) =>
      tenantTx(ctx, async (tx) => {
        const t = await getTenant(tx);
        const { business_hours, closed_days, assistant, shipping } = t.settings;
        return {
          name: t.business_name,
          phone: t.phone,
          email: t.email,
          address: t.address,
          website: t.website_url,
          timezone: t.timezone,
          hours: Object.fromEntries(
            WEEKDAYS.map((d) => [d, business_hours[d].map((r) => `${r.open}-${r.close}`)]),
          ),
          closed_days: closed_days.filter((d) => d >= localDate(ctx.now, t.timezone)),
          policies: assistant.policies,
          // What delivery costs: a flat fee, free from the threshold on (null: never free).
          shipping: { flat_cost: shipping.flat_cost, free_threshold: shipping.free_threshold },
        };
      }),
  }),
  tool({
    name: "request_handover",
    description:
      "Hands the conversation to a person of the business, when the customer asks for one or the assistant cannot help.",
    schema: z.object({ reason: z.string().max(500).optional() }),
    async run(ctx, args) {
      await ctx.requestHandover(args.reason ?? null);
      return { success: true, status: "handover" };
    },
  }),
].map((t) => [t.name, t]));

let declarations: ToolDeclaration[] | undefined;

/** The declarations of every tool, for the model (built once). */
export function toolDeclarations(): ToolDeclaration[] {
  return declarations ??= Object.values(TOOLS).map((t) => {
    const { $schema: _, ...parameters } = z.toJSONSchema(t.schema, {
      io: "input",
      unrepresentable: "any",
    }) as Record<string, unknown>;
    return { name: t.name, description: t.description, parameters };
  });
}

/** Runs one call: arguments are validated; a failure becomes an error result, never a throw. */
export async function runTool(
  ctx: ToolContext,
  call: ToolCall,
  onUnexpected?: (error: Error) => void,
): Promise<ToolResult> {
  const fail = (error: NonNullable<ToolResult["error"]>): ToolResult => ({
    id: call.id,
    name: call.name,
    error,
  });
  const t = TOOLS[call.name];
  if (!t) return fail({ code: "unknown_tool", message: `No tool named ${call.name}` });
  const parsed = t.schema.safeParse(call.args ?? {});
  if (!parsed.success) {
    return fail({
      code: "invalid_arguments",
      message: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
    });
  }
  try {
    return { id: call.id, name: call.name, result: await t.run(ctx, parsed.data) };
  } catch (err) {
    if (err instanceof AppError) {
      return fail({ code: err.code, message: err.message, details: err.details });
    }
    const pg = (err as { code?: string }).code;
    if (pg && /^(22|23)/.test(pg)) {
      return fail({ code: "invalid_arguments", message: (err as Error).message });
    }
    onUnexpected?.(err as Error);
    return fail({
      code: "tool_failed",
      message: "The tool failed; try again or ask for a person",
    });
  }
}
