// GitHub Actions workflow commands (::error file=…::message), errors first, and the step summary's Markdown table.
import type { Diagnostic, Severity } from "../diagnostics/types.js";
import { type FileReport, type Formatter, pathFrom } from "./types.js";

/** GitHub turns at most this many commands of each severity of a step into annotations, and drops the rest silently. */
export const ANNOTATIONS_SHOWN = 10;

const COMMANDS: Record<Severity, string> = { error: "error", warning: "warning", info: "notice" };
const ORDER: readonly Severity[] = ["error", "warning", "info"];

interface Located {
  path: string;
  diagnostic: Diagnostic;
}

export const github: Formatter = (results, { repoRoot }) => {
  const problems = errorsFirst(results, repoRoot);
  let output = problems.map(({ path, diagnostic }) => command(path, diagnostic)).join("");
  const hidden = ORDER.map((severity) => ({ severity, count: problems.filter((p) => p.diagnostic.severity === severity).length - ANNOTATIONS_SHOWN })).filter(({ count }) => count > 0);
  if (hidden.length) {
    const counted = hidden.map(({ severity, count }) => `${count} more ${noun(count, severity)}`);
    const list = counted.length > 1 ? `${counted.slice(0, -1).join(", ")} and ${counted.at(-1)}` : counted[0];
    output += `connlint: GitHub shows at most ${ANNOTATIONS_SHOWN} annotations of each kind per step: ${list} ${hiddenTotal(hidden) === 1 ? "was" : "were"} not shown as annotations; every problem is in this log\n`;
  }
  return output;
};

/** Every problem, errors first, then warnings, then information; in report order within each. */
function errorsFirst(results: FileReport[], repoRoot: string): Located[] {
  const all = results.flatMap(({ filePath, diagnostics }) => diagnostics.map((diagnostic) => ({ path: pathFrom(repoRoot, filePath), diagnostic })));
  return ORDER.flatMap((severity) => all.filter(({ diagnostic }) => diagnostic.severity === severity));
}

function command(path: string, d: Diagnostic): string {
  const properties: [string, string | number][] = [["file", path], ["line", d.line], ["endLine", d.endLine]];
  // GitHub refuses columns on an annotation that spans lines.
  if (d.line === d.endLine) properties.push(["col", d.column], ["endColumn", d.endColumn]);
  properties.push(["title", d.ruleId]);
  const shown = properties.map(([name, value]) => `${name}=${escapeProperty(String(value))}`).join(",");
  return `::${COMMANDS[d.severity]} ${shown}::${escapeData(d.message)}\n`;
}

/** Workflow-command data: `%`, CR and LF are percent-encoded (actions/toolkit, command.ts). */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** A property value also encodes `:` and `,`, which would end it. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export interface SummaryLinks {
  /** `https://github.com/OWNER/REPO/blob/SHA`, from GITHUB_SERVER_URL, GITHUB_REPOSITORY and GITHUB_SHA. */
  blobBase?: string;
}

/** The Markdown appended to $GITHUB_STEP_SUMMARY: a count and a table of every problem, errors first. */
export function githubStepSummary(results: FileReport[], repoRoot: string, { blobBase }: SummaryLinks = {}): string {
  const problems = errorsFirst(results, repoRoot);
  const files = plural(results.length, "file");
  if (!problems.length) return `### connlint\n\nNo problems in ${files}.\n\n`;
  const counts = ORDER.flatMap((severity) => {
    const count = problems.filter((p) => p.diagnostic.severity === severity).length;
    return severity === "info" && !count ? [] : [`${count} ${noun(count, severity)}`];
  });
  const rows = problems.map(({ path, diagnostic: d }) => `| ${d.severity} | ${place(path, d, blobBase)} | ${cell(d.message)} | \`${d.ruleId}\` |`);
  return [`### connlint`, "", `${plural(problems.length, "problem")} (${counts.join(", ")}) in ${files}.`, "", "| severity | where | problem | rule |", "| --- | --- | --- | --- |", ...rows, "", ""].join("\n");
}

/** `path:line:column`, linked to the line on GitHub when the repository and commit are known. */
function place(path: string, d: Diagnostic, blobBase: string | undefined): string {
  const shown = cell(`${path}:${d.line}:${d.column}`);
  if (!blobBase || path.startsWith("/")) return shown;
  return `[${shown.replace(/[[\]]/g, "\\$&")}](${blobBase}/${path.split("/").map(encodeURIComponent).join("/")}#L${d.line})`;
}

/** Text that stays inside one Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n|\r/g, " ");
}

function noun(count: number, severity: Severity): string {
  const name = severity === "info" ? "notice" : severity;
  return count === 1 ? name : `${name}s`;
}

function hiddenTotal(hidden: { count: number }[]): number {
  return hidden.reduce((sum, { count }) => sum + count, 0);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
