/**
 * Arma's entry point: reads the configuration, opens the database (embedded or DATABASE_URL),
 * migrates, seeds the demo business and serves.
 * @module
 */
import { ConfigError, loadConfig } from "./lib/config.ts";
import { startServer } from "./lib/server.ts";
import { MigrationError } from "./db/migrate.ts";

// Longer than a stop's own limits (lib/server.ts) together.
const EXIT_MS = 40_000;

if (import.meta.main) {
  try {
    const server = await startServer(loadConfig(Deno.env.toObject()));
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      Deno.addSignalListener(signal, async () => {
        // Whatever happens while stopping, the process ends.
        setTimeout(() => Deno.exit(1), EXIT_MS);
        await server.stop();
        Deno.exit(0);
      });
    }
  } catch (err) {
    if (err instanceof ConfigError || err instanceof MigrationError) {
      console.error(err.message);
      Deno.exit(1);
    }
    throw err;
  }
}
