// Every fixture yields exactly the diagnostics written inside it, in json, unix and stylish alike.
import { relative } from "node:path";
import { describe, expect, it } from "vitest";
import { checkFixture, FIXTURES, listFixtures } from "./support/fixtures.js";

const updateGolden = process.env.UPDATE_GOLDEN === "1" && process.env.CI !== "true";

describe("fixtures", () => {
  const fixtures = listFixtures();
  it("exist", () => expect(fixtures.length).toBeGreaterThan(20));
  for (const fixture of fixtures) {
    it(relative(FIXTURES, fixture), async () => {
      expect(await checkFixture(fixture, { updateGolden })).toEqual([]);
    });
  }
});
