// The published schemas: built from spec/, complete against the API pages and the OpenAPI, valid draft-07, decisions upheld.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv, type ErrorObject } from "ajv";
import addFormatsModule from "ajv-formats";
import { describe, expect, it } from "vitest";
import { extractOpenApi, newestExcerpt } from "../scripts/openapi-extract.js";
import { apiBody, buildSchemaFiles, fieldsOf, KINDS, type KindName, OPERATIONS, PAGE_KINDS, resolveField, unsettled } from "../scripts/schema-builder.js";
import { readSources } from "../scripts/sources.js";
import { SECRET_FIELDS } from "../src/diagnostics/show.js";
import { KIND_MARKERS, type Operation, schemaFileOf, TRUNK_MARKERS } from "../src/kind.js";
import { REMOVED_FIELDS } from "../src/schema/removed-fields.js";
import { MIRROR_KEYWORD, RESPONSE_ONLY_FIELDS, type Schema, schemaOf, validatorFor, withoutMirrors } from "../src/schema/validators.js";
import { describeWithShared, ROOT, SHARED } from "./support/shared.js";
import { expandSnippet, snippetBodyAsJson } from "./support/snippets.js";

const sources = readSources(ROOT);
const { spec, decisions, editor, openapi } = sources;
const built = buildSchemaFiles(sources);
/** What a connection needs besides the fields an example sets: a create body's required fields; an update needs nothing. */
const BASE: Record<Operation, Record<KindName, Record<string, unknown>>> = {
  create: {
    ip_connection: {},
    credential_connection: { connection_name: "decisions", user_name: "decisions1", password: "long enough" },
    fqdn_connection: { connection_name: "decisions" },
  },
  update: { ip_connection: {}, credential_connection: {}, fqdn_connection: {} },
};
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const KIND_SCHEMAS = KINDS.flatMap((kind) => OPERATIONS.map((operation) => ({ kind, operation, name: schemaFileOf(kind, operation) })));

/** The schema as an editor reads it, cross-field mirrors included. */
function editorValidator(name: string) {
  const ajv = new Ajv({ strict: false, allErrors: true, verbose: true });
  addFormats(ajv, ["uri", "uuid"]);
  return ajv.compile(JSON.parse(built[name]!));
}

/** Every field of a kind's schema, by dotted path, nested objects' fields included. */
function fieldsIn(schema: Record<string, unknown>): [string, Record<string, unknown>][] {
  return Object.entries(schema.properties as Record<string, Record<string, unknown>>).flatMap(([key, field]) =>
    field.properties ? Object.entries(field.properties as Record<string, Record<string, unknown>>).map(([child, value]) => [`${key}.${child}`, value] as [string, Record<string, unknown>]) : [[key, field] as [string, Record<string, unknown>]],
  );
}

/** The dotted paths of the fields a kind's create and update bodies have. */
function bodyFields(kind: KindName): Set<string> {
  return new Set(OPERATIONS.flatMap((operation) => fieldsIn(schemaOf(kind, operation)).map(([path]) => path)).filter((path) => path !== "$schema" && path !== "record_type"));
}

