// The editor's case, in-process: how long lintText takes on a 500-line file after a one-character edit, timed by tinybench.
// Usage: node bench/lsp.mjs MULTI_DOCUMENT_YAML [--quick]; prints one JSON object.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Bench } from "tinybench";
import { ROOT } from "./tools.mjs";

const LINES = 500;

/** The first documents of a multi-document file that fit in `lines` lines, padded with comment lines to exactly that many. */
export function fileOfLines(multi, lines) {
  const documents = multi.split(/^---\n/m);
  const kept = [];
  let count = 0;
  for (const document of documents) {
    const documentLines = document.split("\n").length - 1 + (kept.length ? 1 : 0);
    if (count + documentLines > lines) break;
    kept.push(document);
    count += documentLines;
  }
  return kept.join("---\n") + "# notes\n".repeat(lines - count);
}

/** The text with one digit of the middle line's number changed: what a keystroke in the editor does. */
function withOneCharacterEdit(text) {
  const middle = text.indexOf("channel_limit: ", text.length / 2) + "channel_limit: ".length;
  const digit = Number(text[middle]);
  return text.slice(0, middle) + String((digit % 9) + 1) + text.slice(middle + 1);
}

const [multiPath, mode] = process.argv.slice(2);
const quick = mode === "--quick";
const { lintText } = await import(pathToFileURL(join(ROOT, "dist", "lint.js")).href);
const texts = [fileOfLines(readFileSync(multiPath, "utf8"), LINES)];
texts.push(withOneCharacterEdit(texts[0]));
const options = { filePath: "connections/edited.yaml" };
// The server has linted the file when it was opened: schemas compiled, modules loaded.
const opened = lintText(texts[0], options);
let turn = 0;
const bench = new Bench({ time: quick ? 500 : 5000, warmupTime: quick ? 100 : 1000, throws: true });
bench.add("lintText after a one-character edit", () => {
  turn ^= 1;
  lintText(texts[turn], options);
});
await bench.run();
const { latency } = bench.tasks[0].result;
console.log(JSON.stringify({ lines: texts[0].split("\n").length - 1, documents: texts[0].split(/^---\n/m).length, problems: opened.diagnostics.length, median: latency.p50, mean: latency.mean, p99: latency.p99, min: latency.min, max: latency.max, rme: latency.rme, samples: latency.samplesCount }));
