// What loading a file yields: its documents as positional trees, and the problems found on the way.
import type { Path, Range, Report } from "../diagnostics/types.js";
import type { Node } from "./tree.js";

export type SourceFormat = "yaml" | "json";

export interface LoadedDocument {
  /** Which document of a YAML file, or which element of a JSON array. */
  index: number;
  /** The document's content; undefined for an empty YAML document. */
  root: Node | undefined;
  /** Where the document is in the text (for a JSON array element, the element). */
  range: Range;
  /** Problems of this document: syntax, duplicate keys, unresolved tags. */
  problems: Report[];
  /** When true the tree is incomplete: only the syntax problems are reported. */
  broken: boolean;
}

export interface LoadedFile {
  format: SourceFormat;
  text: string;
  documents: LoadedDocument[];
  /** Offsets where each line starts, for turning offsets into line and column. */
  lineStarts: number[];
  /**
   * The text passed the quick path's screen (load/quick.ts): none of its plain scalars reads differently in YAML 1.1,
   * which the quick path already relies on for the documents it finds clean.
   */
  screened?: true;
}

/** Deeper than any connection, and than the parsers can follow without overflowing the stack. */
export const NESTING_LIMIT = 100;

export function nestingReport(range: Range): Report {
  return {
    ruleId: "nesting-limit",
    path: [],
    message: `values are nested more than ${NESTING_LIMIT} levels deep here, deeper than any connection; connlint does not read further, and the document is not checked`,
    range,
  };
}

/** A parser's place for an error, made at least one character wide where the text allows, and kept inside the text. */
export function errorRange(start: number, end: number, textLength: number): Range {
  const from = Math.min(Math.max(start, 0), textLength);
  return { start: from, end: Math.min(Math.max(end, from + 1), textLength) };
}

export function syntaxReport(message: string, range: Range): Report {
  return { ruleId: "syntax", path: [], message, range };
}

export function duplicateKeyReport(path: Path, first: Range, second: Range): Report {
  const key = String(path.at(-1));
  return {
    ruleId: "duplicate-key",
    path,
    message: `duplicate key \`${key}\`: the value here silently replaces the one set earlier; keep only one`,
    range: second,
    related: [{ range: first, message: `\`${key}\` is first set here` }],
  };
}

/**
 * A document read on its own from a piece of a text that starts at `start`, moved to where the piece is in the whole
 * text: its ranges then index the whole text, and it takes its place (`index`) among the text's documents.
 */
export function movedDocument(document: LoadedDocument, start: number, index: number): LoadedDocument {
  if (start === 0) return { ...document, index };
  const moved = new Set<Node>();
  // A range object can be shared (a duplicate key's report holds the entries' key ranges): each moves once.
  const shifted = new Set<Range>();
  const shift = (range: Range) => {
    if (shifted.has(range)) return;
    shifted.add(range);
    range.start += start;
    range.end += start;
  };
  const shiftNode = (node: Node | undefined) => {
    if (!node || moved.has(node)) return;
    moved.add(node);
    shift(node.range);
    if (node.type === "seq") node.items.forEach(shiftNode);
    if (node.type === "map") for (const entry of node.entries) {
      shift(entry.keyRange);
      shiftNode(entry.value);
    }
  };
  shiftNode(document.root);
  shift(document.range);
  for (const problem of document.problems) {
    if (problem.range) shift(problem.range);
    for (const related of problem.related ?? []) if (related.range) shift(related.range);
  }
  return { ...document, index };
}
