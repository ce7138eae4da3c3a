/**
 * Order totals, computed on the server from current prices. Turkish shops show prices with KDV
 * included: each line's gross is price × quantity, its net is gross / (1 + rate) rounded to the
 * kuruş, and its KDV is the difference. Shipping is the tenant's flat cost plus each product's own
 * shipping cost, free from the tenant's threshold on.
 * @module
 */
import type { Tx } from "../../db/types.ts";
import { ConflictError, ValidationError } from "../errors.ts";
import { toKurus, toLira } from "../money.ts";
import { DEFAULT_TAX_RATE } from "../offerings/schemas.ts";
import { inStock, stockLeft } from "../offerings/stock.ts";
import { readSettings, type TenantSettings } from "../tenants/settings.ts";

/** One priced line. */
export interface TotalLine {
  product_id: string;
  name: string;
  quantity: number;
  unit_price: number;
  tax_rate: number;
  net: number;
  tax: number;
  gross: number;
  /** Whether this quantity is in stock now. */
  in_stock: boolean;
  available: number | null;
}

/** A computed total in lira. */
export interface Totals {
  currency: "TRY";
  lines: TotalLine[];
  subtotal_net: number;
  tax_total: number;
  subtotal: number;
  shipping: number;
  free_shipping_threshold: number | null;
  total: number;
}

interface ProductRow {
  id: string;
  name: string;
  price: number;
  offering_type: string;
  is_active: boolean;
  meta_info: Record<string, unknown>;
}

async function tenantSettings(tx: Tx): Promise<TenantSettings> {
  const [tenant] = await tx<{ settings: unknown }[]>`
    select settings from tenants where id = ${tx.tenantId}`;
  return readSettings(tenant!.settings);
}

/** Adds up repeated products. */
export function mergeItems(items: { product_id: string; quantity: number }[]) {
  const merged = new Map<string, number>();
  for (const i of items) merged.set(i.product_id, (merged.get(i.product_id) ?? 0) + i.quantity);
  return [...merged].map(([product_id, quantity]) => ({ product_id, quantity }));
}

/**
 * Prices the items; `lock` takes row locks for an order's transaction, and `settings`, when the
 * caller has read them already, spares reading the tenant's settings again.
 */
export async function computeTotals(
  tx: Tx,
  items: { product_id: string; quantity: number }[],
  options: { delivery: "shipping" | "pickup"; lock?: boolean; settings?: TenantSettings },
): Promise<Totals> {
  const wanted = mergeItems(items).sort((a, b) => a.product_id.localeCompare(b.product_id));
  const ids = wanted.map((w) => w.product_id);
  const rows = await tx<ProductRow[]>`
    select id, name, price, offering_type, is_active, meta_info from offerings
    where id in ${tx(ids)} order by id
    ${options.lock ? tx`for update` : tx``}`;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const unknown = ids.filter((id) => byId.get(id)?.offering_type !== "product");
  if (unknown.length > 0) {
    throw new ValidationError("Some items are not products of this business", {
      field: "items",
      unknown,
    }, "unknown_product");
  }
  const inactive = rows.filter((r) => !r.is_active).map((r) => r.id);
  if (inactive.length > 0) {
    throw new ConflictError("Some products are no longer sold", "product_unavailable", {
      products: inactive,
    });
  }
  const shippingSettings = (options.settings ?? await tenantSettings(tx)).shipping;
  let netK = 0, taxK = 0, grossK = 0, productShippingK = 0;
  let needsShipping = false;
  const lines: TotalLine[] = wanted.map(({ product_id, quantity }) => {
    const p = byId.get(product_id)!;
    const meta = p.meta_info;
    const rate = typeof meta.tax_rate === "number" ? meta.tax_rate : DEFAULT_TAX_RATE;
    const gross = toKurus(p.price) * quantity;
    const net = Math.round(gross / (1 + rate));
    const stock = stockLeft(meta);
    netK += net;
    taxK += gross - net;
    grossK += gross;
    if (meta.shipping_required !== false) {
      needsShipping = true;
      productShippingK += toKurus(Number(meta.shipping_cost ?? 0)) * quantity;
    }
    return {
      product_id,
      name: p.name,
      quantity,
      unit_price: p.price,
      tax_rate: rate,
      net: toLira(net),
      tax: toLira(gross - net),
      gross: toLira(gross),
      in_stock: inStock(meta, quantity),
      available: stock,
    };
  });
  const threshold = shippingSettings.free_threshold;
  const free = threshold !== null && grossK >= toKurus(threshold);
  const shippingK = options.delivery === "shipping" && needsShipping && !free
    ? toKurus(shippingSettings.flat_cost) + productShippingK
    : 0;
  return {
    currency: "TRY",
    lines,
    subtotal_net: toLira(netK),
    tax_total: toLira(taxK),
    subtotal: toLira(grossK),
    shipping: toLira(shippingK),
    free_shipping_threshold: threshold,
    total: toLira(grossK + shippingK),
  };
}
