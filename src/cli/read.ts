// Reading a file to lint: its text, or the read-error diagnostic that says why it can't (or won't) be read.
import { closeSync, fstatSync, openSync, readSync, type Stats } from "node:fs";
import { sep } from "node:path";
import type { Diagnostic } from "../diagnostics/types.js";
import { decode, type Encoding } from "../load/decode.js";

export type Source = { ok: true; text: string; encoding: Encoding } | { ok: false; diagnostic: Diagnostic };

/** Large enough for 10,000 connections in one file; `yaml` needs about 20 times a file's size in memory. */
export const DEFAULT_MAX_FILE_SIZE = "32MB";

export function readSource(path: string, maxBytes = parseSize(DEFAULT_MAX_FILE_SIZE)!): Source {
  const read = readTarget(path, maxBytes);
  return read.ok ? decodeSource(read.bytes) : { ok: false, diagnostic: readError(read.reason) };
}

/** Bytes read from a file as text, or the read-error that says why they are not text. */
export function decodeSource(bytes: Uint8Array): Source {
  const decoded = decode(bytes);
  return decoded.ok ? { ok: true, text: decoded.text, encoding: decoded.encoding } : { ok: false, diagnostic: readError(decoded.reason) };
}

export function readError(reason: string): Diagnostic {
  return { ruleId: "read-error", severity: "error", message: reason, pointer: "", document: 0, range: { start: 0, end: 0 }, line: 1, column: 1, endLine: 1, endColumn: 1 };
}

/**
 * What reading a file gave: its bytes and what the file system said of it (unless a file known to be regular was read
 * without asking), or why connlint could not (or would not) read it.
 */
export type ReadResult = { ok: true; bytes: Uint8Array; stats: Stats | undefined } | { ok: false; reason: string };

const CHUNK_BYTES = 1 << 20;
/** One read of this many bytes takes nearly any connection file whole. */
const FIRST_READ_BYTES = 1 << 16;
let firstRead: Buffer | undefined;

export interface ReadOptions {
  /** The walk found a regular file: a read shorter than asked for is its end, so its size need not be asked first. */
  regular?: boolean;
  /** The file's stats are wanted (--cache keeps them): asked for even when the file is known to be regular. */
  stats?: boolean;
}

/**
 * Reads a file, never more than `maxBytes` of it: a larger file is refused from its size, before reading more than
 * the first 64 KB of it, and a pipe or device that has no size is read only until it passes the limit.
 */
export function readTarget(path: string, maxBytes: number, { regular = false, stats: withStats = true }: ReadOptions = {}): ReadResult {
  let fd: number;
  try {
    fd = openSync(systemPath(path), "r");
  } catch (error) {
    return { ok: false, reason: readFailure(error as NodeJS.ErrnoException) };
  }
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    // Asking a file's size is a system call that most files can do without (3 to 4 µs a file, in a large run).
    if (regular && !withStats) {
      const head = readHead(fd, Math.min(FIRST_READ_BYTES, maxBytes + 1));
      if (!head.more) return { ok: true, bytes: head.bytes, stats: undefined };
      chunks.push(head.bytes);
      total = head.bytes.length;
    }
    const stats = fstatSync(fd);
    if (stats.isDirectory()) return { ok: false, reason: readFailure({ code: "EISDIR" } as NodeJS.ErrnoException) };
    if (stats.isFile() && stats.size > maxBytes) return { ok: false, reason: tooLarge(stats.size, maxBytes) };
    if (total > maxBytes) return { ok: false, reason: tooLarge(undefined, maxBytes) };
    // A file's size is known: one read of one byte more than that size, so that a short read means the end (a file
    // that grew meanwhile is read on in chunks). Pipes and devices are read in chunks. Never more than the limit allows.
    let next = stats.isFile() ? Math.max(stats.size + 1 - total, 1) : CHUNK_BYTES;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(next, maxBytes + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > maxBytes) return { ok: false, reason: tooLarge(undefined, maxBytes) };
      if (stats.isFile() && read < chunk.length) break;
      next = CHUNK_BYTES;
    }
    return { ok: true, bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total), stats };
  } catch (error) {
    return { ok: false, reason: readFailure(error as NodeJS.ErrnoException) };
  } finally {
    closeSync(fd);
  }
}

/**
 * Standard input read as a file is: never more than `maxBytes` of it (`connlint --stdin < /dev/zero` ends), then
 * decoded as a file's bytes are (BOMs, UTF-16, what is not text at all).
 */
export async function readInput(chunks: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Source> {
  const read: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    read.push(chunk);
    total += chunk.length;
    if (total > maxBytes) return { ok: false, diagnostic: readError(tooLarge(undefined, maxBytes)) };
  }
  return decodeSource(Buffer.concat(read, total));
}

/** The first bytes of a regular file, copied out of one buffer kept for the purpose; `more` when they filled it. */
function readHead(fd: number, length: number): { bytes: Buffer; more: boolean } {
  firstRead ??= Buffer.allocUnsafe(FIRST_READ_BYTES);
  const read = readSync(fd, firstRead, 0, length, null);
  return { bytes: Buffer.from(firstRead.subarray(0, read)), more: read === length };
}

function tooLarge(size: number | undefined, maxBytes: number): string {
  const what = size === undefined ? "the input is" : `the file is ${formatSize(size)},`;
  return `${what} larger than the ${formatSize(maxBytes)} that --max-file-size allows; connlint skipped it (raise --max-file-size to lint it)`;
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

/**
 * A file's path as the system is given it: relative to the working folder when the file lies below it, so that the
 * kernel looks up fewer folders. Opening, reading and closing 10,000 files two folders down took 57 ms instead of 64.
 */
export function systemPath(path: string): string {
  const prefix = folderBelow(process.cwd());
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

/** The working folder and a separator, made once per folder: a second --cache run asks for it 10,000 times. */
let below: { cwd: string; prefix: string } = { cwd: "", prefix: sep };

function folderBelow(cwd: string): string {
  if (below.cwd !== cwd) below = { cwd, prefix: `${cwd}${sep}` };
  return below.prefix;
}

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
