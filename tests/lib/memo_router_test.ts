import assert from "node:assert/strict";
import { TrieRouter } from "hono/router/trie-router";
import { MemoRouter } from "../../lib/memo_router.ts";

const ROUTES: [string, string][] = [
  ["ALL", "*"],
  ["ALL", "/api/*"],
  ["GET", "/api/offerings"],
  ["GET", "/api/offerings/:id"],
  ["GET", "/api/appointments/holds/:id"],
  ["GET", "/api/appointments/:id"],
  ["POST", "/api/offerings"],
];

function both() {
  const memo = new MemoRouter<string>();
  const trie = new TrieRouter<string>();
  for (const [method, path] of ROUTES) {
    memo.add(method, path, `${method} ${path}`);
    trie.add(method, path, `${method} ${path}`);
  }
  return { memo, trie };
}

Deno.test("the memo router answers as the trie router does, the first time and again", () => {
  const { memo, trie } = both();
  const asks: [string, string][] = [
    ["GET", "/api/offerings"],
    ["POST", "/api/offerings"],
    ["GET", "/api/offerings/0b9e3c52-2a55-4c1f-9d1a-0f3a3e9c2b11"],
    ["GET", "/api/offerings/another-id"],
    ["GET", "/api/appointments/holds/h1"],
    ["GET", "/api/appointments/a1"],
    ["DELETE", "/api/offerings"],
    ["GET", "/nowhere"],
  ];
  for (let round = 0; round < 2; round++) {
    for (const [method, path] of asks) {
      assert.deepEqual(memo.match(method, path), trie.match(method, path), `${method} ${path}`);
    }
  }
  // Parameters belong to their own path, not to the last one remembered.
  const [a] = memo.match("GET", "/api/offerings/x1")[0].filter(([h]) => h.includes(":id"));
  const [b] = memo.match("GET", "/api/offerings/x2")[0].filter(([h]) => h.includes(":id"));
  assert.deepEqual([a?.[1].id, b?.[1].id], ["x1", "x2"]);
});

Deno.test("a route added later is seen by paths remembered before it", () => {
  const memo = new MemoRouter<string>();
  memo.add("GET", "/a", "a");
  assert.equal(memo.match("GET", "/b")[0].length, 0);
  memo.add("GET", "/b", "b");
  assert.deepEqual(memo.match("GET", "/b")[0].map(([h]) => h), ["b"]);
});

Deno.test("a flood of distinct paths keeps the memo bounded and the answers right", () => {
  const { memo, trie } = both();
  for (let i = 0; i < 5000; i++) memo.match("GET", `/api/offerings/id-${i}`);
  assert.deepEqual(
    memo.match("GET", "/api/offerings/id-7"),
    trie.match("GET", "/api/offerings/id-7"),
  );
  assert.deepEqual(memo.match("GET", "/api/offerings"), trie.match("GET", "/api/offerings"));
});
