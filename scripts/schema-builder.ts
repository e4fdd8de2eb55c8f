// Builds the published JSON Schemas from spec/fields.json (what the pages say), spec/decisions.json (where
// connlint departs from them, and why) and spec/editor.json (snippets, cross-field mirrors). Pure: data in, files' text out.
import { MIRROR_KEYWORD } from "../src/schema/validators.js";

export type KindName = "ip_connection" | "credential_connection";
export const KINDS: KindName[] = ["ip_connection", "credential_connection"];

type PageType = "boolean" | "integer" | "string" | "url" | "string[]" | "int64";

interface FieldFacts {
  type?: PageType;
  enum?: string[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  patternErrorMessage?: string;
  format?: string;
  nullable?: boolean;
  blank?: boolean;
  description?: string;
  examples?: unknown[];
  enumDescriptions?: Record<string, string>;
  secret?: boolean;
}

export interface FieldSpec extends FieldFacts {
  path: string;
  kinds?: KindName[];
  required?: KindName[];
  byKind?: Partial<Record<KindName, FieldFacts>>;
}

export interface SpecData {
  kinds: Record<KindName, { title: string; page: string; endpoint: string }>;
  objects: Record<string, string>;
  fields: FieldSpec[];
}

export interface Decision {
  id: string;
  kinds?: KindName[];
  fields: string[];
  set: FieldFacts;
  page: string;
  why: string;
  valid: unknown[];
  invalid: unknown[];
}

export interface DecisionData {
  decisions: Decision[];
}

/** A whole new connection, as VS Code's `defaultSnippets` take it. */
export interface Snippet {
  label: string;
  markdownDescription: string;
  body: Record<string, unknown>;
}

/**
 * A cross-field constraint that draft-07 can say, mirrored from a connlint rule for editors' sake:
 * when the document matches `when`, the value at `target` must match `then`, and editors show `message`.
 */
export interface Mirror {
  id: string;
  kinds: KindName[];
  page: string;
  when: JsonSchema;
  target: string;
  then: JsonSchema;
  message: string;
  valid: unknown[];
  invalid: unknown[];
}

export interface EditorData {
  snippets: Record<KindName, Snippet>;
  crossField: Mirror[];
}

type JsonSchema = Record<string, unknown>;

/** `${NAME}`: a placeholder for an environment variable (DESIGN §1). */
export const PLACEHOLDER_SOURCE = "\\$\\{[A-Z_][A-Z0-9_]*\\}";

const DRAFT_07 = "http://json-schema.org/draft-07/schema#";

/** The facts of one field for one kind: page facts, the kind's own page facts, then decisions. */
export function resolveField(field: FieldSpec, kind: KindName, decisions: Decision[]): FieldFacts {
  const facts: FieldFacts = { ...stripMeta(field), ...field.byKind?.[kind] };
  for (const decision of decisions) {
    if (decision.fields.includes(field.path) && (decision.kinds ?? KINDS).includes(kind)) {
      Object.assign(facts, decision.set);
    }
  }
  return facts;
}

function stripMeta(field: FieldSpec): FieldFacts {
  const { path: _path, kinds: _kinds, required: _required, byKind: _byKind, ...facts } = field;
  return facts;
}

export function fieldsOf(spec: SpecData, kind: KindName): FieldSpec[] {
  return spec.fields.filter((field) => (field.kinds ?? KINDS).includes(kind));
}

function jsonType(facts: FieldFacts): JsonSchema {
  switch (facts.type) {
    case "boolean":
      return { type: "boolean" };
    case "integer":
      return { type: "integer" };
    case "string":
    case "url":
      return { type: "string" };
    case "string[]":
      return { type: "array", items: { type: "string" } };
    default:
      throw new Error(`no JSON type for page type ${String(facts.type)}; add a decision`);
  }
}

function withNull(schema: JsonSchema): JsonSchema {
  return { ...schema, type: [schema.type, "null"] };
}

/** A pattern that also accepts a `${NAME}` placeholder and, for blank-able fields, "". */
function patternOf(facts: FieldFacts): string {
  const body = facts.pattern!.replace(/^\^/, "").replace(/\$$/, "");
  return `^(?:${body}|${PLACEHOLDER_SOURCE})${facts.blank ? "?" : ""}$`;
}

/** Formats apply to set values only: not to null, "", or a placeholder. */
const FORMAT_APPLIES = { type: "string", pattern: `^(?!${PLACEHOLDER_SOURCE}$).` };

function valueSchema(facts: FieldFacts): JsonSchema {
  let schema = jsonType(facts);
  if (facts.nullable) schema = withNull(schema);
  if (facts.enum) {
    const values: unknown[] = [...facts.enum];
    if (facts.blank) values.push("");
    if (facts.nullable) values.push(null);
    schema.enum = values;
  }
  if (facts.minimum !== undefined) schema.minimum = facts.minimum;
  if (facts.maximum !== undefined) schema.maximum = facts.maximum;
  if (facts.pattern) {
    schema.pattern = patternOf(facts);
    schema.patternErrorMessage = `must be ${facts.patternErrorMessage}`;
  }
  if (facts.format) {
    schema.if = FORMAT_APPLIES;
    schema.then = { format: facts.format };
  }
  return schema;
}

function annotate(schema: JsonSchema, facts: FieldFacts): JsonSchema {
  const annotated: JsonSchema = { description: plain(facts.description ?? ""), markdownDescription: markdownOf(facts), ...schema };
  if (facts.default !== undefined) annotated.default = facts.default;
  annotated.examples = facts.examples ?? exampleOf(facts);
  if (facts.enum && facts.enumDescriptions) {
    const values = annotated.enum as unknown[];
    annotated.markdownEnumDescriptions = values.map((value) => enumDescription(facts, value));
    annotated.enumDescriptions = (annotated.markdownEnumDescriptions as string[]).map(plain);
  }
  return annotated;
}

function enumDescription(facts: FieldFacts, value: unknown): string {
  if (value === null) return "Not set.";
  if (value === "") return "Blank: not set.";
  return facts.enumDescriptions?.[value as string] ?? "";
}

function exampleOf(facts: FieldFacts): unknown[] {
  if (facts.default !== undefined) return [facts.default];
  if (facts.enum) return [facts.enum[0]];
  switch (facts.type) {
    case "boolean":
      return [true];
    case "integer":
      return [facts.minimum ?? 10];
    default:
      return [];
  }
}

function markdownOf(facts: FieldFacts): string {
  const lines = [facts.description ?? ""];
  if (facts.minimum !== undefined || facts.maximum !== undefined) {
    lines.push(`Range: ${facts.minimum ?? "…"} to ${facts.maximum ?? "…"}.`);
  }
  if (facts.default !== undefined) lines.push(`Default: \`${JSON.stringify(facts.default)}\`.`);
  return lines.filter(Boolean).join("\n\n");
}

/** Markdown to plain text for the `description` keyword, which editors show verbatim. */
function plain(markdown: string): string {
  return markdown.replace(/`([^`]*)`/g, "$1");
}

interface ObjectNode {
  properties: Record<string, JsonSchema>;
  required: string[];
}

/** The schema of one kind, with its nested objects inline. */
export function kindSchema(spec: SpecData, decisions: DecisionData, editor: EditorData, kind: KindName): JsonSchema {
  const top: ObjectNode = { properties: {}, required: [] };
  const nested: Record<string, ObjectNode> = {};
  for (const field of fieldsOf(spec, kind)) {
    const facts = resolveField(field, kind, decisions.decisions);
    const [parent, name] = field.path.includes(".") ? field.path.split(".") as [string, string] : [undefined, field.path];
    const node = parent ? (nested[parent] ??= { properties: {}, required: [] }) : top;
    node.properties[name] = annotate(valueSchema(facts), facts);
    if (field.required?.includes(kind)) node.required.push(name);
  }
  for (const [name, node] of Object.entries(nested)) {
    top.properties[name] = closedObject(spec.objects[name] ?? "", node);
  }
  const meta = spec.kinds[kind];
  top.properties.record_type = {
    description: `The kind of connection. Not part of the body sent to ${meta.endpoint}; it tells connlint and editors which schema applies.`,
    markdownDescription: `The kind of connection. Not part of the body sent to \`${meta.endpoint}\`; it tells connlint and editors which schema applies.`,
    const: kind,
  };
  top.properties.$schema = {
    description: "The schema editors use for this file. Not part of the body sent to the API.",
    type: "string",
  };
  const mirrors = editor.crossField.filter((mirror) => mirror.kinds.includes(kind)).map(mirrorSchema);
  return {
    $schema: DRAFT_07,
    title: meta.title,
    description: `The body of ${meta.endpoint}, as a connlint connection file.`,
    ...closedObject(`The body of ${meta.endpoint}, as a connlint connection file.`, top),
    ...(mirrors.length ? { allOf: mirrors } : {}),
    defaultSnippets: [snippetOf(editor.snippets[kind])],
  };
}

