// The published schemas in the real yaml-language-server, associated the three ways the README shows, as VS Code does.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Diagnostic, MarkupContent } from "vscode-languageserver-protocol";
import { RULES } from "../src/rules/index.js";
import { runCli } from "./support/cli.js";
import { expectationsOf } from "./support/fixtures.js";
import { type LanguageServer, pathToUri, startServer } from "./support/lsp.js";
import { ROOT } from "./support/shared.js";
import { expandSnippet } from "./support/snippets.js";

const SERVER_PACKAGE = join(ROOT, "node_modules", "yaml-language-server");
const SERVER_SCRIPT = join(SERVER_PACKAGE, "bin", "yaml-language-server");
const EDITOR_FIXTURES = join(ROOT, "fixtures", "editor");
/** The rule ids the schemas produce in the CLI; the editor shows the same problems. */
const STRUCTURAL_RULES = new Set(["invalid-value", "unknown-key", "missing-field", "unquoted-id"]);

const readme = readFileSync(join(ROOT, "README.md"), "utf8");
/** Starting the server and waiting for its first diagnostics; stopping it (a polite shutdown, then a kill). */
const START_TIMEOUT_MS = 40_000;
const STOP_TIMEOUT_MS = 20_000;

/** What the README's "Editor setup" section tells a user to write. */
interface EditorSetup {
  settings: { "yaml.schemas": Record<string, string[]>; "json.schemas": { fileMatch: string[]; url: string }[] };
  modeline: string;
  yamlSchemaKey: string;
  jsonSchemaKey: string;
  /** The schema paths table: settings and in-file paths, for an installed connlint and for a checkout. */
  paths: { settings: { installed: string; checkout: string }; inFile: { installed: string; checkout: string } };
}

function editorSetup(): EditorSetup {
  const section = /\n## Editor setup\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? "";
  const block = (language: string, starts: string) => new RegExp("```" + language + "\\n(" + starts + "[\\s\\S]*?)\\n```").exec(section)?.[1] ?? "";
  const row = (label: string) => {
    const cells = new RegExp(`^\\| ${label}[^|]*\\| \`([^\`]+)\` \\| \`([^\`]+)\` \\|$`, "m").exec(section);
    return { installed: cells?.[1] ?? "", checkout: cells?.[2] ?? "" };
  };
  return {
    settings: JSON.parse(block("json", "\\{\\n") || "null"),
    modeline: block("yaml", "# yaml-language-server"),
    yamlSchemaKey: block("yaml", "\\$schema:"),
    jsonSchemaKey: block("json", '\\{ "\\$schema"'),
    paths: { settings: row("settings"), inFile: row("a modeline") },
  };
}

