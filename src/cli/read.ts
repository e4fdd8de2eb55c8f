// Reading a file to lint: its text, or the read-error diagnostic that says why it can't be read.
import { readFileSync } from "node:fs";
import type { Diagnostic } from "../diagnostics/types.js";
import { decode, type Encoding } from "../load/decode.js";

export type Source = { ok: true; text: string; encoding: Encoding } | { ok: false; diagnostic: Diagnostic };

export function readSource(path: string): Source {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return { ok: false, diagnostic: readError(readFailure(error as NodeJS.ErrnoException)) };
  }
  const decoded = decode(bytes);
  return decoded.ok ? { ok: true, text: decoded.text, encoding: decoded.encoding } : { ok: false, diagnostic: readError(decoded.reason) };
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

function readError(reason: string): Diagnostic {
  return { ruleId: "read-error", severity: "error", message: reason, pointer: "", document: 0, range: { start: 0, end: 0 }, line: 1, column: 1, endLine: 1, endColumn: 1 };
}
