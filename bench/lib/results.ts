/**
 * bench/RESULTS.md: one section per benchmark, each replaced when its benchmark runs again.
 * @module
 */

const FILE = new URL("../RESULTS.md", import.meta.url);

/** "Measured <date> on <machine>": the opening of every section. */
export async function measuredOn(): Promise<string> {
  return `Measured ${new Date().toISOString().slice(0, 10)} on ${await machine()}`;
}

// A description of the machine the figures come from.
async function machine(): Promise<string> {
  let cpu = "unknown CPU";
  try {
    const info = await Deno.readTextFile("/proc/cpuinfo");
    cpu = /model name\s*:\s*(.+)/.exec(info)?.[1] ?? cpu;
  } catch {
    cpu = Deno.build.arch;
  }
  const cores = navigator.hardwareConcurrency;
  const mem = Math.round(Deno.systemMemoryInfo().total / 2 ** 30);
  return `${cpu}, ${cores} cores, ${mem} GiB RAM, ${Deno.build.os}; Deno ${Deno.version.deno}`;
}

/** Replaces (or adds) the section headed `## title` in RESULTS.md. */
export async function writeSection(title: string, body: string): Promise<void> {
  let text = "";
  try {
    text = await Deno.readTextFile(FILE);
  } catch {
    text =
      "# Benchmark results\n\nWritten by `deno task bench`; each section by its own benchmark.\n";
  }
  const heading = `## ${title}`;
  const section = `${heading}\n\n${body.trim()}\n`;
  const start = text.indexOf(heading);
  if (start === -1) {
    text = `${text.trimEnd()}\n\n${section}`;
  } else {
    const next = text.indexOf("\n## ", start + heading.length);
    text = text.slice(0, start) + section + (next === -1 ? "" : text.slice(next + 1));
  }
  await Deno.writeTextFile(FILE, text.trimEnd() + "\n");
  // Tables aligned as `deno fmt` wants them, so `deno task check` stays clean after a run.
  const fmt = await new Deno.Command(Deno.execPath(), {
    args: ["fmt", "--quiet", FILE.pathname],
  }).output();
  if (!fmt.success) throw new Error(new TextDecoder().decode(fmt.stderr));
}

/** Formats a number with a fixed number of decimals. */
export const fmt = (n: number, digits = 1) => n.toFixed(digits);
