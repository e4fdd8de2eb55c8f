// Node's own modules that only some runs need, loaded on first use: the command is one bundle, and every import at
// the top of a bundled module is loaded when it starts (crypto alone takes milliseconds).
import { createRequire } from "node:module";

// Made on first use too: the first createRequire() of a process takes about half a millisecond.
let load: NodeJS.Require | undefined;

/** require() from connlint's own folder, for Node's modules and for packages in node_modules. */
export function requireHere(name: string): unknown {
  return (load ??= createRequire(import.meta.url))(name);
}

/** The module, loaded on the first call: a require() per call costs a microsecond, which a hash per file notices. */
function lazy<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= requireHere(name) as T);
}

export const crypto = lazy<typeof import("node:crypto")>("node:crypto");
export const net = lazy<typeof import("node:net")>("node:net");
export const os = lazy<typeof import("node:os")>("node:os");
export const v8 = lazy<typeof import("node:v8")>("node:v8");
export const vm = lazy<typeof import("node:vm")>("node:vm");
export const workerThreads = lazy<typeof import("node:worker_threads")>("node:worker_threads");
