// Measuring: hyperfine for times, GNU time for peak memory, and the check that a tool found the corpus's known faults.
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const scratch = mkdtempSync(join(tmpdir(), "connlint-bench-"));
process.on("exit", () => rmSync(scratch, { recursive: true, force: true }));

/**
 * Times `commands` with hyperfine (non-zero exits are expected: the corpora hold faults) and
 * returns its JSON summary of each, in order. Commands that need no shell run without one (`-N`),
 * so that a start-up figure carries no shell.
 */
export function hyperfine(commands, { cwd, runs, warmup, prepare }) {
  const exportPath = join(scratch, `hyperfine-${Date.now()}.json`);
  const args = ["--style", "basic", "-i", "--runs", String(runs), "--warmup", String(warmup), "--export-json", exportPath];
  if (!commands.some((command) => command.shell)) args.push("-N");
  if (prepare) args.push("--prepare", prepare);
  for (const command of commands) args.push("-n", command.label, command.run);
  const result = spawnSync("hyperfine", args, { cwd, stdio: ["ignore", "inherit", "inherit"] });
  if (result.status !== 0) throw new Error(`hyperfine failed (exit ${result.status}) on: ${commands.map((command) => command.label).join(", ")}`);
  return JSON.parse(readFileSync(exportPath, "utf8")).results;
}

/** The highest resident set size (bytes) of `runs` runs of the command and the processes it starts, read by GNU time. */
export function peakMemory(command, { cwd, runs }) {
  const output = join(scratch, "time.txt");
  const peaks = [];
  for (let run = 0; run < runs; run++) {
    const result = spawnSync("/usr/bin/time", ["-f", "%M", "-o", output, "sh", "-c", command.run], { cwd, stdio: "ignore" });
    if (result.error) throw result.error;
    peaks.push(Number(readFileSync(output, "utf8").trim().split("\n").pop()) * 1024);
  }
  return { bytes: Math.max(...peaks), runs: peaks };
}

/**
 * Runs the command once, as it is timed, and returns what it reported. Its output goes to files,
 * not pipes: ajv-cli calls process.exit() while its writes to a pipe are still queued, and loses
 * the end of its report when the reader is slow.
 */
export function report(command, cwd) {
  const [stdout, stderr] = ["stdout", "stderr"].map((name) => join(scratch, `${name}.txt`));
  const fds = [openSync(stdout, "w"), openSync(stderr, "w")];
  const result = spawnSync("sh", ["-c", command.run], { cwd, stdio: ["ignore", ...fds] });
  fds.forEach((fd) => closeSync(fd));
  if (result.error) throw result.error;
  const [out, err] = [stdout, stderr].map((path) => readFileSync(path, "utf8"));
  if (result.status !== 0 && result.status !== 1) throw new Error(`${command.label} exited with ${result.status}: ${err.slice(0, 2000)}`);
  return command.found(out, err);
}

/**
 * Whether what a tool reported is exactly the corpus's faults. `expected` names the files that
 * were checked (`files`) and the faulty ones with the rule connlint must report (`faults`), or,
 * for a multi-document file, each faulty document's lines.
 */
export function checkFaults(command, reported, expected) {
  if (command.tool === "connlint") return expected.multi ? checkConnlintMulti(reported, expected) : checkConnlintFiles(reported, expected);
  const invalid = new Set(reported.invalid);
  const faulty = new Set(expected.faults.map((fault) => fault.file));
  const found = [...faulty].filter((file) => invalid.has(file)).length;
  const falseAlarms = [...invalid].filter((file) => !faulty.has(file));
  const problems = [];
  // ajv-cli names every file it checked: a file it never reached is as bad as a false alarm.
  if (reported.valid && reported.valid.length + invalid.size !== expected.files) problems.push(`checked ${reported.valid.length + invalid.size} of ${expected.files} files`);
  return verdict(found, faulty.size, falseAlarms, problems);
}

function checkConnlintFiles(reported, expected) {
  const byFile = new Map();
  for (const problem of reported.problems) byFile.set(problem.file, [...(byFile.get(problem.file) ?? []), problem]);
  const wanted = new Map(expected.faults.map((fault) => [fault.file, fault.rule]));
  let found = 0;
  const falseAlarms = [];
  for (const [file, problems] of byFile) {
    const rule = wanted.get(file);
    if (rule && problems.length === 1 && problems[0].severity === "error" && problems[0].rule === rule) found++;
    else falseAlarms.push(...problems.map((problem) => `${file}:${problem.line} ${problem.severity} ${problem.rule}`));
  }
  return verdict(found, wanted.size, falseAlarms);
}

function checkConnlintMulti(reported, expected) {
  const open = [...expected.faults];
  let found = 0;
  const falseAlarms = [];
  for (const problem of reported.problems) {
    const at = open.findIndex((fault) => problem.line >= fault.lines[0] && problem.line <= fault.lines[1] && fault.rule === problem.rule);
    if (at >= 0 && problem.severity === "error") {
      open.splice(at, 1);
      found++;
    } else {
      falseAlarms.push(`${problem.file}:${problem.line} ${problem.severity} ${problem.rule}`);
    }
  }
  return verdict(found, expected.faults.length, falseAlarms);
}

function verdict(found, faults, falseAlarms, problems = []) {
  const ok = found === faults && falseAlarms.length === 0 && problems.length === 0;
  const parts = [`found ${found} of ${faults} faults`, `${falseAlarms.length} other problems`, ...problems];
  if (falseAlarms.length) parts.push(`first: ${falseAlarms.slice(0, 3).join(", ")}`);
  return { ok, summary: parts.join(", ") };
}
