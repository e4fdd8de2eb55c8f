// The compiled validators: one per kind and variant, built from the published schemas on first use.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { packageRoot } from "../package-info.js";
import type { ValidateFunction } from "ajv";
import { type Kind, type Operation, schemaFileOf } from "../kind.js";

/** A create body, an update body, or an API response (`{data: …}`) with its read-only fields. */
export type Variant = Operation | "response";
export const VARIANTS: readonly Variant[] = ["create", "update", "response"];

/** Every problem (allErrors); the translator finds the schema each error breaks from its schemaPath. */
export const AJV_OPTIONS = { allErrors: true, strict: true, allowUnionTypes: true } as const;

/** The generated validator's export name: `ip_connection_create`. */
export function validatorName(kind: Kind, variant: Variant): string {
  return `${kind}_${variant}`;
}

export type Schema = Record<string, unknown> & { properties?: Record<string, Schema> };

/**
 * Tags an `allOf` entry of the published schemas as an editor's mirror of a cross-field rule (`if`/`then`).
 * connlint reports that fact through the rule, so the schema loader strips the mirror: one fact, one diagnostic.
 */
export const MIRROR_KEYWORD = "x-connlint-mirror";

/** Keywords for editors only; ajv must know them to compile in strict mode. */
export const EDITOR_KEYWORDS = ["markdownDescription", "patternErrorMessage", "markdownEnumDescriptions", "enumDescriptions", "defaultSnippets", "errorMessage", "doNotSuggest"];

const READ_ONLY = { id: { type: "string" }, created_at: { type: "string" }, updated_at: { type: "string" } } satisfies Record<string, Schema>;
const NULLABLE_STRING: Schema = { type: ["string", "null"] };

/**
 * Fields an API response carries that a create body must not, by kind and then by parent object ("" for the top).
 * A test keeps this in step with the GET responses of spec/openapi.json.
 */
export const RESPONSE_ONLY_FIELDS: Record<Kind, Record<string, Record<string, Schema>>> = {
  ip_connection: {
    "": READ_ONLY,
    inbound: { default_primary_ip_id: { type: "string" }, default_secondary_ip_id: { type: "string" }, default_tertiary_ip_id: { type: "string" } },
  },
  credential_connection: { "": READ_ONLY },
  fqdn_connection: {
    "": {
      ...READ_ONLY,
      adjust_dtmf_timestamp: { type: "boolean" },
      call_cost_enabled: { type: "boolean" },
      ignore_dtmf_duration: { type: "boolean" },
      ignore_mark_bit: { type: "boolean" },
      password: { type: "string" },
      rtp_pass_codecs_on_stream_change: { type: "boolean" },
      send_normalized_timestamps: { type: "boolean" },
      third_party_control_enabled: { type: "boolean" },
      txt_name: { type: "string" },
      txt_ttl: { type: "integer" },
      txt_value: { type: "string" },
      user_name: { type: "string" },
    },
    inbound: { default_primary_fqdn_id: NULLABLE_STRING, default_secondary_fqdn_id: NULLABLE_STRING, default_tertiary_fqdn_id: NULLABLE_STRING },
  },
};

type GeneratedIndex = Record<string, () => unknown>;

/**
 * The generated validators' index. In the command's bundle (CommonJS, where require is defined) the literal require()
 * below was followed by the bundler, so they come from the bundle; elsewhere they are required from the folder.
 */
function generatedValidators(): GeneratedIndex {
  return typeof require === "function" ? (require("./generated/index.cjs") as GeneratedIndex) : (createRequire(import.meta.url)("./generated/index.cjs") as GeneratedIndex);
}
const schemas = new Map<string, Schema>();
const validators = new Map<string, ValidateFunction>();

/** A kind's schema for an operation, without the editors' mirrors; a response is checked against the create schema and its read-only fields. */
export function schemaOf(kind: Kind, variant: Variant = "create"): Schema {
  const key = `${kind}:${variant}`;
  let schema = schemas.get(key);
  if (!schema) {
    if (variant === "response") {
      schema = withResponseFields(schemaOf(kind, "create"), kind);
    } else {
      const path = join(packageRoot(), "schemas", schemaFileOf(kind, variant));
      schema = withoutMirrors(JSON.parse(readFileSync(path, "utf8")) as Schema);
    }
    schemas.set(key, schema);
  }
  return schema;
}

/** The generated validator of configuration files (schemas/config.schema.json), by its name in the generated index. */
export const CONFIG_VALIDATOR = "config";

/** The configuration files' validator, generated ahead of time as the connections' are. */
export function configValidator(): ValidateFunction {
  return (generatedValidators()[CONFIG_VALIDATOR]!() as { default: ValidateFunction }).default;
}

/** The validator generated ahead of time for a kind and variant (`npm run build:validators`), loaded on first use. */
export function validatorFor(kind: Kind, variant: Variant): ValidateFunction {
  const name = validatorName(kind, variant);
  let validate = validators.get(name);
  if (!validate) {
    const generated = generatedValidators()[name]!() as { default: ValidateFunction };
    validate = generated.default;
    validators.set(name, validate);
  }
  return validate;
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
export function withResponseFields(schema: Schema, kind: Kind): Schema {
  const copy = structuredClone(schema);
  for (const [parent, fields] of Object.entries(RESPONSE_ONLY_FIELDS[kind])) {
    const target = parent ? copy.properties?.[parent] : copy;
    if (target?.properties) Object.assign(target.properties, fields);
  }
  return copy;
}
