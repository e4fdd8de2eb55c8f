// YAML text → positional trees, one per document, with connlint's own syntax messages.
import type { CST, Document, ErrorCode, Pair, ParsedNode, YAMLError } from "yaml";
import { yamlLibrary } from "../packages.js";
import { code } from "../diagnostics/show.js";
import { readBlockYaml } from "./block-yaml.js";
import type { Path, Range, Report } from "../diagnostics/types.js";
import { duplicateKeyReport, errorRange, type LoadedDocument, type LoadedFile, movedDocument, NESTING_LIMIT, nestingReport, syntaxReport } from "./document.js";
import { lineStartsOf } from "./lines.js";
import { CORE_TAGS, type Entry, type MapNode, type Node, type SeqNode } from "./tree.js";

/** Our own words for the parser's errors: its text quotes the source line, which may hold a secret. */
const SYNTAX_MESSAGES: Partial<Record<ErrorCode, string>> = {
  ALIAS_PROPS: "an alias can't carry a tag or an anchor",
  BAD_ALIAS: "this alias is malformed",
  BAD_DIRECTIVE: "this directive is not valid YAML",
  BAD_DQ_ESCAPE: "invalid escape sequence in a double-quoted string",
  BAD_INDENT: "the indentation here does not match the lines around it",
  BAD_PROP_ORDER: "an anchor or tag is in the wrong place",
  BAD_SCALAR_START: "a plain value can't start with this character; quote the value",
  BLOCK_AS_IMPLICIT_KEY: "a nested block can't be used as a key",
  BLOCK_IN_FLOW: "a block collection can't appear inside [ ] or { }",
  IMPOSSIBLE: "this YAML can't be parsed",
  KEY_OVER_1024_CHARS: "a key without quotes or `?` must be shorter than 1024 characters",
  MISSING_CHAR: "a closing character is missing (a quote, `]` or `}`)",
  MULTILINE_IMPLICIT_KEY: "a key must fit on one line; is a `:` missing on the line before?",
  MULTIPLE_ANCHORS: "a node can have only one anchor",
  MULTIPLE_DOCS: "a second document must start with `---`",
  MULTIPLE_TAGS: "a node can have only one tag",
  NON_STRING_KEY: "keys must be plain strings",
  RESOURCE_EXHAUSTION: "this document is too large or too deeply nested to read",
  TAB_AS_INDENT: "tabs can't be used for indentation in YAML; use spaces",
  UNEXPECTED_TOKEN: "unexpected characters here",
  BAD_COLLECTION_TYPE: "this collection has the wrong type for its tag",
};

const PARSE_OPTIONS = { uniqueKeys: false, merge: true, prettyErrors: false } as const;

export function loadYaml(text: string): LoadedFile {
  return { format: "yaml", text, documents: yamlDocuments(text), lineStarts: lineStartsOf(text) };
}

/**
 * Parses every document of the text. Documents are composed one at a time, so a file of many documents
 * never holds all of `yaml`'s own trees at once; a document nested deeper than NESTING_LIMIT is not composed.
 */
function yamlDocuments(text: string): LoadedDocument[] {
  const { Parser, Composer } = yamlLibrary();
  const parser = new Parser();
  const composer = new Composer<ParsedNode>(PARSE_OPTIONS);
  const documents: LoadedDocument[] = [];
  const tooDeep: (TooDeep | undefined)[] = [];
  const take = (doc: Document.Parsed) => {
    const index = documents.length;
    documents.push(tooDeep[index] ? deepDocument(tooDeep[index], index) : convertDocument(text, doc, index));
  };
  for (const token of parser.parse(editorLineBreaks(text))) {
    if (token.type === "document") {
      const deep = tooDeepIn(token);
      tooDeep.push(deep);
      // `yaml` composes recursively: a document this deep would overflow the stack, so it is composed empty.
      if (deep) delete token.value;
    }
    for (const doc of composer.next(token)) take(doc);
  }
  for (const doc of composer.end()) take(doc);
  const streamError = composer.streamInfo().errors[0];
  if (!documents.length && streamError) {
    documents.push({ index: 0, root: undefined, range: { start: 0, end: text.length }, problems: [syntaxProblem(streamError, text)], broken: true });
  }
  return documents;
}

/**
 * One document of a text, read with positions on its own: the piece of text from `start` to `end` (whole lines,
 * from a `---` line to the next) holds exactly that document. Its ranges index the whole text.
 */
export function loadYamlDocument(text: string, start: number, end: number, index: number): LoadedDocument | undefined {
  const piece = text.slice(start, end);
  const block = readBlockYaml(piece);
  if (block) return movedDocument(block, start, index);
  const documents = yamlDocuments(piece);
  return documents.length === 1 ? movedDocument(documents[0]!, start, index) : undefined;
}

/**
 * YAML 1.2 and every editor break lines at a lone CR too; the `yaml` lexer only at LF and CRLF.
 * Replacing a lone CR by LF keeps the text's length, so every offset still points into the text as written.
 */
