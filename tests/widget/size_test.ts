import assert from "node:assert/strict";
import { buildWidget, gzipSize } from "./support.ts";

/** The widget's budget: what a customer's phone downloads before the launcher appears. */
const BUDGET = 20 * 1024;

Deno.test("the built widget.js is at most 20 KB gzipped and is a classic script", async () => {
  const dir = await Deno.makeTempDir({ prefix: "arma-widget-" });
  try {
    const file = `${dir}/widget.js`;
    await buildWidget(file);
    const bytes = await Deno.readFile(file);
    const gzipped = await gzipSize(bytes);
    assert.ok(
      gzipped <= BUDGET,
      `widget.js is ${gzipped} bytes gzipped (${bytes.length} raw); the budget is ${BUDGET}`,
    );
    const text = new TextDecoder().decode(bytes);
    // Loaded with a plain <script async>: one function expression, declaring nothing globally.
    assert.match(text, /^\(\(\)=>\{[\s\S]*\}\)\(\);\s*$/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
