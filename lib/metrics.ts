/**
 * Request counts and latency histograms by route and status, in Prometheus text format.
 * @module
 */

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

/** Collects HTTP metrics in process. */
export interface Metrics {
  observe(method: string, route: string, status: number, seconds: number): void;
  /** Adds to a named counter with labels, e.g. jobs processed. */
  count(name: string, labels: Record<string, string>, by?: number): void;
  render(): string;
}

const esc = (v: string) => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");

function labelText(labels: Record<string, string>): string {
  return Object.entries(labels).map(([k, v]) => `${k}="${esc(v)}"`).join(",");
}

/** Creates an empty metrics registry. */
export function createMetrics(): Metrics {
  const requests = new Map<string, number>();
  const durations = new Map<string, Histogram>();
  const counters = new Map<string, Map<string, number>>();
  // Label strings by method, route and status, built once per combination.
  const keys = new Map<string, { req: string; dur: string }>();
  return {
    observe(method, route, status, seconds) {
      const id = `${method} ${route} ${status}`;
      let key = keys.get(id);
      if (!key) {
        key = {
          req: labelText({ method, route, status: String(status) }),
          dur: labelText({ method, route }),
        };
        keys.set(id, key);
      }
      requests.set(key.req, (requests.get(key.req) ?? 0) + 1);
      let h = durations.get(key.dur);
      if (!h) durations.set(key.dur, h = { counts: BUCKETS.map(() => 0), sum: 0, count: 0 });
      for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]!) h.counts[i]!++;
      h.sum += seconds;
      h.count++;
    },
    count(name, labels, by = 1) {
      let series = counters.get(name);
      if (!series) counters.set(name, series = new Map());
      const key = labelText(labels);
      series.set(key, (series.get(key) ?? 0) + by);
    },
    render() {
      const lines = [
        "# HELP http_requests_total HTTP requests by method, route and status.",
        "# TYPE http_requests_total counter",
      ];
      for (const [labels, n] of requests) lines.push(`http_requests_total{${labels}} ${n}`);
      lines.push(
        "# HELP http_request_duration_seconds Time to answer HTTP requests.",
        "# TYPE http_request_duration_seconds histogram",
      );
      for (const [labels, h] of durations) {
        BUCKETS.forEach((b, i) =>
          lines.push(`http_request_duration_seconds_bucket{${labels},le="${b}"} ${h.counts[i]}`)
        );
        lines.push(`http_request_duration_seconds_bucket{${labels},le="+Inf"} ${h.count}`);
        lines.push(`http_request_duration_seconds_sum{${labels}} ${h.sum}`);
        lines.push(`http_request_duration_seconds_count{${labels}} ${h.count}`);
      }
      for (const [name, series] of counters) {
        lines.push(`# TYPE ${name} counter`);
        for (const [labels, n] of series) lines.push(`${name}{${labels}} ${n}`);
      }
      return lines.join("\n") + "\n";
    },
  };
}
