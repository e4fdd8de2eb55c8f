// Applying text edits: the non-overlapping ones in one pass, in order, on the original text.
import type { Fix } from "../diagnostics/types.js";

export interface Applied {
  text: string;
  /** How many edits were applied (overlapping ones wait for the next pass). */
  count: number;
}

export function applyFixes(text: string, fixes: readonly Fix[]): Applied {
  const ordered = [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let output = "";
  let cursor = 0;
  let count = 0;
  for (const { range: [start, end], text: replacement } of ordered) {
    if (start < cursor || end < start || end > text.length) continue;
    output += text.slice(cursor, start) + replacement;
    cursor = end;
    count++;
  }
  return { text: output + text.slice(cursor), count };
}
