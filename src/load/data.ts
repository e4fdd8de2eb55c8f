// Positional tree → the plain data that schemas and rules check, with YAML aliases and merge keys resolved.
import type { Report } from "../diagnostics/types.js";
import { type AliasNode, type MapNode, type Node, resolve } from "./tree.js";

/** More values than this in one expanded document is an alias bomb, not a connection. */
export const EXPANDED_VALUES_LIMIT = 100_000;

export interface DataResult {
  data: unknown;
  problems: Report[];
}

export function toData(root: Node): DataResult {
  const sizes = new Map<Node, number>();
  if (expandedSize(root, sizes) > EXPANDED_VALUES_LIMIT) {
    return { data: undefined, problems: [aliasBomb(root, sizes)] };
  }
  const problems: Report[] = [];
  return { data: build(root, new Map(), problems), problems };
}

function build(node: Node, built: Map<Node, unknown>, problems: Report[]): unknown {
  const target = resolve(node);
  if (!target) return null;
  const done = built.get(target);
  if (done !== undefined) return done;
  let value: unknown;
  switch (target.type) {
    case "scalar":
      return target.value;
    case "seq":
      value = target.items.map((item) => build(item, built, problems));
      break;
    case "map":
      value = buildMap(target, built, problems);
      break;
  }
  built.set(target, value);
  return value;
}

function buildMap(node: MapNode, built: Map<Node, unknown>, problems: Report[]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  const merged: Record<string, unknown>[] = [];
  for (const entry of node.entries) {
    if (entry.merge) {
      merged.push(...mergeSources(entry.value, built, problems));
      continue;
    }
    setOwn(object, entry.key, build(entry.value, built, problems));
  }
  // Keys written in the mapping win over merged ones; among merged mappings, the first wins.
  for (const source of merged) {
    for (const key of Object.keys(source)) {
      if (!Object.prototype.hasOwnProperty.call(object, key)) setOwn(object, key, source[key]);
    }
  }
  return object;
}

function mergeSources(value: Node, built: Map<Node, unknown>, problems: Report[]): Record<string, unknown>[] {
  const target = resolve(value);
  const items = target?.type === "seq" ? target.items : [value];
  const sources: Record<string, unknown>[] = [];
  for (const item of items) {
    const data = build(item, built, problems);
    if (data !== null && typeof data === "object" && !Array.isArray(data)) sources.push(data as Record<string, unknown>);
    else problems.push({ ruleId: "syntax", path: [], message: "a merge key `<<` takes an alias to a mapping, or a list of such aliases", range: item.range });
  }
  return sources;
}

/** Sets a key as an own property, even `__proto__`, so no key can reach the prototype. */
function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}

function expandedSize(node: Node, sizes: Map<Node, number>): number {
  const known = sizes.get(node);
  if (known !== undefined) return known;
  sizes.set(node, 1); // guards against a cycle while this node is being measured
  let size = 1;
  if (node.type === "alias") size = node.target ? expandedSize(node.target, sizes) : 1;
  else if (node.type === "seq") for (const item of node.items) size += expandedSize(item, sizes);
  else if (node.type === "map") for (const entry of node.entries) size += expandedSize(entry.value, sizes);
  size = Math.min(size, Number.MAX_SAFE_INTEGER);
  sizes.set(node, size);
  return size;
}

function aliasBomb(root: Node, sizes: Map<Node, number>): Report {
  let worst: AliasNode | undefined;
  const visit = (node: Node, seen: Set<Node>) => {
    if (seen.has(node)) return;
    seen.add(node);
    if (node.type === "alias") {
      if (!worst || (sizes.get(node) ?? 0) > (sizes.get(worst) ?? 0)) worst = node;
    } else if (node.type === "seq") node.items.forEach((item) => visit(item, seen));
    else if (node.type === "map") node.entries.forEach((entry) => visit(entry.value, seen));
  };
  visit(root, new Set());
  return {
    ruleId: "alias-limit",
    path: [],
    message: `YAML aliases here expand to more than ${EXPANDED_VALUES_LIMIT.toLocaleString("en-US")} values (an alias bomb?); connlint does not expand them, and the document is not checked`,
    range: (worst ?? root).range,
  };
}
