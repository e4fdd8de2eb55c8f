// Linting files from disk: each file read and analysed with its own configuration, then the checks across files, then suppressions.
import { dirname } from "node:path";
import { ConfigResolver, DEFAULT_FILES, type FileSettings, isIgnored, lintOptionsFor } from "../config/index.js";
import type { FileReport } from "../format/index.js";
import { fixText } from "../fix/index.js";
import { maskSecrets } from "../fix/mask.js";
import { encode, writeAtomically } from "../fix/write.js";
import { analyzeText, type FileAnalysis, finishFile, type LintOptions } from "../lint.js";
import { crossFileDiagnostics } from "../cross-file.js";
import { type Encoding, stripBom } from "../load/decode.js";
import { expandTargets, type Target } from "./files.js";
import { configErrorsAsUsage, type Io, UsageError } from "./io.js";
import { type Progress, progress } from "./progress.js";
import type { AnalysisCache, CacheEntry } from "./cache.js";
import type { Job, JobResult } from "./job.js";
import { type Concurrency, runJobs, workerCount } from "./parallel.js";
import { cleanReport, fromPortable, keep, type KeptAnalysis, keptFacts, type PortableAnalysis, sharesAny, type SharedValues, sharedValues, type StoredFacts, unkept } from "./portable.js";
import { decodeSource, readError, readSource, readTarget } from "./read.js";
import { spareLintingCoreFor } from "./optimizing-compiler.js";
import { growYoungGenerationTowardsItsSize, letYoungGenerationGrow } from "./young-generation.js";

export type FixMode = "write" | "dry-run";

export interface LintFilesOptions {
  io: Io;
  /** --fix writes the certain fixes; --fix-dry-run shows them. */
  fix?: FixMode;
  resolver: ConfigResolver;
  skipNonConnections: boolean;
  errorOnUnmatchedPattern: boolean;
  /** --debug: name each file skipped as not a connection file. */
  debug: boolean;
  /** --max-file-size: a larger file is reported, not read. */
  maxBytes: number;
  /** --cache: results of unchanged files from the last run. */
  cache?: AnalysisCache;
  /** --concurrency: how many threads lint a large run. */
  concurrency?: Concurrency;
}

export async function lintFiles(args: string[], options: LintFilesOptions): Promise<FileReport[]> {
  const { resolver, io } = options;
  const { targets, unmatched, allIgnored } = await configErrorsAsUsage(() =>
    expandTargets(args, {
      cwd: io.cwd,
      directoryPatterns: async (directory) => {
        const loaded = await resolver.forDirectory(directory);
        return { root: loaded.path ? loaded.root : directory, patterns: loaded.config.files ?? DEFAULT_FILES };
      },
      ignored: (path) => {
        const loaded = resolver.settledForFolderOf(path);
        return loaded ? isIgnored(loaded, path) : resolver.forDirectory(dirname(path)).then((config) => isIgnored(config, path));
      },
      ...(options.cache ? { walks: options.cache } : {}),
    }),
  );
  // As ESLint: an argument that lints nothing is a mistake to point out, not a clean run.
  if (unmatched.length && options.errorOnUnmatchedPattern) throw new UsageError(`no files match ${quotedList(unmatched)}`);
  if (allIgnored.length && options.errorOnUnmatchedPattern) throw new UsageError(`all the files that ${quotedList(allIgnored)} match are in the configuration's ignores`);
  letYoungGenerationGrow();
  spareLintingCoreFor(targets);
  const shown = progress(io, targets.length);
  const analyses = options.fix ? await fixAll(targets, options, shown) : await lintAll(targets, options, shown);
  shown.done();
  if (options.debug) analyses.filter(isSkipped).forEach(({ filePath }) => io.stderr.write(`connlint: skipped ${filePath}: not a connection file\n`));
  const linted = analyses.filter((analysis) => !isSkipped(analysis));
  const shared = crossFileDiagnostics(
    linted.flatMap((analysis) => ("facts" in analysis ? analysis.facts : [])),
    io.cwd,
  );
  return linted.map((analysis) => {
    if (!("facts" in analysis)) return analysis;
    const { filePath, diagnostics } = finishFile(analysis, shared.get(analysis.filePath) ?? []);
    return analysis.fixed ? { filePath, diagnostics, fixed: analysis.fixed } : { filePath, diagnostics };
  });
}

function quotedList(args: string[]): string {
  return args.map((arg) => `"${arg}"`).join(", ");
}

