// Rule ids for what the parser, the loader and the schemas report: every diagnostic has a rule id.
import type { RuleMeta } from "./types.js";

export const BUILTIN_RULES: readonly RuleMeta[] = [
  { id: "alias-limit", severity: "error", description: "YAML aliases that expand to more values than any connection has (an alias bomb)" },
  { id: "duplicate-key", severity: "error", description: "A key set twice in the same mapping" },
  { id: "empty-file", severity: "warning", description: "A file named for linting that holds no connection" },
  { id: "invalid-suppression", severity: "warning", description: "A suppression comment naming a rule that does not exist or can't be suppressed" },
  { id: "invalid-value", severity: "error", description: "A value of the wrong type, outside its allowed values or range, or not in the required form", fixable: true },
  { id: "kind", severity: "error", description: "A document whose kind of connection can't be decided, or an invalid record_type" },
  { id: "kind-inferred", severity: "warning", description: "A connection whose kind is only inferred from its fields" },
  { id: "missing-field", severity: "error", description: "A required field that is missing" },
  { id: "nesting-limit", severity: "error", description: "Values nested more than 100 levels deep, in the text or through aliases; the document is not checked" },
  { id: "read-error", severity: "error", description: "A file that can't be read or decoded as text" },
  { id: "removed-field", severity: "warning", description: "A field the API has removed, which it no longer reads", fixable: true },
  { id: "stale-baseline", severity: "warning", description: "A baseline entry that no longer matches a problem, so the baseline can shrink" },
  { id: "syntax", severity: "error", description: "YAML or JSON that can't be parsed" },
  { id: "unknown-key", severity: "error", description: "A key the API does not know, with the key most likely meant", fixable: true },
  { id: "unknown-tag", severity: "warning", description: "A custom YAML tag, which connlint does not run" },
  { id: "unused-suppression", severity: "warning", description: "A suppression comment that suppresses nothing" },
  { id: "unquoted-id", severity: "warning", description: "An outbound voice profile ID written as a number instead of a string of digits", fixable: true },
];

/** Rules that can't be configured or suppressed: without a readable file nothing else can be checked. */
export const UNCONFIGURABLE = new Set(["syntax", "read-error"]);
