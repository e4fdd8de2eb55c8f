// YAML text → positional trees, one per document, with connlint's own syntax messages.
import {
  type Document,
  type ErrorCode,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseAllDocuments,
  type ParsedNode,
  type YAMLError,
} from "yaml";
import { code } from "../diagnostics/show.js";
import type { Path, Range, Report } from "../diagnostics/types.js";
import { duplicateKeyReport, type LoadedDocument, type LoadedFile, syntaxReport } from "./document.js";
import { lineStartsOf } from "./lines.js";
import type { Entry, Node } from "./tree.js";

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

export function loadYaml(text: string): LoadedFile {
  const parsed = parseAllDocuments(text, { uniqueKeys: false, merge: true, prettyErrors: false });
  const documents = Array.isArray(parsed) ? parsed.map((doc, index) => convertDocument(text, doc, index)) : [];
  return { format: "yaml", text, documents, lineStarts: lineStartsOf(text) };
}

function convertDocument(text: string, doc: Document.Parsed, index: number): LoadedDocument {
  const problems: Report[] = doc.errors.slice(0, 1).map(syntaxProblem);
  const converter = new Converter(text, problems);
  const converted = doc.contents ? converter.node(doc.contents, []) : undefined;
  // `---` with nothing after it (or only comments) is an empty document, not a null connection.
  const empty = converted?.type === "scalar" && converted.value === null && !text.slice(converted.range.start, converted.range.end).trim();
  const root = empty ? undefined : converted;
  converter.linkAliases();
  const [start, , end] = doc.range;
  return { index, root, range: { start, end }, problems, broken: doc.errors.length > 0 };
}

function syntaxProblem(error: YAMLError): Report {
  const [start, end] = error.pos;
  const message = SYNTAX_MESSAGES[error.code] ?? "this is not valid YAML";
  return syntaxReport(`YAML syntax error: ${message}`, { start, end: Math.max(end, start + 1) });
}

function unknownTag(tag: string, path: Path, range: Range): Report {
  return {
    ruleId: "unknown-tag",
    path,
    message: `unknown YAML tag ${code(tag)}: connlint reads the value as plain YAML and never runs custom tags; remove the tag if the API should get the value as written`,
    range,
  };
}

/** Builds the positional tree; aliases are linked once every anchor has been seen. */
class Converter {
  private readonly anchors = new Map<string, Node>();
  private readonly aliases: { node: Extract<Node, { type: "alias" }>; source: ParsedNode }[] = [];

  constructor(
    private readonly text: string,
    private readonly problems: Report[],
  ) {}

  node(source: ParsedNode, path: Path): Node {
    const converted = this.convert(source, path);
    if (source.anchor) this.anchors.set(source.anchor, converted);
    return converted;
  }

  linkAliases(): void {
    for (const { node } of this.aliases) {
      node.target = this.anchors.get(node.name);
      if (node.target && node.target.type !== "alias") node.target.shared = true;
    }
  }

  private convert(source: ParsedNode, path: Path): Node {
    const range = rangeOf(source);
    if (source.tag && !KNOWN_TAGS.has(source.tag)) this.problems.push(unknownTag(source.tag, path, tagRange(this.text, range)));
    if (isScalar(source)) {
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
    if (isAlias(source)) {
      const node = { type: "alias" as const, range, name: source.source, target: undefined };
      this.aliases.push({ node, source });
      return node;
    }
    if (isSeq(source)) {
      return { type: "seq", range, items: source.items.map((item, index) => this.node(item as ParsedNode, [...path, index])) };
    }
    if (isMap(source)) {
      return { type: "map", range, entries: this.entries(source.items, path) };
    }
    return { type: "scalar", range, value: null, source: "", plain: true };
  }

  private entries(pairs: unknown[], path: Path): Entry[] {
    const entries: Entry[] = [];
    const seen = new Map<string, Entry>();
    for (const pair of pairs) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as ParsedNode | null;
      const merge = isScalar(keyNode) && typeof keyNode.value === "symbol";
      const key = merge ? "<<" : keyText(keyNode);
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

/** The YAML 1.2 core schema's own tags: they change nothing connlint needs to hear about. */
const KNOWN_TAGS = new Set(["tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"]);

/** The tag is written before the value (and its anchor, if any): report from the tag's start. */
function tagRange(text: string, range: Range): Range {
  const before = text.slice(Math.max(0, range.start - 256), range.start);
  const tag = /(![^\s,\[\]{}]*)\s+(?:&[^\s,\[\]{}]+\s+)?$/.exec(before);
  return { start: tag ? range.start - before.length + tag.index : range.start, end: range.end };
}

function keyText(node: ParsedNode | null): string {
  if (node === null) return "";
  if (isScalar(node)) return String(node.value);
  return node.toString();
}

function isJsonScalar(value: unknown): value is string | number | boolean | null {
  return value === null || ["string", "number", "boolean"].includes(typeof value);
}

function rangeOf(node: ParsedNode): Range {
  const [start, end] = node.range;
  return { start, end };
}
