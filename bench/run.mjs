// `npm run bench`: installs the peers and builds connlint if needed, runs the benchmark, prints the tables and writes bench/RESULTS.md.
// Usage: npm run bench [-- --quick]. Only Node's own modules are imported here: bench/node_modules may not exist yet.
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseCommandLine } from "./args.mjs";

const BENCH = fileURLToPath(new URL(".", import.meta.url));
const ROOT = join(BENCH, "..");

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", ...options });
  if (result.status !== 0) {
    console.error(`bench: \`${[command, ...args].join(" ")}\` failed${result.error ? `: ${result.error.message}` : ""}`);
    process.exit(2);
  }
}

function has(command, args) {
  return !spawnSync(command, args, { stdio: "ignore" }).error;
}

/** What the benchmark needs beyond connlint's own dependencies, each with how to get it. */
function prepare() {
  const missing = [];
  if (!has("hyperfine", ["--version"])) missing.push("hyperfine (times the commands): sudo apt-get install hyperfine");
  if (!existsSync("/usr/bin/time")) missing.push("GNU time (measures peak memory): sudo apt-get install time");
  if (missing.length) {
    console.error(`bench: missing\n  ${missing.join("\n  ")}`);
    process.exit(2);
  }
  if (!existsSync(join(BENCH, "node_modules"))) {
    console.log("== installing the peers (ajv-cli, Spectral) and tinybench into bench/node_modules");
    run("npm", ["ci", "--prefix", BENCH, "--no-audit", "--no-fund"]);
  }
  console.log("== building connlint");
  run("npm", ["run", "--silent", "build"], { cwd: ROOT });
}

const values = parseCommandLine({ quick: { type: "boolean", default: false } }, "usage: npm run bench [-- --quick]\n  --quick  the smoke test CI runs: sizes 1 and 100 only, a few runs each, written to bench/results-quick.md");
prepare();
const { runBenchmark } = await import("./harness.mjs");
const { describeMachine, resultsMarkdown, summaryMarkdown } = await import("./report.mjs");
const machine = describeMachine();
if (machine.loadAtStart > 0.5 * machine.cores) console.log(`bench: the load average is ${machine.loadAtStart.toFixed(1)} on ${machine.cores} cores: other work is running, and the figures will be noisier`);
const results = await runBenchmark({ quick: values.quick, log: (line) => console.log(line) });
const output = join(BENCH, values.quick ? "results-quick.md" : "RESULTS.md");
writeFileSync(output, resultsMarkdown(results, machine));
console.log(`\n${summaryMarkdown(results)}\nWritten to ${output}`);
const failed = results.measured.filter((entry) => !entry.check.ok);
if (failed.length) {
  console.error(`\nbench: these tools did not report exactly the corpus's faults, so their times do not count:\n${failed.map((entry) => `  ${entry.case}, ${entry.label}: ${entry.check.summary}`).join("\n")}`);
  process.exitCode = 1;
}
