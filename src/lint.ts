// The pipeline: text → documents → kind → schema → rules → diagnostics, then across files, then suppressions.
import { comparedValue, crossFileDiagnostics, type Place, type UniqueFact } from "./cross-file.js";
import { nearest } from "./diagnostics/nearest.js";
import { isPlaceholder } from "./diagnostics/placeholder.js";
import { pointerSegments, toPointer } from "./diagnostics/pointer.js";
import { code, isSecretPath, maskUrlSecrets } from "./diagnostics/show.js";
import { sortDiagnostics } from "./diagnostics/sort.js";
import type { Diagnostic, Fix, Path, Range, Report, Severity } from "./diagnostics/types.js";
import { removeEntry } from "./fix/remove-entry.js";
import { detectKind, detectOperation, envelopePath, isObject, type Kind, looksLikeConnection, type Operation } from "./kind.js";
import { toData } from "./load/data.js";
import { stripBom } from "./load/decode.js";
import { formatOf, loadDocumentAlone, type LoadedDocument, type LoadedFile, loadText, type SourceFormat } from "./load/index.js";
import { lineColumn, lineStartsOf } from "./load/lines.js";
import { type QuickDocument, quickJsonDocuments, quickYamlDocuments } from "./load/quick.js";
import { locate } from "./load/locate.js";
import type { Node, ScalarNode } from "./load/tree.js";
import { UNCONFIGURABLE } from "./rules/builtin.js";
import { ALL_RULES, ruleMeta, RULES, UNIQUE_RULES } from "./rules/index.js";
import type { Rule, RuleContext, RuleSettings, WrittenScalar } from "./rules/types.js";
import { valueAt } from "./rules/values.js";
import { checkSchema, isValid, type Repaired, repairKeys, schemaTypesAt, type SourceView, type Variant } from "./schema/index.js";
import { applyDirectives, type Directive, findDirectives } from "./suppressions.js";

export type RuleSeverities = Record<string, Severity | "off">;

export interface LintOptions {
  /** Decides the parser (`.json` or YAML) and appears in reports. */
  filePath: string;
  /** The kind the config's overrides give this file. */
  overrideKind?: Kind;
  /** The request the config's overrides say this file is the body of (`update` for a PATCH). */
  overrideOperation?: Operation;
  /** Severities by rule id, from the config: `off` drops the rule. */
  severities?: RuleSeverities;
  /** Skip the file, reporting nothing, unless it holds a connection (DESIGN §1). */
  onlyConnections?: boolean;
  settings?: Partial<RuleSettings>;
  /** False to build every file's positions even when it has nothing to report (tests compare the two paths). */
  quick?: boolean;
}

/** What one file yields before the checks across files: its own problems, and its share of the unique values. */
export interface FileAnalysis {
  filePath: string;
  /** The text that was linted (BOM removed); offsets in diagnostics index it. */
  text: string;
  /** True when `onlyConnections` found no connection in the file. */
  skipped: boolean;
  diagnostics: Diagnostic[];
  facts: UniqueFact[];
  directives: Directive[];
  severities: RuleSeverities;
}

export interface LintResult {
  filePath: string;
  text: string;
  diagnostics: Diagnostic[];
  skipped: boolean;
}

const MODELINE = /#\s*yaml-language-server\s*:\s*\$schema=(\S+)/;
const DEFAULT_SETTINGS: RuleSettings = { knownCodecs: [] };
const FULL_SETTINGS = new WeakMap<Partial<RuleSettings>, RuleSettings>();

/** The rules' settings for a file: made once for all the files that share the given ones (a run's files mostly do). */
function ruleSettings({ settings }: LintOptions): RuleSettings {
  if (!settings) return DEFAULT_SETTINGS;
  let full = FULL_SETTINGS.get(settings);
  if (!full) FULL_SETTINGS.set(settings, (full = { ...DEFAULT_SETTINGS, ...settings }));
  return full;
}

