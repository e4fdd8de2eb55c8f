// Configuration as a user meets it: found upward to the repository root, overrides, ignores, --config, --rule, broken files.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { configSchema } from "../scripts/config-schema.js";
import { runCli } from "./support/cli.js";
import { ROOT } from "./support/shared.js";

let repo: string;
const write = (name: string, text: string) => {
  const path = join(repo, name);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, text);
};
const run = (argv: string[], cwd = repo) => runCli(argv, { cwd });

const HTTP_IP = "connection_name: ip-one\ntransport_protocol: TCP\nwebhook_event_url: http://hooks.example.com/x\n";
const CLEAR_PASSWORD = "record_type: credential_connection\nconnection_name: desk\nuser_name: deskphone1\npassword: plaintextpw\n";

beforeEach(() => {
  // A parent folder with its own config shows that the search stops at the repository root.
  const outside = mkdtempSync(join(tmpdir(), "connlint-config-"));
  writeFileSync(join(outside, ".connlintrc.yaml"), "rules:\n  invalid-value: off\n");
  repo = join(outside, "repo");
  mkdirSync(join(repo, ".git"), { recursive: true });
});

describe("finding the configuration", () => {
  it("uses the nearest .connlintrc.yaml up to the repository root, and never above it", async () => {
    write("connections/desk.yaml", CLEAR_PASSWORD + "active: maybe\n");
    expect((await run(["connections", "-f", "unix"])).stdout).toContain("[invalid-value]");
    write(".connlintrc.yaml", "rules:\n  no-plaintext-secret: error\n");
    const result = await run(["connections", "-f", "unix"]);
    expect(result.stdout).toContain("connections/desk.yaml:4:11: error: `password` is written in clear");
    expect(result.code).toBe(1);
  });

  it("prefers a configuration nearer the file", async () => {
    write(".connlintrc.yaml", "rules:\n  no-plaintext-secret: error\n");
    write("team/.connlintrc.json", JSON.stringify({ rules: { "no-plaintext-secret": "off" } }));
    write("team/desk.yaml", CLEAR_PASSWORD);
    write("desk.yaml", CLEAR_PASSWORD.replace("deskphone1", "deskphone2").replace("desk\n", "desk2\n"));
    const result = await run([".", "-f", "unix"]);
    expect(result.stdout).toContain("desk.yaml:4:11: error");
    expect(result.stdout).not.toContain("team/desk.yaml");
  });

  it("gives each of many sibling folders its own, one after the other", async () => {
    write(".connlintrc.yaml", "rules:\n  no-plaintext-secret: error\n");
    for (const team of ["a1", "a2", "a3", "b1"]) {
      if (team !== "a2") write(`${team}/.connlintrc.json`, JSON.stringify({ rules: { "no-plaintext-secret": "off" } }));
      for (const desk of [1, 2]) write(`${team}/desk${desk}.yaml`, CLEAR_PASSWORD.replace("deskphone1", `${team}phone${desk}`).replace("desk\n", `${team}-desk${desk}\n`));
    }
    // Right after a1's files, a file of the root whose name starts like the folder.
    write("a1x.yaml", CLEAR_PASSWORD.replace("deskphone1", "a1xphone").replace("desk\n", "a1x-desk\n"));
    const reported = (await run([".", "-f", "unix"])).stdout.split("\n").filter(Boolean).map((line) => line.split(":")[0]);
    expect(reported).toEqual(["a1x.yaml", "a2/desk1.yaml", "a2/desk2.yaml"]);
  });

  it("reads a connlint key in package.json", async () => {
    write("package.json", JSON.stringify({ name: "telephony", connlint: { rules: { "no-plaintext-secret": "off" } } }));
    write("desk.yaml", CLEAR_PASSWORD);
    expect(await run(["desk.yaml"])).toMatchObject({ code: 0, stdout: "" });
  });

  it("--config names the file to use instead of searching", async () => {
    write(".connlintrc.yaml", "rules:\n  no-plaintext-secret: error\n");
    write("ci/strict.yaml", "rules:\n  no-plaintext-secret: off\n");
    write("desk.yaml", CLEAR_PASSWORD);
    expect(await run(["desk.yaml", "--config", "ci/strict.yaml"])).toMatchObject({ code: 0, stdout: "" });
  });
});

