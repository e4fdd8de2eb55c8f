// The default report for people: problems grouped by file, aligned, with a summary line.
import type { Severity } from "../diagnostics/types.js";
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from "diff";
import { counts, type FileReport, type Formatter, relativePath } from "./types.js";

const ANSI = { red: [31, 39], yellow: [33, 39], blue: [34, 39], dim: [2, 22], underline: [4, 24], bold: [1, 22] } as const;
type Style = keyof typeof ANSI;

const SEVERITY_STYLE: Record<Severity, Style> = { error: "red", warning: "yellow", info: "blue" };

export const stylish: Formatter = (results, { cwd, color }) => {
  const paint = (style: Style, text: string) => (color ? `\u001b[${ANSI[style][0]}m${text}\u001b[${ANSI[style][1]}m` : text);
  const all = results.flatMap((result) => result.diagnostics);
  let output = results.map((result) => dryRunDiff(result, cwd)).join("");
  if (!all.length) return output;
  for (const { filePath, diagnostics } of results) {
    if (!diagnostics.length) continue;
    output += `\n${paint("underline", relativePath(cwd, filePath) || filePath)}\n`;
    const rows = diagnostics.map((d) => [`${d.line}:${d.column}`, d.severity, d.message, d.ruleId] as const);
    const placeWidth = Math.max(...rows.map(([place]) => place.length));
    const severityWidth = Math.max(...rows.map(([, severity]) => severity.length));
    for (const [place, severity, message, ruleId] of rows) {
      output += `  ${paint("dim", place.padEnd(placeWidth))}  ${paint(SEVERITY_STYLE[severity], severity.padEnd(severityWidth))}  ${message}  ${paint("dim", ruleId)}\n`;
    }
  }
  const { errors, warnings, infos } = counts(all);
  const problems = errors + warnings + infos;
  const parts = [plural(errors, "error"), plural(warnings, "warning"), ...(infos ? [plural(infos, "info")] : [])];
  const summary = `\u2716 ${plural(problems, "problem")} (${parts.join(", ")})`;
  output += `\n${paint("bold", paint(errors ? "red" : warnings ? "yellow" : "blue", summary))}\n`;
  const fixable = all.filter((d) => d.fix).length;
  if (fixable) output += paint("bold", paint(errors ? "red" : "yellow", `  ${plural(fixable, "problem")} can be fixed with the \`--fix\` option.`)) + "\n";
  return output;
};

/** With --fix-dry-run: what fixing would change, as a unified diff. */
function dryRunDiff({ filePath, fixed }: FileReport, cwd: string): string {
  if (!fixed || fixed.before === fixed.after) return "";
  const name = relativePath(cwd, filePath) || filePath;
  return createTwoFilesPatch(`a/${name}`, `b/${name}`, fixed.before, fixed.after, undefined, undefined, { context: 2, headerOptions: FILE_HEADERS_ONLY });
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 || noun === "info" ? "" : "s"}`;
}
