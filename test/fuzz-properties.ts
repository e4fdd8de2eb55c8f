// What fuzzing checks and what it feeds: shared by test/fuzz.test.ts (fixed seed, bounded) and scripts/fuzz.ts (as long as asked).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import fc from "fast-check";
import { type Node as JsonNode, parseTree } from "jsonc-parser";
import { isMap, isScalar, isSeq, type Node as YamlNode, type Pair, parseAllDocuments, stringify } from "yaml";
import type { Diagnostic } from "../src/diagnostics/types.js";
import { FORMATTERS } from "../src/format/index.js";
import { lintText } from "../src/lint.js";
import { decode } from "../src/load/decode.js";
import { runCli } from "./support/cli.js";
import { listFixtures } from "./support/fixtures.js";

/** One input: a file name (its extension picks YAML or JSON) and its bytes. */
export interface FuzzCase {
  name: string;
  bytes: Uint8Array;
}

const fileName = fc.constantFrom("case.yaml", "case.yml", "case.json");

/** Pieces of YAML and JSON, with the characters and keys that have broken parsers and linters before. */
const TOKENS = [
  "\n", "\r\n", "\r", "  ", "    ", "\t", "- ", ": ", ":", ", ", "[", "]", "{", "}", "? ", "#", "# c\n", "'", '"', "|\n", ">-\n",
  "---\n", "...\n", "%YAML 1.2\n", "&a ", "*a", "&b ", "*b", "<<: ", "<<: *a\n", "!!js/function ", "!Ref ", "!!str ", "!!binary ",
  "record_type", "ip_connection", "credential_connection", "connection_name", "transport_protocol", "udp", "TLS", "inbound",
  "outbound", "codecs", "G722", "password", "user_name", "ip_authentication_token", "tech_prefix", "timeout_1xx_secs",
  "outbound_voice_profile_id", "1293384261075731499", "data", "$schema", "__proto__", "constructor", "prototype", "toString",
  "0", "-1", "121", "1e999", "0x1F", "0o17", ".inf", "null", "~", "true", "yes", "", "${SIP_PASSWORD}", "https://u:p@h/x?token=t",
  "\uFEFF", "é", "\u{1F600}", "\uD800", "\u0000", "\u0085", "\u2028", "\\", "\\u00e9", "\"k\"", "1,", "\"v\"",
];

const token = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...TOKENS) }, { weight: 1, arbitrary: fc.string({ maxLength: 8, unit: "binary" }) });

/** (a) Arbitrary bytes, and arbitrary text made of YAML- and JSON-like pieces, in any of the encodings connlint decodes. */
export const arbitraryBytes: fc.Arbitrary<FuzzCase> = fc.record({ name: fileName, bytes: fc.uint8Array({ maxLength: 400 }) });

export const yamlishText: fc.Arbitrary<FuzzCase> = fc
  .record({ name: fileName, pieces: fc.array(token, { maxLength: 60 }), encoding: fc.constantFrom("utf8", "utf8", "utf8", "utf8-bom", "utf16le", "utf16be") })
  .map(({ name, pieces, encoding }) => ({ name, bytes: encode(pieces.join(""), encoding) }));

function encode(text: string, encoding: string): Uint8Array {
  if (encoding === "utf8") return Buffer.from(text, "utf8");
  if (encoding === "utf8-bom") return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
  const le = Buffer.from(text, "utf16le");
  if (encoding === "utf16le") return Buffer.concat([Buffer.from([0xff, 0xfe]), le]);
  return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le.swap16())]);
}

/** The valid fixtures as data: what the mutations start from. */
const VALID = listFixtures()
  .filter((path) => path.includes(`${join("fixtures", "valid")}`))
  .flatMap((path) => {
    const text = readFileSync(path, "utf8");
    const documents = path.endsWith(".json") ? [JSON.parse(text.replace(/^\uFEFF/, ""))] : parseAllDocuments(text).map((doc) => doc.toJS());
    return documents.map((data) => ({ name: basename(path), data: data as unknown }));
  });

