// A walk over many files holds V8's young generation at its size; what a large walk leaves in the old generation is
// collected after the first files; linting lets the young generation grow to 4 MiB halves, and no further; the end of the run
// gives V8 its own growth back. Run in a fresh process: the flags are the whole process's.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { expect, it } from "vitest";

const MODULE = pathToFileURL(join(import.meta.dirname, "..", "dist", "cli", "young-generation.js")).href;

/**
 * A walk that holds `walkMib` MiB of small objects until it ends, as fast-glob's entries are, then a run that keeps
 * about `mib` MiB alive, the way a long run keeps its files' results.
 */
const script = (walkMib: number) => `
import { getHeapSpaceStatistics } from "node:v8";
import { growYoungGenerationTowardsItsSize, holdYoungGeneration, letYoungGenerationGrow, restoreYoungGeneration } from ${JSON.stringify(MODULE)};
const space = (name) => getHeapSpaceStatistics().find((each) => each.space_name === name);
const half = () => Math.round((space("new_space").space_used_size + space("new_space").space_available_size) / 2 ** 20);
const oldMib = () => space("old_space").space_used_size / 2 ** 20;
const objects = (mib, each = () => {}) => {
  const made = [];
  for (let i = 0; i < (mib * 2 ** 20) / 64; i++) {
    made.push({ i, name: "connection-" + i });
    if (i % 1000 === 0) each();
  }
  return made;
};
const kept = [];
const seen = { start: half() };
holdYoungGeneration();
let entries = objects(${walkMib});
seen.walked = half();
entries = undefined;
const walkedOld = oldMib();
letYoungGenerationGrow();
growYoungGenerationTowardsItsSize();
seen.collected = walkedOld - oldMib();
kept.push(objects(48, growYoungGenerationTowardsItsSize));
seen.linted = half();
restoreYoungGeneration();
kept.push(objects(48));
seen.after = half();
console.log(JSON.stringify(seen));
`;

function run(walkMib: number): Record<string, number> {
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", script(walkMib)], { encoding: "utf8" });
  expect(result.stderr).toBe("");
  return JSON.parse(result.stdout) as Record<string, number>;
}

it("holds the young generation during a walk, lets it grow to 4 MiB halves while linting, then gives V8 its growth back", () => {
  const seen = run(8);
  expect(seen.walked).toBe(seen.start);
  expect(seen.linted).toBe(4);
  expect(seen.after).toBeGreaterThan(4);
});

it("collects what a large walk left in the old generation once linting starts, and leaves a small walk's for later", () => {
  expect(run(8).collected).toBeGreaterThan(4);
  expect(run(1).collected).toBeLessThanOrEqual(0);
});
