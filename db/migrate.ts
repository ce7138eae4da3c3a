/**
 * Applies the numbered SQL migrations in `db/migrations/`, each in its own transaction, and records
 * them in `schema_migrations`. An advisory lock keeps two starting processes from racing.
 * @module
 */
import type { Sql } from "./types.ts";

const MIGRATIONS_DIR = new URL("./migrations/", import.meta.url);
const LOCK_KEY = 4_172_001;

/** A migration file that failed; its message names the file and the database's complaint. */
export class MigrationError extends Error {
  constructor(file: string, cause: unknown) {
    super(`Cannot start: migration ${file} failed: ${(cause as Error)?.message ?? cause}`, {
      cause,
    });
    this.name = "MigrationError";
  }
}

/** Lists the migration files in order. */
export async function listMigrations(dir: URL = MIGRATIONS_DIR): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isFile && /^\d{5}_[a-z0-9_]+\.sql$/.test(entry.name)) names.push(entry.name);
  }
  return names.sort();
}

/** Applies every migration not yet recorded and returns the names it applied. */
export async function migrate(sql: Sql, dir: URL = MIGRATIONS_DIR): Promise<string[]> {
  const applied: string[] = [];
  await sql`select pg_advisory_lock(${LOCK_KEY})`;
  try {
    await sql`create table if not exists schema_migrations (
      version text primary key,
      applied_at timestamptz not null default now()
    )`;
    const done = new Set(
      (await sql<{ version: string }[]>`select version from schema_migrations`).map((r) =>
        r.version
      ),
    );
    for (const file of await listMigrations(dir)) {
      if (done.has(file)) continue;
      const text = await Deno.readTextFile(new URL(file, dir));
      try {
        await sql.begin(async (tx) => {
          await tx.unsafe(text).simple();
          await tx`insert into schema_migrations (version) values (${file})`;
        });
      } catch (err) {
        throw new MigrationError(file, err);
      }
      applied.push(file);
    }
  } finally {
    await sql`select pg_advisory_unlock(${LOCK_KEY})`;
  }
  return applied;
}
