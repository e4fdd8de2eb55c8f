// Hostile and broken inputs: each is one diagnostic at a sensible place, never a stack trace, and the run goes on.
import { mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { lintText } from "../src/lint.js";
import { runCli } from "./support/cli.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "connlint-hostile-"));
});

const write = (name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, content);
  return path;
};

/** A clean connection with one known error, linted after each hostile file to show that the run goes on. */
const CANARY = "record_type: ip_connection\ntransport_protocol: udp\n";
const CANARY_LINE = "zz-canary.yaml:2:21: error: `transport_protocol` must be one of UDP, TCP, TLS; got the string `udp` (did you mean `UDP`?) [invalid-value]";

/** Lints the named files plus the canary with the unix format; returns the exit code and the report's lines. */
async function lint(names: string[], extra: string[] = []) {
  write("zz-canary.yaml", CANARY);
  const run = await runCli([...names, "zz-canary.yaml", "-f", "unix", ...extra], { cwd: dir });
  expect(run.stderr).toBe("");
  const lines = run.stdout.split("\n").filter(Boolean);
  expect(lines.at(-1)).toBe(CANARY_LINE);
  return { code: run.code, lines: lines.slice(0, -1) };
}

async function lintOne(name: string, content: string | Uint8Array, extra: string[] = []): Promise<string[]> {
  write(name, content);
  return (await lint([name], extra)).lines;
}

describe("malformed YAML and JSON", () => {
  const cases: [string, string, string][] = [
    ["unclosed-flow.yaml", "record_type: ip_connection\ninbound:\n  codecs: [G722, G711U\nactive: true\n", "4:1: error: YAML syntax error: a list opened with `[` is not closed with `]` before this line [syntax]"],
    ["unclosed-map.yaml", "record_type: ip_connection\ninbound: {codecs: [G722]\nactive: true\n", "3:1: error: YAML syntax error: a mapping opened with `{` is not closed with `}` before this line [syntax]"],
    ["unclosed-quote.yaml", 'record_type: ip_connection\nconnection_name: "hq\nactive: true\n', "4:1: error: YAML syntax error: a closing character is missing (a quote, `]` or `}`) [syntax]"],
    ["bad-indent.yaml", "record_type: ip_connection\ninbound:\n    codecs: [G722]\n  timeout_1xx_secs: 3\n", "4:1: error: YAML syntax error: the indentation here does not match the lines around it [syntax]"],
    ["tab-indent.yaml", "record_type: ip_connection\ninbound:\n\tcodecs: [G722]\n", "3:1: error: YAML syntax error: tabs can't be used for indentation in YAML; use spaces [syntax]"],
    ["two-colons.yaml", "record_type: ip_connection\nconnection_name: a: b\n", "2:18: error: YAML syntax error: a nested block can't be used as a key [syntax]"],
    ["list-then-map.yaml", "- record_type: ip_connection\nconnection_name: x\n", "2:1: error: YAML syntax error: unexpected characters here [syntax]"],
    ["reserved-indicator.yaml", "record_type: ip_connection\nconnection_name: @hq\n", "2:18: error: YAML syntax error: a plain value can't start with this character; quote the value [syntax]"],
    ["stray-bracket.yaml", "record_type: ip_connection\n]\n", "2:1: error: YAML syntax error: unexpected characters here [syntax]"],
    ["trailing-comma.json", '{"record_type": "ip_connection", "active": true,}\n', "1:49: error: JSON syntax error: a key in double quotes is expected here (JSON allows no trailing comma) [syntax]"],
    ["comment.json", '{"record_type": "ip_connection" // IP\n}\n', "1:33: error: JSON syntax error: JSON does not allow comments [syntax]"],
    ["single-quotes.json", "{'record_type': 'ip_connection'}\n", "1:2: error: JSON syntax error: unexpected characters; JSON strings and keys need double quotes [syntax]"],
    ["unquoted-key.json", '{record_type: "ip_connection"}\n', "1:2: error: JSON syntax error: unexpected characters; JSON strings and keys need double quotes [syntax]"],
    ["missing-colon.json", '{"record_type" "ip_connection"}\n', "1:16: error: JSON syntax error: a `:` is expected after the key [syntax]"],
    ["unclosed.json", '{"record_type": "ip_connection",\n "active": true\n', "3:1: error: JSON syntax error: a closing `}` is missing [syntax]"],
    ["text-after-end.json", '{"record_type": "ip_connection"} {}\n', "1:34: error: JSON syntax error: unexpected text after the end of the JSON value [syntax]"],
    ["nan.json", '{"record_type": "ip_connection", "webhook_timeout_secs": NaN}\n', "1:58: error: JSON syntax error: unexpected characters; JSON strings and keys need double quotes [syntax]"],
    ["raw-tab.json", '{"record_type": "ip_connection", "connection_name": "a\tb"}\n', "1:53: error: JSON syntax error: a control character (such as a tab or a line break) must be escaped inside a JSON string [syntax]"],
    ["cut-at-end.json", '{"record_type": "ip_connection", "active": tr', "1:44: error: JSON syntax error: unexpected characters; JSON strings and keys need double quotes [syntax]"],
  ];
  for (const [name, text, expected] of cases) {
    it(`${name}: ${expected.replace(/^\d+:\d+: /, "")}`, async () => {
      expect(await lintOne(name, text)).toEqual([`${name}:${expected}`]);
    });
  }

  it("a syntax error at the very end of a file is ranged inside the file", () => {
    for (const [filePath, text] of [["end.json", '{"a": '], ["end.yaml", 'a: "b']]) {
      const [diagnostic] = lintText(text!, { filePath: filePath! }).diagnostics;
      expect(diagnostic).toMatchObject({ ruleId: "syntax" });
      expect(diagnostic!.range.end).toBeLessThanOrEqual(text!.length);
    }
  });
});

