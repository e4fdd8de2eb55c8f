// `connlint body FILE`: the JSON a pipeline sends to the API, only for a connection without errors, secrets only with --env.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";
import { ROOT } from "./support/shared.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "connlint-body-"));
});
const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
const body = (argv: string[], env: Record<string, string> = {}) => runCli(["body", ...argv], { cwd: dir, env });

const CREDENTIAL = `# yaml-language-server: $schema=../schemas/credential-connection.schema.json
record_type: credential_connection
connection_name: desk
user_name: desk0001
password: \${SIP_PASSWORD}
webhook_event_url: https://hooks.example.com/telnyx
`;

describe("connlint body", () => {
  it("prints the request body: merges resolved, record_type and $schema left out, placeholders kept", async () => {
    write("trunk.yaml", `$schema: ../schemas/ip-connection.schema.json\nrecord_type: ip_connection\nconnection_name: hq\ninbound: &in\n  codecs: [G722]\noutbound:\n  <<: {ani_override: "+15551234567"}\n  tech_prefix: "0123"\n`);
    expect(await body(["trunk.yaml"])).toEqual({
      code: 0,
      stdout: `${JSON.stringify({ connection_name: "hq", inbound: { codecs: ["G722"] }, outbound: { tech_prefix: "0123", ani_override: "+15551234567" } }, null, 2)}\n`,
      stderr: "",
    });
  });

  it("unwraps an API response's envelope and leaves out the response's own fields", async () => {
    const { code, stdout } = await runCli(["body", "fixtures/valid/response-envelope.json"], { cwd: ROOT });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ connection_name: "exported-trunk", inbound: { default_primary_ip_id: "192.0.2.1", default_secondary_ip_id: "198.51.100.1" } });
  });

  it("picks a document of a YAML file, or an element of a JSON array, with --document", async () => {
    write("two.yaml", "record_type: ip_connection\nconnection_name: one\n---\nrecord_type: ip_connection\nconnection_name: two\n");
    expect(JSON.parse((await body(["two.yaml", "--document", "1"])).stdout)).toEqual({ connection_name: "two" });
    write("two.json", JSON.stringify([{ record_type: "ip_connection", connection_name: "a" }, { record_type: "ip_connection", connection_name: "b" }]));
    expect(JSON.parse((await body(["two.json", "--document", "0"])).stdout)).toEqual({ connection_name: "a" });
  });

  it("asks which document when there are several, and refuses one that does not exist (exit 2)", async () => {
    write("two.yaml", "record_type: ip_connection\nconnection_name: one\n---\nrecord_type: ip_connection\nconnection_name: two\n");
    expect(await body(["two.yaml"])).toEqual({ code: 2, stdout: "", stderr: "connlint: two.yaml holds 2 connections; choose one with --document N (0, 1)\n" });
    expect(await body(["two.yaml", "--document", "2"])).toEqual({ code: 2, stdout: "", stderr: 'connlint: --document takes the number of a document of two.yaml: 0, 1; got "2"\n' });
    expect(await body(["missing.yaml"])).toEqual({ code: 2, stdout: "", stderr: "connlint: no such file: missing.yaml\n" });
    expect(await body([])).toMatchObject({ code: 2, stderr: "connlint: connlint body takes one file; see connlint body --help\n" });
  });

  it("refuses a connection with errors: exit 1, nothing on stdout, the report on stderr", async () => {
    write("bad.yaml", "record_type: ip_connection\nconnection_name: ok\n---\nrecord_type: ip_connection\ninbound:\n  timeout_1xx_secs: 121\n");
    const refused = await body(["bad.yaml", "--document", "1"]);
    expect(refused).toEqual({
      code: 1,
      stdout: "",
      stderr: `connlint: ${join(dir, "bad.yaml")} has errors: no body printed\n\nbad.yaml\n  6:21  error  \`inbound.timeout_1xx_secs\` must be between 1 and 120, got 121  invalid-value\n\n\u2716 1 problem (1 error, 0 warnings)\n`,
    });
    // The other document of the same file is fine.
    expect((await body(["bad.yaml", "--document", "0"])).code).toBe(0);
  });

  it("fills placeholders from the environment with --env", async () => {
    write("desk.yaml", CREDENTIAL);
    const { code, stdout } = await body(["desk.yaml", "--env"], { SIP_PASSWORD: "s3cret-Pa55" });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ connection_name: "desk", user_name: "desk0001", password: "s3cret-Pa55", webhook_event_url: "https://hooks.example.com/telnyx" });
  });

  it("names a missing variable with --env (exit 2) and never prints another value", async () => {
    write("desk.yaml", CREDENTIAL.replace("connection_name: desk", "connection_name: ${DESK_NAME}"));
    const result = await body(["desk.yaml", "--env"], { SIP_PASSWORD: "s3cret-Pa55" });
    expect(result).toEqual({ code: 2, stdout: "", stderr: "connlint: environment variable not set: DESK_NAME (for /connection_name)\n" });
  });

  it("prints a secret written in the file only with --env", async () => {
    write("literal.yaml", "record_type: credential_connection\nconnection_name: desk\nuser_name: desk0001\npassword: hunter2hunter2\nwebhook_event_url: https://hooks.example.com/t?token=abc123\n");
    const refused = await body(["literal.yaml"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe("connlint: /password, /webhook_event_url hold secrets written in the file; connlint body prints secrets only with --env (better: write ${NAME} there and keep the value in the environment)\n");
    expect(refused.stderr + refused.stdout).not.toMatch(/hunter2|abc123/);
    expect(JSON.parse((await body(["literal.yaml", "--env"])).stdout).password).toBe("hunter2hunter2");
  });

  it("has its own --help", async () => {
    const { code, stdout } = await body(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("Usage: connlint body FILE [--document N] [--env]");
    expect(stdout).toContain("--document N");
  });
});
