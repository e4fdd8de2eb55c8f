// Node's own modules that only some runs need, loaded on first use: the command is one bundle, and every import at
// the top of a bundled module is loaded when it starts (crypto alone takes milliseconds).
import { createRequire } from "node:module";

const load = createRequire(import.meta.url);

export const crypto = () => load("node:crypto") as typeof import("node:crypto");
export const net = () => load("node:net") as typeof import("node:net");
export const os = () => load("node:os") as typeof import("node:os");
export const workerThreads = () => load("node:worker_threads") as typeof import("node:worker_threads");
