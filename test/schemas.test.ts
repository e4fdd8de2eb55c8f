// The published schemas: built from spec/, complete against the API pages, valid draft-07, decisions upheld.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv, type ErrorObject } from "ajv";
import addFormatsModule from "ajv-formats";
import { describe, expect, it } from "vitest";
import { buildSchemaFiles, type DecisionData, type EditorData, fieldsOf, KINDS, type KindName, resolveField, type SpecData } from "../scripts/schema-builder.js";
import { SECRET_FIELDS } from "../src/diagnostics/show.js";
import { KIND_MARKERS } from "../src/kind.js";
import { MIRROR_KEYWORD, validatorFor, withoutMirrors } from "../src/schema/validators.js";
import { describeWithShared, ROOT, SHARED } from "./support/shared.js";
import { expandSnippet, snippetBodyAsJson } from "./support/snippets.js";

const readJson = (path: string) => JSON.parse(readFileSync(join(ROOT, path), "utf8"));
const spec = readJson("spec/fields.json") as SpecData;
const decisions = readJson("spec/decisions.json") as DecisionData;
const editor = readJson("spec/editor.json") as EditorData;
const built = buildSchemaFiles(spec, decisions, editor);
const KIND_FILES: Record<KindName, string> = { ip_connection: "ip-connection.schema.json", credential_connection: "credential-connection.schema.json" };
/** What a connection needs besides the fields an example sets. */
const BASE: Record<KindName, Record<string, unknown>> = {
  ip_connection: {},
  credential_connection: { connection_name: "decisions", user_name: "decisions1", password: "long enough" },
};
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** The schema as an editor reads it, cross-field mirrors included. */
function editorValidator(name: string) {
  const ajv = new Ajv({ strict: false, allErrors: true, verbose: true });
  addFormats(ajv, ["uri", "uuid"]);
  return ajv.compile(JSON.parse(built[name]!));
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
    for (const name of ["ip-connection.schema.json", "credential-connection.schema.json"]) {
      const schema = JSON.parse(built[name]!);
      const fields = Object.entries(schema.properties as Record<string, Record<string, unknown>>).flatMap(([key, field]) =>
        field.properties ? Object.entries(field.properties as Record<string, Record<string, unknown>>).map(([child, value]) => [`${key}.${child}`, value] as const) : [[key, field] as const],
      );
      for (const [path, field] of fields) {
        expect(field.description, `${name} ${path}`).toBeTruthy();
        if (path === "$schema" || path === "record_type") continue;
        expect(field.markdownDescription, `${name} ${path}`).toBeTruthy();
        expect(field.examples, `${name} ${path}`).toBeInstanceOf(Array);
      }
    }
  });

  it("connection.schema.json picks the kind by record_type", () => {
    const validate = new Ajv({ strict: false }).compile(JSON.parse(built["connection.schema.json"]!));
    expect(validate({ record_type: "credential_connection", connection_name: "a", user_name: "abcd", password: "12345678" })).toBe(true);
    expect(validate({ record_type: "credential_connection", connection_name: "a", user_name: "abcd", password: "12345678", transport_protocol: "UDP" })).toBe(false);
    expect(validate({ record_type: "ip_connection", transport_protocol: "UDP" })).toBe(true);
    expect(validate({ record_type: "ip_connection", user_name: "abcd" })).toBe(false);
  });
});

