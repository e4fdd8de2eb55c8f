// File bytes → text: BOMs, UTF-16, and the files that are not text at all.

export type Encoding = "utf8" | "utf8-bom" | "utf16le" | "utf16be";

export type Decoded = { ok: true; text: string; encoding: Encoding } | { ok: false; reason: string };

export function decode(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeWith("utf-16le", bytes.subarray(2), "utf16le");
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeWith("utf-16be", bytes.subarray(2), "utf16be");
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (bytes.includes(0)) return { ok: false, reason: "the file holds NUL bytes: it is binary, not YAML or JSON text" };
  return decodeWith("utf-8", hasBom ? bytes.subarray(3) : bytes, hasBom ? "utf8-bom" : "utf8");
}

function decodeWith(label: string, bytes: Uint8Array, encoding: Encoding): Decoded {
  try {
    return { ok: true, text: decoderFor(label).decode(bytes), encoding };
  } catch {
    return { ok: false, reason: `the file is not valid ${label === "utf-8" ? "UTF-8" : label.toUpperCase()} text` };
  }
}

const DECODERS = new Map<string, InstanceType<typeof TextDecoder>>();

/** One decoder per encoding, made on first use: a run decodes thousands of files, and each new decoder costs more than a small file's decoding. */
function decoderFor(label: string): InstanceType<typeof TextDecoder> {
  let decoder = DECODERS.get(label);
  if (!decoder) DECODERS.set(label, (decoder = new TextDecoder(label, { fatal: true, ignoreBOM: true })));
  return decoder;
}

/** Text handed in directly (stdin, an editor buffer) may still start with a BOM; it is not a column. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
