// Folders for what connlint writes (the cache, --output-file, the baseline), made as ESLint makes them: with their parents.
import { existsSync, mkdirSync } from "node:fs";
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
