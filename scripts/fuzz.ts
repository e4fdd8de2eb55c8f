// `npm run fuzz [-- --minutes N]`: runs the fuzzing properties of the test suite on fresh seeds until the time is up.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import fc from "fast-check";
import { arbitraryBytes, checkCase, type FuzzCase, mutatedConnection, yamlishText } from "../test/fuzz-properties.js";

const PROPERTIES: [string, fc.Arbitrary<FuzzCase>][] = [
  ["arbitrary bytes", arbitraryBytes],
  ["YAML- and JSON-like text", yamlishText],
  ["mutated valid connections", mutatedConnection],
];
const RUNS_PER_ROUND = 200;

const { values } = parseArgs({ options: { minutes: { type: "string", default: "1" }, seed: { type: "string" } } });
const minutes = Number(values.minutes);
if (!(minutes > 0)) throw new Error(`--minutes takes a positive number, got ${values.minutes}`);
const deadline = Date.now() + minutes * 60_000;
let seed = values.seed ? Number(values.seed) : Date.now() % 2 ** 31;
let cases = 0;
let round = 0;

console.log(`fuzzing for ${minutes} minute${minutes === 1 ? "" : "s"}, first seed ${seed}`);
while (Date.now() < deadline) {
  const [name, arbitrary] = PROPERTIES[round++ % PROPERTIES.length]!;
  const result = await fc.check(fc.asyncProperty(arbitrary, checkCase), { seed, numRuns: RUNS_PER_ROUND });
  cases += result.numRuns;
  if (result.failed) {
    const [input] = result.counterexample as [FuzzCase];
    const saved = join(mkdtempSync(join(tmpdir(), "connlint-fuzz-failure-")), input.name);
    writeFileSync(saved, input.bytes);
    console.log(`FAILED (${name}) after ${cases} cases: seed ${seed}, path ${result.counterexamplePath}`);
    console.log(String(result.errorInstance));
    console.log(`the smallest failing input is saved as ${saved}: make it a fixture (README, "Robustness")`);
    process.exit(1);
  }
  seed = (seed + 1) % 2 ** 31;
}
console.log(`${cases} cases run, no failure`);
