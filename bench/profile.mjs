// Where connlint's time goes: one run under node --cpu-prof, its self time summed by package, connlint file and Node internals.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { connlint, ROOT } from "./tools.mjs";

const TOP = 14;

/**
 * Profiles one run of connlint over `paths` and returns the sampled time and the largest shares of it by place (Node
 * refuses --cpu-prof in NODE_OPTIONS, so the flags go on the command line). `args` are connlint's options; with
 * `fillCacheFirst`, the same command runs once unprofiled before, so that the profiled run finds the cache it left.
 */
export function profileSummary(paths, cwd, { args = [], fillCacheFirst = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "connlint-prof-"));
  try {
    if (fillCacheFirst) run(connlint(paths, args), cwd);
    run(connlint(paths, args, ["--cpu-prof", `--cpu-prof-dir=${dir}`]), cwd);
    const [file] = readdirSync(dir).filter((name) => name.endsWith(".cpuprofile"));
    return summarize(JSON.parse(readFileSync(join(dir, file), "utf8")));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(command, cwd) {
  const result = spawnSync("sh", ["-c", command.run], { cwd, stdio: "ignore" });
  if (result.error) throw result.error;
}

/**
 * Self time (ms) by place, largest first, and the inclusive time of connlint's own functions (the
 * time spent in them and in everything they call, such as compiling the schemas).
 */
export function summarize(profile) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map(profile.nodes.flatMap((node) => (node.children ?? []).map((child) => [child, node.id])));
  const self = new Map();
  const inclusive = new Map();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const ms = profile.timeDeltas[index] / 1000;
    total += ms;
    add(self, placeOf(nodes.get(id).callFrame), ms);
    for (const name of new Set(connlintFrames(id, nodes, parents))) add(inclusive, name, ms);
  });
  const places = largest(self);
  return { totalMs: total, places: places.slice(0, TOP), restMs: places.slice(TOP).reduce((sum, entry) => sum + entry.ms, 0), functions: largest(inclusive).slice(0, TOP) };
}

function add(map, key, ms) {
  map.set(key, (map.get(key) ?? 0) + ms);
}

function largest(map) {
  return [...map].sort((a, b) => b[1] - a[1]).map(([place, ms]) => ({ place, ms }));
}

/** The connlint functions on a sample's stack, as `name (file:line)`. */
function* connlintFrames(id, nodes, parents) {
  for (let at = id; at !== undefined; at = parents.get(at)) {
    const { functionName, url, lineNumber } = nodes.get(at).callFrame;
    const place = url && placeOf({ functionName, url });
    if (place?.startsWith("connlint ")) yield `${functionName || "(anonymous)"} (${place.slice("connlint ".length)}:${lineNumber + 1})`;
  }
}

function placeOf({ functionName, url }) {
  if (!url) {
    if (functionName === "(garbage collector)") return "garbage collection";
    if (functionName === "(program)") return "(program): V8 and Node native work, such as compiling";
    if (functionName === "(idle)") return "(idle): waiting";
    return `native: ${functionName || "(anonymous)"}`;
  }
  if (url.startsWith("node:")) return /modules|vm|loader/.test(url) ? "Node: loading modules" : `Node: ${url.slice(5).split("/").slice(0, 2).join("/")}`;
  const path = url.startsWith("file:") ? fileURLToPath(url) : url;
  const packages = path.split("/node_modules/");
  if (packages.length > 1) {
    const [scope, name] = packages.at(-1).split("/");
    return `package ${scope.startsWith("@") ? `${scope}/${name}` : scope}`;
  }
  return path.startsWith(ROOT) ? `connlint ${relative(ROOT, path)}` : path;
}
