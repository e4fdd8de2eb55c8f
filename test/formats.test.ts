// Every format tells the same story: the same problems, in the same order, as the json report; CI formats speak from the repository's root.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { repositoryRoot } from "../src/config/index.js";
import { relativePath } from "../src/format/types.js";
import { runCli } from "./support/cli.js";
import { ROOT } from "./support/shared.js";

/** One problem as every format can say it. */
interface Problem {
  path: string;
  line: number;
  column: number;
  severity: string;
  ruleId: string;
  message: string;
}

const SEVERITIES = ["info", "warning", "error"];

const PARSERS: Record<string, (output: string) => Problem[]> = {
  json(output) {
    const files = JSON.parse(output) as { filePath: string; messages: { line: number; column: number; severity: number; ruleId: string; message: string }[] }[];
    return files.flatMap(({ filePath, messages }) =>
      messages.map((m) => ({ path: relative(ROOT, filePath), line: m.line, column: m.column, severity: SEVERITIES[m.severity]!, ruleId: m.ruleId, message: m.message })),
    );
  },
  unix(output) {
    return lines(output).map((line) => {
      const [, path, lineNumber, column, severity, message, ruleId] = /^(.*?):(\d+):(\d+): (error|warning|info): (.*) \[(\S+)\]$/.exec(line)!;
      return { path: path!, line: Number(lineNumber), column: Number(column), severity: severity!, ruleId: ruleId!, message: message! };
    });
  },
  stylish(output) {
    const problems: Problem[] = [];
    let path = "";
    for (const line of lines(output)) {
      const row = /^ {2}(\d+):(\d+)\s+(error|warning|info)\s+(\S.*?)\s{2}(\S+)$/.exec(line);
      if (row) problems.push({ path, line: Number(row[1]), column: Number(row[2]), severity: row[3]!, message: row[4]!, ruleId: row[5]! });
      else if (!line.startsWith("\u2716")) path = line;
    }
    return problems;
  },
  sarif(output) {
    const log = JSON.parse(output) as SarifLog;
    const levels: Record<string, string> = { error: "error", warning: "warning", note: "info" };
    return log.runs[0]!.results.map((result) => {
      const { artifactLocation, region } = result.locations[0]!.physicalLocation;
      return { path: decodeURI(artifactLocation.uri), line: region.startLine, column: region.startColumn, severity: levels[result.level]!, ruleId: result.ruleId, message: result.message.text };
    });
  },
  github(output) {
    return lines(output)
      .filter((line) => line.startsWith("::"))
      .map((line) => {
        const [, command, properties, data] = /^::(error|warning|notice) (.*?)::(.*)$/.exec(line)!;
        const property = Object.fromEntries(properties!.split(",").map((pair) => pair.split("=").map(unescapeCommand) as [string, string]));
        return { path: property.file!, line: Number(property.line), column: Number(property.col), severity: command === "notice" ? "info" : command!, ruleId: property.title!, message: unescapeCommand(data!) };
      });
  },
  junit(output) {
    const problems: Problem[] = [];
    for (const [, name, classname] of output.matchAll(/<testcase name="([^"]*)" classname="([^"]*)"/g)) {
      if (name === "no problems") continue;
      const [, lineNumber, column, severity, message, ruleId] = /^(\d+):(\d+) (error|warning|info): (.*) \[(\S+)\]$/.exec(unescapeXml(name!))!;
      problems.push({ path: unescapeXml(classname!), line: Number(lineNumber), column: Number(column), severity: severity!, ruleId: ruleId!, message: message! });
    }
    return problems;
  },
};

