import assert from "node:assert/strict";
import { createOfflineModel } from "../../services/bot/offline/mod.ts";
import {
  loadDialogues,
  openEvalWorld,
  replyLanguage,
  report,
  resolveDate,
  runSuite,
} from "../conversations/runner.ts";

Deno.test("the conversation suite has enough dialogues of every kind", async () => {
  const dialogues = await loadDialogues();
  assert.ok(dialogues.length >= 70, `${dialogues.length} dialogues`);
  assert.ok(dialogues.filter((d) => d.locale === "tr").length >= 45);
  assert.ok(dialogues.filter((d) => d.locale === "en").length >= 20);
  assert.ok(dialogues.filter((d) => d.tags?.includes("safety")).length >= 10);
  for (const d of dialogues) {
    assert.ok(d.name && d.turns.length > 0 && d.expect, d.file ?? d.name);
    assert.ok(d.locale === "tr" || d.locale === "en", d.file ?? d.name);
  }
});

Deno.test("resolveDate() and replyLanguage() read the suite's notation", () => {
  assert.equal(resolveDate("today"), "2026-11-23");
  assert.equal(resolveDate("+2d"), "2026-11-25");
  assert.equal(resolveDate("next:fri"), "2026-11-27");
  assert.equal(resolveDate("next:mon"), "2026-11-30");
  assert.equal(replyLanguage("Which one suits you?"), "en");
  assert.equal(replyLanguage("Hangisi size uygun?"), "tr");
});

Deno.test("the offline assistant passes at least 95% of the conversation evaluation", async () => {
  const dialogues = await loadDialogues();
  const world = await openEvalWorld();
  try {
    const suite = await runSuite(world, createOfflineModel(), dialogues);
    const failed = suite.results.filter((r) => !r.passed);
    if (failed.length > 0) console.log(report(suite));
    for (const [lang, l] of Object.entries(suite.byLanguage)) {
      assert.ok(l.passed / l.total >= 0.95, `${lang}: ${l.passed}/${l.total}`);
    }
    assert.ok(suite.rate >= 0.95, `${(suite.rate * 100).toFixed(1)}% passed`);
  } finally {
    await world.close();
  }
});