function snippetOf(snippet: Snippet): JsonSchema {
  return { label: snippet.label, description: plain(snippet.markdownDescription), markdownDescription: snippet.markdownDescription, body: snippet.body };
}

/** `if`/`then` on the whole connection, with the message on the value that must change; tagged so that the CLI strips it. */
function mirrorSchema(mirror: Mirror): JsonSchema {
  let then: JsonSchema = { ...mirror.then, errorMessage: mirror.message };
  for (const segment of mirror.target.split(".").reverse()) then = { properties: { [segment]: then } };
  return {
    [MIRROR_KEYWORD]: mirror.id,
    $comment: "For editors: connlint strips this and reports the same fact once, through its own rule.",
    if: mirror.when,
    then,
  };
}

function closedObject(description: string, node: ObjectNode): JsonSchema {
  const schema: JsonSchema = { description, type: "object", properties: node.properties };
  if (node.required.length) schema.required = node.required;
  schema.additionalProperties = false;
  return schema;
}

/** Either kind, chosen by `record_type`; without it, editors offer both. */
export function connectionSchema(spec: SpecData, decisions: DecisionData, editor: EditorData): JsonSchema {
  const definitions: Record<string, JsonSchema> = {};
  for (const kind of KINDS) {
    // The snippets sit once, at the top, where an empty document looks for them.
    const { $schema: _drop, defaultSnippets: _snippets, ...schema } = kindSchema(spec, decisions, editor, kind);
    definitions[kind] = schema;
  }
  const declares = (kind: KindName) => ({ properties: { record_type: { const: kind } }, required: ["record_type"] });
  return {
    $schema: DRAFT_07,
    title: "Telnyx SIP connection",
    description: "An IP or credential connection, as a connlint connection file. Set `record_type` to choose the kind.",
    type: "object",
    defaultSnippets: KINDS.map((kind) => snippetOf(editor.snippets[kind])),
    definitions,
    if: declares("credential_connection"),
    then: { $ref: "#/definitions/credential_connection" },
    else: {
      if: declares("ip_connection"),
      then: { $ref: "#/definitions/ip_connection" },
      else: { anyOf: [{ $ref: "#/definitions/ip_connection" }, { $ref: "#/definitions/credential_connection" }] },
    },
  };
}

