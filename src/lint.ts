// The pipeline: text → documents → kind → schema → rules → diagnostics. Pure: text in, diagnostics out.
import { code } from "./diagnostics/show.js";
import { sortDiagnostics } from "./diagnostics/sort.js";
import type { Diagnostic, Path, Range, Report, Severity } from "./diagnostics/types.js";
import { detectKind, envelopePath, isObject, type Kind, looksLikeConnection } from "./kind.js";
import { toData } from "./load/data.js";
import { stripBom } from "./load/decode.js";
import { formatOf, type LoadedDocument, type LoadedFile, loadText } from "./load/index.js";
import { lineColumn } from "./load/lines.js";
import { locate } from "./load/locate.js";
import type { Node, ScalarNode } from "./load/tree.js";
import { ruleMeta, RULES } from "./rules/index.js";
import { checkSchema, type SourceView } from "./schema/index.js";

export interface LintOptions {
  /** Decides the parser (`.json` or YAML) and appears in reports. */
  filePath: string;
  /** The kind the config's overrides give this file. */
  overrideKind?: Kind;
  /** Severities by rule id, from the config: `off` drops the rule. */
  severities?: Record<string, Severity | "off">;
  /** Skip the file, reporting nothing, unless it holds a connection (DESIGN §1). */
  onlyConnections?: boolean;
}

export interface LintResult {
  filePath: string;
  /** The text that was linted (BOM removed); offsets in diagnostics index it. */
  text: string;
  diagnostics: Diagnostic[];
  /** True when `onlyConnections` found no connection in the file. */
  skipped: boolean;
}

const MODELINE = /#\s*yaml-language-server\s*:\s*\$schema=(\S+)/;

export function lintText(rawText: string, options: LintOptions): LintResult {
  const text = stripBom(rawText);
  const file = loadText(text, formatOf(options.filePath));
  const documents = file.documents.map((document) => prepare(file, document));
  if (options.onlyConnections && !documents.some((prepared) => isConnection(file, prepared, options))) {
    return { filePath: options.filePath, text, diagnostics: [], skipped: true };
  }
  const diagnostics: Diagnostic[] = [];
  for (const prepared of documents) {
    const { prefix, found } = checkDocument(prepared, options, file);
    const connectionName = connectionNameOf(prepared.data, prefix);
    for (const report of found) {
      const diagnostic = toDiagnostic(file, prepared.document, prefix, report, options);
      if (diagnostic && connectionName !== undefined) diagnostic.connectionName = connectionName;
      if (diagnostic) diagnostics.push(diagnostic);
    }
  }
  const emptySeverity = options.severities?.["empty-file"] ?? "warning";
  if (!file.documents.some((document) => document.root) && !diagnostics.length && emptySeverity !== "off") {
    diagnostics.push(emptyFile(file, emptySeverity));
  }
  return { filePath: options.filePath, text, diagnostics: sortDiagnostics(diagnostics), skipped: false };
}

/** A document's data and modeline, computed once for the skip decision and the checks. */
interface Prepared {
  document: LoadedDocument;
  data: unknown;
  problems: Report[];
  modeline: string | undefined;
}

function prepare(file: LoadedFile, document: LoadedDocument): Prepared {
  const modeline = file.text.slice(document.index === 0 ? 0 : document.range.start, document.range.end).match(MODELINE)?.[1];
  if (document.broken || !document.root) return { document, data: undefined, problems: [], modeline };
  const { data, problems } = toData(document.root);
  return { document, data, problems, modeline };
}

