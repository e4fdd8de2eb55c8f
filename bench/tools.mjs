// The tools the benchmark runs (connlint, node -e 0, ajv-cli, Spectral): their commands, and what each reported as faulty.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { isAbsolute, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
export const BENCH = fileURLToPath(new URL(".", import.meta.url));
export const ROOT = join(BENCH, "..");
const SCHEMAS = join(ROOT, "schemas");
const CONNLINT = join(ROOT, "bin", "connlint.cjs");
const AJV = require.resolve("ajv-cli/dist/index.js");
const SPECTRAL = require.resolve("@stoplight/spectral-cli/dist/index.js");
const KIND_SCHEMAS = { ip: "ip-connection.schema.json", credential: "credential-connection.schema.json" };

/** Quotes a word for sh and for hyperfine's own word splitting (`-N`), which read quotes alike. */
export function quote(word) {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

const node = (script, ...args) => [process.execPath, script, ...args].map(quote).join(" ");
const nodeWithFlags = (flags, script, ...args) => [process.execPath, ...flags, script, ...args].map(quote).join(" ");

/**
 * A command to time: `run` is what hyperfine and the fault check execute (from the corpus root);
 * `shell` says it needs sh (several processes); `found` turns its output into what it reported.
 */
function command(tool, label, run, found, shell = false) {
  return { tool, label, run, found, shell };
}

/** Node's own start, the floor every tool here stands on. */
export function nodeBaseline() {
  return command("node -e 0", "node -e 0", [process.execPath, "-e", "0"].map(quote).join(" "), () => undefined);
}

/** A fresh Node process that lists a folder's files and stats each: the reference beside a second --cache run. */
export function statEveryFile(folder) {
  return command("stat every file", "node: list the files and stat each", node(join(BENCH, "stat-every-file.cjs"), folder), () => undefined);
}

/** connlint over `paths` (files or folders), with the one-problem-a-line format the check reads; `nodeFlags` go to Node. */
export function connlint(paths, extraArgs = [], nodeFlags = []) {
  return command("connlint", "connlint", nodeWithFlags(nodeFlags, CONNLINT, "-f", "unix", ...extraArgs, ...paths), parseConnlint);
}

/** What connlint reported: one entry per problem, from `path:line:column: severity: message [rule]`. */
function parseConnlint(stdout) {
  const problems = [];
  for (const line of stdout.split("\n")) {
    const match = /^(.+?):(\d+):(\d+): (error|warning|info): .* \[([\w-]+)\]$/.exec(line);
    if (match) problems.push({ file: match[1], line: Number(match[2]), severity: match[4], rule: match[5] });
  }
  return { problems };
}

const AJV_OPTIONS = ["--spec=draft7", "--all-errors", "--errors=line", "-c", "ajv-formats", "--strict=false"];

/**
 * ajv-cli with the schema of each kind, one run per kind folder (`-s` takes one schema), as the
 * issue describes it. `--strict=false` because the schemas carry editor keywords ajv does not know;
 * ajv-formats for the `uri` and `uuid` formats connlint checks too. ajv-cli picks its YAML reader
 * (js-yaml) from the `.yaml` extension.
 */
export function ajvPerKind(pattern) {
  const runs = Object.entries(KIND_SCHEMAS).map(([folder, schema]) => ajvRun(join(SCHEMAS, schema), pattern(folder)));
  return command("ajv-cli", "ajv-cli, a run per kind", runs.join("; "), parseAjv, true);
}

/** ajv-cli in one run over both kinds, with connection.schema.json (record_type picks the kind); `nodeFlags` go to Node. */
export function ajvOneRun(pattern, nodeFlags = []) {
  return command("ajv-cli", "ajv-cli, connection.schema.json", ajvRun(join(SCHEMAS, "connection.schema.json"), pattern, nodeFlags), parseAjv);
}

/** ajv-cli on one file, with its kind's schema. */
export function ajvFile(folder, file) {
  return command("ajv-cli", "ajv-cli", ajvRun(join(SCHEMAS, KIND_SCHEMAS[folder]), file), parseAjv);
}

function ajvRun(schema, data, nodeFlags = []) {
  return nodeWithFlags(nodeFlags, AJV, "validate", "-s", schema, "-d", data, ...AJV_OPTIONS);
}

/** ajv-cli prints `FILE valid` on stdout and `FILE invalid` (then the errors) on stderr. */
function parseAjv(stdout, stderr) {
  const verdicts = (text, word) => text.split("\n").filter((line) => line.endsWith(` ${word}`)).map((line) => line.slice(0, -word.length - 1));
  return { valid: verdicts(stdout, "valid"), invalid: verdicts(stderr, "invalid") };
}

/**
 * Writes one Spectral ruleset per kind into `dir`, the kind's schema inlined (Spectral silently
 * ignores a `$ref` to a schema file in a ruleset). The `errorMessage` keywords go: Spectral reads
 * them as ajv-errors templates, and a `${ENV_NAME}` in their text breaks every validation.
 */
export function writeSpectralRulesets(dir) {
  for (const [folder, schema] of Object.entries(KIND_SCHEMAS)) {
    const inlined = withoutKeyword(JSON.parse(readFileSync(join(SCHEMAS, schema), "utf8")), "errorMessage");
    const ruleset = { rules: { [`connlint-${folder}-schema`]: { severity: "error", given: "$", then: { function: "schema", functionOptions: { schema: inlined, dialect: "draft7", allErrors: true } } } } };
    writeFileSync(spectralRuleset(dir, folder), `${JSON.stringify(ruleset, null, 2)}\n`);
  }
}

const spectralRuleset = (dir, folder) => join(dir, `spectral-${folder}.json`);

function withoutKeyword(value, keyword) {
  if (Array.isArray(value)) return value.map((item) => withoutKeyword(item, keyword));
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== keyword).map(([key, item]) => [key, withoutKeyword(item, keyword)]));
}

