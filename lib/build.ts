/**
 * Builds the browser bundles with esbuild: the islands entry (and, once it exists, the widget).
 * @module
 */
import { writeManifest } from "./manifest.ts";

const ROOT = new URL("../", import.meta.url);
const OUT = new URL("static/build/", ROOT);

/** The bundles built, by entry point and output file (ES module unless `format` says). */
export const BUNDLES: { entry: string; out: string; format?: "esm" | "iife" }[] = [
  { entry: "lib/islands_gen.ts", out: "islands.js" },
  // A classic script for any site: an IIFE, so nothing leaks into the page's globals.
  { entry: "widget/main.tsx", out: "widget.js", format: "iife" },
];

/** True when every bundle exists. */
export async function bundlesExist(): Promise<boolean> {
  for (const { out } of BUNDLES) {
    try {
      await Deno.stat(new URL(out, OUT));
    } catch {
      return false;
    }
  }
  return true;
}

/** Regenerates the manifest and builds every bundle. */
export async function buildAssets(options: { minify?: boolean } = {}): Promise<void> {
  await writeManifest();
  const esbuild = await import("esbuild");
  try {
    await Deno.mkdir(OUT, { recursive: true });
    for (const { entry, out, format } of BUNDLES) {
      await esbuild.build({
        entryPoints: [new URL(entry, ROOT).pathname],
        outfile: new URL(out, OUT).pathname,
        bundle: true,
        format: format ?? "esm",
        platform: "browser",
        target: ["es2020"],
        jsx: "automatic",
        jsxImportSource: "preact",
        minify: options.minify ?? true,
        legalComments: "none",
        logLevel: "warning",
      });
    }
  } finally {
    await esbuild.stop();
  }
}
