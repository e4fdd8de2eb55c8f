// Quick fixes: each diagnostic's fix and suggestions, a suppression comment for the line, and every certain fix at once.
import { diffLines } from "diff";
import type { CodeAction, Range as LspRange, TextEdit, WorkspaceEdit } from "vscode-languageserver";
import type { Diagnostic, Fix } from "../diagnostics/types.js";
import { fixText } from "../fix/index.js";
import type { LintOptions, LintResult } from "../lint.js";
import { lineStartsOf } from "../load/lines.js";
import { UNCONFIGURABLE } from "../rules/builtin.js";
import { findDirectives } from "../suppressions.js";
import { type EditorText, fixToEdit, toLspDiagnostic, toLspRange } from "./convert.js";

export const FIX_ALL_KIND = "source.fixAll.connlint";
const QUICK_FIX = "quickfix";
/** Problems with suppression comments are fixed in the comment, not suppressed by another one. */
const NOT_DISABLED_BY_COMMENT = new Set([...UNCONFIGURABLE, "unused-suppression", "invalid-suppression"]);

export interface CodeActionRequest {
  /** The document as linted: `result` is its current lint result, `options` how it was linted. */
  text: EditorText;
  result: LintResult;
  options: LintOptions;
  range: LspRange;
  /** The kinds the editor asks for (`quickfix`, `source.fixAll`, …); all when absent. */
  only?: string[];
}

export function codeActions({ text, result, options, range, only }: CodeActionRequest): CodeAction[] {
  const wanted = (kind: string) => !only || only.some((asked) => kind === asked || kind.startsWith(`${asked}.`));
  const actions: CodeAction[] = [];
  if (wanted(QUICK_FIX)) {
    const here = result.diagnostics.filter((diagnostic) => overlaps(toLspRange(diagnostic, text), range));
    for (const diagnostic of here) actions.push(...quickFixes(diagnostic, text));
    const seen = new Set<string>();
    for (const diagnostic of here) {
      const action = options.filePath.endsWith(".json") ? undefined : disableForLine(diagnostic, result.text, text);
      if (action && !seen.has(action.title)) actions.push(action);
      if (action) seen.add(action.title);
    }
    if (here.some((diagnostic) => diagnostic.fix) && result.diagnostics.filter((diagnostic) => diagnostic.fix).length > 1) {
      actions.push(...fixAll(result, options, text, QUICK_FIX));
    }
  }
  if (only && wanted(FIX_ALL_KIND)) actions.push(...fixAll(result, options, text, FIX_ALL_KIND));
  return actions;
}

function quickFixes(diagnostic: Diagnostic, text: EditorText): CodeAction[] {
  const diagnostics = [toLspDiagnostic(diagnostic, text)];
  const actions: CodeAction[] = [];
  if (diagnostic.fix) {
    actions.push({ title: `Fix this ${diagnostic.ruleId} problem`, kind: QUICK_FIX, diagnostics, isPreferred: true, edit: edit(text, [fixToEdit(diagnostic.fix, text)]) });
  }
  for (const suggestion of diagnostic.suggestions ?? []) {
    actions.push({ title: suggestion.desc, kind: QUICK_FIX, diagnostics, edit: edit(text, [fixToEdit(suggestion.fix, text)]) });
  }
  return actions;
}

/**
 * `# connlint-disable-next-line RULE` above the diagnostic's line, indented as that line; a rule added to
 * such a comment already there. Offered only where the comment would be a real YAML comment (not inside a block scalar).
 */
function disableForLine(diagnostic: Diagnostic, source: string, text: EditorText): CodeAction | undefined {
  if (NOT_DISABLED_BY_COMMENT.has(diagnostic.ruleId)) return undefined;
  const { lineStarts } = text;
  const lineStart = lineStarts[diagnostic.line - 1]!;
  const existing = findDirectives(source, lineStarts).find(
    (directive) => directive.kind === "disable-next-line" && directive.line === diagnostic.line - 1 && /^[ \t]*$/.test(source.slice(lineStarts[directive.line - 1]!, directive.range.start)),
  );
  let insertAt: number;
  let inserted: string;
  if (existing) {
    if (existing.ruleIds.length === 0 || existing.ruleIds.includes(diagnostic.ruleId)) return undefined;
    const comment = source.slice(existing.range.start, existing.range.end);
    insertAt = existing.range.start + comment.replace(/\s+--.*$/, "").trimEnd().length;
    inserted = ` ${diagnostic.ruleId}`;
  } else {
    const indent = /^[ \t]*/.exec(source.slice(lineStart))![0];
    const eol = source.includes("\r\n") ? "\r\n" : "\n";
    insertAt = lineStart;
    inserted = `${indent}# connlint-disable-next-line ${diagnostic.ruleId}${eol}`;
  }
  if (!suppresses(source.slice(0, insertAt) + inserted + source.slice(insertAt), diagnostic, existing ? 0 : 1)) return undefined;
  return {
    title: `Disable ${diagnostic.ruleId} for this line`,
    kind: QUICK_FIX,
    diagnostics: [toLspDiagnostic(diagnostic, text)],
    edit: edit(text, [fixToEdit({ range: [insertAt, insertAt], text: inserted }, text)]),
  };
}

/** Whether the edited text holds a comment that suppresses the diagnostic, now `shift` lines further down. */
function suppresses(edited: string, diagnostic: Diagnostic, shift: number): boolean {
  return findDirectives(edited, lineStartsOf(edited)).some(
    (directive) => directive.kind === "disable-next-line" && directive.line === diagnostic.line + shift - 1 && directive.ruleIds.includes(diagnostic.ruleId),
  );
}

/**
 * Every certain fix, applied as `--fix` applies them, as one edit per changed run of lines: lines that do not
 * change (a password, say) never travel in the edit.
 */
function fixAll(result: LintResult, options: LintOptions, text: EditorText, kind: string): CodeAction[] {
  if (!result.diagnostics.some((diagnostic) => diagnostic.fix)) return [];
  const { output, changed } = fixText(result.text, options);
  if (!changed) return [];
  const changes = changedLines(result.text, output).map((fix) => fixToEdit(fix, text));
  return [{ title: "Fix all auto-fixable problems", kind, edit: edit(text, changes) }];
}

/** The runs of lines where two texts differ, as edits on the first. */
function changedLines(before: string, after: string): Fix[] {
  const fixes: Fix[] = [];
  let offset = 0;
  let pending: Fix | undefined;
  for (const part of diffLines(before, after)) {
    if (!part.added && !part.removed) {
      if (pending) fixes.push(pending);
      pending = undefined;
      offset += part.value.length;
      continue;
    }
    pending ??= { range: [offset, offset], text: "" };
    if (part.removed) {
      offset += part.value.length;
      pending.range[1] = offset;
    } else pending.text += part.value;
  }
  if (pending) fixes.push(pending);
  return fixes;
}


function edit(text: EditorText, edits: TextEdit[]): WorkspaceEdit {
  return { changes: { [text.uri]: edits } };
}

function overlaps(a: LspRange, b: LspRange): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}