const OTHER_VALUES: unknown[] = [null, true, false, 0, -1, 121, 3.5, 2 ** 60, "", "udp", "yes", "${SIP_PASSWORD}", [], ["G722"], {}, { a: 1 }, "x".repeat(300)];

type Mutation = { op: "swap" | "rename" | "drop" | "wrap" | "unwrap" | "proto" | "text"; at: number; value: number; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom("swap", "rename", "drop", "wrap", "unwrap", "proto", "text"),
  at: fc.nat(),
  value: fc.nat(),
  text: token,
});

/** (b) Valid connections mutated: values swapped for other types, keys renamed, fields dropped, nesting changed, text edited. */
export const mutatedConnection: fc.Arbitrary<FuzzCase> = fc
  .record({ source: fc.nat(VALID.length - 1), mutations: fc.array(mutation, { minLength: 1, maxLength: 6 }), asJson: fc.boolean(), indent: fc.constantFrom(0, 2, 4) })
  .map(({ source, mutations, asJson, indent }) => {
    const data = structuredClone(VALID[source]!.data);
    const edits = mutations.filter((m) => m.op === "text");
    let root = data;
    for (const m of mutations.filter((m) => m.op !== "text")) root = mutate(root, m);
    let text = asJson ? JSON.stringify(root, null, indent) : stringify(root, { indent: indent || 2 });
    for (const edit of edits) {
      const at = edit.at % (text.length + 1);
      text = edit.value % 2 ? text.slice(0, at) + edit.text + text.slice(at) : text.slice(0, at) + text.slice(at + (edit.value % 7));
    }
    return { name: asJson ? "case.json" : "case.yaml", bytes: Buffer.from(text, "utf8") };
  });

/** Every place in the data, parents before children. */
function places(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  const found = [path];
  if (Array.isArray(value)) value.forEach((item, i) => found.push(...places(item, [...path, i])));
  else if (value !== null && typeof value === "object") for (const [key, item] of Object.entries(value)) found.push(...places(item, [...path, key]));
  return found;
}

function mutate(root: unknown, m: Mutation): unknown {
  const all = places(root);
  const path = all[m.at % all.length]!;
  if (!path.length) return m.op === "wrap" ? [root] : root;
  const parent = path.slice(0, -1).reduce<any>((node, key) => node[key], root);
  const key = path.at(-1)!;
  const value = parent[key];
  switch (m.op) {
    case "swap":
      parent[key] = structuredClone(OTHER_VALUES[m.value % OTHER_VALUES.length]);
      break;
    case "rename":
    case "proto":
      if (Array.isArray(parent)) break;
      delete parent[key];
      Object.defineProperty(parent, m.op === "proto" ? ["__proto__", "constructor", "prototype"][m.value % 3]! : renamed(String(key), m.value), { value, enumerable: true, writable: true, configurable: true });
      break;
    case "drop":
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      break;
    case "wrap":
      parent[key] = m.value % 2 ? [value] : { [String(key)]: value };
      break;
    case "unwrap":
      if (Array.isArray(value) && value.length) parent[key] = value[0];
      else if (value && typeof value === "object" && Object.keys(value).length) parent[key] = Object.values(value)[0];
      break;
  }
  return root;
}

/** A typo: a letter dropped, doubled or swapped, or the case changed. */
function renamed(key: string, seed: number): string {
  if (!key) return "x";
  const at = seed % key.length;
  switch (seed % 4) {
    case 0:
      return key.slice(0, at) + key.slice(at + 1) || "x";
    case 1:
      return key.slice(0, at) + key[at] + key.slice(at);
    case 2:
      return key.slice(0, at) + (key[at + 1] ?? "") + key[at] + key.slice(at + 2);
    default:
      return key.toUpperCase();
  }
}

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort().join(",");

let workDir: string | undefined;

/**
 * Checks every property on one input; throws, saying which, when one fails:
 * connlint returns normally (no exit 2, nothing on stderr); every range lies inside the text with its line and column
 * agreeing; a range lies on the value or key its pointer names; two runs give the same output; every format reports
 * every problem; no key reaches Object.prototype.
 */
