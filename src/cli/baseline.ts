// A baseline for adopting connlint in a repository that already has problems: today's problems are recorded, later runs report only new ones.
import { existsSync, readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { toPosix } from "../config/index.js";
import { sortDiagnostics } from "../diagnostics/sort.js";
import type { Diagnostic } from "../diagnostics/types.js";
import type { FileReport } from "../format/index.js";
import { type Io, UsageError } from "./io.js";
import type { OptionValues } from "./options.js";
import { replaceFile } from "./write.js";

export const DEFAULT_BASELINE = ".connlint-baseline.json";

/** A problem as the baseline knows it: by rule, place in the connection and connection, never by line, so that edits elsewhere keep it. */
interface Entry {
  rule: string;
  path: string;
  connection?: string;
  count: number;
}

interface BaselineFile {
  connlintBaseline: 1;
  files: Record<string, Entry[]>;
}

export interface Baseline {
  path: string;
  files: Record<string, Entry[]>;
}

/** The baseline at `path`, or undefined when the default file does not exist; `shown` names it in messages. */
export function readBaseline(path: string, explicit: boolean, shown = path): Baseline | undefined {
  if (!existsSync(path)) {
    if (explicit) throw new UsageError(`the baseline file ${shown} does not exist; create it with --baseline-write`);
    return undefined;
  }
  let parsed: BaselineFile;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8")) as BaselineFile;
  } catch (error) {
    throw new UsageError(`${shown}: the baseline is not valid JSON (${(error as Error).message.split("\n")[0]}); write it again with --baseline-write`);
  }
  if (parsed?.connlintBaseline !== 1 || typeof parsed.files !== "object") throw new UsageError(`${shown}: not a connlint baseline; write it again with --baseline-write`);
  return { path, files: parsed.files };
}

function keyOf(rule: string, pointer: string, connection: string | undefined): string {
  return `${rule}\u0000${pointer}\u0000${connection ?? ""}`;
}

/** Drops the problems the baseline records, and reports the entries that no longer match anything. */
export function applyBaseline(results: FileReport[], baseline: Baseline): FileReport[] {
  return results.map(({ filePath, diagnostics }) => {
    const entries = baseline.files[fileKey(baseline.path, filePath)] ?? [];
    if (!entries.length) return { filePath, diagnostics };
    const allowance = new Map(entries.map((entry) => [keyOf(entry.rule, entry.path, entry.connection), { entry, left: entry.count }]));
    const kept = diagnostics.filter((diagnostic) => {
      const allowed = allowance.get(keyOf(diagnostic.ruleId, diagnostic.pointer, diagnostic.connectionName));
      if (!allowed || allowed.left === 0) return true;
      allowed.left--;
      return false;
    });
    const stale = [...allowance.values()].filter(({ left }) => left > 0).map(({ entry, left }) => staleEntry(entry, left, baseline.path));
    return { filePath, diagnostics: sortDiagnostics([...kept, ...stale]) };
  });
}

function staleEntry(entry: Entry, left: number, baselinePath: string): Diagnostic {
  const where = `${entry.path || "the document"}${entry.connection !== undefined ? ` of \`${entry.connection}\`` : ""}`;
  const times = entry.count > 1 ? ` (${left} of ${entry.count})` : "";
  return {
    ruleId: "stale-baseline",
    severity: "warning",
    message: `the baseline ${baselinePath.split(/[\\/]/).pop()} allows \`${entry.rule}\` at ${where}${times}, which is no longer reported: run connlint --baseline-write to shrink the baseline`,
    pointer: "",
    document: 0,
    range: { start: 0, end: 0 },
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
  };
}

/** Records today's problems of the files linted; entries of other files are kept. Written atomically. */
export function writeBaseline(path: string, results: FileReport[], previous: Baseline | undefined): number {
  const files: Record<string, Entry[]> = { ...previous?.files };
  let total = 0;
  for (const { filePath, diagnostics } of results) {
    const key = fileKey(path, filePath);
    const counted = new Map<string, Entry>();
    for (const diagnostic of diagnostics) {
      if (diagnostic.ruleId === "stale-baseline") continue;
      const id = keyOf(diagnostic.ruleId, diagnostic.pointer, diagnostic.connectionName);
      const entry = counted.get(id) ?? { rule: diagnostic.ruleId, path: diagnostic.pointer, ...(diagnostic.connectionName !== undefined ? { connection: diagnostic.connectionName } : {}), count: 0 };
      entry.count++;
      counted.set(id, entry);
      total++;
    }
    if (counted.size) files[key] = [...counted.values()];
    else delete files[key];
  }
  const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  replaceFile(path, `${JSON.stringify({ connlintBaseline: 1, files: sorted } satisfies BaselineFile, null, 2)}\n`);
  return total;
}

/** Files are recorded relative to the baseline's folder, with forward slashes, so the file works on every machine. */
function fileKey(baselinePath: string, filePath: string): string {
  return toPosix(relative(dirname(resolve(baselinePath)), filePath));
}

/** With --baseline-write, records today's problems and reports none; otherwise hides the recorded ones. */
export function applyOrWriteBaseline(results: FileReport[], values: OptionValues, io: Io): FileReport[] {
  const path = resolve(io.cwd, values.baseline ?? DEFAULT_BASELINE);
  const write = Boolean(values["baseline-write"]);
  const shown = relative(io.cwd, path) || path;
  const baseline = readBaseline(path, values.baseline !== undefined && !write, shown);
  if (write) {
    const recorded = writeFailureAsUsage(shown, () => writeBaseline(path, results, baseline));
    io.stderr.write(`connlint: recorded ${recorded} problem${recorded === 1 ? "" : "s"} in ${shown}\n`);
    return results.map(({ filePath }) => ({ filePath, diagnostics: [] }));
  }
  return baseline ? applyBaseline(results, baseline) : results;
}

/** A baseline that can't be written (a read-only folder, a full disk) is one line and exit 2, not an internal error. */
function writeFailureAsUsage<T>(shown: string, write: () => T): T {
  try {
    return write();
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    if (typeof code === "string") throw new UsageError(`can't write the baseline ${shown}: ${code}`);
    throw error;
  }
}