/** The path a modeline, a `$schema` key or a settings entry names. */
function schemaPathIn(text: string): string {
  return /\$schema(?:=|": "|: )([^"\s]+)/.exec(text)?.[1] ?? "";
}

/** A workspace where connlint is installed as `npm install --save-dev ../connlint` installs it: a link in node_modules. */
function installedWorkspace(): string {
  const workspace = mkdtempSync(join(tmpdir(), "connlint-editor-"));
  mkdirSync(join(workspace, "node_modules"));
  mkdirSync(join(workspace, "connections"));
  symlinkSync(ROOT, join(workspace, "node_modules", "connlint"), "dir");
  return workspace;
}

/** The settings VS Code sends: the schema association, with the network (the schema store) off. */
function vscodeSettings(schemas: Record<string, string[]>): Record<string, unknown> {
  return {
    yaml: { schemas, validate: true, completion: true, hover: true, schemaStore: { enable: false } },
    http: { proxy: "", proxyStrictSSL: false },
    "[yaml]": {},
    editor: {},
  };
}

function serverVersion(): string {
  return (JSON.parse(readFileSync(join(SERVER_PACKAGE, "package.json"), "utf8")) as { version: string }).version;
}

async function yamlLanguageServer(root: string, schemas: Record<string, string[]>): Promise<LanguageServer> {
  const server = await startServer({ script: SERVER_SCRIPT, args: ["--stdio"], root, settings: vscodeSettings(schemas) });
  console.log(`yaml-language-server ${server.serverInfo?.version ?? serverVersion()} (${root === ROOT ? "checkout" : "workspace with connlint installed"})`);
  return server;
}

/**
 * The lines (1-based) where the editor must report, with the words its message must hold: every line the CLI reports a
 * structural problem on (`# expect:` with a schema rule), and every line marked `# editor: WORDS`.
 */
function editorExpectations(text: string, fixture: string): Map<number, string | undefined> {
  const expected = new Map<number, string | undefined>();
  for (const expectation of expectationsOf(fixture)) {
    if (STRUCTURAL_RULES.has(expectation.ruleId)) expected.set(expectation.line, undefined);
  }
  text.split("\n").forEach((line, index) => {
    const words = /\s#\s*editor:\s*(.*?)\s*(?:#|$)/.exec(line)?.[1];
    if (words) expected.set(index + 1, words);
  });
  return expected;
}

const linesOf = (diagnostics: Diagnostic[]) => [...new Set(diagnostics.map((d) => d.range.start.line + 1))].sort((a, b) => a - b);

/** Opens a document and waits for the editor's diagnostics to land exactly on the expected lines, with the expected words. */
async function expectEditorDiagnostics(server: LanguageServer, uri: string, text: string, fixture: string): Promise<Diagnostic[]> {
  const expected = editorExpectations(text, fixture);
  const wanted = [...expected.keys()].sort((a, b) => a - b);
  expect(wanted.length, `${fixture} expects no editor diagnostic`).toBeGreaterThan(0);
  await server.open(uri, text);
  const diagnostics = await server.diagnostics(uri, (published) => linesOf(published).join() === wanted.join());
  for (const [line, words] of expected) {
    const messages = diagnostics.filter((d) => d.range.start.line + 1 === line).map((d) => d.message);
    if (words) expect(messages.join("\n"), `line ${line}`).toContain(words);
  }
  expect(diagnostics.every((d) => d.severity === 1)).toBe(true);
  return diagnostics;
}

function fixtureText(name: string): string {
  return readFileSync(join(EDITOR_FIXTURES, name), "utf8");
}

/** The 0-based position of the value of `key` on its line. */
function valuePosition(text: string, key: string): { line: number; character: number } {
  const lines = text.split("\n");
  const line = lines.findIndex((candidate) => new RegExp(`^\\s*${key}:`).test(candidate));
  const match = new RegExp(`^(\\s*${key}:\\s*)`).exec(lines[line] ?? "");
  if (line < 0 || !match) throw new Error(`no ${key} in the document`);
  return { line, character: match[1]!.length };
}

function hoverText(contents: unknown): string {
  if (typeof contents === "string") return contents;
  if (Array.isArray(contents)) return contents.map(hoverText).join("\n");
  return (contents as MarkupContent | { value: string }).value;
}

function schemaField(file: string, path: string[]): Record<string, unknown> {
  let node = JSON.parse(readFileSync(join(ROOT, "schemas", file), "utf8")) as Record<string, unknown>;
  for (const key of path) node = (node.properties as Record<string, Record<string, unknown>>)[key]!;
  return node;
}

/** Like describe(), for tests that need the yaml-language-server devDependency: skipped where it is absent, failing under CI. */
function describeWithServer(name: string, body: () => void): void {
  if (existsSync(SERVER_SCRIPT)) describe(name, body);
  else if (process.env.CI === "true") describe(name, () => it("needs yaml-language-server", () => expect.fail(`${SERVER_SCRIPT} is missing; run npm ci`)));
  else {
    console.warn(`skipping "${name}": the yaml-language-server package is not installed; run npm ci (it is a devDependency)`);
    describe.skip(name, body);
  }
}

describe("README: Editor setup", () => {
  const setup = editorSetup();

  it("shows the three ways to associate the schemas", () => {
    expect(Object.keys(setup.settings["yaml.schemas"])).toHaveLength(1);
    expect(setup.settings["json.schemas"]).toHaveLength(1);
    expect(setup.modeline).toMatch(/^# yaml-language-server: \$schema=\S+$/);
    expect(setup.yamlSchemaKey).toMatch(/^\$schema: \S+$/);
    expect(JSON.parse(setup.jsonSchemaKey)).toHaveProperty("$schema");
  });

  it("gives schema paths that resolve from an installed connlint and from a checkout", () => {
    const workspace = installedWorkspace();
    try {
      const inConnections = (path: string) => resolve(workspace, "connections", path);
      const settingsPaths = [...Object.keys(setup.settings["yaml.schemas"]), ...setup.settings["json.schemas"].map((entry) => entry.url), setup.paths.settings.installed];
      for (const path of settingsPaths) expect(existsSync(resolve(workspace, path)), path).toBe(true);
      for (const path of [setup.modeline, setup.yamlSchemaKey, setup.jsonSchemaKey].map(schemaPathIn)) expect(existsSync(inConnections(path)), path).toBe(true);
      expect(existsSync(inConnections(setup.paths.inFile.installed)), setup.paths.inFile.installed).toBe(true);
      expect(existsSync(resolve(ROOT, setup.paths.settings.checkout)), setup.paths.settings.checkout).toBe(true);
      expect(existsSync(resolve(ROOT, "connections", setup.paths.inFile.checkout)), setup.paths.inFile.checkout).toBe(true);
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
  });
});

describeWithServer("yaml-language-server with the schemas in the workspace settings (connlint installed)", () => {
  const setup = editorSetup();
  let workspace: string;
  const uriOf = (name: string) => pathToUri(join(workspace, "connections", name));
  let server: LanguageServer;
  let structure: Diagnostic[];

  beforeAll(async () => {
    workspace = installedWorkspace();
    server = await yamlLanguageServer(workspace, setup.settings["yaml.schemas"]);
    // Every request below needs the settings applied: the expected diagnostics of the first document say they are.
    structure = await expectEditorDiagnostics(server, uriOf("structure.yaml"), fixtureText("structure.yaml"), join(EDITOR_FIXTURES, "structure.yaml"));
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await server?.stop();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  }, STOP_TIMEOUT_MS);

  it("reports a value out of range and an unknown key at their lines", () => {
    const at = (line: number) => structure.filter((d) => d.range.start.line + 1 === line).map((d) => d.message).join("\n");
    expect(at(6)).toMatch(/maximum of 30/);
    expect(at(8)).toMatch(/dns_number_format is not allowed/);
    const unknown = structure.find((d) => d.range.start.line + 1 === 8)!;
    expect(unknown.range.start.character).toBe(2);
  });

  for (const [key, values] of [
    ["transport_protocol", ["UDP", "TCP", "TLS"]],
    ["dtmf_type", ["RFC 2833", "Inband", "SIP INFO"]],
  ] as const) {
    it(`completes the values of ${key}, each with its description`, async () => {
      const text = fixtureText("structure.yaml");
      const { line, character } = valuePosition(text, key);
      const items = await server.completion(uriOf("structure.yaml"), line, character);
      expect(items.map((item) => item.label).sort()).toEqual([...values].sort());
      const descriptions = schemaField("ip-connection.schema.json", [key]).markdownEnumDescriptions as string[];
      for (const item of items) expect(hoverText(item.documentation)).toBe(descriptions[values.indexOf(item.label as never)]);
    });
  }

  it("shows the description of webhook_timeout_secs on hover", async () => {
    const { line } = valuePosition(fixtureText("structure.yaml"), "webhook_timeout_secs");
    const hover = await server.hover(uriOf("structure.yaml"), line, 3);
    const field = schemaField("ip-connection.schema.json", ["webhook_timeout_secs"]);
    expect(hoverText(hover?.contents)).toContain(field.description as string);
    expect(hoverText(hover?.contents)).toContain("Range: 0 to 30.");
  });

  it("shows the cross-field facts the schemas mirror, on the value that must change", async () => {
    for (const name of ["cross-field-ip.yaml", "cross-field-credential.yaml"]) {
      await expectEditorDiagnostics(server, uriOf(name), fixtureText(name), join(EDITOR_FIXTURES, name));
    }
  });

  it("offers a whole new connection of each kind in an empty file, which connlint finds clean", async () => {
    await server.open(uriOf("new.yaml"), "");
    const items = await server.completion(uriOf("new.yaml"), 0, 0);
    for (const [label, kind] of [
      ["New IP connection", "ip_connection"],
      ["New credential connection", "credential_connection"],
      ["New FQDN connection", "fqdn_connection"],
    ]) {
      const snippet = items.find((item) => item.label === label);
      expect(snippet, `${label} among ${items.map((item) => item.label).join(", ")}`).toBeDefined();
      const text = expandSnippet(snippet!.insertText ?? "") + "\n";
      expect(text).toContain(`record_type: ${kind}`);
      const uri = uriOf(`new-${kind}.yaml`);
      await server.open(uri, text);
      expect(await server.diagnostics(uri, () => true), text).toEqual([]);
      const lint = await runCli(["--stdin", "--stdin-filename", `connections/new-${kind}.yaml`, "--format", "unix"], { cwd: workspace, stdin: text });
      expect({ code: lint.code, stdout: lint.stdout }, text).toEqual({ code: 0, stdout: "" });
    }
  });
});

describeWithServer("yaml-language-server with a modeline or a $schema key (connlint installed, no settings)", () => {
  const setup = editorSetup();
  let workspace: string;
  const uriOf = (name: string) => pathToUri(join(workspace, "connections", name));
  let server: LanguageServer;

  beforeAll(async () => {
    workspace = installedWorkspace();
    server = await yamlLanguageServer(workspace, {});
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await server?.stop();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  }, STOP_TIMEOUT_MS);

  /** The fixture with its first line (a modeline or a `$schema` key with the checkout's path) replaced by the README's. */
  const withFirstLine = (name: string, first: string) => [first, ...fixtureText(name).split("\n").slice(1)].join("\n");

  it("honours the README's modeline", async () => {
    await expectEditorDiagnostics(server, uriOf("modeline.yaml"), withFirstLine("modeline.yaml", setup.modeline), join(EDITOR_FIXTURES, "modeline.yaml"));
  });

  it("honours the README's $schema key", async () => {
    await expectEditorDiagnostics(server, uriOf("schema-key.yaml"), withFirstLine("schema-key.yaml", setup.yamlSchemaKey), join(EDITOR_FIXTURES, "schema-key.yaml"));
  });

  it("leaves a file with neither alone", async () => {
    await server.open(uriOf("unassociated.yaml"), fixtureText("structure.yaml"));
    expect(await server.diagnostics(uriOf("unassociated.yaml"), () => true)).toEqual([]);
  });
});

describeWithServer("yaml-language-server in a checkout of connlint", () => {
  const setup = editorSetup();
  let server: LanguageServer;

  beforeAll(async () => {
    const globs = Object.values(setup.settings["yaml.schemas"])[0]!;
    server = await yamlLanguageServer(ROOT, { [setup.paths.settings.checkout]: globs });
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await server?.stop();
  }, STOP_TIMEOUT_MS);

  it("finds the schema from the settings' checkout path", async () => {
    const uri = pathToUri(join(ROOT, "connections", "office.yaml"));
    await expectEditorDiagnostics(server, uri, fixtureText("structure.yaml"), join(EDITOR_FIXTURES, "structure.yaml"));
  });

  for (const name of ["modeline.yaml", "schema-key.yaml", "update-modeline.yaml", "fqdn-modeline.yaml"]) {
    it(`finds the schema from fixtures/editor/${name}'s relative path`, async () => {
      const path = join(EDITOR_FIXTURES, name);
      expect(existsSync(resolve(dirname(path), schemaPathIn(fixtureText(name))))).toBe(true);
      await expectEditorDiagnostics(server, pathToUri(path), fixtureText(name), path);
    });
  }
});

describe("connlint on the editor fixtures", () => {
  it("reports no cross-field mirror from the schemas: only its own rules may report those facts", async () => {
    const ruleIds = new Set(RULES.map((rule) => rule.id));
    for (const name of ["cross-field-ip.yaml", "cross-field-credential.yaml"]) {
      const run = await runCli(["--format", "json", name], { cwd: EDITOR_FIXTURES });
      const messages = (JSON.parse(run.stdout) as { messages: { ruleId: string; message: string }[] }[]).flatMap((file) => file.messages);
      expect(messages.filter((message) => !ruleIds.has(message.ruleId)), name).toEqual([]);
    }
  });
});