/** Keys that only connection files have, for deciding about a file that does not even parse. */
const CONNECTION_WORDS = /\b(record_type|user_name|tech_prefix|ip_authentication_method|sip_subdomain|anchorsite_override|transport_protocol)\b["']?\s*:/;

function isConnection(file: LoadedFile, { document, data, modeline }: Prepared, options: LintOptions): boolean {
  if (document.broken) return CONNECTION_WORDS.test(file.text.slice(document.range.start, document.range.end));
  return looksLikeConnection(data, modeline, options.overrideKind);
}

function checkDocument({ document, data, problems, modeline }: Prepared, options: LintOptions, file: LoadedFile): { prefix: Path; found: Report[] } {
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
  if (!kind) return { prefix, found };
  const view = sourceView(file, document.root, prefix);
  found.push(...checkSchema(connection, kind, prefix.length ? "response" : "create", view));
  for (const rule of RULES) {
    found.push(...rule.check({ kind, connection }).map((finding) => ({ ...finding, ruleId: rule.id })));
  }
  return { prefix, found };
}

function connectionNameOf(data: unknown, prefix: Path): string | undefined {
  const connection = prefix.length && isObject(data) ? data[prefix[0] as string] : data;
  const name = isObject(connection) ? connection.connection_name : undefined;
  return typeof name === "string" ? name : undefined;
}

function withoutPrefix(path: Path, prefix: Path): Path {
  return prefix.every((segment, i) => path[i] === segment) ? path.slice(prefix.length) : path;
}

function describeDocument(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value === null) return "an empty value";
  return typeof value === "string" ? `the string ${code(value)}` : `the value ${String(value)}`;
}

function sourceView(file: LoadedFile, root: Node, prefix: Path): SourceView {
  return {
    scalarAt(path) {
      const location = locate(root, [...prefix, ...path]);
      return location.found && location.node?.type === "scalar" ? { node: location.node, aliased: location.anchored !== undefined } : undefined;
    },
    keyAt(path) {
      const location = locate(root, [...prefix, ...path]);
      return location.found && location.key ? { range: location.key, text: file.text.slice(location.key.start, location.key.end) } : undefined;
    },
    render: (value, like) => render(file, value, like),
  };
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

function toDiagnostic(file: LoadedFile, document: LoadedDocument, prefix: Path, report: Report, options: LintOptions): Diagnostic | undefined {
  const configured = options.severities?.[report.ruleId];
  if (configured === "off") return undefined;
  const severity = configured ?? report.severity ?? ruleMeta(report.ruleId)?.severity ?? "error";
  const place = report.range ? { range: report.range, anchored: undefined } : placeOf(file, document, [...prefix, ...report.path], report.target);
  const diagnostic: Diagnostic = {
    ruleId: report.ruleId,
    severity,
    message: report.message,
    pointer: toPointer(report.path),
    document: document.index,
    range: place.range,
    ...position(file, place.range),
  };
  if (report.fix) diagnostic.fix = report.fix;
  if (report.suggestions?.length) diagnostic.suggestions = report.suggestions;
  const related = (report.related ?? []).map(({ message, path, range }) => ({
    message,
    ...position(file, range ?? placeOf(file, document, [...prefix, ...(path ?? [])], "value").range),
  }));
  if (place.anchored) related.push({ message: "the value is written here, under an anchor", ...position(file, place.anchored) });
  if (related.length) diagnostic.related = related;
  return diagnostic;
}

/**
 * Where a path is reported: its value or key; a missing path at its parent's key, or the document's start.
 * A value reached through an alias or merge key is reported there, and `anchored` is where it is written.
 */
function placeOf(file: LoadedFile, document: LoadedDocument, path: Path, target: "key" | "value" = "value"): { range: Range; anchored: Range | undefined } {
  const root = document.root;
  if (!root) return { range: document.range, anchored: undefined };
  const location = locate(root, path);
  if (!location.found) return { range: location.key ?? firstLine(file, location.value), anchored: undefined };
  const range = target === "key" ? (location.key ?? location.value) : path.length ? location.value : firstLine(file, root.range);
  return { range, anchored: location.anchored };
}

function firstLine(file: LoadedFile, range: Range): Range {
  const lineEnd = file.text.slice(range.start, range.end).search(/[\r\n]/);
  return { start: range.start, end: lineEnd < 0 ? range.end : range.start + Math.max(lineEnd, 1) };
}

function position(file: LoadedFile, range: Range) {
  const start = lineColumn(file.lineStarts, range.start);
  const end = lineColumn(file.lineStarts, Math.max(range.end, range.start));
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

export function toPointer(path: Path): string {
  return path.map((segment) => `/${String(segment).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

function emptyFile(file: LoadedFile, severity: Severity): Diagnostic {
  const range = { start: 0, end: 0 };
  return {
    ruleId: "empty-file",
    severity,
    message: "this file holds no connection",
    pointer: "",
    document: 0,
    range,
    ...position(file, range),
  };
}
