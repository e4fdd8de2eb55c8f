// What `npm run bench` measures, case by case, and the issue's targets computed from it.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { SIZES, writeCorpus } from "./corpus.mjs";
import { checkFaults, hyperfine, peakMemory, report } from "./measure.mjs";
import { profileSummary } from "./profile.mjs";
import { ajvFile, ajvOneRun, ajvPerKind, BENCH, connlint, nodeBaseline, quote, ROOT, spectralFile, spectralPerKind, statEveryFile, writeSpectralRulesets } from "./tools.mjs";

export const CORPUS = join(BENCH, "corpus");

/**
 * How much each mode runs: the full benchmark, or the smoke test CI runs to keep the harness
 * working. The fault-checking run before each timing warms the caches, so the larger cases need
 * no warm-up of their own.
 */
const MODES = {
  full: {
    sizes: SIZES,
    large: 10000,
    medium: 1000,
    spectralUpTo: 1000,
    memoryRuns: 3,
    runs: (size) => (size <= 1 ? { warmup: 3, runs: 20 } : size <= 1000 ? { warmup: 1, runs: 10 } : { warmup: 0, runs: 5 }),
    spectralRuns: (size) => (size <= 1 ? { warmup: 1, runs: 10 } : { warmup: 0, runs: size <= 100 ? 5 : 3 }),
  },
  quick: {
    sizes: [1, 100],
    large: 100,
    medium: undefined,
    spectralUpTo: 100,
    memoryRuns: 1,
    runs: (size) => ({ warmup: 0, runs: size <= 1 ? 3 : 2 }),
    spectralRuns: () => ({ warmup: 0, runs: 1 }),
  },
};

/**
 * Generates the corpora, checks that every tool finds exactly their faults, times each case and
 * returns everything the report needs.
 */
export async function runBenchmark({ quick, log }) {
  const mode = MODES[quick ? "quick" : "full"];
  log(`== corpus (seeded) in ${CORPUS}`);
  const manifest = writeCorpus(CORPUS, { sizes: mode.sizes });
  writeSpectralRulesets(CORPUS);
  writeRepositoryManifest(CORPUS);
  const measured = [];
  const measure = (caseName, size, command, expected, settings) => {
    log(`\n== ${caseName}: ${command.label}`);
    const check = expected ? checkFaults(command, report(command, CORPUS), expected) : { ok: true, summary: "" };
    log(`   ${check.ok ? "ok" : "FAILED"}${check.summary ? `: ${check.summary}` : ""}`);
    const [timing] = hyperfine([command], { cwd: CORPUS, ...settings });
    const entry = { case: caseName, size, tool: command.tool, label: command.label, check, timing };
    measured.push(entry);
    return entry;
  };
  const corpora = Object.fromEntries(mode.sizes.map((size) => [size, manifest.corpora[size]]));
  startUp(measure, corpora, mode);
  for (const size of mode.sizes.filter((size) => size > 1)) manyFiles(measure, corpora[size], mode);
  const multi = corpora[mode.large];
  measure("one multi-document file", mode.large, connlint([multi.paths.multi]), multiExpectation(multi), mode.runs(mode.large));
  const memory = peakMemories(corpora, mode, log);
  const cache = cacheRuns(measure, corpora[mode.large], mode, log);
  log("\n== LSP: lintText after a one-character edit of a 500-line file (tinybench)");
  const lsp = runLsp(corpora[mode.large], quick);
  log(`   median ${lsp.median.toFixed(2)} ms over ${lsp.samples} samples`);
  const profiles = quick ? [] : connlintProfiles(corpora, mode);
  return { mode: quick ? "quick" : "full", sizes: mode.sizes, large: mode.large, medium: mode.medium, manifest, measured, memory, cache, lsp, profiles };
}

/** What a run over a corpus's folder of `format` files must report: its faulty files, each with connlint's rule. */
function filesExpectation(corpus, format) {
  return { files: corpus.size, faults: corpus.faults.map((fault) => ({ file: `${corpus.paths[format]}/${fault.files[format]}`, rule: fault.rule })) };
}

