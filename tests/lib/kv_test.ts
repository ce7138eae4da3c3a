import assert from "node:assert/strict";
import { openKv } from "../../lib/kv/mod.ts";
import { REDIS_URL } from "../_support/app.ts";
import { withDeadline } from "../../lib/deadline.ts";

// The suite runs on the in-process store, and on Redis as well when REDIS_URL is set.
const STORES = [
  { name: "in-process", url: undefined },
  ...(REDIS_URL ? [{ name: "Redis", url: REDIS_URL }] : []),
];

for (const store of STORES) {
  Deno.test(`${store.name} Kv`, async (t) => {
    const prefix = `test:${crypto.randomUUID()}:`;
    const kv = await openKv(store.url, prefix);
    try {
      await t.step(
        "a rule allows `limit` requests per window, then refuses with a wait",
        async () => {
          const rule = { key: "ip:1", limit: 5, windowSeconds: 60, name: "ip" };
          const remaining: number[] = [];
          for (let i = 0; i < 5; i++) {
            const d = await kv.rateLimit([rule]);
            assert.equal(d.allowed, true);
            remaining.push(d.remaining);
          }
          assert.deepEqual(remaining, [4, 3, 2, 1, 0]);
          const refused = await kv.rateLimit([rule]);
          assert.equal(refused.allowed, false);
          assert.ok(refused.retryAfterSeconds >= 1 && refused.retryAfterSeconds <= 12);
        },
      );

      await t.step("a refused request counts against none of the rules", async () => {
        const tight = { key: "ip:2", limit: 1, windowSeconds: 60, name: "ip" };
        const loose = { key: "tenant:2", limit: 3, windowSeconds: 60, name: "tenant" };
        assert.equal((await kv.rateLimit([tight, loose])).allowed, true);
        for (let i = 0; i < 5; i++) {
          assert.equal((await kv.rateLimit([tight, loose])).allowed, false);
        }
        const d = await kv.rateLimit([{ ...loose }]);
        assert.equal(d.allowed, true);
        assert.equal(d.remaining, 1, "only the one allowed request was counted");
      });

      await t.step(
        "when several rules refuse, the one with the longest wait is named",
        async () => {
          const minute = { key: "ip:6", limit: 1, windowSeconds: 60, name: "ip" };
          const hour = { key: "user:6", limit: 1, windowSeconds: 3600, name: "user" };
          assert.equal((await kv.rateLimit([minute, hour])).allowed, true);
          const refused = await kv.rateLimit([minute, hour]);
          assert.equal(refused.allowed, false);
          assert.equal(refused.rule.name, "user");
          assert.ok(refused.retryAfterSeconds > 60, `retry after ${refused.retryAfterSeconds} s`);
        },
      );

      await t.step("the headers describe the rule closest to refusing", async () => {
        const d = await kv.rateLimit([
          { key: "ip:3", limit: 100, windowSeconds: 60, name: "ip" },
          { key: "user:3", limit: 2, windowSeconds: 3600, name: "user" },
        ]);
        assert.equal(d.rule.name, "user");
        assert.equal(d.remaining, 1);
      });

      await t.step("two handles on one store share the limits", async () => {
        const other = await openKv(store.url, prefix);
        const shared = store.url ? other : kv;
        const rule = { key: "ip:4", limit: 4, windowSeconds: 60, name: "ip" };
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) => (i % 2 ? kv : shared).rateLimit([rule])),
        );
        assert.equal(results.filter((r) => r.allowed).length, 4);
        if (other !== kv) await other.close();
      });

      await t.step("requests decided together count one by one, refusals not at all", async () => {
        const tenant = { key: "tenant:5", limit: 6, windowSeconds: 60, name: "tenant" };
        const ip = (n: number) => ({ key: `ip:5-${n}`, limit: 2, windowSeconds: 60, name: "ip" });
        // Fired in one turn: eight requests from two addresses of one tenant.
        const results = await Promise.all(
          Array.from({ length: 8 }, (_, i) => kv.rateLimit([ip(i % 2), tenant])),
        );
        assert.deepEqual(results.map((r) => r.allowed), [
          true,
          true,
          true,
          true,
          false,
          false,
          false,
          false,
        ]);
        assert.deepEqual(results.slice(0, 4).map((r) => r.remaining), [1, 1, 0, 0]);
        assert.equal(results[4]!.rule.name, "ip");
        const after = await kv.rateLimit([tenant]);
        assert.equal(after.remaining, 1, "the four refused requests left the tenant's count alone");
      });

      await t.step("a cached value survives until its scope is invalidated", async () => {
        const first = await kv.cacheGet("s", "f");
        assert.equal(first.value, null);
        await kv.cacheSet("s", "f", "one", first.version, 60);
        assert.equal((await kv.cacheGet("s", "f")).value, "one");
        await kv.cacheInvalidate("s");
        assert.equal((await kv.cacheGet("s", "f")).value, null);
      });

      await t.step("a value read before an invalidation is not stored after it", async () => {
        const read = await kv.cacheGet("s2", "f");
        await kv.cacheInvalidate("s2");
        await kv.cacheSet("s2", "f", "stale", read.version, 60);
        assert.equal((await kv.cacheGet("s2", "f")).value, null);
      });

      await t.step("an invalidation by one handle reaches the other handle's reads", async () => {
        const other = await openKv(store.url, prefix);
        const reader = store.url ? other : kv;
        const read = await reader.cacheGet("s3", "f");
        await reader.cacheSet("s3", "f", "v1", read.version, 60);
        assert.equal((await reader.cacheGet("s3", "f")).value, "v1");
        await kv.cacheInvalidate("s3");
        const deadline = Date.now() + 2000;
        let value = (await reader.cacheGet("s3", "f")).value;
        while (value !== null && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 5));
          value = (await reader.cacheGet("s3", "f")).value;
        }
        assert.equal(value, null);
        if (other !== kv) await other.close();
      });

      await t.step("published messages reach subscribers", async () => {
        const got: string[] = [];
        const done = Promise.withResolvers<void>();
        const unsubscribe = await kv.subscribe("ch", (m) => {
          got.push(m);
          if (got.length === 2) done.resolve();
        });
        await kv.publish("ch", "a");
        await kv.publish("ch", "b");
        await withDeadline(done.promise, 5000, "Both messages");
        assert.deepEqual(got, ["a", "b"]);
        await unsubscribe();
      });
    } finally {
      await kv.close();
    }
  });
}
