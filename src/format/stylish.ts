// The default report for people: problems grouped by file, aligned, with a summary line.
import { relative } from "node:path";
import type { Severity } from "../diagnostics/types.js";
import { counts, type Formatter } from "./types.js";

const ANSI = { red: [31, 39], yellow: [33, 39], blue: [34, 39], dim: [2, 22], underline: [4, 24], bold: [1, 22] } as const;
type Style = keyof typeof ANSI;

const SEVERITY_STYLE: Record<Severity, Style> = { error: "red", warning: "yellow", info: "blue" };

export const stylish: Formatter = (results, { cwd, color }) => {
  const paint = (style: Style, text: string) => (color ? `\u001b[${ANSI[style][0]}m${text}\u001b[${ANSI[style][1]}m` : text);
  const all = results.flatMap((result) => result.diagnostics);
  if (!all.length) return "";
  let output = "";
  for (const { filePath, diagnostics } of results) {
    if (!diagnostics.length) continue;
    output += `\n${paint("underline", relative(cwd, filePath) || filePath)}\n`;
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
  return output;
};

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 || noun === "info" ? "" : "s"}`;
}
