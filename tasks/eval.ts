/**
 * `deno task eval`: runs the conversation evaluation (tests/conversations/*.json) against the
 * offline assistant and, when GEMINI_API_KEY is set, against Gemini; prints every failure and the
 * task success rate per model and language; exits non-zero when a model passes under 95%.
 *
 * `deno task eval [filter] [--verbose] [--dir=path]`: only dialogues whose file name contains
 * `filter`; `--verbose` prints every transcript; `--dir` reads the dialogues from another folder
 * (in the same format; a dialogue naming a `business` fixture talks to that business).
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { loadConfig } from "../lib/config.ts";
import { chooseModel } from "../lib/deps.ts";
import type { ChatModel } from "../services/bot/model.ts";
import { createOfflineModel } from "../services/bot/offline/mod.ts";
import {
  type DialogueResult,
  loadDialogues,
  openEvalWorld,
  report,
  runSuite,
  type SuiteResult,
} from "../tests/conversations/runner.ts";

/** The lowest task success rate that passes. */
const THRESHOLD = 0.95;

const verbose = Deno.args.includes("--verbose") || Deno.args.includes("-v");
const filter = Deno.args.find((a) => !a.startsWith("-"));
const dir = Deno.args.find((a) => a.startsWith("--dir="))?.slice("--dir=".length);
const dialogues = (await loadDialogues(dir ? pathToFileURL(resolve(dir) + "/") : undefined))
  .filter((d) => !filter || d.file!.includes(filter));

const config = loadConfig(Deno.env.toObject());
const models: ChatModel[] = [createOfflineModel()];
if (config.gemini.apiKey) models.push(chooseModel(config));

function transcript(r: DialogueResult): string {
  const lines = [`${r.passed ? "PASS" : "FAIL"} ${r.dialogue.file}: ${r.dialogue.name}`];
  r.dialogue.turns.forEach((turn, i) => {
    lines.push(`  > ${typeof turn === "string" ? turn : turn.user}`);
    const calls = r.tools.filter((t) => t.turn === i).map((t) => t.name);
    if (calls.length) lines.push(`    [${calls.join(", ")}]`);
    lines.push(`  < ${(r.replies[i] ?? "").replaceAll("\n", "\n    ")}`);
  });
  return lines.join("\n");
}

const started = performance.now();
const world = await openEvalWorld();
const suites: SuiteResult[] = [];
try {
  for (const model of models) {
    suites.push(
      await runSuite(world, model, dialogues, (r) => {
        if (verbose) console.log(transcript(r));
      }),
    );
  }
} finally {
  await world.close();
}
for (const suite of suites) console.log(report(suite));
console.log(
  `${dialogues.length} dialogues, ${models.length} model(s), ${
    ((performance.now() - started) / 1000).toFixed(1)
  } s`,
);
if (!config.gemini.apiKey) console.log("GEMINI_API_KEY is not set: Gemini was not evaluated.");
const low = suites.filter((s) => s.rate < THRESHOLD);
if (low.length > 0) {
  console.error(
    `Below ${THRESHOLD * 100}%: ${
      low.map((s) => `${s.model} ${(s.rate * 100).toFixed(1)}%`).join(", ")
    }`,
  );
  Deno.exit(1);
}
