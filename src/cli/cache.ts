// --cache: what linting each file found, kept between runs and keyed by the file's content, connlint's version and its configuration.
import { lstatSync, type Stats, statSync, writeFileSync } from "node:fs";
import type { LintOptions } from "../lint.js";
import { orNone, type PortableAnalysis, sharesAny, type SharedValues, type StoredFacts } from "./portable.js";
import { packageInfo } from "../package-info.js";
import { systemPath } from "./read.js";
import { replaceFile } from "./write.js";
import { foldersUnchanged, type RememberedWalk, type WalkMemory } from "./walk-memory.js";
import {
  encodeCacheFile,
  HASH_LENGTH,
  hasSettled,
  NO_STAMP,
  readCacheFile,
  sha256,
  type CacheColumns,
  type Rest,
  STAMP_ITEMS,
  type StoredCache,
  StoredPaths,
} from "./cache-file.js";

export const DEFAULT_CACHE_LOCATION = ".connlintcache";

/**
 * What the file system says of a file, which changes whenever the file is written: its size, its modification and
 * change times, its inode. Numbers, compared as they are: a second --cache run takes 10,000 stamps.
 */
export type Stamp = [size: number, mtimeMs: number, ctimeMs: number, ino: number];

/** A configuration's key has this many characters; a file's key is it, a dot, and the hash of the file's bytes. */
const CONFIGURATION_KEY_LENGTH = 16;

/** A file's place in the cache, as `AnalysisCache.entry()` gives it; also what a result taken from the cache is. */
export type CacheEntry = number;

/** Where an entry stands in this run: in the cache file only, asked for, or holding this run's result. */
const STORED = 0;
const ASKED = 1;
const SETTLED = 2;
type EntryState = typeof STORED | typeof ASKED | typeof SETTLED;

/** Shared by the results with no unique values; frozen, so that none can fill it. */
const NO_FACTS: StoredFacts = Object.freeze([]) as unknown as StoredFacts;

const EMPTY: StoredCache = {
  count: 0,
  configurations: [],
  paths: StoredPaths.of("", 0)!,
  stamps: new Float64Array(0),
  configurationOf: new Int32Array(0),
  hashOf: () => "",
  facts: () => [],
  rest: [],
  shared: undefined,
  sharing: [],
  walks: [],
};

/**
 * The cache of one run: read once at the start, written once at the end if anything changed. As ESLint's, it keeps
 * the files of the last run only: one deleted, renamed or not linted this time is dropped, so the cache never grows stale.
 * It is written in the order this run asked for its files, which the next run most likely asks in again: it then
 * finds each file's entry at the next place, without a map of every path.
 *
 * Entries 0 to `stored.count - 1` are the cache file's, the others files new to it. What this run learns of an entry
 * (its key, unique values, rest) is kept beside the cache file's columns, which stay as they were read.
 */
export class AnalysisCache implements WalkMemory {
  private changed = false;
  /**
   * For --debug: files taken from the cache without reading them, files read and found unchanged, files linted;
   * folder walks taken from the cache.
   */
  private readonly tally = { unread: 0, read: 0, linted: 0, recalled: 0 };
  /** The configurations this run used, their keys by what the keys are made from. */
  private readonly usedConfigurations = new Map<string, string>();
  /** The cache file's configurations: their keys by what they are made from. */
  private readonly configurations: Map<string, string>;
  /** The paths of the files new to the cache, entries `stored.count` on. */
  private readonly addedPaths: string[] = [];
  /** Each entry's stamp, STAMP_ITEMS numbers: the cache file's, then room for the files new to it. */
  private stamps: Float64Array;
  /** The keys made in this run, by entry; the others are the cache file's. */
  private readonly keys: (string | undefined)[] = [];
  /** The unique values found in this run, by entry; the others are the cache file's. */
  private readonly facts: (StoredFacts | undefined)[] = [];
  /** Each entry's rest of its result, where it has any. */
  private readonly rest: (Rest | undefined)[];
  private readonly state: EntryState[];
  /** The cache file's entries that have a value another file shares, by the cache file's shared values. */
  private readonly storedSharing: Set<CacheEntry>;
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
  /** The cache file's walks, by what they walked. */
  private readonly storedWalks: Map<string, RememberedWalk>;
  /** The walks of this run, recalled or made: the cache file keeps these. */
  private readonly walks = new Map<string, RememberedWalk>();

  private constructor(
    private readonly path: string,
    private readonly stored: StoredCache,
  ) {
    this.configurations = new Map(stored.configurations);
    this.stamps = stored.stamps;
    this.rest = new Array(stored.count);
    for (const [entry, rest] of stored.rest) this.rest[entry] = rest;
    this.state = new Array<EntryState>(stored.count).fill(STORED);
    this.storedSharing = new Set(stored.sharing);
    this.storedWalks = new Map(stored.walks);
  }

