/**
 * The servers the benchmarks run against: the machine's PostgreSQL and Redis (overridable), and
 * rate limits high enough that a benchmark's load is never refused.
 * @module
 */

/** The PostgreSQL server's admin URL, where benchmarks create their databases. */
export const ADMIN_URL = Deno.env.get("BENCH_POSTGRES_URL") ??
  "postgres://postgres@127.0.0.1:5432/postgres";

/** The Redis server benchmarks use beside PostgreSQL. */
export const REDIS_URL = Deno.env.get("BENCH_REDIS_URL") ?? "redis://127.0.0.1:6379";

/** Server environment that lifts the rate limits out of a benchmark's way. */
export const UNLIMITED = {
  RATE_LIMIT_IP_PER_MINUTE: "100000000",
  RATE_LIMIT_USER_PER_HOUR: "100000000",
  RATE_LIMIT_TENANT_PER_DAY: "100000000",
};
