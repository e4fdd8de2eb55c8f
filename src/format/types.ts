// What every formatter receives: the results of a run and a little context. Formatters are pure.
import { isAbsolute, relative, sep } from "node:path";
import type { Diagnostic } from "../diagnostics/types.js";

export interface FileReport {
  /** Absolute path of the file (or the --stdin-filename). */
  filePath: string;
  diagnostics: Diagnostic[];
  /** With --fix-dry-run: the text before and after fixing, secrets masked. */
  fixed?: { before: string; after: string };
}

export interface FormatContext {
  /** Paths in people-facing formats (stylish, unix) are shown relative to this folder. */
  cwd: string;
  /** Paths in CI formats (sarif, github, junit) are relative to this folder: the repository's root. */
  repoRoot: string;
  color: boolean;
  /** When the run started: JUnit's required timestamp. */
  startedAt: Date;
  /** The machine's name: JUnit's required hostname. */
  hostname: string;
}

export type Formatter = (results: FileReport[], context: FormatContext) => string;

export function counts(diagnostics: Diagnostic[]): { errors: number; warnings: number; infos: number } {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const diagnostic of diagnostics) {
    if (diagnostic.severity === "error") errors++;
    else if (diagnostic.severity === "warning") warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}

/** A path relative to `root` with `/` separators; the absolute path where it lies outside `root`. */
export function pathFrom(root: string, filePath: string): string {
  const shown = relativePath(root, filePath);
  return !shown || shown === ".." || shown.startsWith(`..${sep}`) || isAbsolute(shown) ? filePath : shown.split(sep).join("/");
}

/** A separator doubled or at the end, or a `.` or `..` segment: a path that only path.relative() can take apart. */
const NOT_PLAIN = /\/\.{1,2}(?:\/|$)|\/\/|\/$/;

/**
 * path.relative(from, to). That resolves both paths on every call, which a report of 1,000 problems feels (some 10 ms
 * cold); a `to` plainly below an absolute `from`, the usual case, is cut instead.
 */
export function relativePath(from: string, to: string): string {
  const below = sep === "/" && from.charCodeAt(0) === 0x2f && to.charCodeAt(from.length) === 0x2f && to.length > from.length + 1 && to.startsWith(from);
  return below && !NOT_PLAIN.test(from) && !NOT_PLAIN.test(to) ? to.slice(from.length + 1) : relative(from, to);
}
