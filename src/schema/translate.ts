// The one place where ajv's errors become connlint's findings: one fault, one finding, in words a person reads.
import type { ErrorObject } from "ajv";
import { nearest, squash } from "../diagnostics/nearest.js";
import { isPlaceholder } from "../diagnostics/placeholder.js";
import { pointerSegments } from "../diagnostics/pointer.js";
import { code, describeValue, fieldName, isSecretPath } from "../diagnostics/show.js";
import type { Fix, Path, Range, Report } from "../diagnostics/types.js";
import type { Removal } from "../fix/remove-entry.js";
import { type Kind, KIND_LABELS, KINDS, kindsPhrase, OPERATIONS, schemaFileOf } from "../kind.js";
import { CORE_TAGS, type ScalarNode } from "../load/tree.js";
import { REMOVED_FIELDS } from "./removed-fields.js";
import { RESPONSE_ONLY_FIELDS, type Schema, schemaOf, type Variant } from "./validators.js";

/** What the translator may ask about the source, lazily: only for values it reports. */
export interface SourceView {
  /** The scalar written at a path, and whether it sits inside an anchor that aliases reuse. */
  scalarAt(path: Path): { node: ScalarNode; aliased: boolean } | undefined;
  /** The key of the last segment of a path as written, quotes included. */
  keyAt(path: Path): { range: Range; text: string } | undefined;
  /** Renders a value as the file would write it (YAML or JSON). */
  render(value: unknown, like?: ScalarNode): string;
  /** The edit that turns the scalar at a path into a list of items, in the file's own style (flow or block). */
  listEdit(path: Path, items: string[]): Fix | undefined;
  /** The edit that deletes the key at a path with its value, and whether it is certain. */
  removal(path: Path): Removal | undefined;
}

/** What a connection is: its kind, and the request it is the body of (or an API response). */
export interface Subject {
  kind: Kind;
  variant: Variant;
}

const TYPE_WORDS: Record<string, string> = {
  string: "a string",
  integer: "a whole number",
  number: "a number",
  boolean: "true or false",
  array: "a list",
  object: "a mapping of settings",
  null: "null",
};
/** Plain words YAML 1.1 readers took for booleans; YAML 1.2 (and the API) sees strings. */
const YAML11_BOOLEANS: Record<string, boolean> = { yes: true, no: false, on: true, off: false, y: true, n: false };

/**
 * `schema` is the schema the errors come from: each error's own part of it (its parent schema) is found from its
 * schemaPath, and the value it is about from its path in `data`, so the generated validators need not carry either.
 */
export function translateErrors(errors: ErrorObject[], data: unknown, schema: Schema, view: SourceView, subject: Subject): Report[] {
  const located = errors.map((error) => ({ error: withContext(error, data, schema), path: pathOf(error.instancePath, data) }));
  const typed = new Set(located.filter(({ error }) => error.keyword === "type").map(({ path }) => path.join("\u0000")));
  const reports: Report[] = [];
  for (const { error, path } of located) {
    if (isFoldedAway(error, errors)) continue;
    if (error.keyword !== "type" && typed.has(path.join("\u0000"))) continue;
    const report = translate(error, path, view, subject);
    if (report) reports.push(report);
  }
  return reports;
}

