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
// the size during the walk, then, once the first files are linted, aims each doubling straight at the 4 MiB a run
// of 1,000 files reaches anyway, and no further. Runs over files named on the command line (a pre-commit hook) keep
// V8's defaults.
//
// Held small, the young generation passes on to the old one all that the walk holds until it ends: fast-glob's
// entries, a few hundred bytes a file, of which only the list of paths stays needed. Left there, they wait for the
// old generation's next collection while the run's results claim new pages beside them; a 10,000-file walk leaves
// some 4 MiB. So a walk that left more than a couple of MiB is collected once, after the first files: a few
// milliseconds.
import { v8, vm } from "../builtins.js";
import { restoreV8Flag, setV8Flag } from "./v8-flags.js";

/** The size of each half that linting settles at: collections are few enough, the memory small. */
const HALF_MIB = 4;
/** V8's own growth factor, given back when a run ends. */
const V8_GROWTH_FACTOR = 2;
/** What a walk may leave in the old generation before it is collected; a walk of 1,000 files leaves under half a MiB. */
const WALK_LEFTOVERS_MIB = 2;
/** V8 versions whose flag was checked (Node 20, 22, 24): another version might not know it, and says so on stderr. */
const CHECKED_V8_MAJORS = [11, 12, 13];

type State = "default" | "held" | "walked" | "growing" | "capped";
let state: State = "default";
/** The old generation's bytes in use when the walk began. */
let oldBytesBeforeWalk = 0;

/** Before a walk: the young generation keeps its size while the list of files grows. */
export function holdYoungGeneration(): void {
  if (state !== "default" || !CHECKED_V8_MAJORS.includes(Number(process.versions.v8.split(".")[0]))) return;
  setGrowthFactor(1);
  state = "held";
  oldBytesBeforeWalk = oldBytesInUse();
}

/** Once linting starts, after a walk. */
export function letYoungGenerationGrow(): void {
  if (state === "held") state = "walked";
}

/**
 * Called as files are linted: the young generation grows towards the size linting settles at, and no further. The
 * first call, after the first files, collects what a large walk left in the old generation (a run whose files all
 * come from the cache lints none, and needs no collection). It comes after the parts of connlint that a run needs are
 * loaded: a part is loaded under V8's own growth, and a doubling then would overshoot a growth aimed before.
 */
export function growYoungGenerationTowardsItsSize(): void {
  if (state === "walked") {
    if (oldBytesInUse() - oldBytesBeforeWalk > WALK_LEFTOVERS_MIB * 2 ** 20) collectGarbage();
    state = "growing";
  }
  if (state !== "growing") return;
  const half = halfMib();
  if (half >= HALF_MIB) {
    setGrowthFactor(1);
    state = "capped";
  } else {
    setGrowthFactor(Math.ceil(HALF_MIB / half));
  }
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

/**
 * A full collection. V8 gives a program its `gc` function only under --expose-gc, and only in a context made while the
 * flag is on: the flag is on just long enough to make one.
 */
function collectGarbage(): void {
  setV8Flag("--expose-gc", "--no-expose-gc");
  try {
    (vm().runInNewContext("gc") as () => void)();
  } finally {
    restoreV8Flag("--no-expose-gc");
  }
}

function oldBytesInUse(): number {
  return spaceNamed("old_space")?.space_used_size ?? 0;
}

function spaceNamed(name: string) {
  return v8()
    .getHeapSpaceStatistics()
    .find((each) => each.space_name === name);
}

/** The size of one half of the young generation, in whole MiB (V8 reports a little less: page headers). */
function halfMib(): number {
  const space = spaceNamed("new_space");
  return space ? Math.max(1, Math.round((space.space_used_size + space.space_available_size) / 2 ** 20)) : HALF_MIB;
}
