// --cache: what linting each file found, kept between runs and keyed by the file's content, connlint's version and its configuration.
import { isAscii } from "node:buffer";
import { readFileSync, type Stats, statSync } from "node:fs";
import type { LintOptions } from "../lint.js";
import { areStoredFacts, orNone, type PortableAnalysis, type StoredFacts } from "./portable.js";
import { packageInfo } from "../package-info.js";
import { crypto } from "../builtins.js";
import { systemPath } from "./read.js";
import { replaceFile } from "./write.js";

export const DEFAULT_CACHE_LOCATION = ".connlintcache";

/** The cache file's layout; a file of another layout (or connlint version) is an empty cache. */
const FORMAT = 6;

/** What a file's result holds besides its unique values, kept only when there is any: most files have nothing. */
type Rest = Partial<Pick<PortableAnalysis, "skipped" | "diagnostics" | "directives">>;

/**
 * What the file system says of a file, which changes whenever the file is written: its size, its modification and
 * change times, its inode. Numbers, compared as they are: a second --cache run takes 10,000 stamps.
 */
export type Stamp = [size: number, mtimeMs: number, ctimeMs: number, ino: number];

/**
 * One file in the cache file: its path, its key, its stamp (null when it has none), its unique values, and the rest.
 * Arrays, not objects: a cache of 10,000 files then parses in half the time.
 */
type StoredFile = [path: string, key: string, stamp: Stamp | null, facts: StoredFacts, rest?: Rest];

/** What a configuration's key is made from (connlint's version, then the settings as JSON), and the key. */
type StoredConfiguration = [made: string, key: string];

interface CacheFile {
  connlintCache: typeof FORMAT;
  version: string;
  /** The keys of the configurations the files were linted under: a run under the same ones needs no hashing. */
  configurations: StoredConfiguration[];
  files: StoredFile[];
}

/**
 * The cache of one run: read once at the start, written once at the end if anything changed. As ESLint's, it keeps
 * the files of the last run only: one deleted, renamed or not linted this time is dropped, so the cache never grows stale.
 */
export class AnalysisCache {
  private changed = false;
  /** The files whose entries this run used or made. */
  private readonly used = new Set<string>();
  /** For --debug: files taken from the cache without reading them, files read and found unchanged, files linted. */
  private readonly tally = { unread: 0, read: 0, linted: 0 };
  /** The configurations this run used, their keys by what the keys are made from. */
  private readonly usedConfigurations = new Map<string, string>();

  private constructor(
    private readonly path: string,
    /** Each file's entry as the cache file holds it, by path. */
    private readonly entries: Map<string, StoredFile>,
    /** The configurations' keys the cache file holds, by what they were made from. */
    private readonly configurations: Map<string, string>,
  ) {}

