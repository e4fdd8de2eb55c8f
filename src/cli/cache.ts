// --cache: what linting each file found, kept between runs and keyed by the file's content, connlint's version and its configuration.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Place, UniqueFact } from "../cross-file.js";
import type { FileAnalysis, LintOptions } from "../lint.js";
import { type Placer, placer, toPointer } from "../lint.js";
import { formatOf } from "../load/index.js";
import type { Severity } from "../diagnostics/types.js";
import { UNIQUE_RULES } from "../rules/index.js";
import { packageInfo } from "../package-info.js";

export const DEFAULT_CACHE_LOCATION = ".connlintcache";

/**
 * A unique value as it is stored, compactly: [rule, value, document, connection name]. The rest follows from the rule,
 * and its place is found again from the text when another connection shares the value.
 */
type StoredFact = [ruleId: string, value: string, document: number, connectionName: string | null];

interface Entry {
  key: string;
  skipped: boolean;
  diagnostics: FileAnalysis["diagnostics"];
  facts: StoredFact[];
  directives: FileAnalysis["directives"];
}

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

  /**
   * The analysis stored for a file whose bytes have this key, if any. Its text is not needed, nor decoded: `readText`
   * gives it only if a unique value of the file turns out to be shared and its place must be found.
   */
  get(key: string, options: LintOptions, readText: () => string): FileAnalysis | undefined {
    const entry = this.entries[options.filePath];
    if (!entry || entry.key !== key) return undefined;
    let placeInFile: Placer | undefined;
    const place: Placer = (document, pointer) => (placeInFile ??= placer(readText(), formatOf(options.filePath)))(document, pointer);
    const facts = entry.facts.flatMap((stored) => restored(stored, options, place));
    return { filePath: options.filePath, text: "", skipped: entry.skipped, diagnostics: entry.diagnostics, facts, directives: entry.directives, severities: options.severities ?? {} };
  }

  set(key: string, options: LintOptions, analysis: FileAnalysis): void {
    const facts = analysis.facts.map((fact): StoredFact => [fact.ruleId, fact.value, fact.document, fact.connectionName ?? null]);
    this.entries[options.filePath] = { key, skipped: analysis.skipped, diagnostics: analysis.diagnostics, facts, directives: analysis.directives };
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

/** What decides a file's result: its bytes, connlint's version, and everything its configuration says of it. */
export function cacheKey(bytes: Uint8Array, options: LintOptions): string {
  const { filePath: _path, ...settings } = options;
  return createHash("sha256").update(packageInfo().version).update("\0").update(JSON.stringify(settings)).update("\0").update(bytes).digest("base64url");
}

function restored([ruleId, value, document, connectionName]: StoredFact, options: LintOptions, placeInFile: Placer): UniqueFact[] {
  const rule = UNIQUE_RULES.find((candidate) => candidate.id === ruleId);
  if (!rule) return [];
  const pointer = toPointer(rule.path);
  let place: Place | undefined;
  const fact: UniqueFact = {
    ruleId,
    severity: (options.severities?.[ruleId] as Severity | undefined) ?? rule.severity,
    label: rule.label,
    value,
    key: rule.caseInsensitive ? value.toLowerCase() : value,
    filePath: options.filePath,
    document,
    pointer,
    place: () => (place ??= placeInFile(document, pointer)),
  };
  if (connectionName !== null) fact.connectionName = connectionName;
  return [fact];
}