export async function checkCase({ name, bytes }: FuzzCase): Promise<void> {
  workDir ??= mkdtempSync(join(tmpdir(), "connlint-fuzz-"));
  const path = join(workDir, name);
  writeFileSync(path, bytes);
  const decoded = decode(bytes);
  let diagnostics: Diagnostic[] = [];
  if (decoded.ok) {
    const first = lintText(decoded.text, { filePath: path });
    const second = lintText(decoded.text, { filePath: path });
    if (JSON.stringify(first) !== JSON.stringify(second)) throw new Error("lintText gave different results on two runs");
    diagnostics = first.diagnostics;
    checkPositions(first.text, diagnostics);
    checkPointers(first.text, name, diagnostics);
  }
  for (const format of Object.keys(FORMATTERS)) {
    const runs = [await runCli([name, "-f", format], { cwd: workDir }), await runCli([name, "-f", format], { cwd: workDir })];
    for (const run of runs) {
      if (run.stderr || (run.code !== 0 && run.code !== 1)) throw new Error(`--format ${format} exited ${run.code}: ${run.stderr}`);
    }
    if (withoutTimes(runs[0]!.stdout) !== withoutTimes(runs[1]!.stdout)) throw new Error(`--format ${format} gave different output on two runs`);
    if (decoded.ok) checkFormat(format, runs[0]!.stdout, diagnostics);
  }
  if (Object.getOwnPropertyNames(Object.prototype).sort().join(",") !== PROTOTYPE_KEYS || "polluted" in {}) throw new Error("Object.prototype was changed");
}

/** A JUnit report must carry the time and the host: those may differ between runs. */
function withoutTimes(output: string): string {
  return output.replace(/\b(time|timestamp|hostname)="[^"]*"/g, '$1=""');
}

/** Line and column of an offset, computed here independently of src/load/lines.ts: CRLF, LF and a lone CR end a line. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (const match of text.matchAll(/\r\n|\r|\n/g)) starts.push(match.index + match[0].length);
  return starts;
}

function positionOf(starts: number[], offset: number): { line: number; column: number } {
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1]! <= offset) line++;
  return { line: line + 1, column: offset - starts[line]! + 1 };
}

export function checkPositions(text: string, diagnostics: Diagnostic[]): void {
  const starts = lineStarts(text);
  for (const d of diagnostics) {
    const { start, end } = d.range;
    if (!(0 <= start && start <= end && end <= text.length)) throw new Error(`range ${start}-${end} of ${d.ruleId} ${d.pointer} lies outside the text (${text.length})`);
    const from = positionOf(starts, start);
    const to = positionOf(starts, end);
    if (from.line !== d.line || from.column !== d.column || to.line !== d.endLine || to.column !== d.endColumn) {
      throw new Error(`${d.ruleId} ${d.pointer}: ${d.line}:${d.column}-${d.endLine}:${d.endColumn} does not match its range (${from.line}:${from.column}-${to.line}:${to.column})`);
    }
    for (const related of d.related ?? []) {
      if (related.line < 1 || related.line > starts.length || related.endLine < related.line) throw new Error(`a related place of ${d.ruleId} lies outside the text`);
    }
  }
}

/** Problems that point at the text itself rather than at a value. */
const UNPLACED = new Set(["syntax", "read-error", "empty-file", "nesting-limit"]);

export function checkPointers(text: string, name: string, diagnostics: Diagnostic[]): void {
  const json = name.endsWith(".json");
  const spans = json ? jsonSpans(text) : yamlSpans(text);
  for (const d of diagnostics) {
    if (UNPLACED.has(d.ruleId)) continue;
    const segments = d.pointer ? d.pointer.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~")) : [];
    // Inside a `{data: …}` envelope, pointers start at the connection: take the reading that reaches further.
    const direct = spans(d.document, segments);
    const enveloped = spans(d.document, ["data", ...segments]);
    const candidates = enveloped.reached - 1 > direct.reached ? enveloped.spans : direct.spans;
    if (!candidates.length) continue;
    if (!candidates.some(([start, end]) => start <= d.range.start && d.range.end <= end)) {
      throw new Error(`${d.ruleId} ${JSON.stringify(d.pointer)} is ranged at ${d.range.start}-${d.range.end}, outside what the pointer names (${candidates.map((c) => c.join("-")).join(", ")})`);
    }
  }
}

