// Reading a text as plain data only, several times faster than building positions, for the files with nothing to report.
import { readBlockData } from "./block-yaml.js";
import { arrayElementBounds, tooDeepIn } from "./json.js";
import { lineStartsOf } from "./lines.js";
import { jsYaml } from "../packages.js";

/**
 * What could make js-yaml and `yaml` disagree, or needs the source to check: anchors, aliases, merge keys and tags,
 * directives, modelines, suppression comments, complex keys. A text with any of these takes the full path, which also
 * checks what the quick path can't see.
 */
const NEEDS_FULL_PATH = /[&*!]|<<|^%|^\s*\?\s|^\.\.\.|yaml-language-server|connlint-|\t/m;

/**
 * Plain values that are not simple words or decimal integers (YAML 1.1 booleans, octal-looking or underscored numbers,
 * sexagesimals, floats, hex): js-yaml may read them otherwise than `yaml` does, and how YAML 1.1 reads them is for the
 * full path to check. Looked for in a text that js-yaml reads; connlint's own reader's values are looked at one by one.
 */
const PLAIN_VALUES_READ_OTHERWISE = [
  /(?:^|[\s,[{])(?:[yYnN]|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)\s*(?:#|$|,|\]|\})/m,
  /(?:^|[\s,[{])[-+]?(?:\.?[0-9][0-9_]*(?:[.:eExXoObB_][0-9A-Fa-f_.:+-]*)|0[0-9]+|\.(?:inf|Inf|INF|nan|NaN|NAN))\s*(?:#|$|,|\]|\})/m,
];

/** Said of a text that connlint's reader read, but that holds a plain value YAML 1.1 reads otherwise. */
const FULL_PATH = Symbol("the full path");

/** Where one document of a YAML text is, and what it holds as plain data. */
export interface QuickDocument {
  start: number;
  end: number;
  data: unknown;
  /**
   * Connlint's own reader read the document: read again with positions, it gives the same tree, and `toData` of that
   * tree gives this data (test/block-yaml.test.ts).
   */
  byBlockReader: boolean;
}

/**
 * The documents of a YAML text as plain data, each with its extent, so that a faulty document can be read again
 * with positions on its own; undefined when the text needs the full path, or js-yaml refuses a document.
 * Every piece between two `---` lines must read as exactly one document: the text before the first one may hold
 * only comments, and then belongs to the first document.
 */
export function quickYamlDocuments(text: string): QuickDocument[] | undefined {
  if (NEEDS_FULL_PATH.test(text)) return undefined;
  const documents: QuickDocument[] = [];
  let start = 0;
  for (const end of [...documentStarts(text), text.length]) {
    if (end === start && end !== text.length) continue;
    const piece = text.slice(start, end);
    const block = blockData(piece);
    if (block === FULL_PATH) return undefined;
    const data = block ? [block.data] : loadPiece(piece);
    if (!data) return undefined;
    if (data.length > 1 || (data.length === 0 && (documents.length || end === text.length))) return undefined;
    if (data.length === 0) continue;
    documents.push({ start, end, data: data[0], byBlockReader: block !== undefined });
    start = end;
  }
  return documents;
}

/** Offsets of the lines that start with a `---` document marker (line breaks as editors count them). */
function documentStarts(text: string): number[] {
  const starts: number[] = [];
  // Every line break connlint counts is one for JavaScript's ^ too: no match, no marker.
  if (!/^---/m.test(text)) return starts;
  for (const lineStart of lineStartsOf(text)) {
    if (text.startsWith("---", lineStart) && /^(?:[ \r\n]|$)/.test(text.charAt(lineStart + 3))) starts.push(lineStart);
  }
  return starts;
}

/**
 * Plain block YAML, read as plain data by connlint's own reader: several times faster than js-yaml reads it, and it
 * reads exactly what `yaml` does. A document with something to report is read again, with positions. Undefined when
 * the reader leaves the text to others.
 */
function blockData(text: string): { data: unknown } | undefined | typeof FULL_PATH {
  const read = readBlockData(text);
  if (!read) return undefined;
  return read.readsOtherwiseIn11 ? FULL_PATH : { data: read.data };
}

function loadPiece(text: string): unknown[] | undefined {
  if (PLAIN_VALUES_READ_OTHERWISE.some((pattern) => pattern.test(text))) return undefined;
  try {
    const { loadAll, CORE_SCHEMA } = jsYaml();
    return loadAll(text, undefined, { schema: CORE_SCHEMA, json: false });
  } catch {
    return undefined;
  }
}

/**
 * The documents of a JSON text as plain data, each with its extent (a top-level array holds one document per
 * element), so that a faulty element can be read again with positions on its own; undefined when
 * the text needs the full path. `JSON.parse` is stricter than the full path's reader, so a text it refuses is
 * reported there; what it would hide (a duplicate key keeps its last value, a modeline in a string, nesting deep
 * enough to overflow the stack of the checks that follow) sends the text to the full path too.
 */
export function quickJsonDocuments(text: string): QuickDocument[] | undefined {
  if (text.includes("yaml-language-server") || tooDeepIn(text)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (keysIn(data) !== keyColonsIn(text)) return undefined;
  if (!Array.isArray(data)) return [{ start: text.length - text.trimStart().length, end: text.length, data, byBlockReader: false }];
  const bounds = arrayElementBounds(text);
  if (bounds.length !== data.length) return undefined;
  return data.map((element: unknown, i) => ({ start: bounds[i]!.start, end: bounds[i]!.end, data: element, byBlockReader: false }));
}

/**
 * Every key written in a JSON text is a string followed by `:`, so the text has at least as many `"` + `:` pairs as
 * keys (a string value can hold more). When the parsed data has as many keys as the text has pairs, no key was
 * written twice in one object: JSON.parse would have kept only the last.
 */
function keyColonsIn(text: string): number {
  // Counted one by one: match() would build an array of every match, a million of them in a large file.
  const keyColon = /"[ \t\r\n]*:/g;
  let count = 0;
  while (keyColon.test(text)) count++;
  return count;
}

/** How many keys the objects of parsed JSON hold, all levels counted (its depth is already known to be small). */
function keysIn(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + keysIn(item), 0);
  if (value === null || typeof value !== "object") return 0;
  let keys = 0;
  for (const key in value) keys += 1 + keysIn((value as Record<string, unknown>)[key]);
  return keys;
}
