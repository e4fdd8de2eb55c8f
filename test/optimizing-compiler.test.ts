// On two cores or fewer, a walk or a run over much text has V8 optimize without inlining, which halves the work of the
// compiler's helper threads; the end of the run gives V8 its inlining back. Run in a fresh process with V8 telling
// what it inlines: the flag is the whole process's.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { expect, it } from "vitest";
import { ROOT } from "./support/shared.js";

const MODULE = pathToFileURL(join(import.meta.dirname, "..", "dist", "cli", "optimizing-compiler.js")).href;

/** Runs `body`, where each step optimizes a new function that calls a small one; V8 prints each inlining. Inlinings by step. */
function steps(body: string): Map<string, number> {
  const script = `
import { restoreOptimizingCompiler, spareLintingCore, spareLintingCoreFor } from ${JSON.stringify(MODULE)};
function add(a, b) { return a + b; }
const step = (label) => {
  // A source of its own: the same source again would be the same function, optimized already.
  const sum = new Function("add", "return function sum(n) { let s = 0; for (let i = 0; i < n; i++) s = add(s, i); return s; } // " + label)(add);
  %PrepareFunctionForOptimization(sum);
  sum(10);
  %OptimizeFunctionOnNextCall(sum);
  sum(10);
  console.log("step " + label);
};
${body}`;
  const result = spawnSync(process.execPath, ["--allow-natives-syntax", "--trace-turbo-inlining", "--input-type=module", "-e", script], { encoding: "utf8" });
  expect(result.stderr).toBe("");
  const inlinings = new Map<string, number>();
  let count = 0;
  for (const line of result.stdout.split("\n")) {
    if (line.startsWith("Inlining 0x")) count++;
    if (line.startsWith("step ")) inlinings.set(line.slice("step ".length), count);
    if (line.startsWith("step ")) count = 0;
  }
  return inlinings;
}

it("optimizes without inlining on two cores, from a walk to the end of the run, and not on more cores", () => {
  const inlinings = steps(`
step("before");
spareLintingCore(4);
step("four cores");
spareLintingCore(2);
step("two cores");
restoreOptimizingCompiler();
step("after the run");
`);
  expect(Object.fromEntries(inlinings)).toEqual({ before: 1, "four cores": 1, "two cores": 0, "after the run": 1 });
});

it("does the same for files named on the command line only when they are many or large", () => {
  const folder = mkdtempSync(join(tmpdir(), "connlint-compiler-"));
  const write = (name: string, bytes: number) => {
    writeFileSync(join(folder, name), "x".repeat(bytes));
    return { path: join(folder, name), named: true };
  };
  const few = [write("a.yaml", 2000), write("b.yaml", 2000), { path: join(folder, "missing.yaml"), named: true }];
  const large = [write("all.yaml", 40_000)];
  const many = Array.from({ length: 60 }, () => few[0]);
  const inlinings = steps(`
spareLintingCoreFor(${JSON.stringify(few)}, 2);
step("a few small files");
spareLintingCoreFor(${JSON.stringify(large)}, 2);
step("one large file");
restoreOptimizingCompiler();
spareLintingCoreFor(${JSON.stringify(many)}, 2);
step("many files");
`);
  expect(Object.fromEntries(inlinings)).toEqual({ "a few small files": 1, "one large file": 0, "many files": 0 });
});

it("is what the command does over a folder of many files, over one large file and over a long walk, on two cores or fewer", () => {
  const folder = mkdtempSync(join(tmpdir(), "connlint-compiler-"));
  const example = readFileSync(join(ROOT, "fixtures", "examples", "hq-trunk.yaml"), "utf8");
  const connections = Array.from({ length: 300 }, (_, i) => example.replace("connection_name: hq-trunk", `connection_name: hq-trunk-${i}`));
  mkdirSync(join(folder, "many"));
  connections.forEach((text, i) => writeFileSync(join(folder, "many", `trunk-${i}.yaml`), text));
  writeFileSync(join(folder, "all.yaml"), connections.join("---\n"));
  // A walk past thousands of other files, which makes the walk itself hot, to lint one.
  mkdirSync(join(folder, "notes", "drafts"), { recursive: true });
  writeFileSync(join(folder, "notes", "trunk.yaml"), example);
  for (let i = 0; i < 5000; i++) writeFileSync(join(folder, "notes", "drafts", `note-${i}.txt`), "");
  const inlinings = (target: string) => {
    const result = spawnSync(process.execPath, ["--trace-turbo-inlining", join(ROOT, "bin", "connlint.cjs"), "-f", "unix", target], { cwd: folder, encoding: "utf8" });
    expect(result.stderr).toBe("");
    return result.stdout.split("\n").filter((line) => line.startsWith("Inlining 0x")).length;
  };
  const spared = availableParallelism() <= 2;
  expect(inlinings("many") === 0, `${availableParallelism()} cores`).toBe(spared);
  expect(inlinings("all.yaml") === 0, `${availableParallelism()} cores`).toBe(spared);
  expect(inlinings("notes") === 0, `${availableParallelism()} cores`).toBe(spared);
});

it.runIf(process.platform === "linux")("gives every thread but the main one the lowest priority on two cores, and none on more", () => {
  const script = `
import { readdirSync, readFileSync } from "node:fs";
import { spareLintingCore } from ${JSON.stringify(MODULE)};
// A thread's nice value is the 19th field of its stat line; its name, in parentheses, comes second.
const niceness = () => Object.fromEntries(readdirSync("/proc/self/task").map((id) => {
  const stat = readFileSync("/proc/self/task/" + id + "/stat", "utf8");
  return [Number(id) === process.pid ? "main" : "helper " + id, Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16])];
}));
const seen = { start: niceness() };
spareLintingCore(4);
seen.fourCores = niceness();
spareLintingCore(2);
seen.twoCores = niceness();
console.log(JSON.stringify(seen));
`;
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  expect(result.stderr).toBe("");
  const seen = JSON.parse(result.stdout) as Record<string, Record<string, number>>;
  const helpers = (threads: Record<string, number>) => Object.entries(threads).filter(([name]) => name !== "main");
  expect(helpers(seen.twoCores!).length).toBeGreaterThanOrEqual(4);
  // The test may itself run at a lower priority: the threads start at the main thread's.
  const own = seen.start!.main;
  expect(helpers(seen.start!).every(([, nice]) => nice === own)).toBe(true);
  expect(helpers(seen.fourCores!).every(([, nice]) => nice === own)).toBe(true);
  expect(helpers(seen.twoCores!).every(([, nice]) => nice === 19)).toBe(true);
  expect(seen.twoCores!.main).toBe(own);
});

it.runIf(process.platform === "linux")("leaves every thread's priority alone when asked from a worker thread, which is not the one that lints", () => {
  const script = `
import { readdirSync, readFileSync } from "node:fs";
import { Worker } from "node:worker_threads";
const niceness = () => readdirSync("/proc/self/task").map((id) => {
  const stat = readFileSync("/proc/self/task/" + id + "/stat", "utf8");
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
});
const before = niceness();
const worker = new Worker(${JSON.stringify(`import(${JSON.stringify(MODULE)}).then(({ spareLintingCore }) => spareLintingCore(2))`)}, { eval: true });
worker.on("exit", () => console.log(JSON.stringify({ before, after: niceness() })));
`;
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  expect(result.stderr).toBe("");
  const { before, after } = JSON.parse(result.stdout) as { before: number[]; after: number[] };
  expect(new Set(after)).toEqual(new Set(before));
  expect(after).not.toContain(19);
});
