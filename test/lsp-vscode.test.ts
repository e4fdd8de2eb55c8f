// The VS Code extension's client setup against the real server: the command its compiled code computes, spawned as vscode-languageclient spawns it.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type LanguageServer, pathToUri, startServer } from "./support/lsp.js";
import { ROOT } from "./support/shared.js";

const EXTENSION = join(ROOT, "editors", "vscode");
const COMPILED = join(EXTENSION, "out", "server-options.js");
const BUILD = "npm ci --prefix editors/vscode && npm run --prefix editors/vscode build";

interface ServerCommand {
  command: string;
  args: string[];
  options: { cwd: string };
}

interface ServerOptionsModule {
  serverCommand(folders: string[], settings: { path: string; nodePath: string }): ServerCommand | undefined;
  DOCUMENT_SELECTOR: { scheme: string; language: string }[];
}

interface Manifest {
  main: string;
  engines: { vscode: string };
  activationEvents: string[];
  contributes: { configuration: { properties: Record<string, { default: unknown }> }; commands: { command: string }[] };
}

const readJson = <T>(path: string) => JSON.parse(readFileSync(path, "utf8")) as T;

/** Like describe(), for tests of the built extension: skipped with how to build it, failing under CI. */
function describeWithBuiltExtension(name: string, body: () => void): void {
  if (existsSync(COMPILED)) describe(name, body);
  else if (process.env.CI === "true") describe(name, () => it("needs the built extension", () => expect.fail(`${COMPILED} is missing; CI must run: ${BUILD}`)));
  else {
    console.warn(`skipping "${name}": the extension is not built; run: ${BUILD}`);
    // The body is not collected: it loads the compiled extension, which is not there.
    describe.skip(name, () => it("needs the built extension", () => {}));
  }
}

describeWithBuiltExtension("the VS Code extension (editors/vscode)", () => {
  const manifest = readJson<Manifest>(join(EXTENSION, "package.json"));
  const defaults = manifest.contributes.configuration.properties;
  const settings = { path: defaults["connlint.path"]!.default as string, nodePath: defaults["connlint.nodePath"]!.default as string };
  const { serverCommand, DOCUMENT_SELECTOR } = createRequire(import.meta.url)(COMPILED) as ServerOptionsModule;
  const workspaces: string[] = [];
  let server: LanguageServer | undefined;

  function workspace(withConnlint: boolean): string {
    const folder = mkdtempSync(join(tmpdir(), "connlint-vscode-"));
    workspaces.push(folder);
    if (withConnlint) {
      mkdirSync(join(folder, "node_modules"));
      symlinkSync(ROOT, join(folder, "node_modules", "connlint"), "dir");
    }
    return folder;
  }

  afterAll(async () => {
    await server?.stop();
    for (const folder of workspaces) rmSync(folder, { recursive: true, force: true });
  });

  it("starts the workspace's connlint with its default settings, and the server lints the documents the client selects", async () => {
    const folder = workspace(true);
    mkdirSync(join(folder, "connections"));
    const office = "record_type: ip_connection\nconnection_name: office\ntransport_protocol: udp\n";
    writeFileSync(join(folder, "connections", "office.yaml"), office);

    const command = serverCommand([folder], settings);
    expect(command).toEqual({ command: "node", args: [join(folder, "node_modules", "connlint", "bin", "connlint.cjs"), "lsp", "--stdio"], options: { cwd: folder } });
    // vscode-languageclient spawns an Executable without a transport as is: child_process.spawn(command, args, options), over stdio.
    server = await startServer({
      script: "",
      args: [],
      root: folder,
      settings: {},
      spawn: { command: command!.command, args: command!.args, cwd: command!.options.cwd },
      capabilities: {
        workspace: { didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true } },
        textDocument: { codeAction: { dynamicRegistration: true, isPreferredSupport: true, codeActionLiteralSupport: { codeActionKind: { valueSet: ["quickfix", "source.fixAll"] } } } },
      },
    });
    expect(server.serverInfo?.name).toBe("connlint");

    const [selected] = DOCUMENT_SELECTOR.filter((selector) => selector.language === "yaml" && selector.scheme === "file");
    await server.open(pathToUri(join(folder, "connections", "office.yaml")), office, selected!.language);
    const diagnostics = await server.diagnostics(pathToUri(join(folder, "connections", "office.yaml")), () => true);
    expect(diagnostics.map((d) => [d.code, d.range.start])).toEqual([["invalid-value", { line: 2, character: 20 }]]);

    // The server asks VS Code to watch the connection files and the configuration, which VS Code does through this registration.
    const watching = server.registrations().find((registration) => registration.method === "workspace/didChangeWatchedFiles");
    expect(watching?.registerOptions).toMatchObject({ watchers: expect.arrayContaining([{ globPattern: "**/*.{yaml,yml,json}" }]) });

    await server.stop();
    expect(server.exitCode(), server.stderr()).toBe(0);
  });

  it("selects YAML and JSON files", () => {
    expect(DOCUMENT_SELECTOR).toEqual([
      { scheme: "file", language: "yaml" },
      { scheme: "file", language: "json" },
    ]);
  });

  it("takes connlint.path, and finds nothing where connlint is not installed", () => {
    const bare = workspace(false);
    expect(serverCommand([bare], settings)).toBeUndefined();
    expect(serverCommand([bare], { ...settings, path: "tools/connlint.js" })).toBeUndefined();
    expect(serverCommand([bare], { path: join(ROOT, "bin", "connlint.cjs"), nodePath: "/opt/node/bin/node" })).toEqual({
      command: "/opt/node/bin/node",
      args: [join(ROOT, "bin", "connlint.cjs"), "lsp", "--stdio"],
      options: { cwd: bare },
    });
    expect(serverCommand([ROOT], settings)?.args[0]).toBe(join(ROOT, "bin", "connlint.cjs"));
  });

  it("has a manifest that matches its code and its client library", () => {
    expect(existsSync(join(EXTENSION, manifest.main))).toBe(true);
    expect(manifest.activationEvents).toEqual(["onLanguage:yaml", "onLanguage:json"]);
    const extension = readFileSync(join(EXTENSION, "out", "extension.js"), "utf8");
    const read = [...extension.matchAll(/settings\.get\("([^"]+)"/g)].map(([, key]) => `connlint.${key}`);
    expect(read.length).toBeGreaterThan(0);
    for (const key of read) expect(Object.keys(defaults)).toContain(key);
    for (const { command } of manifest.contributes.commands) expect(extension).toContain(`"${command}"`);

    const client = readJson<{ engines: { vscode: string }; dependencies: Record<string, string> }>(join(EXTENSION, "node_modules", "vscode-languageclient", "package.json"));
    expect(manifest.engines.vscode).toBe(client.engines.vscode);
    // The test speaks the protocol with the root's copy of the library; it is the version the extension's client speaks.
    const spoken = readJson<{ version: string }>(join(ROOT, "node_modules", "vscode-languageserver-protocol", "package.json")).version;
    expect(client.dependencies["vscode-languageserver-protocol"]).toBe(spoken);
  });
});
