// `connlint lsp --stdio` driven as an editor drives it: diagnostics equal to the CLI's, quick fixes applied, files and configuration changing.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CodeAction, Diagnostic, Range, WorkspaceEdit } from "vscode-languageserver-protocol";
import { TextDocument } from "vscode-languageserver-textdocument";
import { runCli } from "./support/cli.js";
import { type LanguageServer, pathToUri, startServer, within } from "./support/lsp.js";
import { ROOT } from "./support/shared.js";

const BIN = join(ROOT, "bin", "connlint.cjs");
const LSP_SEVERITY: Record<number, number> = { 2: 1, 1: 2, 0: 3 };

const OTHER = `record_type: credential_connection
connection_name: desk-bob
user_name: alice0001
password: \${BOB_PASSWORD}
`;

/** Problems of every sort: a certain fix, suggestions, a warning to suppress, columns after an emoji, a user name that other.yaml uses too. */
const BAD = `record_type: credential_connection
connection_name: desk-alice
user_name: alice0001
password: \${ALICE_PASSWORD}
dtmf_type: rfc 2833
webhook_event_url: http://hooks.example.com/telnyx
inbound:
  dns_number_format: +e164
  codecs: [G722, "Opus 😀", 5]
outbound:
  outbound_voice_profile_id: 1293384261075731499
`;

interface CliMessage {
  ruleId: string;
  severity: number;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === "string" ? diagnostic.message : diagnostic.message.value;
}

/** What an editor must show: the fields of each diagnostic that the CLI's json report also states. */
function shown(diagnostics: Diagnostic[]) {
  return diagnostics.map(({ range, severity, code, message }) => ({ range, severity, code, message }));
}

