// The fixture runner must fail when a fixture's expectations are wrong: otherwise it proves nothing.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkFixture, FIXTURES } from "./support/fixtures.js";

const SOURCE = join(FIXTURES, "invalid", "ranges.yaml");

/** A copy of a fixture and its golden file, with the fixture's text changed by `edit`. */
function alteredCopy(edit: (text: string) => string, editGolden: (text: string) => string = (text) => text): string {
  const dir = mkdtempSync(join(tmpdir(), "connlint-meta-"));
  const copy = join(dir, "ranges.yaml");
  writeFileSync(copy, edit(readFileSync(SOURCE, "utf8")));
  writeFileSync(`${copy}.unix`, editGolden(readFileSync(`${SOURCE}.unix`, "utf8")));
  return copy;
}

describe("the fixture runner", () => {
  it("passes an unaltered copy", async () => {
    expect(await checkFixture(alteredCopy((text) => text))).toEqual([]);
  });

  it("fails when an expectation names the wrong severity", async () => {
    const copy = alteredCopy((text) => text.replace("# expect: error invalid-value /webhook_timeout_secs", "# expect: warning invalid-value /webhook_timeout_secs"));
    expect(await checkFixture(copy)).toEqual(["expected but not reported: 3 warning invalid-value \"/webhook_timeout_secs\"", "reported but not expected: 3 error invalid-value \"/webhook_timeout_secs\""]);
  });

  it("fails when an expectation is on the wrong line or names the wrong pointer", async () => {
    const moved = alteredCopy((text) => text.replace("31             # expect: error invalid-value /webhook_timeout_secs", "31\n# expect: error invalid-value /webhook_timeout_secs"));
    expect((await checkFixture(moved)).length).toBeGreaterThan(0);
    const renamed = alteredCopy((text) => text.replace("# expect: error invalid-value /inbound/timeout_1xx_secs", "# expect: error invalid-value /inbound/timeout_2xx_secs"));
    expect(await checkFixture(renamed)).toContain("expected but not reported: 7 error invalid-value \"/inbound/timeout_2xx_secs\"");
  });

  it("fails when a reported problem has no expectation, or an expectation no problem", async () => {
    const missing = alteredCopy((text) => text.replace("  # expect: error invalid-value /rtcp_settings/report_frequency_secs", ""));
    expect(await checkFixture(missing)).toEqual(["reported but not expected: 5 error invalid-value \"/rtcp_settings/report_frequency_secs\""]);
    const extra = alteredCopy((text) => text.replace("connection_name: out-of-range\n", "connection_name: out-of-range   # expect: error missing-field /user_name\n"));
    expect(await checkFixture(extra)).toEqual(["expected but not reported: 2 error missing-field \"/user_name\""]);
  });

  it("fails when a column differs from the golden file", async () => {
    const copy = alteredCopy((text) => text, (golden) => golden.replace("ranges.yaml:3:23:", "ranges.yaml:3:24:"));
    expect((await checkFixture(copy))[0]).toMatch(/^unix output differs from ranges\.yaml\.unix/);
  });

  it("fails when a sidecar's column is wrong", async () => {
    const dir = mkdtempSync(join(tmpdir(), "connlint-meta-"));
    const source = join(FIXTURES, "examples", "call-center.json");
    const copy = join(dir, "call-center.json");
    copyFileSync(source, copy);
    copyFileSync(`${source}.unix`, `${copy}.unix`);
    writeFileSync(`${copy}.expect`, readFileSync(`${source}.expect`, "utf8").replace("4:25 error", "4:26 error"));
    expect(await checkFixture(copy)).toEqual(["expected but not reported: 4:26 error invalid-value \"/transport_protocol\"", "reported but not expected: 4:25 error invalid-value \"/transport_protocol\""]);
  });
});
