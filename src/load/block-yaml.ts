// Plain block YAML read without `yaml`: nearly every connection file is written this way, and `yaml` takes ten times as
// long to read one (js-yaml, without positions, half again as long). The reader takes only a narrow form; for anything
// else it gives up, and `yaml` (or js-yaml, for plain data) reads the document. It makes either the tree `yaml` gives
// or only its plain data, which is what the quick path checks first (test/block-yaml.test.ts holds each equal to `yaml`'s).
import { setOwn } from "./data.js";
import { type LoadedDocument, NESTING_LIMIT } from "./document.js";
import type { Range } from "../diagnostics/types.js";
import type { Entry, MapNode, Node, ScalarNode, SeqNode } from "./tree.js";
import { yaml11Reading } from "./yaml-1-1.js";

/**
 * One YAML document with positions, or undefined when it is not in the form this reader takes: an optional `---` line,
 * then block mappings and sequences indented with spaces, keys that are simple words, and values that fit on their
 * line (a plain word, a decimal integer, a boolean, null, or a quoted string without escapes), with comments. Flow
 * collections, block scalars, values over several lines, anchors, tags, escapes and floats are left to `yaml`.
 */
export function readBlockYaml(text: string): LoadedDocument | undefined {
  return unlessGivenUp(text, "tree", (reader) => {
    const root = reader.root();
    return { index: 0, root: root.made as Node, range: reader.rangeOf(root), problems: [], broken: false };
  });
}

/** The plain data of a text the reader takes, and whether one of its plain values reads otherwise in YAML 1.1. */
export interface BlockData {
  data: unknown;
  readsOtherwiseIn11: boolean;
}

/**
 * The plain data `toData` builds from readBlockYaml's tree, read without making the tree: the quick path's first read
 * of a file, which for nearly every file is its only one. It takes exactly the texts readBlockYaml takes
 * (test/block-yaml.test.ts holds the two equal); a document with something to report is read again with positions.
 */
export function readBlockData(text: string): BlockData | undefined {
  return unlessGivenUp(text, "data", (reader) => ({ data: reader.root().made, readsOtherwiseIn11: reader.readsOtherwiseIn11 }));
}

