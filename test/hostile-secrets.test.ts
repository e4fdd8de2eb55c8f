// No report in any format, and no error message, shows a secret: a unique value planted in every position is grepped for.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { FORMATTERS } from "../src/format/index.js";
import { runCli } from "./support/cli.js";

/** Each planted secret is unique and made of no word a message could hold, so a leak names the position it came from. */
const POSITIONS: string[] = [];
function secret(position: string): string {
  if (!POSITIONS.includes(position)) POSITIONS.push(position);
  return `Zq9K${POSITIONS.indexOf(position).toString().padStart(2, "0")}vX7wJ`;
}

/** Files that plant secrets, and for each, the secrets that some diagnostic must be about (its line is reported). */
const FILES: Record<string, { text: string; reported: string[] }> = {
  "credential.yaml": {
    text: [
      "record_type: credential_connection",
      "connection_name: desk",
      "user_name: desk0001",
      `password: ${secret("validpassword")}`,
      `pasword: ${secret("misspeltkey")}`,
      `Password: ${secret("wrongcasekey")}`,
      `webhook_event_url: https://user:${secret("urluserinfo")}@hooks.example.com/x`,
      `webhook_event_failover_url: "hooks.example.com/x?token=${secret("urltoken")}"`,
      `webhok_event_url: https://u:${secret("urlundermisspelt")}@hooks.example.com/x`,
      "",
    ].join("\n"),
    reported: ["misspeltkey", "wrongcasekey", "urltoken", "urlundermisspelt"],
  },
  "invalid-passwords.yaml": {
    text: [
      "record_type: credential_connection",
      "user_name: desk0002",
      `password: "${secret("toolong").repeat(12)}"`,
      "---",
      "record_type: credential_connection",
      "user_name: desk0003",
      `password: [${secret("passwordlist")}]`,
      "---",
      "record_type: credential_connection",
      "user_name: desk0004",
      `password: {value: ${secret("passwordmap")}}`,
      "---",
      "record_type: credential_connection",
      "user_name: desk0005",
      `password: ${secret("duplicatefirst")}`,
      `password: ${secret("duplicatesecond")}`,
      "---",
      "record_type: credential_connection",
      "user_name: desk0006",
      `password: !Ref ${secret("taggedpassword")}`,
      "---",
      `base: &p ${secret("anchoredpassword")}`,
      "record_type: credential_connection",
      "user_name: desk0007",
      "password: *p",
      "---",
      "record_type: ip_connection",
      `password: ${secret("passwordonip")}`,
      "",
    ].join("\n"),
    reported: ["toolong", "passwordlist", "passwordmap", "duplicatesecond", "taggedpassword", "passwordonip"],
  },
  "ip.yaml": {
    text: [
      "record_type: ip_connection",
      "outbound:",
      "  ip_authentication_method: token",
      `  ip_authentication_token: ${secret("validtoken")}`,
      `  ip_authentication_tokn: ${secret("misspelttoken")}`,
      "---",
      "record_type: ip_connection",
      "outbound:",
      `  ip_authentication_token: [${secret("tokenlist")}]`,
      "---",
      "data:",
      "  record_type: ip_connection",
      "  outbound:",
      `    ip_authentication_token: ${secret("tokeninenvelope")}`,
      `    ip_authentcation_token: ${secret("misspeltinenvelope")}`,
      "",
    ].join("\n"),
    reported: ["misspelttoken", "tokenlist", "misspeltinenvelope"],
  },
  "syntax.yaml": {
    text: ["record_type: credential_connection", "user_name: desk0008", `password: "${secret("unclosedquote")}`, "active: true", ""].join("\n"),
    reported: [],
  },
  "syntax.json": {
    text: `{"record_type": "credential_connection", "password": "${secret("jsonsyntax")}" "active": true}`,
    reported: ["jsonsyntax"],
  },
  "tab.json": {
    text: `{"record_type": "credential_connection", "password": "${secret("jsontab")}\t"}`,
    reported: ["jsontab"],
  },
  "placeholder.yaml": {
    text: ["record_type: credential_connection", "user_name: desk0009", "password: ${SIP_PASSWORD}", "webhook_timeout_secs: ${SIP_PASSWORD}", ""].join("\n"),
    reported: [],
  },
};

/** The environment of every run: a placeholder's value must never be expanded into a report. */
const ENV = { SIP_PASSWORD: secret("environmentvalue") };
const ALL_SECRETS = [...new Set([...Object.values(FILES).flatMap(({ text }) => text.match(/Zq9K\d\dvX7wJ/g) ?? []), ENV.SIP_PASSWORD])];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "connlint-secrets-"));
  for (const [name, { text }] of Object.entries(FILES)) writeFileSync(join(dir, name), text);
});

/**
 * A leak found by this test, left to the module that owns it (src/schema/translate.ts): the "Add https://" suggestion
 * carries the whole URL, token included, as its fix text, which the json report prints. The test below fails once it
 * is fixed, to have this exception removed.
 */
const KNOWN_LEAKS: Record<string, string[]> = {};

function expectNoSecret(output: string, where: string, except: string[] = []): void {
  for (const planted of ALL_SECRETS.filter((s) => !except.includes(s))) {
    // Even a part of a secret must not show: no 8 characters of it in a row.
    const position = POSITIONS[Number(planted.slice(4, 6))];
    for (let i = 0; i + 8 <= planted.length; i++) expect(output, `${where} shows the secret planted as ${position}`).not.toContain(planted.slice(i, i + 8));
  }
}

describe("secrets never appear in a report", () => {
  it("the planted secrets are the subject of diagnostics (the test looks where leaks would be)", async () => {
    const run = await runCli([...Object.keys(FILES), "-f", "json"], { cwd: dir, env: ENV });
    const reports = JSON.parse(run.stdout) as { filePath: string; messages: { line: number }[] }[];
    for (const [name, { text, reported }] of Object.entries(FILES)) {
      const lines = new Set(reports.find((report) => report.filePath.endsWith(name))!.messages.map((m) => m.line));
      for (const position of reported) {
        const line = text.split("\n").findIndex((l) => l.includes(secret(position))) + 1;
        expect(lines.has(line), `${name}: nothing is reported on line ${line}, where ${position} is planted`).toBe(true);
      }
    }
    expect(run.stdout).toContain("${SIP_PASSWORD}");
  });

  for (const format of Object.keys(FORMATTERS)) {
    it(`--format ${format}, with --debug, on files and on standard input`, async () => {
      const files = await runCli([...Object.keys(FILES), "-f", format, "--debug", "--color"], { cwd: dir, env: ENV });
      expect(files.code).toBe(1);
      expectNoSecret(files.stdout + files.stderr, `--format ${format}`, KNOWN_LEAKS[format]);
      for (const [name, { text }] of Object.entries(FILES)) {
        const stdin = await runCli(["--stdin", "--stdin-filename", name, "-f", format], { cwd: dir, env: ENV, stdin: text });
        expectNoSecret(stdin.stdout + stdin.stderr, `--format ${format} --stdin ${name}`, KNOWN_LEAKS[format]);
      }
    });
  }

  it("a suggestion never carries a URL's token in its fix text", async () => {
    const run = await runCli(["credential.yaml", "-f", "json"], { cwd: dir, env: ENV });
    expect(run.stdout).not.toContain(secret("urltoken"));
  });
});
