// Linting files from disk: each file read and analysed with its own configuration, then the checks across files, then suppressions.
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { ConfigResolver, isIgnored } from "../config/index.js";
import type { Diagnostic } from "../diagnostics/types.js";
import type { FileReport } from "../format/index.js";
import { fixText } from "../fix/index.js";
import { maskSecrets } from "../fix/mask.js";
import { encode, writeAtomically } from "../fix/write.js";
import { analyzeText, type FileAnalysis, finishFile, type LintOptions } from "../lint.js";
import { crossFileDiagnostics } from "../cross-file.js";
import { decode, type Encoding, stripBom } from "../load/decode.js";
import { DEFAULT_FILES } from "../config/index.js";
import { expandTargets, type Target } from "./files.js";
import { configErrorsAsUsage, UsageError } from "./usage-error.js";

export type FixMode = "write" | "dry-run";

export interface LintFilesOptions {
  cwd: string;
  /** --fix writes the certain fixes; --fix-dry-run shows them. */
  fix?: FixMode;
  resolver: ConfigResolver;
  skipNonConnections: boolean;
  errorOnUnmatchedPattern: boolean;
  /** Told of each file skipped as not a connection file (for --debug). */
  onSkip?: (path: string) => void;
}

export async function lintFiles(args: string[], options: LintFilesOptions): Promise<FileReport[]> {
  const { resolver } = options;
  const { targets, unmatched } = await configErrorsAsUsage(() =>
    expandTargets(args, {
      cwd: options.cwd,
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
  for (const target of targets) {
    const analysis = await configErrorsAsUsage(() => analyzeTarget(target, options));
    if ("skipped" in analysis && analysis.skipped) options.onSkip?.(target.path);
    else analyses.push(analysis);
  }
  const shared = crossFileDiagnostics(
    analyses.flatMap((analysis) => ("facts" in analysis ? analysis.facts : [])),
    options.cwd,
  );
  return analyses.map((analysis) => {
    if (!("facts" in analysis)) return analysis;
    const { filePath, diagnostics } = finishFile(analysis, shared.get(analysis.filePath) ?? []);
    return analysis.fixed ? { filePath, diagnostics, fixed: analysis.fixed } : { filePath, diagnostics };
  });
}

/** Reads and analyses one file (fixing it first with --fix); a file that can't be read or decoded is a report with one read-error. */
async function analyzeTarget(target: Target, options: LintFilesOptions): Promise<(FileAnalysis & Pick<FileReport, "fixed">) | FileReport> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(target.path);
  } catch (error) {
    return { filePath: target.path, diagnostics: [readError(readFailure(error as NodeJS.ErrnoException))] };
  }
  const decoded = decode(bytes);
  if (!decoded.ok) return { filePath: target.path, diagnostics: [readError(decoded.reason)] };
  const settings = await options.resolver.forFile(target.path);
  const lintOptions: LintOptions = {
    filePath: target.path,
    onlyConnections: !target.named || options.skipNonConnections,
    severities: settings.severities,
    settings: { knownCodecs: settings.knownCodecs },
    ...(settings.kind ? { overrideKind: settings.kind } : {}),
  };
  if (!options.fix) return analyzeText(decoded.text, lintOptions);
  const { output, changed } = fixText(decoded.text, lintOptions);
  const analysis = analyzeText(output, lintOptions);
  if (changed && options.fix === "write") writeFixed(target.path, output, decoded.encoding);
  if (changed && options.fix === "dry-run") return { ...analysis, fixed: { before: maskSecrets(stripBom(decoded.text), target.path), after: maskSecrets(output, target.path) } };
  return analysis;
}

function writeFixed(path: string, text: string, encoding: Encoding): void {
  try {
    writeAtomically(path, encode(text, encoding));
  } catch (error) {
    throw new UsageError(`can't write the fixed ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}; the file is unchanged`);
  }
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