  /** Reads the cache file; a missing, corrupt or other version's file is an empty cache (rewritten at the end). */
  static open(path: string): AnalysisCache {
    let stored: StoredCache | undefined;
    try {
      stored = readCacheFile(path, packageInfo().version);
    } catch {
      // Corrupt or absent: start afresh.
    }
    return new AnalysisCache(path, stored ?? EMPTY);
  }

  /**
   * The part of a file's cache key that connlint's version and the file's options (all but its path) decide: a hash,
   * taken from the cache file when it was made before. A run where nothing changed then hashes no file.
   */
  configurationKey(options: LintOptions): string {
    const { filePath: _path, ...settings } = options;
    const made = `${packageInfo().version}\0${JSON.stringify(settings)}`;
    let key = this.usedConfigurations.get(made) ?? this.configurations.get(made);
    if (key === undefined) {
      key = sha256(made).slice(0, CONFIGURATION_KEY_LENGTH);
      this.changed = true;
    }
    this.usedConfigurations.set(made, key);
    return key;
  }

  /** The entry for a file, made empty if the cache has none: what the other methods take. Asked once per file and run. */
  entry(filePath: string): CacheEntry {
    let entry: CacheEntry = this.next;
    if (!this.isPathOf(entry, filePath)) {
      entry = this.entriesByPath().get(filePath) ?? this.added(filePath);
      this.inOrder = false;
    }
    this.next = entry + 1;
    if (this.state[entry] === STORED) {
      this.state[entry] = ASKED;
      this.asked.push(entry);
    }
    return entry;
  }

  /** The key the cache holds for a file, if any: the file is unchanged when its bytes give the same key. */
  storedKey(entry: CacheEntry): string | undefined {
    if (this.keys[entry] !== undefined || entry >= this.stored.count) return this.keys[entry];
    return `${this.storedConfigurationKey(entry)}.${this.stored.hashOf(entry)}`;
  }


  /**
   * Whether the cache knows a file unchanged without reading it: its stamp (size, times, inode) is the one recorded
   * when it was read, for a key made under the same configuration. As with git's index, the content hash stays the
   * key; the stamp only spares reading a file that nothing has written to since. False when the file is to be read:
   * no result, no stamp, another configuration, a stamp that differs or can't be taken. When true, the entry is the
   * file's result. `filePath` is the path the entry was asked for with (`entry()`), given again rather than cut
   * out of the cache's paths once more.
   */
  unchangedByStamp(entry: CacheEntry, filePath: string, configurationKey: string): boolean {
    const at = entry * STAMP_ITEMS;
    if (this.stamps[at] === NO_STAMP || !this.madeUnder(entry, configurationKey) || !hasStamp(filePath, this.stamps, at)) return false;
    this.tally.unread++;
    this.settle(entry);
    return true;
  }

  /**
   * A file read and found unchanged (its bytes gave the key `storedKey()` holds): the entry is its result. `stamp` is
   * the stamp to keep for it from now on, if its stamp can be trusted.
   */
  unchanged(entry: CacheEntry, stamp?: Stamp): void {
    this.tally.read++;
    if (stamp !== undefined && this.setStamp(entry, stamp)) this.changed = true;
    this.settle(entry);
  }

  set(entry: CacheEntry, key: string, { skipped, diagnostics, facts, directives }: PortableAnalysis, stamp: Stamp | null = null): void {
    const rest: Rest = {};
    if (skipped) rest.skipped = true;
    if (diagnostics.length) rest.diagnostics = diagnostics;
    if (directives.length) rest.directives = directives;
    this.keys[entry] = key;
    this.setStamp(entry, stamp ?? [NO_STAMP, NO_STAMP, NO_STAMP, NO_STAMP]);
    this.facts[entry] = facts;
    this.rest[entry] = skipped || diagnostics.length || directives.length ? rest : undefined;
    this.settle(entry);
    this.tally.linted++;
    this.changed = true;
  }

  /** An entry's unique values. The cache file's are read on first use: a run in which nothing changed needs none. */
  factsOf(entry: CacheEntry): StoredFacts {
    return this.facts[entry] ?? (entry < this.stored.count ? this.stored.facts()[entry]! : NO_FACTS);
  }

  /** Whether another file has one of the entry's unique values: known from the cache file while the shared values are its. */
  sharesAny(entry: CacheEntry, shared: SharedValues): boolean {
    if (shared === this.stored.shared && this.facts[entry] === undefined && entry < this.stored.count) return this.storedSharing.has(entry);
    return sharesAny(this.factsOf(entry), shared);
  }

  /** Whether the entry's result has findings, suppression comments or a skip: most have none. */
  hasRest(entry: CacheEntry): boolean {
    return this.rest[entry] !== undefined;
  }

