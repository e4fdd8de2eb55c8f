// Writing a file whole or not at all (a temporary file in the same folder, then a rename), keeping its mode; a fixed
// file in its own encoding.
import { chmodSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Encoding } from "../load/decode.js";

/** The file-system calls a write needs; tests pass failing ones to prove the original survives. */
export interface WriteOps {
  writeFileSync(path: string, data: Uint8Array, options: { mode: number; flag: string }): void;
  chmodSync(path: string, mode: number): void;
  renameSync(from: string, to: string): void;
  rmSync(path: string, options: { force: boolean }): void;
  statSync(path: string): { mode: number };
}

const FILE_SYSTEM: WriteOps = { writeFileSync, chmodSync, renameSync, rmSync, statSync };

export function encode(text: string, encoding: Encoding): Uint8Array {
  switch (encoding) {
    case "utf8":
      return Buffer.from(text, "utf8");
    case "utf8-bom":
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
    case "utf16le":
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    case "utf16be":
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()]);
  }
}

/**
 * Replaces a file whole or not at all, keeping its mode; a file that does not exist yet is created with the usual one.
 * A temporary file left by a failed write is removed. Throws what the file system said.
 */
export function writeAtomically(path: string, data: Uint8Array, ops: WriteOps = FILE_SYSTEM): void {
  const mode = modeOf(path, ops);
  const temporary = join(dirname(path), `.${basename(path)}.connlint-${process.pid}.tmp`);
  try {
    ops.writeFileSync(temporary, data, { mode: mode ?? 0o666, flag: "wx" });
    if (mode !== undefined) ops.chmodSync(temporary, mode); // the umask narrowed the mode given at creation
    ops.renameSync(temporary, path);
  } catch (error) {
    ops.rmSync(temporary, { force: true });
    throw error;
  }
}

/** The file's permissions, or undefined when there is no file yet. */
function modeOf(path: string, ops: WriteOps): number | undefined {
  try {
    return ops.statSync(path).mode & 0o7777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
