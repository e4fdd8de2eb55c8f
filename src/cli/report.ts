// Writing the report where it belongs (the terminal, --output-file, GitHub's step summary), and the exit code it leads to.
import { appendFileSync, writeFileSync } from "node:fs";
import { os } from "../builtins.js";
import { dirname, resolve } from "node:path";
import { repositoryRoot } from "../config/index.js";
import type { Diagnostic } from "../diagnostics/types.js";
import { type FileReport, type Formatter, githubStepSummary } from "../format/index.js";
import { counts } from "../format/types.js";
import { EXIT, type Io, UsageError } from "./io.js";
import type { OptionValues } from "./options.js";
import { makeDirectory } from "./write.js";

export interface ReportSetup {
  format: string;
  formatter: Formatter;
  values: OptionValues;
  io: Io;
  startedAt: Date;
}

export function writeReports(results: FileReport[], { format, formatter, values, io, startedAt }: ReportSetup): void {
  const shown = values.quiet ? results.map((result) => ({ ...result, diagnostics: result.diagnostics.filter((d) => d.severity === "error") })) : results;
  const repoRoot = repositoryRoot(io.cwd) ?? resolve(io.cwd);
  let color: boolean | undefined;
  const report = formatter(shown, {
    cwd: io.cwd,
    repoRoot,
    // Asked only by the formats that colour, and only when something is shown: asking whether stdout is a terminal
    // can load Node's terminal module (and its network modules with it), some 7 ms of a run.
    get color() {
      color ??= shown.some((result) => result.diagnostics.length || result.fixed) && useColor(values, io);
      return color;
    },
    startedAt,
    // Only JUnit asks, and loading node:os takes a millisecond of a one-file run.
    get hostname() {
      return os().hostname();
    },
  });
  writeReport(report, values["output-file"], io, shown);
  if (format === "github" && io.env.GITHUB_STEP_SUMMARY) {
    appendStepSummary(io.env.GITHUB_STEP_SUMMARY, githubStepSummary(shown, repoRoot, { blobBase: blobBase(io.env) }), io);
  }
}

export function parseMaxWarnings(value: string | undefined): number {
  // -1 is ESLint's default: no limit.
  if (value === undefined || value === "-1") return Infinity;
  if (!/^\d+$/.test(value)) throw new UsageError(`--max-warnings takes a whole number (or -1 for no limit), got "${value}"`);
  return Number(value);
}

/** Hidden warnings (--quiet) still count, as in ESLint. */
export function exitCode(diagnostics: Diagnostic[], maxWarnings: number, io: Io): number {
  const { errors, warnings } = counts(diagnostics);
  if (warnings > maxWarnings) io.stderr.write(`connlint: ${plural(warnings, "warning")}, more than --max-warnings ${maxWarnings} allows\n`);
  return errors > 0 || warnings > maxWarnings ? EXIT.problems : EXIT.ok;
}

function useColor(values: OptionValues, io: Io): boolean {
  if (values["no-color"]) return false;
  if (values.color) return true;
  if (io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR !== undefined) return io.env.FORCE_COLOR !== "0" && io.env.FORCE_COLOR !== "false";
  return Boolean(io.stdout.isTTY) && !values["output-file"];
}

/** The report goes to the terminal, or to --output-file with a one-line summary on the terminal. */
function writeReport(report: string, outputFile: string | undefined, io: Io, results: FileReport[]): void {
  if (!outputFile) {
    // A clean run has nothing to write, and never opens stdout.
    if (report) io.stdout.write(report);
    return;
  }
  try {
    const path = resolve(io.cwd, outputFile);
    makeDirectory(dirname(path));
    writeFileSync(path, report);
  } catch (error) {
    throw new UsageError(`can't write the report to ${outputFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  io.stdout.write(`connlint: ${summary(results)}; report written to ${outputFile}\n`);
}

function summary(results: FileReport[]): string {
  const { errors, warnings, infos } = counts(results.flatMap((result) => result.diagnostics));
  const files = plural(results.length, "file");
  if (!errors && !warnings && !infos) return `no problems in ${files}`;
  const parts = [plural(errors, "error"), plural(warnings, "warning"), ...(infos ? [`${infos} info`] : [])];
  return `${plural(errors + warnings + infos, "problem")} (${parts.join(", ")}) in ${files}`;
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** Links from the step summary to the lines, when GitHub Actions says which repository and commit this is. */
function blobBase(env: Io["env"]): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_SHA: sha } = env;
  return server && repository && sha ? `${server}/${repository}/blob/${sha}` : undefined;
}

/** A summary that can't be written is worth a line, not a failed lint. */
function appendStepSummary(path: string, markdown: string, io: Io): void {
  try {
    appendFileSync(path, markdown);
  } catch (error) {
    io.stderr.write(`connlint: can't append to GITHUB_STEP_SUMMARY (${path}): ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
  }
}