  /** The entry's result, with its unique values only when another file shares one of them. */
  resultOf(entry: CacheEntry, shared: SharedValues): Omit<PortableAnalysis, "filePath"> {
    const rest = this.rest[entry];
    const facts = this.sharesAny(entry, shared) ? this.factsOf(entry) : NO_FACTS;
    return { skipped: rest?.skipped === true, diagnostics: orNone(rest?.diagnostics), facts, directives: orNone(rest?.directives) };
  }

  /**
   * The values more than one file shares, as the cache file holds them, when this run's files are the ones it holds
   * and every one of them was found unchanged: they are the same then. Undefined when they are to be worked out.
   */
  sharedValues(): SharedValues | undefined {
    return this.tally.linted === 0 && this.settledCount === this.stored.count ? this.stored.shared : undefined;
  }

  /** The values this run's files share, for the cache file. */
  keepShared(shared: SharedValues): void {
    if (shared !== this.stored.shared) this.changed = true;
    this.shared = shared;
  }

  /** A walk of the last run whose folders are all as it left them: it would find the same files again. */
  recall(key: string): RememberedWalk | undefined {
    const walk = this.storedWalks.get(key);
    if (!walk || !foldersUnchanged(walk)) return undefined;
    this.tally.recalled++;
    this.walks.set(key, walk);
    return walk;
  }

  /** A walk of this run, for the next. */
  remember(key: string, walk: RememberedWalk): void {
    this.walks.set(key, walk);
    this.changed = true;
  }

  /** One line for --debug: how the cache served this run. */
  summary(): string {
    const { unread, read, linted, recalled } = this.tally;
    return `connlint: --cache: ${files(unread + read)} unchanged (${unread} known from their stamps, ${read} read again), ${files(linted)} linted, ${plural(recalled, "folder walk")} known from the folders' stamps`;
  }

  /** Writes the cache (see writeCacheFile); a cache that can't be written is not worth failing the run for. */
  save(): string | undefined {
    if (!this.changed && this.inOrder && this.settledCount === this.stored.count) return undefined;
    try {
      writeCacheFile(this.path, encodeCacheFile(packageInfo().version, this.columns()));
      return undefined;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    }
  }

  /** The columns of the cache file: the entries settled in this run, in the order they were asked for. */
  private columns(): CacheColumns {
    const configurations = [...this.usedConfigurations];
    const configurationIndex = new Map(configurations.map(([, key], index) => [key, index]));
    const shared = this.shared ?? new Map();
    // Every settled entry has a key made under a configuration of this run; one that had not would be left out.
    const kept = this.asked.filter((entry) => this.state[entry] === SETTLED);
    const columns = {
      configurations,
      paths: [] as string[],
      stamps: new Float64Array(kept.length * STAMP_ITEMS),
      configurationOf: new Int32Array(kept.length),
      hashes: "",
      facts: [] as StoredFacts[],
      rest: [] as [number, Rest][],
      shared,
      sharing: [] as number[],
      walks: [...this.walks],
    };
    const hashes: string[] = [];
    for (const entry of kept) {
      const [configurationKey, hash] = this.keyParts(entry) ?? [];
      const configuration = configurationKey === undefined ? undefined : configurationIndex.get(configurationKey);
      if (configuration === undefined || hash?.length !== HASH_LENGTH) continue;
      const index = columns.paths.length;
      const rest = this.rest[entry];
      if (rest) columns.rest.push([index, rest]);
      if (this.sharesAny(entry, shared)) columns.sharing.push(index);
      columns.paths.push(this.pathOf(entry));
      columns.stamps.set(this.stamps.subarray(entry * STAMP_ITEMS, (entry + 1) * STAMP_ITEMS), index * STAMP_ITEMS);
      columns.configurationOf[index] = configuration;
      hashes.push(hash);
      columns.facts.push(this.factsOf(entry));
    }
    columns.stamps = columns.stamps.subarray(0, columns.paths.length * STAMP_ITEMS);
    columns.configurationOf = columns.configurationOf.subarray(0, columns.paths.length);
    columns.hashes = hashes.join("");
    return columns;
  }

  /** Marks the entry as holding this run's result: it is kept for the next run. */
  private settle(entry: CacheEntry): void {
    if (this.state[entry] === SETTLED) return;
    this.state[entry] = SETTLED;
    this.settledCount++;
  }

  /** An entry's key as the cache file keeps it: its configuration's key and its content hash. */
  private keyParts(entry: CacheEntry): [configurationKey: string, hash: string] | undefined {
    const key = this.keys[entry];
    if (key !== undefined) return [key.slice(0, CONFIGURATION_KEY_LENGTH), key.slice(CONFIGURATION_KEY_LENGTH + 1)];
    return entry < this.stored.count ? [this.storedConfigurationKey(entry), this.stored.hashOf(entry)] : undefined;
  }

