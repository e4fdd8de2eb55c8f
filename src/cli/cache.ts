// --cache: what linting each file found, kept between runs and keyed by the file's content, connlint's version and its configuration.
import { isAscii } from "node:buffer";
import { readFileSync, type Stats, statSync } from "node:fs";
import type { Diagnostic, Fix, Position, Range } from "../diagnostics/types.js";
import type { LintOptions } from "../lint.js";
import { isObject } from "../kind.js";
import type { Directive } from "../suppressions.js";
import { areStoredFacts, type KeptAnalysis, orNone, type PortableAnalysis, type SharedValues, type StoredFacts } from "./portable.js";
import { packageInfo } from "../package-info.js";
import { crypto } from "../builtins.js";
import { systemPath } from "./read.js";
import { replaceFile } from "./write.js";

export const DEFAULT_CACHE_LOCATION = ".connlintcache";

/** The cache file's layout; a file of another layout (or connlint version) is an empty cache. */
const FORMAT = 7;

/** What a file's result holds besides its unique values, kept only when there is any: most files have nothing. */
type Rest = Partial<Pick<PortableAnalysis, "skipped" | "diagnostics" | "directives">>;

/**
 * What the file system says of a file, which changes whenever the file is written: its size, its modification and
 * change times, its inode. Numbers, compared as they are: a second --cache run takes 10,000 stamps.
 */
export type Stamp = [size: number, mtimeMs: number, ctimeMs: number, ino: number];

const STAMP_ITEMS = 4;

/** In place of a stamp for a file that has none: no file has a negative size. */
const NO_STAMP = -1;

/**
 * The files, column by column: the nth path, key, stamp and unique values are one file's. A few long arrays rather
 * than an entry per file: a cache of 10,000 files then parses faster and gives the young generation less to copy.
 */
interface StoredFiles {
  paths: string[];
  keys: string[];
  /** Four numbers per file: its stamp, or four NO_STAMP when it has none. */
  stamps: number[];
  facts: StoredFacts[];
  /** The rest of the results that have any, with their file's index. */
  rest: [index: number, rest: Rest][];
}

/** What a configuration's key is made from (connlint's version, then the settings as JSON), and the key. */
type StoredConfiguration = [made: string, key: string];

interface CacheFile {
  connlintCache: typeof FORMAT;
  version: string;
  /** The keys of the configurations the files were linted under: a run under the same ones needs no hashing. */
  configurations: StoredConfiguration[];
  files: StoredFiles;
  /** For each rule, the values that more than one of the files has: the same again while the files are. */
  shared: [ruleId: string, values: string[]][];
}

/** A file's place in the cache, as `AnalysisCache.entry()` gives it. */
export type CacheEntry = number;

/** Where an entry stands in this run: in the cache file only, asked for, or holding this run's result. */
const STORED = 0;
const ASKED = 1;
const SETTLED = 2;
type EntryState = typeof STORED | typeof ASKED | typeof SETTLED;

/** The entries in memory: the cache file's columns, with each file's rest at its index, and where each entry stands. */
interface Entries extends Omit<StoredFiles, "rest"> {
  rest: (Rest | undefined)[];
  state: EntryState[];
}

/**
 * The cache of one run: read once at the start, written once at the end if anything changed. As ESLint's, it keeps
 * the files of the last run only: one deleted, renamed or not linted this time is dropped, so the cache never grows stale.
 * It is written in the order this run asked for its files, which the next run most likely asks in again: it then
 * finds each file's entry at the next place, without a map of every path.
 */
export class AnalysisCache {
  private changed = false;
  /** For --debug: files taken from the cache without reading them, files read and found unchanged, files linted. */
  private readonly tally = { unread: 0, read: 0, linted: 0 };
  /** The configurations this run used, their keys by what the keys are made from. */
  private readonly usedConfigurations = new Map<string, string>();
  /** The cache file's entries, then the entries of files new to it. */
  private readonly files: Entries;
  private readonly storedCount: number;
  /** The entries in the order this run asked for them. */
  private readonly asked: CacheEntry[] = [];
  /** Where the entry after the last one asked for is. */
  private next = 0;
  /** Whether this run asked for the entries in the cache file's order. */
  private inOrder = true;
  /** How many entries hold this run's result: all of the cache file's, when no file was deleted or left out. */
  private settledCount = 0;
  /** Each entry by its path, made only when a file is not where the order of the last run put it. */
  private byPath: Map<string, CacheEntry> | undefined;
  /** The values shared across this run's files, as the cache file will keep them. */
  private shared: SharedValues | undefined;

