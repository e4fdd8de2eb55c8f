// Writing the files connlint keeps (the cache, the baseline) and the report: folders made with their parents, as
// ESLint makes them, and a kept file replaced whole or not at all.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

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

/**
 * Writes a file through a temporary one beside it and a rename, so that a reader never sees half of it; a temporary
 * file left by a failed write is removed. Throws what the file system said.
 */
export function replaceFile(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    makeDirectory(dirname(path));
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