  /** The key of the configuration the cache file's entry was linted under. */
  private storedConfigurationKey(entry: CacheEntry): string {
    return this.stored.configurations[this.stored.configurationOf[entry]!]![1];
  }

  /** Whether the entry's key was made under this configuration. */
  private madeUnder(entry: CacheEntry, configurationKey: string): boolean {
    const key = this.keys[entry];
    if (key !== undefined) return key.charCodeAt(configurationKey.length) === 0x2e && key.startsWith(configurationKey);
    return entry < this.stored.count && this.storedConfigurationKey(entry) === configurationKey;
  }

  private pathOf(entry: CacheEntry): string {
    return entry < this.stored.count ? this.stored.paths.at(entry) : this.addedPaths[entry - this.stored.count]!;
  }

  private isPathOf(entry: CacheEntry, path: string): boolean {
    return entry < this.stored.count ? this.stored.paths.isAt(entry, path) : this.addedPaths[entry - this.stored.count] === path;
  }

  private entriesByPath(): Map<string, CacheEntry> {
    if (!this.byPath) {
      this.byPath = new Map();
      for (let entry = 0; entry < this.stored.count + this.addedPaths.length; entry++) this.byPath.set(this.pathOf(entry), entry);
    }
    return this.byPath;
  }

  /** A new, empty entry: no key, no stamp, no values. */
  private added(path: string): CacheEntry {
    const entry = this.stored.count + this.addedPaths.length;
    this.addedPaths.push(path);
    this.state.push(STORED);
    this.growStamps(entry + 1);
    this.stamps.fill(NO_STAMP, entry * STAMP_ITEMS, (entry + 1) * STAMP_ITEMS);
    this.byPath?.set(path, entry);
    return entry;
  }

  /** Room for the stamps of this many entries, made twice as large as needed when it grows. */
  private growStamps(entries: number): void {
    if (this.stamps.length >= entries * STAMP_ITEMS) return;
    const grown = new Float64Array(entries * STAMP_ITEMS * 2);
    grown.set(this.stamps);
    this.stamps = grown;
  }

  /** Keeps a file's stamp; whether it differs from the one kept before. */
  private setStamp(entry: CacheEntry, stamp: Stamp): boolean {
    const at = entry * STAMP_ITEMS;
    let differs = false;
    for (let item = 0; item < STAMP_ITEMS; item++) {
      if (this.stamps[at + item] !== stamp[item]) differs = true;
      this.stamps[at + item] = stamp[item]!;
    }
    return differs;
  }
}

/**
 * Writes the cache file over the one there, in place: a file replaced whole (a new file renamed over it) changes its
 * folder's times, and the next run would then walk that folder again, which is most often the one linted. A write
 * cut short leaves a file whose checksum fails, which the next run ignores. A new cache file, or one that can't be
 * written in place, is written whole or not at all.
 */
function writeCacheFile(path: string, bytes: Uint8Array): void {
  if (lstatSync(path, { throwIfNoEntry: false })?.isFile()) {
    try {
      writeFileSync(path, bytes);
      return;
    } catch {
      // Read-only, say: replacing it may still work.
    }
  }
  replaceFile(path, bytes);
}

function files(count: number): string {
  return plural(count, "file");
}

function plural(count: number, noun: string): string {
  return count === 1 ? `1 ${noun}` : `${count} ${noun}s`;
}

/**
 * What decides a file's result: its bytes, connlint's version, and everything its configuration says of it.
 * The configuration's part (`configurationKey`) is worked out once per configuration; the bytes' with a one-shot hash.
 */
export function cacheKey(bytes: Uint8Array, configurationKey: string): string {
  return `${configurationKey}.${sha256(bytes)}`;
}

/** Whether the file's stamp now is the one at `at` in `stamps`; false when it can't be taken. 10,000 of them in a second run. */
function hasStamp(filePath: string, stamps: Float64Array, at: number): boolean {
  try {
    const stats = statSync(systemPath(filePath), { throwIfNoEntry: false });
    return stats !== undefined && stats.size === stamps[at] && stats.mtimeMs === stamps[at + 1] && stats.ctimeMs === stamps[at + 2] && stats.ino === stamps[at + 3];
  } catch {
    return false;
  }
}

/** The stamp to keep for a file read now, or undefined when it is not a regular file or changed too recently to trust. */
export function fileStamp(stats: Stats, now = Date.now()): Stamp | undefined {
  if (!stats.isFile() || !hasSettled(stats, now)) return undefined;
  return stampOf(stats);
}

/** The change time is part of it because no program can set it back: a file rewritten with its old size and modification time still differs. */
function stampOf({ size, mtimeMs, ctimeMs, ino }: Stats): Stamp {
  return [size, mtimeMs, ctimeMs, ino];
}
