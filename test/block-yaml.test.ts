// The block YAML reader must give exactly the tree `yaml` gives, ranges included, for every document it takes.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readBlockData, readBlockYaml } from "../src/load/block-yaml.js";
import { toData } from "../src/load/data.js";
import { quickYamlDocuments } from "../src/load/quick.js";
import type { Node } from "../src/load/tree.js";
import { yaml11Reading } from "../src/load/yaml-1-1.js";
import { loadYaml } from "../src/load/yaml.js";
import { listFixtures } from "./support/fixtures.js";

/** What `yaml` reads from a text that holds one document; undefined when it holds another number of them. */
function readByYaml(text: string) {
  const { documents } = loadYaml(text);
  return documents.length === 1 ? documents[0] : undefined;
}

/**
 * True when the reader took the text; when it did, its tree must be `yaml`'s, and the plain data it reads without the
 * tree (what the quick path checks) the data the full path builds from that tree, keys in the same order, with nothing
 * to report. Both reads take the same texts, and say alike whether a plain value reads otherwise in YAML 1.1.
 */
function agrees(text: string): boolean {
  const read = readBlockYaml(text);
  const data = readBlockData(text);
  expect(data === undefined, JSON.stringify(text)).toBe(read === undefined);
  if (!read || !data) return false;
  expect(read, JSON.stringify(text)).toEqual(readByYaml(text));
  const full = toData(read.root!);
  expect(full.problems, JSON.stringify(text)).toEqual([]);
  expect(JSON.stringify(data.data), JSON.stringify(text)).toBe(JSON.stringify(full.data));
  expect(data.readsOtherwiseIn11, JSON.stringify(text)).toBe(readsOtherwiseIn11(read.root!));
  return true;
}

/** Whether a plain value of the tree reads otherwise in YAML 1.1 (values only: how YAML 1.1 reads a key is not asked). */
function readsOtherwiseIn11(node: Node): boolean {
  if (node.type === "scalar") return node.plain && yaml11Reading(node.source) !== undefined;
  if (node.type === "seq") return node.items.some(readsOtherwiseIn11);
  return node.type === "map" && node.entries.some((entry) => readsOtherwiseIn11(entry.value));
}

type Value = string | null | Value[] | { [key: string]: Value };

/** Values as written in YAML, plain and quoted; a few are left to `yaml` (floats, escapes, colons, indicators). */
const SCALARS = [
  "alpha", "two words", "G722", "x#y", "https://hooks.example.com/a?b=c", "London, UK", "RFC 2833", "12", "-7", "0", "150",
  "true", "False", "NULL", "~", "null", "yes", "off", "'it''s'", "'quoted: yes'", "\"double\"", "''", "\"\"", "${SIP_PASSWORD}",
  "é ünïcode", "a:b", "+E.164", "5G", "192.0.2.1", "1_000", "12:30", "1 Main St",
];
const LEFT_SCALARS = ["#hash", "+5", ".5", "0o17", ".inf", "1.5", "007", "-0", "1e3", "0x1F", "a: b", "ends:", "[a, b]", "{a: 1}", "|", "&anchor x", "*alias", "!tag x", "-lead", "@at", "\"with \\\" escape\"", "12345678901234567890"];
const KEYS = ["name", "codecs", "inbound", "outbound", "a", "b_2", "x.y", "dash-key", "k"];
const LEFT_KEYS = ["null", "True", "\"quoted\"", "two words"];
const key = fc.oneof({ weight: 30, arbitrary: fc.constantFrom(...KEYS) }, { weight: 1, arbitrary: fc.constantFrom(...LEFT_KEYS) });
const scalar = fc.oneof({ weight: 60, arbitrary: fc.constantFrom(...SCALARS) }, { weight: 1, arbitrary: fc.constantFrom(...LEFT_SCALARS) }, { weight: 3, arbitrary: fc.constant(null) });

const value: fc.Memo<Value> = fc.memo((depth) =>
  depth <= 1
    ? scalar
    : fc.oneof(
        { weight: 3, arbitrary: scalar },
        { weight: 2, arbitrary: fc.dictionary(key, value(depth - 1), { minKeys: 1, maxKeys: 4 }) },
        { weight: 1, arbitrary: fc.array(value(depth - 1), { minLength: 1, maxLength: 3 }) },
      ),
);

/** How the text is laid out: each choice is a way people write YAML. */
interface Layout {
  step: number;
  indentlessSequences: boolean;
  mapOnItemLine: boolean;
  trailingSpaces: boolean;
  trailingComments: boolean;
  lineBreak: string;
  /** Where comment lines and blank lines go: before line i, at the given indentation. */
  extras: { before: number; indent: number; blank: boolean }[];
}

const layout: fc.Arbitrary<Layout> = fc.record({
  step: fc.integer({ min: 1, max: 4 }),
  indentlessSequences: fc.boolean(),
  mapOnItemLine: fc.boolean(),
  trailingSpaces: fc.boolean(),
  trailingComments: fc.boolean(),
  lineBreak: fc.constantFrom("\n", "\n", "\r\n"),
  extras: fc.array(fc.record({ before: fc.nat(30), indent: fc.nat(8), blank: fc.boolean() }), { maxLength: 3 }),
});

