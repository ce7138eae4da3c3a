/**
 * Widget benchmark: the size of widget.js (raw and gzipped, against the 20 KB budget) and, in
 * headless Chromium, the time from the script's request to a usable launcher, over cold loads of
 * a page on another origin that embeds the widget served by a real server (main.ts).
 * @module
 */
import { buildAssets } from "../lib/build.ts";
import { freePort, startServerProcess } from "../tests/_support/server_process.ts";
import {
  closeChromium,
  gzipSize,
  launchChromium,
  serveHostSite,
  widgetTag,
} from "../tests/widget/support.ts";
import { percentile } from "./lib/load.ts";
import { fmt, measuredOn, writeSection } from "./lib/results.ts";

const LOADS = 20;
const WARMUP = 2;
const BUDGET = 20 * 1024;

interface Load {
  /** From the script's request to the launcher in the page, ready to click. */
  ready: number;
  /** The script's download. */
  download: number;
  /** Parsing, running and the first render. */
  run: number;
}

const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);
const p90 = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 90);

/** Runs the widget benchmark and writes its section of bench/RESULTS.md. */
export async function benchWidget(): Promise<void> {
  await buildAssets();
  const bytes = await Deno.readFile(new URL("../static/build/widget.js", import.meta.url));
  const gzipped = await gzipSize(bytes);

  const dataDir = await Deno.makeTempDir({ prefix: "arma-bench-widget-" });
  const server = await startServerProcess({
    PORT: String(freePort()),
    DATA_DIR: dataDir,
    DEMO_SEED: "true",
    RATE_LIMIT_IP_PER_MINUTE: "100000",
  }, { quiet: true });
  const key = /Demo publishable key: (pk_\w+)/.exec(server.banner)?.[1] ?? "pk_missing";
  const host = serveHostSite({
    "/": `<!DOCTYPE html><html lang="tr"><head><meta charset="utf-8"><title>Host</title></head>` +
      `<body><h1>Salon</h1>${widgetTag(server.url, key)}</body></html>`,
  });
  const browser = await launchChromium();
  const loads: Load[] = [];
  const opened: number[] = [];
  try {
    for (let i = 0; i < WARMUP + LOADS; i++) {
      // A new context each time: nothing cached, as for a first visit.
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(host.origin);
      await page.waitForFunction(() => performance.getEntriesByName("arma:ready").length > 0);
      const load = await page.evaluate(() => {
        const script = performance.getEntriesByType("resource")
          .find((e) => e.name.endsWith("/widget.js")) as PerformanceResourceTiming;
        const ready = performance.getEntriesByName("arma:ready")[0]!.startTime;
        return {
          ready: ready - script.startTime,
          download: script.responseEnd - script.startTime,
          run: ready - script.responseEnd,
        };
      });
      // Opening: the panel with the business's greeting (config fetched) and the socket ready.
      const t0 = performance.now();
      await page.locator("arma-widget .launcher").click();
      await page.locator("arma-widget .kvkk a").waitFor();
      const open = performance.now() - t0;
      if (i >= WARMUP) {
        loads.push(load);
        opened.push(open);
      }
      await context.close();
    }
  } finally {
    await closeChromium(browser);
    await host.close();
    await server.stop();
    await Deno.remove(dataDir, { recursive: true });
  }
  const row = (label: string, xs: number[]) =>
    `| ${label} | ${fmt(median(xs), 1)} | ${fmt(p90(xs), 1)} | ${fmt(Math.max(...xs), 1)} |`;
  const lines = [
    `${await measuredOn()}; headless Chromium ` +
    `(Debian), a page on another origin with the one-line tag, widget.js from main.ts on ` +
    `loopback; ${LOADS} cold loads (a new browser context each) after ${WARMUP} warm-ups.`,
    "",
    `widget.js: ${fmt(bytes.length / 1024, 1)} KB raw, **${
      fmt(gzipped / 1024, 1)
    } KB gzipped** (budget 20 KB: ${gzipped <= BUDGET ? "met" : "NOT met"}; ` +
    "`tests/widget/size_test.ts` fails the build above it).",
    "",
    "| ms | median | p90 | max |",
    "| --- | ---: | ---: | ---: |",
    row("script request → usable launcher", loads.map((l) => l.ready)),
    row("of which download", loads.map((l) => l.download)),
    row("of which parse, run and first render", loads.map((l) => l.run)),
    row(
      "click → panel with the greeting and KVKK link (config fetched; timed by the driver)",
      opened,
    ),
  ];
  await writeSection("Widget (bench/widget.ts)", lines.join("\n"));
  console.log(lines.join("\n"));
}

if (import.meta.main) await benchWidget();
