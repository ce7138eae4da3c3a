/**
 * Keyset pagination: an opaque cursor names the last row of the previous page.
 * @module
 */
import { z } from "zod";
import { isUuid } from "../db/tenant.ts";
import { ValidationError } from "./errors.ts";

/** `limit` and `cursor` as list endpoints accept them. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

/** One page of results. */
export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

/** Encodes the id of a page's last row as a cursor. */
export function encodeCursor(id: string): string {
  return btoa(id).replace(/=+$/, "");
}

/** Decodes a cursor back to a row id; a cursor this server did not make is a 400. */
export function decodeCursor(cursor: string | undefined): string | null {
  if (cursor === undefined) return null;
  let id: string;
  try {
    id = atob(cursor);
  } catch {
    throw new ValidationError("Invalid cursor", { field: "cursor" }, "invalid_cursor");
  }
  if (!isUuid(id)) {
    throw new ValidationError("Invalid cursor", { field: "cursor" }, "invalid_cursor");
  }
  return id;
}

/** Builds a page from rows fetched with `limit + 1`. */
export function toPage<T extends { id: string }>(rows: T[], limit: number): Page<T> {
  const data = rows.slice(0, limit);
  return {
    data,
    next_cursor: rows.length > limit && data.length > 0 ? encodeCursor(data.at(-1)!.id) : null,
  };
}
