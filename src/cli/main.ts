// The command line: arguments in, a report and an exit code out. The only module that touches files and the process.
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { Diagnostic } from "../diagnostics/types.js";
import { FORMATTERS, type FileReport } from "../format/index.js";
import { lintText } from "../lint.js";
import { packageInfo } from "../package-info.js";
import { decode } from "../load/decode.js";
import { DEFAULT_PATTERNS, expandTargets, type Target } from "./files.js";
import { explain } from "./explain.js";
import { helpText, type OptionValues, PARSE_CONFIG } from "./options.js";
import { UsageError } from "./usage-error.js";

export interface Io {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  readStdin(): Promise<string>;
}

export const EXIT = { ok: 0, problems: 1, failure: 2 } as const;

export { UsageError };

export async function main(argv: string[], io: Io): Promise<number> {
  let debug = argv.includes("--debug");
  try {
    const { values, positionals } = parseOptions(argv);
    debug = Boolean(values.debug);
    if (values.help) return print(io, helpText(packageInfo().version));
    if (values.version) return print(io, `${packageInfo().version}\n`);
    if (positionals[0] === "explain") return print(io, explain(positionals[1]));
    return await lint(values, positionals, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`connlint: ${error.message}\n`);
      return EXIT.failure;
    }
    const detail = debug && error instanceof Error ? `\n${error.stack}` : " (run again with --debug for details)";
    io.stderr.write(`connlint: internal error: ${error instanceof Error ? error.message : String(error)}; please report it at ${bugsUrl()}${detail}\n`);
    return EXIT.failure;
  }
}

function parseOptions(argv: string[]): { values: OptionValues; positionals: string[] } {
  try {
    return parseArgs({ ...PARSE_CONFIG, args: argv }) as { values: OptionValues; positionals: string[] };
  } catch (error) {
    const firstSentence = (error as Error).message.split(/\. /)[0]!.replace(/\.$/, "");
    throw new UsageError(`${firstSentence}; see connlint --help`);
  }
}

async function lint(values: OptionValues, positionals: string[], io: Io): Promise<number> {
  const format = values.format ?? "stylish";
  const formatter = FORMATTERS[format];
  if (!formatter) throw new UsageError(`unknown format "${format}"; choose one of ${Object.keys(FORMATTERS).join(", ")}`);
  const maxWarnings = parseMaxWarnings(values["max-warnings"]);
  let results: FileReport[];
  if (values.stdin) {
    if (positionals.length) throw new UsageError("--stdin lints standard input only; do not name files as well");
    const filePath = resolve(io.cwd, values["stdin-filename"] ?? "stdin.yaml");
    results = [{ filePath, diagnostics: lintText(await io.readStdin(), { filePath }).diagnostics }];
  } else {
    results = await lintFiles(positionals.length ? positionals : ["."], values, io);
  }
  if (values.quiet) results = results.map((result) => ({ ...result, diagnostics: result.diagnostics.filter((d) => d.severity === "error") }));
  const report = formatter(results, { cwd: io.cwd, color: useColor(values, io) });
  writeReport(report, values["output-file"], io);
  return exitCode(results.flatMap((result) => result.diagnostics), maxWarnings);
}

async function lintFiles(args: string[], values: OptionValues, io: Io): Promise<FileReport[]> {
  const { targets, unmatched } = await expandTargets(args, { cwd: io.cwd, patterns: DEFAULT_PATTERNS, ignores: [] });
  if (unmatched.length && !values["no-error-on-unmatched-pattern"]) {
    throw new UsageError(`no files match ${unmatched.map((arg) => `"${arg}"`).join(", ")}`);
  }
  const results: FileReport[] = [];
  for (const target of targets) {
    const result = lintTarget(target, Boolean(values["skip-non-connections"]));
    if (result) results.push(result);
    else if (values.debug) io.stderr.write(`connlint: skipped ${target.path}: not a connection file\n`);
  }
  return results;
}

/** Lints one file; undefined when it is skipped as not a connection file. */
function lintTarget(target: Target, skipNonConnections: boolean): FileReport | undefined {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(target.path);
  } catch (error) {
    return { filePath: target.path, diagnostics: [readError(readFailure(error as NodeJS.ErrnoException))] };
  }
  const decoded = decode(bytes);
  if (!decoded.ok) return { filePath: target.path, diagnostics: [readError(decoded.reason)] };
  const result = lintText(decoded.text, { filePath: target.path, onlyConnections: !target.named || skipNonConnections });
  return result.skipped ? undefined : { filePath: target.path, diagnostics: result.diagnostics };
}

function readFailure(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case "EISDIR":
      return "this is a directory, not a file";
    case "EACCES":
    case "EPERM":
      return "permission denied: connlint can't read this file";
    case "ENOENT":
      return "the file does not exist (a broken symbolic link, or deleted while connlint ran)";
    case "ELOOP":
      return "a loop of symbolic links";
    default:
      return `the file can't be read (${error.code ?? "unknown error"})`;
  }
}

function readError(reason: string): Diagnostic {
  return { ruleId: "read-error", severity: "error", message: reason, pointer: "", document: 0, range: { start: 0, end: 0 }, line: 1, column: 1, endLine: 1, endColumn: 1 };
}

function parseMaxWarnings(value: string | undefined): number {
  if (value === undefined) return Infinity;
  if (!/^\d+$/.test(value)) throw new UsageError(`--max-warnings takes a whole number, got "${value}"`);
  return Number(value);
}

function useColor(values: OptionValues, io: Io): boolean {
  if (values["no-color"]) return false;
  if (values.color) return true;
  if (io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR !== undefined) return io.env.FORCE_COLOR !== "0";
  return Boolean(io.stdout.isTTY) && !values["output-file"];
}

function writeReport(report: string, outputFile: string | undefined, io: Io): void {
  if (!outputFile) {
    io.stdout.write(report);
    return;
  }
  try {
    writeFileSync(resolve(io.cwd, outputFile), report);
  } catch (error) {
    throw new UsageError(`can't write the report to ${outputFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function exitCode(diagnostics: Diagnostic[], maxWarnings: number): number {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.filter((d) => d.severity === "warning").length;
  return errors > 0 || warnings > maxWarnings ? EXIT.problems : EXIT.ok;
}

function print(io: Io, text: string): number {
  io.stdout.write(text);
  return EXIT.ok;
}

function bugsUrl(): string {
  return packageInfo().bugs?.url ?? packageInfo().homepage;
}
