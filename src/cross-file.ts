// Checks across every connection linted together: values that must be unique (user names, subdomains, names).
import { relative } from "node:path";
import { code } from "./diagnostics/show.js";
import type { Diagnostic, Position, Range, Severity } from "./diagnostics/types.js";
import type { UniqueValueRule } from "./rules/types.js";

/** Where a value is in its file. */
export type Place = Position & { range: Range };

/** One connection's value for a uniqueness rule, with its place: what a file contributes to the cross-file checks. */
export interface UniqueFact {
  ruleId: string;
  severity: Severity;
  /** The message's name for the value: "SIP user name". */
  label: string;
  value: string;
  /** What duplicates are found by: the value, or the value in lower case. */
  key: string;
  filePath: string;
  document: number;
  pointer: string;
  /** Where the value is; found only when the value turns out to be shared (a clean file is read without positions). */
  place(): Place;
  connectionName?: string;
}

/** What duplicates of a rule's value are found by: the value, or the value in lower case. */
export function comparedValue(rule: Pick<UniqueValueRule, "caseInsensitive">, value: string): string {
  return rule.caseInsensitive ? value.toLowerCase() : value;
}

/** The values in one group are duplicates of each other: same rule, same compared value. */
export function duplicateGroup(ruleId: string, key: string): string {
  return `${ruleId}\u0000${key}`;
}

/**
 * How many of the other places a duplicate's message names (and its related locations hold); the rest are counted.
 * A value copied into 500 files is reported 500 times: naming every other place in each report would make the output
 * grow with the square of the copies.
 */
export const NAMED_PLACES = 3;

/** For each file, the diagnostics that values shared with other connections cause. `cwd` shortens paths in messages. */
export function crossFileDiagnostics(facts: Iterable<UniqueFact>, cwd?: string): Map<string, Diagnostic[]> {
  const groups = new Map<string, UniqueFact[]>();
  for (const fact of facts) {
    const key = duplicateGroup(fact.ruleId, fact.key);
    const group = groups.get(key);
    if (group) group.push(fact);
    else groups.set(key, [fact]);
  }
  const byFile = new Map<string, Diagnostic[]>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    for (const fact of group) {
      const others = group.slice(0, NAMED_PLACES + 1).filter((other) => other !== fact).slice(0, NAMED_PLACES);
      const diagnostics = byFile.get(fact.filePath) ?? [];
      diagnostics.push(duplicate(fact, others, group.length - 1 - others.length, cwd));
      byFile.set(fact.filePath, diagnostics);
    }
  }
  return byFile;
}

/** The report at one of a shared value's places: the first `others` are named, `unnamed` more are counted. */
function duplicate(fact: UniqueFact, others: UniqueFact[], unnamed: number, cwd: string | undefined): Diagnostic {
  const places = others.map((other) => placeName(other, fact, cwd));
  if (unnamed) places.push(`and in ${unnamed} more ${unnamed === 1 ? "place" : "places"}`);
  const here = fact.place();
  const diagnostic: Diagnostic = {
    ruleId: fact.ruleId,
    severity: fact.severity,
    message: `${fact.label} ${code(fact.value)} is also used ${places.join(", ")}: it must be unique`,
    pointer: fact.pointer,
    document: fact.document,
    range: here.range,
    line: here.line,
    column: here.column,
    endLine: here.endLine,
    endColumn: here.endColumn,
    related: others.map((other) => {
      const { line, column, endLine, endColumn } = other.place();
      return { message: "also used here", filePath: other.filePath, line, column, endLine, endColumn };
    }),
  };
  if (fact.connectionName !== undefined) diagnostic.connectionName = fact.connectionName;
  return diagnostic;
}

function placeName(other: UniqueFact, fact: UniqueFact, cwd: string | undefined): string {
  const { line, column } = other.place();
  const where = other.filePath !== fact.filePath ? `in ${cwd ? relative(cwd, other.filePath) : other.filePath}:${line}` : sameFileWhere(line, column, fact);
  const named = other.connectionName !== undefined && other.connectionName !== other.value;
  return named ? `by \`${other.connectionName}\` ${where}` : where;
}

/** The other place in the same file: its line, and its column too when both are on one line (a JSON file on one line, say). */
function sameFileWhere(line: number, column: number, fact: UniqueFact): string {
  return line === fact.place().line ? `on line ${line}, column ${column}` : `on line ${line}`;
}
