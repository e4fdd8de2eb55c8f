// Linting files from disk without --fix, a chunk at a time: the unit of work the main thread and the worker threads share.
import type { Stats } from "node:fs";
import type { FileReport } from "../format/index.js";
import { analyzeText, type LintOptions } from "../lint.js";
import { cacheKey, fileStamp, type Stamp } from "./cache.js";
import { type PortableAnalysis, toPortable } from "./portable.js";
import { decodeSource, readError, readTarget } from "./read.js";

export interface Job {
  path: string;
  options: LintOptions;
  /** --max-file-size: a larger file is reported, not read. */
  maxBytes: number;
  /** The walk found a regular file (files.ts): read without asking its size, unless --cache wants its stats. */
  regular: boolean;
  /**
   * With --cache: the key the cache holds for the file (its result is reused when the bytes give that key), and the
   * part of a key that the file's configuration decides.
   */
  cache?: { storedKey: string | undefined; configurationKey: string };
}

/**
 * A file that can't be read or decoded is a report; an unchanged cached file is only that; else what was found,
 * without the text: a large run keeps every file's result until the checks across files, and a value's place is
 * found again from the file only if another connection shares it.
 */
export type JobResult =
  | { report: FileReport }
  | { unchanged: true; stamp: Stamp | undefined }
  | { analysis: PortableAnalysis; key: string | undefined; stamp: Stamp | undefined };

/** What fetching a file gave: already its result (it can't be read), or its bytes to lint. */
type Fetched = JobResult | { bytes: Uint8Array; stats: Stats | undefined };

/** At most this many files, and about this many bytes of them, are read before the first of them is linted. */
const READ_AHEAD_FILES = 25;
const READ_AHEAD_BYTES = 1 << 20;

/**
 * Lints `count` files, each made into a job by `jobAt` when due, a few at a time: reads them first, then lints them.
 * System calls made one after the other, rather than each between two files' linting, take half the time (the
 * kernel's code and data stay in the processor's caches): a tenth of a 10,000-file run. Only a few files at a time,
 * each result going to `take` as soon as it is made: what lives through V8's young-generation collections makes that
 * generation grow, and the process with it.
 */
export function runChunk(count: number, jobAt: (index: number) => Job, take: (result: JobResult, index: number) => void): void {
  for (let start = 0; start < count; ) {
    const jobs: Job[] = [];
    const fetched: (Fetched | undefined)[] = [];
    for (let bytes = 0; start + jobs.length < count && jobs.length < READ_AHEAD_FILES && bytes < READ_AHEAD_BYTES; ) {
      const job = jobAt(start + jobs.length);
      const next = fetchFile(job);
      if ("bytes" in next) bytes += next.bytes.length;
      jobs.push(job);
      fetched.push(next);
    }
    for (let k = 0; k < jobs.length; k++) {
      const next = fetched[k]!;
      fetched[k] = undefined;
      take(finish(jobs[k]!, next), start + k);
    }
    start += jobs.length;
  }
}

// Each kind of result is made with all its properties, in one order: results of one shape keep the code that takes them fast.
function fetchFile(job: Job): Fetched {
  const read = readTarget(job.path, job.maxBytes, { regular: job.regular, stats: job.cache !== undefined });
  if (!read.ok) return { report: { filePath: job.path, diagnostics: [readError(read.reason)] } };
  return { bytes: read.bytes, stats: read.stats };
}

function finish(job: Job, fetched: Fetched): JobResult {
  if (!("bytes" in fetched)) return fetched;
  const { cache } = job;
  if (!cache) return analyze(job, fetched.bytes, undefined, undefined);
  // An unchanged file's result comes from the cache without even decoding its text.
  const key = cacheKey(fetched.bytes, cache.configurationKey);
  const stamp = fetched.stats && fileStamp(fetched.stats);
  if (key === cache.storedKey) return { unchanged: true, stamp };
  return analyze(job, fetched.bytes, key, stamp);
}

function analyze(job: Job, bytes: Uint8Array, key: string | undefined, stamp: Stamp | undefined): JobResult {
  const source = decodeSource(bytes);
  if (!source.ok) return { report: { filePath: job.path, diagnostics: [source.diagnostic] } };
  return { analysis: toPortable(analyzeText(source.text, job.options)), key, stamp };
}