  private constructor(
    private readonly path: string,
    stored: StoredFiles,
    /** The configurations' keys the cache file holds, by what they were made from. */
    private readonly configurations: Map<string, string>,
    /** The values shared across the files of the cache file, if it holds them. */
    private readonly storedShared?: SharedValues,
  ) {
    const rest: (Rest | undefined)[] = new Array(stored.paths.length);
    for (const [index, value] of stored.rest) rest[index] = value;
    this.files = { ...stored, rest, state: new Array<EntryState>(stored.paths.length).fill(STORED) };
    this.storedCount = stored.paths.length;
  }

  /** Reads the cache file; a missing, corrupt or other version's file is an empty cache (rewritten at the end). */
  static open(path: string): AnalysisCache {
    try {
      const parsed = JSON.parse(readText(path)) as CacheFile;
      if (parsed?.connlintCache === FORMAT && parsed.version === packageInfo().version && areConfigurations(parsed.configurations)) {
        const files = storedFilesOf(parsed.files);
        if (files) return new AnalysisCache(path, files, new Map(parsed.configurations), sharedValuesOf(parsed.shared));
      }
    } catch {
      // Corrupt or absent: start afresh.
    }
    return new AnalysisCache(path, { paths: [], keys: [], stamps: [], facts: [], rest: [] }, new Map());
  }

  /**
   * The part of a file's cache key that connlint's version and the file's options (all but its path) decide: a hash,
   * taken from the cache file when it was made before. A run where nothing changed then loads no hashing at all.
   */
  configurationKey(options: LintOptions): string {
    const { filePath: _path, ...settings } = options;
    const made = `${packageInfo().version}\0${JSON.stringify(settings)}`;
    let key = this.usedConfigurations.get(made) ?? this.configurations.get(made);
    if (key === undefined) {
      key = sha256(made).slice(0, 16);
      this.changed = true;
    }
    this.usedConfigurations.set(made, key);
    return key;
  }

  /** The entry for a file, made empty if the cache has none: what the other methods take. Asked once per file and run. */
  entry(filePath: string): CacheEntry {
    let entry: CacheEntry = this.next;
    if (this.files.paths[entry] !== filePath) {
      entry = this.entriesByPath().get(filePath) ?? this.added(filePath);
      this.inOrder = false;
    }
    this.next = entry + 1;
    if (this.files.state[entry] === STORED) {
      this.files.state[entry] = ASKED;
      this.asked.push(entry);
    }
    return entry;
  }

  /** The key the cache holds for a file, if any: the file is unchanged when its bytes give the same key. */
  storedKey(entry: CacheEntry): string | undefined {
    return this.files.keys[entry] || undefined;
  }

  /**
   * The result the cache holds for a file known unchanged without reading it: its stamp (size, times, inode) is the one
   * recorded when it was read, for a key made under the same configuration. As with git's index, the content hash
   * stays the key; the stamp only spares reading a file that nothing has written to since. Undefined when the file
   * is to be read: no result, no stamp, another configuration, a stamp that differs or can't be taken.
   */
  unchangedByStamp(entry: CacheEntry, configurationKey: string): KeptAnalysis | undefined {
    const { paths, keys, stamps } = this.files;
    const at = entry * STAMP_ITEMS;
    if (stamps[at] === NO_STAMP || !madeUnder(keys[entry]!, configurationKey) || !hasStamp(paths[entry]!, stamps, at)) return undefined;
    this.tally.unread++;
    return this.resultOf(entry);
  }

  /**
   * The result the cache holds for a file read and found unchanged: its bytes give this key. `stamp` is the stamp to
   * keep for it from now on, if its stamp can be trusted.
   */
  unchanged(entry: CacheEntry, key: string, stamp?: Stamp): KeptAnalysis | undefined {
    if (this.files.keys[entry] !== key) return undefined;
    this.tally.read++;
    if (stamp !== undefined && this.setStamp(entry, stamp)) this.changed = true;
    return this.resultOf(entry);
  }

  set(entry: CacheEntry, key: string, { skipped, diagnostics, facts, directives }: PortableAnalysis, stamp: Stamp | null = null): void {
    const rest: Rest = {};
    if (skipped) rest.skipped = true;
    if (diagnostics.length) rest.diagnostics = diagnostics;
    if (directives.length) rest.directives = directives;
    this.files.keys[entry] = key;
    this.setStamp(entry, stamp ?? [NO_STAMP, NO_STAMP, NO_STAMP, NO_STAMP]);
    this.files.facts[entry] = facts;
    this.files.rest[entry] = skipped || diagnostics.length || directives.length ? rest : undefined;
    this.settle(entry);
    this.tally.linted++;
    this.changed = true;
  }

