/**
 * Runs the job worker inside the server process: it polls for due jobs and is poked as soon as a
 * transaction that wrote a job commits.
 * @module
 */
import { startWorker, type Worker, type WorkerOptions } from "../services/jobs/worker.ts";
import type { Deps } from "./app_env.ts";
import type { Config } from "./config.ts";
import type { Logger } from "./logger.ts";

/** How this process runs jobs: with the configured lease, failed attempts logged as warnings. */
export function jobOptions(logger: Logger, config: Config): WorkerOptions {
  return {
    leaseSeconds: config.jobLeaseSeconds,
    onError: (error, job) =>
      logger.warn("job failed", { job_id: job?.id, kind: job?.kind, error: error.message }),
  };
}

/** Starts the worker for `deps`; stop it before closing the dependencies. */
export function startJobWorker(deps: Deps): Worker {
  const worker = startWorker(deps.db, deps.jobHandlers, jobOptions(deps.logger, deps.config));
  deps.db.commitListeners.add((_tenant, events) => {
    if (events.some((e) => e.type === "jobs.enqueued")) worker.poke();
  });
  return worker;
}
