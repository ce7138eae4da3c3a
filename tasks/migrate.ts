/** `deno task db:migrate`: applies pending migrations to DATABASE_URL (or the embedded database). */
import { openDatabase } from "../db/connection.ts";
import { loadConfig } from "../lib/config.ts";

const config = loadConfig(Deno.env.toObject());
const db = await openDatabase({
  url: config.databaseUrl,
  dataDir: config.databaseUrl ? undefined : `${config.dataDir}/pglite`,
});
await db.close();
console.log("Migrations are up to date.");