/** Lints one text on its own: the checks across connections see only this file's connections. */
export function lintText(rawText: string, options: LintOptions): LintResult {
  const analysis = analyzeText(rawText, options);
  return finishFile(analysis, crossFileDiagnostics(analysis.facts).get(analysis.filePath) ?? []);
}

export function analyzeText(rawText: string, options: LintOptions): FileAnalysis {
  const text = stripBom(rawText);
  const format = formatOf(options.filePath);
  const quick = options.quick === false ? undefined : quickDocuments(text, format);
  const quickly = quick?.length && !quick.some(({ data }) => data === null || data === undefined) ? analyzeQuickly(text, format, quick, options) : undefined;
  if (quickly) return quickly;
  const file = loadText(text, format);
  const documents = file.documents.map((document) => prepare(file, document));
  const analysis = emptyAnalysis(text, options);
  if (options.onlyConnections && !documents.some((prepared) => isConnection(file, prepared, options))) return { ...analysis, skipped: true };
  for (const prepared of documents) analyzeDocument(file, prepared, options, analysis);
  const severities = analysis.severities;
  const emptySeverity = severities["empty-file"] ?? "warning";
  if (!file.documents.some((document) => document.root) && !analysis.diagnostics.length && emptySeverity !== "off") {
    analysis.diagnostics.push(fileLevel(file, "empty-file", emptySeverity, "this file holds no connection"));
  }
  if (file.format === "yaml") analysis.directives = findDirectives(text, file.lineStarts);
  return analysis;
}

function emptyAnalysis(text: string, options: LintOptions): FileAnalysis {
  return { filePath: options.filePath, text, skipped: false, diagnostics: [], facts: [], directives: [], severities: options.severities ?? {} };
}

/** Checks one document with positions: its diagnostics and its unique values go into `analysis`. */
function analyzeDocument(file: LoadedFile, prepared: Prepared, options: LintOptions, analysis: FileAnalysis): void {
  const { prefix, found, kind, connection } = checkDocument(prepared, options, file);
  const connectionName = typeof connection?.connection_name === "string" ? connection.connection_name : undefined;
  for (const report of found) {
    const diagnostic = toDiagnostic(file, prepared.document, prefix, report, analysis.severities);
    if (diagnostic && connectionName !== undefined) diagnostic.connectionName = connectionName;
    if (diagnostic) analysis.diagnostics.push(diagnostic);
  }
  if (!kind || !connection) return;
  const placeOfPath = (path: Path): Place => {
    const { range } = placeOf(file, prepared.document, [...prefix, ...path]);
    return { range, ...position(file, range) };
  };
  // Placed now, so that no fact holds on to the file's tree until the checks across files run.
  for (const fact of uniqueFacts(kind, connection, options, prepared.document.index, connectionName, placeOfPath)) {
    fact.place = already(fact.place());
    analysis.facts.push(fact);
  }
}

function quickDocuments(text: string, format: SourceFormat): QuickDocument[] | undefined {
  return format === "yaml" ? quickYamlDocuments(text) : quickJsonDocuments(text);
}

/**
 * Most documents have nothing to report: read as plain data (no positions), checked, and done. A document where
 * anything is found is read again with positions, on its own; the positions of the others' unique values are found
 * only if another connection shares one. Undefined when a document does not read alone as one document with positions:
 * the whole file then takes the full path.
 */
function analyzeQuickly(text: string, format: SourceFormat, documents: QuickDocument[], options: LintOptions): FileAnalysis | undefined {
  const analysis = emptyAnalysis(text, options);
  if (options.onlyConnections && !documents.some(({ data }) => looksLikeConnection(data, undefined, options.overrideKind))) return { ...analysis, skipped: true };
  const place = placer(text, format, documents);
  let file: LoadedFile | undefined;
  for (const [index, { start, end, data, byBlockReader }] of documents.entries()) {
    if (isCleanDocument(data, index, options, analysis, place)) continue;
    file ??= { format, text, documents: [], lineStarts: lineStartsOf(text), screened: true };
    const document = loadDocumentAlone(text, format, start, end, index);
    if (!document) return undefined;
    // Read by connlint's own reader, the data is what toData would build from the tree, with nothing to report.
    analyzeDocument(file, byBlockReader ? prepared(file, document, data) : prepare(file, document), options, analysis);
  }
  return analysis;
}

