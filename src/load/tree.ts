// The positional tree both parsers produce: every node knows where it is in the text.
import type { Range } from "../diagnostics/types.js";

export type Node = ScalarNode | MapNode | SeqNode | AliasNode;

/** Set on a node that an alias elsewhere reuses: editing it changes every alias too. */
export interface Shared {
  shared?: true;
}

export interface ScalarNode extends Shared {
  type: "scalar";
  range: Range;
  value: string | number | boolean | null;
  /** The scalar exactly as written (quotes included for JSON; the plain text for YAML plain scalars). */
  source: string;
  /** Plain (unquoted) YAML scalar, or a JSON number/literal. */
  plain: boolean;
  tag?: string;
}

/** The YAML 1.2 core schema's own tags, and how each is written (`!!str`); any other tag is one connlint does not know. */
export const CORE_TAGS: ReadonlyMap<string, string> = new Map(["str", "int", "float", "bool", "null", "map", "seq"].map((name) => [`tag:yaml.org,2002:${name}`, `!!${name}`]));

export interface Entry {
  key: string;
  keyRange: Range;
  /** True for a YAML merge key (`<<`). */
  merge: boolean;
  value: Node;
}

export interface MapNode extends Shared {
  type: "map";
  range: Range;
  entries: Entry[];
}

export interface SeqNode extends Shared {
  type: "seq";
  range: Range;
  items: Node[];
}

export interface AliasNode {
  type: "alias";
  range: Range;
  name: string;
  /** The anchored node; undefined when the anchor does not exist (a syntax problem). */
  target: Node | undefined;
}

/** Follows aliases to the node they stand for. */
export function resolve(node: Node | undefined): Node | undefined {
  let current = node;
  for (let hops = 0; current?.type === "alias" && hops < 100; hops++) current = current.target;
  return current?.type === "alias" ? undefined : current;
}