describe("schemas/", () => {
  for (const [name, text] of Object.entries(built)) {
    it(`${name} is what npm run build:schemas writes`, () => {
      expect(readFileSync(join(ROOT, "schemas", name), "utf8")).toBe(text);
    });
  }

  for (const name of Object.keys(built).filter((file) => file.endsWith(".json"))) {
    it(`${name} is a valid draft-07 schema`, () => {
      const ajv = new Ajv({ strict: false });
      const schema = JSON.parse(built[name]!);
      expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
      expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
      expect(built[name]).not.toMatch(/"\$ref":\s*"(?!#)/);
    });
  }

  it("every field has a description, a markdownDescription and examples", () => {
    for (const { name } of KIND_SCHEMAS) {
      for (const [path, field] of fieldsIn(JSON.parse(built[name]!))) {
        expect(field.description, `${name} ${path}`).toBeTruthy();
        if (path === "$schema" || path === "record_type") continue;
        expect(field.markdownDescription, `${name} ${path}`).toBeTruthy();
        expect(field.examples, `${name} ${path}`).toBeInstanceOf(Array);
      }
    }
  });

  it("every default and example is a value its field accepts", () => {
    const ajv = new Ajv({ strict: false });
    addFormats(ajv, ["uri", "uuid"]);
    for (const { name } of KIND_SCHEMAS) {
      for (const [path, field] of fieldsIn(JSON.parse(built[name]!))) {
        const validate = ajv.compile(field);
        for (const value of [...("default" in field ? [field.default] : []), ...((field.examples as unknown[] | undefined) ?? [])]) {
          expect(validate(value), `${name} ${path}: ${JSON.stringify(value)}`).toBe(true);
        }
      }
    }
  });

  it("each kind's schemas have exactly the fields of the OpenAPI bodies, but those a decision omits", () => {
    for (const { kind, operation, name } of KIND_SCHEMAS) {
      const omitted = decisions.decisions.filter((d) => d.set.omit && (d.kinds ?? KINDS).includes(kind) && (d.operations ?? OPERATIONS).includes(operation)).flatMap((d) => d.fields);
      const live = Object.entries(apiBody(openapi, kind, operation).fields).filter(([path, field]) => field.type !== "object" && !omitted.includes(path)).map(([path]) => path);
      const ours = fieldsIn(JSON.parse(built[name]!)).map(([path]) => path).filter((path) => path !== "$schema" && path !== "record_type");
      expect(ours.sort(), name).toEqual(live.sort());
    }
  });

  it("connection.schema.json picks the kind by record_type", () => {
    const validate = new Ajv({ strict: false }).compile(JSON.parse(built["connection.schema.json"]!));
    expect(validate({ record_type: "credential_connection", connection_name: "a", user_name: "abcd", password: "12345678" })).toBe(true);
    expect(validate({ record_type: "credential_connection", connection_name: "a", user_name: "abcd", password: "12345678", transport_protocol: "UDP" })).toBe(false);
    expect(validate({ record_type: "ip_connection", transport_protocol: "UDP" })).toBe(true);
    expect(validate({ record_type: "ip_connection", user_name: "abcd" })).toBe(false);
    expect(validate({ record_type: "fqdn_connection", connection_name: "sbc", microsoft_teams_sbc: true })).toBe(true);
    expect(validate({ record_type: "fqdn_connection", microsoft_teams_sbc: true })).toBe(false);
  });

  it("connection-update.schema.json requires nothing and takes the update-only fields", () => {
    const validate = new Ajv({ strict: false }).compile(JSON.parse(built["connection-update.schema.json"]!));
    expect(validate({ record_type: "credential_connection", active: false })).toBe(true);
    expect(validate({ record_type: "fqdn_connection", inbound: { default_primary_fqdn_id: "1293384261075731497" } })).toBe(true);
    expect(validate({ record_type: "ip_connection", inbound: { default_primary_ip_id: "1293384261075731497" } })).toBe(true);
    expect(validate({ record_type: "credential_connection", webhook_api_version: "texml" })).toBe(false);
  });
});

describe("spec/ is settled", () => {
  it("every OpenAPI field has an entry, every dropped page field is marked removed, and every disagreement has a decision", () => {
    expect(unsettled(sources)).toEqual([]);
  });
});

describe("editor data in spec/editor.json", () => {
  it("every allowed value of every field has a description", () => {
    for (const { name } of KIND_SCHEMAS) {
      for (const [path, field] of fieldsIn(JSON.parse(built[name]!)).filter(([path, field]) => Array.isArray(field.enum) && path !== "record_type")) {
        const descriptions = field.markdownEnumDescriptions as string[] | undefined;
        expect(descriptions, `${name} ${path}`).toHaveLength((field.enum as unknown[]).length);
        for (const description of descriptions!) expect(description, `${name} ${path}`).toMatch(/\S/);
      }
    }
  });

  it("each kind's create schema offers its snippet at the top, update schemas none; connection.schema.json offers every kind's, once", () => {
    for (const kind of KINDS) {
      const snippets = JSON.parse(built[schemaFileOf(kind, "create")]!).defaultSnippets as { body: Record<string, unknown> }[];
      expect(snippets.map((snippet) => snippet.body.record_type)).toEqual([kind]);
      expect(JSON.parse(built[schemaFileOf(kind, "update")]!).defaultSnippets).toBeUndefined();
    }
    const either = JSON.parse(built["connection.schema.json"]!);
    expect((either.defaultSnippets as { body: Record<string, unknown> }[]).map((snippet) => snippet.body.record_type)).toEqual(KINDS);
    expect(JSON.stringify(either.definitions)).not.toContain("defaultSnippets");
    expect(built["connection-update.schema.json"]).not.toContain("defaultSnippets");
  });

  for (const kind of KINDS) {
    it(`the ${kind} snippet, inserted into a JSON file, is a valid connection`, () => {
      const body = JSON.parse(expandSnippet(snippetBodyAsJson(editor.snippets[kind].body)));
      for (const validate of [editorValidator(schemaFileOf(kind, "create")), editorValidator("connection.schema.json"), validatorFor(kind, "create")]) {
        expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
      }
    });
  }

  for (const mirror of editor.crossField) {
    for (const kind of mirror.kinds) {
      for (const operation of mirror.operations ?? OPERATIONS) {
        it(`mirror ${mirror.id} (${kind}, ${operation}): editors report it at /${mirror.target.replace(/\./g, "/")}; connlint's schema does not`, () => {
          const pointer = `/${mirror.target.replace(/\./g, "/")}`;
          const cli = validatorFor(kind, operation);
          for (const file of [schemaFileOf(kind, operation), schemaFileOf(undefined, operation)]) {
            const validate = editorValidator(file);
            for (const example of mirror.valid) {
              const connection = { record_type: kind, ...BASE[operation][kind], ...(example as object) };
              expect(validate(connection), `valid: ${JSON.stringify(example)} ${JSON.stringify(validate.errors)}`).toBe(true);
              expect(cli(connection), `valid: ${JSON.stringify(example)}`).toBe(true);
            }
            for (const example of mirror.invalid) {
              const connection = { record_type: kind, ...BASE[operation][kind], ...(example as object) };
              expect(validate(connection), `invalid: ${JSON.stringify(example)}`).toBe(false);
              const carriesMessage = (error: ErrorObject) => error.instancePath === pointer && (error.parentSchema as { errorMessage?: string }).errorMessage === mirror.message;
              expect((validate.errors ?? []).some(carriesMessage), `${file} ${JSON.stringify(validate.errors)}`).toBe(true);
              expect(cli(connection), `the CLI's schema must leave ${JSON.stringify(example)} to the rule: ${JSON.stringify(cli.errors)}`).toBe(true);
            }
          }
        });
      }
    }
  }

  it("connlint strips the mirrors and nothing else", () => {
    for (const { name } of KIND_SCHEMAS) {
      const { allOf, ...rest } = JSON.parse(built[name]!);
      if (!allOf) continue;
      expect((allOf as Record<string, unknown>[]).every((entry) => MIRROR_KEYWORD in entry), name).toBe(true);
      expect(withoutMirrors({ allOf, ...rest })).toEqual(rest);
    }
    const either = JSON.parse(built["connection.schema.json"]!);
    expect(JSON.stringify(withoutMirrors(either))).not.toContain(MIRROR_KEYWORD);
    expect(JSON.stringify(either)).toContain(MIRROR_KEYWORD);
  });
});

describe("decisions in spec/decisions.json", () => {
  for (const decision of decisions.decisions) {
    for (const kind of decision.kinds ?? KINDS) {
      for (const operation of decision.operations ?? OPERATIONS) {
        it(`${decision.id} (${kind}, ${operation})`, () => {
          const validate = validatorFor(kind, operation);
          const base = BASE[operation][kind];
          for (const example of decision.valid) {
            expect(validate({ ...base, ...(example as object) }), `valid: ${JSON.stringify(example)} ${JSON.stringify(validate.errors)}`).toBe(true);
          }
          for (const example of decision.invalid) {
            expect(validate({ ...base, ...(example as object) }), `invalid: ${JSON.stringify(example)}`).toBe(false);
          }
        });
      }
    }
  }
});

describe("data kept in code beside spec/", () => {
  it("SECRET_FIELDS are the fields marked secret", () => {
    const secrets = spec.fields.filter((field) => field.secret).map((field) => field.path.split(".").at(-1));
    expect([...SECRET_FIELDS].sort()).toEqual([...new Set(secrets)].sort());
  });

  it("KIND_MARKERS are the fields only one kind has, TRUNK_MARKERS those IP and FQDN connections share and credential connections lack", () => {
    const fields = Object.fromEntries(KINDS.map((kind) => [kind, bodyFields(kind)])) as Record<KindName, Set<string>>;
    for (const kind of KINDS) {
      const only = [...fields[kind]].filter((path) => KINDS.every((other) => other === kind || !fields[other].has(path)));
      expect([...KIND_MARKERS[kind]].sort(), kind).toEqual(only.sort());
    }
    const trunk = [...fields.ip_connection].filter((path) => fields.fqdn_connection.has(path) && !fields.credential_connection.has(path));
    expect([...TRUNK_MARKERS].sort()).toEqual(trunk.sort());
  });

  it("REMOVED_FIELDS are the fields marked removed", () => {
    expect(REMOVED_FIELDS).toEqual(Object.fromEntries(spec.fields.filter((field) => field.removed).map((field) => [field.path, field.removed])));
  });

  it("RESPONSE_ONLY_FIELDS are the fields of each GET response that its create schema lacks, with their types", () => {
    for (const kind of KINDS) {
      const create = new Set(fieldsIn(schemaOf(kind, "create")).map(([path]) => path));
      const response = Object.entries(apiBody(openapi, kind, "response").fields).filter(([path, field]) => field.type !== "object" && path !== "record_type" && !create.has(path));
      const expected: Record<string, Record<string, Schema>> = {};
      for (const [path, field] of response) {
        const [parent, name] = path.includes(".") ? path.split(".") : ["", path];
        (expected[parent!] ??= {})[name!] = { type: field.nullable ? [field.type!, "null"] : field.type! };
      }
      expect(RESPONSE_ONLY_FIELDS[kind], kind).toEqual(expected);
    }
  });
});

describeWithShared("spec/openapi.json against the OpenAPI excerpt in ../shared/spec", () => {
  it("is what npm run spec:extract writes from the newest excerpt", () => {
    const excerpt = newestExcerpt(join(SHARED, "spec"));
    const committed = JSON.parse(readFileSync(join(ROOT, "spec", "openapi.json"), "utf8"));
    expect(committed).toEqual(extractOpenApi(readFileSync(excerpt, "utf8"), excerpt.split("/").at(-1)!));
  });
});

/** Each field of an API page with the text under it, by dotted path: the top level, then rtcp_settings, inbound, outbound. */
function pageFields(text: string): Map<string, string> {
  const lines = text.slice(0, text.indexOf("\nResponses")).split("\n");
  const fields = new Map<string, string>();
  let section = "";
  let current: string | undefined;
  lines.forEach((line, i) => {
    const match = /^ {4}([a-z][a-z0-9_]*)(?: (.*))?$/.exec(line);
    const next = lines.slice(i + 1).find((candidate) => candidate.trim())?.trim();
    if (match && match[1] !== "object" && !match[2]?.trim() && next === "object") {
      section = match[1]!;
      current = undefined;
    } else if (match && match[1] !== "object") {
      current = section ? `${section}.${match[1]}` : match[1]!;
      fields.set(current, line);
    } else if (current) {
      fields.set(current, `${fields.get(current)}\n${line}`);
    }
  });
  return fields;
}

describeWithShared("spec/fields.json against the API pages in ../shared/spec", () => {
  for (const kind of PAGE_KINDS) {
    const page = () => pageFields(readFileSync(join(SHARED, "spec", spec.kinds[kind].page!), "utf8"));

    it(`has every field the ${kind} page lists, and no other`, () => {
      const listed = [...page().keys()].sort();
      expect(listed.length).toBeGreaterThan(40);
      expect(fieldsOf(spec, kind).map((field) => field.path).sort()).toEqual(listed);
    });

    it(`keeps the ${kind} page's defaults, except where a decision says otherwise`, () => {
      const entries = page();
      for (const field of fieldsOf(spec, kind)) {
        const stated = /Default value: (.*)/.exec(entries.get(field.path) ?? "")?.[1];
        const facts = resolveField(field, kind, "create", sources);
        if (stated === undefined) continue;
        const ours = Array.isArray(facts.default) ? facts.default.join(",") : String(facts.default);
        expect(ours, `${kind} ${field.path}`).toBe(stated);
      }
    });

    it(`keeps the ${kind} page's bounds`, () => {
      const entries = page();
      for (const field of fieldsOf(spec, kind)) {
        const facts = resolveField(field, kind, "create", sources);
        const stated = entries.get(field.path) ?? "";
        const range = /Possible values: >= (\d+) and <= (\d+)/.exec(stated) ?? /min: (\d+), max: (\d+)/.exec(stated) ?? /from (\d+) to (\d+)/.exec(stated);
        if (range) expect([facts.minimum, facts.maximum], `${kind} ${field.path}`).toEqual([Number(range[1]), Number(range[2])]);
        const upper = /Possible values: <= (\d+)/.exec(stated);
        if (upper) expect(facts.maximum, `${kind} ${field.path}`).toBe(Number(upper[1]));
      }
    });
  }
});

describe("src/schema/generated/", () => {
  it("holds exactly the validators npm run build:validators writes from schemas/", async () => {
    const { validatorModules } = await import("../scripts/validator-code.js");
    const expected = validatorModules();
    const folder = join(ROOT, "src", "schema", "generated");
    const { readdirSync } = await import("node:fs");
    expect(readdirSync(folder).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, text] of Object.entries(expected)) expect(readFileSync(join(folder, name), "utf8"), name).toBe(text);
  });
});