describe("files that hold no connection, or not a mapping", () => {
  it.each([
    ["empty.yaml", "", "1:1: warning: this file holds no connection [empty-file]"],
    ["comments.yaml", "# nothing here\n# at all\n", "1:1: warning: this file holds no connection [empty-file]"],
    ["only-dashes.yaml", "---\n", "1:1: warning: this file holds no connection [empty-file]"],
    ["only-dots.yaml", "...\n", "1:1: warning: this file holds no connection [empty-file]"],
    ["scalar.yaml", "just a string\n", "1:1: error: a connection must be a mapping of settings, got the string `just a string` [invalid-value]"],
    ["list.yaml", "- a\n- b\n", "1:1: error: a connection must be a mapping of settings, got a list [invalid-value]"],
    ["scalar.json", "42\n", "1:1: error: a connection must be a mapping of settings, got the value 42 [invalid-value]"],
    ["empty.json", "", "1:1: error: JSON syntax error: a value is expected here [syntax]"],
  ])("%s", async (name, text, expected) => {
    expect(await lintOne(name, text)).toEqual([`${name}:${expected}`]);
  });

  it("a trailing `---` adds no empty connection", async () => {
    expect(await lintOne("trailing.yaml", "record_type: ip_connection\n---\n")).toEqual([]);
  });
});