/** The error with the value it is about and the schema around its keyword, as ajv's verbose mode would give them. */
function withContext(error: ErrorObject, data: unknown, schema: Schema): ErrorObject {
  const keywordPath = pointerSegments(error.schemaPath.replace(/^#/, "")).slice(0, -1);
  return { ...error, data: valueAtPointer(data, error.instancePath), parentSchema: keywordPath.reduce<unknown>(step, schema) as object };
}

function valueAtPointer(data: unknown, pointer: string): unknown {
  return pointerSegments(pointer).reduce<unknown>(step, data);
}

function step(value: unknown, key: string): unknown {
  return value !== null && typeof value === "object" && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

/** `if` and `anyOf` parents say less than the errors of their branches. */
function isFoldedAway(error: ErrorObject, all: ErrorObject[]): boolean {
  if (error.keyword === "if") return true;
  if (error.keyword === "anyOf" || error.keyword === "oneOf") {
    return all.some((other) => other !== error && other.schemaPath.startsWith(error.schemaPath + "/"));
  }
  return false;
}

/** ajv's instancePath as connlint's path: array indexes as numbers. */
export function pathOf(pointer: string, data: unknown): Path {
  const path: (string | number)[] = [];
  let current = data;
  for (const segment of pointerSegments(pointer)) {
    if (Array.isArray(current)) {
      path.push(Number(segment));
      current = current[Number(segment)];
    } else {
      path.push(segment);
      current = current && typeof current === "object" ? (current as Record<string, unknown>)[segment] : undefined;
    }
  }
  return path;
}

function translate(error: ErrorObject, path: Path, view: SourceView, subject: Subject): Report | undefined {
  const schema = (error.parentSchema ?? {}) as Schema;
  switch (error.keyword) {
    case "type":
      return typeMismatch(path, error.data, String(error.params.type).split(","), schema, view);
    case "enum":
      return notInEnum(path, error.data, error.params.allowedValues as unknown[], view);
    case "minimum":
    case "maximum":
      return outOfRange(path, error.data as number, schema);
    case "multipleOf":
      return notAStep(path, error.data as number, schema);
    case "pattern":
      return patternMismatch(path, error.data, schema, view);
    case "format":
      return badFormat(path, error.data, String(error.params.format), view);
    case "additionalProperties":
      return unknownKey([...path, String(error.params.additionalProperty)], schema, view, subject);
    case "required":
      return missingField([...path, String(error.params.missingProperty)], KIND_LABELS[subject.kind]);
    case "const":
      return invalid(path, `${fieldName(path)} must be ${code(JSON.stringify(error.params.allowedValue))}, got ${describeValue(error.data, path)}`);
    default:
      return invalid(path, `${fieldName(path)} ${error.message ?? "is not valid"}`);
  }
}

function invalid(path: Path, message: string, extra: Partial<Report> = {}): Report {
  return { ruleId: "invalid-value", path, message, ...extra };
}

function typeWords(types: string[]): string {
  return types.map((type) => (Object.hasOwn(TYPE_WORDS, type) ? TYPE_WORDS[type] : type)).join(" or ");
}

function typeMismatch(path: Path, value: unknown, types: string[], schema: Schema, view: SourceView): Report {
  const field = fieldName(path);
  const expected = types.includes("array") ? listWords(schema) : typeWords(types);
  const head = `${code(field)} must be ${expected}, got ${describeValue(value, path)}`;
  const scalar = view.scalarAt(path);
  if (typeof value === "string" && isPlaceholder(value)) {
    return invalid(path, `${head}: a \`\${NAME}\` placeholder can only stand for a string`);
  }
  // `!!str 10`: the tag, not the text, decides the type, so rewriting the text would change nothing.
  const coreTag = scalar?.node.tag && CORE_TAGS.get(scalar.node.tag);
  if (coreTag) return invalid(path, `${head}: the ${code(coreTag)} tag makes it so; remove the tag`);
  if (types.includes("string") && typeof value === "number" && scalar) return numberForString(path, value, scalar, head);
  if (types.includes("boolean") && typeof value === "string" && scalar) return stringForBoolean(path, value, scalar, head);
  if ((types.includes("integer") || types.includes("number")) && typeof value === "string" && /^[-+]?\d[\d_]*$/.test(value) && value.includes("_") && scalar?.node.plain) {
    const digits = value.replace(/_/g, "");
    return invalid(path, `${head}: YAML 1.2 reads an unquoted \`${value}\` as a string (underscores are not digit separators); write ${digits}`, edit(scalar, digits, `Write ${digits}`));
  }
  if ((types.includes("integer") || types.includes("number")) && typeof value === "string" && /^-?\d+$/.test(value.trim()) && scalar) {
    return invalid(path, `${head}; write the number without quotes`, edit(scalar, value.trim(), "Remove the quotes"));
  }
  if (types.includes("array") && typeof value === "string" && scalar && !isSecretPath(path)) {
    const items = value.split(",").map((item) => item.trim()).filter(Boolean);
    const list = view.render(items);
    const fix = view.listEdit(path, items);
    const placed = fix ? (scalar.aliased ? { suggestions: [{ desc: `Write ${list} (this also changes every alias of the anchor)`, fix }] } : { fix }) : {};
    return invalid(path, `${head}; write it as a list: ${code(list)}`, placed);
  }
  return invalid(path, head);
}

function listWords(schema: Schema): string {
  const example = (schema.examples as unknown[] | undefined)?.[0];
  return Array.isArray(example) ? `a list such as ${code(`[${example.join(", ")}]`)}` : "a list";
}

/** A number where a string belongs: the YAML or JSON reader took unquoted digits for a number. */
function numberForString(path: Path, value: number, scalar: { node: ScalarNode; aliased: boolean }, head: string): Report {
  const written = scalar.node.source;
  const secret = isSecretPath(path);
  const quote = secret ? {} : edit(scalar, JSON.stringify(written), `Quote it: "${written}"`);
  if (/^-?\d+$/.test(written) && written.replace(/^-?0+(?=\d)/, "") !== String(value)) {
    const digits = secret ? "a number" : `the number ${written}`;
    return invalid(path, `${code(fieldName(path))} is written as ${digits} without quotes, which is larger than 2^53: JSON and YAML readers change it to ${secret ? "another number" : String(value)}; quote it so every digit stays as written`, quote);
  }
  if (written !== String(value) && /^[-+]?0\d/.test(written)) {
    return invalid(path, `${head}: unquoted \`${secret ? "…" : written}\` is read as the number ${secret ? "" : value}, and its leading zero is lost; quote it`, quote);
  }
  if (path.at(-1) === "outbound_voice_profile_id" && Number.isSafeInteger(value)) {
    return { ruleId: "unquoted-id", path, message: `${head}: the API expects the ID as a string of digits; quote it so a longer ID can't lose digits`, ...quote };
  }
  return invalid(path, `${head}; quote it${secret ? "" : `: ${code(`"${written}"`)}`}`, quote);
}

function stringForBoolean(path: Path, value: string, scalar: { node: ScalarNode; aliased: boolean }, head: string): Report {
  const lower = value.toLowerCase();
  if (scalar.node.plain && Object.hasOwn(YAML11_BOOLEANS, lower)) {
    const meant = YAML11_BOOLEANS[lower]!;
    return invalid(path, `${head}: YAML 1.2 reads an unquoted \`${value}\` as a string, not a boolean; write \`${meant}\``, edit(scalar, String(meant), `Write ${meant}`));
  }
  if (lower === "true" || lower === "false") {
    return invalid(path, `${head}; write \`${lower}\` without quotes`, edit(scalar, lower, `Write ${lower}`));
  }
  return invalid(path, head);
}

function notInEnum(path: Path, value: unknown, allowed: unknown[], view: SourceView): Report {
  const field = code(fieldName(path));
  const listed = listValues(allowed);
  const head = `${field} must be ${allowed.length > 2 ? "one of " : ""}${listed}; got ${describeValue(value, path)}`;
  if (typeof value !== "string" || isSecretPath(path)) return invalid(path, head);
  const scalar = view.scalarAt(path);
  const strings = allowed.filter((item): item is string => typeof item === "string" && item !== "");
  const exact = strings.filter((item) => squash(item) === squash(value));
  if (exact.length === 1 && scalar) {
    const meant = exact[0]!;
    return invalid(path, `${head} (did you mean ${code(meant)}?)`, edit(scalar, view.render(meant, scalar.node), `Write ${meant}`));
  }
  const near = nearest(value, strings);
  if (near && scalar) {
    const fix = replacement(scalar.node, near, view);
    return invalid(path, `${head} (did you mean ${code(near)}?)`, { suggestions: [{ desc: `Write ${near}`, fix }] });
  }
  return invalid(path, head);
}

function listValues(values: unknown[]): string {
  const shown = values.map((value) => (value === null ? "null" : value === "" ? '`""` (blank)' : /[\s,]/.test(String(value)) ? `\`${value}\`` : String(value)));
  if (shown.length <= 2) return shown.join(" or ");
  return shown.join(", ");
}

function outOfRange(path: Path, value: number, schema: Schema): Report {
  const min = schema.minimum as number | undefined;
  const max = schema.maximum as number | undefined;
  const bounds = min !== undefined && max !== undefined ? `between ${min} and ${max}` : min !== undefined ? `at least ${min}` : `at most ${max}`;
  return invalid(path, `${code(fieldName(path))} must be ${bounds}, got ${value}`);
}

function notAStep(path: Path, value: number, schema: Schema): Report {
  const step = schema.multipleOf as number;
  const bounds = schema.minimum !== undefined && schema.maximum !== undefined ? ` between ${schema.minimum as number} and ${schema.maximum as number}` : "";
  const below = Math.floor(value / step) * step;
  return invalid(path, `${code(fieldName(path))} must be a multiple of ${step}${bounds}, got ${value}; write ${below} or ${below + step}`);
}

function patternMismatch(path: Path, value: unknown, schema: Schema, view: SourceView): Report {
  const rule = (schema.patternErrorMessage as string | undefined) ?? "must match the expected form";
  const looksLikePlaceholder = typeof value === "string" && /^\$\{.*\}$/.test(value);
  const hint = looksLikePlaceholder ? "; a placeholder is written `${NAME}`, with capital letters, digits and underscores" : "";
  const message = `${code(fieldName(path))} ${rule}, got ${describeValue(value, path)}${hint}`;
  // Only the case is wrong (`us` for `US`): the value meant is certain.
  const upper = typeof value === "string" && !looksLikePlaceholder ? value.toUpperCase() : undefined;
  const scalar = view.scalarAt(path);
  if (upper && upper !== value && !isSecretPath(path) && scalar && new RegExp(String(schema.pattern), "u").test(upper)) {
    return invalid(path, `${message} (did you mean ${code(upper)}?)`, edit(scalar, view.render(upper, scalar.node), `Write ${upper}`));
  }
  return invalid(path, message);
}

function badFormat(path: Path, value: unknown, format: string, view: SourceView): Report {
  const field = code(fieldName(path));
  if (format === "uuid") return invalid(path, `${field} must be a UUID such as \`ec0c8e5d-439e-4620-a0c1-9d9c8d02a836\`, got ${describeValue(value, path)}`);
  const head = `${field} must be a full URL with a scheme, such as \`https://hooks.example.com/telnyx\`, got ${describeValue(value, path)}`;
  const scalar = view.scalarAt(path);
  if (typeof value === "string" && !/^[a-z][a-z0-9+.-]*:/i.test(value) && scalar) {
    const fix = replacement(scalar.node, `https://${value}`, view);
    return invalid(path, `${head}; did you mean \`https://…\`?`, { suggestions: [{ desc: "Add https://", fix }] });
  }
  return invalid(path, head);
}

/** A key the schema does not have: said as precisely as the data allows, a near miss last. */
function unknownKey(path: Path, parentSchema: Schema, view: SourceView, subject: Subject): Report {
  const key = String(path.at(-1));
  const parent = path.slice(0, -1);
  const where = parent.length ? ` in ${code(fieldName(parent))}` : "";
  const known = removedField(path, view) ?? otherOperationField(path, where, subject) ?? responseOnlyField(path, where, subject) ?? otherKindField(path, where, view, subject);
  if (known) return known;
  const names = Object.keys(parentSchema.properties ?? {}).filter((name) => name !== "$schema" && name !== "record_type");
  const meant = nearest(key, names);
  const written = view.keyAt(path);
  if (!meant || !written) return { ruleId: "unknown-key", path, target: "key", message: `unknown key ${code(key)}${where}: the API does not know it` };
  const text = /^["']/.test(written.text) ? JSON.stringify(meant) : meant;
  return {
    ruleId: "unknown-key",
    path,
    target: "key",
    message: `unknown key ${code(key)}${where}; did you mean ${code(meant)}?`,
    suggestions: [{ desc: `Rename to ${meant}`, fix: { range: [written.range.start, written.range.end], text } }],
  };
}

/** A field the live API dropped: its own rule, with the date, and its deletion. */
function removedField(path: Path, view: SourceView): Report | undefined {
  const dotted = path.join(".");
  if (!Object.hasOwn(REMOVED_FIELDS, dotted)) return undefined;
  return {
    ruleId: "removed-field",
    path,
    target: "key",
    message: `${code(dotted)} was removed from the API in ${REMOVED_FIELDS[dotted]}: Telnyx no longer reads it, so it does nothing; delete it`,
    ...deletion(path, view, `Delete ${dotted}`),
  };
}

/** A field only the other request has: an update's (PATCH) field in a create body, or the reverse. */
function otherOperationField(path: Path, where: string, { kind, variant }: Subject): Report | undefined {
  if (variant === "response") return undefined;
  const other = OPERATIONS.find((operation) => operation !== variant)!;
  if (!hasField(schemaOf(kind, other), path)) return undefined;
  const key = code(String(path.at(-1)));
  const message =
    other === "update"
      ? `${key}${where} can only be set by an update (PATCH) of an existing connection, not when creating one; remove it, or declare this file an update by naming ${code(schemaFileOf(kind, "update"))} in its \`$schema\` or modeline`
      : `${key}${where} can only be set when creating ${KIND_LABELS[kind]}, not by an update (PATCH); remove it`;
  return { ruleId: "unknown-key", path, target: "key", message };
}

function responseOnlyField(path: Path, where: string, { kind, variant }: Subject): Report | undefined {
  const parent = path.slice(0, -1).join(".");
  if (variant === "response" || !Object.hasOwn(RESPONSE_ONLY_FIELDS[kind][parent] ?? {}, String(path.at(-1)))) return undefined;
  return {
    ruleId: "unknown-key",
    path,
    target: "key",
    message: `${code(String(path.at(-1)))}${where} is read-only: API responses carry it, but a request can't set it; remove it`,
  };
}

/** A field that exists, but on the other kinds of connection: say which, since the kind or the field is wrong. */
function otherKindField(path: Path, where: string, view: SourceView, { kind }: Subject): Report | undefined {
  const owners = KINDS.filter((other) => other !== kind && OPERATIONS.some((operation) => hasField(schemaOf(other, operation), path)));
  if (!owners.length) return undefined;
  const key = String(path.at(-1));
  const declare = owners.map((owner) => `\`record_type: ${owner}\``).join(" or ");
  return {
    ruleId: "unknown-key",
    path,
    target: "key",
    message: `${code(key)}${where} is a field of ${kindsPhrase(owners)}, not of ${KIND_LABELS[kind]}; remove it, or, if this is one of those, set ${declare}`,
    ...suggestedDeletion(path, view, `Remove ${key}`),
  };
}

/** Whether a schema has a field at a path (`inbound.sip_region`). */
function hasField(schema: Schema, path: Path): boolean {
  let current: Schema | undefined = schema;
  for (const segment of path) {
    if (typeof segment !== "string" || !current?.properties || !Object.hasOwn(current.properties, segment)) return false;
    current = current.properties[segment];
  }
  return true;
}

/** A deletion that is a fix where it is certain, else a suggestion. */
function deletion(path: Path, view: SourceView, desc: string): Pick<Report, "fix" | "suggestions"> {
  const removal = view.removal(path);
  if (!removal) return {};
  return removal.certain ? { fix: removal.fix } : { suggestions: [{ desc, fix: removal.fix }] };
}

/** A deletion offered only as a suggestion: the field may be right and the kind wrong. */
function suggestedDeletion(path: Path, view: SourceView, desc: string): Pick<Report, "suggestions"> {
  const removal = view.removal(path);
  return removal ? { suggestions: [{ desc, fix: removal.fix }] } : {};
}

function missingField(path: Path, kindLabel: string): Report {
  return { ruleId: "missing-field", path, message: `${code(fieldName(path))} is missing: ${kindLabel} must have it` };
}

/** A certain edit of a scalar: a fix, unless the scalar sits in an anchor that aliases reuse. */
function edit(scalar: { node: ScalarNode; aliased: boolean }, text: string, desc: string): Pick<Report, "fix" | "suggestions"> {
  const fix: Fix = { range: [scalar.node.range.start, scalar.node.range.end], text };
  if (scalar.aliased) return { suggestions: [{ desc: `${desc} (this also changes every alias of the anchor)`, fix }] };
  return { fix };
}

function replacement(node: ScalarNode, value: string, view: SourceView): Fix {
  return { range: [node.range.start, node.range.end], text: view.render(value, node) };
}
