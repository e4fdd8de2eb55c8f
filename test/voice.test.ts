// Messages have one voice (STYLE habit 9): what is wrong first, in words, never JSON Schema's own jargon.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lintText } from "../src/lint.js";
import { listFixtures } from "./support/fixtures.js";

/** Phrases of ajv and JSON Schema that must never reach a user. */
const JARGON = [/must NOT/, /additional propert/i, /allowed values/, /must match pattern/, /must match "then"/, /instancePath/, /schemaPath/, /\bconst\b/, /must have required property/, /#\/definitions/];

describe("every fixture's messages", () => {
  const messages = listFixtures().flatMap((file) => {
    const text = readFileSync(file, "utf8");
    return lintText(text, { filePath: file }).diagnostics.map((d) => ({ file, ruleId: d.ruleId, message: d.message }));
  });

  it("are many", () => expect(messages.length).toBeGreaterThan(150));

  it("speak without JSON Schema's jargon", () => {
    for (const { file, message } of messages) for (const phrase of JARGON) expect(message, file).not.toMatch(phrase);
  });

  it("start with the subject in lower case or a quoted name, and end without a full stop", () => {
    for (const { file, message } of messages) {
      expect(message, file).toMatch(/^([a-z`]|YAML|JSON|SIP|ISUP|codec)/);
      expect(message, file).not.toMatch(/[.\s]$/);
    }
  });

  it("say what is wrong and what to do, in one sentence of reasonable length", () => {
    for (const { file, message } of messages) {
      expect(message.length, `${file}: ${message}`).toBeLessThan(420);
      expect(message, file).not.toContain("\n");
    }
  });
});