function editorLineBreaks(text: string): string {
  return text.includes("\r") ? text.replace(/\r(?!\n)/g, "\n") : text;
}

interface TooDeep {
  /** Where the first collection nested deeper than the limit starts. */
  offset: number;
  /** The document's extent in the text. */
  start: number;
  end: number;
}

/** Walks a document's concrete syntax tree without recursion: the depth of its deepest collection, if too deep. */
function tooDeepIn(document: CST.Document): TooDeep | undefined {
  let offset: number | undefined;
  let end = document.offset;
  const stack: { token: CST.Token; depth: number }[] = [];
  const push = (token: CST.Token | null | undefined, depth: number) => {
    if (token) stack.push({ token, depth });
  };
  const pushAll = (tokens: readonly CST.Token[] | undefined, depth: number) => tokens?.forEach((token) => push(token, depth));
  pushAll(document.start, 0);
  push(document.value, 0);
  pushAll(document.end, 0);
  while (stack.length) {
    const { token, depth } = stack.pop()!;
    if ("source" in token && typeof token.source === "string") end = Math.max(end, token.offset + token.source.length);
    if (token.type !== "block-map" && token.type !== "block-seq" && token.type !== "flow-collection") {
      if (token.type === "block-scalar") pushAll(token.props, depth);
      else if ("end" in token && Array.isArray(token.end)) pushAll(token.end, depth);
      continue;
    }
    const inner = depth + 1;
    if (inner > NESTING_LIMIT && (offset === undefined || token.offset < offset)) offset = token.offset;
    if (token.type === "flow-collection") {
      push(token.start, inner);
      pushAll(token.end, inner);
    }
    for (const item of token.items) {
      pushAll(item.start, inner);
      push(item.key, inner);
      pushAll(item.sep, inner);
      push(item.value, inner);
    }
  }
  return offset === undefined ? undefined : { offset, start: document.offset, end };
}

function deepDocument(deep: TooDeep, index: number): LoadedDocument {
  return { index, root: undefined, range: { start: deep.start, end: deep.end }, problems: [nestingReport({ start: deep.offset, end: deep.offset + 1 })], broken: true };
}

function convertDocument(text: string, doc: Document.Parsed, index: number): LoadedDocument {
  const problems: Report[] = doc.errors.slice(0, 1).map((error) => syntaxProblem(error, text));
  const converter = new Converter(text, problems);
  const root = doc.contents && !isEmpty(doc.contents) ? converter.node(doc.contents, []) : undefined;
  const [start, , end] = doc.range;
  return { index, root, range: { start, end }, problems, broken: doc.errors.length > 0 || converter.broken };
}

function syntaxProblem(error: YAMLError, text: string): Report {
  const [start, end] = error.pos;
  const message = unclosedFlow(error) ?? SYNTAX_MESSAGES[error.code] ?? "this is not valid YAML";
  return syntaxReport(`YAML syntax error: ${message}`, errorRange(start, end, text.length));
}

/** `yaml` reports a `[` or `{` left open as bad indentation of the next line: say what is missing instead. */
function unclosedFlow(error: YAMLError): string | undefined {
  if (error.code !== "BAD_INDENT") return undefined;
  if (error.message.startsWith("Flow sequence")) return "a list opened with `[` is not closed with `]` before this line";
  if (error.message.startsWith("Flow map")) return "a mapping opened with `{` is not closed with `}` before this line";
  return undefined;
}

/** Reported from the tag's start, and named as written: `!!js/function`, not the `tag:yaml.org,2002:js/function` it stands for. */
function unknownTag(tag: string, path: Path, text: string, valueRange: Range): Report {
  const written = writtenTag(text, valueRange);
  return {
    ruleId: "unknown-tag",
    path,
    message: `unknown YAML tag ${code(written?.tag ?? tag)}: connlint reads the value as plain YAML and never runs custom tags; remove the tag if the API should get the value as written`,
    range: { start: written?.start ?? valueRange.start, end: valueRange.end },
  };
}

/**
 * Builds the positional tree. An alias stands for the latest node anchored with its name before it (YAML 1.2 §7.1),
 * so anchors reused across fields resolve as every YAML tool reads them; a collection's anchor is set before its
 * content, so an alias inside the collection it names is a loop, which toData() refuses to expand.
 */
class Converter {
  private readonly anchors = new Map<string, Node>();
  /** True when an alias names no anchor before it: the tree is incomplete. */
  broken = false;

  constructor(
    private readonly text: string,
    private readonly problems: Report[],
  ) {}

