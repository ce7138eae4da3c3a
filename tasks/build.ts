/** `deno task build`: regenerates the route manifest and builds the browser bundles. */
import { buildAssets } from "../lib/build.ts";

await buildAssets();
