// What every formatter receives: the results of a run and a little context. Formatters are pure.
import type { Diagnostic } from "../diagnostics/types.js";

export interface FileReport {
  /** Absolute path of the file (or the --stdin-filename). */
  filePath: string;
  diagnostics: Diagnostic[];
  /** With --fix-dry-run: the text before and after fixing, secrets masked. */
  fixed?: { before: string; after: string };
}

export interface FormatContext {
  /** Paths in people-facing formats are shown relative to this folder. */
  cwd: string;
  color: boolean;
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