describe("YAML aliases", () => {
  const laughs = (levels: number) => {
    let text = 'record_type: ip_connection\nl0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n';
    for (let i = 1; i < levels; i++) text += `l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(", ")}]\n`;
    return text;
  };

  it("a billion laughs is reported at its largest alias, not expanded", async () => {
    expect(await lintOne("bomb.yaml", laughs(10))).toEqual([
      "bomb.yaml:11:10: error: YAML aliases here expand to more than 100,000 values (an alias bomb?); connlint does not expand them, and the document is not checked [alias-limit]",
    ]);
  }, 10_000);

  it("an alias inside the value it names is a loop, reported and not followed", async () => {
    expect(await lintOne("loop.yaml", "record_type: ip_connection\ninbound: &in\n  codecs: *in\n")).toEqual([
      "loop.yaml:3:11: error: the alias `*in` stands for a value that contains the alias itself, a loop without end; connlint does not expand it, and the document is not checked [alias-limit]",
    ]);
  });

  it("10,000 aliases in a chain are measured without overflowing the stack", async () => {
    let text = "record_type: ip_connection\na0: &a0 [x]\n";
    for (let i = 1; i <= 10_000; i++) text += `a${i}: &a${i} [*a${i - 1}]\n`;
    const lines = await lintOne("chain.yaml", text);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^chain\.yaml:10002:\d+: error: .*\[alias-limit\]$/);
  });

  it("an alias before its anchor is a syntax error, not a silent null", async () => {
    expect(await lintOne("forward.yaml", "record_type: ip_connection\nconnection_name: *name\nanchorsite_override: &name Latency\n")).toEqual([
      "forward.yaml:2:18: error: YAML syntax error: the alias `*name` names no anchor set before it; write `&name` on a value above this line [syntax]",
    ]);
  });

  it("a plain list of 200,000 values is large, not an alias bomb", async () => {
    const lines = await lintOne("long-list.yaml", `record_type: ip_connection\ninbound:\n  codecs: [${Array(200_000).fill("G722").join(", ")}]\n`);
    expect(lines.join("\n")).not.toContain("alias-limit");
  });
});

describe("10,000 levels of nesting: one nesting-limit diagnostic, no stack overflow", () => {
  const DEPTH = 10_000;
  const nestingLine = (name: string, place: string) =>
    `${name}:${place}: error: values are nested more than 100 levels deep here, deeper than any connection; connlint does not read further, and the document is not checked [nesting-limit]`;

  it("YAML flow collections", async () => {
    expect(await lintOne("flow.yaml", `record_type: ip_connection\ninbound: ${"[".repeat(DEPTH)}${"]".repeat(DEPTH)}\n`)).toEqual([nestingLine("flow.yaml", "2:109")]);
  });

  it("YAML flow mappings", async () => {
    expect(await lintOne("flow-map.yaml", `record_type: ip_connection\ninbound: ${"{a: ".repeat(DEPTH)}1${"}".repeat(DEPTH)}\n`)).toEqual([nestingLine("flow-map.yaml", "2:406")]);
  });

  it("YAML block sequences, written compactly", async () => {
    expect(await lintOne("block.yaml", `record_type: ip_connection\ninbound:\n${"- ".repeat(DEPTH)}x\n`)).toEqual([nestingLine("block.yaml", "3:199")]);
  });

  it("YAML block mappings by indentation (3,000 levels, past where `yaml` overflowed)", async () => {
    const text = `record_type: ip_connection\n${Array.from({ length: 3000 }, (_, i) => `${" ".repeat(i)}k${i}:\n`).join("")}`;
    expect(await lintOne("indented.yaml", text)).toEqual([nestingLine("indented.yaml", "102:101")]);
  });

  it("in a later document of a YAML file, leaving the others checked", async () => {
    const lines = await lintOne("docs.yaml", `${CANARY}---\nx: ${"[".repeat(DEPTH)}${"]".repeat(DEPTH)}\n---\n${CANARY}`);
    expect(lines).toEqual([
      "docs.yaml:2:21: error: `transport_protocol` must be one of UDP, TCP, TLS; got the string `udp` (did you mean `UDP`?) [invalid-value]",
      nestingLine("docs.yaml", "4:103"),
      "docs.yaml:7:21: error: `transport_protocol` must be one of UDP, TCP, TLS; got the string `udp` (did you mean `UDP`?) [invalid-value]",
    ]);
  });

  it("JSON arrays and objects, with the array element that holds them", async () => {
    write("arrays.json", `{"record_type": "ip_connection", "inbound": ${"[".repeat(DEPTH)}${"]".repeat(DEPTH)}}`);
    write("objects.json", `[{"record_type": "ip_connection"}, {"inbound": ${'{"a": '.repeat(DEPTH)}1${"}".repeat(DEPTH)}}]`);
    write("in-strings.json", `{"record_type": "ip_connection", "connection_name": "${"[".repeat(DEPTH)}"}`);
    const run = await runCli(["arrays.json", "objects.json", "in-strings.json", "-f", "json"], { cwd: dir });
    const [arrays, inStrings, objects] = JSON.parse(run.stdout) as { messages: { ruleId: string; document: number; line: number; column: number }[] }[];
    expect(arrays!.messages).toMatchObject([{ ruleId: "nesting-limit", document: 0, line: 1, column: 144 }]);
    expect(objects!.messages).toMatchObject([{ ruleId: "nesting-limit", document: 1, line: 1, column: 636 }]);
    expect(inStrings!.messages.map((m) => m.ruleId)).not.toContain("nesting-limit");
  });

  it("lintText survives the same depths", () => {
    for (const [filePath, text] of [["a.yaml", "[".repeat(100_000)], ["a.json", "[".repeat(100_000)], ["b.yaml", "{a: ".repeat(50_000)]]) {
      expect(lintText(text!, { filePath: filePath! }).diagnostics.map((d) => d.ruleId)).toContain("nesting-limit");
    }
  });
});

