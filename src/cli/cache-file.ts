// The --cache file on disk: a line of JSON that says what the file holds, then its sections, one after the other.
// A second run over 10,000 unchanged files reads it before anything else, so it is laid out to be read fast: a few
// long sections rather than an entry per file (a JSON entry per file made 10,000s of objects for the young
// generation to copy), the stamps as raw numbers, and the sections a run in which nothing changed does not need
// (the files' unique values, their hashes) left as bytes until asked for.
import { isAscii } from "node:buffer";
import { readFileSync } from "node:fs";
import type { Diagnostic, Fix, Position, Range } from "../diagnostics/types.js";
import { isObject } from "../kind.js";
import type { Directive } from "../suppressions.js";
import { crypto, os } from "../builtins.js";
import { areStoredFacts, type PortableAnalysis, type SharedValues, type StoredFacts } from "./portable.js";
import type { RememberedWalk } from "./walk-memory.js";

/** The cache file's layout; a file of another layout (or connlint version) is an empty cache. */
const FORMAT = 9;

/** Four numbers per file: its stamp (size, modification and change times, inode), or four NO_STAMP when it has none. */
export const STAMP_ITEMS = 4;

/** In place of a stamp for a file that has none: no file has a negative size. */
export const NO_STAMP = -1;

/** A file's content hash (`sha256`) has this many characters. */
export const HASH_LENGTH = 43;

/**
 * Within this long of a file's or folder's last change, another change may leave its times as they are (file systems
 * keep them to a second or two at worst): the stamp of one changed this recently is not kept.
 */
const SETTLING_MS = 3000;

/** Whether a file's or folder's times are old enough that its next change will show in them. */
export function hasSettled({ mtimeMs, ctimeMs }: { mtimeMs: number; ctimeMs: number }, now: number): boolean {
  return now - Math.max(mtimeMs, ctimeMs) >= SETTLING_MS;
}

/** The cache's one hash, in base64url: of a file's bytes, of what a configuration's key is made from, of the file's body. */
export function sha256(data: string | Uint8Array): string {
  return crypto().hash("sha256", data, "base64url");
}

/** What a file's result holds besides its unique values, kept only when there is any: most files have nothing. */
export type Rest = Partial<Pick<PortableAnalysis, "skipped" | "diagnostics" | "directives">>;

/** What a configuration's key is made from (connlint's version, then the settings as JSON), and the key. */
export type StoredConfiguration = [made: string, key: string];

/**
 * What the cache file holds for its files, column by column: the nth item of each (or the nth STAMP_ITEMS, or the nth
 * HASH_LENGTH characters) is the nth file's. A file's key is its configuration's key, a dot, and its content hash.
 */
export interface CacheColumns {
  /** The keys of the configurations the files were linted under: a run under the same ones needs no hashing. */
  configurations: StoredConfiguration[];
  paths: string[];
  stamps: Float64Array;
  /** For each file, where its configuration is in `configurations`. */
  configurationOf: Int32Array;
  hashes: string;
  facts: StoredFacts[];
  /** The rest of the results that have any, with their file's index. */
  rest: [index: number, rest: Rest][];
  /** For each rule, the values that more than one of the files has: the same again while the files are. */
  shared: SharedValues;
  /** The files that have one of the shared values. */
  sharing: number[];
  /** The folder walks of the run, each by what it walked (its folder and patterns). */
  walks: [key: string, walk: RememberedWalk][];
}

/** A cache file as read: the sections that a run where nothing changed does not need are decoded on first use. */
export interface StoredCache extends Omit<CacheColumns, "paths" | "hashes" | "facts" | "shared"> {
  paths: StoredPaths;
  count: number;
  hashOf(entry: number): string;
  facts(): StoredFacts[];
  /** Undefined when the cache file's are not well formed: they are then worked out again. */
  shared: SharedValues | undefined;
}

/** The sections, in the order the file has them. */
const SECTIONS = ["paths", "stamps", "configurationOf", "hashes", "facts", "rest", "shared", "sharing", "walks"] as const;
type Section = (typeof SECTIONS)[number];

interface Header {
  connlintCache: typeof FORMAT;
  version: string;
  /** The order of the bytes of the stamps and indexes: a cache made on a machine of the other order is empty. */
  byteOrder: "BE" | "LE";
  count: number;
  configurations: StoredConfiguration[];
  /** Each section's length in bytes. */
  sections: Record<Section, number>;
  /** SHA-256 of everything after the header: a file damaged anywhere is an empty cache, not a wrong result. */
  checksum: string;
}

