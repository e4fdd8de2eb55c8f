// --cache: what linting each file found, kept between runs and keyed by the file's content, connlint's version and its configuration.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { LintOptions } from "../lint.js";
import type { PortableAnalysis } from "./portable.js";
import { packageInfo } from "../package-info.js";
import { crypto } from "../builtins.js";

export const DEFAULT_CACHE_LOCATION = ".connlintcache";

type Entry = Omit<PortableAnalysis, "filePath"> & { key: string };

interface CacheFile {
  connlintCache: 1;
  version: string;
  entries: Record<string, Entry>;
}

/** The cache of one run: read once at the start, written once at the end if anything changed. */
export class AnalysisCache {
  private readonly entries: Record<string, Entry>;
  private changed = false;

  private constructor(
    private readonly path: string,
    entries: Record<string, Entry>,
  ) {
    this.entries = entries;
  }

  /** Reads the cache file; a missing, corrupt or other version's file is an empty cache (rewritten at the end). */
  static open(path: string): AnalysisCache {
    try {
      const parsed = JSON.parse(readFileSync(path, "utf8")) as CacheFile;
      if (parsed?.connlintCache === 1 && parsed.version === packageInfo().version && parsed.entries && typeof parsed.entries === "object") {
        return new AnalysisCache(path, parsed.entries);
      }
    } catch {
      // Corrupt or absent: start afresh.
    }
    return new AnalysisCache(path, Object.create(null) as Record<string, Entry>);
  }

  /** The key the cache holds for a file, if any: the file is unchanged when its bytes give the same key. */
  storedKey(filePath: string): string | undefined {
    return this.entries[filePath]?.key;
  }

  /** What the cache holds for a file whose bytes have this key, if anything. */
  stored(key: string, filePath: string): PortableAnalysis | undefined {
    const entry = this.entries[filePath];
    return entry && entry.key === key ? { filePath, ...entry } : undefined;
  }

  set(key: string, filePath: string, analysis: PortableAnalysis): void {
    const { filePath: _path, ...portable } = analysis;
    this.entries[filePath] = { key, ...portable };
    this.changed = true;
  }

  /** Writes the cache atomically; a cache that can't be written is not worth failing the run for. */
  save(): string | undefined {
    if (!this.changed) return undefined;
    const temporary = `${this.path}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      writeFileSync(temporary, JSON.stringify({ connlintCache: 1, version: packageInfo().version, entries: this.entries } satisfies CacheFile));
      renameSync(temporary, this.path);
      return undefined;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    }
  }
}

/**
 * What decides a file's result: its bytes, connlint's version, and everything its configuration says of it.
 * The configuration's part is hashed once per configuration; the bytes' with a one-shot hash.
 */
export function cacheKey(bytes: Uint8Array, options: LintOptions): string {
  const { filePath: _path, ...settings } = options;
  const configuration = JSON.stringify(settings);
  let configurationKey = configurationKeys.get(configuration);
  if (configurationKey === undefined) {
    configurationKey = sha256(`${packageInfo().version}\0${configuration}`).slice(0, 16);
    configurationKeys.set(configuration, configurationKey);
  }
  return `${configurationKey}.${sha256(bytes)}`;
}

const configurationKeys = new Map<string, string>();

function sha256(data: string | Uint8Array): string {
  return crypto().hash("sha256", data, "base64url");
}