  /**
   * The values more than one file shares, as the cache file holds them, when this run's files are the ones it holds
   * and every one of them was found unchanged: they are the same then. Undefined when they are to be worked out.
   */
  sharedValues(): SharedValues | undefined {
    return this.tally.linted === 0 && this.settledCount === this.storedCount ? this.storedShared : undefined;
  }

  /** The values this run's files share, for the cache file. */
  keepShared(shared: SharedValues): void {
    if (shared !== this.storedShared) this.changed = true;
    this.shared = shared;
  }

  /** One line for --debug: how the cache served this run. */
  summary(): string {
    const { unread, read, linted } = this.tally;
    return `connlint: --cache: ${files(unread + read)} unchanged (${unread} known from their stamps, ${read} read again), ${files(linted)} linted`;
  }

  /** Writes the cache atomically; a cache that can't be written is not worth failing the run for. */
  save(): string | undefined {
    if (!this.changed && this.inOrder && this.settledCount === this.storedCount) return undefined;
    const settled = this.asked.filter((entry) => this.files.state[entry] === SETTLED);
    try {
      const configurations = [...this.usedConfigurations];
      const shared = [...(this.shared ?? new Map())].map(([ruleId, values]): [string, string[]] => [ruleId, [...values]]);
      replaceFile(this.path, JSON.stringify({ connlintCache: FORMAT, version: packageInfo().version, configurations, files: this.stored(settled), shared } satisfies CacheFile));
      return undefined;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    }
  }

  /** A result the cache holds, in its compact form (most files: only their unique values). */
  private resultOf(entry: CacheEntry): KeptAnalysis {
    this.settle(entry);
    const facts = this.files.facts[entry]!;
    const rest = this.files.rest[entry];
    if (!rest) return facts;
    return { filePath: this.files.paths[entry]!, skipped: rest.skipped === true, diagnostics: orNone(rest.diagnostics), facts, directives: orNone(rest.directives) };
  }

  /** Marks the entry as holding this run's result: it is kept for the next run. */
  private settle(entry: CacheEntry): void {
    if (this.files.state[entry] === SETTLED) return;
    this.files.state[entry] = SETTLED;
    this.settledCount++;
  }

  private entriesByPath(): Map<string, CacheEntry> {
    if (!this.byPath) {
      this.byPath = new Map();
      this.files.paths.forEach((path, entry) => this.byPath!.set(path, entry));
    }
    return this.byPath;
  }

  /** A new, empty entry: no key, no stamp, no values. */
  private added(path: string): CacheEntry {
    const { files } = this;
    const entry = files.paths.length;
    files.paths.push(path);
    files.keys.push("");
    files.stamps.push(NO_STAMP, NO_STAMP, NO_STAMP, NO_STAMP);
    files.facts.push([]);
    files.rest.push(undefined);
    files.state.push(STORED);
    this.byPath?.set(path, entry);
    return entry;
  }

  /** Keeps a file's stamp; whether it differs from the one kept before. */
  private setStamp(entry: CacheEntry, stamp: Stamp): boolean {
    const { stamps } = this.files;
    const at = entry * STAMP_ITEMS;
    let differs = false;
    for (let item = 0; item < STAMP_ITEMS; item++) {
      if (stamps[at + item] !== stamp[item]) differs = true;
      stamps[at + item] = stamp[item]!;
    }
    return differs;
  }

  /** The columns of the cache file: the entries settled in this run, in the order they were asked for. */
  private stored(settled: CacheEntry[]): StoredFiles {
    const { files } = this;
    const stored: StoredFiles = { paths: [], keys: [], stamps: [], facts: [], rest: [] };
    for (const entry of settled) {
      const rest = files.rest[entry];
      if (rest) stored.rest.push([stored.paths.length, rest]);
      stored.paths.push(files.paths[entry]!);
      stored.keys.push(files.keys[entry]!);
      for (let item = 0; item < STAMP_ITEMS; item++) stored.stamps.push(files.stamps[entry * STAMP_ITEMS + item]!);
      stored.facts.push(files.facts[entry]!);
    }
    return stored;
  }
}

function files(count: number): string {
  return count === 1 ? "1 file" : `${count} files`;
}

/** The cache file's text. It is nearly always ASCII, which reads as latin1 without decoding UTF-8 (3 ms of a 3 MB cache). */
function readText(path: string): string {
  const bytes = readFileSync(path);
  return isAscii(bytes) ? bytes.toString("latin1") : bytes.toString("utf8");
}

/**
 * The cache file's columns, if they are columns of one length; an entry damaged within them is emptied, and its file
 * linted again. Checked for each of a large cache's entries while the code is still cold: plain loops and indexing.
 */