describe("large files", () => {
  it("a file over --max-file-size is one read-error, and is not read (a 100 MB sparse file)", async () => {
    truncateSync(write("huge.yaml", ""), 100 * 1024 * 1024);
    expect(await lint(["huge.yaml"])).toEqual({
      code: 1,
      lines: ["huge.yaml:1:1: error: the file is 100 MB, larger than the 32 MB that --max-file-size allows; connlint skipped it (raise --max-file-size to lint it) [read-error]"],
    });
  });

  it("files a folder walk finds (read without asking their size first) are refused and read as named ones are", async () => {
    truncateSync(write("walked/huge.yaml", ""), 100 * 1024 * 1024);
    write("walked/small.yaml", CANARY);
    // Connections longer than the first read: 64 KB exactly, and 100 KB, each with the canary's error at its end.
    const padded = (bytes: number) => {
      const comment = `# ${"x".repeat(bytes - CANARY.length - 3)}\n`;
      return comment + CANARY;
    };
    write("walked/exact.yaml", padded(64 * 1024));
    write("walked/long.yaml", padded(100 * 1024));
    const error = (name: string) => `walked/${name}.yaml:3:21: error: \`transport_protocol\` must be one of UDP, TCP, TLS; got the string \`udp\` (did you mean \`UDP\`?) [invalid-value]`;
    expect((await lint(["walked"])).lines).toEqual([
      error("exact"),
      "walked/huge.yaml:1:1: error: the file is 100 MB, larger than the 32 MB that --max-file-size allows; connlint skipped it (raise --max-file-size to lint it) [read-error]",
      error("long"),
      error("small").replace(":3:21:", ":2:21:"),
    ]);
    expect((await runCli(["walked", "--max-file-size", "10", "-f", "unix"], { cwd: dir })).stdout).toContain(
      "walked/small.yaml:1:1: error: the file is 51 bytes, larger than the 10 bytes that --max-file-size allows",
    );
  });

  it("files read ahead of their linting keep their own results, past a file larger than the read-ahead", async () => {
    write("batch/a.yaml", CANARY);
    write("batch/b.yaml", `# ${"x".repeat(1536 * 1024)}\n${CANARY}`);
    symlinkSync(join(dir, "batch/nowhere.yaml"), join(dir, "batch/c.yaml"));
    write("batch/d.yaml", CANARY.replace("udp", "tcp"));
    write("batch/e.yaml", CANARY);
    const error = (name: string, line: number, got = "udp", fix = "UDP") =>
      `batch/${name}.yaml:${line}:21: error: \`transport_protocol\` must be one of UDP, TCP, TLS; got the string \`${got}\` (did you mean \`${fix}\`?) [invalid-value]`;
    expect((await lint(["batch"])).lines).toEqual([
      error("a", 2),
      error("b", 3),
      "batch/c.yaml:1:1: error: the file does not exist (a broken symbolic link, or deleted while connlint ran) [read-error]",
      error("d", 2, "tcp", "TCP"),
      error("e", 2),
    ]);
  });

  it("--max-file-size takes KB, MB, GB or bytes, and refuses anything else", async () => {
    write("small.yaml", CANARY);
    expect((await runCli(["small.yaml", "--max-file-size", "10", "-f", "unix"], { cwd: dir })).stdout).toContain("the file is 51 bytes, larger than the 10 bytes that --max-file-size allows");
    expect((await runCli(["small.yaml", "--max-file-size", "1KB", "-f", "unix"], { cwd: dir })).stdout).toContain("[invalid-value]");
    expect(await runCli(["small.yaml", "--max-file-size", "lots"], { cwd: dir })).toMatchObject({
      code: 2,
      stdout: "",
      stderr: 'connlint: --max-file-size takes a size such as 32MB, 512KB or a number of bytes, got "lots"\n',
    });
  });

  it("--stdin honours the limit too", async () => {
    const run = await runCli(["--stdin", "--max-file-size", "8", "-f", "unix"], { cwd: dir, stdin: CANARY });
    // Standard input has no size to tell: it is read up to the limit, as a pipe named on the command line is.
    expect(run.stdout).toBe("stdin.yaml:1:1: error: the input is larger than the 8 bytes that --max-file-size allows; connlint skipped it (raise --max-file-size to lint it) [read-error]\n");
  });

  it("a 1 MB single line", async () => {
    const lines = await lintOne("long-line.yaml", `{record_type: ip_connection, connection_name: "${"a".repeat(1024 * 1024)}", transport_protocol: udp}\n`);
    expect(lines).toEqual(["long-line.yaml:1:1048647: error: `transport_protocol` must be one of UDP, TCP, TLS; got the string `udp` (did you mean `UDP`?) [invalid-value]"]);
  });
});

