/**
 * The stock rule of a product's `meta_info`: stock counts only when it is tracked.
 * @module
 */

/** How many of a product are left, or null when its stock is not tracked. */
export function stockLeft(meta: Record<string, unknown>): number | null {
  return meta.stock_tracking === false ? null : Number(meta.stock_quantity ?? 0);
}

/** Whether `quantity` of a product can be had. */
export function inStock(meta: Record<string, unknown>, quantity = 1): boolean {
  const left = stockLeft(meta);
  return left === null || left >= quantity;
}
