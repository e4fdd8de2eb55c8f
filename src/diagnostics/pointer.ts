// JSON Pointers (RFC 6901), by which a diagnostic names the value it is about (`/inbound/codecs/0`), and ajv its errors.
import type { Path } from "./types.js";

export function toPointer(path: Path): string {
  let pointer = "";
  for (const segment of path) pointer += `/${escapeSegment(String(segment))}`;
  return pointer;
}

function escapeSegment(segment: string): string {
  return segment.includes("~") || segment.includes("/") ? segment.replace(/~/g, "~0").replace(/\//g, "~1") : segment;
}

/** A pointer's keys and indexes, unescaped and all as strings: `/a~1b/0` → ["a/b", "0"]. */
export function pointerSegments(pointer: string): string[] {
  const segments = pointer.split("/").slice(1);
  return pointer.includes("~") ? segments.map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~")) : segments;
}
