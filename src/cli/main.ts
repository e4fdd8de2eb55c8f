// The command line: arguments in, a report and an exit code out. The only module that touches files and the process.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { ConfigResolver, lintOptionsFor } from "../config/index.js";
import { fixText } from "../fix/index.js";
import { maskSecrets } from "../fix/mask.js";
import { FORMATTERS, type FileReport } from "../format/index.js";
import { lintText } from "../lint.js";
import { stripBom } from "../load/decode.js";
import { packageInfo } from "../package-info.js";
import { applyOrWriteBaseline } from "./baseline.js";
import { body } from "./body.js";
import { AnalysisCache, DEFAULT_CACHE_LOCATION } from "./cache.js";
import { explain } from "./explain.js";
import { configErrorsAsUsage, EXIT, type Io, UsageError } from "./io.js";
import { type FixMode, lintFiles } from "./lint-files.js";
import { helpText, type OptionValues, PARSE_CONFIG } from "./options.js";
import { parseConcurrency } from "./parallel.js";
import { DEFAULT_MAX_FILE_SIZE, parseSize, readInput } from "./read.js";
import { exitCode, parseMaxWarnings, writeReports } from "./report.js";
import { parseRuleOptions, printConfig } from "./rule-options.js";
import { restoreOptimizingCompiler } from "./optimizing-compiler.js";
import { restoreYoungGeneration } from "./young-generation.js";

export { EXIT, type Io, UsageError } from "./io.js";
export { serveJobs } from "./worker.js";
export { underV8Defaults } from "./v8-flags.js";

export async function main(argv: string[], io: Io): Promise<number> {
  let debug = argv.includes("--debug");
  try {
    if (argv[0] === "body") return await body(argv.slice(1), io);
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
    const message = (error instanceof Error ? error.message : String(error)).split("\n")[0];
    io.stderr.write(`connlint: internal error: ${message}; please report it at ${bugsUrl()}${detail}\n`);
    return EXIT.failure;
  } finally {
    restoreYoungGeneration();
    restoreOptimizingCompiler();
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
    return parseArgs({ ...PARSE_CONFIG, args: withNoWarningLimit(argv) }) as { values: OptionValues; positionals: string[] };
  } catch (error) {
    // Node's messages can run over several sentences and lines; the first says what is wrong.
    const firstSentence = (error as Error).message.split(/\.(?:\s|$)|\n/)[0]!;
    throw new UsageError(`${firstSentence}; see connlint --help`);
  }
}

/** ESLint's `--max-warnings -1` (no limit): parseArgs would take the -1 for an option, so it is joined to its flag. */
function withNoWarningLimit(argv: string[]): string[] {
  const at = argv.findIndex((arg, i) => arg === "--max-warnings" && argv[i + 1] === "-1");
  return at === -1 ? argv : [...argv.slice(0, at), "--max-warnings=-1", ...argv.slice(at + 2)];
}

async function lint(values: OptionValues, positionals: string[], io: Io): Promise<number> {
  const startedAt = new Date();
  const format = values.format ?? "stylish";
  const formatter = FORMATTERS[format];
  if (!formatter) throw new UsageError(`unknown format "${format}"; choose one of ${Object.keys(FORMATTERS).join(", ")}`);
  const maxWarnings = parseMaxWarnings(values["max-warnings"]);
  const maxBytes = parseMaxFileSize(values["max-file-size"]);
  const concurrency = parseConcurrency(values.concurrency);
  if (concurrency === undefined) throw new UsageError(`--concurrency takes a number of threads, auto or off, got "${values.concurrency}"`);
  const resolver = new ConfigResolver({ cwd: io.cwd, explicitPath: values.config, ruleOverrides: parseRuleOptions(values.rule ?? []) });
  if (values["print-config"] !== undefined) return print(io, await printConfig(resolver, resolve(io.cwd, values["print-config"])));
  let results: FileReport[];
  if (values.stdin) {
    if (positionals.length) throw new UsageError("--stdin lints standard input only; do not name files as well");
    const filePath = resolve(io.cwd, values["stdin-filename"] ?? "stdin.yaml");
    const input = await readInput(io.stdin(), maxBytes);
    results = [input.ok ? await lintStdin(input.text, filePath, resolver, values, io) : { filePath, diagnostics: [input.diagnostic] }];
  } else {
    if (values["stdin-filename"] !== undefined) throw new UsageError("--stdin-filename names standard input: use it with --stdin");
    const fix = fixMode(values);
    // --fix reads and fixes every file, so the cache has nothing to offer it: it is left as it was.
    const useCache = (values.cache || values["cache-location"] !== undefined) && !fix.fix;
    const cache = useCache ? AnalysisCache.open(resolve(io.cwd, values["cache-location"] ?? DEFAULT_CACHE_LOCATION)) : undefined;
    results = await lintFiles(positionals.length ? positionals : ["."], {
      io,
      resolver,
      ...fix,
      skipNonConnections: Boolean(values["skip-non-connections"]),
      errorOnUnmatchedPattern: !values["no-error-on-unmatched-pattern"],
      debug: Boolean(values.debug),
      maxBytes,
      concurrency,
      ...(cache ? { cache } : {}),
    });
    if (cache && values.debug) io.stderr.write(`${cache.summary()}\n`);
    const unsaved = cache?.save();
    if (unsaved) io.stderr.write(`connlint: can't write the cache ${values["cache-location"] ?? DEFAULT_CACHE_LOCATION} (${unsaved}); the next run starts without it\n`);
  }
  results = applyOrWriteBaseline(results, values, io);
  // With --fix --stdin, stdout carries the fixed text, so the report goes to stderr.
  const reportIo = values.stdin && values.fix ? { ...io, stdout: io.stderr } : io;
  writeReports(results, { format, formatter, values, io: reportIo, startedAt });
  return exitCode(results.flatMap((result) => result.diagnostics), maxWarnings, io);
}

/** Standard input: with --fix the fixed text goes to stdout (exactly what --fix would write); with --fix-dry-run it is shown masked. */
async function lintStdin(text: string, filePath: string, resolver: ConfigResolver, values: OptionValues, io: Io): Promise<FileReport> {
  const settings = await configErrorsAsUsage(() => resolver.forFile(filePath));
  const options = lintOptionsFor(filePath, settings);
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

function parseMaxFileSize(value = DEFAULT_MAX_FILE_SIZE): number {
  const bytes = parseSize(value);
  if (bytes === undefined || bytes < 1) throw new UsageError(`--max-file-size takes a size such as 32MB, 512KB or a number of bytes, got "${value}"`);
  return bytes;
}

function print(io: Io, text: string): number {
  io.stdout.write(text);
  return EXIT.ok;
}

function bugsUrl(): string {
  return packageInfo().bugs?.url ?? packageInfo().homepage;
}