describe("what the configuration says", () => {
  beforeEach(() => {
    write(
      ".connlintrc.yaml",
      [
        'files: ["connections/**/*.{yaml,yml}", "drafts/**/*.yaml"]',
        'ignores: ["**/drafts/**"]',
        "rules:",
        "  no-plaintext-secret: off",
        "overrides:",
        '  - files: ["connections/ip/**"]',
        "    kind: ip_connection",
        "    rules:",
        "      webhook-url-https: error",
        "",
      ].join("\n"),
    );
    write("connections/ip/one.yaml", HTTP_IP);
    write("connections/desk.yaml", CLEAR_PASSWORD);
    write("drafts/broken.yaml", "record_type: ip_connection\ntransport_protocol: XYZ\n");
    write("other/not-in-files.yaml", "record_type: ip_connection\ntransport_protocol: XYZ\n");
  });

  it("expands a directory to its files, skips its ignores, applies overrides' kind and rules", async () => {
    const result = await run(["-f", "unix"]);
    expect(result.stdout).toBe("connections/ip/one.yaml:3:20: error: `webhook_event_url` uses plain http: webhook events carry call data in clear text; use https [webhook-url-https]\n");
    expect(result.code).toBe(1);
  });

  it("still lints an ignored file named on the command line", async () => {
    expect((await run(["drafts/broken.yaml", "-f", "unix"])).stdout).toContain("drafts/broken.yaml:2:21: error");
  });

  it("--rule sets a severity over the configuration", async () => {
    const result = await run(["connections", "--rule", "webhook-url-https:off", "--rule", "no-plaintext-secret:warning", "-f", "unix"]);
    expect(result.stdout).toBe("connections/desk.yaml:4:11: warning: `password` is written in clear in a file that is committed: replace it with a placeholder such as `${DESK_SIP_PASSWORD}` and set DESK_SIP_PASSWORD in the environment that sends the body [no-plaintext-secret]\n");
    expect(result.code).toBe(0);
  });

  it("--print-config shows what applies to a file", async () => {
    const printed = JSON.parse((await run(["--print-config", "connections/ip/one.yaml"])).stdout);
    expect(printed).toMatchObject({
      configFile: join(repo, ".connlintrc.yaml"),
      kind: "ip_connection",
      ignores: ["**/drafts/**"],
      rules: { "webhook-url-https": "error", "no-plaintext-secret": "off", "no-srtp-with-tls": "error" },
    });
  });
});

describe("a YAML configuration reads as YAML 1.2, in block form and in flow form alike", () => {
  // The block form is read by connlint's own block reader, the flow form by js-yaml: `off` stays a string in both,
  // and a value that looks like a date is a string too (js-yaml's default schema would make it a Date).
  const BLOCK = ["rules:", "  no-plaintext-secret: off", "knownCodecs:", "  - 2024-01-01", "  - OPUS", "overrides:", "  - files:", "      - desks/**", "    kind: credential_connection", ""].join("\n");
  const FLOW = '{rules: {no-plaintext-secret: off}, knownCodecs: [2024-01-01, OPUS], overrides: [{files: ["desks/**"], kind: credential_connection}]}\n';

  for (const [form, text] of [["block", BLOCK], ["flow", FLOW]] as const) {
    it(`the ${form} form`, async () => {
      write(".connlintrc.yaml", text);
      write("desks/desk.yaml", CLEAR_PASSWORD.replace("record_type: credential_connection\n", ""));
      const printed = JSON.parse((await run(["--print-config", "desks/desk.yaml"])).stdout);
      expect(printed).toMatchObject({ kind: "credential_connection", knownCodecs: ["2024-01-01", "OPUS"], rules: { "no-plaintext-secret": "off" } });
      expect(await run(["desks", "-f", "unix"])).toMatchObject({ code: 0, stdout: "" });
    });
  }
});

describe("overrides that declare updates", () => {
  it("check the files they match as update (PATCH) bodies", async () => {
    write(".connlintrc.yaml", 'overrides:\n  - files: ["updates/**"]\n    kind: ip_connection\n    operation: update\n');
    const update = "inbound:\n  default_primary_ip_id: 192.0.2.1\n";
    write("updates/hq.yaml", update);
    write("creates/hq.yaml", `record_type: ip_connection\n${update}`);
    expect(await run(["updates/hq.yaml"])).toEqual({ code: 0, stdout: "", stderr: "" });
    expect((await run(["creates/hq.yaml", "-f", "unix"])).stdout).toContain("creates/hq.yaml:3:3: error:");
    expect(JSON.parse((await run(["--print-config", "updates/hq.yaml"])).stdout)).toMatchObject({ kind: "ip_connection", operation: "update" });
  });
});