/** True when a document read as plain data has nothing to report; its unique values then go into `analysis`. */
function isCleanDocument(data: unknown, index: number, options: LintOptions, analysis: FileAnalysis, place: Placer): boolean {
  const prefix = envelopePath(data) ?? [];
  const connection = prefix.length ? (data as Record<string, unknown>).data : data;
  if (!isObject(connection)) return false;
  const { kind, reports } = detectKind({ connection, modelineSchema: undefined, overrideKind: options.overrideKind });
  if (!kind || reports.length) return false;
  const variant: Variant = prefix.length ? "response" : detectOperation({ connection, modelineSchema: undefined, overrideOperation: options.overrideOperation });
  if (!isValid(connection, kind, variant)) return false;
  const context: RuleContext = { kind, operation: variant, connection, settings: ruleSettings(options), plainScalars: () => [], schemaTypes: (path) => schemaTypesAt(kind, path, variant), render: (value) => JSON.stringify(value) };
  if (runRules(context).length) return false;
  const name = typeof connection.connection_name === "string" ? connection.connection_name : undefined;
  for (const fact of uniqueFacts(kind, connection, options, index, name, placeIn(place, index))) analysis.facts.push(fact);
  return true;
}

function placeIn(place: Placer, document: number): (path: Path) => Place {
  return (path) => place(document, toPointer(path));
}

/** Finds where the value at a connection's pointer is, in a document of a text that was read without positions. */
export type Placer = (document: number, pointer: string) => Place;

/**
 * A placer for a text. Each document is read with positions only when a place in it is first asked for, and on its
 * own when the quick reader split the text into documents; the text's line index is built once.
 */
export function placer(rawText: string, format: SourceFormat, quick?: QuickDocument[]): Placer {
  const text = stripBom(rawText);
  // Only the extents are kept: a placer may live as long as the facts, the parsed data need not.
  const bounds = (quick ?? quickDocuments(text, format))?.map(({ start, end }) => ({ start, end }));
  let file: LoadedFile | undefined;
  let whole: LoadedFile | undefined;
  const read = new Map<number, { document: LoadedDocument; prefix: Path } | undefined>();
  const readDocument = (index: number): LoadedDocument | undefined => {
    const piece = bounds?.[index];
    const alone = piece && loadDocumentAlone(text, format, piece.start, piece.end, index);
    if (alone) {
      file ??= { format, text, documents: [], lineStarts: lineStartsOf(text), screened: true };
      return alone;
    }
    file = whole ??= loadText(text, format);
    return whole.documents[index];
  };
  // A document with two shared values is asked for twice: it is read, and its envelope found, once.
  const documentAt = (index: number) => {
    if (!read.has(index)) {
      const document = readDocument(index);
      read.set(index, document?.root ? { document, prefix: envelopePath(toData(document.root).data) ?? [] } : undefined);
    }
    return read.get(index);
  };
  return (index, pointer) => {
    const loaded = documentAt(index);
    if (!file || !loaded) return { range: { start: 0, end: 0 }, line: 1, column: 1, endLine: 1, endColumn: 1 };
    const { range } = placeOf(file, loaded.document, [...loaded.prefix, ...pointerSegments(pointer)]);
    return { range, ...position(file, range) };
  };
}

