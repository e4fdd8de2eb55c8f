// Linting one file from disk without --fix: the unit of work the main thread and the worker threads share.
import type { FileReport } from "../format/index.js";
import { analyzeText, type LintOptions } from "../lint.js";
import { cacheKey, fileStamp, type StoredKey, unchangedByStamp } from "./cache.js";
import { type PortableAnalysis, toPortable } from "./portable.js";
import { decodeSource, readError, readTarget } from "./read.js";

export interface Job {
  path: string;
  options: LintOptions;
  /** --max-file-size: a larger file is reported, not read. */
  maxBytes: number;
  /** The walk found a regular file (files.ts): read without asking its size, unless --cache wants its stats. */
  regular: boolean;
  /** With --cache: what the cache holds for the file (its result is then reused), and its configuration's part of a key. */
  cache?: { stored: StoredKey | undefined; configurationKey: string };
}

/**
 * A file that can't be read or decoded is a report; an unchanged cached file is only that; else what was found,
 * without the text: a large run keeps every file's result until the checks across files, and a value's place is
 * found again from the file only if another connection shares it.
 */
export type JobResult =
  | { report: FileReport }
  | { unchanged: string; read: boolean; stamp: string | undefined }
  | { analysis: PortableAnalysis; key: string | undefined; stamp: string | undefined };

// Each kind of result is made with all its properties, in one order: results of one shape keep the code that takes them fast.
export function runJob(job: Job): JobResult {
  const { cache } = job;
  if (cache?.stored && unchangedByStamp(job.path, cache.stored, cache.configurationKey)) return { unchanged: cache.stored.key, read: false, stamp: undefined };
  const read = readTarget(job.path, job.maxBytes, { regular: job.regular, stats: cache !== undefined });
  if (!read.ok) return { report: { filePath: job.path, diagnostics: [readError(read.reason)] } };
  if (!cache) return analyze(job, read.bytes, undefined, undefined);
  // An unchanged file's result comes from the cache without even decoding its text.
  const key = cacheKey(read.bytes, cache.configurationKey);
  const stamp = read.stats && fileStamp(read.stats);
  if (key === cache.stored?.key) return { unchanged: key, read: true, stamp };
  return analyze(job, read.bytes, key, stamp);
}

function analyze(job: Job, bytes: Uint8Array, key: string | undefined, stamp: string | undefined): JobResult {
  const source = decodeSource(bytes);
  if (!source.ok) return { report: { filePath: job.path, diagnostics: [source.diagnostic] } };
  return { analysis: toPortable(analyzeText(source.text, job.options)), key, stamp };
}