describe("a wrong configuration stops the run with exit 2 and one line", () => {
  const cases: [string, string, string][] = [
    [".connlintrc.yaml", "rules: [oops\n", "connlint: .connlintrc.yaml: not valid YAML: unexpected end of the stream within a flow collection (2:1)"],
    [".connlintrc.yaml", "rules:\n  a: off\n  a: off\n", "connlint: .connlintrc.yaml: not valid YAML: duplicated mapping key (3:3)"],
    [".connlintrc.json", '{"rules": ', "connlint: .connlintrc.json: not valid JSON: Unexpected end of JSON input"],
    // A trailing comma: the reason comes after a code frame, and with an offset, given here as line and column.
    [".connlintrc.json", '{\n  "rules": {\n    "no-plaintext-secret": "error",\n  }\n}\n', "connlint: .connlintrc.json: not valid JSON: Expected double-quoted property name in JSON (4:3)"],
    [".connlintrc.yaml", "rules:\n  no-such-rule: error\n", 'connlint: .connlintrc.yaml: rules: unknown rule "no-such-rule"'],
    [".connlintrc.yaml", "rules:\n  no-srtp-with-tls: fatal\n", 'connlint: .connlintrc.yaml: rules.no-srtp-with-tls: unknown severity "fatal"; use error, warning, info or off'],
    [".connlintrc.json", '{"rulez": {}}', 'connlint: .connlintrc.json: unknown key "rulez"'],
    [".connlintrc.yaml", "overrides:\n  - kind: ip_connection\n", "connlint: .connlintrc.yaml: overrides.0 must have required property 'files'"],
  ];
  for (const [name, text, message] of cases) {
    it(`${name}: ${JSON.stringify(text)}`, async () => {
      write(name, text);
      write("desk.yaml", CLEAR_PASSWORD);
      const result = await run(["desk.yaml"]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr.split("\n").filter(Boolean)).toHaveLength(1);
      expect(result.stderr).toContain(message);
    });
  }

  it("--rule with an unknown rule or severity", async () => {
    write("desk.yaml", CLEAR_PASSWORD);
    expect(await run(["desk.yaml", "--rule", "no-plaintext:off"])).toMatchObject({ code: 2, stderr: 'connlint: --rule no-plaintext:off: unknown rule "no-plaintext"; did you mean "no-plaintext-secret"?\n' });
    expect(await run(["desk.yaml", "--rule", "no-plaintext-secret:loud"])).toMatchObject({ code: 2, stderr: "connlint: --rule no-plaintext-secret:loud: the severity must be error, warning, info or off\n" });
    expect(await run(["desk.yaml", "--rule", "syntax:off"])).toMatchObject({ code: 2, stderr: 'connlint: --rule syntax:off: "syntax" can\'t be configured\n' });
  });

  it("--config naming a file that is not valid YAML", async () => {
    write("lint.yaml", "rules: [oops\n");
    write("desk.yaml", CLEAR_PASSWORD);
    expect(await run(["desk.yaml", "--config", "lint.yaml"])).toMatchObject({ code: 2, stderr: "connlint: lint.yaml: not valid YAML: unexpected end of the stream within a flow collection (2:1)\n" });
  });

  it("--config naming a missing file, or a folder", async () => {
    write("desk.yaml", CLEAR_PASSWORD);
    expect(await run(["desk.yaml", "--config", "nope.yaml"])).toMatchObject({ code: 2, stderr: "connlint: the configuration file nope.yaml does not exist\n" });
    mkdirSync(join(repo, "settings"));
    expect(await run(["desk.yaml", "--config", "settings"])).toMatchObject({ code: 2, stderr: "connlint: the configuration file settings is a directory; name a file in it\n" });
  });
});

describe("checks across files", () => {
  it("names three of the other places of a value copied into many files, and counts the rest", async () => {
    for (const desk of ["a", "b", "c", "d", "e", "f"]) write(`desk-${desk}.yaml`, CLEAR_PASSWORD.replace("plaintextpw", "${PASSWORD}").replace("desk\n", `desk-${desk}\n`));
    const result = await run([".", "-f", "json"]);
    const reports = (JSON.parse(result.stdout) as { messages: { ruleId: string; message: string; related?: unknown[] }[] }[]).flatMap((file) => file.messages);
    const duplicates = reports.filter(({ ruleId }) => ruleId === "unique-user-name");
    expect(duplicates).toHaveLength(6);
    expect(duplicates[0]!.message).toBe("SIP user name `deskphone1` is also used by `desk-b` in desk-b.yaml:3, by `desk-c` in desk-c.yaml:3, by `desk-d` in desk-d.yaml:3, and in 2 more places: it must be unique");
    expect(duplicates[5]!.message).toBe("SIP user name `deskphone1` is also used by `desk-a` in desk-a.yaml:3, by `desk-b` in desk-b.yaml:3, by `desk-c` in desk-c.yaml:3, and in 2 more places: it must be unique");
    for (const duplicate of duplicates) expect(duplicate.related).toHaveLength(3);
  });

  it("reports a user name used in two files at both places, naming the other file and line", async () => {
    write("a.yaml", CLEAR_PASSWORD.replace("plaintextpw", "${A_PASSWORD}"));
    write("team/b.yaml", `# another desk\n${CLEAR_PASSWORD.replace("plaintextpw", "${B_PASSWORD}").replace("desk\n", "desk-b\n")}`);
    const result = await run([".", "-f", "unix"]);
    expect(result.stdout).toBe(
      [
        "a.yaml:3:12: error: SIP user name `deskphone1` is also used by `desk-b` in team/b.yaml:4: it must be unique [unique-user-name]",
        "team/b.yaml:4:12: error: SIP user name `deskphone1` is also used by `desk` in a.yaml:3: it must be unique [unique-user-name]",
        "",
      ].join("\n"),
    );
  });
});