describe("connlint lsp --stdio", () => {
  let workspace: string;
  let server: LanguageServer;
  const file = (path: string) => join(workspace, path);
  const uri = (path: string) => pathToUri(file(path));

  /** The CLI's json report for the workspace, with `path` holding `text`: the same files the server sees. */
  async function cliDiagnostics(path: string, text: string) {
    writeFileSync(file(path), text);
    const run = await runCli([".", "--format", "json"], { cwd: workspace });
    expect(run.stderr).toBe("");
    const report = JSON.parse(run.stdout) as { filePath: string; messages: CliMessage[] }[];
    const messages = report.find((entry) => entry.filePath === file(path))?.messages ?? [];
    return messages.map((m) => ({
      range: { start: { line: m.line - 1, character: m.column - 1 }, end: { line: m.endLine - 1, character: m.endColumn - 1 } },
      severity: LSP_SEVERITY[m.severity],
      code: m.ruleId,
      message: m.message,
    }));
  }

  let version = 1;
  let text = BAD;
  /** Sends the new text as an editor does after an edit, and waits for the diagnostics of that version. */
  async function change(next: string): Promise<Diagnostic[]> {
    text = next;
    version += 1;
    const expected = version;
    await server.connection.sendNotification("textDocument/didChange", { textDocument: { uri: uri("connections/bad.yaml"), version }, contentChanges: [{ text }] });
    return server.diagnostics(uri("connections/bad.yaml"), (_, published) => published === expected);
  }

  async function actionsAt(range: Range, only?: string[]): Promise<CodeAction[]> {
    const request = { textDocument: { uri: uri("connections/bad.yaml") }, range, context: { diagnostics: [], ...(only ? { only } : {}) } };
    return within(server.connection.sendRequest("textDocument/codeAction", request) as Promise<CodeAction[]>, "code actions");
  }

  function applied(edit: WorkspaceEdit | undefined): string {
    const edits = edit?.changes?.[uri("connections/bad.yaml")];
    expect(edits, JSON.stringify(edit)).toBeDefined();
    return TextDocument.applyEdits(TextDocument.create(uri("connections/bad.yaml"), "yaml", version, text), edits!);
  }

  beforeAll(async () => {
    workspace = mkdtempSync(join(tmpdir(), "connlint-lsp-"));
    mkdirSync(file("connections"));
    mkdirSync(file("ci"));
    writeFileSync(file(".connlintrc.yaml"), "rules:\n  webhook-url-https: error\n");
    writeFileSync(file("connections/other.yaml"), OTHER);
    writeFileSync(file("connections/bad.yaml"), BAD);
    server = await startServer({ script: BIN, args: ["lsp", "--stdio"], root: workspace, settings: {} });
  });

  afterAll(async () => {
    await server?.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  it("names itself", () => {
    expect(server.serverInfo).toEqual({ name: "connlint", version: JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version });
  });

  it("publishes the CLI's diagnostics at the CLI's positions, with the configuration and the files on disk", async () => {
    await server.open(uri("connections/bad.yaml"), BAD);
    const published = await server.diagnostics(uri("connections/bad.yaml"), () => true);
    expect(shown(published)).toEqual(await cliDiagnostics("connections/bad.yaml", BAD));
    expect(published.map((d) => d.code)).toEqual(["unique-user-name", "invalid-value", "webhook-url-https", "unknown-key", "known-codecs", "invalid-value", "invalid-value"]);

    // The configuration makes webhook-url-https an error; columns count UTF-16 code units, as LSP does.
    expect(published.find((d) => d.code === "webhook-url-https")?.severity).toBe(1);
    expect(published[5]!.range.start).toEqual({ line: 8, character: 28 });

    for (const diagnostic of published) {
      expect(diagnostic.source).toBe("connlint");
      const href = diagnostic.codeDescription?.href ?? "";
      expect(href).toMatch(new RegExp(`/docs/rules/${diagnostic.code}\\.md$`));
      expect(existsSync(join(ROOT, "docs", "rules", `${diagnostic.code}.md`))).toBe(true);
    }
    const duplicate = published.find((d) => d.code === "unique-user-name");
    expect(duplicate?.relatedInformation).toEqual([
      { location: { uri: uri("connections/other.yaml"), range: { start: { line: 2, character: 11 }, end: { line: 2, character: 20 } } }, message: "also used here" },
    ]);
  });

  it("says nothing about YAML and JSON that are not connections", async () => {
    const workflow = "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n";
    writeFileSync(file("ci/workflow.yaml"), workflow);
    await server.open(uri("ci/workflow.yaml"), workflow);
    await server.open(uri("package.json"), '{ "name": "telephony", "private": true }\n', "json");
    expect(await server.diagnostics(uri("ci/workflow.yaml"), () => true)).toEqual([]);
    expect(await server.diagnostics(uri("package.json"), () => true)).toEqual([]);
  });

  it("offers each fix as the preferred quick fix, and the diagnostic clears once it is applied", async () => {
    const before = await server.diagnostics(uri("connections/bad.yaml"), () => true);
    const dtmf = before.find((d) => messageOf(d).startsWith("`dtmf_type`"))!;
    const actions = await actionsAt(dtmf.range);
    const fix = actions.find((action) => action.isPreferred);
    expect(fix).toMatchObject({ title: "Fix this invalid-value problem", kind: "quickfix" });
    expect(fix?.diagnostics?.map((d) => d.message)).toEqual([dtmf.message]);
    const after = await change(applied(fix!.edit));
    expect(text).toContain("dtmf_type: RFC 2833\n");
    expect(after.some((d) => messageOf(d).startsWith("`dtmf_type`"))).toBe(false);
    expect(shown(after)).toEqual(await cliDiagnostics("connections/bad.yaml", text));
  });

  it("offers each suggestion as a quick fix", async () => {
    const before = await server.diagnostics(uri("connections/bad.yaml"), () => true);
    const unknown = before.find((d) => d.code === "unknown-key")!;
    const rename = (await actionsAt(unknown.range)).find((action) => action.title === "Rename to dnis_number_format");
    expect(rename).toMatchObject({ kind: "quickfix" });
    expect(rename?.isPreferred).toBeFalsy();
    const after = await change(applied(rename!.edit));
    expect(text).toContain("  dnis_number_format: +e164\n");
    expect(after.some((d) => d.code === "unknown-key")).toBe(false);
    expect(shown(after)).toEqual(await cliDiagnostics("connections/bad.yaml", text));
  });

  it("disables a rule for one line with an indented comment above it", async () => {
    const before = await server.diagnostics(uri("connections/bad.yaml"), () => true);
    const codec = before.find((d) => d.code === "known-codecs")!;
    const disable = (await actionsAt(codec.range)).find((action) => action.title === "Disable known-codecs for this line");
    const after = await change(applied(disable!.edit));
    expect(text).toContain('  dnis_number_format: +e164\n  # connlint-disable-next-line known-codecs\n  codecs: [G722, "Opus 😀", 5]\n');
    expect(after.map((d) => d.code)).not.toContain("known-codecs");
    expect(after.map((d) => d.code)).not.toContain("unused-suppression");
    expect(shown(after)).toEqual(await cliDiagnostics("connections/bad.yaml", text));

    // Another rule on the same line joins that comment: a second comment would only cover the first.
    const number = after.find((d) => d.code === "invalid-value" && d.range.start.line === codec.range.start.line + 1)!;
    const joined = (await actionsAt(number.range)).find((action) => action.title === "Disable invalid-value for this line");
    expect(applied(joined!.edit)).toContain("  # connlint-disable-next-line known-codecs invalid-value\n  codecs:");
  });

  it("fixes every certain problem at once, as --fix does", async () => {
    const [fixAll, ...others] = await actionsAt({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, ["source.fixAll"]);
    expect(others).toEqual([]);
    expect(fixAll).toMatchObject({ title: "Fix all auto-fixable problems", kind: "source.fixAll.connlint" });
    const fixed = applied(fixAll!.edit);
    const cli = await runCli(["--stdin", "--stdin-filename", "connections/bad.yaml", "--fix"], { cwd: workspace, stdin: text });
    expect(fixed).toBe(cli.stdout);
    const after = await change(fixed);
    expect(text).toContain('codecs: [G722, "Opus 😀", "5"]');
    expect(text).toContain('outbound_voice_profile_id: "1293384261075731499"');
    expect(shown(after)).toEqual(await cliDiagnostics("connections/bad.yaml", text));
  });

  it("reloads the configuration when it changes", async () => {
    const before = await server.diagnostics(uri("connections/bad.yaml"), () => true);
    expect(before.map((d) => d.code)).toContain("webhook-url-https");
    writeFileSync(file(".connlintrc.yaml"), "rules:\n  webhook-url-https: off\n");
    await server.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: uri(".connlintrc.yaml"), type: 2 }] });
    const after = await server.diagnostics(uri("connections/bad.yaml"), (diagnostics) => !diagnostics.some((d) => d.code === "webhook-url-https"));
    expect(after.map((d) => d.code)).toEqual(["unique-user-name"]);
    expect(shown(after)).toEqual(await cliDiagnostics("connections/bad.yaml", text));
  });

  it("says so when the configuration is broken, and checks nothing under it until it is fixed", async () => {
    const bad = uri("connections/bad.yaml");
    const shownMessage = new Promise<{ type: number; message: string }>((resolve) => server.connection.onNotification("window/showMessage", resolve));
    writeFileSync(file(".connlintrc.yaml"), "rules:\n  no-such-rule: error\n");
    await server.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: uri(".connlintrc.yaml"), type: 2 }] });
    expect(await within(shownMessage, "window/showMessage")).toEqual({
      type: 1,
      message: 'connlint: .connlintrc.yaml: rules: unknown rule "no-such-rule"; connlint checks nothing under this configuration until it is fixed',
    });
    expect(await server.diagnostics(bad, (diagnostics) => diagnostics.length === 0)).toEqual([]);

    writeFileSync(file(".connlintrc.yaml"), "rules:\n  webhook-url-https: off\n");
    await server.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: uri(".connlintrc.yaml"), type: 2 }] });
    expect((await server.diagnostics(bad, (diagnostics) => diagnostics.length > 0)).map((d) => d.code)).toEqual(["unique-user-name"]);
  });

  it("checks values across files with the open buffers winning over the files on disk", async () => {
    const bad = uri("connections/bad.yaml");
    await server.open(uri("connections/other.yaml"), OTHER.replace("alice0001", "bob00001"));
    expect(await server.diagnostics(bad, (diagnostics) => diagnostics.length === 0)).toEqual([]);
    expect(await server.diagnostics(uri("connections/other.yaml"), () => true)).toEqual([]);

    await server.connection.sendNotification("textDocument/didClose", { textDocument: { uri: uri("connections/other.yaml") } });
    const reopened = await server.diagnostics(bad, (diagnostics) => diagnostics.length > 0);
    expect(reopened.map((d) => d.code)).toEqual(["unique-user-name"]);

    writeFileSync(file("connections/other.yaml"), OTHER.replace("alice0001", "bob00001"));
    await server.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: uri("connections/other.yaml"), type: 2 }] });
    expect(await server.diagnostics(bad, (diagnostics) => diagnostics.length === 0)).toEqual([]);
    expect(await cliDiagnostics("connections/bad.yaml", text)).toEqual([]);
  });

  it("shuts down and exits with 0", async () => {
    await server.stop();
    expect(server.exitCode(), server.stderr()).toBe(0);
  });
});

