// The github format: workflow commands escaped as GitHub parses them, errors first, the annotation limit, the step summary.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { escapeData } from "../src/format/github.js";
import { runCli } from "./support/cli.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "connlint-github-"));
});
const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
const run = (argv: string[], env: Record<string, string> = {}) => runCli([...argv, "-f", "github"], { cwd: dir, env });

const badTimeout = (value: number) => `record_type: ip_connection\ninbound:\n  timeout_1xx_secs: ${value}\n`;
const INFERRED = "connection_name: inferred\ntransport_protocol: UDP\n";

describe("github: workflow commands", () => {
  it("gives file, lines, columns and the rule as title; errors before warnings", async () => {
    write("a-warning.yaml", INFERRED);
    write("b-error.yaml", badTimeout(121));
    const { code, stdout } = await run(["a-warning.yaml", "b-error.yaml"]);
    expect(code).toBe(1);
    expect(stdout).toBe(
      [
        "::error file=b-error.yaml,line=3,endLine=3,col=21,endColumn=24,title=invalid-value::`inbound.timeout_1xx_secs` must be between 1 and 120, got 121",
        "::warning file=a-warning.yaml,line=1,endLine=1,col=1,endColumn=26,title=kind-inferred::no `record_type`: read as an IP connection because it sets `transport_protocol`; add `record_type: ip_connection` to say so",
        "",
      ].join("\n"),
    );
  });

  it("escapes `%` in the message, and `:`, `,` and `%` in properties", async () => {
    write("50%,odd:name.yaml", "record_type: ip_connection\ntransport_protocol: '50%'\n");
    const { stdout } = await run(["50%,odd:name.yaml"]);
    expect(stdout).toBe("::error file=50%25%2Codd%3Aname.yaml,line=2,endLine=2,col=21,endColumn=26,title=invalid-value::`transport_protocol` must be one of UDP, TCP, TLS; got the string `50%25`\n");
  });

  it("escapes line breaks in data so that one problem stays one command", () => {
    expect(escapeData("100%\r\nnext")).toBe("100%25%0D%0Anext");
  });

  it("leaves out the columns of a problem that spans lines, as GitHub asks", async () => {
    write("empty-inbound.yaml", "record_type: ip_connection\ninbound:\n  - not\n  - a mapping\n");
    const { stdout } = await run(["empty-inbound.yaml"]);
    expect(stdout).toMatch(/^::error file=empty-inbound\.yaml,line=3,endLine=5,title=invalid-value::/);
  });
});

describe("github: GitHub's limit of 10 annotations of each kind per step", () => {
  it("prints every problem, errors first, and says how many were beyond the limit", async () => {
    for (let i = 0; i < 12; i++) write(`bad-${String(i).padStart(2, "0")}.yaml`, badTimeout(121 + i));
    for (let i = 0; i < 11; i++) write(`inferred-${String(i).padStart(2, "0")}.yaml`, INFERRED.replace("inferred", `inferred-${i}`));
    const lines = (await run(["."])).stdout.trimEnd().split("\n");
    expect(lines.map((line) => line.slice(0, line.indexOf(" ")))).toEqual([...Array(12).fill("::error"), ...Array(11).fill("::warning"), "connlint:"]);
    expect(lines.at(-1)).toBe("connlint: GitHub shows at most 10 annotations of each kind per step: 2 more errors and 1 more warning were not shown as annotations; every problem is in this log");
  });

  it("adds no closing line within the limit", async () => {
    write("bad.yaml", badTimeout(121));
    expect((await run(["."])).stdout).not.toContain("connlint:");
  });
});

describe("github: the step summary", () => {
  it("appends a table of every problem to $GITHUB_STEP_SUMMARY, with links to the lines", async () => {
    const summary = join(dir, "summary.md");
    writeFileSync(summary, "earlier step\n");
    for (let i = 0; i < 12; i++) write(`bad-${String(i).padStart(2, "0")}.yaml`, badTimeout(121 + i));
    write("pipe #1.yaml", "record_type: ip_connection\ntransport_protocol: 'a|b'\n");
    write("inferred.yaml", INFERRED);
    const env = { GITHUB_STEP_SUMMARY: summary, GITHUB_SERVER_URL: "https://github.com", GITHUB_REPOSITORY: "acme/telephony", GITHUB_SHA: "abc123" };
    await run(["."], env);
    const text = readFileSync(summary, "utf8");
    expect(text.slice(0, text.indexOf("| severity"))).toBe("earlier step\n### connlint\n\n14 problems (13 errors, 1 warning) in 14 files.\n\n");
    const rows = text.split("\n").filter((line) => /^\| (error|warning) /.test(line));
    expect(rows).toHaveLength(14);
    expect(rows[0]).toBe("| error | [bad-00.yaml:3:21](https://github.com/acme/telephony/blob/abc123/bad-00.yaml#L3) | `inbound.timeout_1xx_secs` must be between 1 and 120, got 121 | `invalid-value` |");
    expect(rows).toContain("| error | [pipe #1.yaml:2:21](https://github.com/acme/telephony/blob/abc123/pipe%20%231.yaml#L2) | `transport_protocol` must be one of UDP, TCP, TLS; got the string `a\\|b` | `invalid-value` |");
    expect(rows.at(-1)).toMatch(/^\| warning \| \[inferred\.yaml:1:1\]/);
  });

  it("says when there is nothing to report, and is left alone by other formats", async () => {
    const summary = join(dir, "summary.md");
    write("good.yaml", "record_type: ip_connection\nconnection_name: good\n");
    await run(["good.yaml"], { GITHUB_STEP_SUMMARY: summary });
    expect(readFileSync(summary, "utf8")).toBe("### connlint\n\nNo problems in 1 file.\n\n");
    await runCli(["good.yaml", "-f", "stylish"], { cwd: dir, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(readFileSync(summary, "utf8")).toBe("### connlint\n\nNo problems in 1 file.\n\n");
  });
});
