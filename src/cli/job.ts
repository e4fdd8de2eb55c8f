// Linting one file from disk without --fix: the unit of work the main thread and the worker threads share.
import type { FileReport } from "../format/index.js";
import { analyzeText, type LintOptions } from "../lint.js";
import { cacheKey } from "./cache.js";
import { type PortableAnalysis, toPortable } from "./portable.js";
import { decodeSource, readError, readTarget } from "./read.js";

export interface Job {
  path: string;
  options: LintOptions;
  /** --max-file-size: a larger file is reported, not read. */
  maxBytes: number;
  /** With --cache: the key the cache holds for the file (its result is then reused), and its configuration's part of a key. */
  cache?: { storedKey: string | undefined; configurationKey: string };
}

/**
 * A file that can't be read or decoded is a report; an unchanged cached file is only that; else what was found,
 * without the text: a large run keeps every file's result until the checks across files, and a value's place is
 * found again from the file only if another connection shares it.
 */
export type JobResult = { report: FileReport } | { unchanged: string } | { analysis: PortableAnalysis; key?: string };

export function runJob(job: Job): JobResult {
  const read = readTarget(job.path, job.maxBytes);
  if (!read.ok) return { report: { filePath: job.path, diagnostics: [readError(read.reason)] } };
  // An unchanged file's result comes from the cache without even decoding its text.
  const key = job.cache ? cacheKey(read.bytes, job.cache.configurationKey) : undefined;
  if (key !== undefined && key === job.cache?.storedKey) return { unchanged: key };
  const source = decodeSource(read.bytes);
  if (!source.ok) return { report: { filePath: job.path, diagnostics: [source.diagnostic] } };
  const analysis = toPortable(analyzeText(source.text, job.options));
  return key === undefined ? { analysis } : { analysis, key };
}