describe("bytes and encodings", () => {
  const ERROR_AT_3_21 = (name: string) => `${name}:3:21: error: \`transport_protocol\` must be one of UDP, TCP, TLS; got the string \`udp\` (did you mean \`UDP\`?) [invalid-value]`;
  const TEXT = "# é 😀\nrecord_type: ip_connection\ntransport_protocol: udp\n";

  it("NUL bytes and other binary content are a read-error", async () => {
    expect(await lintOne("binary.yaml", new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00]))).toEqual(["binary.yaml:1:1: error: the file holds NUL bytes: it is binary, not YAML or JSON text [read-error]"]);
  });

  it("invalid UTF-8 is a read-error", async () => {
    expect(await lintOne("latin1.yaml", Buffer.from("record_type: ip_connection\nconnection_name: caf\xe9\n", "latin1"))).toEqual(["latin1.yaml:1:1: error: the file is not valid UTF-8 text [read-error]"]);
  });

  it("UTF-16 LE and BE with a BOM are decoded and linted at the right places", async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, "utf16le")]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(TEXT, "utf16le").swap16()]);
    expect(await lintOne("utf16le.yaml", le)).toEqual([ERROR_AT_3_21("utf16le.yaml")]);
    expect(await lintOne("utf16be.yaml", be)).toEqual([ERROR_AT_3_21("utf16be.yaml")]);
  });

  it("UTF-16 with an odd number of bytes is a read-error", async () => {
    expect(await lintOne("odd.yaml", Buffer.from([0xff, 0xfe, 0x61, 0x00, 0x62]))).toEqual(["odd.yaml:1:1: error: the file is not valid UTF-16LE text [read-error]"]);
  });

  it("a UTF-8 BOM is not a column", async () => {
    expect(await lintOne("bom.yaml", `\uFEFF${TEXT}`)).toEqual([ERROR_AT_3_21("bom.yaml")]);
  });

  it("columns count UTF-16 code units, as editors do", async () => {
    expect(await lintOne("emoji.yaml", 'record_type: ip_connection\nconnection_name: "😀"\ntransport_protocol: udp\nanchorsite_override: 😀x\n')).toEqual([
      "emoji.yaml:3:21: error: `transport_protocol` must be one of UDP, TCP, TLS; got the string `udp` (did you mean `UDP`?) [invalid-value]",
      expect.stringMatching(/^emoji\.yaml:4:22: error: `anchorsite_override` must be one of/),
    ]);
  });

  it("CRLF, LF and a lone CR end lines as an editor shows them", async () => {
    expect(await lintOne("crlf.yaml", TEXT.replace(/\n/g, "\r\n"))).toEqual([ERROR_AT_3_21("crlf.yaml")]);
    expect(await lintOne("cr.yaml", TEXT.replace(/\n/g, "\r"))).toEqual([ERROR_AT_3_21("cr.yaml")]);
    expect(await lintOne("mixed.yaml", "# a\rrecord_type: ip_connection\r\ntransport_protocol: udp\n")).toEqual([ERROR_AT_3_21("mixed.yaml")]);
    expect(await lintOne("cr.json", '{\r"record_type": "ip_connection",\r"transport_protocol": "udp"}')).toEqual([
      "cr.json:3:23: error: `transport_protocol` must be one of UDP, TCP, TLS; got the string `udp` (did you mean `UDP`?) [invalid-value]",
    ]);
  });

  it("a lone CR inside a quoted value folds like any line break", () => {
    const { diagnostics } = lintText('record_type: ip_connection\rconnection_name: "a\r  b"\rtransport_protocol: udp\r', { filePath: "x.yaml" });
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual(["4:21 invalid-value"]);
  });
});

