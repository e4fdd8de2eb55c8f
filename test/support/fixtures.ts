// The fixture runner: a fixture carries its expected diagnostics; this checks the CLI's three formats against them.
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { runCli } from "./cli.js";

export const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures");
const FIXTURE_FILE = /\.(ya?ml|json)$/;

export interface Expectation {
  line: number;
  /** Only sidecar files give columns; inline expectations leave columns to the golden file. */
  column?: number;
  severity: string;
  ruleId: string;
  pointer: string;
}

/** Fixture folders with a runner of their own: fix/ holds before-and-after pairs (test/fix.test.ts). */
const OWN_RUNNER = new Set([join(FIXTURES, "fix")]);

/** Every fixture file under a folder, sorted. */
export function listFixtures(root = FIXTURES): string[] {
  const found: string[] = [];
  for (const name of readdirSync(root).sort()) {
    const path = join(root, name);
    if (OWN_RUNNER.has(path)) continue;
    if (statSync(path).isDirectory()) found.push(...listFixtures(path));
    // A dotfile is no fixture: fixtures/examples/.connlintrc.yaml is the examples' configuration.
    else if (FIXTURE_FILE.test(name) && !name.startsWith(".")) found.push(path);
  }
  return found;
}

/**
 * `# expect: error invalid-value /inbound/timeout_1xx_secs` on the diagnostic's line (several joined by `;`),
 * or, for JSON and broken files, a sidecar `NAME.expect` with `line:column severity rule pointer` lines.
 * `""` stands for the empty pointer.
 */
export function expectationsOf(filePath: string): Expectation[] {
  const sidecar = `${filePath}.expect`;
  if (existsSync(sidecar)) {
    return readFileSync(sidecar, "utf8")
      .split("\n")
      .filter((line) => line.trim() && !line.startsWith("#"))
      .map((line) => {
        const [, place = "", severity = "", ruleId = "", pointer = ""] = /^(\S+)\s+(\S+)\s+(\S+)\s*(".*"|\S*)$/.exec(line.trim()) ?? [];
        const [lineNumber, column] = place.split(":").map(Number) as [number, number];
        return { line: lineNumber, column, severity, ruleId, pointer: unquote(pointer) };
      });
  }
  const expectations: Expectation[] = [];
  readFileSync(filePath, "utf8")
    .split(/\r\n|\r|\n/)
    .forEach((text, index) => {
      const match = /#.*?\bexpect:\s*(.+)$/.exec(text);
      if (!match) return;
      for (const item of match[1]!.split(";")) {
        const [, severity, ruleId, pointer] = /^(\S+)\s+(\S+)\s*(".*"|\S*)$/.exec(item.trim()) ?? [];
        expectations.push({ line: index + 1, severity: severity ?? item, ruleId: ruleId ?? "", pointer: unquote(pointer ?? "") });
      }
    });
  return expectations;
}

/** A pointer is written as is, or as a JSON string when it holds spaces (`""` is the empty pointer). */
function unquote(pointer: string): string {
  return pointer.startsWith('"') ? (JSON.parse(pointer) as string) : pointer;
}

interface JsonMessage {
  ruleId: string;
  severity: number;
  message: string;
  path: string;
  line: number;
  column: number;
}

const SEVERITY_NAMES = ["info", "warning", "error"];

/** Runs the CLI on one fixture in all three formats; returns what does not match, as readable lines. */
export async function checkFixture(filePath: string, { updateGolden = false } = {}): Promise<string[]> {
  const cwd = dirname(filePath);
  const name = basename(filePath);
  const mismatches: string[] = [];

  const json = await runCli(["--format", "json", name], { cwd });
  const messages = (JSON.parse(json.stdout) as { messages: JsonMessage[] }[]).flatMap((file) => file.messages);
  const found = messages.map((m) => ({ line: m.line, column: m.column, severity: SEVERITY_NAMES[m.severity]!, ruleId: m.ruleId, pointer: m.path }));
  mismatches.push(...compare(expectationsOf(filePath), found));
  const expectedExit = found.some((m) => m.severity === "error") ? 1 : 0;
  if (json.code !== expectedExit) mismatches.push(`exit code ${json.code}, expected ${expectedExit}`);

  const unix = await runCli(["--format", "unix", name], { cwd });
  const golden = `${filePath}.unix`;
  if (updateGolden) {
    if (unix.stdout) writeFileSync(golden, unix.stdout);
    else rmSync(golden, { force: true });
  }
  const goldenText = existsSync(golden) ? readFileSync(golden, "utf8") : "";
  if (unix.stdout !== goldenText) mismatches.push(`unix output differs from ${basename(golden)}:\n${unix.stdout}`);

  const stylish = await runCli(["--format", "stylish", "--no-color", name], { cwd });
  const stylishRows = stylish.stdout
    .split("\n")
    .map((line) => /^\s+(\d+):(\d+)\s+(error|warning|info)\s+(.*?)\s+(\S+)$/.exec(line))
    .filter((match) => match !== null)
    .map((match) => `${match[1]}:${match[2]} ${match[3]} ${match[5]} ${match[4]}`);
  const jsonRows = messages.map((m) => `${m.line}:${m.column} ${SEVERITY_NAMES[m.severity]} ${m.ruleId} ${m.message}`);
  if (stylishRows.join("\n") !== jsonRows.join("\n")) mismatches.push(`stylish and json disagree:\n${stylishRows.join("\n")}\n---\n${jsonRows.join("\n")}`);
  return mismatches;
}

function key(e: Expectation, withColumn: boolean): string {
  return `${e.line}${withColumn && e.column ? `:${e.column}` : ""} ${e.severity} ${e.ruleId} ${JSON.stringify(e.pointer)}`;
}

/** Multiset comparison: every expectation found once, nothing found that was not expected. */
function compare(expected: Expectation[], found: Expectation[]): string[] {
  const withColumn = expected.some((e) => e.column !== undefined);
  const remaining = found.map((f) => key(f, withColumn));
  const missing: string[] = [];
  for (const expectation of expected) {
    const index = remaining.indexOf(key(expectation, withColumn));
    if (index < 0) missing.push(key(expectation, withColumn));
    else remaining.splice(index, 1);
  }
  return [...missing.map((m) => `expected but not reported: ${m}`), ...remaining.map((r) => `reported but not expected: ${r}`)];
}
