// The edit that deletes one key and its value from a mapping, leaving the text around it as it was.
import type { Fix, Path } from "../diagnostics/types.js";
import type { SourceFormat } from "../load/document.js";
import { locate } from "../load/locate.js";
import { type MapNode, type Node, resolve } from "../load/tree.js";

/** A deletion, and whether it is certain to leave nothing else changed (else it is only offered as a suggestion). */
export interface Removal {
  fix: Fix;
  certain: boolean;
}

/**
 * Deletes the entry at `path`: its whole line(s) where it stands alone on them, else the entry and one comma.
 * Uncertain where the deletion would take a comment with it, empty a block mapping (leaving null behind), or
 * change what an alias reuses. Undefined where the entry is not written in this mapping (it comes through a merge key).
 */
export function removeEntry(text: string, format: SourceFormat, root: Node, path: Path): Removal | undefined {
  if (!path.length) return undefined;
  const parent = locate(root, path.slice(0, -1));
  const map = parent.found ? resolve(parent.node) : undefined;
  if (map?.type !== "map") return undefined;
  const index = lastIndexOf(map, String(path.at(-1)));
  if (index < 0) return undefined;
  const shared = parent.shared || isShared(map.entries[index]!.value);
  const flow = format === "json" || text[map.range.start] === "{";
  const removal = flow ? fromFlow(text, map, index) : fromBlock(text, map, index);
  return removal && { fix: removal.fix, certain: removal.certain && !shared };
}

function lastIndexOf(map: MapNode, key: string): number {
  for (let i = map.entries.length - 1; i >= 0; i--) if (!map.entries[i]!.merge && map.entries[i]!.key === key) return i;
  return -1;
}

/** `key: value` on its own line(s) of a block mapping: the lines go, with a comment at their end. */
function fromBlock(text: string, map: MapNode, index: number): Removal | undefined {
  const entry = map.entries[index]!;
  const lineStart = startOfLine(text, entry.keyRange.start);
  if (text.slice(lineStart, entry.keyRange.start).trim()) return undefined;
  const valueEnd = entry.value.range.end;
  const end = text[valueEnd - 1] === "\n" ? valueEnd : endOfLine(text, valueEnd);
  // A key with no value (`privacy_zone_enabled:`) has an empty value at the key's end, before its colon.
  const rest = text.slice(valueEnd, end).replace(entry.value.range.start === valueEnd ? /^[ \t]*:/ : /^/, "");
  if (!/^[ \t]*(#.*)?\r?\n?$/.test(rest)) return undefined;
  const between = text.slice(entry.keyRange.end, entry.value.range.start);
  return { fix: { range: [lineStart, end], text: "" }, certain: map.entries.length > 1 && !between.includes("#") };
}

/** An entry of `{ … }` (JSON or YAML flow style): its own line(s) where it has them, else the entry and the comma that joins it. */
function fromFlow(text: string, map: MapNode, index: number): Removal {
  const entry = map.entries[index]!;
  const previous = map.entries[index - 1];
  const next = map.entries[index + 1];
  const start = entry.keyRange.start;
  const end = entry.value.range.end;
  const ownLines = !text.slice(startOfLine(text, start), start).trim();
  let range: [number, number];
  if (next) {
    range = ownLines && startOfLine(text, next.keyRange.start) > end ? [startOfLine(text, start), startOfLine(text, next.keyRange.start)] : [start, next.keyRange.start];
  } else if (previous) {
    range = [previous.value.range.end, end];
  } else {
    const after = /^\s*,?/.exec(text.slice(end))![0].length;
    range = ownLines && /^[ \t]*,?[ \t]*\r?\n/.test(text.slice(end)) ? [startOfLine(text, start), endOfLine(text, end)] : [start, end + after];
  }
  const separators = text.slice(range[0], start) + text.slice(entry.keyRange.end, entry.value.range.start) + text.slice(end, range[1]);
  return { fix: { range, text: "" }, certain: !separators.includes("#") };
}

function startOfLine(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

/** The offset after the line's end (its newline included), or the end of the text. */
function endOfLine(text: string, offset: number): number {
  const newline = text.indexOf("\n", offset);
  return newline < 0 ? text.length : newline + 1;
}

/** Whether the text of a value holds an anchor that aliases reuse (deleting an alias itself takes nothing from others). */
function isShared(node: Node): boolean {
  if (node.type === "alias") return false;
  if (node.shared) return true;
  if (node.type === "map") return node.entries.some((entry) => isShared(entry.value));
  if (node.type === "seq") return node.items.some(isShared);
  return false;
}