type Analyzed = (FileAnalysis & Pick<FileReport, "fixed">) | FileReport;

function isSkipped(analysis: Analyzed): boolean {
  return "skipped" in analysis && analysis.skipped;
}

async function fileOptions(target: Target, options: LintFilesOptions): Promise<LintOptions> {
  return optionsFor(target, await fileSettings(target, options), options);
}

function fileSettings(target: Target, options: LintFilesOptions): Promise<FileSettings> {
  return configErrorsAsUsage(() => options.resolver.forFile(target.path));
}

function optionsFor(target: Target, settings: FileSettings, options: LintFilesOptions): LintOptions {
  return lintOptionsFor(target.path, settings, onlyConnections(target, options));
}

/** Files found by walking a folder are linted only if they are connections; a file named on the command line always is. */
function onlyConnections(target: Target, options: LintFilesOptions): boolean {
  return !target.named || options.skipNonConnections;
}

/**
 * Lints the files, sharing a large run with worker threads; with --cache, unchanged files are not linted again.
 * A large run keeps, per file, only its compact result until the checks across files: the settings it holds are
 * shared by the files of a configuration, and a file's job and options are made when needed.
 */
async function lintAll(targets: Target[], options: LintFilesOptions, shown: Progress): Promise<Analyzed[]> {
  const settings: FileSettings[] = new Array(targets.length);
  // Waiting only for configurations not loaded yet: 10,000 awaits of settled promises take tens of milliseconds.
  for (let index = 0; index < targets.length; index++) {
    const target = targets[index]!;
    settings[index] = options.resolver.settledForFile(target.path) ?? (await fileSettings(target, options));
  }
  const found: Found[] = new Array(targets.length);
  const entries = options.cache ? targets.map((target) => options.cache!.entry(target.path)) : [];
  const toLint = options.cache ? takeUnchanged(targets, entries, settings, options, options.cache, found) : targets.map((_, index) => index);
  shown.advance(targets.length - toLint.length);
  // Job k is for file toLint[k].
  const fileOf = (k: number) => toLint[k]!;
  const jobAt = (k: number) => jobFor(targets[fileOf(k)]!, entries[fileOf(k)], settings[fileOf(k)]!, options);
  const workers = workerCount(options.concurrency ?? "off", toLint.length);
  if (options.debug && workers) options.io.stderr.write(`connlint: ${toLint.length} files, ${workers + 1} threads\n`);
  const debug = options.debug ? (line: string) => options.io.stderr.write(`${line}\n`) : undefined;
  const done = (k: number, result: JobResult) => (found[fileOf(k)] = compactResult(result, entries[fileOf(k)], options));
  const finished = (files: number) => {
    shown.advance(files);
    growYoungGenerationTowardsItsSize();
  };
  await runJobs(toLint.length, jobAt, { workers, done, finished, ...(debug ? { debug } : {}) });
  // Only values that more than one connection has come back as facts for the checks across files.
  const { cache } = options;
  const shared = cache?.sharedValues() ?? sharedValues(keptFactsOf(found, cache));
  cache?.keepShared(shared);
  return found.map((kept, index): Analyzed => {
    const target = targets[index]!;
    if (typeof kept === "number") return fromCache(kept, cache!, target, settings[index]!, options, shared);
    if (isReport(kept)) return kept;
    // Most files: nothing found, nothing to suppress, no value another connection has. Their report is final already.
    if (Array.isArray(kept) && !sharesAny(kept, shared)) return cleanReport(target.path);
    return analysisOf(unkept(kept), target, settings[index]!, options, shared);
  });
}

/** A file's analysis again from its result, a shared value placed by reading the file again when needed. */
function analysisOf(result: Omit<PortableAnalysis, "filePath">, target: Target, settings: FileSettings, options: LintFilesOptions, shared: SharedValues): Analyzed {
  return fromPortable(result, optionsFor(target, settings, options), () => textOf(target.path), shared);
}

/** What a file gave: its result from the cache, its compact result, or its final report (a file that can't be read). */
type Found = CacheEntry | KeptAnalysis | FileReport;

function keptFactsOf(found: Found[], cache: AnalysisCache | undefined): StoredFacts[] {
  const facts: StoredFacts[] = [];
  for (const kept of found) {
    if (typeof kept === "number") facts.push(cache!.factsOf(kept));
    else if (!isReport(kept)) facts.push(keptFacts(kept));
  }
  return facts;
}

