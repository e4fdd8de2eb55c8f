// The V8 flags a run sets (src/cli/young-generation.ts, src/cli/optimizing-compiler.ts), kept track of so that a part
// of the bundle can be loaded under V8's own: V8 takes a code cache only under the flags it was recorded with, and a
// part loaded during a walk would otherwise be compiled anew.
import { v8 } from "../builtins.js";

/** Each flag this run has set away from V8's own setting, by name: the setting in force, and V8's own. */
const changed = new Map<string, { now: string; own: string }>();

/**
 * Sets a flag (`--no-turbo-inlining`) that V8 has another setting of (`--turbo-inlining`); setting V8's own forgets it.
 * A setting already in force is not given to V8 again (a run sets some after each chunk of files).
 */
export function setV8Flag(setting: string, own: string): void {
  const name = flagName(own);
  if (setting === (changed.get(name)?.now ?? own)) return;
  v8().setFlagsFromString(setting);
  if (setting === own) changed.delete(name);
  else changed.set(name, { now: setting, own });
}

/** Gives a flag V8's own setting again (`--turbo-inlining`). */
export function restoreV8Flag(own: string): void {
  setV8Flag(own, own);
}

/** Runs `load` under V8's own settings of the flags this run changed (bin/connlint.cjs loads each part through it). */
export function underV8Defaults<T>(load: () => T): T {
  if (!changed.size) return load();
  const settings = [...changed.values()];
  for (const { own } of settings) v8().setFlagsFromString(own);
  try {
    return load();
  } finally {
    for (const { now } of settings) v8().setFlagsFromString(now);
  }
}

function flagName(setting: string): string {
  return setting.replace(/^--(?:no-)?/, "").replace(/=.*$/, "");
}
