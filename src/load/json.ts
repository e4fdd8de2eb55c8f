// Strict JSON (RFC 8259) text → positional trees, through jsonc-parser with comments and trailing commas refused.
import type { Node as JsonNode, ParseError } from "jsonc-parser";
import type { Path, Range, Report } from "../diagnostics/types.js";
import { duplicateKeyReport, errorRange, type LoadedDocument, type LoadedFile, movedDocument, NESTING_LIMIT, nestingReport, syntaxReport } from "./document.js";
import { jsoncParser } from "../packages.js";
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
  const lineStarts = lineStartsOf(text);
  const deep = tooDeepIn(text);
  if (deep) {
    const document: LoadedDocument = { index: deep.element, root: undefined, range: { start: 0, end: text.length }, problems: [nestingReport({ start: deep.offset, end: deep.offset + 1 })], broken: true };
    return { format: "json", text, documents: [document], lineStarts };
  }
  const errors: ParseError[] = [];
  const { parseTree, printParseErrorCode } = jsoncParser();
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (first || !tree) {
    const range = first ? errorRange(first.offset, first.offset + first.length, text.length) : { start: 0, end: 0 };
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

/**
 * One element of a JSON text's top-level array, read with positions on its own: the piece of text from `start` to
 * `end` holds exactly that element (an object). Its ranges index the whole text. Undefined for anything else.
 */
export function loadJsonElement(text: string, start: number, end: number, index: number): LoadedDocument | undefined {
  if (text[start] !== "{") return undefined;
  const piece = loadJson(text.slice(start, end));
  const [document] = piece.documents;
  return piece.documents.length === 1 && !document!.broken ? movedDocument(document!, start, index) : undefined;
}

/** jsonc-parser's token kinds used below (its enum is `const`, which this build can't import). */
const TOKEN = { openBrace: 1, closeBrace: 2, openBracket: 3, closeBracket: 4, comma: 5, eof: 17 } as const;

/**
 * Where each element of the top-level array of a valid JSON text is, from its first token to the end of its last;
 * found with jsonc-parser's scanner, without building a tree.
 */
export function arrayElementBounds(text: string): { start: number; end: number }[] {
  const scanner = jsoncParser().createScanner(text, true);
  const bounds: { start: number; end: number }[] = [];
  let depth = 0;
  let start = -1;
  let end = -1;
  for (let token: number = scanner.scan(); token !== TOKEN.eof; token = scanner.scan()) {
    const offset = scanner.getTokenOffset();
    const separates = depth === 1 && (token === TOKEN.comma || token === TOKEN.closeBracket);
    if (depth >= 1 && !separates) {
      if (start < 0) start = offset;
      end = offset + scanner.getTokenLength();
    }
    if (separates && start >= 0) {
      bounds.push({ start, end });
      start = -1;
    }
    if (token === TOKEN.openBrace || token === TOKEN.openBracket) depth++;
    else if (token === TOKEN.closeBrace || token === TOKEN.closeBracket) depth--;
  }
  return bounds;
}

/**
 * jsonc-parser recurses once per `[` or `{`: find, without recursion, the first bracket nested deeper than the limit,
 * and which element of a top-level array holds it. Strings and comments are skipped as jsonc-parser's scanner
 * skips them (a string also ends at a line break), so the count is never lower than the parser's.
 */
export function tooDeepIn(text: string): { offset: number; element: number } | undefined {
  let depth = 0;
  let element = 0;
  const rootIsArray = text.trimStart().startsWith("[");
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') i = stringEnd(text, i);
    else if (char === "/" && text[i + 1] === "/") i = lineEnd(text, i);
    else if (char === "/" && text[i + 1] === "*") i = commentEnd(text, i);
    else if (char === "[" || char === "{") {
      if (++depth > NESTING_LIMIT) return { offset: i, element: rootIsArray ? element : 0 };
    } else if (char === "]" || char === "}") depth = Math.max(0, depth - 1);
    else if (char === "," && depth === 1) element++;
  }
  return undefined;
}

function stringEnd(text: string, quote: number): number {
  for (let i = quote + 1; i < text.length; i++) {
    const char = text[i];
    if (char === "\\") i++;
    else if (char === '"' || char === "\n" || char === "\r") return i;
  }
  return text.length;
}

function commentEnd(text: string, from: number): number {
  const close = text.indexOf("*/", from + 2);
  return close < 0 ? text.length : close + 1;
}

function lineEnd(text: string, from: number): number {
  const match = /[\r\n]/g;
  match.lastIndex = from;
  return match.exec(text)?.index ?? text.length;
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