describe("editor data in spec/editor.json", () => {
  it("every allowed value of every field has a description", () => {
    for (const kind of KINDS) {
      const schema = JSON.parse(built[KIND_FILES[kind]]!);
      const fields = Object.entries(schema.properties as Record<string, Record<string, unknown>>).flatMap(([key, field]) =>
        field.properties ? Object.entries(field.properties as Record<string, Record<string, unknown>>).map(([child, value]) => [`${key}.${child}`, value] as const) : [[key, field] as const],
      );
      for (const [path, field] of fields.filter(([name, field]) => Array.isArray(field.enum) && name !== "record_type")) {
        const descriptions = field.markdownEnumDescriptions as string[] | undefined;
        expect(descriptions, `${kind} ${path}`).toHaveLength((field.enum as unknown[]).length);
        for (const description of descriptions!) expect(description, `${kind} ${path}`).toMatch(/\S/);
      }
    }
  });

  it("each kind's schema offers its snippet at the top; connection.schema.json offers both, once", () => {
    for (const kind of KINDS) {
      const snippets = JSON.parse(built[KIND_FILES[kind]]!).defaultSnippets as { body: Record<string, unknown> }[];
      expect(snippets.map((snippet) => snippet.body.record_type)).toEqual([kind]);
    }
    const either = JSON.parse(built["connection.schema.json"]!);
    expect((either.defaultSnippets as { body: Record<string, unknown> }[]).map((snippet) => snippet.body.record_type)).toEqual(KINDS);
    expect(JSON.stringify(either.definitions)).not.toContain("defaultSnippets");
  });

  for (const kind of KINDS) {
    it(`the ${kind} snippet, inserted into a JSON file, is a valid connection`, () => {
      const body = JSON.parse(expandSnippet(snippetBodyAsJson(editor.snippets[kind].body)));
      for (const validate of [editorValidator(KIND_FILES[kind]), editorValidator("connection.schema.json"), validatorFor(kind, "create")]) {
        expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
      }
    });
  }

  for (const mirror of editor.crossField) {
    for (const kind of mirror.kinds) {
      it(`mirror ${mirror.id} (${kind}): editors report it at /${mirror.target.replace(/\./g, "/")}; connlint's schema does not`, () => {
        const pointer = `/${mirror.target.replace(/\./g, "/")}`;
        const cli = validatorFor(kind, "create");
        for (const file of [KIND_FILES[kind], "connection.schema.json"]) {
          const validate = editorValidator(file);
          for (const example of mirror.valid) {
            const connection = { record_type: kind, ...BASE[kind], ...(example as object) };
            expect(validate(connection), `valid: ${JSON.stringify(example)} ${JSON.stringify(validate.errors)}`).toBe(true);
            expect(cli(connection), `valid: ${JSON.stringify(example)}`).toBe(true);
          }
          for (const example of mirror.invalid) {
            const connection = { record_type: kind, ...BASE[kind], ...(example as object) };
            expect(validate(connection), `invalid: ${JSON.stringify(example)}`).toBe(false);
            const carriesMessage = (error: ErrorObject) => error.instancePath === pointer && (error.parentSchema as { errorMessage?: string }).errorMessage === mirror.message;
            expect((validate.errors ?? []).some(carriesMessage), `${file} ${JSON.stringify(validate.errors)}`).toBe(true);
            expect(cli(connection), `the CLI's schema must leave ${JSON.stringify(example)} to the rule: ${JSON.stringify(cli.errors)}`).toBe(true);
          }
        }
      });
    }
  }

  it("connlint strips the mirrors and nothing else", () => {
    for (const kind of KINDS) {
      const { allOf, ...rest } = JSON.parse(built[KIND_FILES[kind]]!);
      expect((allOf as Record<string, unknown>[]).every((entry) => MIRROR_KEYWORD in entry)).toBe(true);
      expect(withoutMirrors({ allOf, ...rest })).toEqual(rest);
    }
    const either = JSON.parse(built["connection.schema.json"]!);
    expect(JSON.stringify(withoutMirrors(either))).not.toContain(MIRROR_KEYWORD);
    expect(JSON.stringify(either)).toContain(MIRROR_KEYWORD);
  });
});

describe("decisions in spec/decisions.json", () => {
  const base = BASE;
  for (const decision of decisions.decisions) {
    for (const kind of decision.kinds ?? KINDS) {
      it(`${decision.id} (${kind})`, () => {
        const validate = validatorFor(kind, "create");
        for (const example of decision.valid) {
          expect(validate({ ...base[kind], ...(example as object) }), `valid: ${JSON.stringify(example)} ${JSON.stringify(validate.errors)}`).toBe(true);
        }
        for (const example of decision.invalid) {
          expect(validate({ ...base[kind], ...(example as object) }), `invalid: ${JSON.stringify(example)}`).toBe(false);
        }
      });
    }
  }
});

describe("data kept in code beside spec/fields.json", () => {
  it("SECRET_FIELDS are the fields marked secret", () => {
    const secrets = spec.fields.filter((field) => field.secret).map((field) => field.path.split(".").at(-1));
    expect([...SECRET_FIELDS].sort()).toEqual(secrets.sort());
  });

  it("KIND_MARKERS are the fields only one kind has", () => {
    for (const kind of KINDS) {
      const other = KINDS.find((k) => k !== kind)!;
      const otherPaths = new Set(fieldsOf(spec, other).map((field) => field.path));
      const unique = fieldsOf(spec, kind).map((field) => field.path).filter((path) => !otherPaths.has(path));
      expect([...KIND_MARKERS[kind]].sort()).toEqual(unique.sort());
    }
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
  for (const kind of KINDS) {
    const page = () => pageFields(readFileSync(join(SHARED, "spec", spec.kinds[kind].page), "utf8"));

    it(`has every field the ${kind} page lists, and no other`, () => {
      const listed = [...page().keys()].sort();
      expect(listed.length).toBeGreaterThan(40);
      expect(fieldsOf(spec, kind).map((field) => field.path).sort()).toEqual(listed);
    });

    it(`keeps the ${kind} page's defaults, except where a decision says otherwise`, () => {
      const entries = page();
      for (const field of fieldsOf(spec, kind)) {
        const stated = /Default value: (.*)/.exec(entries.get(field.path) ?? "")?.[1];
        const facts = resolveField(field, kind, decisions.decisions);
        if (stated === undefined) continue;
        const ours = Array.isArray(facts.default) ? facts.default.join(",") : String(facts.default);
        expect(ours, `${kind} ${field.path}`).toBe(stated);
      }
    });

    it(`keeps the ${kind} page's bounds`, () => {
      const entries = page();
      for (const field of fieldsOf(spec, kind)) {
        const facts = resolveField(field, kind, decisions.decisions);
        const stated = entries.get(field.path) ?? "";
        const range = /Possible values: >= (\d+) and <= (\d+)/.exec(stated) ?? /min: (\d+), max: (\d+)/.exec(stated) ?? /from (\d+) to (\d+)/.exec(stated);
        if (range) expect([facts.minimum, facts.maximum], `${kind} ${field.path}`).toEqual([Number(range[1]), Number(range[2])]);
        const upper = /Possible values: <= (\d+)/.exec(stated);
        if (upper) expect(facts.maximum, `${kind} ${field.path}`).toBe(Number(upper[1]));
      }
    });
  }
});
