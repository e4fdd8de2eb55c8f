// The language server never shows a secret: not in diagnostics, related places, quick fixes or its log.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Diagnostic } from "vscode-languageserver-protocol";
import { type LanguageServer, pathToUri, startServer, within } from "./support/lsp.js";
import { ROOT } from "./support/shared.js";

const SECRETS = {
  password: "Kp7wQx93LmZ2",
  short: "Vb4Rz1",
  misspelt: "Tn8HsW2qXe5P",
  token: "Yd6GcM0kRu3N",
  urlPassword: "Hj2PqL9vSe4T",
  urlToken: "Wf5NbK8xCz1R",
};

const FILES: Record<string, string> = {
  "cred.yaml": `record_type: credential_connection
connection_name: desk
user_name: desk0001
dtmf_type: rfc 2833
password: ${SECRETS.password}
anchorsite_override: latency
pasword: ${SECRETS.misspelt}
webhook_event_url: http://ops:${SECRETS.urlPassword}@hooks.example.com/telnyx
webhook_event_failover_url: hooks.example.com/x?token=${SECRETS.urlToken}
---
record_type: credential_connection
connection_name: desk-2
user_name: desk0002
password: ${SECRETS.short}
`,
  "ip.json": JSON.stringify({ record_type: "ip_connection", outbound: { ip_authentication_method: "tech-prefixp-charge-info", ip_authentication_token: SECRETS.token } }, null, 2),
};

let workspace: string;
let server: LanguageServer;

beforeAll(async () => {
  workspace = mkdtempSync(join(tmpdir(), "connlint-lsp-secrets-"));
  for (const [name, text] of Object.entries(FILES)) writeFileSync(join(workspace, name), text);
  server = await startServer({ script: join(ROOT, "bin", "connlint.cjs"), args: ["lsp", "--stdio"], root: workspace, settings: {} });
});

afterAll(async () => {
  await server?.stop();
  rmSync(workspace, { recursive: true, force: true });
});

it("shows no secret in diagnostics, quick fixes or the server's log", async () => {
  const shown: unknown[] = [];
  for (const [name, text] of Object.entries(FILES)) {
    const uri = pathToUri(join(workspace, name));
    await server.open(uri, text, name.endsWith(".json") ? "json" : "yaml");
    const diagnostics: Diagnostic[] = await server.diagnostics(uri, (published) => published.length > 0);
    expect(diagnostics.length).toBeGreaterThan(2);
    const whole = { start: { line: 0, character: 0 }, end: { line: text.split("\n").length, character: 0 } };
    for (const only of [undefined, ["source.fixAll"]]) {
      const context = { diagnostics, ...(only ? { only } : {}) };
      shown.push(await within(server.connection.sendRequest("textDocument/codeAction", { textDocument: { uri }, range: whole, context }), "code actions"));
    }
    shown.push(diagnostics);
  }
  const everything = JSON.stringify(shown) + server.stderr();
  expect(everything).toContain("no-plaintext-secret");
  expect(everything).toContain("Fix all auto-fixable problems");
  for (const [position, secret] of Object.entries(SECRETS)) {
    for (let i = 0; i + 6 <= secret.length; i++) expect(everything, `the ${position} secret`).not.toContain(secret.slice(i, i + 6));
  }
});
