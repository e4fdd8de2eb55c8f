// A file's analysis in a form that can be kept (the --cache file) or sent (from a worker thread): no text, no tree,
// and each unique value without its place, which is found again from the file only if another connection shares it.
import { comparedValue, type Place, type UniqueFact } from "../cross-file.js";
import type { Severity } from "../diagnostics/types.js";
import { toPointer } from "../diagnostics/pointer.js";
import { type FileAnalysis, type LintOptions, type Placer, placer } from "../lint.js";
import { formatOf } from "../load/index.js";
import { UNIQUE_RULES } from "../rules/index.js";

/**
 * A file's unique values, compactly: four items for each, [rule, value, document, connection name, rule, …]; the
 * rest follows from the rule. One flat array rather than an array for each value: a large run keeps every file's
 * values until the checks across files, and what outlives V8's young-generation collections makes that generation grow.
 */
export type StoredFacts = (string | number | null)[];

const FACT_ITEMS = 4;

/** Shared by the many results that have no diagnostics, no directives or no unique values; frozen, so that none can fill it. */
const NONE = Object.freeze([]) as unknown as never[];

export interface PortableAnalysis {
  filePath: string;
  skipped: boolean;
  diagnostics: FileAnalysis["diagnostics"];
  facts: StoredFacts;
  directives: FileAnalysis["directives"];
}

/**
 * What a large run keeps of a file until the checks across files: of a file that found nothing, which most files
 * are, only its unique values.
 */
export type KeptAnalysis = PortableAnalysis | StoredFacts;

export function keep(analysis: PortableAnalysis): KeptAnalysis {
  return analysis.skipped || analysis.diagnostics.length || analysis.directives.length ? analysis : analysis.facts;
}

/** The kept file's analysis again. */
export function unkept(kept: KeptAnalysis): Omit<PortableAnalysis, "filePath"> {
  return Array.isArray(kept) ? { skipped: false, diagnostics: NONE, facts: kept, directives: NONE } : kept;
}

export function keptFacts(kept: KeptAnalysis): StoredFacts {
  return Array.isArray(kept) ? kept : kept.facts;
}

export function toPortable(analysis: FileAnalysis): PortableAnalysis {
  // Made at its size: an array grown by push keeps room for more.
  const facts: StoredFacts = analysis.facts.length ? new Array(analysis.facts.length * FACT_ITEMS) : NONE;
  let at = 0;
  for (const { ruleId, value, document, connectionName } of analysis.facts) {
    facts[at++] = ruleId;
    facts[at++] = value;
    facts[at++] = document;
    facts[at++] = connectionName ?? null;
  }
  return { filePath: analysis.filePath, skipped: analysis.skipped, diagnostics: orNone(analysis.diagnostics), facts, directives: orNone(analysis.directives) };
}

/** The report of a file with nothing to report: most files of a large run. */
export function cleanReport(filePath: string): { filePath: string; diagnostics: never[] } {
  return { filePath, diagnostics: NONE };
}

/** The list, or the shared empty list when it is empty or absent. */
export function orNone<T>(items: T[] | undefined): T[] {
  return items?.length ? items : NONE;
}

/** Whether the items are a file's unique values, four by four. */
export function areStoredFacts(items: unknown[]): items is StoredFacts {
  if (items.length % FACT_ITEMS) return false;
  for (let at = 0; at < items.length; at += FACT_ITEMS) {
    const connectionName = items[at + 3];
    if (typeof items[at] !== "string" || typeof items[at + 1] !== "string" || typeof items[at + 2] !== "number") return false;
    if (connectionName !== null && typeof connectionName !== "string") return false;
  }
  return true;
}

interface StoredFact {
  ruleId: string;
  value: string;
  document: number;
  connectionName: string | null;
}

/** The unique value whose items start at `at`. */
function factAt(facts: StoredFacts, at: number): StoredFact {
  return { ruleId: facts[at] as string, value: facts[at + 1] as string, document: facts[at + 2] as number, connectionName: facts[at + 3] as string | null };
}

/**
 * The analysis again, its values placed from `readText()` when asked (the file is read at most once). Of its values
 * only those that another connection has too come back: the others can't be duplicates.
 */
export function fromPortable(portable: Omit<PortableAnalysis, "filePath">, options: LintOptions, readText: () => string, shared: SharedValues): FileAnalysis {
  let placeInFile: Placer | undefined;
  const place: Placer = (document, pointer) => (placeInFile ??= placer(readText(), formatOf(options.filePath)))(document, pointer);
  const stored = portable.facts;
  const facts: UniqueFact[] = [];
  for (let at = 0; at < stored.length; at += FACT_ITEMS) {
    if (isShared(shared, stored[at] as string, stored[at + 1] as string)) facts.push(...restored(factAt(stored, at), options, place));
  }
  return { filePath: options.filePath, text: "", skipped: portable.skipped, diagnostics: portable.diagnostics, facts, directives: portable.directives, severities: options.severities ?? {} };
}

/** For each rule, the values (as it compares them) that more than one connection has. */
export type SharedValues = ReadonlyMap<string, ReadonlySet<string>>;

export function sharedValues(files: Iterable<StoredFacts>): SharedValues {
  const seen = new Map<string, Set<string>>();
  const shared = new Map<string, Set<string>>();
  for (const facts of files) {
    for (let at = 0; at < facts.length; at += FACT_ITEMS) {
      const ruleId = facts[at] as string;
      const value = comparedAs(ruleId, facts[at + 1] as string);
      if (value === undefined) continue;
      const seenOfRule = setIn(seen, ruleId);
      // One lookup rather than has() and add(): the set did not grow if it held the value already.
      const before = seenOfRule.size;
      if (seenOfRule.add(value).size === before) setIn(shared, ruleId).add(value);
    }
  }
  return shared;
}

/** Whether another connection has any of these values: only then can the file have a duplicate. */
export function sharesAny(facts: StoredFacts, shared: SharedValues): boolean {
  for (let at = 0; at < facts.length; at += FACT_ITEMS) if (isShared(shared, facts[at] as string, facts[at + 1] as string)) return true;
  return false;
}

// A rule without shared values, which most rules of most runs are, is answered before the value is compared.
function isShared(shared: SharedValues, ruleId: string, value: string): boolean {
  const values = shared.get(ruleId);
  if (!values) return false;
  const compared = comparedAs(ruleId, value);
  return compared !== undefined && values.has(compared);
}

/** The value as its rule compares it; undefined for a rule this connlint does not have. */
function comparedAs(ruleId: string, value: string): string | undefined {
  const rule = uniqueRule(ruleId);
  return rule && comparedValue(rule, value);
}

function setIn(sets: Map<string, Set<string>>, key: string): Set<string> {
  let set = sets.get(key);
  if (!set) sets.set(key, (set = new Set()));
  return set;
}

const UNIQUE_RULE_BY_ID = new Map(UNIQUE_RULES.map((rule) => [rule.id, rule]));

function uniqueRule(ruleId: string) {
  return UNIQUE_RULE_BY_ID.get(ruleId);
}

function restored({ ruleId, value, document, connectionName }: StoredFact, options: LintOptions, placeInFile: Placer): UniqueFact[] {
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
