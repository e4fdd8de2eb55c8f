// --cache: what linting each file found, kept between runs and keyed by the file's content, connlint's version and its configuration.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { LintOptions } from "../lint.js";
import type { PortableAnalysis, StoredFact } from "./portable.js";
import { packageInfo } from "../package-info.js";
import { crypto } from "../builtins.js";

export const DEFAULT_CACHE_LOCATION = ".connlintcache";

/** The cache file's layout; a file of another layout (or connlint version) is an empty cache. */
const FORMAT = 2;

/** What a file's result holds besides its unique values, kept only when there is any: most files have nothing. */
type Rest = Partial<Pick<PortableAnalysis, "skipped" | "diagnostics" | "directives">>;

/** One file in the cache file. Arrays, not objects: a cache of 10,000 files then parses in half the time. */
type StoredFile = [path: string, key: string, facts: StoredFact[], rest?: Rest];

interface CacheFile {
  connlintCache: typeof FORMAT;
  version: string;
  files: StoredFile[];
}

/** The cache of one run: read once at the start, written once at the end if anything changed. */
export class AnalysisCache {
  private changed = false;

  private constructor(
    private readonly path: string,
    /** Each file's entry as the cache file holds it, by path. */
    private readonly entries: Map<string, StoredFile>,
  ) {}

  /** Reads the cache file; a missing, corrupt or other version's file is an empty cache (rewritten at the end). */
  static open(path: string): AnalysisCache {
    try {
      const parsed = JSON.parse(readFileSync(path, "utf8")) as CacheFile;
      if (parsed?.connlintCache === FORMAT && parsed.version === packageInfo().version && Array.isArray(parsed.files)) {
        return new AnalysisCache(path, entriesOf(parsed.files));
      }
    } catch {
      // Corrupt or absent: start afresh.
    }
    return new AnalysisCache(path, new Map());
  }

  /** The key the cache holds for a file, if any: the file is unchanged when its bytes give the same key. */
  storedKey(filePath: string): string | undefined {
    return this.entries.get(filePath)?.[1];
  }

  /** What the cache holds for a file whose bytes have this key, if anything. */
  stored(key: string, filePath: string): PortableAnalysis | undefined {
    const entry = this.entries.get(filePath);
    if (entry?.[1] !== key) return undefined;
    const [, , facts, rest] = entry;
    return { filePath, skipped: rest?.skipped === true, diagnostics: rest?.diagnostics ?? [], facts, directives: rest?.directives ?? [] };
  }

  set(key: string, filePath: string, { skipped, diagnostics, facts, directives }: PortableAnalysis): void {
    const rest: Rest = {};
    if (skipped) rest.skipped = true;
    if (diagnostics.length) rest.diagnostics = diagnostics;
    if (directives.length) rest.directives = directives;
    this.entries.set(filePath, skipped || diagnostics.length || directives.length ? [filePath, key, facts, rest] : [filePath, key, facts]);
    this.changed = true;
  }

  /** Writes the cache atomically; a cache that can't be written is not worth failing the run for. */
  save(): string | undefined {
    if (!this.changed) return undefined;
    const files = [...this.entries.values()];
    const temporary = `${this.path}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      writeFileSync(temporary, JSON.stringify({ connlintCache: FORMAT, version: packageInfo().version, files } satisfies CacheFile));
      renameSync(temporary, this.path);
      return undefined;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    }
  }
}

/** The cache file's well-formed entries, by path; a damaged one is left out, and its file linted again. */
function entriesOf(files: unknown[]): Map<string, StoredFile> {
  const entries = new Map<string, StoredFile>();
  for (const file of files) if (isStoredFile(file)) entries.set(file[0], file);
  return entries;
}

function isStoredFile(file: unknown): file is StoredFile {
  if (!Array.isArray(file)) return false;
  const [path, key, facts, rest] = file as unknown[];
  return typeof path === "string" && typeof key === "string" && Array.isArray(facts) && facts.every(isStoredFact) && isRest(rest);
}

function isStoredFact(fact: unknown): fact is StoredFact {
  return Array.isArray(fact) && typeof fact[0] === "string" && typeof fact[1] === "string" && typeof fact[2] === "number";
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

/** The part of a file's cache key that connlint's version and the file's options (all but its path) decide. */
export function configurationKey(options: LintOptions): string {
  const { filePath: _path, ...settings } = options;
  return sha256(`${packageInfo().version}\0${JSON.stringify(settings)}`).slice(0, 16);
}

function sha256(data: string | Uint8Array): string {
  return crypto().hash("sha256", data, "base64url");
}
