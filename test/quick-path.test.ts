// The quick path (plain data, no positions) and the full path must agree on every input, YAML and JSON: same diagnostics, same values.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyzeText, type FileAnalysis, type LintOptions } from "../src/lint.js";
import { decode } from "../src/load/decode.js";
import { quickJsonDocuments, quickYamlDocuments } from "../src/load/quick.js";
import { type FuzzCase, mutatedConnection, yamlishText } from "./fuzz-properties.js";
import { listFixtures } from "./support/fixtures.js";

/** A value written the ways YAML allows: plain, single- or double-quoted. */
const written = (value: string) => fc.constantFrom(value, `'${value}'`, JSON.stringify(value));

/** One field of a valid connection, in any of the spellings YAML allows for its value. */
const FIELDS: fc.Arbitrary<string>[] = [
  fc.constantFrom("UDP", "TCP", "TLS").chain((value) => written(value)).map((value) => `transport_protocol: ${value}`),
  fc.constantFrom("RFC 2833", "Inband", "SIP INFO").chain((value) => written(value)).map((value) => `dtmf_type: ${value}`),
  fc.constantFrom("Latency", "Chicago, IL", "London, UK").chain((value) => written(value)).map((value) => `anchorsite_override: ${value}`),
  fc.constantFrom("true", "false", "True", "FALSE").map((value) => `active: ${value}`),
  fc.integer({ min: 0, max: 30 }).map((value) => `webhook_timeout_secs: ${value}`),
  fc.constantFrom("1", "2").chain((value) => fc.constantFrom(`'${value}'`, `"${value}"`)).map((value) => `webhook_api_version: ${value}`),
  fc.constantFrom("~", "null", "Null", "").map((value) => `encrypted_media: ${value}`),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/).chain((value) => written(value)).map((value) => `connection_name: ${value}`),
  fc.constantFrom("https://hooks.example.com/telnyx", "https://hooks.example.com/a?b=c").map((value) => `webhook_event_url: ${value}`),
  fc.subarray(["G722", "G711U", "G711A", "G729"], { minLength: 1 }).chain((codecs) =>
    fc.constantFrom(`inbound:\n  codecs: [${codecs.join(", ")}]`, `inbound:\n  codecs:\n${codecs.map((codec) => `    - ${codec}`).join("\n")}`, `inbound: {codecs: [${codecs.join(", ")}]}`),
  ),
  fc.integer({ min: 1, max: 120 }).map((value) => `rtcp_settings:\n  report_frequency_secs: ${Math.max(5, value)}\n  port: rtcp-mux`),
  fc.constantFrom("US", "GB", "DE", "'FR'").map((value) => `outbound:\n  localization: ${value}  # a comment`),
  // Plain values YAML 1.1 reads otherwise (a warning only the full path gives), beside look-alikes it reads alike.
  fc
    .array(
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom("0:20", "-0:30", "1.2.3", "+1", "off-peak", "no.1", "y2k", "turn it on", "Norway") },
        { weight: 1, arbitrary: fc.constantFrom("yes", "On", "n", "OFF", "1_000", "0777", "07", "0b101", "1:20") },
      ),
      { minLength: 1, maxLength: 3 },
    )
    .map((values) => `tags:\n${values.map((value) => `  - ${value}`).join("\n")}`),
];

/** Valid IP connections with random fields, spellings, comments and documents: the texts the quick path is for. */
const cleanConnections: fc.Arbitrary<FuzzCase> = fc
  .array(fc.subarray(FIELDS.map((_, i) => i), { minLength: 1 }).chain((picks) => fc.tuple(...picks.map((i) => FIELDS[i]!))), { minLength: 1, maxLength: 3 })
  .map((documents) => documents.map((fields) => ["record_type: ip_connection", ...fields].join("\n")).join("\n---\n") + "\n")
  .map((text) => ({ name: "generated.yaml", bytes: Buffer.from(text) }));

