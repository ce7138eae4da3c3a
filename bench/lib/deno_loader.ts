/**
 * A fallback load generator when wrk is not installed: `connections` loops of keep-alive fetches.
 * Prints a JSON LoadResult (without `tool`) on stdout.
 * @module
 */
import type { LoadSpec } from "./load.ts";
import { percentile } from "./load.ts";

const spec: LoadSpec = JSON.parse(Deno.args[0]!);
const latencies: number[] = [];
let errors = 0;
const end = performance.now() + spec.seconds * 1000;
await Promise.all(Array.from({ length: spec.connections }, async () => {
  while (performance.now() < end) {
    const started = performance.now();
    const res = await fetch(spec.url, {
      method: spec.method ?? "GET",
      headers: spec.headers,
      body: spec.body,
    });
    await res.arrayBuffer();
    if (res.status >= 400) errors++;
    latencies.push(performance.now() - started);
  }
}));
latencies.sort((a, b) => a - b);
console.log(JSON.stringify({
  requestsPerSecond: latencies.length / spec.seconds,
  requests: latencies.length,
  errors,
  p50Ms: percentile(latencies, 50),
  p99Ms: percentile(latencies, 99),
}));
