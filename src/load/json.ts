// Strict JSON (RFC 8259) text → positional trees, through jsonc-parser with comments and trailing commas refused.
import { type Node as JsonNode, parseTree, type ParseError, printParseErrorCode } from "jsonc-parser";
import type { Path, Range, Report } from "../diagnostics/types.js";
import { duplicateKeyReport, type LoadedDocument, type LoadedFile, syntaxReport } from "./document.js";
import { lineStartsOf } from "./lines.js";
import type { Entry, Node } from "./tree.js";

/** Our own words for jsonc-parser's error codes, by their names. */
const SYNTAX_MESSAGES: Record<string, string> = {
  InvalidSymbol: "unexpected characters; JSON strings and keys need double quotes",
  InvalidNumberFormat: "invalid number",
  PropertyNameExpected: "a key in double quotes is expected here (JSON allows no trailing comma)",
  ValueExpected: "a value is expected here",
  ColonExpected: "a `:` is expected after the key",
  CommaExpected: "a `,` is expected here",
  CloseBraceExpected: "a closing `}` is missing",
  CloseBracketExpected: "a closing `]` is missing",
  EndOfFileExpected: "unexpected text after the end of the JSON value",
  InvalidCommentToken: "JSON does not allow comments",
  UnexpectedEndOfComment: "JSON does not allow comments",
  UnexpectedEndOfString: "a string is not closed",
  UnexpectedEndOfNumber: "a number is cut short",
  InvalidUnicode: "invalid \\u escape in a string",
  InvalidEscapeCharacter: "invalid escape sequence in a string",
  InvalidCharacter: "a control character (such as a tab or a line break) must be escaped inside a JSON string",
};

export function loadJson(text: string): LoadedFile {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const lineStarts = lineStartsOf(text);
  const first = errors[0];
  if (first || !tree) {
    const range = first ? { start: first.offset, end: first.offset + Math.max(first.length, 1) } : { start: 0, end: 0 };
    const message = (first && SYNTAX_MESSAGES[printParseErrorCode(first.error)]) ?? "this is not valid JSON";
    const document: LoadedDocument = { index: 0, root: undefined, range: { start: 0, end: text.length }, problems: [syntaxReport(`JSON syntax error: ${message}`, range)], broken: true };
    return { format: "json", text, documents: [document], lineStarts };
  }
  const converter = new Converter(text);
  const elements = tree.type === "array" ? tree.children ?? [] : [tree];
  const documents = elements.map((element, index): LoadedDocument => {
    const problems: Report[] = [];
    const root = converter.node(element, [], problems);
    return { index, root, range: root.range, problems, broken: false };
  });
  return { format: "json", text, documents, lineStarts };
}

class Converter {
  constructor(private readonly text: string) {}

  node(node: JsonNode, path: Path, problems: Report[]): Node {
    const range = { start: node.offset, end: node.offset + node.length };
    switch (node.type) {
      case "object":
        return { type: "map", range, entries: this.entries(node.children ?? [], path, problems) };
      case "array":
        return { type: "seq", range, items: (node.children ?? []).map((child, index) => this.node(child, [...path, index], problems)) };
      default:
        return { type: "scalar", range, value: node.value as string | number | boolean | null, source: this.text.slice(range.start, range.end), plain: node.type !== "string" };
    }
  }

  private entries(properties: JsonNode[], path: Path, problems: Report[]): Entry[] {
    const seen = new Map<string, Range>();
    const entries: Entry[] = [];
    for (const property of properties) {
      const [keyNode, valueNode] = property.children ?? [];
      if (!keyNode || !valueNode) continue;
      const key = String(keyNode.value);
      const keyRange = { start: keyNode.offset, end: keyNode.offset + keyNode.length };
      const first = seen.get(key);
      if (first) problems.push(duplicateKeyReport([...path, key], first, keyRange));
      seen.set(key, keyRange);
      entries.push({ key, keyRange, merge: false, value: this.node(valueNode, [...path, key], problems) });
    }
    return entries;
  }
}
