// The command line: arguments in, a report and an exit code out. The only module that touches files and the process.
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { Diagnostic } from "../diagnostics/types.js";
import { FORMATTERS, type FileReport } from "../format/index.js";
import { lintText } from "../lint.js";
import { packageInfo } from "../package-info.js";
import { decode } from "../load/decode.js";
import { DEFAULT_PATTERNS, expandTargets, parseSize, readTarget, type Target, tooLargeText } from "./files.js";
import { helpText, type OptionValues, PARSE_CONFIG } from "./options.js";

export interface Io {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  readStdin(): Promise<string>;
}

export const EXIT = { ok: 0, problems: 1, failure: 2 } as const;

/** A problem with how connlint was called or configured: one line on stderr, exit 2. */
export class UsageError extends Error {}

export async function main(argv: string[], io: Io): Promise<number> {
  let debug = argv.includes("--debug");
  try {
    const { values, positionals } = parseOptions(argv);
    debug = Boolean(values.debug);
    if (values.help) return print(io, helpText(packageInfo().version));
    if (values.version) return print(io, `${packageInfo().version}\n`);
    return await lint(values, positionals, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`connlint: ${error.message}\n`);
      return EXIT.failure;
    }
    const detail = debug && error instanceof Error ? `\n${error.stack}` : " (run again with --debug for details)";
    const message = (error instanceof Error ? error.message : String(error)).split("\n")[0];
    io.stderr.write(`connlint: internal error: ${message}; please report it at ${bugsUrl()}${detail}\n`);
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
  const maxBytes = parseMaxFileSize(values["max-file-size"]);
  let results: FileReport[];
  if (values.stdin) {
    if (positionals.length) throw new UsageError("--stdin lints standard input only; do not name files as well");
    const filePath = resolve(io.cwd, values["stdin-filename"] ?? "stdin.yaml");
    const text = await io.readStdin();
    const tooLarge = tooLargeText(Buffer.byteLength(text), maxBytes);
    results = [{ filePath, diagnostics: tooLarge ? [readError(tooLarge)] : lintText(text, { filePath }).diagnostics }];
  } else {
    results = await lintFiles(positionals.length ? positionals : ["."], values, maxBytes, io);
  }
  if (values.quiet) results = results.map((result) => ({ ...result, diagnostics: result.diagnostics.filter((d) => d.severity === "error") }));
  const report = formatter(results, { cwd: io.cwd, color: useColor(values, io) });
  writeReport(report, values["output-file"], io);
  return exitCode(results.flatMap((result) => result.diagnostics), maxWarnings);
}

async function lintFiles(args: string[], values: OptionValues, maxBytes: number, io: Io): Promise<FileReport[]> {
  const { targets, unmatched } = await expandTargets(args, { cwd: io.cwd, patterns: DEFAULT_PATTERNS, ignores: [] });
  if (unmatched.length && !values["no-error-on-unmatched-pattern"]) {
    throw new UsageError(`no files match ${unmatched.map((arg) => `"${arg}"`).join(", ")}`);
  }
  const results: FileReport[] = [];
  for (const target of targets) {
    const result = lintTarget(target, Boolean(values["skip-non-connections"]), maxBytes);
    if (result) results.push(result);
    else if (values.debug) io.stderr.write(`connlint: skipped ${target.path}: not a connection file\n`);
  }
  return results;
}

/** Lints one file; undefined when it is skipped as not a connection file. */
function lintTarget(target: Target, skipNonConnections: boolean, maxBytes: number): FileReport | undefined {
  const read = readTarget(target.path, maxBytes);
  if (!read.ok) return { filePath: target.path, diagnostics: [readError(read.reason)] };
  const decoded = decode(read.bytes);
  if (!decoded.ok) return { filePath: target.path, diagnostics: [readError(decoded.reason)] };
  const result = lintText(decoded.text, { filePath: target.path, onlyConnections: !target.named || skipNonConnections });
  return result.skipped ? undefined : { filePath: target.path, diagnostics: result.diagnostics };
}

function readError(reason: string): Diagnostic {
  return { ruleId: "read-error", severity: "error", message: reason, pointer: "", document: 0, range: { start: 0, end: 0 }, line: 1, column: 1, endLine: 1, endColumn: 1 };
}

function parseMaxWarnings(value: string | undefined): number {
  if (value === undefined) return Infinity;
  if (!/^\d+$/.test(value)) throw new UsageError(`--max-warnings takes a whole number, got "${value}"`);
  return Number(value);
}

/** Large enough for 10,000 connections in one file; `yaml` needs about 20 times a file's size in memory. */
const DEFAULT_MAX_FILE_SIZE = "32MB";

function parseMaxFileSize(value = DEFAULT_MAX_FILE_SIZE): number {
  const bytes = parseSize(value);
  if (bytes === undefined || bytes < 1) throw new UsageError(`--max-file-size takes a size such as 32MB, 512KB or a number of bytes, got "${value}"`);
  return bytes;
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
