// JSON Pointers (RFC 6901), by which a diagnostic names the value it is about (`/inbound/codecs/0`), and ajv its errors.
import type { Path } from "./types.js";

export function toPointer(path: Path): string {
  return path.map((segment) => `/${String(segment).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

/** A pointer's keys and indexes, unescaped and all as strings: `/a~1b/0` → ["a/b", "0"]. */
export function pointerSegments(pointer: string): string[] {
  return pointer.split("/").slice(1).map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"));
}
