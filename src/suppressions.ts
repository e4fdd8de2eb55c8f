// Inline suppressions in YAML comments: `# connlint-disable-next-line RULE`, `-line`, and `disable` … `enable` blocks.
import { yamlLibrary } from "./packages.js";
import type { Diagnostic, Position, Range } from "./diagnostics/types.js";
import { lineColumn } from "./load/lines.js";

export type DirectiveKind = "disable-next-line" | "disable-line" | "disable" | "enable";

export interface Directive {
  kind: DirectiveKind;
  /** Rule ids named; empty means every rule. */
  ruleIds: string[];
  /** Where the comment is. */
  range: Range;
  line: number;
  position: Position;
}

const DIRECTIVE = /^#\s*connlint-(disable-next-line|disable-line|disable|enable)\b(.*)$/;
/** Tokens the YAML lexer emits that are not characters of the source. */
const NOT_IN_SOURCE = new Set(["doc-mode", "flow-error-end", "scalar", "byte-order-mark"]);

/** The suppression comments of a YAML text, found by the YAML lexer so that a `#` inside a string does not count. */
export function findDirectives(text: string, lineStarts: readonly number[]): Directive[] {
  if (!text.includes("connlint-")) return [];
  const directives: Directive[] = [];
  let offset = 0;
  const { CST, Lexer } = yamlLibrary();
  for (const token of new Lexer().lex(text)) {
    const type = CST.tokenType(token);
    if (type === "comment") {
      const match = DIRECTIVE.exec(token);
      if (match) {
        const ruleIds = match[2]!.replace(/--.*$/, "").split(/[\s,]+/).filter(Boolean);
        const start = lineColumn(lineStarts, offset);
        const end = lineColumn(lineStarts, offset + token.length);
        const position = { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
        directives.push({ kind: match[1] as DirectiveKind, ruleIds, range: { start: offset, end: offset + token.length }, line: start.line, position });
      }
    }
    if (!type || !NOT_IN_SOURCE.has(type)) offset += token.length;
  }
  return directives;
}

export interface SuppressionOutcome {
  kept: Diagnostic[];
  /** Each directive's rule ids that suppressed nothing ("" for a directive naming no rule). */
  unused: { directive: Directive; ruleId: string }[];
}

/** Drops the diagnostics a directive covers; rules in `unsuppressible` always stay. */
export function applyDirectives(diagnostics: Diagnostic[], directives: Directive[], unsuppressible: ReadonlySet<string>): SuppressionOutcome {
  if (!directives.length) return { kept: diagnostics, unused: [] };
  const used = new Set<string>();
  const kept = diagnostics.filter((diagnostic) => {
    if (unsuppressible.has(diagnostic.ruleId)) return true;
    const covering = coveringDirective(directives, diagnostic);
    if (!covering) return true;
    used.add(`${directives.indexOf(covering)}\u0000${covering.ruleIds.length ? diagnostic.ruleId : ""}`);
    return false;
  });
  const unused = directives
    .filter((directive) => directive.kind !== "enable")
    .flatMap((directive) => (directive.ruleIds.length ? directive.ruleIds : [""]).map((ruleId) => ({ directive, ruleId })))
    .filter(({ directive, ruleId }) => !used.has(`${directives.indexOf(directive)}\u0000${ruleId}`));
  return { kept, unused };
}

function names(directive: Directive, ruleId: string): boolean {
  return directive.ruleIds.length === 0 || directive.ruleIds.includes(ruleId);
}

/** The directive that silences a diagnostic, if any: a line directive, else the last open block. */
function coveringDirective(directives: Directive[], diagnostic: Diagnostic): Directive | undefined {
  const line = directives.find(
    (directive) =>
      names(directive, diagnostic.ruleId) &&
      ((directive.kind === "disable-line" && directive.line === diagnostic.line) || (directive.kind === "disable-next-line" && directive.line + 1 === diagnostic.line)),
  );
  if (line) return line;
  let open: Directive | undefined;
  for (const directive of directives) {
    if (directive.line > diagnostic.line || (directive.line === diagnostic.line && directive.range.start > diagnostic.range.start)) break;
    if (directive.kind === "disable" && names(directive, diagnostic.ruleId)) open = directive;
    if (directive.kind === "enable" && open && (directive.ruleIds.length === 0 || open.ruleIds.some((id) => directive.ruleIds.includes(id)))) open = undefined;
  }
  return open;
}
