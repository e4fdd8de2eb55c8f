// Builds the published JSON Schemas from spec/: openapi.json (what the live API states), fields.json (what the pages
// say, connlint's descriptions and the prose constraints), decisions.json (where connlint departs, and why) and
// editor.json (snippets, cross-field mirrors). Pure: data in, files' text out.
import { type Kind, KIND_LABELS, KINDS, type Operation, OPERATIONS, SCHEMA_FILES } from "../src/kind.js";
import { MIRROR_KEYWORD } from "../src/schema/validators.js";
import type { OpenApiData, OpenApiField, Operation as BodyName } from "./openapi-extract.js";

export type KindName = Kind;
export { KINDS, OPERATIONS };
/** The kinds an API page describes; FQDN connections have only the OpenAPI spec. */
export const PAGE_KINDS: readonly KindName[] = ["ip_connection", "credential_connection"];

type FieldType = "boolean" | "integer" | "string" | "url" | "string[]" | "int64";

/** The facts that say what a value may be: where the pages and the OpenAPI disagree on one, a decision must settle it. */
export const STRUCTURAL_FACTS = ["type", "nullable", "enum", "default", "minimum", "maximum", "multipleOf", "format"] as const;
type StructuralFact = (typeof STRUCTURAL_FACTS)[number];