/** A file's result from the cache. Most files: nothing found, no value another connection has; their report is final. */
function fromCache(entry: CacheEntry, cache: AnalysisCache, target: Target, settings: FileSettings, options: LintFilesOptions, shared: SharedValues): Analyzed {
  if (!cache.hasRest(entry) && !cache.sharesAny(entry, shared)) return cleanReport(target.path);
  return analysisOf(cache.resultOf(entry, shared), target, settings, options, shared);
}

/**
 * With --cache: the results of the files the cache knows unchanged from their stamps go straight into `found`, with
 * no job made for them (most files of a second run). The indexes of the others, to be read, are returned.
 */
function takeUnchanged(targets: Target[], entries: CacheEntry[], settings: FileSettings[], options: LintFilesOptions, cache: AnalysisCache, found: Found[]): number[] {
  const toLint: number[] = [];
  for (let index = 0; index < targets.length; index++) {
    const target = targets[index]!;
    const entry = entries[index]!;
    if (cache.unchangedByStamp(entry, target.path, configurationKeyOf(target, settings[index]!, options, cache))) found[index] = entry;
    else toLint.push(index);
  }
  return toLint;
}

function jobFor(target: Target, entry: CacheEntry | undefined, settings: FileSettings, options: LintFilesOptions): Job {
  const { cache, maxBytes } = options;
  const job: Job = { path: target.path, options: optionsFor(target, settings, options), maxBytes, regular: target.regular === true };
  if (cache) job.cache = { storedKey: cache.storedKey(entry!), configurationKey: configurationKeyOf(target, settings, options, cache) };
  return job;
}

const CONFIGURATION_KEYS = new WeakMap<FileSettings, Map<boolean, string>>();

/** A file's options follow from its settings and whether only connections count: their cache key is made once per pair. */
function configurationKeyOf(target: Target, settings: FileSettings, options: LintFilesOptions, cache: AnalysisCache): string {
  const connectionsOnly = onlyConnections(target, options);
  let keys = CONFIGURATION_KEYS.get(settings);
  if (!keys) CONFIGURATION_KEYS.set(settings, (keys = new Map()));
  let key = keys.get(connectionsOnly);
  if (key === undefined) keys.set(connectionsOnly, (key = cache.configurationKey(optionsFor(target, settings, options))));
  return key;
}

/** A file's result in its compact form, from the cache when the file is unchanged, and into it when it was linted. */
function compactResult(result: JobResult, entry: CacheEntry | undefined, { cache }: LintFilesOptions): Found {
  if ("report" in result) return result.report;
  if ("unchanged" in result) {
    cache!.unchanged(entry!, result.stamp);
    return entry!;
  }
  if (result.key !== undefined) cache!.set(entry!, result.key, result.analysis, result.stamp);
  return keep(result.analysis);
}

function isReport(kept: KeptAnalysis | FileReport): kept is FileReport {
  return !Array.isArray(kept) && !("facts" in kept);
}

/** --fix and --fix-dry-run: one file after the other, each fixed, then linted as fixed. */
async function fixAll(targets: Target[], options: LintFilesOptions, shown: Progress): Promise<Analyzed[]> {
  const analyses: Analyzed[] = [];
  for (const target of targets) {
    analyses.push(fixTarget(target.path, await fileOptions(target, options), options));
    shown.advance(1);
    growYoungGenerationTowardsItsSize();
  }
  return analyses;
}

function fixTarget(path: string, lintOptions: LintOptions, options: LintFilesOptions): Analyzed {
  const read = readTarget(path, options.maxBytes);
  if (!read.ok) return { filePath: path, diagnostics: [readError(read.reason)] };
  const source = decodeSource(read.bytes);
  if (!source.ok) return { filePath: path, diagnostics: [source.diagnostic] };
  const { output, changed } = fixText(source.text, lintOptions);
  const analysis = analyzeText(output, lintOptions);
  if (changed && options.fix === "write") writeFixed(path, output, source.encoding);
  if (changed && options.fix === "dry-run") return { ...analysis, fixed: { before: maskSecrets(stripBom(source.text), path), after: maskSecrets(output, path) } };
  return analysis;
}

/** A file's text, read again only to place a value another connection shares. */
function textOf(path: string): string {
  const source = readSource(path);
  return source.ok ? source.text : "";
}

function writeFixed(path: string, text: string, encoding: Encoding): void {
  try {
    writeAtomically(path, encode(text, encoding));
  } catch (error) {
    throw new UsageError(`can't write the fixed ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}; the file is unchanged`);
  }
}
