/**
 * Runs the job worker inside the server process: it polls for due jobs and is poked as soon as a
 * transaction that wrote a job commits.
 * @module
 */
import type { Job } from "../services/jobs/queue.ts";
import { startWorker, type Worker } from "../services/jobs/worker.ts";
import type { Deps } from "./app_env.ts";
import type { Logger } from "./logger.ts";

/** Logs a failed job attempt as a warning. */
export function logJobError(logger: Logger): (error: Error, job?: Job) => void {
  return (error, job) =>
    logger.warn("job failed", { job_id: job?.id, kind: job?.kind, error: error.message });
}

/** Starts the worker for `deps`; stop it before closing the dependencies. */
export function startJobWorker(deps: Deps): Worker {
  const worker = startWorker(deps.db, deps.jobHandlers, {
    onError: logJobError(deps.logger),
    leaseSeconds: deps.config.jobLeaseSeconds,
  });
  deps.db.commitListeners.add((_tenant, events) => {
    if (events.some((e) => e.type === "jobs.enqueued")) worker.poke();
  });
  return worker;
}
