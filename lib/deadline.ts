/**
 * Time limits for waits that must not last forever: a shutdown, a health check, a write to a
 * client that stopped reading.
 * @module
 */

/** Something did not finish within its time limit. */
export class DeadlineError extends Error {
  override name = "DeadlineError";
}

/** Settles as `promise` does, or rejects with a DeadlineError naming `what` after `ms`. */
export function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DeadlineError(`${what} did not finish within ${ms} ms`)),
      ms,
    );
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
