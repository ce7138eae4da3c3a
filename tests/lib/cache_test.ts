import assert from "node:assert/strict";
import { jsonBytes } from "../../lib/cache.ts";

Deno.test("a cached answer is encoded once and served as the same bytes", () => {
  const json = JSON.stringify({ name: "Saç Kesimi", price: 450, note: "İyi günler" });
  const first = jsonBytes(json);
  assert.equal(new TextDecoder().decode(first), json);
  assert.equal(jsonBytes(json), first);
  const other = JSON.stringify({ name: "Fön" });
  assert.equal(new TextDecoder().decode(jsonBytes(other)), other);
});

Deno.test("old encodings are let go once they pass the memory bound", () => {
  const big = (n: number) => JSON.stringify({ n, pad: "x".repeat(1024 * 1024) });
  const first = jsonBytes(big(0));
  for (let i = 1; i <= 20; i++) jsonBytes(big(i));
  // 21 MB were encoded against a 16 MB bound: the first is encoded afresh.
  const again = jsonBytes(big(0));
  assert.notEqual(again, first);
  assert.equal(new TextDecoder().decode(again), big(0));
  assert.equal(jsonBytes(big(20)), jsonBytes(big(20)));
});