function storedFilesOf(value: unknown): StoredFiles | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { paths, keys, stamps, facts, rest } = value as Record<keyof StoredFiles, unknown>;
  if (!Array.isArray(paths) || !Array.isArray(keys) || !Array.isArray(stamps) || !Array.isArray(facts) || !Array.isArray(rest)) return undefined;
  const count = paths.length;
  if (keys.length !== count || facts.length !== count || stamps.length !== count * STAMP_ITEMS) return undefined;
  const files = { paths, keys, stamps, facts, rest: [] } as StoredFiles;
  const damaged = new Set<number>();
  for (const item of rest) {
    if (!Array.isArray(item) || !isIndex(item[0], count)) return undefined;
    if (isRest(item[1])) files.rest.push(item as [number, Rest]);
    else damaged.add(item[0]);
  }
  for (let entry = 0; entry < count; entry++) {
    if (damaged.has(entry) || !isSoundEntry(files, entry)) emptyEntry(files, entry);
  }
  return files;
}

function isSoundEntry({ paths, keys, stamps, facts }: StoredFiles, entry: number): boolean {
  const at = entry * STAMP_ITEMS;
  const values: unknown = facts[entry];
  return typeof paths[entry] === "string" && typeof keys[entry] === "string" && typeof stamps[at] === "number" && typeof stamps[at + 1] === "number" &&
    typeof stamps[at + 2] === "number" && typeof stamps[at + 3] === "number" && Array.isArray(values) && areStoredFacts(values);
}

/** Empties a damaged entry: with no key, it serves no result, and the file's next result replaces it. */
function emptyEntry(files: StoredFiles, entry: number): void {
  if (typeof files.paths[entry] !== "string") files.paths[entry] = "";
  files.keys[entry] = "";
  files.stamps.fill(NO_STAMP, entry * STAMP_ITEMS, (entry + 1) * STAMP_ITEMS);
  files.facts[entry] = [];
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

function isIndex(value: unknown, count: number): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) < count;
}

function areConfigurations(items: unknown): items is StoredConfiguration[] {
  return Array.isArray(items) && items.every((item) => Array.isArray(item) && item.length === 2 && typeof item[0] === "string" && typeof item[1] === "string");
}

function isRest(rest: unknown): rest is Rest {
  if (typeof rest !== "object" || rest === null) return false;
  const { skipped, diagnostics, directives } = rest as Record<keyof Rest, unknown>;
  return (skipped === undefined || skipped === true) && isListOf(diagnostics, isDiagnostic) && isListOf(directives, isDirective);
}

// A result's findings and suppression comments, checked as far as the report and the suppressions read them.

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

/**
 * What decides a file's result: its bytes, connlint's version, and everything its configuration says of it.
 * The configuration's part (`configurationKey`) is worked out once per configuration; the bytes' with a one-shot hash.
 */
export function cacheKey(bytes: Uint8Array, configurationKey: string): string {
  return `${configurationKey}.${sha256(bytes)}`;
}

function sha256(data: string | Uint8Array): string {
  return crypto().hash("sha256", data, "base64url");
}

/** Whether the file's stamp now is the one at `at` in `stamps`; false when it can't be taken. 10,000 of them in a second run. */
function hasStamp(filePath: string, stamps: number[], at: number): boolean {
  try {
    const stats = statSync(systemPath(filePath), { throwIfNoEntry: false });
    return stats !== undefined && stats.size === stamps[at] && stats.mtimeMs === stamps[at + 1] && stats.ctimeMs === stamps[at + 2] && stats.ino === stamps[at + 3];
  } catch {
    return false;
  }
}

/**
 * Within this long of a file's last change, another change may leave its times as they are (file systems keep them
 * to a second or two at worst): the stamp of a file changed this recently is not kept, and the next run reads it.
 */
const SETTLING_MS = 3000;

/** The stamp to keep for a file read now, or undefined when it is not a regular file or changed too recently to trust. */
export function fileStamp(stats: Stats, now = Date.now()): Stamp | undefined {
  if (!stats.isFile() || now - Math.max(stats.mtimeMs, stats.ctimeMs) < SETTLING_MS) return undefined;
  return stampOf(stats);
}

/** The change time is part of it because no program can set it back: a file rewritten with its old size and modification time still differs. */
function stampOf({ size, mtimeMs, ctimeMs, ino }: Stats): Stamp {
  return [size, mtimeMs, ctimeMs, ino];
}

/** Whether a file's key was made under this configuration: it starts with the configuration's key and a dot. */
function madeUnder(key: string, configurationKey: string): boolean {
  return key.charCodeAt(configurationKey.length) === 0x2e && key.startsWith(configurationKey);
}