/** Adds the diagnostics from across files, applies the suppression comments and reports the unused ones. */
export function finishFile(analysis: FileAnalysis, fromOtherFiles: Diagnostic[]): LintResult {
  // Most files: nothing found, nothing to suppress.
  if (!analysis.diagnostics.length && !fromOtherFiles.length && !analysis.directives.length) {
    return { filePath: analysis.filePath, text: analysis.text, diagnostics: [], skipped: analysis.skipped };
  }
  const all = [...analysis.diagnostics, ...fromOtherFiles.filter((d) => analysis.severities[d.ruleId] !== "off")];
  const { kept, unused } = applyDirectives(all, analysis.directives, UNCONFIGURABLE);
  const directiveProblems = [
    ...analysis.directives.flatMap(invalidDirectiveIds),
    ...unused.filter(({ ruleId }) => isSuppressible(ruleId)).map(({ directive, ruleId }) => unusedDirective(directive, ruleId)),
  ].flatMap((problem) => directiveDiagnostic(problem, analysis.severities));
  return { filePath: analysis.filePath, text: analysis.text, diagnostics: sortDiagnostics([...kept, ...directiveProblems]), skipped: analysis.skipped };
}

interface DirectiveProblem {
  ruleId: "invalid-suppression" | "unused-suppression";
  directive: Directive;
  message: string;
}

function isSuppressible(ruleId: string): boolean {
  return ruleId === "" || (ruleMeta(ruleId) !== undefined && !UNCONFIGURABLE.has(ruleId));
}

function invalidDirectiveIds(directive: Directive): DirectiveProblem[] {
  return directive.ruleIds
    .filter((ruleId) => !isSuppressible(ruleId))
    .map((ruleId) => ({
      ruleId: "invalid-suppression",
      directive,
      message: ruleMeta(ruleId)
        ? `\`connlint-${directive.kind}\` names ${code(ruleId)}, which can't be suppressed: without a readable file nothing else can be checked`
        : `\`connlint-${directive.kind}\` names ${code(ruleId)}, which is not a connlint rule${nearestRule(ruleId)}`,
    }));
}

function nearestRule(ruleId: string): string {
  const meant = nearest(ruleId, ALL_RULES.map((rule) => rule.id));
  return meant ? `; did you mean ${code(meant)}?` : "";
}

function unusedDirective(directive: Directive, ruleId: string): DirectiveProblem {
  const what = ruleId ? `no ${code(ruleId)} problem` : "no problem";
  return { ruleId: "unused-suppression", directive, message: `\`connlint-${directive.kind}${ruleId ? ` ${ruleId}` : ""}\` suppresses nothing: ${what} is reported here; remove it` };
}

function directiveDiagnostic({ ruleId, directive, message }: DirectiveProblem, severities: RuleSeverities): Diagnostic[] {
  const severity = severities[ruleId] ?? ruleMeta(ruleId)?.severity ?? "warning";
  if (severity === "off") return [];
  return [{ ruleId, severity, message, pointer: "", document: 0, range: directive.range, ...directive.position }];
}

/** A document's data and modeline, computed once for the skip decision and the checks. */
interface Prepared {
  document: LoadedDocument;
  data: unknown;
  problems: Report[];
  modeline: string | undefined;
}

function prepare(file: LoadedFile, document: LoadedDocument): Prepared {
  if (document.broken || !document.root) return prepared(file, document, undefined);
  const { data, problems } = toData(document.root);
  return prepared(file, document, data, problems);
}

function prepared(file: LoadedFile, document: LoadedDocument, data: unknown, problems: Report[] = []): Prepared {
  const modeline = file.text.slice(document.index === 0 ? 0 : document.range.start, document.range.end).match(MODELINE)?.[1];
  return { document, data, problems, modeline };
}