/** What connlint must report on the multi-document file: one problem inside each faulty document. */
function multiExpectation(corpus) {
  return { multi: true, faults: corpus.faults.map((fault) => ({ lines: fault.multiLines, rule: fault.rule })) };
}

/** One file, cold: Node's own start, connlint on a valid file and on a file with an error, and the peers on the valid file. */
function startUp(measure, corpora, mode) {
  const valid = `${corpora[1].paths.yaml}/ip/trunk-00000.yaml`;
  const fault = corpora[100].faults[0];
  const faulty = `${corpora[100].paths.yaml}/${fault.files.yaml}`;
  const settings = mode.runs(1);
  const none = { files: 1, faults: [] };
  measure("one valid file", 1, nodeBaseline(), undefined, settings);
  measure("one valid file", 1, connlint([valid]), none, settings);
  measure("one file with an error", 1, connlint([faulty]), { files: 1, faults: [{ file: faulty, rule: fault.rule }] }, settings);
  measure("one valid file beside a configuration file", 1, connlint([configuredCopy(valid)]), none, settings);
  measure("one valid file", 1, ajvFile("ip", valid), none, settings);
  measure("one valid file", 1, spectralFile(CORPUS, "ip", valid), none, mode.spectralRuns(1));
}

/**
 * Every tool runs from the corpus folder, as from a repository's root; it holds a package.json, as a repository that
 * installed connlint as a dev dependency does (cosmiconfig reads it for options of its own when a run finds a configuration).
 */
function writeRepositoryManifest(folder) {
  writeFileSync(join(folder, "package.json"), `${JSON.stringify({ name: "telephony-connections", private: true, devDependencies: { connlint: "file:../.." } }, null, 2)}\n`);
}

/**
 * The valid file again, in a folder of its own with a configuration file, as a team keeps its connections: the run
 * then finds, reads and checks the configuration too.
 */
function configuredCopy(valid) {
  const folder = join(CORPUS, "configured-1");
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, ".connlintrc.yaml"), "rules:\n  no-plaintext-secret: error\n  webhook-url-https: error\n");
  const copy = join(folder, basename(valid));
  copyFileSync(join(CORPUS, valid), copy);
  return relative(CORPUS, copy);
}

/** A folder of files: connlint against ajv-cli (both ways) and, up to its limit, Spectral; YAML, and JSON at the largest size. */
function manyFiles(measure, corpus, mode) {
  const { size, paths } = corpus;
  const name = `${size.toLocaleString("en")} files`;
  const settings = mode.runs(size);
  const yaml = filesExpectation(corpus, "yaml");
  measure(name, size, connlint([paths.yaml]), yaml, settings);
  // Where worker threads pay off, if anywhere on this machine: the same files on two threads.
  if (size >= 1000) measure(`${name}, on two threads`, size, { ...connlint([paths.yaml], ["--concurrency", "2"]), label: "connlint --concurrency 2" }, yaml, settings);
  measure(name, size, ajvPerKind((folder) => `${paths.yaml}/${folder}/*.yaml`), yaml, settings);
  measure(name, size, ajvOneRun(`${paths.yaml}/*/*.yaml`), yaml, settings);
  if (size <= mode.spectralUpTo) measure(name, size, spectralPerKind(CORPUS, (folder) => `${paths.yaml}/${folder}/*.yaml`), yaml, mode.spectralRuns(size));
  if (size !== mode.large) return;
  // What the README's advice for two cores gives, to both tools alike: Node started with one V8 helper thread.
  const oneHelper = ["--v8-pool-size=1"];
  measure(`${name}, one V8 helper thread`, size, { ...connlint([paths.yaml], [], oneHelper), label: "connlint, node --v8-pool-size=1" }, yaml, settings);
  measure(`${name}, one V8 helper thread`, size, { ...ajvOneRun(`${paths.yaml}/*/*.yaml`, oneHelper), label: "ajv-cli, node --v8-pool-size=1" }, yaml, settings);
  const json = filesExpectation(corpus, "json");
  measure(`${name}, JSON`, size, connlint([paths.json]), json, settings);
  measure(`${name}, JSON`, size, ajvOneRun(`${paths.json}/*/*.json`), json, settings);
}

