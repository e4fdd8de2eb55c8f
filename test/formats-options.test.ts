// The reporting options as a CI job or a person at a terminal meets them.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { PROGRESS_MIN_FILES } from "../src/cli/progress.js";
import { runCli } from "./support/cli.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "connlint-options-"));
});
const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
const run = (argv: string[], extra: Partial<Parameters<typeof runCli>[1]> = {}) => runCli(argv, { cwd: dir, ...extra });

const GOOD = "record_type: ip_connection\nconnection_name: good\n";
const BAD = "record_type: ip_connection\ninbound:\n  timeout_1xx_secs: 121\n";
const INFERRED = "connection_name: inferred\ntransport_protocol: UDP\n";

describe("--output-file", () => {
  it("writes the report to the file and a one-line summary to the terminal", async () => {
    write("bad.yaml", BAD);
    write("inferred.yaml", INFERRED);
    const result = await run([".", "-f", "sarif", "-o", "connlint.sarif"]);
    expect(result).toEqual({ code: 1, stdout: "connlint: 2 problems (1 error, 1 warning) in 2 files; report written to connlint.sarif\n", stderr: "" });
    expect(JSON.parse(readFileSync(join(dir, "connlint.sarif"), "utf8")).runs[0].results).toHaveLength(2);
  });

  it("says so when there is nothing to report", async () => {
    write("good.yaml", GOOD);
    expect(await run(["good.yaml", "-f", "junit", "--output-file", "junit.xml"])).toEqual({ code: 0, stdout: "connlint: no problems in 1 file; report written to junit.xml\n", stderr: "" });
    expect(readFileSync(join(dir, "junit.xml"), "utf8")).toContain('<testcase name="no problems" classname="good.yaml" time="0"/>');
  });

  it("makes the folders it is to be written in, as ESLint does", async () => {
    write("bad.yaml", BAD);
    expect(await run(["bad.yaml", "-f", "unix", "-o", "reports/lint/connlint.txt"])).toMatchObject({ code: 1, stderr: "" });
    expect(readFileSync(join(dir, "reports", "lint", "connlint.txt"), "utf8")).toContain("bad.yaml:3:21: error:");
  });

  it("is a usage failure (exit 2) when the file can't be written", async () => {
    write("good.yaml", GOOD);
    expect(await run(["good.yaml", "-o", "good.yaml/report.txt"])).toEqual({ code: 2, stdout: "", stderr: "connlint: can't write the report to good.yaml/report.txt: ENOTDIR\n" });
  });
});

describe("--max-warnings and --quiet", () => {
  it("fails past the limit and says why on stderr", async () => {
    write("inferred.yaml", INFERRED);
    expect(await run(["inferred.yaml", "--max-warnings", "0", "-f", "unix"])).toMatchObject({ code: 1, stderr: "connlint: 1 warning, more than --max-warnings 0 allows\n" });
    expect(await run(["inferred.yaml", "--max-warnings", "1", "-f", "unix"])).toMatchObject({ code: 0, stderr: "" });
  });

  it("--quiet hides warnings from the report, but they still count for --max-warnings, as in ESLint", async () => {
    write("inferred.yaml", INFERRED);
    expect(await run(["inferred.yaml", "--quiet", "-f", "unix"])).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(await run(["inferred.yaml", "--quiet", "--max-warnings", "0", "-f", "unix"])).toEqual({ code: 1, stdout: "", stderr: "connlint: 1 warning, more than --max-warnings 0 allows\n" });
  });
});

describe("--stdin", () => {
  it("reports under --stdin-filename in every format", async () => {
    const result = await run(["--stdin", "--stdin-filename", "conns/hq.yaml", "-f", "github"], { stdin: BAD });
    expect(result.stdout).toMatch(/^::error file=conns\/hq\.yaml,line=3,/);
  });

  it("--stdin-filename without --stdin is a usage failure", async () => {
    expect(await run(["--stdin-filename", "x.yaml"])).toEqual({ code: 2, stdout: "", stderr: "connlint: --stdin-filename names standard input: use it with --stdin\n" });
  });
});

describe("colours", () => {
  it("follow the terminal, NO_COLOR, FORCE_COLOR (0 and false turn them off) and --no-color", async () => {
    write("bad.yaml", BAD);
    const coloured = async (extra: Partial<Parameters<typeof runCli>[1]>, argv: string[] = []) => (await run(["bad.yaml", ...argv], extra)).stdout.includes("\u001b[");
    expect(await coloured({ isTTY: true })).toBe(true);
    expect(await coloured({ isTTY: false })).toBe(false);
    expect(await coloured({ isTTY: false, env: { FORCE_COLOR: "1" } })).toBe(true);
    expect(await coloured({ isTTY: true, env: { FORCE_COLOR: "false" } })).toBe(false);
    expect(await coloured({ isTTY: true, env: { FORCE_COLOR: "0" } })).toBe(false);
    expect(await coloured({ isTTY: true, env: { NO_COLOR: "1" } })).toBe(false);
    expect(await coloured({ isTTY: true }, ["--no-color"])).toBe(false);
    expect(await coloured({ isTTY: true }, ["-o", "report.txt"])).toBe(false);
    expect(readFileSync(join(dir, "report.txt"), "utf8")).not.toContain("\u001b[");
  });
});

describe("--no-error-on-unmatched-pattern", () => {
  it("turns a pattern that matches nothing from exit 2 into an empty, clean run", async () => {
    expect((await run(["connections/**/*.yaml"])).code).toBe(2);
    expect(await run(["connections/**/*.yaml", "--no-error-on-unmatched-pattern"])).toEqual({ code: 0, stdout: "", stderr: "" });
  });
});

describe("progress on stderr", () => {
  const many = PROGRESS_MIN_FILES + 20;
  beforeEach(() => {
    for (let i = 0; i < many; i++) write(`conn-${i}.yaml`, GOOD.replace(/connection_name: .*/, `connection_name: conn-${i}`));
  });

  it("shows for a long run on a terminal, and is erased at the end", async () => {
    const { code, stdout, stderr } = await run(["."], { isTTY: true });
    expect({ code, stdout }).toEqual({ code: 0, stdout: "" });
    expect(stderr).toContain(`\rconnlint: ${many}/${many} files (100%)`);
    expect(stderr.endsWith("\r\u001b[2K")).toBe(true);
  });

  it("never shows in CI, when stderr is not a terminal, or for a short run", async () => {
    expect((await run(["."], { isTTY: true, env: { CI: "true" } })).stderr).toBe("");
    expect((await run(["."], { isTTY: false })).stderr).toBe("");
    expect((await run(["conn-1.yaml", "conn-2.yaml"], { isTTY: true })).stderr).toBe("");
  });
});