/** The cache file's bytes. */
export function encodeCacheFile(version: string, columns: CacheColumns): Buffer {
  const sections: Record<Section, Uint8Array> = {
    paths: Buffer.from(columns.paths.join("\0")),
    stamps: bytesOf(columns.stamps),
    configurationOf: bytesOf(columns.configurationOf),
    hashes: Buffer.from(columns.hashes, "latin1"),
    facts: Buffer.from(JSON.stringify(columns.facts)),
    rest: Buffer.from(JSON.stringify(columns.rest)),
    shared: Buffer.from(JSON.stringify([...columns.shared].map(([ruleId, values]) => [ruleId, [...values]]))),
    sharing: Buffer.from(JSON.stringify(columns.sharing)),
    walks: Buffer.from(JSON.stringify(columns.walks.map(([key, walk]) => [key, storedWalk(walk, columns.paths)]))),
  };
  const body = Buffer.concat(SECTIONS.map((name) => sections[name]));
  const header: Header = {
    connlintCache: FORMAT,
    version,
    byteOrder: os().endianness(),
    count: columns.paths.length,
    configurations: columns.configurations,
    sections: Object.fromEntries(SECTIONS.map((name) => [name, sections[name].length])) as Record<Section, number>,
    checksum: sha256(body),
  };
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body]);
}

/**
 * The cache file, if it is one of this layout and connlint version, whole and well formed; undefined when it is not
 * (it is then an empty cache, rewritten at the end). Throws when it can't be read or its header is not JSON.
 */
export function readCacheFile(path: string, version: string): StoredCache | undefined {
  const bytes = readFileSync(path);
  const headerEnd = bytes.indexOf(0x0a);
  if (headerEnd === -1) return undefined;
  const header: unknown = JSON.parse(bytes.toString("utf8", 0, headerEnd));
  if (!isHeader(header) || header.version !== version || header.byteOrder !== os().endianness()) return undefined;
  const body = bytes.subarray(headerEnd + 1);
  const sections = sectionsOf(body, header.sections);
  if (!sections || sha256(body) !== header.checksum) return undefined;
  return storedCacheOf(header, sections);
}

function storedCacheOf({ count, configurations }: Header, sections: Record<Section, Buffer>): StoredCache | undefined {
  const paths = StoredPaths.of(textOf(sections.paths), count);
  const stamps = numbersOf(sections.stamps, Float64Array);
  const configurationOf = numbersOf(sections.configurationOf, Int32Array);
  const rest: unknown = JSON.parse(textOf(sections.rest));
  const sharing: unknown = JSON.parse(textOf(sections.sharing));
  const walks = paths && walksOf(JSON.parse(textOf(sections.walks)), paths);
  const fits =
    paths !== undefined && stamps?.length === count * STAMP_ITEMS && configurationOf?.length === count && configurationOf.every((index) => index >= 0 && index < configurations.length) &&
    sections.hashes.length === count * HASH_LENGTH && isRestOf(rest, count) && Array.isArray(sharing) && sharing.every((entry) => isIndex(entry, count)) && walks !== undefined;
  if (!fits) return undefined;
  let facts: StoredFacts[] | undefined;
  return {
    count,
    configurations,
    paths: paths!,
    stamps: stamps!,
    configurationOf: configurationOf!,
    hashOf: (entry) => sections.hashes.toString("latin1", entry * HASH_LENGTH, (entry + 1) * HASH_LENGTH),
    facts: () => (facts ??= factsOf(parsedOrNothing(sections.facts), count)),
    rest,
    shared: sharedValuesOf(JSON.parse(textOf(sections.shared))),
    sharing,
    walks: walks!,
  };
}

/**
 * The cache file's paths, in the one string they are stored in, separated by NUL (which no path has). A path is
 * compared in place and cut out only when needed: 10,000 strings made at once would outlive young collections. A walk
 * taken from the cache needs all of its paths, as slices of the string, which copy no characters.
 */
export class StoredPaths {
  private constructor(
    private readonly text: string,
    /** Where each path starts, then where a path after the last would. */
    private readonly starts: Int32Array,
  ) {}

  /** The paths of the text, if it holds this many. */
  static of(text: string, count: number): StoredPaths | undefined {
    if (count === 0) return text === "" ? new StoredPaths(text, new Int32Array(1)) : undefined;
    const starts = new Int32Array(count + 1);
    let at = 0;
    for (let entry = 0; entry < count; entry++) {
      starts[entry] = at;
      const end = text.indexOf("\0", at);
      // Every path but the last ends at a NUL; the last ends with the text.
      if ((end === -1) !== (entry === count - 1)) return undefined;
      at = (end === -1 ? text.length : end) + 1;
    }
    starts[count] = at;
    return new StoredPaths(text, starts);
  }

  at(entry: number): string {
    return this.text.slice(this.starts[entry], this.starts[entry + 1]! - 1);
  }

