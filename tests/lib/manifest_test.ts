import assert from "node:assert/strict";
import { comparePatterns, generateManifest, patternOf } from "../../lib/manifest.ts";

Deno.test("patternOf() maps route files to paths", () => {
  assert.equal(patternOf("index.tsx"), "/");
  assert.equal(patternOf("api/offerings/index.ts"), "/api/offerings");
  assert.equal(patternOf("api/offerings/[id].ts"), "/api/offerings/:id");
  assert.equal(patternOf("api/staff/[id]/time_off/[entry].ts"), "/api/staff/:id/time_off/:entry");
  assert.equal(patternOf("(dashboard)/settings.tsx"), "/settings");
  assert.equal(patternOf("files/[...path].ts"), "/files/*");
});

Deno.test("comparePatterns() puts static segments before parameters", () => {
  const sorted = ["/api/x/:id", "/api/x/new", "/api/*", "/api/x"].sort(comparePatterns);
  assert.deepEqual(sorted, ["/api/x", "/api/x/new", "/api/x/:id", "/api/*"]);
});

Deno.test("the checked-in manifest is up to date (run deno task build)", async () => {
  const { routes, islands } = generateManifest();
  assert.equal(
    await Deno.readTextFile(new URL("../../lib/routes_gen.ts", import.meta.url)),
    routes,
  );
  assert.equal(
    await Deno.readTextFile(new URL("../../lib/islands_gen.ts", import.meta.url)),
    islands,
  );
});
