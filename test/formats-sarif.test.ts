// The sarif format: valid SARIF 2.1.0 by the official schema, with rules, related locations and line-free fingerprints.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import AjvDraft04Module from "ajv-draft-04";
import addFormatsModule from "ajv-formats";
import type { Log, Result } from "sarif";
import { expect, it } from "vitest";
import { ruleDocUrl } from "../src/package-info.js";
import { ALL_RULES } from "../src/rules/index.js";
import { runCli } from "./support/cli.js";
import { describeWithShared, ROOT, SHARED } from "./support/shared.js";

// Both are CommonJS whose default export TypeScript sees one level down under NodeNext.
const AjvDraft04 = AjvDraft04Module as unknown as typeof AjvDraft04Module.default;
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const sarifOf = async (argv: string[], cwd = ROOT) => JSON.parse((await runCli([...argv, "-f", "sarif"], { cwd })).stdout) as Log;
const resultsOf = (log: Log): Result[] => log.runs[0]!.results!;

const BAD = "record_type: ip_connection\nconnection_name: hq\ninbound:\n  timeout_1xx_secs: 121\n";

describeWithShared("sarif: the official schema", () => {
  const schema = JSON.parse(readFileSync(join(SHARED, "reference-schemas", "sarif-schema-2.1.0.json"), "utf8"));
  const ajv = new AjvDraft04({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  const expectValid = (log: Log) => {
    validate(log);
    expect(validate.errors ?? []).toEqual([]);
  };

  it("accepts the report of every fixture, with related locations", async () => {
    const log = await sarifOf(["fixtures"]);
    expect(resultsOf(log).length).toBeGreaterThan(50);
    expect(resultsOf(log).some((result) => result.relatedLocations?.length)).toBe(true);
    expectValid(log);
    const broken = structuredClone(log);
    resultsOf(broken)[0]!.locations![0]!.physicalLocation!.region!.startLine = 0;
    expect(validate(broken), "the schema catches a line 0").toBe(false);
  });

  it("accepts a clean run, and a file outside the repository (an absolute file URI)", async () => {
    expectValid(await sarifOf(["fixtures/valid"]));
    const dir = mkdtempSync(join(tmpdir(), "connlint-sarif-"));
    mkdirSync(join(dir, "repo", ".git"), { recursive: true });
    writeFileSync(join(dir, "outside.yaml"), BAD);
    const log = await sarifOf(["../outside.yaml"], join(dir, "repo"));
    expect(resultsOf(log)[0]!.locations![0]!.physicalLocation!.artifactLocation).toEqual({ uri: `file://${join(dir, "outside.yaml")}` });
    expectValid(log);
  });
});

it("sarif: one rules entry per rule, with its doc page, and results that point at their rule", async () => {
  const log = await sarifOf(["fixtures"]);
  const { rules } = log.runs[0]!.tool.driver;
  expect(rules!.map((rule) => rule.id)).toEqual(ALL_RULES.map((rule) => rule.id));
  for (const [index, rule] of rules!.entries()) {
    expect(rule.helpUri).toBe(ruleDocUrl(rule.id));
    expect(rule.shortDescription!.text).toBe(ALL_RULES[index]!.description);
    expect(rule.defaultConfiguration!.level).toBe({ error: "error", warning: "warning", info: "note" }[ALL_RULES[index]!.severity]);
  }
  for (const result of resultsOf(log)) {
    expect(rules![result.ruleIndex!]!.id).toBe(result.ruleId);
    expect(result.locations![0]!.physicalLocation!.artifactLocation!.uriBaseId).toBe("%SRCROOT%");
  }
  expect(log.runs[0]!.originalUriBaseIds!["%SRCROOT%"]!.uri).toBe(`file://${ROOT}/`);
});

it("sarif: a file's uri, resolved against its base as a viewer does, is the file, whatever its name", async () => {
  const dir = mkdtempSync(join(tmpdir(), "connlint-uri-"));
  mkdirSync(join(dir, ".git"));
  const names = ["ab:c.yaml", "sp ace%20é.yaml", "a,b#c?.yaml"];
  for (const name of names) writeFileSync(join(dir, name), BAD);
  const log = await sarifOf(["."], dir);
  const base = log.runs[0]!.originalUriBaseIds!["%SRCROOT%"]!.uri!;
  const files = resultsOf(log).map((result) => fileURLToPath(new URL(result.locations![0]!.physicalLocation!.artifactLocation!.uri!, base)));
  expect([...new Set(files)].sort()).toEqual(names.map((name) => join(dir, name)).sort());
});

it("sarif: a duplicate key carries the first place as a related location", async () => {
  const [first] = resultsOf(await sarifOf(["fixtures/invalid/duplicate-keys.yaml"]));
  expect(first!.relatedLocations).toEqual([
    {
      id: 0,
      message: { text: "`connection_name` is first set here" },
      physicalLocation: { artifactLocation: { uri: "fixtures/invalid/duplicate-keys.yaml", uriBaseId: "%SRCROOT%" }, region: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 16 } },
    },
  ]);
});

it("sarif: fingerprints follow the rule, the pointer and the connection, not the line", async () => {
  const dir = mkdtempSync(join(tmpdir(), "connlint-fingerprint-"));
  const two = `${BAD}active: maybe\n---\n${BAD.replace("hq", "branch")}`;
  writeFileSync(join(dir, "conns.yaml"), two);
  const before = resultsOf(await sarifOf(["conns.yaml"], dir));
  writeFileSync(join(dir, "conns.yaml"), `# moved down by a comment\n\n${two.replace("inbound:", "dtmf_type: Inband\ninbound:")}`);
  const after = resultsOf(await sarifOf(["conns.yaml"], dir));
  const fingerprints = (results: Result[]) => results.map((result) => result.partialFingerprints!["connlint/v1"]);
  const timeouts = (results: Result[]) => results.filter((result) => result.message.text?.includes("timeout_1xx_secs"));

  expect(new Set(fingerprints(before)).size).toBe(before.length);
  expect(fingerprints(timeouts(after))).toEqual(fingerprints(timeouts(before)));
  expect(timeouts(after).map((r) => r.locations![0]!.physicalLocation!.region!.startLine)).not.toEqual(timeouts(before).map((r) => r.locations![0]!.physicalLocation!.region!.startLine));
});
