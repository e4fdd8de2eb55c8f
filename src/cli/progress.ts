// A progress line on stderr for long runs: only on a terminal, never in CI, and erased when the run ends.
import { inCi, type Io } from "./io.js";

/** Fewer files than this finish before a progress line would help. */
export const PROGRESS_MIN_FILES = 100;

export interface Progress {
  advance(files: number): void;
  done(): void;
}

const SILENT: Progress = { advance() {}, done() {} };

export function progress(io: Io, total: number): Progress {
  if (total < PROGRESS_MIN_FILES || !io.stderr.isTTY || inCi(io.env)) return SILENT;
  let finished = 0;
  let shownPercent = -1;
  return {
    advance(files) {
      finished += files;
      const percent = Math.floor((finished * 100) / total);
      // Redrawn once per percent, not per file: a terminal is slower than the linting.
      if (percent === shownPercent) return;
      shownPercent = percent;
      io.stderr.write(`\rconnlint: ${finished}/${total} files (${percent}%)`);
    },
    done() {
      io.stderr.write("\r\u001b[2K");
    },
  };
}