export const SCHEMA_FILES: Record<string, (spec: SpecData, decisions: DecisionData, editor: EditorData) => JsonSchema> = {
  "ip-connection.schema.json": (spec, decisions, editor) => kindSchema(spec, decisions, editor, "ip_connection"),
  "credential-connection.schema.json": (spec, decisions, editor) => kindSchema(spec, decisions, editor, "credential_connection"),
  "connection.schema.json": connectionSchema,
};

/** Every generated file under schemas/, by name, as it must be committed. */
export function buildSchemaFiles(spec: SpecData, decisions: DecisionData, editor: EditorData): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [name, build] of Object.entries(SCHEMA_FILES)) {
    files[name] = JSON.stringify(build(spec, decisions, editor), null, 2) + "\n";
  }
  files["README.md"] = readme(decisions, editor);
  return files;
}

function readme(decisions: DecisionData, editor: EditorData): string {
  const rows = decisions.decisions.map((decision) => {
    const fields = decision.fields.length ? decision.fields.map((f) => `\`${f}\``).join(", ") : "every object";
    const kinds = (decision.kinds ?? KINDS).join(", ");
    return `| ${decision.id} | ${fields} | ${kinds} | ${decision.page} | ${decision.why} |`;
  });
  const cell = (text: string) => text.replace(/\|/g, "\\|");
  const mirrors = editor.crossField.map((mirror) => `| ${mirror.id} | ${mirror.kinds.join(", ")} | \`${mirror.target}\` | ${cell(mirror.page)} | ${cell(mirror.message)} |`);
  return `# connlint's schemas

Generated by \`npm run build:schemas\` from \`spec/fields.json\` (the fields as the API pages
state them) and \`spec/decisions.json\` (the decisions below). Do not edit the \`.json\` files
here by hand: a test fails when they differ from what the script builds.

| file | what |
| --- | --- |
| \`ip-connection.schema.json\` | an IP connection (body of \`POST /v2/ip_connections\`) |
| \`credential-connection.schema.json\` | a credential connection (body of \`POST /v2/credential_connections\`) |
| \`connection.schema.json\` | either kind, chosen by \`record_type\` |

All three are JSON Schema draft-07 and standalone (no network \`$ref\`). Besides the
validation keywords they carry, for editors: \`description\` and \`markdownDescription\`
(hover), \`default\` and \`examples\`, \`enumDescriptions\` and \`markdownEnumDescriptions\`
(one per allowed value, shown beside each completion), \`defaultSnippets\` (a whole new IP
connection and a whole new credential connection, offered in an empty file), and the
cross-field constraints below with their \`errorMessage\`. The editor data comes from
\`spec/editor.json\`; the README of the repository shows how to associate the schemas in an
editor.

## How the schemas express connlint's conventions

- Every object is closed (\`additionalProperties: false\`).
- A field described as blank-able accepts \`""\`; a nullable field accepts \`null\`.
- Patterns accept a \`\${NAME}\` placeholder in place of the value; \`patternErrorMessage\`
  says in words what the pattern means.
- A \`format\` (\`uri\`, \`uuid\`) applies only to a set value, not to \`null\`, \`""\` or a
  placeholder: it sits behind an \`if\` on the value.

## Cross-field constraints for editors

Draft-07 can say a few of the facts that connect two fields, so an editor with no connlint
process shows them too. Each is an \`if\`/\`then\` entry in the top-level \`allOf\` of the
kind's schema, with an \`errorMessage\` on the value that must change (yaml-language-server
shows it in place of its generic text):

| mirror | kinds | reported at | the page says | message |
| --- | --- | --- | --- | --- |
${mirrors.join("\n")}

connlint reports each of these facts itself, once, through a cross-field rule in
\`src/rules/\`, with a precise message, a related location and a rule id you can configure
or suppress. So that the CLI never reports the same fact a second time, every mirror carries
the keyword \`${MIRROR_KEYWORD}\` (its value is the mirror's id), and connlint's schema
loader (\`src/schema/validators.ts\`) removes every \`allOf\` entry that carries it before
compiling the schema. Nothing else in the schemas is ignored. A test lints a connection that
breaks each mirror and checks that no structural diagnostic comes from the schema.

## Decisions

Where the API pages are wrong, silent, or disagree with each other or with the official
OpenAPI spec, the schemas follow the decisions below. Each decision's valid and invalid
examples are checked by \`test/schemas.test.ts\`.

| decision | fields | kinds | the page says | why |
| --- | --- | --- | --- | --- |
${rows.join("\n")}
`;
}
