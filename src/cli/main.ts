// The command line: arguments in, a report and an exit code out. The only module that touches files and the process.
import { appendFileSync, existsSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { Diagnostic } from "../diagnostics/types.js";
import { FORMATTERS, type FileReport, githubStepSummary } from "../format/index.js";
import { counts } from "../format/types.js";
import { lintText } from "../lint.js";
import { packageInfo } from "../package-info.js";
import { body } from "./body.js";
import { DEFAULT_PATTERNS, expandTargets, type Target } from "./files.js";
import { EXIT, type Io, UsageError } from "./io.js";
import { helpText, type OptionValues, PARSE_CONFIG } from "./options.js";
import { progress } from "./progress.js";
import { readSource } from "./read.js";

export { EXIT, type Io, UsageError } from "./io.js";

export async function main(argv: string[], io: Io): Promise<number> {
  let debug = argv.includes("--debug");
  try {
    if (argv[0] === "body") return await body(argv.slice(1), io);
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
  const startedAt = new Date();
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
    if (values["stdin-filename"] !== undefined) throw new UsageError("--stdin-filename names standard input: use it with --stdin");
    results = await lintFiles(positionals.length ? positionals : ["."], values, io);
  }
  const all = results.flatMap((result) => result.diagnostics);
  const shown = values.quiet ? results.map((result) => ({ ...result, diagnostics: result.diagnostics.filter((d) => d.severity === "error") })) : results;
  const repoRoot = findRepoRoot(io.cwd);
  const report = formatter(shown, { cwd: io.cwd, repoRoot, color: useColor(values, io), startedAt, hostname: hostname() });
  writeReport(report, values["output-file"], io, shown);
  if (format === "github" && io.env.GITHUB_STEP_SUMMARY) appendStepSummary(io.env.GITHUB_STEP_SUMMARY, githubStepSummary(shown, repoRoot, { blobBase: blobBase(io.env) }), io);
  return exitCode(all, maxWarnings, io);
}

async function lintFiles(args: string[], values: OptionValues, io: Io): Promise<FileReport[]> {
  const { targets, unmatched } = await expandTargets(args, { cwd: io.cwd, patterns: DEFAULT_PATTERNS, ignores: [] });
  if (unmatched.length && !values["no-error-on-unmatched-pattern"]) {
    throw new UsageError(`no files match ${unmatched.map((arg) => `"${arg}"`).join(", ")}`);
  }
  const results: FileReport[] = [];
  const shown = progress(io, targets.length);
  for (const target of targets) {
    const result = lintTarget(target, Boolean(values["skip-non-connections"]));
    shown.advance();
    if (result) results.push(result);
    else if (values.debug) io.stderr.write(`connlint: skipped ${target.path}: not a connection file\n`);
  }
  shown.done();
  return results;
}

/** Lints one file; undefined when it is skipped as not a connection file. */
function lintTarget(target: Target, skipNonConnections: boolean): FileReport | undefined {
  const source = readSource(target.path);
  if (!source.ok) return { filePath: target.path, diagnostics: [source.diagnostic] };
  const result = lintText(source.text, { filePath: target.path, onlyConnections: !target.named || skipNonConnections });
  return result.skipped ? undefined : { filePath: target.path, diagnostics: result.diagnostics };
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
  if (io.env.FORCE_COLOR !== undefined) return io.env.FORCE_COLOR !== "0" && io.env.FORCE_COLOR !== "false";
  return Boolean(io.stdout.isTTY) && !values["output-file"];
}

/** The report goes to the terminal, or to --output-file with a one-line summary on the terminal. */
function writeReport(report: string, outputFile: string | undefined, io: Io, results: FileReport[]): void {
  if (!outputFile) {
    io.stdout.write(report);
    return;
  }
  try {
    writeFileSync(resolve(io.cwd, outputFile), report);
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

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** The folder holding .git, searched upward from the working directory; the working directory when there is none. */
export function findRepoRoot(cwd: string): string {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, ".git"))) return dir;
    if (dirname(dir) === dir) return resolve(cwd);
  }
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

function exitCode(diagnostics: Diagnostic[], maxWarnings: number, io: Io): number {
  const { errors, warnings } = counts(diagnostics);
  if (warnings > maxWarnings) io.stderr.write(`connlint: ${plural(warnings, "warning")}, more than --max-warnings ${maxWarnings} allows\n`);
  return errors > 0 || warnings > maxWarnings ? EXIT.problems : EXIT.ok;
}

function print(io: Io, text: string): number {
  io.stdout.write(text);
  return EXIT.ok;
}

function bugsUrl(): string {
  return packageInfo().bugs?.url ?? packageInfo().homepage;
}
