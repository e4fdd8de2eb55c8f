// Linting files from disk: each file read and analysed with its own configuration, then the checks across files, then suppressions.
import { dirname } from "node:path";
import { ConfigResolver, DEFAULT_FILES, isIgnored, lintOptionsFor } from "../config/index.js";
import type { FileReport } from "../format/index.js";
import { fixText } from "../fix/index.js";
import { maskSecrets } from "../fix/mask.js";
import { encode, writeAtomically } from "../fix/write.js";
import { analyzeText, type FileAnalysis, finishFile, type LintOptions } from "../lint.js";
import { crossFileDiagnostics } from "../cross-file.js";
import { type Encoding, stripBom } from "../load/decode.js";
import { expandTargets, type Target } from "./files.js";
import { configErrorsAsUsage, type Io, UsageError } from "./io.js";
import { progress } from "./progress.js";
import { type AnalysisCache, cacheKey } from "./cache.js";
import { decodeSource, readError, readSource, readTarget } from "./read.js";

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
}

export async function lintFiles(args: string[], options: LintFilesOptions): Promise<FileReport[]> {
  const { resolver, io } = options;
  const { targets, unmatched } = await configErrorsAsUsage(() =>
    expandTargets(args, {
      cwd: io.cwd,
      directoryPatterns: async (directory) => {
        const loaded = await resolver.forDirectory(directory);
        return { root: loaded.path ? loaded.root : directory, patterns: loaded.config.files ?? DEFAULT_FILES };
      },
      ignored: async (path) => isIgnored(await resolver.forDirectory(dirname(path)), path),
    }),
  );
  if (unmatched.length && options.errorOnUnmatchedPattern) {
    throw new UsageError(`no files match ${unmatched.map((arg) => `"${arg}"`).join(", ")}`);
  }
  const analyses: ((FileAnalysis & Pick<FileReport, "fixed">) | FileReport)[] = [];
  const shown = progress(io, targets.length);
  for (const target of targets) {
    const analysis = await configErrorsAsUsage(() => analyzeTarget(target, options));
    shown.advance();
    if (!("skipped" in analysis && analysis.skipped)) analyses.push(analysis);
    else if (options.debug) io.stderr.write(`connlint: skipped ${target.path}: not a connection file\n`);
  }
  shown.done();
  const shared = crossFileDiagnostics(
    analyses.flatMap((analysis) => ("facts" in analysis ? analysis.facts : [])),
    io.cwd,
  );
  return analyses.map((analysis) => {
    if (!("facts" in analysis)) return analysis;
    const { filePath, diagnostics } = finishFile(analysis, shared.get(analysis.filePath) ?? []);
    return analysis.fixed ? { filePath, diagnostics, fixed: analysis.fixed } : { filePath, diagnostics };
  });
}

/** Reads and analyses one file (fixing it first with --fix); a file that can't be read or decoded is a report with one read-error. */
async function analyzeTarget(target: Target, options: LintFilesOptions): Promise<(FileAnalysis & Pick<FileReport, "fixed">) | FileReport> {
  const read = readTarget(target.path, options.maxBytes);
  if (!read.ok) return { filePath: target.path, diagnostics: [readError(read.reason)] };
  const settings = await options.resolver.forFile(target.path);
  const lintOptions: LintOptions = { ...lintOptionsFor(target.path, settings), onlyConnections: !target.named || options.skipNonConnections };
  // An unchanged file's result comes from the cache without even decoding its text.
  const key = options.cache && !options.fix ? cacheKey(read.bytes, lintOptions) : undefined;
  const cached = key ? options.cache!.get(key, lintOptions, () => textOf(target.path)) : undefined;
  if (cached) return cached;
  const source = decodeSource(read.bytes);
  if (!source.ok) return { filePath: target.path, diagnostics: [source.diagnostic] };
  if (!options.fix) {
    const analysis = analyzeText(source.text, lintOptions);
    if (key) options.cache!.set(key, lintOptions, analysis);
    return analysis;
  }
  const { output, changed } = fixText(source.text, lintOptions);
  const analysis = analyzeText(output, lintOptions);
  if (changed && options.fix === "write") writeFixed(target.path, output, source.encoding);
  if (changed && options.fix === "dry-run") return { ...analysis, fixed: { before: maskSecrets(stripBom(source.text), target.path), after: maskSecrets(output, target.path) } };
  return analysis;
}

/** A cached file's text, read again only to place a value another connection shares. */
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
