// One run of the real binary, as installed: the built CLI on the bundled examples.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./support/shared.js";
import { describeWithTool } from "./support/tools.js";

it("bin/connlint.cjs lints the bundled examples and exits 1", () => {
  const result = spawnSync(process.execPath, [join(ROOT, "bin", "connlint.cjs"), "fixtures/examples", "--format", "unix"], { cwd: ROOT, encoding: "utf8" });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(1);
  expect(result.stdout).toContain("fixtures/examples/softphones.yaml:16:21: error: `inbound.timeout_1xx_secs` must be between 1 and 120, got 180 [invalid-value]");
  expect(result.stdout).not.toContain("hq-trunk.yaml");
});

it("starts from the code cache the build recorded for this Node, and never from one of another build", () => {
  const probe = (script: string) => spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" });
  const used = probe(`console.log(require("./bin/connlint.cjs").loadBundle().cacheUsed)`);
  expect(used.stderr).toBe("");
  expect(used.stdout.trim()).toBe("true");
  // The cache is found by the build's id, written into the bundle: a bundle built again never meets an older cache.
  const bundle = readFileSync(join(ROOT, "dist", "bundle", "connlint.cjs"), "utf8");
  const buildId = /^\/\/ connlint build (\S+)/m.exec(bundle)?.[1];
  // One for the bundle, and one for each part the build's run over the examples loaded.
  const recorded = ["connlint", "credential_connection_create", "ip_connection_create", "yaml"].map((name) => `code-cache-${buildId}-${process.version}-${name}.bin`);
  expect(readdirSync(join(ROOT, "dist", "bundle")).filter((name) => name.startsWith("code-cache-"))).toEqual(recorded);
});

/**
 * Runs the built bundle's main() over `file` (unix format) in a fresh process from `cwd`, and returns its exit code,
 * its output, and what `report` (an expression over `bundle`, from bin/connlint.cjs's loadBundle()) gave after the run.
 * `before` runs first, before the bundle loads.
 */
function runInFreshProcess<Report>(cwd: string, file: string, report: string, before = ""): { code: number; output: string; report: Report } {
  const script = `
    ${before}
    const bundle = require(${JSON.stringify(join(ROOT, "bin", "connlint.cjs"))}).loadBundle();
    const out = { text: "", write(text) { this.text += text; return true; }, isTTY: false };
    bundle.exports.main([${JSON.stringify(file)}, "-f", "unix"], { cwd: process.cwd(), env: {}, stdout: out, stderr: out, stdin: () => [] }).then((code) => {
      console.log(JSON.stringify({ code, output: out.text, report: ${report} }));
    });`;
  const result = spawnSync(process.execPath, ["-e", script], { cwd, encoding: "utf8" });
  expect(result.stderr).toBe("");
  return JSON.parse(result.stdout);
}

describe("the parts the bundle leaves out, each loaded when a run first needs it, with its code cache", () => {
  const partsLoaded = (file: string, cwd = ROOT) => {
    const { code, output, report } = runInFreshProcess<{ name: string; cacheUsed: boolean }[]>(cwd, file, "bundle.parts()");
    return { code, output, parts: report };
  };

  it("a clean IP connection loads its kind's validator and nothing else", () => {
    expect(partsLoaded("fixtures/valid/ip-minimal.yaml")).toEqual({ code: 0, output: "", parts: [{ name: "ip_connection_create", cacheUsed: true }] });
  });

  it("a walk, during which connlint sets V8 flags of its own, loads them with their code cache too", () => {
    // V8 takes a code cache only under the flags it was recorded with: each part is loaded under V8's own.
    const { code, parts } = partsLoaded("fixtures/examples");
    expect(code).toBe(1);
    expect(parts.map(({ name }) => name)).toEqual(expect.arrayContaining(["credential_connection_create", "ip_connection_create"]));
    expect(parts.filter(({ cacheUsed }) => !cacheUsed)).toEqual([]);
  });

  it("a file with anchors and faults loads the yaml library too, to place them", () => {
    const { code, output, parts } = partsLoaded("merged-values.yaml", join(ROOT, "fixtures", "invalid"));
    expect(code).toBe(1);
    expect(output).toBe(readFileSync(join(ROOT, "fixtures", "invalid", "merged-values.yaml.unix"), "utf8"));
    expect(parts).toContainEqual({ name: "yaml", cacheUsed: true });
  });

  it("FQDN connections, updates and API responses, whose validators the build's run never loaded, lint as their fixtures say", () => {
    for (const fixture of ["fixtures/invalid/fqdn.yaml", "fixtures/invalid/updates.yaml", "fixtures/spec-samples/ip-response-sample.json"]) {
      const path = join(ROOT, fixture);
      const result = spawnSync(process.execPath, [join(ROOT, "bin", "connlint.cjs"), "--format", "unix", basename(path)], { cwd: dirname(path), encoding: "utf8" });
      expect(result.stderr).toBe("");
      expect(result.status).toBe(1);
      expect(result.stdout).toBe(readFileSync(`${path}.unix`, "utf8"));
    }
  });
});