/** Several connections in one file, some of them faulty, sometimes after a comment: each document is decided on its own. */
const manyDocuments: fc.Arbitrary<FuzzCase> = fc
  .record({
    documents: fc.array(fc.oneof(mutatedConnection, cleanConnections), { minLength: 2, maxLength: 4 }),
    leadingComment: fc.boolean(),
    firstMarker: fc.boolean(),
    lineBreak: fc.constantFrom("\n", "\r\n"),
  })
  .map(({ documents, leadingComment, firstMarker, lineBreak }) => {
    const texts = documents.filter(({ name }) => name.endsWith(".yaml")).map(({ bytes }) => Buffer.from(bytes).toString("utf8").trimEnd());
    const body = texts.join("\n---\n") + "\n";
    const text = (leadingComment ? "# connections\n" : "") + (firstMarker ? "---\n" : "") + body;
    return { name: "many.yaml", bytes: Buffer.from(text.replace(/\r?\n/g, lineBreak)) };
  });

/** Clean IP connections as JSON (one, or an array of several), some with what JSON.parse would hide or gets wrong. */
const jsonConnections: fc.Arbitrary<FuzzCase> = fc
  .record({
    documents: fc.array(
      fc.record({
        name: fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/),
        transport: fc.constantFrom("UDP", "TCP", "TLS"),
        codecs: fc.subarray(["G722", "G711U", "G711A"], { minLength: 1 }),
        timeout: fc.integer({ min: 1, max: 30 }),
        tag: fc.constantFrom("plain", 'said \\"hi\\": twice', "colon\\u0022:", "__proto__"),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    asArray: fc.boolean(),
    twist: fc.constantFrom("none", "none", "duplicate", "proto-key", "nbsp", "comment", "deep"),
    indent: fc.constantFrom(0, 2),
  })
  .map(({ documents, asArray, twist, indent }) => {
    const objects = documents.map(({ name, transport, codecs, timeout, tag }) => ({
      record_type: "ip_connection",
      connection_name: name,
      transport_protocol: transport,
      webhook_event_url: "https://hooks.example.com/telnyx",
      webhook_timeout_secs: timeout,
      inbound: { codecs },
      tags: [tag],
    }));
    let text = JSON.stringify(asArray ? objects : objects[0], null, indent);
    if (twist === "duplicate") text = text.replace('"transport_protocol":', '"transport_protocol": "UDP", "transport_protocol":');
    if (twist === "proto-key") text = text.replace('"inbound":', '"__proto__": {"codecs": ["G722"]}, "inbound":');
    if (twist === "nbsp") text = text.replace(",", ",\u00a0");
    if (twist === "comment") text = text.replace(",", ", // note\n");
    if (twist === "deep") text = text.replace('"tags":', `"tags": ${"[".repeat(120)}${"]".repeat(120)}, "more":`);
    return { name: "generated.json", bytes: Buffer.from(text + "\n") };
  });

/** Several connections as the elements of a JSON array, some of them faulty: each element is decided on its own. */
const manyJsonDocuments: fc.Arbitrary<FuzzCase> = fc
  .record({ documents: fc.array(fc.oneof(mutatedConnection, jsonConnections), { minLength: 2, maxLength: 4 }), indent: fc.constantFrom("", "  ") })
  .map(({ documents, indent }) => {
    const texts = documents.filter(({ name }) => name.endsWith(".json")).map(({ bytes }) => Buffer.from(bytes).toString("utf8").trim());
    // A generated text that is itself an array gives its elements.
    const elements = texts.map((text) => (text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text));
    return { name: "many.json", bytes: Buffer.from(`[\n${elements.map((text) => indent + text).join(",\n")}\n]\n`) };
  });

/** What an analysis says, with every unique value's place found, so the two paths can be compared. */
function said(analysis: FileAnalysis) {
  return {
    skipped: analysis.skipped,
    diagnostics: analysis.diagnostics,
    facts: analysis.facts.map(({ place, ...fact }) => ({ ...fact, place: place() })),
  };
}

function bothPaths(text: string, options: LintOptions) {
  return { quick: said(analyzeText(text, { ...options, quick: true })), full: said(analyzeText(text, { ...options, quick: false })) };
}

/** The documents the quick path reads from a text, by the file's format; undefined when it leaves the text to the full path. */
function quickDocuments(name: string, text: string) {
  return /\.json$/i.test(name) ? quickJsonDocuments(text) : quickYamlDocuments(text);
}

describe("the quick path", () => {
  const fixtures = listFixtures().filter((file) => /\.(ya?ml|json)$/.test(file));

  it("is taken for most clean files, YAML and JSON", () => {
    const taken = fixtures.filter((file) => quickDocuments(file, readFileSync(file, "utf8").replace(/^\uFEFF/, "")) !== undefined);
    expect(taken.filter((file) => file.endsWith(".json")).length).toBeGreaterThan(5);
    expect(taken.filter((file) => !file.endsWith(".json")).length).toBeGreaterThan(10);
  });

  for (const file of fixtures) {
    it(`agrees with the full path on ${basename(file)}, as a named file and as one found in a folder`, () => {
      const text = readFileSync(file, "utf8");
      for (const onlyConnections of [false, true]) {
        const { quick, full } = bothPaths(text, { filePath: file, onlyConnections });
        expect(quick).toEqual(full);
      }
    });
  }

  it("agrees with the full path on generated texts and mutated connections", () => {
    const clean = { yaml: 0, json: 0 };
    const oneByOne = { yaml: 0, json: 0 };
    let jsonRefused = 0;
    const agree = ({ name, bytes }: FuzzCase) => {
      const decoded = decode(bytes);
      if (!decoded.ok) return;
      const { quick, full } = bothPaths(decoded.text, { filePath: name });
      expect(quick).toEqual(full);
      const format = name.endsWith(".json") ? "json" : "yaml";
      // The cases the quick path really decided: it read the text, and there was nothing to report.
      const documents = quickDocuments(name, decoded.text.replace(/^\uFEFF/, ""));
      if (documents && !full.diagnostics.length) clean[format]++;
      // Read quickly, yet something to report: the faulty documents were read again on their own.
      if (documents && documents.length > 1 && full.diagnostics.length) oneByOne[format]++;
      // A duplicate key or a nesting too deep: JSON.parse would hide it, so the full path reads the text.
      if (format === "json" && !documents && full.diagnostics.some(({ ruleId }) => ["duplicate-key", "nesting-limit", "syntax"].includes(ruleId))) jsonRefused++;
    };
    fc.assert(fc.property(fc.oneof(mutatedConnection, yamlishText, cleanConnections, manyDocuments, jsonConnections, manyJsonDocuments), agree), { seed: 20261130, numRuns: 2400 });
    expect(clean.yaml).toBeGreaterThan(200);
    expect(clean.json).toBeGreaterThan(100);
    expect(oneByOne.yaml).toBeGreaterThan(100);
    expect(oneByOne.json).toBeGreaterThan(40);
    expect(jsonRefused).toBeGreaterThan(30);
  });
});

describe("plain values YAML 1.1 reads otherwise", () => {
  // Every form YAML 1.1 types otherwise: its boolean words, binary, underscored and sexagesimal numbers (strings to
  // YAML 1.2, so a tag), and octal numbers (decimal to YAML 1.2, so a count of channels).
  const strings = fc.oneof(
    fc.constantFrom("y", "Y", "n", "N", "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"),
    fc.stringMatching(/^[-+]?0b[01][01_]{0,7}$/),
    fc.stringMatching(/^[-+]?[0-9][0-9_]{0,6}$/).filter((value) => value.includes("_")),
    fc.stringMatching(/^[-+]?[1-9][0-9_]{0,3}(?::[0-5]?[0-9]){1,3}$/),
  );
  const octal = fc.integer({ min: 8, max: 4095 }).map((count) => `0${count.toString(8)}`);
  const texts = fc.oneof(
    strings.map((value) => `tags:\n  - ${value}`),
    octal.map((value) => `outbound:\n  channel_limit: ${value}`),
  );

  it("are each reported, though the quick path reads the rest of such a file", () => {
    fc.assert(
      fc.property(texts, (field) => {
        const { diagnostics } = analyzeText(`record_type: ip_connection\nconnection_name: trunk\n${field}\n`, { filePath: "trunk.yaml" });
        expect(diagnostics.map(({ ruleId, line }) => `${ruleId}:${line}`)).toEqual(["yaml-1-1-portability:4"]);
      }),
      { numRuns: 500 },
    );
  });
});
