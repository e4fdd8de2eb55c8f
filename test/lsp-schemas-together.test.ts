// The README's advice for both layers at once: yaml-language-server keeps completion and hover but reports nothing; connlint reports each problem.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { MarkupContent } from "vscode-languageserver-protocol";
import { type LanguageServer, pathToUri, startServer } from "./support/lsp.js";
import { ROOT } from "./support/shared.js";

const YAML_SERVER = join(ROOT, "node_modules", "yaml-language-server", "bin", "yaml-language-server");
const readme = readFileSync(join(ROOT, "README.md"), "utf8");
/** The settings the README gives for running both. */
const settings = JSON.parse(/\n### Schemas and language server together\n[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)?.[1] ?? "null") as {
  "yaml.schemas": Record<string, string[]>;
  "yaml.validate": boolean;
  "json.validate.enable": boolean;
};

const OFFICE = `record_type: ip_connection
connection_name: office
transport_protocol: UDP
inbound:
  timeout_1xx_secs: 500
  dns_number_format: +e164
`;

describe("README: schemas and language server together", () => {
  const workspace = mkdtempSync(join(tmpdir(), "connlint-both-"));
  const uri = pathToUri(join(workspace, "connections", "office.yaml"));
  const servers: LanguageServer[] = [];
  mkdirSync(join(workspace, "node_modules"));
  mkdirSync(join(workspace, "connections"));
  symlinkSync(ROOT, join(workspace, "node_modules", "connlint"), "dir");
  writeFileSync(join(workspace, "connections", "office.yaml"), OFFICE);

  afterAll(async () => {
    for (const server of servers) await server.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  it("turns the YAML and JSON validation off and keeps the schema association", () => {
    expect(settings).toMatchObject({ "yaml.validate": false, "json.validate.enable": false });
    for (const schema of Object.keys(settings["yaml.schemas"])) expect(existsSync(join(workspace, schema)), schema).toBe(true);
  });

  it("leaves yaml-language-server with completion and hover, and no diagnostics", async () => {
    const yaml = await startServer({
      script: YAML_SERVER,
      args: ["--stdio"],
      root: workspace,
      settings: {
        yaml: { schemas: settings["yaml.schemas"], validate: settings["yaml.validate"], completion: true, hover: true, schemaStore: { enable: false } },
        http: { proxy: "", proxyStrictSSL: false },
        "[yaml]": {},
        editor: {},
      },
    });
    servers.push(yaml);
    console.log(`yaml-language-server ${yaml.serverInfo?.version ?? ""}`);
    await yaml.open(uri, OFFICE);
    // The first diagnostics come once the settings are applied; completion asked before could find no schema.
    expect(await yaml.diagnostics(uri, () => true)).toEqual([]);
    const values = (await yaml.completion(uri, 2, "transport_protocol: ".length)).map((item) => item.label);
    expect(values).toEqual(expect.arrayContaining(["UDP", "TCP", "TLS"]));
    const hover = await yaml.hover(uri, 4, 4);
    expect((hover?.contents as MarkupContent | undefined)?.value ?? "").toContain("Range: 1 to 120.");
    // The schema is applied now (completion and hover come from it): an edit makes the server validate again, and it reports nothing.
    let published = 0;
    await yaml.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version: 2 }, contentChanges: [{ text: OFFICE }] });
    expect(await yaml.diagnostics(uri, () => ++published === 2)).toEqual([]);
  });

  it("leaves each problem to connlint, reported once", async () => {
    const connlint = await startServer({ script: join(ROOT, "bin", "connlint.cjs"), args: ["lsp", "--stdio"], root: workspace, settings: {} });
    servers.push(connlint);
    await connlint.open(uri, OFFICE);
    const diagnostics = await connlint.diagnostics(uri, () => true);
    expect(diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([
      ["invalid-value", 4],
      ["unknown-key", 5],
    ]);
  });
});