it("lints the same without a code cache for this Node, with Node's own compile cache only when NODE_COMPILE_CACHE asks for it", () => {
  // A package built under another Node version: the command and the bundle, without the code cache the build recorded.
  const copy = mkdtempSync(join(tmpdir(), "connlint-other-node-"));
  cpSync(join(ROOT, "bin"), join(copy, "bin"), { recursive: true });
  cpSync(join(ROOT, "dist"), join(copy, "dist"), { recursive: true, filter: (source) => !basename(source).startsWith("code-cache-") });
  for (const kept of ["package.json", "schemas", "docs"]) cpSync(join(ROOT, kept), join(copy, kept), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(copy, "node_modules"));
  const temporary = join(copy, "tmp");
  mkdirSync(temporary);
  const { NODE_COMPILE_CACHE: _, ...env } = process.env;
  const lint = (bin: string, asked: Record<string, string> = {}) =>
    spawnSync(process.execPath, [bin, "fixtures/examples", "--format", "unix"], { cwd: ROOT, encoding: "utf8", env: { ...env, TMPDIR: temporary, ...asked } });
  const expected = lint(join(ROOT, "bin", "connlint.cjs")).stdout;
  const result = lint(join(copy, "bin", "connlint.cjs"));
  expect(result.stderr).toBe("");
  expect(result.status).toBe(1);
  expect(result.stdout).toBe(expected);
  // connlint writes only where it is asked to.
  expect(readdirSync(temporary)).toEqual([]);

  const compileCache = join(copy, "compile-cache");
  expect(lint(join(copy, "bin", "connlint.cjs"), { NODE_COMPILE_CACHE: compileCache }).stdout).toBe(expected);
  // Node 22.1 added the compile cache (and module.enableCompileCache(); the types this project builds with are Node 20's).
  const nodeHasCompileCache = typeof (Module as { enableCompileCache?: unknown }).enableCompileCache === "function";
  console.log(`node ${process.version}: Node's compile cache ${nodeHasCompileCache ? "available" : "not available"}`);
  // The bundle's compiled code is the one large entry: Node took the bundle through its own loader.
  expect(largestFile(compileCache) > 100_000).toBe(nodeHasCompileCache);
});

/** The size of the largest file under a folder; 0 when there is none. */
function largestFile(folder: string): number {
  if (!existsSync(folder)) return 0;
  const sizes = readdirSync(folder, { recursive: true, encoding: "utf8" }).map((name) => statSync(join(folder, name))).filter((stats) => stats.isFile()).map((stats) => stats.size);
  return Math.max(0, ...sizes);
}