export interface FieldFacts {
  type?: FieldType;
  enum?: unknown[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  multipleOf?: number;
  pattern?: string;
  patternErrorMessage?: string;
  format?: string;
  nullable?: boolean;
  blank?: boolean;
  description?: string;
  examples?: unknown[];
  enumDescriptions?: Record<string, string>;
  secret?: boolean;
  /** Set by a decision: connlint's schema for this kind and operation leaves the field out. */
  omit?: boolean;
  /** Set by a decision: the schema gives no default (the spec's own is not a value the field accepts). */
  noDefault?: boolean;
}

export interface FieldSpec extends FieldFacts {
  path: string;
  /** The API pages that list the field; absent for fields the API added after the pages. */
  pages?: KindName[];
  /** Page fact: the kinds whose page marks the field required. */
  required?: KindName[];
  /** When the live API removed a field the pages list ("January 2025"). */
  removed?: string;
  byKind?: Partial<Record<KindName, FieldFacts>>;
}

export interface SpecData {
  kinds: Record<KindName, { title: string; page?: string; endpoint: string; updateEndpoint: string }>;
  objects: Record<string, string>;
  fields: FieldSpec[];
}

export interface Decision {
  id: string;
  kinds?: KindName[];
  /** The operations the decision applies to; both when absent. */
  operations?: Operation[];
  fields: string[];
  set: FieldFacts;
  page: string;
  /** What the OpenAPI excerpt says, where the decision is about it. */
  openapi?: string;
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
  /** The operations whose schemas carry the mirror; both when absent. */
  operations?: Operation[];
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

/** Everything the schemas are built from. */
export interface Sources {
  spec: SpecData;
  decisions: DecisionData;
  editor: EditorData;
  openapi: OpenApiData;
}

type JsonSchema = Record<string, unknown>;

/** `${NAME}`: a placeholder for an environment variable (DESIGN §1). */
export const PLACEHOLDER_SOURCE = "\\$\\{[A-Z_][A-Z0-9_]*\\}";

const DRAFT_07 = "http://json-schema.org/draft-07/schema#";

/** The body the OpenAPI spec gives for a kind and an operation. */
export function apiBody(openapi: OpenApiData, kind: KindName, operation: BodyName) {
  const body = openapi.bodies[kind]?.[operation];
  if (!body) throw new Error(`spec/openapi.json has no ${operation} body for ${kind}`);
  return body;
}

/** The facts the OpenAPI spec states about a field, in fields.json's vocabulary (`nullable` is always stated). */
export function liveFacts(field: OpenApiField): FieldFacts {
  const facts: FieldFacts = { nullable: field.nullable === true };
  if (field.type) facts.type = (field.type === "array" ? `${field.items}[]` : field.type) as FieldType;
  if (field.enum) facts.enum = field.enum;
  for (const key of ["default", "minimum", "maximum", "multipleOf", "format"] as const) {
    if (field[key] !== undefined) (facts as Record<string, unknown>)[key] = field[key];
  }
  return facts;
}

/** The facts an entry of fields.json gives for a kind: the entry's, then the kind's own. */
function handFacts(field: FieldSpec, kind: KindName): FieldFacts {
  const { path: _path, pages: _pages, required: _required, removed: _removed, byKind: _byKind, ...facts } = field;
  return { ...facts, ...field.byKind?.[kind] };
}

function decisionsFor(decisions: Decision[], path: string, kind: KindName, operation: Operation): Decision[] {
  return decisions.filter((decision) => decision.fields.includes(path) && (decision.kinds ?? KINDS).includes(kind) && (decision.operations ?? OPERATIONS).includes(operation));
}

/**
 * The facts of one field for one kind and operation: fields.json (the pages' facts, the prose constraints, our
 * descriptions), then what the OpenAPI states (the live API), then the decisions. Where a page and the OpenAPI
 * disagree, a decision settles it (see `unsettled`): layering alone never picks a side silently.
 */
export function resolveField(field: FieldSpec, kind: KindName, operation: Operation, sources: Pick<Sources, "decisions" | "openapi">): FieldFacts {
  const api = apiBody(sources.openapi, kind, operation).fields[field.path];
  const facts: FieldFacts = { ...handFacts(field, kind), ...(api ? liveFacts(api) : {}) };
  for (const decision of decisionsFor(sources.decisions.decisions, field.path, kind, operation)) Object.assign(facts, decision.set);
  if (facts.noDefault) delete facts.default;
  return facts;
}

/** The page's facts about a field for a kind, as fields.json records them (before the OpenAPI and the decisions). */
export function pageFacts(field: FieldSpec, kind: KindName): FieldFacts {
  return handFacts(field, kind);
}

export function fieldsOf(spec: SpecData, kind: KindName): FieldSpec[] {
  return spec.fields.filter((field) => field.pages?.includes(kind));
}

/**
 * What the data can't build a schema from, one line each: a field of the OpenAPI with no entry (and so no
 * description) in fields.json, a page field the live API dropped that is not marked removed, an object without a
 * description, and every fact where a page and the OpenAPI disagree that no decision settles.
 */
export function unsettled(sources: Sources): string[] {
  const { spec, openapi, decisions } = sources;
  const problems: string[] = [];
  const entries = new Map(spec.fields.map((field) => [field.path, field]));
  for (const kind of KINDS) {
    for (const operation of OPERATIONS) {
      for (const [path, api] of Object.entries(apiBody(openapi, kind, operation).fields)) {
        if (api.type === "object") {
          if (!spec.objects[path]) problems.push(`${path}: an object of the ${kind} ${operation} body with no description in fields.json "objects"`);
        } else if (!entries.has(path)) {
          problems.push(`${path}: a field of the ${kind} ${operation} body with no entry in fields.json (write its description)`);
        } else if (entries.get(path)!.removed) {
          problems.push(`${path}: marked removed in fields.json, but the ${kind} ${operation} body has it`);
        }
      }
    }
  }
  for (const kind of PAGE_KINDS) {
    const body = apiBody(openapi, kind, "create");
    for (const field of fieldsOf(spec, kind)) {
      const api = body.fields[field.path];
      if (!api) {
        if (!field.removed) problems.push(`${field.path}: the ${kind} page lists it, the OpenAPI does not; mark it "removed" with the date`);
        continue;
      }
      const page = pageFacts(field, kind);
      const live = liveFacts(api);
      const settledBy = decisionsFor(decisions.decisions, field.path, kind, "create");
      for (const fact of STRUCTURAL_FACTS) {
        if (!disagree(fact, page, live) || settledBy.some((decision) => fact in decision.set)) continue;
        problems.push(`${field.path} (${kind}): the page says ${fact} ${show(fact === "nullable" ? (page.nullable ?? false) : page[fact])}, the OpenAPI ${show(live[fact])}; add a decision that sets ${fact}`);
      }
    }
    const pageRequired = fieldsOf(spec, kind).filter((field) => field.required?.includes(kind)).map((field) => field.path).sort();
    if (pageRequired.join() !== body.required.join()) problems.push(`${kind}: the page requires ${pageRequired.join(", ")}, the OpenAPI ${body.required.join(", ")}`);
  }
  return problems;
}

/** Silence is no disagreement for the facts a source may leave out; a type, an enum or nullability is always stated. */
function disagree(fact: StructuralFact, page: FieldFacts, live: FieldFacts): boolean {
  if (fact === "nullable") return (page.nullable ?? false) !== (live.nullable ?? false);
  if (fact === "enum" || fact === "type") return JSON.stringify(page[fact]) !== JSON.stringify(live[fact]);
  return page[fact] !== undefined && live[fact] !== undefined && JSON.stringify(page[fact]) !== JSON.stringify(live[fact]);
}

function show(value: unknown): string {
  return value === undefined ? "nothing" : JSON.stringify(value);
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
      throw new Error(`no JSON type for ${String(facts.type)}; add a decision`);
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
  if (facts.multipleOf !== undefined) schema.multipleOf = facts.multipleOf;
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
  if (facts.default !== undefined && facts.default !== null) return [facts.default];
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
    const steps = facts.multipleOf !== undefined ? `, in steps of ${facts.multipleOf}` : "";
    lines.push(`Range: ${facts.minimum ?? "…"} to ${facts.maximum ?? "…"}${steps}.`);
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

/** The title and description of a kind's schema for an operation. */
function bodyWords(sources: Sources, kind: KindName, operation: Operation): { title: string; description: string; endpoint: string } {
  const meta = sources.spec.kinds[kind];
  if (operation === "create") return { title: meta.title, description: `The body of ${meta.endpoint}, as a connlint connection file.`, endpoint: meta.endpoint };
  return {
    title: `${meta.title} (update)`,
    description: `The body of ${meta.updateEndpoint}: the settings to change on an existing connection, as a connlint connection file. Nothing is required.`,
    endpoint: meta.updateEndpoint,
  };
}

/** The schema of one kind for one operation, with its nested objects inline, in the order of fields.json. */
export function kindSchema(sources: Sources, kind: KindName, operation: Operation): JsonSchema {
  const problems = unsettled(sources);
  if (problems.length) throw new Error(`spec/ is not settled:\n${problems.join("\n")}`);
  const { spec, editor } = sources;
  const body = apiBody(sources.openapi, kind, operation);
  const top: ObjectNode = { properties: {}, required: [] };
  const nested: Record<string, ObjectNode> = {};
  for (const field of spec.fields.filter((candidate) => body.fields[candidate.path])) {
    const facts = resolveField(field, kind, operation, sources);
    if (facts.omit) continue;
    const [parent, name] = field.path.includes(".") ? (field.path.split(".") as [string, string]) : [undefined, field.path];
    const node = parent ? (nested[parent] ??= { properties: {}, required: [] }) : top;
    node.properties[name] = annotate(valueSchema(facts), facts);
    if (!parent && body.required.includes(name)) node.required.push(name);
  }
  for (const name of Object.keys(spec.objects)) {
    if (nested[name]) top.properties[name] = closedObject(spec.objects[name]!, nested[name]);
  }
  const words = bodyWords(sources, kind, operation);
  top.properties.record_type = {
    description: `The kind of connection. Not part of the body sent to ${words.endpoint}; it tells connlint and editors which schema applies.`,
    markdownDescription: `The kind of connection. Not part of the body sent to \`${words.endpoint}\`; it tells connlint and editors which schema applies.`,
    const: kind,
  };
  top.properties.$schema = {
    description: "The schema editors use for this file. Not part of the body sent to the API.",
    type: "string",
  };
  const mirrors = editor.crossField.filter((mirror) => mirror.kinds.includes(kind) && (mirror.operations ?? OPERATIONS).includes(operation)).map(mirrorSchema);
  return {
    $schema: DRAFT_07,
    title: words.title,
    description: words.description,
    ...closedObject(words.description, top),
    ...(mirrors.length ? { allOf: mirrors } : {}),
    ...(operation === "create" ? { defaultSnippets: [snippetOf(editor.snippets[kind])] } : {}),
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

/** Any kind, chosen by `record_type`; without it, editors offer every kind. */
export function connectionSchema(sources: Sources, operation: Operation): JsonSchema {
  const definitions: Record<string, JsonSchema> = {};
  for (const kind of KINDS) {
    // The snippets sit once, at the top, where an empty document looks for them.
    const { $schema: _drop, defaultSnippets: _snippets, ...schema } = kindSchema(sources, kind, operation);
    definitions[kind] = schema;
  }
  const declares = (kind: KindName) => ({ properties: { record_type: { const: kind } }, required: ["record_type"] });
  const undeclared: JsonSchema = { anyOf: KINDS.map((kind) => ({ $ref: `#/definitions/${kind}` })) };
  const chosen = KINDS.reduceRight<JsonSchema>((otherwise, kind) => ({ if: declares(kind), then: { $ref: `#/definitions/${kind}` }, else: otherwise }), undeclared);
  const update = operation === "update";
  return {
    $schema: DRAFT_07,
    title: update ? "Telnyx SIP connection (update)" : "Telnyx SIP connection",
    description: update
      ? "The settings to change on an existing IP, credential or FQDN connection (the body of a PATCH), as a connlint connection file. Set `record_type` to choose the kind."
      : "An IP, credential or FQDN connection, as a connlint connection file. Set `record_type` to choose the kind.",
    type: "object",
    ...(update ? {} : { defaultSnippets: KINDS.map((kind) => snippetOf(sources.editor.snippets[kind])) }),
    definitions,
    ...chosen,
  };
}

/** Every generated file under schemas/, by name, as it must be committed. */
export function buildSchemaFiles(sources: Sources): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [name, { kind, operation }] of Object.entries(SCHEMA_FILES)) {
    const schema = kind ? kindSchema(sources, kind, operation) : connectionSchema(sources, operation);
    files[name] = JSON.stringify(schema, null, 2) + "\n";
  }
  files["README.md"] = readme(sources);
  return files;
}

function readme({ decisions, editor, openapi }: Sources): string {
  const cell = (text: string) => text.replace(/\|/g, "\\|");
  const rows = decisions.decisions.map((decision) => {
    const fields = decision.fields.length ? decision.fields.map((f) => `\`${f}\``).join(", ") : "every object";
    const kinds = (decision.kinds ?? KINDS).join(", ");
    const operations = (decision.operations ?? OPERATIONS).join(", ");
    return `| ${decision.id} | ${fields} | ${kinds} | ${operations} | ${cell(decision.page)} | ${cell(decision.openapi ?? "")} | ${cell(decision.why)} |`;
  });
  const mirrors = editor.crossField.map((mirror) => `| ${mirror.id} | ${mirror.kinds.join(", ")} | ${(mirror.operations ?? OPERATIONS).join(", ")} | \`${mirror.target}\` | ${cell(mirror.page)} | ${cell(mirror.message)} |`);
  const files = Object.entries(SCHEMA_FILES).map(([name, { kind, operation }]) => {
    const who = kind ? KIND_LABELS[kind] : "any kind, chosen by `record_type`";
    const what = operation === "create" ? "a new connection (`POST`)" : "the changes to an existing connection (`PATCH`)";
    return `| \`${name}\` | ${who}: ${what} |`;
  });
  return `# connlint's schemas

Generated by \`npm run build:schemas\`; do not edit the \`.json\` files here by hand: a test fails
when they differ from what the script builds. They are built from \`spec/\`, in layers, each
field's facts taken in this order, the later winning:

1. \`spec/fields.json\`: the fields as the two API pages state them, connlint's own
   descriptions, and the constraints only the prose states (patterns, lengths, formats, blank
   values, bounds written in words);
2. \`spec/openapi.json\`: what the official OpenAPI spec states (fields, types, enums, bounds,
   defaults, nullability), extracted from \`${openapi.source.file}\` (${openapi.source.repo}
   at ${openapi.source.commit.slice(0, 7)}, ${openapi.source.date}) by \`npm run spec:extract\`;
   the OpenAPI decides which fields each body has;
3. \`spec/decisions.json\`: the decisions below.

The OpenAPI is newer than the pages, but neither wins silently: where a page and the OpenAPI
state different facts about a field, the build stops until a decision settles it. A field the
OpenAPI adds needs a description in \`fields.json\` before it is built; a field it drops must be
marked \`removed\` there (connlint then reports it with its own warning, \`removed-field\`).

| file | what |
| --- | --- |
${files.join("\n")}

All are JSON Schema draft-07 and standalone (no network \`$ref\`). Besides the
validation keywords they carry, for editors: \`description\` and \`markdownDescription\`
(hover), \`default\` and \`examples\`, \`enumDescriptions\` and \`markdownEnumDescriptions\`
(one per allowed value, shown beside each completion), \`defaultSnippets\` (a whole new
connection of each kind, offered in an empty file; the update schemas have none), and the
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
- An update schema requires nothing: a \`PATCH\` changes only the fields it sends.

## Cross-field constraints for editors

Draft-07 can say a few of the facts that connect two fields, so an editor with no connlint
process shows them too. Each is an \`if\`/\`then\` entry in the top-level \`allOf\` of the
kind's schema, with an \`errorMessage\` on the value that must change (yaml-language-server
shows it in place of its generic text):

| mirror | kinds | operations | reported at | the page says | message |
| --- | --- | --- | --- | --- | --- |
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

| decision | fields | kinds | operations | the pages say | the OpenAPI says | why |
| --- | --- | --- | --- | --- | --- | --- |
${rows.join("\n")}
`;
}
