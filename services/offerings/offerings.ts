/**
 * Offerings: list, read, create, update, deactivate and delete services and products, and adjust a
 * product's stock through the ledger.
 * @module
 */
import type { z } from "zod";
import type { Tx } from "../../db/types.ts";
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import { decodeCursor, type Page, toPage } from "../pagination.ts";
import {
  type Offering,
  type OfferingCreate,
  type OfferingListQuery,
  type OfferingUpdate,
  ProductMeta,
  ServiceMeta,
  type StockAdjustment,
} from "./schemas.ts";

const COLUMNS =
  "id, name, description, offering_type, category, price, currency, meta_info, is_active, created_at, updated_at";

/** Folds text the way the database's `arma_fold` does, for search terms. */
export function foldText(text: string): string {
  return text.toLocaleLowerCase("tr-TR").replace(/[ışğüöçâîû]/g, (ch) => FOLD[ch] ?? ch);
}
const FOLD: Record<string, string> = {
  ı: "i",
  ş: "s",
  ğ: "g",
  ü: "u",
  ö: "o",
  ç: "c",
  â: "a",
  î: "i",
  û: "u",
};

/** A `like` pattern matching folded text that contains `text` anywhere, wildcards escaped. */
export function foldedLike(text: string): string {
  return `%${foldText(text).replace(/[\\%_]/g, "\\$&")}%`;
}

/** Lists offerings with filters and keyset pagination, newest first. */
export async function listOfferings(
  tx: Tx,
  query: z.infer<typeof OfferingListQuery>,
): Promise<Page<Offering>> {
  const after = decodeCursor(query.cursor);
  const like = query.q ? foldedLike(query.q) : null;
  const rows = await tx<Offering[]>`
    select ${tx.unsafe(COLUMNS)} from offerings
    where true
      ${query.type ? tx`and offering_type = ${query.type}` : tx``}
      ${query.category ? tx`and arma_fold(category) = ${foldText(query.category)}` : tx``}
      ${query.active === "all" ? tx`` : tx`and is_active = ${query.active === "true"}`}
      ${like ? tx`and search_text like ${like}` : tx``}
      ${
    after
      ? tx`and (created_at, id) < (select created_at, id from offerings where id = ${after})`
      : tx``
  }
    order by created_at desc, id desc
    limit ${query.limit + 1}`;
  return toPage(rows, query.limit);
}

/** A service in a pick list. */
export interface ServiceOption {
  id: string;
  name: string;
  duration: number;
}

/** Services for a pick list, by name; only the active ones with `activeOnly`. */
export async function serviceOptions(
  tx: Tx,
  options: { activeOnly?: boolean } = {},
): Promise<ServiceOption[]> {
  return await tx<ServiceOption[]>`
    select id, name, (meta_info->>'duration_minutes')::int as duration from offerings
    where offering_type = 'service' ${options.activeOnly ? tx`and is_active` : tx``}
    order by name`;
}

/** Returns one offering. */
export async function getOffering(tx: Tx, id: string, options: { activeOnly?: boolean } = {}) {
  const [row] = await tx<Offering[]>`
    select ${tx.unsafe(COLUMNS)} from offerings where id = ${id}
    ${options.activeOnly ? tx`and is_active` : tx``}`;
  if (!row) throw new NotFoundError("Offering");
  return row;
}

async function checkStaffIds(tx: Tx, staffIds: string[]): Promise<void> {
  if (staffIds.length === 0) return;
  const unique = [...new Set(staffIds)];
  const found = await tx<{ id: string }[]>`select id from staff_members where id in ${tx(unique)}`;
  if (found.length !== unique.length) {
    const known = new Set(found.map((r) => r.id));
    throw new ValidationError(
      "Cannot save service: some staff members do not exist",
      { field: "meta_info.staff_ids", unknown: unique.filter((id) => !known.has(id)) },
      "unknown_staff",
    );
  }
}

function validateMeta(type: Offering["offering_type"], meta: unknown): Record<string, unknown> {
  const parsed = (type === "service" ? ServiceMeta : ProductMeta).safeParse(meta);
  if (!parsed.success) {
    throw new ValidationError("Invalid meta_info", {
      issues: parsed.error.issues.map((i) => ({
        path: ["meta_info", ...i.path.map(String)].join("."),
        message: i.message,
      })),
    });
  }
  const data = parsed.data as Record<string, unknown>;
  if (type === "service") data.staff_ids = [...new Set(data.staff_ids as string[])];
  return data;
}

/** One change of a product's stock, as the ledger records it. */
export interface StockMovement {
  offeringId: string;
  /** Signed change. */
  delta: number;
  /** Stock after the change. */
  balance: number;
  reason: string;
  actorUserId?: string | null;
  orderId?: string | null;
}

/** Writes one movement to the stock ledger. */
export async function recordStock(tx: Tx, movement: StockMovement): Promise<void> {
  await tx`insert into stock_movements (tenant_id, offering_id, delta, balance, reason, order_id,
      actor_user_id)
    values (${tx.tenantId}, ${movement.offeringId}, ${movement.delta}, ${movement.balance},
      ${movement.reason}, ${movement.orderId ?? null}, ${movement.actorUserId ?? null})`;
}