describe("the built command reads every kind of configuration file cosmiconfig finds", () => {
  // A password in clear is a warning by default; each configuration turns the rule off.
  const CONNECTION = "record_type: credential_connection\nconnection_name: desk\nuser_name: desk01\npassword: Sup3rSecretPassw0rd\n";
  const OFF = { rules: { "no-plaintext-secret": "off" } };
  const run = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), "connlint-config-"));
    for (const [name, text] of Object.entries({ "desk.yaml": CONNECTION, ...files })) {
      mkdirSync(join(dir, name, ".."), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    return spawnSync(process.execPath, [join(ROOT, "bin", "connlint.cjs"), "desk.yaml", "-f", "unix"], { cwd: dir, encoding: "utf8" });
  };

  it("finds the warning without a configuration", () => {
    expect(run({}).stdout).toContain("[no-plaintext-secret]");
  });

  it.each([
    [".connlintrc", "rules:\n  no-plaintext-secret: off\n"],
    [".connlintrc.json", JSON.stringify(OFF)],
    [".connlintrc.yaml", "rules:\n  no-plaintext-secret: off\n"],
    [".config/connlintrc.yml", "rules:\n  no-plaintext-secret: off\n"],
    ["package.json", JSON.stringify({ name: "telephony", connlint: OFF })],
    [".connlintrc.cjs", `module.exports = ${JSON.stringify(OFF)};`],
    ["connlint.config.js", `module.exports = ${JSON.stringify(OFF)};`],
    ["connlint.config.mjs", `export default ${JSON.stringify(OFF)};`],
    ["connlint.config.ts", `const config: { rules: Record<string, string> } = ${JSON.stringify(OFF)};\nexport default config;`],
  ])("%s", (name, text) => {
    expect(run({ [name]: text })).toMatchObject({ status: 0, stdout: "", stderr: "" });
  });

  it("finds a configuration without loading fs/promises, which Node is slow to load, or starting Node's thread pool", () => {
    const dir = mkdtempSync(join(tmpdir(), "connlint-config-"));
    writeFileSync(join(dir, "desk.yaml"), CONNECTION);
    writeFileSync(join(dir, ".connlintrc.yaml"), "rules:\n  no-plaintext-secret: off\n");
    // The thread pool's threads (four unless UV_THREADPOOL_SIZE says otherwise) start with the first asynchronous
    // file operation; Linux lists a process's threads in /proc/self/task.
    const result = runInFreshProcess(
      dir,
      "desk.yaml",
      `{ loaded: process.moduleLoadList.filter((name) => name.includes("fs/promises")), newThreads: threads() - threadsBefore }`,
      `const threads = () => require("node:fs").readdirSync("/proc/self/task").length; const threadsBefore = threads();`,
    );
    expect(result).toEqual({ code: 0, output: "", report: { loaded: [], newThreads: 0 } });
  });

  it("finds a configuration from a folder with a package.json without loading cosmiconfig's loaders from node_modules", () => {
    // cosmiconfig reads the working directory's package.json for options of its own, with its JSON loader.
    const dir = mkdtempSync(join(tmpdir(), "connlint-config-"));
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "telephony", private: true }));
    writeFileSync(join(dir, "desk.yaml"), CONNECTION);
    writeFileSync(join(dir, ".connlintrc.yaml"), "rules:\n  no-plaintext-secret: off\n");
    const result = runInFreshProcess(dir, "desk.yaml", `Object.keys(require.cache).filter((path) => path.includes("node_modules"))`);
    expect(result).toEqual({ code: 0, output: "", report: [] });
  });

  it("the bundle's stand-in for fs gives cosmiconfig every file-system function its bundled modules call", () => {
    // Its loaders module is not bundled (src/config/cosmiconfig-loaders.cjs requires the real one, with the real fs).
    const dist = join(ROOT, "node_modules", "cosmiconfig", "dist");
    const modules = readdirSync(dist).filter((name) => name.endsWith(".js") && name !== "loaders.js");
    const called = new Set<string>();
    for (const name of modules) {
      const code = readFileSync(join(dist, name), "utf8");
      for (const [, module, via, member] of code.matchAll(/\b(fs_1|promises_1)\.(?:(default|promises)\.)?(\w+)/g)) {
        const promise = module === "promises_1" || via === "promises";
        called.add(promise ? `promises.${member}` : member!);
      }
    }
    const standIn = createRequire(import.meta.url)(join(ROOT, "src", "config", "cosmiconfig-fs.cjs")) as Record<string, unknown> & { promises: Record<string, unknown> };
    const provided = (path: string) => typeof (path.startsWith("promises.") ? standIn.promises[path.slice(9)] : standIn[path]) === "function";
    expect([...called].sort()).toEqual(["promises.readFile", "promises.stat", "readFileSync", "statSync"]);
    expect([...called].filter((path) => !provided(path))).toEqual([]);
  });

  it.each([
    [".connlintrc.json", '{"rules": ', /^connlint: \.connlintrc\.json: not valid JSON: Unexpected end of JSON input[^\n]*\n$/],
    [".connlintrc.yaml", "rules: [oops\n", /^connlint: \.connlintrc\.yaml: not valid YAML: unexpected end of the stream within a flow collection \(2:1\)\n$/],
    [".connlintrc.cjs", "module.exports = {", /^connlint: can't read the configuration in \.: Unexpected end of input\n$/],
    // cosmiconfig reads package.json for options of its own too, as it starts.
    ["package.json", '{"name": "telephony", "connlint": {"rules": {},}}', /^connlint: package\.json: not valid JSON: Expected double-quoted property name in JSON \(1:48\)\n$/],
  ])("a %s that does not parse is one line and exit 2", (name, text, stderr) => {
    const result = run({ [name]: text });
    expect(result).toMatchObject({ status: 2, stdout: "" });
    expect(result.stderr).toMatch(stderr);
  });
});

describeWithTool("the built command colours its report on a terminal only", { command: "script", versionArgs: ["--version"], debianPackage: "bsdutils" }, () => {
  const BIN = join(ROOT, "bin", "connlint.cjs");
  const EXAMPLE = "fixtures/examples/softphones.yaml";
  const RED_ERROR = "\u001b[31merror";
  const { NO_COLOR: _, FORCE_COLOR: __, ...env } = process.env;
  const REPORT = join(mkdtempSync(join(tmpdir(), "connlint-report-")), "report.txt");

  it("on a terminal (script(1) gives it one)", () => {
    const result = spawnSync("script", ["-qec", `"${process.execPath}" "${BIN}" ${EXAMPLE}`, "/dev/null"], { cwd: ROOT, encoding: "utf8", env });
    expect(result.stdout).toContain(RED_ERROR);
  });

  it.each([
    ["a pipe", `"${process.execPath}" "${BIN}" ${EXAMPLE} | cat`],
    ["a file", `"${process.execPath}" "${BIN}" ${EXAMPLE} > "${REPORT}"; cat "${REPORT}"`],
  ])("not to %s", (_, command) => {
    const result = spawnSync("script", ["-qec", command, "/dev/null"], { cwd: ROOT, encoding: "utf8", env });
    expect(result.stdout).not.toContain("\u001b[");
    expect(result.stdout).toContain("invalid-value");
  });
});