/** Peak RSS of connlint and ajv-cli over the medium and large folders. */
function peakMemories(corpora, mode, log) {
  const results = [];
  for (const size of [mode.medium, mode.large].filter(Boolean)) {
    const { paths } = corpora[size];
    for (const command of [connlint([paths.yaml]), ajvPerKind((folder) => `${paths.yaml}/${folder}/*.yaml`), ajvOneRun(`${paths.yaml}/*/*.yaml`)]) {
      log(`\n== peak memory, ${size.toLocaleString("en")} files: ${command.label}`);
      const peak = peakMemory(command, { cwd: CORPUS, runs: mode.memoryRuns });
      log(`   ${(peak.bytes / 2 ** 20).toFixed(1)} MiB (highest of ${peak.runs.length})`);
      results.push({ size, tool: command.tool, label: command.label, ...peak });
    }
  }
  return results;
}

/** Whether connlint has `--cache` yet: its help lists every option. */
function hasCacheOption() {
  const help = spawnSync(process.execPath, [join(ROOT, "bin", "connlint.cjs"), "--help"], { encoding: "utf8" });
  return /--cache\b/.test(help.stdout);
}

/**
 * A run with an empty cache, then runs over the same unchanged files with the cache it left; and, beside them, what a
 * cache that trusts the files' stamps (as ESLint's does, and connlint's) can't do without: a fresh Node process that
 * only lists and stats the same files.
 */
function cacheRuns(measure, corpus, mode, log) {
  if (!hasCacheOption()) {
    log("\n== --cache: not available (connlint --help does not list it)");
    return { available: false };
  }
  const location = join(CORPUS, ".bench-cache");
  const args = ["--cache", "--cache-location", location];
  const expected = filesExpectation(corpus, "yaml");
  const settings = mode.runs(corpus.size);
  const cold = measure("--cache, empty cache", corpus.size, { ...connlint([corpus.paths.yaml], args), label: "connlint --cache (empty cache)" }, expected, { ...settings, prepare: `rm -rf ${quote(location)}` });
  const warm = measure("--cache, unchanged files", corpus.size, { ...connlint([corpus.paths.yaml], args), label: "connlint --cache (second run)" }, expected, { ...settings, warmup: Math.max(1, settings.warmup) });
  const statsAlone = measure("--cache, unchanged files", corpus.size, statEveryFile(corpus.paths.yaml), undefined, settings);
  return { available: true, cold, warm, statsAlone };
}

function runLsp(corpus, quick) {
  const result = spawnSync(process.execPath, [join(BENCH, "lsp.mjs"), join(CORPUS, corpus.paths.multi), ...(quick ? ["--quick"] : [])], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`bench/lsp.mjs failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

/**
 * Where connlint's own time goes, from one --cpu-prof run on one valid file, on 1,000 files, and in a second --cache
 * run over the largest folder (the cache filled by a run before it).
 */
function connlintProfiles(corpora, mode) {
  const large = corpora[mode.large];
  const cache = ["--cache", "--cache-location", join(CORPUS, ".profile-cache")];
  return [
    { title: "one valid file", ...profileSummary([`${corpora[1].paths.yaml}/ip/trunk-00000.yaml`], CORPUS) },
    { title: "1,000 files", ...profileSummary([corpora[1000].paths.yaml], CORPUS) },
    { title: `a second --cache run over ${large.size.toLocaleString("en")} unchanged files`, ...profileSummary([large.paths.yaml], CORPUS, { args: cache, fillCacheFirst: true }) },
  ];
}