  node(source: ParsedNode, path: Path): Node {
    const range = rangeOf(source);
    if (source.tag && !CORE_TAGS.has(source.tag)) this.problems.push(unknownTag(source.tag, path, this.text, range));
    if (yamlLibrary().isSeq(source)) {
      const node: SeqNode = { type: "seq", range, items: [] };
      this.anchor(source, node);
      node.items = source.items.map((item, index) => this.node(item as ParsedNode, [...path, index]));
      return node;
    }
    if (yamlLibrary().isMap(source)) {
      const node: MapNode = { type: "map", range, entries: [] };
      this.anchor(source, node);
      node.entries = this.entries(source.items, path);
      return node;
    }
    return this.anchor(source, this.leaf(source, range));
  }

  private anchor<T extends Node>(source: ParsedNode, node: T): T {
    if (source.anchor) this.anchors.set(source.anchor, node);
    return node;
  }

  private leaf(source: ParsedNode, range: Range): Node {
    if (yamlLibrary().isScalar(source)) {
      const value = source.value;
      const plain = source.type === "PLAIN";
      return {
        type: "scalar",
        range,
        value: isJsonScalar(value) ? value : String(value),
        source: plain && typeof source.source === "string" ? source.source : String(value),
        plain,
        ...(source.tag ? { tag: source.tag } : {}),
      };
    }
    if (yamlLibrary().isAlias(source)) {
      const target = this.anchors.get(source.source);
      if (!target) {
        this.broken = true;
        this.problems.push(syntaxReport(`YAML syntax error: the alias ${code(`*${source.source}`)} names no anchor set before it; write ${code(`&${source.source}`)} on a value above this line`, range));
      }
      // An edit inside the anchored node would change this alias too.
      if (target && target.type !== "alias") target.shared = true;
      return { type: "alias", range, name: source.source, target };
    }
    return { type: "scalar", range, value: null, source: "", plain: true };
  }

  private entries(pairs: unknown[], path: Path): Entry[] {
    const entries: Entry[] = [];
    const seen = new Map<string, Entry>();
    for (const pair of pairs) {
      if (!yamlLibrary().isPair(pair)) continue;
      const keyNode = pair.key as ParsedNode | null;
      const merge = yamlLibrary().isScalar(keyNode) && typeof keyNode.value === "symbol";
      const key = merge ? "<<" : keyText(keyNode, this.text);
      const keyRange = keyNode ? rangeOf(keyNode) : { start: 0, end: 0 };
      const value: Node = pair.value
        ? this.node(pair.value as ParsedNode, [...path, key])
        : { type: "scalar", range: { start: keyRange.end, end: keyRange.end }, value: null, source: "", plain: true };
      const entry: Entry = { key, keyRange, merge, value };
      const first = seen.get(key);
      if (first && !merge) this.problems.push(duplicateKeyReport([...path, key], first.keyRange, entry.keyRange));
      seen.set(key, entry);
      entries.push(entry);
    }
    return entries;
  }
}

/** The tag written before a value (and its anchor, if any), and where it starts. */
function writtenTag(text: string, range: Range): { tag: string; start: number } | undefined {
  const before = text.slice(Math.max(0, range.start - 256), range.start);
  const match = /(!<[^>\s]*>|![^\s,\[\]{}]*)\s+(?:&[^\s,\[\]{}]+\s+)?$/.exec(before);
  return match ? { tag: match[1]!, start: range.start - before.length + match.index } : undefined;
}

/** A document with nothing in it (only `---`, or only comments): no connection, like an empty file. */
function isEmpty(node: ParsedNode): boolean {
  return yamlLibrary().isScalar(node) && node.value === null && node.source === "" && !node.tag && !node.anchor;
}

/** A collection used as a key (`? [a, b]`) is named by its text: converting it with `yaml` can throw (a bad merge inside). */
function keyText(node: ParsedNode | null, text: string): string {
  if (node === null) return "";
  if (yamlLibrary().isScalar(node)) return String(node.value);
  const { start, end } = rangeOf(node);
  return text.slice(start, end).trim();
}

function isJsonScalar(value: unknown): value is string | number | boolean | null {
  return value === null || ["string", "number", "boolean"].includes(typeof value);
}

/**
 * `yaml` starts a block mapping that follows `? ` at its first `:`, and may end a block collection after a comment
 * that follows it: a collection is ranged from its first key to the end of its last value, as written.
 */
function rangeOf(node: ParsedNode): Range {
  const [start, end] = node.range;
  if (!(yamlLibrary().isMap(node) || yamlLibrary().isSeq(node)) || node.flow || !node.items.length) return { start, end };
  const first = node.items[0] as ParsedNode | Pair<ParsedNode | null, ParsedNode | null>;
  const last = node.items[node.items.length - 1] as ParsedNode | Pair<ParsedNode | null, ParsedNode | null>;
  const firstStart = yamlLibrary().isPair(first) ? first.key?.range[0] : first.range[0];
  const lastEnd = yamlLibrary().isPair(last) ? (last.value ?? last.key)?.range[1] : last.range[1];
  return { start: Math.min(start, firstStart ?? start), end: lastEnd === undefined ? end : Math.min(end, Math.max(lastEnd, start)) };
}
