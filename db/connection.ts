/**
 * Opens Arma's database: the server at `DATABASE_URL`, or an embedded PGlite served on a loopback
 * port by pglite-socket. Either way it is migrated first, and the returned pool runs as `arma_app`.
 * @module
 */
import postgres from "postgres";
import { migrate } from "./migrate.ts";
import type { CommitListener, Db, Sql } from "./types.ts";

/** How to open the database. */
export interface OpenDatabaseOptions {
  /** A postgres:// URL; when absent an embedded PGlite is used. */
  url?: string;
  /** Where PGlite keeps its files; in memory when absent. */
  dataDir?: string;
  /** Connections in the server pool. */
  poolSize?: number;
}

const APP_ROLE = "arma_app";

/** Options every postgres.js client of Arma shares: numbers for numeric, strings for dates. */
function clientOptions(): postgres.Options<Record<string, postgres.PostgresType>> {
  return {
    onnotice: () => {},
    transform: { undefined: null },
    types: {
      numeric: {
        to: 1700,
        from: [1700],
        serialize: (x: unknown) => String(x),
        parse: (x: string) => Number(x),
      },
      date: {
        to: 1082,
        from: [1082],
        serialize: (x: unknown) => String(x),
        parse: (x: string) => x,
      },
    },
  };
}

/** Opens, migrates and returns the database handle. */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Db> {
  return options.url
    ? await openServer(options.url, options.poolSize ?? 20)
    : await openEmbedded(options.dataDir);
}

async function openServer(url: string, poolSize: number): Promise<Db> {
  const admin = postgres(url, { ...clientOptions(), max: 1 });
  try {
    await migrate(admin);
  } finally {
    await admin.end();
  }
  const sql = postgres(url, {
    ...clientOptions(),
    max: poolSize,
    connection: { role: APP_ROLE } as Record<string, string>,
  }) as unknown as Sql;
  return makeDb(sql, "server", () => sql.end({ timeout: 5 }));
}

async function openEmbedded(dataDir?: string): Promise<Db> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { btree_gist } = await import("@electric-sql/pglite/contrib/btree_gist");
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
  if (dataDir) await Deno.mkdir(dataDir, { recursive: true });
  const pglite = await PGlite.create({ dataDir, extensions: { btree_gist } });
  const server = new PGLiteSocketServer({ db: pglite, host: "127.0.0.1", port: 0 });
  await server.start();
  const [host, port] = server.getServerConn().split(":");
  // PGlite is one session: one connection, and the role set here holds for all that follows.
  const sql = postgres({
    ...clientOptions(),
    host,
    port: Number(port),
    user: "postgres",
    database: "postgres",
    max: 1,
  }) as unknown as Sql;
  try {
    await migrate(sql);
    await sql.unsafe(`set role ${APP_ROLE}`);
  } catch (err) {
    await sql.end();
    await server.stop();
    await pglite.close();
    throw err;
  }
  return makeDb(sql, "embedded", async () => {
    await sql.end({ timeout: 5 });
    await server.stop();
    await pglite.close();
  });
}

function makeDb(sql: Sql, kind: Db["kind"], close: () => Promise<void>): Db {
  return { sql, kind, commitListeners: new Set<CommitListener>(), close };
}
