// A file's analysis in a form that can be kept (the --cache file) or sent (from a worker thread): no text, no tree,
// and each unique value without its place, which is found again from the file only if another connection shares it.
import { comparedValue, duplicateGroup, type Place, type UniqueFact } from "../cross-file.js";
import type { Severity } from "../diagnostics/types.js";
import { toPointer } from "../diagnostics/pointer.js";
import { type FileAnalysis, type LintOptions, type Placer, placer } from "../lint.js";
import { formatOf } from "../load/index.js";
import { UNIQUE_RULES } from "../rules/index.js";

/** A unique value, compactly: [rule, value, document, connection name]. The rest follows from the rule. */
export type StoredFact = [ruleId: string, value: string, document: number, connectionName: string | null];

export interface PortableAnalysis {
  filePath: string;
  skipped: boolean;
  diagnostics: FileAnalysis["diagnostics"];
  facts: StoredFact[];
  directives: FileAnalysis["directives"];
}

export function toPortable(analysis: FileAnalysis): PortableAnalysis {
  const facts = analysis.facts.map((fact): StoredFact => [fact.ruleId, fact.value, fact.document, fact.connectionName ?? null]);
  return { filePath: analysis.filePath, skipped: analysis.skipped, diagnostics: analysis.diagnostics, facts, directives: analysis.directives };
}

/**
 * The analysis again, its values placed from `readText()` when asked (the file is read at most once). Given the keys
 * that more than one connection has, only the values under those keys come back: the others can't be duplicates.
 */
export function fromPortable(portable: Omit<PortableAnalysis, "filePath">, options: LintOptions, readText: () => string, shared: ReadonlySet<string>): FileAnalysis {
  const kept = portable.facts.filter((stored) => shared.has(factKey(stored)!));
  let placeInFile: Placer | undefined;
  const place: Placer = (document, pointer) => (placeInFile ??= placer(readText(), formatOf(options.filePath)))(document, pointer);
  const facts = kept.length ? kept.flatMap((stored) => restored(stored, options, place)) : [];
  return { filePath: options.filePath, text: "", skipped: portable.skipped, diagnostics: portable.diagnostics, facts, directives: portable.directives, severities: options.severities ?? {} };
}

/** The group crossFileDiagnostics puts a value in; undefined for a rule this connlint does not have. */
export function factKey([ruleId, value]: StoredFact): string | undefined {
  const rule = uniqueRule(ruleId);
  return rule ? duplicateGroup(ruleId, comparedValue(rule, value)) : undefined;
}

/** The keys that more than one of these values has. */
export function sharedKeys(facts: Iterable<StoredFact>): Set<string> {
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const fact of facts) {
    const key = factKey(fact);
    if (key === undefined) continue;
    if (seen.has(key)) shared.add(key);
    else seen.add(key);
  }
  return shared;
}

const UNIQUE_RULE_BY_ID = new Map(UNIQUE_RULES.map((rule) => [rule.id, rule]));

function uniqueRule(ruleId: string) {
  return UNIQUE_RULE_BY_ID.get(ruleId);
}

function restored([ruleId, value, document, connectionName]: StoredFact, options: LintOptions, placeInFile: Placer): UniqueFact[] {
  const rule = uniqueRule(ruleId);
  if (!rule) return [];
  const pointer = toPointer(rule.path);
  let place: Place | undefined;
  const fact: UniqueFact = {
    ruleId,
    severity: (options.severities?.[ruleId] as Severity | undefined) ?? rule.severity,
    label: rule.label,
    value,
    key: comparedValue(rule, value),
    filePath: options.filePath,
    document,
    pointer,
    place: () => (place ??= placeInFile(document, pointer)),
  };
  if (connectionName !== null) fact.connectionName = connectionName;
  return [fact];
}
