/**
 * API keys: publishable keys (`pk_…`, for the widget and devices, limited to allowed origins) and
 * secret keys (`sk_…`, server to server). Only a SHA-256 of a key is stored; the key is shown once.
 * @module
 */
import { z } from "zod";
import type { Db, Tx } from "../../db/types.ts";
import { NotFoundError } from "../errors.ts";
import { randomBase62, sha256Hex } from "./crypto.ts";
import type { Principal } from "./principal.ts";

/** An origin such as https://salon.example.com or http://localhost:8080. */
export const Origin = z.string().max(255).refine((value) => {
  try {
    const url = new URL(value);
    return ["http:", "https:"].includes(url.protocol) && url.origin === value;
  } catch {
    return false;
  }
}, "expected an origin such as https://example.com (no path, no trailing slash)");

/** What `POST /api/keys` accepts. */
export const KeyCreate = z.object({
  kind: z.enum(["publishable", "secret"]),
  name: z.string().trim().min(1).max(100),
  allowed_origins: z.array(Origin).max(20).default([]),
}).strict();

/** A key as listed: never the key itself. */
export interface ApiKey {
  id: string;
  kind: "publishable" | "secret";
  name: string;
  prefix: string;
  allowed_origins: string[];
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const KEY_COLUMNS = "id, kind, name, prefix, allowed_origins, created_at, last_used_at, revoked_at";

/** Creates a key and returns it once, in full, beside its stored record. */
export async function createApiKey(
  tx: Tx,
  input: z.infer<typeof KeyCreate>,
  createdBy: string | null,
): Promise<{ key: string; api_key: ApiKey }> {
  const key = `${input.kind === "publishable" ? "pk" : "sk"}_${randomBase62(32)}`;
  const [row] = await tx<ApiKey[]>`
    insert into api_keys (tenant_id, kind, name, prefix, key_hash, allowed_origins, created_by)
    values (${tx.tenantId}, ${input.kind}, ${input.name}, ${key.slice(0, 11)},
      ${await sha256Hex(key)}, ${input.allowed_origins}, ${createdBy})
    returning ${tx.unsafe(KEY_COLUMNS)}`;
  return { key, api_key: row! };
}

/** Lists the tenant's keys, newest first. */
export async function listApiKeys(tx: Tx): Promise<ApiKey[]> {
  return await tx<ApiKey[]>`
    select ${tx.unsafe(KEY_COLUMNS)} from api_keys order by created_at desc, id desc`;
}

/** Revokes a key; requests carrying it are refused from then on. */
export async function revokeApiKey(tx: Tx, id: string): Promise<ApiKey> {
  const [row] = await tx<ApiKey[]>`
    update api_keys set revoked_at = coalesce(revoked_at, now()) where id = ${id}
    returning ${tx.unsafe(KEY_COLUMNS)}`;
  if (!row) throw new NotFoundError("API key");
  tx.emit({ type: "api_key.revoked", data: { id } });
  return row;
}

/** Updates a publishable key's allowed origins or a key's name. */
export async function updateApiKey(
  tx: Tx,
  id: string,
  patch: { name?: string; allowed_origins?: string[] },
): Promise<ApiKey> {
  const [row] = await tx<ApiKey[]>`
    update api_keys set
      name = coalesce(${patch.name ?? null}, name),
      allowed_origins = coalesce(${patch.allowed_origins ?? null}::text[], allowed_origins)
    where id = ${id}
    returning ${tx.unsafe(KEY_COLUMNS)}`;
  if (!row) throw new NotFoundError("API key");
  tx.emit({ type: "api_key.updated", data: { id } });
  return row;
}

/** Resolves a presented key to its principal; null when unknown, revoked or malformed. */
export async function resolveApiKey(db: Db, key: string): Promise<Principal | null> {
  if (!/^(pk|sk)_[0-9A-Za-z]{32}$/.test(key)) return null;
  const [row] = await db.sql<
    { id: string; tenant_id: string; kind: string; allowed_origins: string[]; revoked: boolean }[]
  >`select * from arma_lookup_api_key(${await sha256Hex(key)})`;
  if (!row || row.revoked) return null;
  return row.kind === "secret" ? { kind: "secret_key", tenantId: row.tenant_id, keyId: row.id } : {
    kind: "publishable_key",
    tenantId: row.tenant_id,
    keyId: row.id,
    allowedOrigins: row.allowed_origins,
  };
}

/** Records that a key was used (the key resolver's cache throttles this). */
export async function touchApiKey(tx: Tx, id: string): Promise<void> {
  await tx`update api_keys set last_used_at = now() where id = ${id}`;
}
