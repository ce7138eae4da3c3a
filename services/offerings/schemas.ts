/**
 * Offering schemas: one table holds services and products; `meta_info` is validated per
 * `offering_type` with the seed document's fields.
 * @module
 */
import { z } from "zod";
import { Price } from "../money.ts";
import { PageQuery } from "../pagination.ts";

/** The KDV rate applied when a product does not name one: 20%, the current general rate. */
export const DEFAULT_TAX_RATE = 0.2;

/** How many hours before an appointment a customer may still cancel when a service names none. */
export const DEFAULT_CANCELLATION_HOURS = 24;

// Businesses may keep a few extra scalar facts of their own beside the known fields.
const Extra = z.union([
  z.string().max(2000),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.string().max(200)).max(50),
]);

const MAX_META_KEYS = 40;
const fewKeys = (m: Record<string, unknown>) => Object.keys(m).length <= MAX_META_KEYS;

/** A service's `meta_info`. */
export const ServiceMeta = z.object({
  duration_minutes: z.number().int().min(5).max(1440),
  requires_appointment: z.boolean().default(true),
  staff_required: z.boolean().default(true),
  staff_ids: z.array(z.guid()).max(100).default([]),
  preparation_time: z.number().int().min(0).max(240).default(0),
  cleanup_time: z.number().int().min(0).max(240).default(0),
  max_concurrent: z.number().int().min(1).max(100).default(1),
  booking_advance_days: z.number().int().min(1).max(365).default(30),
  cancellation_hours: z.number().int().min(0).max(720).default(DEFAULT_CANCELLATION_HOURS),
}).catchall(Extra).refine(fewKeys, `at most ${MAX_META_KEYS} keys`);

/** A product's `meta_info`. */
export const ProductMeta = z.object({
  sku: z.string().trim().min(1).max(64).optional(),
  stock_quantity: z.number().int().min(0).max(10_000_000).default(0),
  stock_tracking: z.boolean().default(true),
  low_stock_threshold: z.number().int().min(0).max(10_000_000).default(5),
  weight_grams: z.number().min(0).max(1_000_000).optional(),
  dimensions: z.string().max(100).optional(),
  shipping_required: z.boolean().default(true),
  shipping_cost: z.number().min(0).max(100_000).default(0),
  tax_rate: z.number().min(0).max(1).default(DEFAULT_TAX_RATE),
  brand: z.string().max(100).optional(),
  ingredients: z.array(z.string().max(200)).max(100).optional(),
  usage: z.string().max(2000).optional(),
}).catchall(Extra).refine(fewKeys, `at most ${MAX_META_KEYS} keys`);

/** A validated service `meta_info`. */
export type ServiceMeta = z.infer<typeof ServiceMeta>;
/** A validated product `meta_info`. */
export type ProductMeta = z.infer<typeof ProductMeta>;

const common = {
  name: z.string().trim().min(1).max(255),
  description: z.string().max(5000).nullable().optional(),
  category: z.string().trim().max(100).nullable().optional(),
  price: Price,
  currency: z.literal("TRY").default("TRY"),
  is_active: z.boolean().default(true),
};

/** What `POST /api/offerings` accepts. */
export const OfferingCreate = z.discriminatedUnion("offering_type", [
  z.object({ offering_type: z.literal("service"), ...common, meta_info: ServiceMeta }).strict(),
  z.object({
    offering_type: z.literal("product"),
    ...common,
    meta_info: ProductMeta.default(ProductMeta.parse({})),
  }).strict(),
]);

/** What `PUT /api/offerings/:id` accepts: any subset; `meta_info` is merged, then re-validated. */
export const OfferingUpdate = z.object({
  name: common.name,
  description: common.description,
  category: common.category,
  price: Price,
  currency: z.literal("TRY"),
  is_active: z.boolean(),
  meta_info: z.record(z.string().max(64), z.unknown()),
}).partial().strict();

/** Filters of `GET /api/offerings`. */
export const OfferingListQuery = PageQuery.extend({
  type: z.enum(["service", "product"]).optional(),
  category: z.string().trim().min(1).max(100).optional(),
  active: z.enum(["true", "false", "all"]).default("all"),
  q: z.string().trim().min(1).max(100).optional(),
});

/** What `POST /api/offerings/:id/stock` accepts: a signed change and why. */
export const StockAdjustment = z.object({
  delta: z.number().int().min(-10_000_000).max(10_000_000).refine((d) => d !== 0, "must not be 0"),
  reason: z.enum(["restock", "correction", "damaged", "returned"]).default("correction"),
}).strict();

/** An offering as stored and shown. */
export interface Offering {
  id: string;
  name: string;
  description: string | null;
  offering_type: "service" | "product";
  category: string | null;
  price: number;
  currency: string;
  meta_info: Record<string, unknown>;
  is_active: boolean;
  created_at: Date;
  updated_at: Date;
}
