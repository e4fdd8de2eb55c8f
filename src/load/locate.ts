// JSON path → place in the text. A path that does not exist falls back to its nearest existing parent.
import type { Path, Range } from "../diagnostics/types.js";
import { type MapNode, type Node, resolve } from "./tree.js";

export interface Location {
  /** Where the value is reported (the alias or merge key when it comes from an anchor). */
  value: Range;
  /** Where its key is reported; undefined for the document root and array items. */
  key: Range | undefined;
  /** False when the path does not exist and this is its nearest parent. */
  found: boolean;
  /** The node itself (inside the anchor, for an aliased value). */
  node: Node | undefined;
  /** For a value reached through an alias or merge key: where it is actually written. */
  anchored: Range | undefined;
  /** True when the value, or a mapping or list around it, is reused by an alias: an edit would change the aliases too. */
  shared: boolean;
}

export function locate(root: Node, path: Path): Location {
  let node: Node | undefined = root;
  let location: Location = { value: root.range, key: undefined, found: true, node: root, anchored: undefined, shared: isShared(root) };
  // Once inside an alias, everything is reported at the alias; `anchored` tracks the real place.
  let via: Range | undefined;
  for (const segment of path) {
    if (node?.type === "alias") via ??= node.range;
    const target = resolve(node);
    const step = target ? child(target, segment) : undefined;
    if (!step) return { ...location, found: false };
    if (step.through) via ??= step.through;
    node = step.node;
    // A value that is itself an alias is reported at the alias too, with its anchor as the related place.
    const reportedAt = via ?? (node.type === "alias" ? node.range : undefined);
    location = {
      value: reportedAt ?? node.range,
      key: via ?? step.key,
      found: true,
      node: resolve(node),
      anchored: reportedAt ? (resolve(node) ?? node).range : undefined,
      shared: location.shared || reportedAt !== undefined || isShared(node),
    };
  }
  return location;
}

interface Step {
  node: Node;
  key: Range | undefined;
  /** The merge key the value came through, if any. */
  through: Range | undefined;
}

function child(node: Node, segment: string | number): Step | undefined {
  if (node.type === "seq") {
    const item = typeof segment === "number" ? node.items[segment] : undefined;
    return item && { node: item, key: undefined, through: undefined };
  }
  if (node.type === "map") return entryOf(node, String(segment), new Set());
  return undefined;
}

function entryOf(map: MapNode, key: string, seen: Set<Node>): Step | undefined {
  seen.add(map);
  for (let i = map.entries.length - 1; i >= 0; i--) {
    const entry = map.entries[i]!;
    if (!entry.merge && entry.key === key) return { node: entry.value, key: entry.keyRange, through: undefined };
  }
  for (const entry of map.entries) {
    if (!entry.merge) continue;
    const target = resolve(entry.value);
    const sources = target?.type === "seq" ? target.items : [entry.value];
    for (const source of sources) {
      const merged = resolve(source);
      if (merged?.type !== "map" || seen.has(merged)) continue;
      const found = entryOf(merged, key, seen);
      if (found) return { node: found.node, key: found.key, through: entry.keyRange };
    }
  }
  return undefined;
}

function isShared(node: Node | undefined): boolean {
  const target = resolve(node);
  return target !== undefined && target.type !== "alias" && target.shared === true;
}
