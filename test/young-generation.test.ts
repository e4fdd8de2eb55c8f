// A walk over many files holds V8's young generation at its size; linting lets it grow once, to 4 MiB halves, and no
// further; the end of the run gives V8 its own growth back. Run in a fresh process: the flag is the whole process's.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { expect, it } from "vitest";

const MODULE = pathToFileURL(join(import.meta.dirname, "..", "dist", "cli", "young-generation.js")).href;

/** Keeps about `mib` MiB of small objects alive, the way a long run keeps its files' results, calling `each` as it goes. */
const SCRIPT = `
import { getHeapSpaceStatistics } from "node:v8";
import { capYoungGenerationWhenGrown, holdYoungGeneration, letYoungGenerationGrow, restoreYoungGeneration } from ${JSON.stringify(MODULE)};
const half = () => {
  const space = getHeapSpaceStatistics().find((each) => each.space_name === "new_space");
  return Math.round((space.space_used_size + space.space_available_size) / 2 ** 20);
};
const kept = [];
const keep = (mib, each = () => {}) => {
  for (let i = 0; i < (mib * 2 ** 20) / 64; i++) {
    kept.push({ i, name: "connection-" + i });
    if (i % 1000 === 0) each();
  }
};
const halves = { start: half() };
holdYoungGeneration();
keep(8);
halves.walked = half();
letYoungGenerationGrow();
keep(48, capYoungGenerationWhenGrown);
halves.linted = half();
restoreYoungGeneration();
keep(48);
halves.after = half();
console.log(JSON.stringify(halves));
`;

it("holds the young generation during a walk, lets it grow to 4 MiB halves while linting, then gives V8 its growth back", () => {
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", SCRIPT], { encoding: "utf8" });
  expect(result.stderr).toBe("");
  const halves = JSON.parse(result.stdout) as Record<string, number>;
  expect(halves.walked).toBe(halves.start);
  expect(halves.linted).toBe(4);
  expect(halves.after).toBeGreaterThan(4);
});
