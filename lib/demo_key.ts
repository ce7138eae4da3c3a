/**
 * Keeps the demo business's publishable key in `DATA_DIR/demo.json`, so every start can print it
 * (keys are stored hashed and cannot be read back from the database).
 * @module
 */
import type { Deps } from "./app_env.ts";

/** Returns the stored demo key when it still belongs to the demo tenant. */
export async function readDemoKey(deps: Deps, tenantId: string): Promise<string | null> {
  let stored: { tenant_id?: string; publishable_key?: string };
  try {
    stored = JSON.parse(await Deno.readTextFile(`${deps.config.dataDir}/demo.json`));
  } catch {
    return null;
  }
  if (stored.tenant_id !== tenantId || !stored.publishable_key) return null;
  const principal = await deps.keys.resolve(stored.publishable_key);
  return principal?.tenantId === tenantId ? stored.publishable_key : null;
}

/** Stores the demo key. */
export async function writeDemoKey(dataDir: string, tenantId: string, key: string): Promise<void> {
  await Deno.mkdir(dataDir, { recursive: true });
  await Deno.writeTextFile(
    `${dataDir}/demo.json`,
    JSON.stringify({ tenant_id: tenantId, publishable_key: key }, null, 2),
  );
}
