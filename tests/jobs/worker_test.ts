import assert from "node:assert/strict";
import { withTenant } from "../../db/tenant.ts";
import { enqueue, type Job } from "../../services/jobs/queue.ts";
import {
  backoffMs,
  PermanentJobError,
  runDueJobs,
  startWorker,
} from "../../services/jobs/worker.ts";
import { signupBusiness, startTestApp } from "../_support/app.ts";

Deno.test("backoffMs() doubles from the base, with jitter, up to an hour", () => {
  for (const [attempt, base] of [[1, 5000], [2, 10000], [3, 20000], [12, 3_600_000]]) {
    const d = backoffMs(attempt!, 5000);
    assert.ok(d >= base! * 0.8 && d <= base! * 1.2, `${attempt}: ${d}`);
  }
});

Deno.test("the worker retries with backoff, then marks a job dead", async () => {
  const app = await startTestApp();
  try {
    const b = await signupBusiness(app);
    let calls = 0;
    const handlers = {
      "test.flaky": () => {
        calls++;
        return Promise.reject(new Error(`failure ${calls}`));
      },
      "test.final": () => Promise.reject(new PermanentJobError("cannot ever work")),
      "test.ok": () => Promise.resolve(),
    };
    const ids = await withTenant(app.db, b.tenantId, async (tx) => ({
      flaky: await enqueue(tx, "test.flaky", {}, { maxAttempts: 3 }),
      final: await enqueue(tx, "test.final", {}),
      ok: await enqueue(tx, "test.ok", {}),
    }));
    const read = (id: string) =>
      withTenant(
        app.db,
        b.tenantId,
        async (tx) => (await tx<Job[]>`select * from jobs where id = ${id}`)[0]!,
      );
    await runDueJobs(app.db, handlers, { baseDelayMs: 60_000, tenantId: b.tenantId });
    assert.equal((await read(ids.ok)).status, "done");
    assert.equal((await read(ids.final)).status, "dead");
    let flaky = await read(ids.flaky);
    assert.equal(flaky.status, "pending");
    assert.equal(flaky.attempts, 1);
    assert.equal(flaky.last_error, "failure 1");
    assert.ok(flaky.run_at.getTime() > Date.now() + 40_000, "the retry waits for its backoff");
    for (const attempt of [2, 3]) {
      await withTenant(
        app.db,
        b.tenantId,
        (tx) => tx`update jobs set run_at = now() where id = ${ids.flaky}`,
      );
      await runDueJobs(app.db, handlers, { baseDelayMs: 60_000, tenantId: b.tenantId });
      flaky = await read(ids.flaky);
      assert.equal(flaky.attempts, attempt);
    }
    assert.equal(flaky.status, "dead");
    assert.equal(flaky.last_error, "failure 3");
    assert.equal(calls, 3);
  } finally {
    await app.close();
  }
});

Deno.test("a job whose worker died is taken over after its lease", async () => {
  const app = await startTestApp();
  try {
    const b = await signupBusiness(app);
    const seen: string[] = [];
    const handlers = {
      "test.once": (job: Job) => {
        seen.push(job.id);
        return Promise.resolve();
      },
    };
    const id = await withTenant(app.db, b.tenantId, (tx) => enqueue(tx, "test.once", {}));
    // A worker claimed it and died: the job is running with an old lock.
    await withTenant(
      app.db,
      b.tenantId,
      (tx) =>
        tx`update jobs set status = 'running', locked_by = 'dead-worker', attempts = 1,
        locked_at = now() - interval '10 minutes' where id = ${id}`,
    );
    const worker = startWorker(app.db, handlers, {
      pollMs: 20,
      leaseSeconds: 60,
      tenantId: b.tenantId,
    });
    const deadline = Date.now() + 5000;
    while (seen.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await worker.stop();
    assert.deepEqual(seen, [id]);
  } finally {
    await app.close();
  }
});

Deno.test("a stopping worker ends its running job early and gives back what it had not begun", async () => {
  const app = await startTestApp();
  try {
    const b = await signupBusiness(app);
    const started = Promise.withResolvers<void>();
    let ran = 0;
    const handlers = {
      "test.long": async (_job: Job, { signal }: { signal: AbortSignal }) => {
        ran++;
        started.resolve();
        // A long job (a website import) ends when told to.
        await new Promise((_, reject) =>
          signal.addEventListener("abort", () => reject(signal.reason))
        );
      },
    };
    const ids = await withTenant(app.db, b.tenantId, async (tx) => [
      await enqueue(tx, "test.long", {}),
      await enqueue(tx, "test.long", {}),
      await enqueue(tx, "test.long", {}),
    ]);
    const worker = startWorker(app.db, handlers, { tenantId: b.tenantId, pollMs: 60_000 });
    await started.promise;
    await worker.stop();
    assert.equal(ran, 1, "no job begins after the stop");
    const jobs = await withTenant(
      app.db,
      b.tenantId,
      (tx) => tx<Job[]>`select * from jobs where id = any(${ids}) order by created_at`,
    );
    assert.equal(jobs.length, 3);
    for (const job of jobs) {
      assert.equal(job.status, "pending", "every job is back in the queue");
      assert.equal(job.attempts, 0, "a stop is not counted as an attempt");
      assert.equal(job.locked_at, null);
      assert.equal(job.last_error, null);
    }
    const again = await runDueJobs(app.db, { "test.long": () => Promise.resolve() }, {
      tenantId: b.tenantId,
    });
    assert.equal(again, 3, "another worker runs them all");
  } finally {
    await app.close();
  }
});
