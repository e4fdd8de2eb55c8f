// Keeping a large run's memory close to a small run's.
//
// V8 collects short-lived objects in its young generation, two halves of equal size. It doubles their size whenever
// the bytes that survived its collections since the last doubling exceed one half. A run keeps what it must (the list
// of files, each file's compact result), so the longer the run, the more doublings: a run of 1,000 files ends with
// halves of 4 MiB, one of 10,000 with 16 MiB, and about 20 MiB more resident memory. The larger halves buy a few per
// cent of speed at most: a collection copies only what is alive, so fewer of them save only their fixed cost.
//
// The largest size is fixed when Node starts (`--max-semi-space-size`, which only the user's command line can give),
// but the growth factor is read at each doubling, and Node lets a program set it. So a run that walks folders holds
// the size during the walk, then lets it grow once, straight to the 4 MiB a run of 1,000 files reaches anyway, and
// no further. Runs over files named on the command line (a pre-commit hook) keep V8's defaults.
import { v8 } from "../builtins.js";
import { setV8Flag } from "./v8-flags.js";

/** The size of each half that linting settles at: collections are few enough, the memory small. */
const HALF_MIB = 4;
/** V8's own growth factor, given back when a run ends. */
const V8_GROWTH_FACTOR = 2;
/** V8 versions whose flag was checked (Node 20, 22, 24): another version might not know it, and says so on stderr. */
const CHECKED_V8_MAJORS = [11, 12, 13];

type State = "default" | "held" | "growing" | "capped";
let state: State = "default";

/** Before a walk: the young generation keeps its size while the list of files grows. */
export function holdYoungGeneration(): void {
  if (state !== "default" || !CHECKED_V8_MAJORS.includes(Number(process.versions.v8.split(".")[0]))) return;
  setGrowthFactor(1);
  state = "held";
}

/** Once linting starts, after a walk: the next doubling goes straight to the size linting settles at. */
export function letYoungGenerationGrow(): void {
  if (state !== "held") return;
  const half = halfMib();
  if (half >= HALF_MIB) {
    state = "capped";
    return;
  }
  setGrowthFactor(Math.ceil(HALF_MIB / half));
  state = "growing";
}

/** Called as files are done: once the young generation has grown, it grows no more. */
export function capYoungGenerationWhenGrown(): void {
  if (state !== "growing" || halfMib() < HALF_MIB) return;
  setGrowthFactor(1);
  state = "capped";
}

/**
 * When a run ends: V8's own growth again, for whatever runs next in this process. The build records V8's code cache
 * after a run, and V8 takes that cache only under the flags it was made with.
 */
export function restoreYoungGeneration(): void {
  if (state === "default") return;
  setGrowthFactor(V8_GROWTH_FACTOR);
  state = "default";
}

function setGrowthFactor(factor: number): void {
  setV8Flag(`--semi-space-growth-factor=${factor}`, `--semi-space-growth-factor=${V8_GROWTH_FACTOR}`);
}

/** The size of one half of the young generation, in whole MiB (V8 reports a little less: page headers). */
function halfMib(): number {
  const space = v8()
    .getHeapSpaceStatistics()
    .find((each) => each.space_name === "new_space");
  return space ? Math.max(1, Math.round((space.space_used_size + space.space_available_size) / 2 ** 20)) : HALF_MIB;
}
