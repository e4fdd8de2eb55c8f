// The command line: arguments in, a report and an exit code out. The only module that touches files and the process.
import { writeFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { Diagnostic } from "../diagnostics/types.js";
import { FORMATTERS, type FileReport } from "../format/index.js";
import { lintText } from "../lint.js";
import { packageInfo } from "../package-info.js";
import { ConfigError, ConfigResolver, DEFAULT_FILES, type SeverityOrOff } from "../config/index.js";
import { nearest } from "../diagnostics/nearest.js";
import { UNCONFIGURABLE } from "../rules/builtin.js";
import { ALL_RULES, ruleMeta } from "../rules/index.js";
import { applyBaseline, DEFAULT_BASELINE, readBaseline, writeBaseline } from "./baseline.js";
import { type FixMode, lintFiles } from "./lint-files.js";
import { fixText } from "../fix/index.js";
import { maskSecrets } from "../fix/mask.js";
import { stripBom } from "../load/decode.js";
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
    if (positionals[0] === "lsp") return await languageServer(values, positionals, io);
    if (values.stdio) throw new UsageError("--stdio is for `connlint lsp --stdio`");
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

/** `connlint lsp --stdio`: loaded only for this command, so that linting does not pay for the language server. */
async function languageServer(values: OptionValues, positionals: string[], io: Io): Promise<number> {
  if (!values.stdio || positionals.length > 1) throw new UsageError("the language server runs as `connlint lsp --stdio`");
  const { serve } = await import("../lsp/server.js");
  return serve({ input: process.stdin, output: process.stdout, cwd: io.cwd });
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
  const resolver = new ConfigResolver({ cwd: io.cwd, explicitPath: values.config, ruleOverrides: parseRuleOptions(values.rule ?? []) });
  if (values["print-config"] !== undefined) return print(io, await printConfig(resolver, resolve(io.cwd, values["print-config"])));
  let results: FileReport[];
  if (values.stdin) {
    if (positionals.length) throw new UsageError("--stdin lints standard input only; do not name files as well");
    const filePath = resolve(io.cwd, values["stdin-filename"] ?? "stdin.yaml");
    results = [await lintStdin(await io.readStdin(), filePath, resolver, values, io)];
  } else {
    results = await lintFiles(positionals.length ? positionals : ["."], {
      cwd: io.cwd,
      resolver,
      ...fixMode(values),
      skipNonConnections: Boolean(values["skip-non-connections"]),
      errorOnUnmatchedPattern: !values["no-error-on-unmatched-pattern"],
      onSkip: values.debug ? (path) => io.stderr.write(`connlint: skipped ${path}: not a connection file\n`) : undefined,
    });
  }
  results = applyOrWriteBaseline(results, values, io);
  if (values.quiet) results = results.map((result) => ({ ...result, diagnostics: result.diagnostics.filter((d) => d.severity === "error") }));
  const report = formatter(results, { cwd: io.cwd, color: useColor(values, io) });
  // With --fix --stdin, stdout carries the fixed text, so the report goes to stderr.
  writeReport(report, values["output-file"], values.stdin && values.fix ? { ...io, stdout: io.stderr } : io);
  return exitCode(results.flatMap((result) => result.diagnostics), maxWarnings);
}

/** With --baseline-write, records today's problems and reports none; otherwise hides the recorded ones. */
function applyOrWriteBaseline(results: FileReport[], values: OptionValues, io: Io): FileReport[] {
  const path = resolve(io.cwd, values.baseline ?? DEFAULT_BASELINE);
  const write = Boolean(values["baseline-write"]);
  const shown = relative(io.cwd, path) || path;
  const baseline = readBaseline(path, values.baseline !== undefined && !write, shown);
  if (write) {
    const recorded = writeBaseline(path, results, baseline);
    io.stderr.write(`connlint: recorded ${recorded} problem${recorded === 1 ? "" : "s"} in ${shown}\n`);
    return results.map(({ filePath }) => ({ filePath, diagnostics: [] }));
  }
  return baseline ? applyBaseline(results, baseline) : results;
}

/** Standard input: with --fix the fixed text goes to stdout (exactly what --fix would write); with --fix-dry-run it is shown masked. */
async function lintStdin(text: string, filePath: string, resolver: ConfigResolver, values: OptionValues, io: Io): Promise<FileReport> {
  const settings = await configErrorsAsUsage(() => resolver.forFile(filePath));
  const options = { filePath, severities: settings.severities, settings: { knownCodecs: settings.knownCodecs }, ...(settings.kind ? { overrideKind: settings.kind } : {}) };
  if (!values.fix && !values["fix-dry-run"]) return { filePath, diagnostics: lintText(text, options).diagnostics };
  const { output, result } = fixText(text, options);
  if (values.fix) {
    io.stdout.write(output);
    return { filePath, diagnostics: result.diagnostics };
  }
  return { filePath, diagnostics: result.diagnostics, fixed: { before: maskSecrets(stripBom(text), filePath), after: maskSecrets(output, filePath) } };
}

function fixMode(values: OptionValues): { fix?: FixMode } {
  if (values.fix && values["fix-dry-run"]) throw new UsageError("--fix and --fix-dry-run can't be used together");
  return values.fix ? { fix: "write" } : values["fix-dry-run"] ? { fix: "dry-run" } : {};
}

/** `--rule ID:SEVERITY`, given once per rule. */
function parseRuleOptions(rules: string[]): Record<string, SeverityOrOff> {
  const parsed: Record<string, SeverityOrOff> = {};
  for (const option of rules) {
    const [id = "", severity = ""] = option.split(/:(?=[^:]*$)/);
    if (!ruleMeta(id) || UNCONFIGURABLE.has(id)) {
      const meant = nearest(id, ALL_RULES.map((rule) => rule.id));
      throw new UsageError(`--rule ${option}: ${ruleMeta(id) ? `"${id}" can't be configured` : `unknown rule "${id}"${meant ? `; did you mean "${meant}"?` : ""}`}`);
    }
    if (!["error", "warning", "info", "off"].includes(severity)) throw new UsageError(`--rule ${option}: the severity must be error, warning, info or off`);
    parsed[id] = severity as SeverityOrOff;
  }
  return parsed;
}

/** `--print-config FILE`: the configuration that applies to a file, every rule's severity resolved. */
async function printConfig(resolver: ConfigResolver, filePath: string): Promise<string> {
  const settings = await configErrorsAsUsage(() => resolver.forFile(filePath));
  const loaded = await resolver.forDirectory(dirname(filePath));
  const rules = Object.fromEntries(ALL_RULES.map((rule) => [rule.id, settings.severities[rule.id] ?? rule.severity]));
  const resolved = {
    file: filePath,
    configFile: settings.configPath ?? null,
    kind: settings.kind ?? null,
    files: loaded.config.files ?? DEFAULT_FILES,
    ignores: loaded.config.ignores ?? [],
    knownCodecs: settings.knownCodecs,
    rules,
  };
  return `${JSON.stringify(resolved, null, 2)}\n`;
}

async function configErrorsAsUsage<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
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
