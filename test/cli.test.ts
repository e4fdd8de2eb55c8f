// The command line as a user meets it: arguments, files found or skipped, formats, exit codes.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OPTIONS } from "../src/cli/options.js";
import { runCli } from "./support/cli.js";
import { ROOT } from "./support/shared.js";

let dir: string;
const write = (name: string, text: string | Uint8Array) => {
  const path = join(dir, name);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, text);
  return path;
};
const run = (argv: string[], extra: Partial<Parameters<typeof runCli>[1]> = {}) => runCli(argv, { cwd: dir, ...extra });

const GOOD_IP = "record_type: ip_connection\nconnection_name: good\n";
const BAD_IP = "record_type: ip_connection\ninbound:\n  timeout_1xx_secs: 121\n";
const INFERRED = "connection_name: inferred\ntransport_protocol: UDP\n";

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "connlint-cli-"));
});
afterEach(() => {
  // temporary folders are left to the OS; nothing here writes outside them
});

describe("exit codes", () => {
  it("is 0 for a clean file, with no output", async () => {
    write("good.yaml", GOOD_IP);
    expect(await run(["good.yaml"])).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("is 1 when there is an error", async () => {
    write("bad.yaml", BAD_IP);
    const result = await run(["bad.yaml", "-f", "unix"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("bad.yaml:3:21: error: `inbound.timeout_1xx_secs` must be between 1 and 120, got 121 [invalid-value]\n");
  });

  it("is 0 for warnings only, and 1 once they pass --max-warnings", async () => {
    write("inferred.yaml", INFERRED);
    expect((await run(["inferred.yaml"])).code).toBe(0);
    expect((await run(["inferred.yaml", "--max-warnings", "1"])).code).toBe(0);
    expect((await run(["inferred.yaml", "--max-warnings", "0"])).code).toBe(1);
  });

  it("is 2 with one line on stderr for an unknown option", async () => {
    const result = await run(["--bogus"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("connlint: Unknown option '--bogus'; see connlint --help\n");
  });

  it("is 2 for an unknown format or a bad --max-warnings", async () => {
    write("good.yaml", GOOD_IP);
    expect(await run(["good.yaml", "-f", "xml"])).toMatchObject({ code: 2, stderr: 'connlint: unknown format "xml"; choose one of github, json, junit, sarif, stylish, unix\n' });
    expect(await run(["good.yaml", "--max-warnings", "some"])).toMatchObject({ code: 2, stderr: 'connlint: --max-warnings takes a whole number (or -1 for no limit), got "some"\n' });
    expect(await run(["good.yaml", "--max-warnings", "-2"])).toMatchObject({ code: 2, stderr: "connlint: Option '--max-warnings' argument is ambiguous; see connlint --help\n" });
    expect(await run(["good.yaml", "-f"])).toMatchObject({ code: 2, stderr: "connlint: Option '-f, --format <value>' argument missing; see connlint --help\n" });
  });

  it("takes --max-warnings -1 as ESLint does: no limit", async () => {
    write("inferred.yaml", "connection_name: inferred\ntransport_protocol: UDP\n");
    expect((await run(["inferred.yaml", "--max-warnings", "-1"])).code).toBe(0);
    expect((await run(["inferred.yaml", "--max-warnings=-1"])).code).toBe(0);
  });

  it("is 2 when a path or pattern matches nothing, unless told otherwise", async () => {
    write("good.yaml", GOOD_IP);
    expect(await run(["missing.yaml", "nothing/**/*.yaml"])).toMatchObject({ code: 2, stderr: 'connlint: no files match "missing.yaml", "nothing/**/*.yaml"\n' });
    expect(await run(["missing.yaml", "good.yaml", "--no-error-on-unmatched-pattern"])).toMatchObject({ code: 0, stderr: "" });
  });

  it("is 2 when the configuration ignores every file a folder or pattern matches, unless told otherwise", async () => {
    write(".connlintrc.yaml", 'ignores: ["drafts/**"]\n');
    write("good.yaml", GOOD_IP);
    write("drafts/old.yaml", GOOD_IP);
    expect(await run(["drafts"])).toMatchObject({ code: 2, stderr: 'connlint: all the files that "drafts" match are in the configuration\'s ignores\n' });
    expect(await run(["drafts/*.yaml", "good.yaml"])).toMatchObject({ code: 2, stderr: 'connlint: all the files that "drafts/*.yaml" match are in the configuration\'s ignores\n' });
    expect(await run(["drafts", "good.yaml", "--no-error-on-unmatched-pattern"])).toMatchObject({ code: 0, stderr: "" });
    // A file named on the command line is linted even when ignored, and a folder with files left to lint is no mistake.
    expect(await run(["drafts/old.yaml", "."])).toMatchObject({ code: 0, stderr: "" });
  });
});

describe("finding files", () => {
  beforeEach(() => {
    write("connections/hq.yaml", BAD_IP);
    write("connections/nested/desk.json", JSON.stringify({ user_name: "desk0001", password: "x" }));
    write(".github/workflows/ci.yml", "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n");
    write("docker-compose.yml", "services:\n  db:\n    image: postgres\n    active: true\n");
    write("package.json", JSON.stringify({ name: "telephony", version: "1.0.0" }));
    write("node_modules/dep/conn.yaml", BAD_IP);
    write("notes.txt", BAD_IP);
  });

  it("expands a directory to the connection files in it, skipping other YAML and JSON and node_modules", async () => {
    const result = await run([".", "-f", "json"]);
    const files = (JSON.parse(result.stdout) as { filePath: string }[]).map((file) => file.filePath);
    expect(files).toEqual([join(dir, "connections/hq.yaml"), join(dir, "connections/nested/desk.json")]);
    expect(result.code).toBe(1);
  });

  it("lists the skipped files with --debug", async () => {
    const result = await run([".", "--debug", "-f", "unix"]);
    expect(result.stderr).toContain(`connlint: skipped ${join(dir, "docker-compose.yml")}: not a connection file\n`);
    expect(result.stderr).toContain(`skipped ${join(dir, "package.json")}`);
    expect(result.stderr).toContain(`skipped ${join(dir, ".github/workflows/ci.yml")}`);
  });

  it("lints the current directory when given no arguments", async () => {
    const result = await run(["-f", "unix"]);
    expect(new Set(result.stdout.split("\n").filter(Boolean).map((line) => line.split(":")[0]))).toEqual(new Set(["connections/hq.yaml", "connections/nested/desk.json"]));
  });

  it("matches globs, which skip non-connections too", async () => {
    const result = await run(["**/*.yml", "connections/**/*.yaml", "-f", "unix"]);
    expect(result.stdout).toMatch(/^connections\/hq\.yaml:3:21: error/);
    expect(result.stdout).not.toContain("docker-compose");
  });

  it("lints a file once, at its plain path, however many globs match it and however they reach it", async () => {
    const globs = ["connections/**/*.yaml", "connections/*.yaml", "./connections/../connections/*.yaml", `${dir}/connections/*.yaml`, "**/*.json"];
    const result = await run([...globs, "-f", "json"]);
    const files = (JSON.parse(result.stdout) as { filePath: string }[]).map((file) => file.filePath);
    expect(files).toEqual([join(dir, "connections/hq.yaml"), join(dir, "connections/nested/desk.json")]);
  });

  it("lints a file once when several of the configuration's patterns match it", async () => {
    // Patterns from different folders are walked apart, so that each finds desk.json.
    write(".connlintrc.yaml", 'files: ["connections/**/*.{yaml,json}", "connections/nested/*.json"]\n');
    const result = await run([".", "-f", "json"]);
    const files = (JSON.parse(result.stdout) as { filePath: string }[]).map((file) => file.filePath);
    expect(files).toEqual([join(dir, "connections/hq.yaml"), join(dir, "connections/nested/desk.json")]);
  });

  it("always checks a file named on the command line, unless --skip-non-connections", async () => {
    const named = await run(["docker-compose.yml", "-f", "unix"]);
    expect(named.code).toBe(1);
    expect(named.stdout).toContain("docker-compose.yml:1:1: error: can't tell whether this is an IP, a credential or an FQDN connection");
    expect(await run(["docker-compose.yml", "--skip-non-connections"])).toEqual({ code: 0, stdout: "", stderr: "" });
  });
});

describe("files that can't be read", () => {
  it("reports a directory named like a connection file, a binary file and invalid UTF-8, and goes on", async () => {
    mkdirSync(join(dir, "folder.yaml"));
    write("binary.yaml", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    write("latin1.yaml", new Uint8Array([...Buffer.from("connection_name: caf"), 0xe9, 0x0a]));
    write("good.yaml", BAD_IP);
    const result = await run(["folder.yaml", "binary.yaml", "latin1.yaml", "good.yaml", "-f", "unix"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        "binary.yaml:1:1: error: the file holds NUL bytes: it is binary, not YAML or JSON text [read-error]",
        "folder.yaml:1:1: error: this is a directory, not a file [read-error]",
        "good.yaml:3:21: error: `inbound.timeout_1xx_secs` must be between 1 and 120, got 121 [invalid-value]",
        "latin1.yaml:1:1: error: the file is not valid UTF-8 text [read-error]",
        "",
      ].join("\n"),
    );
  });
});

describe("reports", () => {
  it("json: ESLint's shape with pointers, documents and counts", async () => {
    write("two.yaml", `${GOOD_IP}---\n${BAD_IP}`);
    const [file] = JSON.parse((await run(["two.yaml", "-f", "json"])).stdout);
    expect(file).toEqual({
      filePath: join(dir, "two.yaml"),
      messages: [{ ruleId: "invalid-value", severity: 2, message: "`inbound.timeout_1xx_secs` must be between 1 and 120, got 121", path: "/inbound/timeout_1xx_secs", document: 1, line: 6, column: 21, endLine: 6, endColumn: 24 }],
      errorCount: 1,
      warningCount: 0,
      infoCount: 0,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
    });
  });

  it("json: carries certain fixes and likely suggestions", async () => {
    write("fixable.yaml", "record_type: ip_connection\ntransport_protocol: udp\ninbound:\n  dns_number_format: e164\n");
    const [file] = JSON.parse((await run(["fixable.yaml", "-f", "json"])).stdout);
    expect(file.messages[0].fix).toEqual({ range: [47, 50], text: "UDP" });
    expect(file.messages[1].suggestions).toEqual([{ desc: "Rename to dnis_number_format", fix: { range: [62, 79], text: "dnis_number_format" } }]);
    expect(file.fixableErrorCount).toBe(1);
  });

  it("stylish: grouped by file with a summary, coloured only when asked or on a terminal", async () => {
    write("bad.yaml", BAD_IP);
    const plain = await run(["bad.yaml"]);
    expect(plain.stdout).toBe("\nbad.yaml\n  3:21  error  `inbound.timeout_1xx_secs` must be between 1 and 120, got 121  invalid-value\n\n\u2716 1 problem (1 error, 0 warnings)\n");
    expect((await run(["bad.yaml"], { isTTY: true })).stdout).toContain("\u001b[31merror");
    expect((await run(["bad.yaml", "--color"])).stdout).toContain("\u001b[");
    expect((await run(["bad.yaml"], { isTTY: true, env: { NO_COLOR: "1" } })).stdout).not.toContain("\u001b[");
    expect((await run(["bad.yaml", "--no-color"], { env: { FORCE_COLOR: "1" } })).stdout).not.toContain("\u001b[");
  });

  it("--quiet reports errors only", async () => {
    write("mixed.yaml", "connection_name: mixed\ntransport_protocol: udp\n");
    const result = await run(["mixed.yaml", "--quiet", "-f", "unix"]);
    expect(result.stdout).toBe("mixed.yaml:2:21: error: `transport_protocol` must be one of UDP, TCP, TLS; got the string `udp` (did you mean `UDP`?) [invalid-value]\n");
  });

  it("--output-file writes the report there", async () => {
    write("bad.yaml", BAD_IP);
    const result = await run(["bad.yaml", "-f", "unix", "-o", "report.txt"]);
    expect(result).toMatchObject({ code: 1, stdout: "connlint: 1 problem (1 error, 0 warnings) in 1 file; report written to report.txt\n" });
    expect(readFileSync(join(dir, "report.txt"), "utf8")).toContain("bad.yaml:3:21: error:");
  });
});

describe("control characters", () => {
  it("are shown escaped in messages, so a file can't drive the terminal", async () => {
    const result = await run(["--stdin", "-f", "unix"], { stdin: 'record_type: ip_connection\ntransport_protocol: "\\e[2Jx"\n"\\e]0;title\\a": 1\n' });
    expect(result.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    expect(result.stdout).toContain("got the string `\\u001b[2Jx`");
    expect(result.stdout).toContain("unknown key `\\u001b]0;title\\u0007`");
  });
});

describe("--stdin", () => {
  it("lints standard input, parsed by the extension of --stdin-filename", async () => {
    const json = await run(["--stdin", "--stdin-filename", "conn.json", "-f", "unix"], { stdin: '{"record_type": "ip_connection", "active": "yes"}' });
    expect(json.stdout).toBe("conn.json:1:44: error: `active` must be true or false, got the string `yes` [invalid-value]\n");
    const yaml = await run(["--stdin", "-f", "unix"], { stdin: "record_type: ip_connection\nactive: yes\n" });
    expect(yaml.stdout).toContain("stdin.yaml:2:9: error: `active` must be true or false");
  });

  it("decodes standard input as it decodes a file: a BOM, UTF-16, and bytes that are not text", async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("record_type: ip_connection\nactive: yes\n", "utf16le")]);
    expect((await run(["--stdin", "-f", "unix"], { stdin: utf16 })).stdout).toContain("stdin.yaml:2:9: error: `active` must be true or false");
    const latin1 = Buffer.from("record_type: ip_connection\nconnection_name: caf\xe9\n", "latin1");
    expect(await run(["--stdin", "-f", "unix"], { stdin: latin1 })).toMatchObject({ code: 1, stdout: "stdin.yaml:1:1: error: the file is not valid UTF-8 text [read-error]\n" });
  });

  it("refuses files beside --stdin", async () => {
    expect(await run(["--stdin", "x.yaml"])).toMatchObject({ code: 2, stderr: "connlint: --stdin lints standard input only; do not name files as well\n" });
  });
});

describe("explain", () => {
  it("prints a rule's documentation page", async () => {
    const result = await run(["explain", "no-srtp-with-tls"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^# `no-srtp-with-tls`\n/);
    expect(result.stdout).toContain("## Wrong");
  });

  it("is exit 2 with a suggestion for an unknown rule", async () => {
    expect(await run(["explain", "no-srtp"])).toEqual({ code: 2, stdout: "", stderr: 'connlint: unknown rule "no-srtp"; did you mean "no-srtp-with-tls"?\n' });
  });
});

describe("--help and --version", () => {
  it("--help lists every option", async () => {
    const { code, stdout } = await run(["--help"]);
    expect(code).toBe(0);
    for (const name of Object.keys(OPTIONS)) expect(stdout).toContain(`--${name}`);
  });

  it("--version prints the package's version", async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect(await run(["--version"])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });
});
