// Positional tree → the plain data that schemas and rules check, with YAML aliases and merge keys resolved.
import { code } from "../diagnostics/show.js";
import type { Report } from "../diagnostics/types.js";
import { NESTING_LIMIT, nestingReport } from "./document.js";
import { type AliasNode, type MapNode, type Node, resolve } from "./tree.js";

/** Aliases that add more values than this to one document make an alias bomb, not a connection. */
export const EXPANDED_VALUES_LIMIT = 100_000;

export interface DataResult {
  data: unknown;
  problems: Report[];
}

/** Builds the document's data, unless its aliases loop, explode or nest too deep: then one problem, and no data. */
export function toData(root: Node): DataResult {
  const measured = measure(root);
  if ("loop" in measured) return { data: undefined, problems: [aliasLoop(measured.loop)] };
  const { sizes, written } = measured;
  const rootSize = sizes.get(root)!;
  if (rootSize.values - written > EXPANDED_VALUES_LIMIT) return { data: undefined, problems: [aliasBomb(root, sizes)] };
  if (rootSize.depth > NESTING_LIMIT) return { data: undefined, problems: [nestingReport(deepestAlias(root, sizes)?.range ?? root.range)] };
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
export function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}

/** A node's size once its aliases are expanded: how many values, and how deep. */
interface Size {
  values: number;
  depth: number;
}

type Measured = { sizes: Map<Node, Size>; written: number } | { loop: AliasNode };

/** What a node's value is made of, aliases followed (merge keys are entries whose value is an alias). */
function childrenOf(node: Node): Node[] {
  if (node.type === "alias") return node.target ? [node.target] : [];
  if (node.type === "seq") return node.items;
  if (node.type === "map") return node.entries.map((entry) => entry.value);
  return [];
}

/**
 * Sizes every node reachable from the root, once each, with an explicit stack: aliases may chain
 * far deeper than the call stack goes. An alias inside the value it names is a loop, never expanded.
 */
function measure(root: Node): Measured {
  const sizes = new Map<Node, Size>();
  const onPath = new Set<Node>();
  const stack: { node: Node; children: Node[]; next: number }[] = [];
  const enter = (node: Node) => {
    onPath.add(node);
    stack.push({ node, children: childrenOf(node), next: 0 });
  };
  enter(root);
  while (stack.length) {
    const frame = stack[stack.length - 1]!;
    if (frame.next < frame.children.length) {
      const child = frame.children[frame.next++]!;
      if (onPath.has(child)) return { loop: closingAlias(stack) };
      if (!sizes.has(child)) enter(child);
      continue;
    }
    const { node, children } = frame;
    const own = node.type === "alias" ? (node.target ? 0 : 1) : 1;
    let values = own;
    let depth = 0;
    for (const child of children) {
      const size = sizes.get(child)!;
      values = Math.min(values + size.values, Number.MAX_SAFE_INTEGER);
      depth = Math.max(depth, size.depth);
    }
    sizes.set(node, { values, depth: depth + (node.type === "alias" ? 0 : 1) });
    onPath.delete(node);
    stack.pop();
  }
  // Values as written: every node once, each alias once instead of what it stands for.
  return { sizes, written: sizes.size };
}

/** The alias through which a loop closes: the innermost alias on the path (an alias only names what is above it). */
function closingAlias(stack: { node: Node }[]): AliasNode {
  for (let i = stack.length - 1; i >= 0; i--) {
    const node = stack[i]!.node;
    if (node.type === "alias") return node;
  }
  throw new Error("a loop without an alias: the tree itself has a cycle");
}

/** The first alias on the deepest path from the root: where the depth comes from, the text itself being shallow. */
function deepestAlias(root: Node, sizes: Map<Node, Size>): AliasNode | undefined {
  let node: Node | undefined = root;
  while (node) {
    if (node.type === "alias") return node;
    const children = childrenOf(node);
    node = children.reduce<Node | undefined>((deepest, child) => (!deepest || sizes.get(child)!.depth > sizes.get(deepest)!.depth ? child : deepest), undefined);
  }
  return undefined;
}

function aliasLoop(alias: AliasNode): Report {
  return {
    ruleId: "alias-limit",
    path: [],
    message: `the alias ${code(`*${alias.name}`)} stands for a value that contains the alias itself, a loop without end; connlint does not expand it, and the document is not checked`,
    range: alias.range,
  };
}

function aliasBomb(root: Node, sizes: Map<Node, Size>): Report {
  let worst: AliasNode | undefined;
  for (const [node, size] of sizes) {
    if (node.type !== "alias") continue;
    const best = worst && sizes.get(worst)!.values;
    if (!worst || size.values > best! || (size.values === best && node.range.start < worst.range.start)) worst = node;
  }
  return {
    ruleId: "alias-limit",
    path: [],
    message: `YAML aliases here expand to more than ${EXPANDED_VALUES_LIMIT.toLocaleString("en-US")} values (an alias bomb?); connlint does not expand them, and the document is not checked`,
    range: (worst ?? root).range,
  };
}