interface SarifLog {
  runs: { results: { ruleId: string; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[] }[];
}

const lines = (text: string) => text.split("\n").filter(Boolean);
const unescapeCommand = (text: string) => text.replace(/%(25|0D|0A|3A|2C)/g, (_, code: string) => String.fromCharCode(parseInt(code, 16)));
const unescapeXml = (text: string) =>
  text.replace(/&(lt|gt|quot|amp|#\d+);/g, (_, entity: string) => ({ lt: "<", gt: ">", quot: '"', amp: "&" })[entity] ?? String.fromCharCode(Number(entity.slice(1))));

const errorsFirst = (problems: Problem[]) => ["error", "warning", "info"].flatMap((severity) => problems.filter((p) => p.severity === severity));

describe("every format over the fixtures", async () => {
  const run = (format: string) => runCli(["fixtures", "--format", format, "--no-color"], { cwd: ROOT });
  const expected = PARSERS.json!((await run("json")).stdout);

  it("the fixtures give a report worth comparing", () => {
    expect(new Set(expected.map((p) => p.severity))).toEqual(new Set(["error", "warning", "info"]));
    expect(new Set(expected.map((p) => p.path)).size).toBeGreaterThan(10);
  });

  for (const format of ["unix", "stylish", "sarif", "junit", "github"]) {
    it(`${format} reports the same problems as json, ${format === "github" ? "errors first" : "in the same order"}`, async () => {
      const { code, stdout } = await run(format);
      expect(code).toBe(1);
      expect(PARSERS[format]!(stdout)).toEqual(format === "github" ? errorsFirst(expected) : expected);
    });
  }
});

describe("paths in CI formats", () => {
  const BAD = "record_type: ip_connection\ninbound:\n  timeout_1xx_secs: 121\n";

  it("are relative to the repository's root (the folder with .git), while people's formats follow the working directory", async () => {
    const repo = mkdtempSync(join(tmpdir(), "connlint-root-"));
    mkdirSync(join(repo, ".git"));
    mkdirSync(join(repo, "telephony", "trunks"), { recursive: true });
    writeFileSync(join(repo, "telephony", "trunks", "hq one.yaml"), BAD);
    const cwd = join(repo, "telephony");
    const problem = { line: 3, column: 21, severity: "error", ruleId: "invalid-value" };
    for (const format of ["sarif", "github", "junit"]) {
      const [found] = PARSERS[format]!((await runCli(["trunks", "-f", format], { cwd })).stdout);
      expect(found, format).toMatchObject({ path: "telephony/trunks/hq one.yaml", ...problem });
    }
    for (const format of ["unix", "stylish"]) {
      const [found] = PARSERS[format]!((await runCli(["trunks", "-f", format, "--no-color"], { cwd })).stdout);
      expect(found, format).toMatchObject({ path: "trunks/hq one.yaml", ...problem });
    }
    expect((await runCli(["trunks", "-f", "sarif"], { cwd })).stdout).toContain('"uri": "telephony/trunks/hq%20one.yaml"');
  });

  it("fall back to the working directory outside a repository", async () => {
    const dir = mkdtempSync(join(tmpdir(), "connlint-norepo-"));
    writeFileSync(join(dir, "bad.yaml"), BAD);
    const { stdout } = await runCli(["bad.yaml", "-f", "github"], { cwd: dir });
    // Where the temporary folder itself lies inside a repository, that repository's root is the right base.
    const base = repositoryRoot(dir) ?? dir;
    expect(base === dir || existsSync(join(base, ".git"))).toBe(true);
    expect(stdout).toMatch(new RegExp(`^::error file=${escapeRegExp(relative(base, join(dir, "bad.yaml")))},line=3,`));
  });
});

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("the paths reports show", () => {
  // Segments that make paths plain and paths that only path.relative() can take apart.
  const segment = fc.constantFrom("", ".", "..", "a", "b", "conn.yaml", "a.b", "..a", ".hidden");
  const path = fc.array(segment, { maxLength: 5 }).chain((segments) => fc.constantFrom(segments.join("/"), `/${segments.join("/")}`));

  it("are what path.relative() gives, for any two paths", () => {
    fc.assert(
      fc.property(path, path, (from, tail) => {
        for (const to of [tail, `${from}/${tail}`, `${from}${tail}`]) expect(relativePath(from, to)).toBe(relative(from, to));
      }),
      { numRuns: 5000 },
    );
  });
});
