// ESLint's JSON report, plus the pointer and document index of each problem (DESIGN §3).
import { SEVERITY_RANK } from "../diagnostics/types.js";
import { counts, type Formatter } from "./types.js";

export const json: Formatter = (results) => JSON.stringify(results.map(toEslintShape)) + "\n";

export function toEslintShape({ filePath, diagnostics, fixed }: Parameters<Formatter>[0][number]) {
  const { errors, warnings, infos } = counts(diagnostics);
  const fixable = (severity: string) => diagnostics.filter((d) => d.severity === severity && d.fix).length;
  return {
    filePath,
    messages: diagnostics.map((d) => ({
      ruleId: d.ruleId,
      severity: SEVERITY_RANK[d.severity],
      message: d.message,
      path: d.pointer,
      document: d.document,
      line: d.line,
      column: d.column,
      endLine: d.endLine,
      endColumn: d.endColumn,
      ...(d.fix ? { fix: d.fix } : {}),
      ...(d.suggestions ? { suggestions: d.suggestions } : {}),
      ...(d.related ? { related: d.related } : {}),
    })),
    errorCount: errors,
    warningCount: warnings,
    infoCount: infos,
    fixableErrorCount: fixable("error"),
    fixableWarningCount: fixable("warning"),
    ...(fixed && fixed.after !== fixed.before ? { output: fixed.after } : {}),
  };
}
