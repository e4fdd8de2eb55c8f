// The compiled validators: one per kind and variant, built from the published schemas on first use.
import { readFileSync } from "node:fs";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import type { Kind } from "../kind.js";

/** A create body, or an API response (`{data: …}`) with its read-only fields. */
export type Variant = "create" | "response";

export type Schema = Record<string, unknown> & { properties?: Record<string, Schema> };

/**
 * Tags an `allOf` entry of the published schemas as an editor's mirror of a cross-field rule (`if`/`then`).
 * connlint reports that fact through the rule, so the schema loader strips the mirror: one fact, one diagnostic.
 */
export const MIRROR_KEYWORD = "x-connlint-mirror";

/** Keywords for editors only; ajv must know them to compile in strict mode. */
const EDITOR_KEYWORDS = ["markdownDescription", "patternErrorMessage", "markdownEnumDescriptions", "enumDescriptions", "defaultSnippets", "errorMessage", "doNotSuggest"];

const SCHEMA_FILES: Record<Kind, string> = {
  ip_connection: "ip-connection.schema.json",
  credential_connection: "credential-connection.schema.json",
};

/** Fields an API response carries that a create body must not. */
export const RESPONSE_ONLY_FIELDS: Record<string, Record<string, Schema>> = {
  "": {
    id: { type: "string" },
    created_at: { type: "string" },
    updated_at: { type: "string" },
  },
  inbound: {
    default_primary_ip_id: { type: "string" },
    default_secondary_ip_id: { type: "string" },
    default_tertiary_ip_id: { type: "string" },
  },
};

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
let ajv: Ajv | undefined;
const schemas = new Map<Kind, Schema>();
const validators = new Map<string, ValidateFunction>();

export function schemaOf(kind: Kind): Schema {
  let schema = schemas.get(kind);
  if (!schema) {
    const url = new URL(`../../schemas/${SCHEMA_FILES[kind]}`, import.meta.url);
    schema = withoutMirrors(JSON.parse(readFileSync(url, "utf8")) as Schema);
    schemas.set(kind, schema);
  }
  return schema;
}

export function validatorFor(kind: Kind, variant: Variant): ValidateFunction {
  const key = `${kind}:${variant}`;
  let validate = validators.get(key);
  if (!validate) {
    const schema = variant === "response" ? withResponseFields(schemaOf(kind)) : schemaOf(kind);
    validate = compiler().compile(schema);
    validators.set(key, validate);
  }
  return validate;
}

function compiler(): Ajv {
  if (!ajv) {
    ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
    addFormats(ajv, ["uri", "uuid"]);
    ajv.addVocabulary(EDITOR_KEYWORDS);
  }
  return ajv;
}

/** The schema without the `allOf` entries tagged with MIRROR_KEYWORD, at any depth. */
export function withoutMirrors(schema: Schema): Schema {
  const result: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "allOf" && Array.isArray(value)) {
      const kept = value.filter((entry) => !(entry && typeof entry === "object" && MIRROR_KEYWORD in entry)).map(withoutMirrorsIn);
      if (kept.length) result.allOf = kept;
    } else {
      result[key] = withoutMirrorsIn(value);
    }
  }
  return result;
}

function withoutMirrorsIn(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMirrorsIn);
  if (value && typeof value === "object") return withoutMirrors(value as Schema);
  return value;
}

/** The kind's schema with the read-only fields of an API response added. */
export function withResponseFields(schema: Schema): Schema {
  const copy = structuredClone(schema);
  for (const [parent, fields] of Object.entries(RESPONSE_ONLY_FIELDS)) {
    const target = parent ? copy.properties?.[parent] : copy;
    if (target?.properties) Object.assign(target.properties, fields);
  }
  return copy;
}
