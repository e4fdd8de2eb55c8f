// Sharing a large run with worker threads: the main thread lints too, one chunk of files at a time, and between its
// chunks hands the next ones to the workers that are free; results keep the order of the files.
import type { Worker } from "node:worker_threads";
import { os, workerThreads } from "../builtins.js";
import { type Job, type JobResult, runChunk } from "./job.js";

/**
 * Below this many files, starting a worker (it loads connlint again, cold) costs more than it saves.
 * On 2 cores no run gains (one thread already keeps about 1.3 cores busy: V8 compiles and collects garbage on
 * threads of its own), which is why threads are used only when asked for.
 */
export const PARALLEL_MIN_FILES = 400;
/** Small enough that the threads finish together, large enough that handing chunks over costs little. */
const CHUNK_FILES = 100;
/** Beyond this, more threads mostly wait for the disk and for each other. */
const MAX_THREADS = 4;

/** --concurrency: a number of threads (the main one included), `auto` (half the cores), or `off` (the default: the main thread alone). */
export type Concurrency = number | "auto" | "off";

export function parseConcurrency(text: string | undefined): Concurrency | undefined {
  if (text === undefined || text === "auto" || text === "off") return text ?? "off";
  return /^[1-9]\d*$/.test(text) ? Number(text) : undefined;
}

/** How many worker threads a run of `files` files gets. */
export function workerCount(concurrency: Concurrency, files: number): number {
  if (concurrency === "off") return 0;
  if (concurrency === "auto") return files >= PARALLEL_MIN_FILES ? Math.max(1, Math.min(Math.floor(os().availableParallelism() / 2), MAX_THREADS)) - 1 : 0;
  return Math.min(concurrency - 1, Math.max(0, Math.ceil(files / CHUNK_FILES) - 1));
}

interface Chunk {
  start: number;
  end: number;
}

export interface RunOptions {
  workers: number;
  /** Takes each file's result as it comes, by the file's index. */
  done: (index: number, result: JobResult) => void;
  /** Called as files are done, for the progress line. */
  finished: (files: number) => void;
  /** --debug: says when a worker fails (its files are then linted by the main thread). */
  debug?: (line: string) => void;
}

/**
 * Runs the jobs of `count` files; `jobAt` makes each when it is due, so that a large run never holds them all
 * (nor their options), and `done` gets each result.
 */
export async function runJobs(count: number, jobAt: (index: number) => Job, { workers, done, finished, debug }: RunOptions): Promise<void> {
  let next = 0;
  const take = (): Chunk | undefined => {
    if (next >= count) return undefined;
    const chunk = { start: next, end: Math.min(count, next + CHUNK_FILES) };
    next = chunk.end;
    return chunk;
  };
  const jobsOf = ({ start, end }: Chunk) => Array.from({ length: end - start }, (_, k) => jobAt(start + k));
  const runHere = ({ start, end }: Chunk) => {
    runChunk(end - start, (k) => jobAt(start + k), (result, k) => done(start + k, result));
    finished(end - start);
  };
  const helpers = Array.from({ length: workers }, () => helpWith(jobsOf, done, take, runHere, finished, debug));
  for (let chunk = take(); chunk; chunk = take()) {
    runHere(chunk);
    // Lets the workers' answers in, so that they get their next chunks.
    if (helpers.length) await new Promise(setImmediate);
  }
  await Promise.all(helpers);
}

/** One worker's share: chunks until none is left; if it fails, the chunk it held is linted here instead. */
function helpWith(jobsOf: (chunk: Chunk) => Job[], done: RunOptions["done"], take: () => Chunk | undefined, runHere: (chunk: Chunk) => void, finished: (files: number) => void, debug?: (line: string) => void): Promise<void> {
  return new Promise((resolve) => {
    let chunk: Chunk | undefined;
    let worker: Worker;
    let linted = 0;
    let stopped = false;
    // Called again by the exit that terminate() causes, and by an error after the last chunk: only the first counts.
    const stop = () => {
      if (stopped) return;
      stopped = true;
      debug?.(`connlint: a worker thread linted ${linted} files`);
      chunk = undefined;
      void worker.terminate();
      resolve();
    };
    const fail = (reason: string) => {
      if (!chunk) return stop();
      debug?.(`connlint: a worker thread failed (${reason}); the main thread lints its files`);
      const held = chunk;
      chunk = undefined;
      runHere(held);
      stop();
    };
    const sendNext = () => {
      chunk = take();
      if (!chunk) return stop();
      try {
        worker.postMessage(jobsOf(chunk));
      } catch (error) {
        fail((error as Error).message);
      }
    };
    try {
      worker = new (workerThreads().Worker)(new URL("./worker.cjs", import.meta.url));
    } catch (error) {
      debug?.(`connlint: can't start a worker thread (${(error as Error).message})`);
      return resolve();
    }
    worker.on("message", (answers: JobResult[]) => {
      if (!chunk) return;
      answers.forEach((answer, k) => done(chunk!.start + k, answer));
      finished(answers.length);
      linted += answers.length;
      sendNext();
    });
    worker.on("error", (error) => fail(error.message));
    worker.on("exit", (code) => fail(`it exited with code ${code}`));
    sendNext();
  });
}