/** Keys that only connection files have, for deciding about a file that does not even parse. */
const CONNECTION_WORDS = /\b(record_type|user_name|tech_prefix|ip_authentication_method|sip_subdomain|anchorsite_override|transport_protocol)\b["']?\s*:/;

function isConnection(file: LoadedFile, { document, data, modeline }: Prepared, options: LintOptions): boolean {
  if (document.broken) return CONNECTION_WORDS.test(file.text.slice(document.range.start, document.range.end));
  return looksLikeConnection(data, modeline, options.overrideKind);
}

interface Checked {
  prefix: Path;
  found: Report[];
  kind?: Kind;
  connection?: Record<string, unknown>;
}

function checkDocument({ document, data, problems, modeline }: Prepared, options: LintOptions, file: LoadedFile): Checked {
  const prefix = envelopePath(data) ?? [];
  // The loader's paths start at the document; reports speak of the connection, inside any envelope.
  const found = [...document.problems, ...problems].map((report) => ({ ...report, path: withoutPrefix(report.path, prefix) }));
  if (data === undefined || !document.root) return { prefix, found };
  const connection = prefix.length ? (data as Record<string, unknown>).data : data;
  if (!isObject(connection)) {
    found.push({ ruleId: "invalid-value", path: [], message: `a connection must be a mapping of settings, got ${describeDocument(connection)}` });
    return { prefix, found };
  }
  const { kind, reports } = detectKind({ connection, modelineSchema: modeline, overrideKind: options.overrideKind });
  found.push(...reports);
  if (!kind) return { prefix, found, connection };
  // An API response is checked as one, whatever the file declares; a body is a create unless declared an update.
  const variant: Variant = prefix.length ? "response" : detectOperation({ connection, modelineSchema: modeline, overrideOperation: options.overrideOperation });
  const writtenView = sourceView(file, document.root, prefix);
  const repaired = repairKeys(connection, kind, writtenView, variant);
  const view = sourceView(file, document.root, prefix, repaired.original);
  const checks = [
    ...checkSchema(repaired.connection, kind, variant, view),
    ...runRules(ruleContext(file, document.root, prefix, kind, variant, repaired.connection, options)),
  ];
  // A loop, not push(...checks): a list of 200,000 codecs can yield as many findings, more than a call's arguments.
  for (const report of repaired.reports) found.push(report);
  for (const report of checks) found.push(repaired.reports.length ? asWritten(report, repaired) : report);
  return { prefix, found, kind, connection: repaired.connection };
}

/** A report on the repaired connection, with its paths as the file writes them. */
function asWritten(report: Report, repaired: Repaired): Report {
  return { ...report, path: repaired.original(report.path), related: report.related?.map((r) => (r.path ? { ...r, path: repaired.original(r.path) } : r)) };
}

function runRules(context: RuleContext): Report[] {
  const reports: Report[] = [];
  for (const rule of rulesFor(context.kind)) for (const finding of rule.check(context)) reports.push({ ruleId: rule.id, ...finding });
  return reports;
}

const RULES_BY_KIND = new Map<Kind, readonly Rule[]>();

/** The rules that apply to a kind: every document asks, so the answer is kept. */
function rulesFor(kind: Kind): readonly Rule[] {
  let rules = RULES_BY_KIND.get(kind);
  if (!rules) RULES_BY_KIND.set(kind, (rules = RULES.filter((rule) => !rule.kinds || rule.kinds.includes(kind))));
  return rules;
}

function ruleContext(file: LoadedFile, root: Node, prefix: Path, kind: Kind, operation: Variant, connection: Record<string, unknown>, options: LintOptions): RuleContext {
  return {
    kind,
    operation,
    connection,
    settings: ruleSettings(options),
    plainScalars: () => (file.format === "yaml" && !file.screened ? plainScalarsOf(locate(root, prefix).node, []) : []),
    schemaTypes: (path) => schemaTypesAt(kind, path, operation),
    render: (value) => render(file, value),
  };
}

/** The plain scalars written in a tree (not through aliases: those are checked where the anchor is). */
function plainScalarsOf(node: Node | undefined, path: Path): WrittenScalar[] {
  if (!node) return [];
  // A tagged value (`!!str 0123`) is typed by its tag in every YAML version.
  if (node.type === "scalar") return node.plain && node.source && !node.tag ? [{ path, source: node.source, value: node.value }] : [];
  if (node.type === "seq") return node.items.flatMap((item, index) => plainScalarsOf(item, [...path, index]));
  if (node.type === "map") return node.entries.flatMap((entry) => (entry.merge ? [] : plainScalarsOf(entry.value, [...path, entry.key])));
  return [];
}

/** Each unique-value rule with its path as a pointer, made once: every document asks for them. */
const UNIQUE_RULE_POINTERS = UNIQUE_RULES.map((rule) => ({ rule, pointer: toPointer(rule.path) }));

/** The connection's values that must be unique; `placeOfPath` finds where one is, when it turns out to be shared. */
function uniqueFacts(kind: Kind, connection: Record<string, unknown>, options: LintOptions, document: number, connectionName: string | undefined, placeOfPath: (path: Path) => Place): UniqueFact[] {
  const facts: UniqueFact[] = [];
  for (const { rule, pointer } of UNIQUE_RULE_POINTERS) {
    const value = valueAt(connection, rule.path);
    const severity = options.severities?.[rule.id] ?? rule.severity;
    if ((rule.kinds && !rule.kinds.includes(kind)) || severity === "off" || typeof value !== "string" || !value || isPlaceholder(value)) continue;
    facts.push({ ruleId: rule.id, severity, label: rule.label, value, key: comparedValue(rule, value), filePath: options.filePath, document, pointer, connectionName, place: later(placeOfPath, rule.path) });
  }
  return facts;
}

/**
 * A fact outlives its file's analysis: its place function is made here, outside the functions that hold the
 * connection and the tree, so that it keeps only what it names (a closure keeps its whole enclosing scope).
 */
function later<T, R>(compute: (argument: T) => R, argument: T): () => R {
  return () => compute(argument);
}

function already<R>(result: R): () => R {
  return () => result;
}

function withoutPrefix(path: Path, prefix: Path): Path {
  return prefix.every((segment, i) => path[i] === segment) ? path.slice(prefix.length) : path;
}

function describeDocument(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value === null) return "an empty value";
  return typeof value === "string" ? `the string ${code(value)}` : `the value ${String(value)}`;
}

