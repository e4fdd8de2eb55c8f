// Fuzzing in CI: the properties of test/fuzz-properties.ts on a fixed seed and a bounded number of cases.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { unix } from "../src/format/unix.js";
import { lintText } from "../src/lint.js";
import { arbitraryBytes, checkCase, checkFormat, checkPointers, checkPositions, mutatedConnection, yamlishText } from "./fuzz-properties.js";

const SEED = 20_260_801;

describe("fuzzing (fixed seed; npm run fuzz runs the same for longer)", () => {
  it("arbitrary bytes", async () => {
    await fc.assert(fc.asyncProperty(arbitraryBytes, checkCase), { seed: SEED, numRuns: 400 });
  }, 120_000);

  it("arbitrary YAML- and JSON-like text, in UTF-8, UTF-8 with a BOM and UTF-16", async () => {
    await fc.assert(fc.asyncProperty(yamlishText, checkCase), { seed: SEED, numRuns: 1200 });
  }, 120_000);

  it("mutations of the valid fixtures", async () => {
    await fc.assert(fc.asyncProperty(mutatedConnection, checkCase), { seed: SEED, numRuns: 1200 });
  }, 120_000);
});

describe("the fuzzing properties can fail", () => {
  const text = "record_type: ip_connection\ntransport_protocol: udp\ninbound:\n  timeout_1xx_secs: 121\n";
  const lint = () => lintText(text, { filePath: "x.yaml" }).diagnostics;

  it("hold on a real result", () => {
    expect(lint()).toHaveLength(2);
    expect(() => checkPositions(text, lint())).not.toThrow();
    expect(() => checkPointers(text, "x.yaml", lint())).not.toThrow();
    expect(() => checkFormat("unix", unix([{ filePath: "/x.yaml", diagnostics: lint() }], { cwd: "/", repoRoot: "/", color: false, startedAt: new Date(0), hostname: "test" }), lint())).not.toThrow();
  });

  it("catch a line or column that disagrees with the range, or a range outside the text", () => {
    const [first] = lint();
    expect(() => checkPositions(text, [{ ...first!, column: first!.column + 1 }])).toThrow(/does not match its range/);
    expect(() => checkPositions(text, [{ ...first!, range: { start: 0, end: text.length + 1 } }])).toThrow(/outside the text/);
  });

  it("catch a range that is not on the value its pointer names", () => {
    const [protocol, timeout] = lint();
    expect(() => checkPointers(text, "x.yaml", [{ ...protocol!, pointer: timeout!.pointer }])).toThrow(/outside what the pointer names/);
  });

  it("catch a format that leaves a problem out", () => {
    const [protocol, timeout] = lint();
    expect(() => checkFormat("unix", unix([{ filePath: "/x.yaml", diagnostics: [protocol!] }], { cwd: "/", repoRoot: "/", color: false, startedAt: new Date(0), hostname: "test" }), [protocol!, timeout!])).toThrow(/does not report/);
  });
});
