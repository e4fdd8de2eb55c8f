// The registry: every rule connlint has, sorted by id (a test checks the order and the docs).
import { BUILTIN_RULES } from "./builtin.js";
import type { Rule, RuleMeta } from "./types.js";

/** Cross-field rules, one module each. */
export const RULES: readonly Rule[] = [];

export const ALL_RULES: readonly RuleMeta[] = [...BUILTIN_RULES, ...RULES].sort((a, b) => a.id.localeCompare(b.id));

const BY_ID = new Map(ALL_RULES.map((rule) => [rule.id, rule]));

export function ruleMeta(id: string): RuleMeta | undefined {
  return BY_ID.get(id);
}