/** The source as checks see it; `original` maps a checked path to the path as written. */
function sourceView(file: LoadedFile, root: Node, prefix: Path, original: (path: Path) => Path = (path) => path): SourceView {
  return {
    scalarAt(path) {
      const location = locate(root, [...prefix, ...original(path)]);
      return location.found && location.node?.type === "scalar" ? { node: location.node, aliased: location.shared } : undefined;
    },
    keyAt(path) {
      const location = locate(root, [...prefix, ...original(path)]);
      return location.found && location.key ? { range: location.key, text: file.text.slice(location.key.start, location.key.end) } : undefined;
    },
    render: (value, like) => render(file, value, like),
    listEdit(path, items) {
      const location = locate(root, [...prefix, ...original(path)]);
      if (!location.found || !location.key || location.node?.type !== "scalar") return undefined;
      return listEdit(file, location.key, location.node.range, items);
    },
    removal: (path) => removeEntry(file.text, file.format, root, [...prefix, ...original(path)]),
  };
}

/** A scalar turned into a list: block style (`- item` lines) where the file writes lists so, else flow style. */
function listEdit(file: LoadedFile, key: Range, value: Range, items: string[]): Fix {
  const lineStart = file.text.lastIndexOf("\n", key.start) + 1;
  const inFlow = /[{[]/.test(file.text.slice(lineStart, key.start));
  const colon = file.text.indexOf(":", key.end);
  if (file.format === "json" || inFlow || !/^[ \t]*- /m.test(file.text) || colon < 0 || colon > value.start) {
    return { range: [value.start, value.end], text: render(file, items) };
  }
  const indent = " ".repeat(key.start - lineStart + 2);
  const eol = file.text.includes("\r\n") ? "\r\n" : "\n";
  return { range: [colon + 1, value.end], text: items.map((item) => `${eol}${indent}- ${render(file, item)}`).join("") };
}

/** A value as this file would write it: plain YAML where that reads back the same, else quoted. */
function render(file: LoadedFile, value: unknown, like?: ScalarNode): string {
  if (file.format === "json") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => render(file, item)).join(", ")}]`;
  if (typeof value !== "string") return JSON.stringify(value);
  const written = like ? file.text.slice(like.range.start, like.range.end) : "";
  if (written.startsWith("'")) return `'${value.replace(/'/g, "''")}'`;
  const plainIsSafe = /^[A-Za-z][\w.+/-]*( [\w.+/-]+)*$/.test(value) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(value);
  return plainIsSafe && !written.startsWith('"') ? value : JSON.stringify(value);
}

