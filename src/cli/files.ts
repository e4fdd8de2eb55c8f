// Command-line arguments → the files to lint (named files, directories expanded, globs matched), and reading them.
import { closeSync, fstatSync, lstatSync, openSync, readSync, statSync } from "node:fs";
import { resolve } from "node:path";
import fastGlob from "fast-glob";

export const DEFAULT_PATTERNS = ["**/*.{yaml,yml,json}"];
const ALWAYS_IGNORED = ["**/node_modules/**", "**/.git/**"];
const CONNECTION_FILE_NAME = /\.(ya?ml|json)$/i;

export interface Target {
  /** Absolute path. */
  path: string;
  /** Named on the command line: always checked (unless --skip-non-connections). */
  named: boolean;
}

export interface Expansion {
  targets: Target[];
  /** Arguments that matched no file. */
  unmatched: string[];
}

export interface ExpandOptions {
  cwd: string;
  /** What a directory expands to. */
  patterns: string[];
  ignores: string[];
}

export async function expandTargets(args: string[], { cwd, patterns, ignores }: ExpandOptions): Promise<Expansion> {
  const found = new Map<string, Target>();
  const unmatched: string[] = [];
  const ignore = [...ALWAYS_IGNORED, ...ignores];
  for (const arg of args) {
    const absolute = resolve(cwd, arg);
    const kind = statKind(absolute);
    let matches: Target[];
    // A directory named like a connection file is a file the user meant, that can't be read.
    if (kind === "file" || (kind === "directory" && CONNECTION_FILE_NAME.test(absolute))) matches = [{ path: absolute, named: true }];
    else if (kind === "directory") matches = await glob(patterns, absolute, ignore);
    else matches = fastGlob.isDynamicPattern(arg) ? await glob([arg], cwd, ignore) : [];
    if (!matches.length) unmatched.push(arg);
    for (const match of matches) {
      const known = found.get(match.path);
      if (!known || (match.named && !known.named)) found.set(match.path, match);
    }
  }
  const targets = [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { targets, unmatched };
}

/** Anything that exists counts as a file unless it is a directory: reading it reports what is wrong (a broken link, say). */
function statKind(path: string): "file" | "directory" | "missing" {
  try {
    return statSync(path).isDirectory() ? "directory" : "file";
  } catch {
    return lstatSync(path, { throwIfNoEntry: false }) ? "file" : "missing";
  }
}

/**
 * Symbolic links to files are followed; links to directories are not, since a link to a parent folder would
 * make the walk endless. A link that leads nowhere is kept, so reading it reports it.
 */
async function glob(patterns: string[], cwd: string, ignore: string[]): Promise<Target[]> {
  const entries = await fastGlob(patterns, { cwd, absolute: true, dot: true, onlyFiles: false, objectMode: true, ignore, followSymbolicLinks: false, suppressErrors: true, unique: true });
  return entries
    .filter((entry) => entry.dirent.isFile() || (entry.dirent.isSymbolicLink() && statKind(entry.path) === "file"))
    .map((entry) => ({ path: resolve(entry.path), named: false }));
}

/** What reading a file gave: its bytes, or why connlint could not (or would not) read it. */
export type ReadResult = { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

const CHUNK_BYTES = 1 << 20;

/**
 * Reads a file, never more than `maxBytes` of it: a larger file is refused from its size before any read,
 * and a pipe or device that has no size is read only until it passes the limit.
 */
export function readTarget(path: string, maxBytes: number): ReadResult {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    return { ok: false, reason: readFailure(error as NodeJS.ErrnoException) };
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) return { ok: false, reason: readFailure({ code: "EISDIR" } as NodeJS.ErrnoException) };
    if (stats.isFile() && stats.size > maxBytes) return { ok: false, reason: tooLarge(stats.size, maxBytes) };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > maxBytes) return { ok: false, reason: tooLarge(undefined, maxBytes) };
    }
    return { ok: true, bytes: Buffer.concat(chunks, total) };
  } catch (error) {
    return { ok: false, reason: readFailure(error as NodeJS.ErrnoException) };
  } finally {
    closeSync(fd);
  }
}

/** Why text that was read is too large to lint, or undefined when it is within the limit. */
export function tooLargeText(bytes: number, maxBytes: number): string | undefined {
  return bytes > maxBytes ? tooLarge(bytes, maxBytes) : undefined;
}

function tooLarge(size: number | undefined, maxBytes: number): string {
  const what = size === undefined ? "the input is" : `the file is ${formatSize(size)},`;
  return `${what} larger than the ${formatSize(maxBytes)} that --max-file-size allows; connlint did not read it (raise --max-file-size to lint it)`;
}

function readFailure(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case "EISDIR":
      return "this is a directory, not a file";
    case "EACCES":
    case "EPERM":
      return "permission denied: connlint can't read this file";
    case "ENOENT":
      return "the file does not exist (a broken symbolic link, or deleted while connlint ran)";
    case "ELOOP":
      return "a loop of symbolic links";
    default:
      return `the file can't be read (${error.code ?? "unknown error"})`;
  }
}

const SIZE_UNITS = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 } as const;

/** `32MB`, `512KB`, `1GB` or a number of bytes → bytes; undefined when the text is none of these. */
export function parseSize(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*(B|KB?|MB?|GB?)?$/i.exec(text.trim());
  if (!match) return undefined;
  const unit = (match[2] ?? "B").toUpperCase();
  const factor = SIZE_UNITS[(unit.length === 1 && unit !== "B" ? `${unit}B` : unit) as keyof typeof SIZE_UNITS];
  return Math.floor(Number(match[1]) * factor);
}

export function formatSize(bytes: number): string {
  for (const unit of ["GB", "MB", "KB"] as const) {
    const value = bytes / SIZE_UNITS[unit];
    if (value >= 1) return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
  }
  return `${bytes} bytes`;
}
