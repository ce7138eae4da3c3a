/**
 * The job worker: claims due jobs with `FOR UPDATE SKIP LOCKED` (through `arma_claim_jobs`), runs
 * them, and retries failures with exponential backoff until a job is dead. A job whose worker died
 * is claimed again once its lease runs out, so nothing written to the outbox is lost.
 * @module
 */
import { withTenant } from "../../db/tenant.ts";
import type { Db } from "../../db/types.ts";
import type { Job } from "./queue.ts";

/** What a handler may use. */
export interface JobContext {
  db: Db;
  /** Aborted when the worker stops: a long job ends early and is retried later. */
  signal: AbortSignal;
}

/** Runs one kind of job; throwing retries it later, `PermanentJobError` ends it. */
export type JobHandler = (job: Job, ctx: JobContext) => Promise<void>;

/** A failure that retrying cannot fix. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentJobError";
  }
}

/** Worker settings. */
export interface WorkerOptions {
  workerId?: string;
  /** How often to look for due jobs when not poked. */
  pollMs?: number;
  /** How long a claimed job stays with its worker before another may take it. */
  leaseSeconds?: number;
  batch?: number;
  /** First retry delay; each further retry doubles it, up to an hour. */
  baseDelayMs?: number;
  /** Run only this tenant's jobs (tests sharing one database; per-tenant workers). */
  tenantId?: string | null;
  onError?: (error: Error, job?: Job) => void;
  /** Stops the worker: no more jobs are claimed, and claimed ones not begun are given back. */
  signal?: AbortSignal;
}

/** A running worker. */
export interface Worker {
  /** Looks for due jobs now. */
  poke(): void;
  /** Runs what is due once and returns how many jobs ran. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

/** The delay before retry number `attempts` (1-based), with ±20% jitter. */
export function backoffMs(attempts: number, baseMs = 5_000): number {
  const raw = Math.min(baseMs * 2 ** Math.max(0, attempts - 1), 3_600_000);
  return Math.round(raw * (0.8 + Math.random() * 0.4));
}

async function finish(db: Db, job: Job, error: Error | null, options: Required<WorkerOptions>) {
  await withTenant(db, job.tenant_id, async (tx) => {
    if (!error) {
      await tx`update jobs set status = 'done', finished_at = now(), locked_at = null,
        last_error = null where id = ${job.id}`;
      return;
    }
    const dead = error instanceof PermanentJobError || job.attempts >= job.max_attempts;
    const delay = backoffMs(job.attempts, options.baseDelayMs);
    await tx`
      update jobs set status = ${dead ? "dead" : "pending"}, locked_at = null, locked_by = null,
        last_error = ${error.message.slice(0, 2000)},
        run_at = now() + make_interval(secs => ${delay / 1000}),
        finished_at = ${dead ? tx`now()` : tx`null`}
      where id = ${job.id}`;
  });
}

/** Runs one claimed job and records its outcome. */
export async function runJob(
  db: Db,
  handlers: Record<string, JobHandler>,
  job: Job,
  options: WorkerOptions = {},
): Promise<void> {
  const opts = withDefaults(options);
  const handler = handlers[job.kind];
  let error: Error | null = null;
  try {
    if (!handler) throw new PermanentJobError(`No handler for job kind ${job.kind}`);
    await handler(job, { db, signal: opts.signal });
  } catch (err) {
    error = err instanceof Error ? err : new Error(String(err));
    // Cut short by a stop: not the job's fault, so not an attempt.
    if (opts.signal.aborted) return await release(db, [job], opts.workerId);
    opts.onError(error, job);
  }
  await finish(db, job, error, opts);
}

function withDefaults(options: WorkerOptions): Required<WorkerOptions> {
  return {
    workerId: options.workerId ?? `worker-${crypto.randomUUID().slice(0, 8)}`,
    pollMs: options.pollMs ?? 1000,
    leaseSeconds: options.leaseSeconds ?? 120,
    batch: options.batch ?? 10,
    baseDelayMs: options.baseDelayMs ?? 5_000,
    tenantId: options.tenantId ?? null,
    onError: options.onError ?? (() => {}),
    signal: options.signal ?? new AbortController().signal,
  };
}

/** Gives claimed jobs that were not begun back to the queue, as if never claimed. */
async function release(db: Db, jobs: Job[], workerId: string): Promise<void> {
  for (const job of jobs) {
    await withTenant(
      db,
      job.tenant_id,
      (tx) =>
        tx`update jobs set status = 'pending', locked_at = null, locked_by = null,
          attempts = attempts - 1
        where id = ${job.id} and status = 'running' and locked_by = ${workerId}`,
    );
  }
}

/** Claims and runs every job that is due, batch by batch. */
export async function runDueJobs(
  db: Db,
  handlers: Record<string, JobHandler>,
  options: WorkerOptions = {},
): Promise<number> {
  const opts = withDefaults(options);
  let ran = 0;
  while (!opts.signal.aborted) {
    const jobs = await db.sql<Job[]>`
      select * from arma_claim_jobs(${opts.workerId}, ${opts.batch}, ${opts.leaseSeconds},
        ${opts.tenantId}::uuid)`;
    if (jobs.length === 0) return ran;
    for (const [i, job] of jobs.entries()) {
      if (opts.signal.aborted) {
        await release(db, jobs.slice(i), opts.workerId);
        return ran;
      }
      await runJob(db, handlers, job, opts);
      ran++;
    }
  }
  return ran;
}

/** Claims one pending job of a tenant at once (to answer with its result) and runs it. */
export async function runJobNow(
  db: Db,
  handlers: Record<string, JobHandler>,
  tenantId: string,
  jobId: string,
  options: WorkerOptions = {},
): Promise<boolean> {
  const opts = withDefaults(options);
  const [job] = await withTenant(db, tenantId, (tx) =>
    tx<Job[]>`
      update jobs set status = 'running', locked_at = now(), locked_by = ${opts.workerId},
        attempts = attempts + 1
      where id = ${jobId} and status = 'pending' and run_at <= now()
      returning *`);
  if (!job) return false;
  await runJob(db, handlers, job, opts);
  return true;
}

/** Starts a worker that polls for due jobs and runs them until stopped. */
export function startWorker(
  db: Db,
  handlers: Record<string, JobHandler>,
  options: WorkerOptions = {},
): Worker {
  const stopping = new AbortController();
  const opts = withDefaults({
    ...options,
    signal: options.signal ? AbortSignal.any([options.signal, stopping.signal]) : stopping.signal,
  });
  let stopped = false;
  let running: Promise<number> | null = null;
  let again = false;
  let timer: ReturnType<typeof setInterval> | undefined;
  const tick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = runDueJobs(db, handlers, opts).catch((err) => {
      opts.onError(err instanceof Error ? err : new Error(String(err)));
      return 0;
    }).finally(() => {
      running = null;
      if (again && !stopped) {
        again = false;
        tick();
      }
    });
  };
  timer = setInterval(tick, opts.pollMs);
  tick();
  return {
    poke: tick,
    async runOnce() {
      return await runDueJobs(db, handlers, opts);
    },
    async stop() {
      stopped = true;
      stopping.abort();
      clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
