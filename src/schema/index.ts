// Structural checks: a connection's body against its kind's schema, with keys repaired where the intent is certain.
import { code, fieldName } from "../diagnostics/show.js";
import type { Path, Report } from "../diagnostics/types.js";
import type { Kind } from "../kind.js";
import { setOwn } from "../load/data.js";
import { type SourceView, translateErrors } from "./translate.js";
import { type Schema, schemaOf, type Variant, validatorFor } from "./validators.js";

export type { SourceView } from "./translate.js";
export type { Variant } from "./validators.js";

/** Keys connlint reads but the API never sees: they are not checked against the body's schema. */
const NOT_IN_BODY = new Set(["record_type", "$schema"]);

interface Rename {
  /** Path of the key once renamed. */
  path: Path;
  /** The key as written. */
  from: string;
}

/** A connection whose surely-meant keys are restored, and the way back to the paths as written. */
export interface Repaired {
  connection: Record<string, unknown>;
  /** A path in the repaired connection, as written in the file. */
  original(path: Path): Path;
  /** One report for each key that was restored. */
  reports: Report[];
}

/**
 * A quoted key with a stray colon or spaces (`"inbound:"`) is surely the known key: checks see it renamed,
 * so that what is under it is checked too, and the key itself is reported once.
 */
export function repairKeys(connection: Record<string, unknown>, kind: Kind, view: SourceView, variant: Variant = "create"): Repaired {
  const renames: Rename[] = [];
  const repaired = repairObject(connection, schemaOf(kind, variant), () => [], renames) as Record<string, unknown>;
  return {
    connection: repaired,
    original: (path) => originalPath(path, renames),
    reports: renames.map((rename) => strayKey(rename, view)),
  };
}

/** Checks a connection's body (its keys already repaired) against its kind's schema. */
export function checkSchema(connection: Record<string, unknown>, kind: Kind, variant: Variant, view: SourceView): Report[] {
  const body = bodyOf(connection);
  const validate = validatorFor(kind, variant);
  if (validate(body)) return [];
  return translateErrors(validate.errors ?? [], body, schemaOf(kind, variant), view, { kind, variant });
}

/**
 * Whether a connection passes its kind's schema, with no report: for the quick path. The schema itself allows
 * `record_type` (the kind's own) and `$schema`, so the connection is checked as it is, without copying its body.
 */
export function isValid(connection: Record<string, unknown>, kind: Kind, variant: Variant): boolean {
  return validatorFor(kind, variant)(connection);
}

function bodyOf(connection: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const key of Object.keys(connection)) if (!NOT_IN_BODY.has(key)) setOwn(body, key, connection[key]);
  return body;
}

/**
 * The value with its surely-meant keys restored, or the value itself when no key under it needs restoring (nearly
 * always: only a faulty document gets here, and it is copied only where a key is renamed). `at` is the value's path,
 * made only for a rename.
 */
function repairObject(value: unknown, schema: Schema | undefined, at: () => Path, renames: Rename[]): unknown {
  const properties = schema?.properties;
  if (!properties || value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const object = value as Record<string, unknown>;
  let result: Record<string, unknown> | undefined;
  const keys = Object.keys(object);
  for (let index = 0; index < keys.length; index++) {
    const written = keys[index]!;
    const meant = meantKey(written);
    const rename = meant !== written && Object.hasOwn(properties, meant) && !Object.hasOwn(object, meant) && !(result && Object.hasOwn(result, meant));
    const key = rename ? meant : written;
    if (rename) renames.push({ path: [...at(), key], from: written });
    const child = object[written];
    const repairedChild = repairObject(child, Object.hasOwn(properties, key) ? properties[key] : undefined, () => [...at(), key], renames);
    if (!result && (rename || repairedChild !== child)) result = copyOfFirst(object, keys, index);
    if (result) setOwn(result, key, repairedChild);
  }
  return result ?? object;
}

/** A key as meant, without the stray colons and spaces a quoted key may hold; most keys have none, and are the same string. */
function meantKey(written: string): string {
  if (isPrintableAscii(written.charCodeAt(0)) && isPrintableAscii(written.charCodeAt(written.length - 1)) && !written.endsWith(":")) return written;
  return written.trim().replace(/:+$/, "").trim();
}

/** Neither space nor any other character trim() removes. */
function isPrintableAscii(code: number): boolean {
  return code > 32 && code < 127;
}

/** A copy of the object's first `count` entries, in their order. */
function copyOfFirst(object: Record<string, unknown>, keys: string[], count: number): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (let index = 0; index < count; index++) setOwn(copy, keys[index]!, object[keys[index]!]);
  return copy;
}

function originalPath(path: Path, renames: Rename[]): Path {
  if (!renames.length) return path;
  const result = [...path];
  for (const rename of renames) {
    const depth = rename.path.length;
    if (depth <= result.length && rename.path.every((segment, i) => segment === path[i])) result[depth - 1] = rename.from;
  }
  return result;
}

function strayKey(rename: Rename, view: SourceView): Report {
  const meant = String(rename.path.at(-1));
  const path = [...rename.path.slice(0, -1), rename.from];
  const written = view.keyAt(path);
  const parent = path.length > 1 ? ` in ${code(fieldName(path.slice(0, -1)))}` : "";
  return {
    ruleId: "unknown-key",
    path,
    target: "key",
    message: `unknown key ${code(rename.from)}${parent}: the stray ${/:\s*$/.test(rename.from) ? "colon" : "space"} inside the quotes makes the API ignore everything under it; rename it to ${code(meant)}`,
    ...(written ? { fix: { range: [written.range.start, written.range.end], text: /^["']/.test(written.text) ? JSON.stringify(meant) : meant } } : {}),
  };
}

/** The JSON types a kind's schema allows at a path (array items included), or undefined outside the schema. */
export function schemaTypesAt(kind: Kind, path: Path, variant: Variant = "create"): string[] | undefined {
  let schema: Schema | undefined = schemaOf(kind, variant);
  for (const segment of path) {
    if (!schema) return undefined;
    schema = typeof segment === "number" ? (schema.items as Schema | undefined) : Object.hasOwn(schema.properties ?? {}, segment) ? schema.properties![segment] : undefined;
  }
  const type = schema?.type;
  return type === undefined ? undefined : Array.isArray(type) ? (type as string[]) : [type as string];
}
