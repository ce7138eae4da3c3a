/**
 * HTTP load from a second process: wrk (Debian package) when installed, else a Deno loader.
 * @module
 */

/** One load run. */
export interface LoadSpec {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  connections: number;
  seconds: number;
}

/** What a load run measured. */
export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
  tool: "wrk" | "deno";
}

async function hasWrk(): Promise<boolean> {
  try {
    await new Deno.Command("wrk", { args: ["--version"], stdout: "null", stderr: "null" }).output();
    return true;
  } catch {
    return false;
  }
}

async function runWrk(spec: LoadSpec): Promise<LoadResult> {
  const lua = await Deno.makeTempFile({ suffix: ".lua" });
  const headers = Object.entries(spec.headers ?? {})
    .map(([k, v]) => `wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`).join("\n");
  await Deno.writeTextFile(
    lua,
    `wrk.method = ${JSON.stringify(spec.method ?? "GET")}\n${headers}\n` +
      (spec.body ? `wrk.body = ${JSON.stringify(spec.body)}\n` : "") +
      `done = function(summary, latency, requests)
  io.stderr:write(string.format("ARMA %d %d %d %d %.3f %.3f\\n", summary.requests,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write,
    summary.errors.timeout, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end\n`,
  );
  const out = await new Deno.Command("wrk", {
    args: [
      "-t2",
      `-c${spec.connections}`,
      `-d${spec.seconds}s`,
      "--timeout",
      "10s",
      "-s",
      lua,
      spec.url,
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  await Deno.remove(lua);
  const text = new TextDecoder().decode(out.stdout);
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(text);
  const ours = /ARMA (\d+) (\d+) (\d+) (\d+) ([\d.]+) ([\d.]+)/.exec(
    new TextDecoder().decode(out.stderr),
  );
  if (!rps || !ours) throw new Error(`wrk output not understood:\n${text}`);
  return {
    requestsPerSecond: Number(rps[1]),
    requests: Number(ours[1]),
    errors: Number(ours[2]) + Number(ours[3]) + Number(ours[4]),
    p50Ms: Number(ours[5]),
    p99Ms: Number(ours[6]),
    tool: "wrk",
  };
}

async function runDenoLoader(spec: LoadSpec): Promise<LoadResult> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      new URL("./deno_loader.ts", import.meta.url).pathname,
      JSON.stringify(spec),
    ],
    stdout: "piped",
  }).output();
  return { ...JSON.parse(new TextDecoder().decode(out.stdout)), tool: "deno" };
}

/** Loads `spec.url` and reports throughput and latency percentiles. */
export async function load(spec: LoadSpec): Promise<LoadResult> {
  return (await hasWrk()) ? await runWrk(spec) : await runDenoLoader(spec);
}

/** Milliseconds at percentile `p` (0..100) of sorted samples. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