function toDiagnostic(file: LoadedFile, document: LoadedDocument, prefix: Path, report: Report, severities: RuleSeverities): Diagnostic | undefined {
  const configured = UNCONFIGURABLE.has(report.ruleId) ? undefined : severities[report.ruleId];
  if (configured === "off") return undefined;
  const severity = configured ?? report.severity ?? ruleMeta(report.ruleId)?.severity ?? "error";
  const place = report.range ? { range: report.range, anchored: undefined, shared: false } : placeOf(file, document, [...prefix, ...report.path], report.target);
  const diagnostic: Diagnostic = {
    ruleId: report.ruleId,
    severity,
    message: report.message,
    pointer: toPointer(report.path),
    document: document.index,
    range: place.range,
    ...position(file, place.range),
  };
  if (report.fix && isShowable(report.fix, report.path)) diagnostic.fix = report.fix;
  const suggestions = (report.suggestions ?? []).filter((suggestion) => isShowable(suggestion.fix, report.path));
  if (report.replacement) {
    const { text, desc, certain } = report.replacement;
    const fix = { range: [place.range.start, place.range.end] as [number, number], text };
    if (!isShowable(fix, report.path)) {
      // A fix is printed in reports: one that would show a secret is not offered at all.
    } else if (certain && !place.shared) diagnostic.fix = fix;
    else suggestions.push({ desc: place.shared ? `${desc} (this also changes every alias of the anchor)` : desc, fix });
  }
  if (suggestions.length) diagnostic.suggestions = suggestions;
  const related = (report.related ?? []).map(({ message, path, range }) => ({
    message,
    ...position(file, range ?? placeOf(file, document, [...prefix, ...(path ?? [])], "value").range),
  }));
  if (place.anchored) related.push({ message: "the value is written here, under an anchor", ...position(file, place.anchored) });
  if (related.length) diagnostic.related = related;
  return diagnostic;
}

/** A fix's text appears in reports: under a secret field only a placeholder may, and never a URL's credentials. */
function isShowable(fix: Fix, path: Path): boolean {
  if (maskUrlSecrets(fix.text) !== fix.text) return false;
  return !isSecretPath(path) || isPlaceholder(fix.text.replace(/^["']|["']$/g, ""));
}

/**
 * Where a path is reported: its value or key; a missing path at its parent's key, or the document's start.
 * A value reached through an alias or merge key is reported there, and `anchored` is where it is written.
 */
function placeOf(file: LoadedFile, document: LoadedDocument, path: Path, target: "key" | "value" = "value"): { range: Range; anchored: Range | undefined; shared: boolean } {
  const root = document.root;
  if (!root) return { range: document.range, anchored: undefined, shared: false };
  const location = locate(root, path);
  if (!location.found) return { range: location.key ?? firstLine(file, location.value), anchored: undefined, shared: false };
  const range = target === "key" ? (location.key ?? location.value) : path.length ? location.value : firstLine(file, root.range);
  return { range, anchored: location.anchored, shared: location.shared };
}

function firstLine(file: LoadedFile, range: Range): Range {
  const lineEnd = file.text.slice(range.start, range.end).search(/[\r\n]/);
  return { start: range.start, end: lineEnd < 0 ? range.end : range.start + Math.max(lineEnd, 1) };
}

function position(file: { lineStarts: readonly number[] }, range: Range) {
  const start = lineColumn(file.lineStarts, range.start);
  const end = lineColumn(file.lineStarts, Math.max(range.end, range.start));
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

function fileLevel(file: LoadedFile, ruleId: string, severity: Severity, message: string): Diagnostic {
  const range = { start: 0, end: 0 };
  return { ruleId, severity, message, pointer: "", document: 0, range, ...position(file, range) };
}