  /** The paths of `count` entries from `from` on. Each is a slice of the one string: no characters are copied. */
  run(from: number, count: number): string[] {
    const paths = new Array<string>(count);
    for (let index = 0; index < count; index++) paths[index] = this.at(from + index);
    return paths;
  }

  get count(): number {
    return this.starts.length - 1;
  }

  isAt(entry: number, path: string): boolean {
    const start = this.starts[entry]!;
    return this.starts[entry + 1]! - 1 - start === path.length && this.text.startsWith(path, start);
  }
}

/** The body cut into its sections, if their lengths add up to it. */
function sectionsOf(body: Buffer, lengths: Record<Section, number>): Record<Section, Buffer> | undefined {
  const sections = {} as Record<Section, Buffer>;
  let at = 0;
  for (const name of SECTIONS) {
    sections[name] = body.subarray(at, at + lengths[name]);
    at += lengths[name];
  }
  return at === body.length ? sections : undefined;
}

/** A section's text. It is nearly always ASCII, which reads as latin1 without decoding UTF-8. */
function textOf(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString("latin1") : bytes.toString("utf8");
}

function bytesOf(numbers: Float64Array | Int32Array): Uint8Array {
  return new Uint8Array(numbers.buffer, numbers.byteOffset, numbers.byteLength);
}

/** The numbers of a section, copied: a section of the file's bytes need not start where they can be read in place. */
function numbersOf<T extends Float64Array | Int32Array>(bytes: Buffer, Type: { new (length: number): T; BYTES_PER_ELEMENT: number }): T | undefined {
  if (bytes.length % Type.BYTES_PER_ELEMENT) return undefined;
  const numbers = new Type(bytes.length / Type.BYTES_PER_ELEMENT);
  new Uint8Array(numbers.buffer).set(bytes);
  return numbers;
}

function isHeader(value: unknown): value is Header {
  if (!isObject(value)) return false;
  const { connlintCache, version, count, configurations, sections, checksum } = value;
  return (
    connlintCache === FORMAT && typeof version === "string" && Number.isSafeInteger(count) && (count as number) >= 0 && areConfigurations(configurations) &&
    isObject(sections) && SECTIONS.every((name) => Number.isSafeInteger(sections[name]) && (sections[name] as number) >= 0) && typeof checksum === "string"
  );
}

function areConfigurations(items: unknown): items is StoredConfiguration[] {
  return Array.isArray(items) && items.every((item) => Array.isArray(item) && item.length === 2 && typeof item[0] === "string" && typeof item[1] === "string");
}

/**
 * A section parsed on first use, after the cache was opened: one that is not JSON (the checksum keeps out damage, not
 * a file another build of the same version wrote otherwise) is as good as none.
 */
function parsedOrNothing(bytes: Buffer): unknown {
  try {
    return JSON.parse(textOf(bytes));
  } catch {
    return undefined;
  }
}

/** Each file's unique values; a file whose values are not well formed has none. */
function factsOf(value: unknown, count: number): StoredFacts[] {
  const facts: StoredFacts[] = new Array(count);
  for (let entry = 0; entry < count; entry++) {
    const values: unknown = Array.isArray(value) ? value[entry] : undefined;
    facts[entry] = Array.isArray(values) && areStoredFacts(values) ? values : [];
  }
  return facts;
}

/** The shared values the cache file holds, if they are well formed. */
function sharedValuesOf(value: unknown): SharedValues | undefined {
  if (!Array.isArray(value)) return undefined;
  const shared = new Map<string, Set<string>>();
  for (const item of value) {
    if (!Array.isArray(item) || typeof item[0] !== "string" || !Array.isArray(item[1]) || !item[1].every((text) => typeof text === "string")) return undefined;
    shared.set(item[0], new Set(item[1]));
  }
  return shared;
}

/**
 * A walk as the cache file keeps it. Its files are most often the very files the cache holds, in the same order (a run
 * over one folder, every file linted): it then says where they are among the cache's paths rather than list them
 * again. Else they are one string: one long string parses faster than 10,000 short ones.
 */
function storedWalk(walk: RememberedWalk, paths: string[]): StoredWalk {
  const { files, ...rest } = walk;
  const from = files.length ? paths.indexOf(files[0]!) : -1;
  const isRun = from !== -1 && files.every((file, index) => paths[from + index] === file);
  return isRun ? { ...rest, paths: [from, files.length] } : { ...rest, files: files.join("\0") };
}

type StoredWalk = Omit<RememberedWalk, "files"> & ({ paths: [from: number, count: number] } | { files: string });