it("schemas/config.schema.json is what npm run build:schemas writes", () => {
  expect(readFileSync(join(ROOT, "schemas", "config.schema.json"), "utf8")).toBe(JSON.stringify(configSchema(), null, 2) + "\n");
});

describe("a baseline", () => {
  it("records today's problems, then reports only new ones and the entries that no longer match", async () => {
    write("hq.yaml", "record_type: ip_connection\nconnection_name: hq\ninbound:\n  timeout_1xx_secs: 500\n");
    write("desk.yaml", CLEAR_PASSWORD);
    const recorded = await run([".", "--baseline-write"]);
    expect(recorded).toEqual({ code: 0, stdout: "", stderr: "connlint: recorded 2 problems in .connlint-baseline.json\n" });
    const baseline = JSON.parse(readFileSync(join(repo, ".connlint-baseline.json"), "utf8"));
    expect(baseline.files["hq.yaml"]).toEqual([{ rule: "invalid-value", path: "/inbound/timeout_1xx_secs", connection: "hq", count: 1 }]);

    expect(await run(["."])).toEqual({ code: 0, stdout: "", stderr: "" });

    // Lines move and a new problem appears: only the new one is reported.
    write("hq.yaml", "# moved down\nrecord_type: ip_connection\nconnection_name: hq\ninbound:\n  timeout_1xx_secs: 500\n  timeout_2xx_secs: 0\n");
    const newOne = await run([".", "-f", "unix"]);
    expect(newOne.stdout).toBe("hq.yaml:6:21: error: `inbound.timeout_2xx_secs` must be between 1 and 600, got 0 [invalid-value]\n");
    expect(newOne.code).toBe(1);

    // A fixed problem leaves a stale entry, reported so that the baseline shrinks.
    write("desk.yaml", CLEAR_PASSWORD.replace("plaintextpw", "${DESK_PASSWORD}"));
    const stale = await run(["desk.yaml", "-f", "unix"]);
    expect(stale.stdout).toBe("desk.yaml:1:1: warning: the baseline .connlint-baseline.json allows `no-plaintext-secret` at /password of `desk`, which is no longer reported: run connlint --baseline-write to shrink the baseline [stale-baseline]\n");
    await run(["desk.yaml", "--baseline-write"]);
    expect(JSON.parse(readFileSync(join(repo, ".connlint-baseline.json"), "utf8")).files).toEqual({ "hq.yaml": baseline.files["hq.yaml"] });
  });

  it("--baseline-write makes the baseline's folder, and says so in one line when it can't write there", async () => {
    write("desk.yaml", CLEAR_PASSWORD);
    expect(await run(["desk.yaml", "--baseline", "lint/baseline.json", "--baseline-write"])).toMatchObject({ code: 0, stderr: "connlint: recorded 1 problem in lint/baseline.json\n" });
    // Files are recorded relative to the baseline's folder.
    expect(JSON.parse(readFileSync(join(repo, "lint", "baseline.json"), "utf8")).files["../desk.yaml"]).toHaveLength(1);
    expect(await run(["desk.yaml", "--baseline", "desk.yaml/baseline.json", "--baseline-write"])).toMatchObject({ code: 2, stdout: "", stderr: "connlint: can't write the baseline desk.yaml/baseline.json: ENOTDIR\n" });
  });

  it("--baseline names another file, which must exist", async () => {
    write("desk.yaml", CLEAR_PASSWORD);
    expect(await run(["desk.yaml", "--baseline", "nope.json"])).toMatchObject({ code: 2, stderr: "connlint: the baseline file nope.json does not exist; create it with --baseline-write\n" });
  });
});