describe("keys that name Object.prototype's members", () => {
  const KEYS = ["__proto__", "constructor", "prototype"];

  it("are unknown keys at every level, and pollute nothing", async () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const block = (indent: string) => KEYS.map((key) => `${indent}${key}: {polluted: true, toString: 1}\n`).join("");
    write("proto.yaml", `record_type: ip_connection\n${block("")}inbound:\n${block("  ")}outbound:\n${block("  ")}rtcp_settings:\n${block("  ")}`);
    write("proto.json", JSON.stringify({ record_type: "credential_connection", user_name: "desk0001", connection_name: "desk", password: "${DESK_PASSWORD}", __proto__x: 1, inbound: Object.fromEntries(KEYS.map((key) => [key, { polluted: true }])) }).replace("__proto__x", "__proto__"));
    const run = await runCli(["proto.yaml", "proto.json", "-f", "json"], { cwd: dir });
    const [json, yaml] = JSON.parse(run.stdout) as { messages: { ruleId: string; path: string; message: string }[] }[];
    expect(yaml!.messages.map((m) => `${m.ruleId} ${m.path}`)).toEqual(
      ["", "/inbound", "/outbound", "/rtcp_settings"].flatMap((parent) => KEYS.map((key) => `unknown-key ${parent}/${key}`)),
    );
    expect(yaml!.messages[0]!.message).toBe("unknown key `__proto__`: the API does not know it");
    expect(json!.messages.map((m) => `${m.ruleId} ${m.path}`)).toEqual(["unknown-key /__proto__", ...KEYS.map((key) => `unknown-key /inbound/${key}`)]);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("custom tags, merge keys and anchors", () => {
  it("a custom tag is never run, and is reported at the tag", async () => {
    const text = [
      "record_type: ip_connection",
      'connection_name: !!js/function "function () { globalThis.connlintPwned = true }"',
      "webhook_event_url: !Ref HookUrl",
      "transport_protocol: !!str udp",
      "",
    ].join("\n");
    expect(await lintOne("tags.yaml", text)).toEqual([
      "tags.yaml:2:18: warning: unknown YAML tag `!!js/function`: connlint reads the value as plain YAML and never runs custom tags; remove the tag if the API should get the value as written [unknown-tag]",
      "tags.yaml:3:20: warning: unknown YAML tag `!Ref`: connlint reads the value as plain YAML and never runs custom tags; remove the tag if the API should get the value as written [unknown-tag]",
      "tags.yaml:3:25: error: `webhook_event_url` must be a full URL with a scheme, such as `https://hooks.example.com/telnyx`, got the string `HookUrl`; did you mean `https://…`? [invalid-value]",
      "tags.yaml:4:27: error: `transport_protocol` must be one of UDP, TCP, TLS; got the string `udp` (did you mean `UDP`?) [invalid-value]",
    ]);
    expect((globalThis as Record<string, unknown>).connlintPwned).toBeUndefined();
  });

  it("merge keys and anchors reused across fields: each alias is the latest anchor before it, reported at the alias", async () => {
    const text = [
      "record_type: ip_connection", //                  1
      "connection_name: &v hq", //                      2
      "anchorsite_override: *v", //                     3: hq, not Latency
      "webhook_event_url: &v Latency", //               4
      "outbound:", //                                   5
      "  channel_limit: *v", //                         6: Latency
      "defaults: &defaults {timeout_1xx_secs: 500}", // 7
      "inbound:", //                                    8
      "  <<: *defaults", //                             9
      "",
    ].join("\n");
    const run = await runCli(["anchors.yaml", "-f", "json"], { cwd: dir, ...(write("anchors.yaml", text) && {}) });
    const messages = (JSON.parse(run.stdout) as { messages: { path: string; line: number; column: number; message: string; related?: { line: number; column: number }[] }[] }[])[0]!.messages;
    const at = (path: string) => messages.filter((m) => m.path === path).map((m) => ({ line: m.line, column: m.column, related: m.related?.map((r) => `${r.line}:${r.column}`) }));
    expect(at("/anchorsite_override")).toEqual([{ line: 3, column: 22, related: ["2:21"] }]);
    expect(messages.find((m) => m.path === "/anchorsite_override")!.message).toContain("got the string `hq`");
    expect(at("/outbound/channel_limit")).toEqual([{ line: 6, column: 18, related: ["4:23"] }]);
    expect(messages.find((m) => m.path === "/outbound/channel_limit")!.message).toContain("got the string `Latency`");
    expect(at("/inbound/timeout_1xx_secs")).toEqual([{ line: 9, column: 3, related: ["7:40"] }]);
  });
});

describe("paths that are not plain files", () => {
  it("a directory named x.yaml, a broken link, a loop of links, spaces and non-ASCII names", async () => {
    mkdirSync(join(dir, "folder.yaml"));
    symlinkSync("nowhere.yaml", join(dir, "broken.yaml"));
    symlinkSync("loop-b.yaml", join(dir, "loop-a.yaml"));
    symlinkSync("loop-a.yaml", join(dir, "loop-b.yaml"));
    write("with space/ünïcødé 日本.yaml", CANARY);
    const { code, lines } = await lint(["folder.yaml", "broken.yaml", "loop-a.yaml", "with space/ünïcødé 日本.yaml"]);
    expect(code).toBe(1);
    expect(lines).toEqual([
      "broken.yaml:1:1: error: the file does not exist (a broken symbolic link, or deleted while connlint ran) [read-error]",
      "folder.yaml:1:1: error: this is a directory, not a file [read-error]",
      "loop-a.yaml:1:1: error: a loop of symbolic links [read-error]",
      "with space/ünïcødé 日本.yaml:2:21: error: `transport_protocol` must be one of UDP, TCP, TLS; got the string `udp` (did you mean `UDP`?) [invalid-value]",
    ]);
  });

  it("expanding a directory reports broken links, lists each file once, and does not loop through a link to a parent", async () => {
    write("conns/a.yaml", CANARY);
    symlinkSync("nowhere.yaml", join(dir, "conns/broken.yaml"));
    symlinkSync("a.yaml", join(dir, "conns/link-to-a.yaml"));
    symlinkSync("..", join(dir, "conns/up"));
    symlinkSync("..", join(dir, "conns/up-again"));
    const run = await runCli(["conns", "-f", "unix"], { cwd: dir });
    expect(run.stdout.split("\n").filter(Boolean).map((line) => line.split(":")[0])).toEqual(["conns/a.yaml", "conns/broken.yaml", "conns/link-to-a.yaml"]);
  });
});
