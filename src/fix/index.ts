// Fixing a text: lint, apply the certain fixes, lint again, until nothing changes (at most 10 passes).
import { type LintOptions, type LintResult, lintText } from "../lint.js";
import { applyFixes } from "./apply.js";

export const MAX_PASSES = 10;

export interface FixOutcome {
  /** The fixed text (the input when nothing was fixed). */
  output: string;
  changed: boolean;
  /** The lint result of the fixed text: the problems that remain. */
  result: LintResult;
}

/** `lint` lints one version of the text; by default on its own, as lintText does. */
export function fixText(text: string, options: LintOptions, lint: (text: string) => LintResult = (current) => lintText(current, options)): FixOutcome {
  let current = text;
  let result = lint(current);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const fixes = result.diagnostics.flatMap((diagnostic) => (diagnostic.fix ? [diagnostic.fix] : []));
    if (!fixes.length) break;
    const { text: next, count } = applyFixes(result.text, fixes);
    if (!count || next === result.text) break;
    current = next;
    result = lint(current);
  }
  return { output: result.text, changed: result.text !== text.replace(/^\uFEFF/, ""), result };
}
