// connlint's diagnostics and edits in LSP's terms: 0-based positions, LSP severities, rule ids linked to their pages.
import { pathToFileURL } from "node:url";
import type { Diagnostic as LspDiagnostic, DiagnosticRelatedInformation, Position as LspPosition, Range as LspRange, TextEdit } from "vscode-languageserver";
import type { Diagnostic, Fix, RelatedLocation, Severity } from "../diagnostics/types.js";
import { lineColumn } from "../load/lines.js";
import { ruleDocUrl } from "../package-info.js";

/** LSP's DiagnosticSeverity values. */
const SEVERITY: Record<Severity, 1 | 2 | 3> = { error: 1, warning: 2, info: 3 };
/** LSP's DiagnosticTag.Unnecessary: editors fade the text instead of underlining it. */
const UNNECESSARY = 1;

/**
 * A text as the editor holds it. connlint's offsets and columns index the text without its BOM;
 * an editor that keeps the BOM counts it as the first character of the first line.
 */
export interface EditorText {
  uri: string;
  /** The file's path, when the document is a file. */
  path?: string;
  /** True when the editor's text starts with a BOM. */
  bom: boolean;
  /** The line starts of the text without its BOM, for turning offsets into positions. */
  lineStarts: readonly number[];
}

/** A 1-based line and column (UTF-16 code units, as connlint reports them) as an LSP position. */
export function toLspPosition(line: number, column: number, text: Pick<EditorText, "bom"> | undefined): LspPosition {
  return { line: line - 1, character: column - 1 + (text?.bom && line === 1 ? 1 : 0) };
}

export function toLspRange(place: { line: number; column: number; endLine: number; endColumn: number }, text?: Pick<EditorText, "bom">): LspRange {
  return { start: toLspPosition(place.line, place.column, text), end: toLspPosition(place.endLine, place.endColumn, text) };
}

/** An offset in the text without BOM as an LSP position. */
export function offsetToPosition(offset: number, text: EditorText): LspPosition {
  const { line, column } = lineColumn(text.lineStarts, offset);
  return toLspPosition(line, column, text);
}

export function fixToEdit(fix: Fix, text: EditorText): TextEdit {
  return { range: { start: offsetToPosition(fix.range[0], text), end: offsetToPosition(fix.range[1], text) }, newText: fix.text };
}

export function toLspDiagnostic(diagnostic: Diagnostic, text: EditorText): LspDiagnostic {
  const converted: LspDiagnostic = {
    range: toLspRange(diagnostic, text),
    severity: SEVERITY[diagnostic.severity],
    code: diagnostic.ruleId,
    codeDescription: { href: ruleDocUrl(diagnostic.ruleId) },
    source: "connlint",
    message: diagnostic.message,
  };
  if (diagnostic.ruleId === "unused-suppression") converted.tags = [UNNECESSARY];
  if (diagnostic.related?.length) converted.relatedInformation = diagnostic.related.map((related) => toRelated(related, text));
  return converted;
}

function toRelated(related: RelatedLocation, text: EditorText): DiagnosticRelatedInformation {
  const elsewhere = related.filePath !== undefined && related.filePath !== text.path;
  const uri = elsewhere ? pathToFileURL(related.filePath!).href : text.uri;
  return { location: { uri, range: toLspRange(related, elsewhere ? undefined : text) }, message: related.message };
}