/** Creates an offering. */
export async function createOffering(
  tx: Tx,
  input: z.infer<typeof OfferingCreate>,
  actorUserId: string | null = null,
): Promise<Offering> {
  const meta = validateMeta(input.offering_type, input.meta_info);
  if (input.offering_type === "service") await checkStaffIds(tx, meta.staff_ids as string[]);
  const [row] = await tx<Offering[]>`
    insert into offerings (tenant_id, name, description, offering_type, category, price, currency,
      meta_info, is_active)
    values (${tx.tenantId}, ${input.name}, ${input.description ?? null}, ${input.offering_type},
      ${input.category ?? null}, ${input.price}, ${input.currency}, ${tx.json(meta as never)},
      ${input.is_active})
    returning ${tx.unsafe(COLUMNS)}`;
  const stock = Number(meta.stock_quantity ?? 0);
  if (input.offering_type === "product" && stock > 0) {
    await recordStock(tx, {
      offeringId: row!.id,
      delta: stock,
      balance: stock,
      reason: "initial",
      actorUserId,
    });
  }
  tx.emit({ type: "offerings.changed", data: { id: row!.id } });
  return row!;
}

/** Updates an offering; `meta_info` is merged into the stored one and validated again. */
export async function updateOffering(
  tx: Tx,
  id: string,
  patch: z.infer<typeof OfferingUpdate>,
  actorUserId: string | null = null,
): Promise<Offering> {
  const [current] = await tx<Offering[]>`
    select ${tx.unsafe(COLUMNS)} from offerings where id = ${id} for update`;
  if (!current) throw new NotFoundError("Offering");
  const meta = patch.meta_info
    ? validateMeta(current.offering_type, { ...current.meta_info, ...patch.meta_info })
    : current.meta_info;
  if (current.offering_type === "service" && patch.meta_info?.staff_ids !== undefined) {
    await checkStaffIds(tx, meta.staff_ids as string[]);
  }
  const [row] = await tx<Offering[]>`
    update offerings set
      name = ${patch.name ?? current.name},
      description = ${patch.description !== undefined ? patch.description : current.description},
      category = ${patch.category !== undefined ? patch.category : current.category},
      price = ${patch.price ?? current.price},
      currency = ${patch.currency ?? current.currency},
      is_active = ${patch.is_active ?? current.is_active},
      meta_info = ${tx.json(meta as never)},
      updated_at = now()
    where id = ${id}
    returning ${tx.unsafe(COLUMNS)}`;
  if (current.offering_type === "product") {
    const before = Number(current.meta_info.stock_quantity ?? 0);
    const after = Number(meta.stock_quantity ?? 0);
    if (before !== after) {
      await recordStock(tx, {
        offeringId: id,
        delta: after - before,
        balance: after,
        reason: "correction",
        actorUserId,
      });
    }
  }
  tx.emit({ type: "offerings.changed", data: { id } });
  return row!;
}

/** Deactivates an offering, or with `hard` removes it when nothing refers to it. */
export async function deleteOffering(tx: Tx, id: string, hard: boolean): Promise<Offering | null> {
  if (!hard) {
    const [row] = await tx<Offering[]>`
      update offerings set is_active = false, updated_at = now() where id = ${id}
      returning ${tx.unsafe(COLUMNS)}`;
    if (!row) throw new NotFoundError("Offering");
    tx.emit({ type: "offerings.changed", data: { id } });
    return row;
  }
  const [used] = await tx`
    select 1 from appointments where offering_id = ${id}
    union all select 1 from order_items where offering_id = ${id} limit 1`;
  if (used) {
    throw new ConflictError(
      "Cannot delete offering: appointments or orders refer to it; deactivate it instead",
      "offering_in_use",
    );
  }
  const [row] = await tx`delete from offerings where id = ${id} returning id`;
  if (!row) throw new NotFoundError("Offering");
  tx.emit({ type: "offerings.changed", data: { id } });
  return null;
}

/** Adds to or takes from a product's stock; stock never goes below zero. */
export async function adjustStock(
  tx: Tx,
  id: string,
  input: z.infer<typeof StockAdjustment>,
  actorUserId: string | null = null,
): Promise<Offering> {
  const [row] = await tx<Offering[]>`
    update offerings set
      meta_info = jsonb_set(meta_info, '{stock_quantity}',
        to_jsonb(coalesce((meta_info->>'stock_quantity')::int, 0) + ${input.delta})),
      updated_at = now()
    where id = ${id} and offering_type = 'product'
      and coalesce((meta_info->>'stock_quantity')::int, 0) + ${input.delta} >= 0
    returning ${tx.unsafe(COLUMNS)}`;
  if (!row) {
    const [exists] = await tx<Offering[]>`select offering_type from offerings where id = ${id}`;
    if (!exists) throw new NotFoundError("Offering");
    if (exists.offering_type !== "product") {
      throw new ConflictError("Cannot adjust stock: offering is a service", "not_a_product");
    }
    throw new ConflictError("Cannot adjust stock: it would go below zero", "insufficient_stock");
  }
  await recordStock(tx, {
    offeringId: id,
    delta: input.delta,
    balance: Number(row.meta_info.stock_quantity),
    reason: input.reason,
    actorUserId,
  });
  tx.emit({ type: "offerings.changed", data: { id } });
  return row;
}

/** Lists a product's stock movements, newest first. */
export async function listStockMovements(tx: Tx, id: string, limit = 100) {
  await getOffering(tx, id);
  return await tx<
    {
      id: number;
      delta: number;
      balance: number;
      reason: string;
      order_id: string | null;
      created_at: Date;
    }[]
  >`
    select id::int, delta, balance, reason, order_id, created_at from stock_movements
    where offering_id = ${id} order by created_at desc, id desc limit ${limit}`;
}