/** The walks the cache file holds, with their files; undefined if they are not well formed. */
function walksOf(value: unknown, paths: StoredPaths): [string, RememberedWalk][] | undefined {
  if (!Array.isArray(value)) return undefined;
  const walks: [string, RememberedWalk][] = [];
  for (const item of value) {
    if (!Array.isArray(item) || item.length !== 2 || typeof item[0] !== "string" || !isObject(item[1])) return undefined;
    const { folders, stamps, links } = item[1];
    const files = filesOf(item[1], paths);
    if (!files) return undefined;
    const walk = { folders, stamps, files, links };
    if (!isWalk(walk)) return undefined;
    walks.push([item[0], walk as RememberedWalk]);
  }
  return walks;
}

function filesOf({ files, paths: run }: Record<string, unknown>, paths: StoredPaths): string[] | undefined {
  if (typeof files === "string") return files === "" ? [] : files.split("\0");
  if (!Array.isArray(run) || run.length !== 2 || !isIndex(run[0], paths.count) || !Number.isSafeInteger(run[1]) || run[1] < 1 || run[0] + run[1] > paths.count) return undefined;
  return paths.run(run[0], run[1]);
}

function isWalk({ folders, stamps, files, links }: Record<keyof RememberedWalk, unknown>): boolean {
  return (
    Array.isArray(folders) && folders.every((folder) => typeof folder === "string") && Array.isArray(stamps) && stamps.length === folders.length * 4 &&
    stamps.every((item) => typeof item === "number") && Array.isArray(files) && Array.isArray(links) &&
    links.every((link, at) => isIndex(link, files.length) && (at === 0 || link > links[at - 1]))
  );
}

function isIndex(value: unknown, count: number): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) < count;
}

function isRestOf(value: unknown, count: number): value is [number, Rest][] {
  return Array.isArray(value) && value.every((item) => Array.isArray(item) && item.length === 2 && isIndex(item[0], count) && isRest(item[1]));
}

function isRest(rest: unknown): rest is Rest {
  if (typeof rest !== "object" || rest === null) return false;
  const { skipped, diagnostics, directives } = rest as Record<keyof Rest, unknown>;
  return (skipped === undefined || skipped === true) && isListOf(diagnostics, isDiagnostic) && isListOf(directives, isDirective);
}

// A result's findings and suppression comments, checked as far as the report and the suppressions read them: the
// checksum keeps out damage, this keeps out a file that another build of the same version wrote otherwise.

const SEVERITIES = new Set<unknown>(["error", "warning", "info"]);
const RULE_ID = /^[a-z0-9-]+$/;
const DIRECTIVE_KINDS = new Set<unknown>(["disable-next-line", "disable-line", "disable", "enable"]);

type Fields = Record<string, unknown>;

function isDiagnostic(value: unknown): value is Diagnostic {
  if (!isPosition(value)) return false;
  const { ruleId, severity, message, pointer, document, connectionName, range, fix, suggestions, related } = value as Fields;
  return (
    typeof ruleId === "string" && RULE_ID.test(ruleId) && SEVERITIES.has(severity) && typeof message === "string" && message !== "" && typeof pointer === "string" && typeof document === "number" &&
    (connectionName === undefined || typeof connectionName === "string") && isRange(range) && (fix === undefined || isFix(fix)) &&
    isListOf(suggestions, (suggestion) => isObject(suggestion) && typeof suggestion.desc === "string" && isFix(suggestion.fix)) &&
    isListOf(related, (place) => isPosition(place) && typeof place.message === "string" && (place.filePath === undefined || typeof place.filePath === "string"))
  );
}

function isDirective(value: unknown): value is Directive {
  if (!isObject(value)) return false;
  const { kind, ruleIds, range, line, position } = value;
  return DIRECTIVE_KINDS.has(kind) && Array.isArray(ruleIds) && isListOf(ruleIds, (id) => typeof id === "string") && isRange(range) && isCount(line) && isPosition(position);
}

function isPosition(value: unknown): value is Fields & Position {
  return isObject(value) && isCount(value.line) && isCount(value.column) && isCount(value.endLine) && isCount(value.endColumn);
}

/** Lines and columns count from 1. */
function isCount(value: unknown): boolean {
  return Number.isSafeInteger(value) && (value as number) >= 1;
}

function isRange(value: unknown): value is Range {
  return isObject(value) && isOffset(value.start) && isOffset(value.end);
}

function isFix(value: unknown): value is Fix {
  return isObject(value) && Array.isArray(value.range) && value.range.length === 2 && value.range.every(isOffset) && typeof value.text === "string";
}

/** Offsets in a text count from 0. */
function isOffset(value: unknown): boolean {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

/** Whether the value is absent, or a list whose every item passes the check. */
function isListOf(value: unknown, isItem: (item: unknown) => boolean): boolean {
  return value === undefined || (Array.isArray(value) && value.every(isItem));
}