/** The spans a pointer may be ranged in, and how many of its segments were found in the text. */
type Spans = (document: number, segments: string[]) => { spans: [number, number][]; reached: number };

/**
 * Where a pointer's value is written, read with the `yaml` library directly: the span of the deepest node the
 * pointer reaches without going through an alias or merge key (where connlint reports what comes from an anchor),
 * and for the last step every key of that name (a duplicate key is reported at the second).
 */
function yamlSpans(text: string): Spans {
  const source = text.replace(/\r(?!\n)/g, "\n");
  const docs = parseAllDocuments(source, { merge: true, uniqueKeys: false });
  return (index, segments) => {
    const doc = Array.isArray(docs) ? docs[index] : undefined;
    if (!doc || doc.errors.length) return { spans: [], reached: 0 };
    let node: YamlNode | null | undefined = doc.contents;
    let spans: [number, number][] = [[doc.range[0], doc.range[2]]];
    let reached = 0;
    for (const segment of segments) {
      if (isMap(node)) {
        const pairs: Pair<YamlNode, YamlNode>[] = (node.items as Pair<YamlNode, YamlNode>[]).filter((pair) => isScalar(pair.key) && typeof pair.key.value !== "symbol" && String(pair.key.value) === segment);
        const last: Pair<YamlNode, YamlNode> | undefined = pairs.at(-1);
        if (!last?.key?.range) break;
        spans = pairs.map((pair): [number, number] => [pair.key!.range![0], (pair.value ?? pair.key)!.range![1]]);
        node = last.value;
      } else if (isSeq(node) && /^\d+$/.test(segment) && node.items[Number(segment)]) {
        node = node.items[Number(segment)] as YamlNode;
        spans = [[withProperties(source, node.range![0]), node.range![1]]];
      } else break;
      reached++;
    }
    return { spans, reached };
  };
}

/** A node's tag and anchor are written before it, and `yaml` leaves them out of its range: where it starts with them. */
function withProperties(text: string, start: number): number {
  const before = text.slice(Math.max(0, start - 256), start);
  const properties = /(?:[!&][^\s,[\]{}]*\s+)+$/.exec(before);
  return properties ? start - properties[0].length : start;
}

function jsonSpans(text: string): Spans {
  const tree = parseTree(text, [], { disallowComments: true });
  return (index, segments) => {
    let node: JsonNode | undefined = tree?.type === "array" ? tree.children?.[index] : tree;
    if (!node) return { spans: [], reached: 0 };
    let spans: [number, number][] = [[node.offset, node.offset + node.length]];
    let reached = 0;
    for (const segment of segments) {
      if (node.type === "object") {
        const properties: JsonNode[] = (node.children ?? []).filter((p) => p.children?.[0]?.value === segment && p.children[1]);
        if (!properties.length) break;
        spans = properties.map((p) => [p.offset, p.offset + p.length]);
        node = properties.at(-1)!.children![1]!;
      } else if (node.type === "array" && /^\d+$/.test(segment) && node.children?.[Number(segment)]) {
        node = node.children[Number(segment)]!;
        spans = [[node.offset, node.offset + node.length]];
      } else break;
      reached++;
    }
    return { spans, reached };
  };
}

/** Every format must carry every problem: its rule id, its line, and its message in the format's own escaping. */
export function checkFormat(format: string, output: string, diagnostics: Diagnostic[]): void {
  for (const d of diagnostics) {
    const shown = [d.message, JSON.stringify(d.message).slice(1, -1), escapeXml(d.message), escapeXmlText(d.message), escapeWorkflowCommand(d.message)];
    if (!output.includes(d.ruleId) || !output.includes(String(d.line)) || !shown.some((text) => output.includes(text))) {
      throw new Error(`--format ${format} does not report ${d.ruleId} at line ${d.line}: ${d.message}`);
    }
  }
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/** XML text and attributes in double quotes need only &, < and > (and ") escaped; apostrophes may stay. */
function escapeXmlText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escapeWorkflowCommand(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