/** What `read` makes of a reader of the text, or undefined when the text is not in the form the reader takes. */
function unlessGivenUp<T>(text: string, making: Making, read: (reader: BlockReader) => T): T | undefined {
  if (UNSUPPORTED_TEXT.test(text)) return undefined;
  try {
    return read(new BlockReader(text, making));
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}

/** Tabs, control characters, characters YAML or JavaScript treat as line breaks, a BOM, directives, `...` lines. */
const UNSUPPORTED_TEXT = /[\t\x00-\x08\x0B\x0C\x0E-\x1F\x7F\x85\u2028\u2029\uFEFF]|\r(?!\n)|^(?:%|\.\.\.)/m;
const GIVE_UP = Symbol("not plain block YAML");
const KEY = /[A-Za-z_][A-Za-z0-9_.-]{0,1000}:(?=[ \r\n]|$)/y;
/** Words the core schema reads as null or a boolean: as keys `yaml` would name them differently (`Null` → "null"). */
const NULL_OR_BOOLEAN = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;
const DECIMAL = /^-?(?:0|[1-9][0-9]{0,14})$/;
/** The core schema's other numbers: octal, hexadecimal, floats, infinities. */
const OTHER_NUMBER = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const NUMBER_START = "-+.0123456789";
/** A mapping's keys are compared one by one up to this many; past it, they go into a set. */
const KEYS_COMPARED = 64;
const INDICATORS = "-?:,[]{}#&*!|>'\"%@`";

interface Line {
  start: number;
  indent: number;
  /** Where the line's text ends, before its line break. */
  end: number;
  /** Where the next line starts. */
  next: number;
  comment: boolean;
}

/** What the reader makes: the tree `yaml` gives, or only the plain data (no ranges, no nodes). */
type Making = "tree" | "data";

/**
 * A value read, the content line after it, and where `yaml` ends it (after its line, or, when empty, where it is). A
 * scalar's own range ends at `close`, a collection's where `yaml` ends it.
 */
interface Read {
  /** A node of the tree, or the plain value. */
  made: unknown;
  next: number;
  end: number;
  close: number;
  empty: boolean;
}

class BlockReader {
  private readonly lines: Line[] = [];
  /** `yaml` may end an empty value, and the collections around it, after comment lines that follow it. */
  private emptyValues = false;
  private commentsInside = false;
  /**
   * How many collections deep the reader is. The values in a collection at NESTING_LIMIT are nested past it: `yaml`
   * reads such a text, and the loader reports it. So whatever this reader takes, `toData` takes whole.
   */
  private depth = 0;

  /** Where the scalar read last ends. */
  private scalarEnd = 0;
  /** Some plain value reads otherwise in YAML 1.1 (values only: how YAML 1.1 reads a key is not asked). Data only. */
  readsOtherwiseIn11 = false;

  constructor(
    private readonly text: string,
    private readonly making: Making,
  ) {
    for (let start = 0; start < text.length; ) {
      const lineBreak = text.indexOf("\n", start);
      const next = lineBreak === -1 ? text.length : lineBreak + 1;
      const end = lineBreak === -1 ? text.length : text.charCodeAt(lineBreak - 1) === 13 ? lineBreak - 1 : lineBreak;
      let first = start;
      while (first < end && text.charCodeAt(first) === 32) first++;
      if (first < end) this.lines.push({ start, indent: first - start, end, next, comment: text.charCodeAt(first) === 35 });
      start = next;
    }
  }

  /** The document's root collection, after an optional `---` line: what follows it is nothing but comments. */
  root(): Read {
    let first = this.contentAfter(0, false);
    const marker = this.lines[first];
    const hasMarker = marker !== undefined && marker.indent === 0 && this.text.startsWith("---", marker.start);
    if (hasMarker) {
      const after = this.skipSpaces(marker.start + 3, marker.end);
      if ((after === marker.start + 3 && after < marker.end) || (after < marker.end && this.text[after] !== "#")) throw GIVE_UP;
      first = this.contentAfter(first + 1, false);
    }
    if (!this.lines[first]) throw GIVE_UP;
    const root = this.block(first);
    if (root.next < this.lines.length || (this.emptyValues && this.commentsInside)) throw GIVE_UP;
    return root;
  }

  /** Where `yaml` puts the document: from its `---` line or its first content line, to the text's end. */
  rangeOf(root: Read): Range {
    const first = this.contentAfter(0, false);
    return { start: this.lines[first]!.start, end: root.empty ? root.end : this.text.length };
  }

  /** The collection whose first line is the content line `at`: a sequence if it starts with `- `, else a mapping. */
  private block(at: number): Read {
    const line = this.lines[at]!;
    const start = line.start + line.indent;
    return this.isItem(start, line.end) ? this.sequence(at) : this.mapping(at, start);
  }

  private mapping(at: number, start: number): Read {
    if (++this.depth >= NESTING_LIMIT) throw GIVE_UP;
    const column = start - this.lines[at]!.start;
    const node: MapNode | undefined = this.making === "tree" ? { type: "map", range: { start, end: start }, entries: [] } : undefined;
    const object: Record<string, unknown> | undefined = node ? undefined : {};
    const written: string[] = [];
    let keys: Set<string> | undefined;
    let keyStart = start;
    for (;;) {
      const line = this.lines[at]!;
      KEY.lastIndex = keyStart;
      if (!KEY.test(this.text) || KEY.lastIndex > line.end) throw GIVE_UP;
      const colon = KEY.lastIndex - 1;
      const key = this.text.slice(keyStart, colon);
      if ((key.length <= 5 && NULL_OR_BOOLEAN.test(key)) || isDuplicate(written, key, keys)) throw GIVE_UP;
      if (!keys && written.length >= KEYS_COMPARED) keys = new Set(written);
      if (keys) keys.add(key);
      else written.push(key);
      const value = this.valueAfter(at, colon + 1, column, true);
      if (node) {
        node.entries.push({ key, keyRange: { start: keyStart, end: colon }, merge: false, value: value.made as Node } satisfies Entry);
        node.range.end = value.close;
      } else {
        setOwn(object!, key, value.made);
      }
      if (this.endsHere(value.next, column, false)) {
        this.depth--;
        return { made: node ?? object, next: value.next, end: value.end, close: value.end, empty: value.empty };
      }
      keyStart = this.lines[value.next]!.start + column;
      at = value.next;
    }
  }

  private sequence(at: number): Read {
    if (++this.depth >= NESTING_LIMIT) throw GIVE_UP;
    const column = this.lines[at]!.indent;
    const node: SeqNode | undefined = this.making === "tree" ? { type: "seq", range: { start: this.lines[at]!.start + column, end: 0 }, items: [] } : undefined;
    const items: unknown[] = node ? node.items : [];
    for (;;) {
      const dash = this.lines[at]!.start + column;
      const value = this.valueAfter(at, dash + 1, column, false);
      items.push(value.made);
      if (node) node.range.end = value.close;
      if (this.endsHere(value.next, column, true)) {
        this.depth--;
        return { made: node ?? items, next: value.next, end: value.end, close: value.end, empty: value.empty };
      }
      at = value.next;
    }
  }

  /**
   * True when the collection at `column` has no more entries at the content line `at`. A line indented more, or one
   * that is not a next entry at the same indentation, is something `yaml` reads otherwise (or refuses).
   */
  private endsHere(at: number, column: number, sequence: boolean): boolean {
    const line = this.lines[at];
    if (!line || line.indent < column) return true;
    if (line.indent > column) throw GIVE_UP;
    const isItem = this.isItem(line.start + column, line.end);
    // A sequence may sit at its key's own indentation; the mapping then goes on after it.
    if (sequence && !isItem) return true;
    if (!sequence && isItem) throw GIVE_UP;
    return false;
  }

  /** The value after an indicator (`:` or `-`) at `after` on the content line `at`, in a collection at `column`. */
  private valueAfter(at: number, after: number, column: number, inMapping: boolean): Read {
    const line = this.lines[at]!;
    const start = this.skipSpaces(after, line.end);
    if (start < line.end && this.text[start] === "#") throw GIVE_UP;
    if (start < line.end) {
      if (!inMapping && this.isItem(start, line.end)) throw GIVE_UP;
      if (!inMapping && this.isKeyAt(start)) return this.mapping(at, start);
      return this.scalarOnLine(at, start, column);
    }
    const next = this.contentAfter(at + 1, true);
    const below = this.lines[next];
    if (below && (below.indent > column || (inMapping && below.indent === column && this.isItem(below.start + column, below.end)))) return this.block(next);
    this.emptyValues = true;
    return { made: this.scalar(null, "", true, start, start), next, end: start, close: start, empty: true };
  }

  private scalarOnLine(at: number, start: number, column: number): Read {
    const line = this.lines[at]!;
    const quote = this.text[start];
    const made = quote === "'" || quote === '"' ? this.quoted(start, line.end) : this.plain(start, line.end);
    const close = this.scalarEnd;
    const rest = this.skipSpaces(close, line.end);
    if (rest < line.end && (rest === close || this.text[rest] !== "#")) throw GIVE_UP;
    const next = this.contentAfter(at + 1, true);
    // A more indented line after a value continues it over several lines.
    if ((this.lines[next]?.indent ?? 0) > column) throw GIVE_UP;
    return { made, next, end: line.next, close, empty: false };
  }

  /** A scalar from `start` to `end`: its node, or its value. */
  private scalar(value: ScalarNode["value"], source: string, plain: boolean, start: number, end: number): unknown {
    this.scalarEnd = end;
    return this.making === "tree" ? ({ type: "scalar", range: { start, end }, value, source, plain } satisfies ScalarNode) : value;
  }

  private quoted(start: number, lineEnd: number): unknown {
    const quote = this.text[start]!;
    let value = "";
    let from = start + 1;
    for (;;) {
      const close = this.text.indexOf(quote, from);
      if (close === -1 || close >= lineEnd) throw GIVE_UP;
      value += this.text.slice(from, close);
      if (quote === "'" && this.text[close + 1] === "'") {
        value += "'";
        from = close + 2;
        continue;
      }
      if (quote === '"' && value.includes("\\")) throw GIVE_UP;
      return this.scalar(value, value, false, start, close + 1);
    }
  }

  private plain(start: number, lineEnd: number): unknown {
    let end = this.commentOnLine(start, lineEnd);
    while (this.text.charCodeAt(end - 1) === 32) end--;
    const source = this.text.slice(start, end);
    if (source.includes(": ") || source.endsWith(":")) throw GIVE_UP;
    const value = plainValue(source);
    if (this.making === "data" && !this.readsOtherwiseIn11 && yaml11Reading(source) !== undefined) this.readsOtherwiseIn11 = true;
    return this.scalar(value, source, true, start, end);
  }

  /** Where a comment starts on the line (a `#` after a space), or the line's end: searched no further than the line. */
  private commentOnLine(from: number, lineEnd: number): number {
    for (let at = from + 1; at < lineEnd; at++) {
      if (this.text.charCodeAt(at) === 35 && this.text.charCodeAt(at - 1) === 32) return at - 1;
    }
    return lineEnd;
  }

  /**
   * The first content line from `at` on. A comment line indented more than the content after it (or than nothing,
   * at the end) is where `yaml` may end a collection after the comment: such texts are left to it.
   */
  private contentAfter(at: number, afterContent: boolean): number {
    let commentIndent = 0;
    for (; at < this.lines.length; at++) {
      const line = this.lines[at]!;
      if (!line.comment) break;
      if (afterContent) {
        commentIndent = Math.max(commentIndent, line.indent);
        this.commentsInside = true;
      }
    }
    if (commentIndent > (this.lines[at]?.indent ?? 0)) throw GIVE_UP;
    return at;
  }

  private isItem(offset: number, lineEnd: number): boolean {
    return this.text[offset] === "-" && (offset + 1 === lineEnd || this.text[offset + 1] === " ");
  }

  private isKeyAt(offset: number): boolean {
    KEY.lastIndex = offset;
    return KEY.test(this.text);
  }

  private skipSpaces(offset: number, end: number): number {
    while (offset < end && this.text.charCodeAt(offset) === 32) offset++;
    return offset;
  }
}

/**
 * Whether the mapping has the key already (`yaml` reports a duplicate key): `written` holds its first keys, `keys` all
 * of them past KEYS_COMPARED. A connection's mappings have a few dozen keys at most, and comparing with each costs less
 * than a set, which grows and rehashes as it is filled; a file of a million keys is read in linear time all the same.
 */
function isDuplicate(written: string[], key: string, keys: Set<string> | undefined): boolean {
  if (keys) return keys.has(key);
  for (const each of written) if (each === key) return true;
  return false;
}

/** A plain value as the YAML 1.2 core schema reads it, for the forms this reader takes. */
function plainValue(source: string): string | number | boolean | null {
  const first = source[0]!;
  if (source.length <= 5 && NULL_OR_BOOLEAN.test(source)) return source === "~" || first === "n" || first === "N" ? null : first === "t" || first === "T";
  if (NUMBER_START.includes(first)) {
    if (DECIMAL.test(source) && source !== "-0") return Number(source);
    if (OTHER_NUMBER.test(source)) throw GIVE_UP;
  }
  // A plain value can't start with an indicator, or can only in ways this reader does not follow.
  if (INDICATORS.includes(first)) throw GIVE_UP;
  return source;
}
