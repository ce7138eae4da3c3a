/**
 * `deno task bench [name…]`: runs the benchmarks (all, or those named) and writes
 * bench/RESULTS.md.
 * @module
 */
import { benchApi } from "./api.ts";
import { benchBookings } from "./bookings.ts";
import { benchChat } from "./chat.ts";
import { benchDashboard } from "./dashboard.ts";
import { benchWidget } from "./widget.ts";

const BENCHES: Record<string, () => Promise<void>> = {
  api: benchApi,
  bookings: benchBookings,
  chat: benchChat,
  dashboard: benchDashboard,
  widget: benchWidget,
};

const wanted = Deno.args.length > 0 ? Deno.args : Object.keys(BENCHES);
for (const name of wanted) {
  const bench = BENCHES[name];
  if (!bench) {
    console.error(`Unknown benchmark ${name}; choose from ${Object.keys(BENCHES).join(", ")}`);
    Deno.exit(2);
  }
  console.log(`\n# ${name}\n`);
  await bench();
}
