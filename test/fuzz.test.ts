// Fuzzing in CI: the properties of test/fuzz-properties.ts on a fixed seed and a bounded number of cases.
import fc from "fast-check";
import { describe, it } from "vitest";
import { arbitraryBytes, checkCase, mutatedConnection, yamlishText } from "./fuzz-properties.js";

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