function render(root: Record<string, Value>, how: Layout): string[] {
  const lines: string[] = [];
  const scalar = (text: string | null) => (text ?? "") + (how.trailingSpaces ? "  " : "") + (how.trailingComments && text !== null ? "  # note" : "");
  const mapping = (map: Record<string, Value>, indent: number, firstPrefix?: string) => {
    Object.entries(map).forEach(([key, item], i) => {
      const prefix = i === 0 && firstPrefix !== undefined ? firstPrefix : " ".repeat(indent);
      if (item === null || typeof item === "string") lines.push(`${prefix}${key}: ${scalar(item)}`.replace(/: $/, ":"));
      else {
        lines.push(`${prefix}${key}:`);
        const inner = Array.isArray(item) && how.indentlessSequences ? indent : indent + how.step;
        nested(item, inner);
      }
    });
  };
  const sequence = (items: Value[], indent: number) => {
    for (const item of items) {
      const dash = `${" ".repeat(indent)}- `;
      if (item === null || typeof item === "string") lines.push(`${dash}${scalar(item)}`.replace(/- $/, "-"));
      else if (!Array.isArray(item) && how.mapOnItemLine) mapping(item, indent + 2, dash);
      else {
        lines.push(dash.trimEnd());
        nested(item, indent + how.step);
      }
    }
  };
  const nested = (item: Value[] | Record<string, Value>, indent: number) => (Array.isArray(item) ? sequence(item, indent) : mapping(item, indent));
  mapping(root, 0);
  for (const extra of how.extras) lines.splice(Math.min(extra.before, lines.length), 0, extra.blank ? "" : `${" ".repeat(extra.indent)}# a comment`);
  return lines;
}

const documents = fc
  .record({
    root: fc.dictionary(key, value(4), { minKeys: 1, maxKeys: 5 }),
    how: layout,
    leading: fc.constantFrom("", "# managed in git\n", "\n"),
    marker: fc.constantFrom("", "---\n", "--- # first\n"),
    finalBreak: fc.boolean(),
  })
  .map(({ root, how, leading, marker, finalBreak }) => `${leading}${marker}${render(root, how).join(how.lineBreak)}${finalBreak ? how.lineBreak : ""}`);

describe("the block YAML reader", () => {
  it("gives yaml's tree for the forms it takes, and gives up on the others", () => {
    const taken = [
      "a: 1\n",
      "# c\n\na: 1  # x\nb:\n  c: 'q'\n  d:\n    - x\n    - y: 2\n      z: \"s\"\n# end\n\n",
      "---\na: b\n",
      "--- # c\na:\n- 1\n- 2\ne:\nf: \n",
      "a:\n  b:\n    c: 1\r\nd: 2",
      "a:\n  - 1\n  -  \n",
      "x: 1\ne:  \n\n",
      "  a: 1\n  b: 2\n",
      "a:\n  - b\n  # x\n  - c\n",
      "a:\n  b: 1\n\n  c: 2\n",
      "# a\n---\nx: 1\n",
    ];
    for (const text of taken) expect(agrees(text), JSON.stringify(text)).toBe(true);
    // At the nesting limit `yaml` reads the text (and the loader reports values nested past it).
    const nested = (levels: number) => `${Array.from({ length: levels }, (_, depth) => `${" ".repeat(depth)}k:`).join("\n")} 1\n`;
    expect(agrees(nested(99))).toBe(true);
    expect(agrees(nested(100))).toBe(false);
    const left = ["a: [1, 2]\n", "a: |\n  text\n", "a: b\n  c\n", "a: &x 1\nb: *x\n", "a: \"\\u00e9\"\n", "a: 1.5\n", "a:\n  b: 1\n    # c\nd: 1", "a: 1\na: 2\n", "- - a\n"];
    for (const text of left) expect(agrees(text), JSON.stringify(text)).toBe(false);
  });

  it("reads a mapping of 100,000 keys, and leaves it to yaml when its last key repeats its first", () => {
    // Keys past the first few dozen are looked up in a set: compared one by one, these would take minutes.
    const keys = Array.from({ length: 100_000 }, (_, i) => `key${i}: ${i}`).join("\n");
    const read = readBlockYaml(`${keys}\n`);
    expect(read?.root?.type === "map" && read.root.entries.length).toBe(100_000);
    expect(readBlockData(`${keys}\n`)?.data).toEqual(Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`key${i}`, i])));
    for (const last of ["key0", "key99999"]) {
      expect(readBlockYaml(`${keys}\n${last}: again\n`)).toBeUndefined();
      expect(readBlockData(`${keys}\n${last}: again\n`)).toBeUndefined();
    }
  });

  it("reads each text on its own, whatever lines the texts before it had", () => {
    // Nothing of a text read before, longer or shorter, may show in the next one.
    const long = (lines: number) => `a:\n${Array.from({ length: lines }, (_, i) => `  k${i}: ${i}`).join("\n")}\n`;
    for (const text of [long(500), "a:\n", long(3000), "a:\n", "a:\n  b: 1\n", long(1100), "x: 1\n"]) expect(agrees(text), text.slice(0, 30)).toBe(true);
  });

  it("agrees with yaml on generated documents, and takes most of them", () => {
    let taken = 0;
    fc.assert(fc.property(documents, (text) => void (agrees(text) && taken++)), { seed: 20261130, numRuns: 3000 });
    expect(taken).toBeGreaterThan(600);
  });

  it("agrees with yaml on every document of the YAML fixtures", () => {
    let taken = 0;
    for (const file of listFixtures().filter((path) => /\.ya?ml$/.test(path))) {
      const text = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
      for (const { start, end } of quickYamlDocuments(text) ?? []) if (agrees(text.slice(start, end))) taken++;
    }
    expect(taken).toBeGreaterThan(20);
  });
});