describe("connlint lsp", () => {
  it("needs --stdio", async () => {
    expect(await runCli(["lsp"], { cwd: ROOT })).toEqual({ code: 2, stdout: "", stderr: "connlint: the language server runs as `connlint lsp --stdio`\n" });
    expect((await runCli(["--stdio", "fixtures/examples"], { cwd: ROOT })).code).toBe(2);
  });

  it("is loaded only for `connlint lsp`: linting never imports the language server", () => {
    const reached = staticImports(join(ROOT, "src", "cli", "main.ts"));
    expect([...reached].filter((name) => name.includes("vscode-languageserver") || name.includes(`${join("src", "lsp")}`))).toEqual([]);
    expect(readFileSync(join(ROOT, "src", "cli", "main.ts"), "utf8")).toContain('await import("../lsp/server.js")');
  });
});

/** Every module a source file loads when it is imported: its static imports, followed through connlint's own files. */
function staticImports(entry: string): Set<string> {
  const reached = new Set<string>();
  const pending = [entry];
  while (pending.length) {
    const path = pending.pop()!;
    if (reached.has(path)) continue;
    reached.add(path);
    const source = readFileSync(path, "utf8");
    for (const [, specifier] of source.matchAll(/^(?:import|export)\s(?!type\s)[^;]*?\sfrom\s"([^"]+)"/gm)) {
      if (specifier!.startsWith(".")) pending.push(join(dirname(path), specifier!.replace(/\.js$/, ".ts")));
      else reached.add(specifier!);
    }
  }
  return reached;
}