  /** Reads the cache file; a missing, corrupt or other version's file is an empty cache (rewritten at the end). */
  static open(path: string): AnalysisCache {
    try {
      const parsed = JSON.parse(readText(path)) as CacheFile;
      if (parsed?.connlintCache === FORMAT && parsed.version === packageInfo().version && areConfigurations(parsed.configurations) && Array.isArray(parsed.files)) {
        return new AnalysisCache(path, entriesOf(parsed.files), new Map(parsed.configurations));
      }
    } catch {
      // Corrupt or absent: start afresh.
    }
    return new AnalysisCache(path, new Map(), new Map());
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

  /** The key the cache holds for a file, if any: the file is unchanged when its bytes give the same key. */
  storedKey(filePath: string): string | undefined {
    return this.entries.get(filePath)?.[1];
  }

  /**
   * The result the cache holds for a file known unchanged without reading it: its stamp (size, times, inode) is the one
   * recorded when it was read, for a key made under the same configuration. As with git's index, the content hash
   * stays the key; the stamp only spares reading a file that nothing has written to since. Undefined when the file
   * is to be read: no entry, no stamp, another configuration, a stamp that differs or can't be taken.
   */
  unchangedByStamp(filePath: string, configurationKey: string): PortableAnalysis | undefined {
    const entry = this.entries.get(filePath);
    if (!entry?.[2] || !madeUnder(entry[1], configurationKey) || !hasStamp(filePath, entry[2])) return undefined;
    this.tally.unread++;
    return this.resultOf(filePath, entry);
  }

  /**
   * The result the cache holds for a file read and found unchanged: its bytes give this key. `stamp` is the stamp to
   * keep for it from now on, if its stamp can be trusted.
   */
  unchanged(key: string, filePath: string, stamp?: Stamp): PortableAnalysis | undefined {
    const entry = this.entries.get(filePath);
    if (entry?.[1] !== key) return undefined;
    this.tally.read++;
    if (stamp !== undefined && !(entry[2] && sameStamp(stamp, entry[2]))) {
      entry[2] = stamp;
      this.changed = true;
    }
    return this.resultOf(filePath, entry);
  }

  /** The result an entry holds; the entry is kept for the next run. */
  private resultOf(filePath: string, [, , , facts, rest]: StoredFile): PortableAnalysis {
    this.used.add(filePath);
    return { filePath, skipped: rest?.skipped === true, diagnostics: orNone(rest?.diagnostics), facts, directives: orNone(rest?.directives) };
  }

  set(key: string, filePath: string, { skipped, diagnostics, facts, directives }: PortableAnalysis, stamp: Stamp | null = null): void {
    const rest: Rest = {};
    if (skipped) rest.skipped = true;
    if (diagnostics.length) rest.diagnostics = diagnostics;
    if (directives.length) rest.directives = directives;
    this.entries.set(filePath, skipped || diagnostics.length || directives.length ? [filePath, key, stamp, facts, rest] : [filePath, key, stamp, facts]);
    this.used.add(filePath);
    this.tally.linted++;
    this.changed = true;
  }

  /** One line for --debug: how the cache served this run. */
  summary(): string {
    const { unread, read, linted } = this.tally;
    return `connlint: --cache: ${files(unread + read)} unchanged (${unread} known from their stamps, ${read} read again), ${files(linted)} linted`;
  }

  /** Writes the cache atomically; a cache that can't be written is not worth failing the run for. */
  save(): string | undefined {
    if (!this.changed && this.used.size === this.entries.size) return undefined;
    const files = [...this.entries.values()].filter(([path]) => this.used.has(path));
    try {
      const configurations = [...this.usedConfigurations];
      replaceFile(this.path, JSON.stringify({ connlintCache: FORMAT, version: packageInfo().version, configurations, files } satisfies CacheFile));
      return undefined;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    }
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

/** The cache file's well-formed entries, by path; a damaged one is left out, and its file linted again. */
function entriesOf(files: unknown[]): Map<string, StoredFile> {
  const entries = new Map<string, StoredFile>();
  for (const file of files) if (isStoredFile(file)) entries.set(file[0], file);
  return entries;
}

// Checked for each of a large cache's entries while the code is still cold: plain indexing, no destructuring or callbacks.
function isStoredFile(file: unknown): file is StoredFile {
  if (!Array.isArray(file)) return false;
  const stamp: unknown = file[2];
  const facts: unknown = file[3];
  return typeof file[0] === "string" && typeof file[1] === "string" && (stamp === null || isStamp(stamp)) && Array.isArray(facts) && areStoredFacts(facts) && isRest(file[4]);
}

function areConfigurations(items: unknown): items is StoredConfiguration[] {
  return Array.isArray(items) && items.every((item) => Array.isArray(item) && item.length === 2 && typeof item[0] === "string" && typeof item[1] === "string");
}

function isStamp(stamp: unknown): stamp is Stamp {
  return Array.isArray(stamp) && stamp.length === 4 && typeof stamp[0] === "number" && typeof stamp[1] === "number" && typeof stamp[2] === "number" && typeof stamp[3] === "number";
}

function isRest(rest: unknown): rest is Rest | undefined {
  if (rest === undefined) return true;
  if (typeof rest !== "object" || rest === null) return false;
  const { diagnostics, directives } = rest as Rest;
  return (diagnostics === undefined || Array.isArray(diagnostics)) && (directives === undefined || Array.isArray(directives));
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

/** Whether the file's stamp now is this one; false when it can't be taken. Compared field by field: 10,000 of them in a second run. */
function hasStamp(filePath: string, stamp: Stamp): boolean {
  try {
    const stats = statSync(systemPath(filePath), { throwIfNoEntry: false });
    return stats !== undefined && stats.size === stamp[0] && stats.mtimeMs === stamp[1] && stats.ctimeMs === stamp[2] && stats.ino === stamp[3];
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

function sameStamp(a: Stamp, b: Stamp): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];
}

/** Whether a file's key was made under this configuration: it starts with the configuration's key and a dot. */
function madeUnder(key: string, configurationKey: string): boolean {
  return key.charCodeAt(configurationKey.length) === 0x2e && key.startsWith(configurationKey);
}
