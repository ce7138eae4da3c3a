import assert from "node:assert/strict";
import { DeadlineError, withDeadline } from "../../lib/deadline.ts";

Deno.test("withDeadline() passes on what settles in time", async () => {
  assert.equal(await withDeadline(Promise.resolve(7), 1000, "A number"), 7);
  await assert.rejects(
    withDeadline(Promise.reject(new RangeError("own error")), 1000, "A failure"),
    RangeError,
  );
});

Deno.test("withDeadline() refuses to wait longer than its limit, naming what was late", async () => {
  const never = new Promise<never>(() => {});
  await assert.rejects(withDeadline(never, 50, "The reply"), (err: Error) => {
    assert.ok(err instanceof DeadlineError);
    assert.equal(err.message, "The reply did not finish within 50 ms");
    return true;
  });
});
