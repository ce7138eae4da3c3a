/**
 * The chat benchmark's fake Gemini, in a process of its own so that the load generator's work is
 * not counted as the server's. It answers at once in two chunks and prints, for every request, the
 * instant (ms since the epoch, sub-millisecond) it began to answer: `answered <id> <instant>`.
 * Its first line is `url <base url>`.
 * @module
 */
import { startFakeGemini, textTurn } from "../../tests/fakes/gemini.ts";

const encoder = new TextEncoder();
let lines: string[] = [];
const flush = () => {
  if (lines.length === 0) return;
  Deno.stdout.writeSync(encoder.encode(lines.join("")));
  lines = [];
};
setInterval(flush, 100);

const fake = startFakeGemini({
  strict: false,
  record: false,
  script: (req) => {
    const last = JSON.stringify(req.body.contents.at(-1));
    const id = /Merhaba (c\d+-\d+-[sj]\d+p?)/.exec(last)?.[1] ?? "";
    lines.push(`answered ${id} ${performance.timeOrigin + performance.now()}\n`);
    return textTurn(["Merhaba! ", "Size nasıl yardımcı olabilirim?"]);
  },
});
Deno.stdout.writeSync(encoder.encode(`url ${fake.url}\n`));
Deno.addSignalListener("SIGTERM", () => {
  flush();
  Deno.exit(0);
});
