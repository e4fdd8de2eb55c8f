// Writing the files connlint keeps (the cache, the baseline) and the report: folders made with their parents, as
// ESLint makes them, and a kept file replaced whole or not at all, through the writer --fix uses.
import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { writeAtomically } from "../fix/write.js";

/**
 * A folder and any missing parents. Not Node's recursive mkdir: it loops forever where mkdir says ENOENT under a
 * folder that exists, as in /proc.
 */
export function makeDirectory(directory: string): void {
  if (existsSync(directory)) return;
  const parent = dirname(directory);
  if (parent !== directory) makeDirectory(parent);
  try {
    mkdirSync(directory);
  } catch (error) {
    // Made meanwhile by another run: as good.
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
}

/** Writes a file connlint keeps (the cache, the baseline), making its folder first. Throws what the file system said. */
export function replaceFile(path: string, content: string | Uint8Array): void {
  makeDirectory(dirname(path));
  writeAtomically(path, typeof content === "string" ? Buffer.from(content) : content);
}
