// Keeping V8's optimizing compiler off the core that lints, on a machine of two cores or fewer.
//
// V8 compiles the functions a run makes hot a second time, optimized, on helper threads. A run over 10,000 files
// makes some 200 functions hot, and compiling them takes those threads about 300 ms of CPU, while the thread that
// lints needs some 400 ms. Node starts four helper threads, a number only its command line can change
// (`--v8-pool-size`): on two cores they take turns with the linting thread, which then waits for its core, and for
// the collections the helpers take part in. Compiled without inlining, the same functions cost the helpers half as
// much and run a few per cent slower: a good trade on two cores, a bad one where the helpers have cores of their own.
// On Linux the helper threads also get the lowest priority, so that they take the time the linting thread leaves
// rather than turns with it (10,000 files: 810 ms instead of 843 here). Linux lets a process lower a thread's priority
// but not raise it again: they keep it for the process's life, which is the command's, or the language server's.
// So it is made only on two cores or fewer, for a walk or a run over much text: a pre-commit hook's few files make
// nothing hot, and loading V8's module would cost them a millisecond. The language server's walk of its workspace
// makes it too, for the server's life: its edits take a millisecond either way.
import { readdirSync, readlinkSync, statSync } from "node:fs";
import { os } from "../builtins.js";
import type { Target } from "./files.js";
import { systemPath } from "./read.js";
import { restoreV8Flag, setV8Flag } from "./v8-flags.js";

/** The most cores on which the helpers compete with the linting thread. */
const FEW_CORES = 2;
/** Linux's lowest priority (the highest nice value). */
const LOWEST_PRIORITY = 19;

/** Files named on the command line are weighed by their size below this many, and are many from it on. */
const MANY_FILES = 50;
/** About fifty connections' worth of text: enough for V8 to start optimizing. */
const MUCH_TEXT_BYTES = 32 * 1024;

let spared = false;

/** From here on, V8 optimizes without inlining, if this machine has two cores or fewer. */
export function spareLintingCore(cores = os().availableParallelism()): void {
  if (spared || cores > FEW_CORES) return;
  setV8Flag("--no-turbo-inlining", "--turbo-inlining");
  lowerHelperThreads();
  spared = true;
}

let lowered = false;

/** Every thread of the process but the main one, which lints, gets the lowest priority: on Linux, where a thread has its own. */
function lowerHelperThreads(): void {
  if (lowered || process.platform !== "linux" || !onMainThread()) return;
  lowered = true;
  let threads: string[];
  try {
    threads = readdirSync("/proc/self/task");
  } catch {
    return;
  }
  // The main thread's id is the process's.
  for (const thread of threads.map(Number).filter((id) => id !== process.pid)) {
    try {
      os().setPriority(thread, LOWEST_PRIORITY);
    } catch {
      // A thread that ended meanwhile, or a system that does not allow it: the run goes on at its priorities.
    }
  }
}

/**
 * Whether this is the process's main thread: on Linux, the thread whose id is the process's. Asked of /proc rather
 * than of node:worker_threads, whose loading would take a few milliseconds of a run that needs nothing else from it.
 */
function onMainThread(): boolean {
  try {
    return readlinkSync("/proc/thread-self") === `${process.pid}/task/${process.pid}`;
  } catch {
    return false;
  }
}

/** The same for a run over the files named on the command line, if they are many or large. */
export function spareLintingCoreFor(targets: Target[], cores?: number): void {
  if (!spared && (targets.length >= MANY_FILES || bytesOf(targets) >= MUCH_TEXT_BYTES)) spareLintingCore(cores);
}

/** When a run ends: V8's own optimizing again, for whatever runs next in this process. */
export function restoreOptimizingCompiler(): void {
  if (!spared) return;
  restoreV8Flag("--turbo-inlining");
  spared = false;
}

/** What the files weigh together; one that can't be looked at weighs nothing here (reading it reports it). */
function bytesOf(targets: Target[]): number {
  let bytes = 0;
  for (const { path } of targets) bytes += sizeOf(path);
  return bytes;
}

function sizeOf(path: string): number {
  try {
    return statSync(systemPath(path), { throwIfNoEntry: false })?.size ?? 0;
  } catch {
    return 0;
  }
}