/** Spectral with the kind's ruleset, one run per kind folder, as with ajv-cli. */
export function spectralPerKind(rulesetDir, pattern) {
  const runs = Object.keys(KIND_SCHEMAS).map((folder) => spectralRun(rulesetDir, folder, pattern(folder)));
  // Spectral ends its report without a newline: the echo keeps the two reports apart.
  return command("spectral", "Spectral, a run per kind", runs.join("; echo; "), parseSpectral(rulesetDir), true);
}

/** Spectral on one file, with its kind's ruleset. */
export function spectralFile(rulesetDir, folder, file) {
  return command("spectral", "Spectral", spectralRun(rulesetDir, folder, file), parseSpectral(rulesetDir));
}

function spectralRun(rulesetDir, folder, files) {
  return node(SPECTRAL, "lint", "-r", spectralRuleset(rulesetDir, folder), "-f", "json", "--quiet", files);
}

/** Spectral's JSON reports: one array per run, each starting a line, each result with its file (`source`) and severity (0 is an error). */
function parseSpectral(cwd) {
  return (stdout) => {
    const results = stdout.split(/^(?=\[)/m).flatMap((chunk) => (chunk.trim() ? JSON.parse(chunk) : []));
    const invalid = new Set(results.filter((result) => result.severity === 0).map((result) => (isAbsolute(result.source) ? relative(cwd, result.source) : result.source)));
    return { invalid: [...invalid] };
  };
}

/** The version of each tool, for the results. */
export function versions() {
  const version = (packageDir) => JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")).version;
  const installed = (name) => join(BENCH, "node_modules", name);
  const ajvOfAjvCli = createRequire(AJV).resolve("ajv").replace(/(\/node_modules\/ajv)\/.*$/, "$1");
  return {
    node: process.version,
    connlint: version(ROOT),
    "ajv-cli": version(installed("ajv-cli")),
    "ajv (ajv-cli's)": version(ajvOfAjvCli),
    "@stoplight/spectral-cli": version(installed("@stoplight/spectral-cli")),
    tinybench: version(installed("tinybench")),
  };
}
