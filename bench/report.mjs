// The benchmark's report: the targets from the measurements, the tables, and RESULTS.md with the machine and the raw timings.
import { execFileSync } from "node:child_process";
import { cpus, loadavg, release, totalmem, type } from "node:os";
import { ajvOneRun, ROOT, versions } from "./tools.mjs";

const MiB = 2 ** 20;
const ms = (seconds) => `${(seconds * 1000).toFixed(seconds < 1 ? 1 : 0)} ms`;
const mib = (bytes) => `${(bytes / MiB).toFixed(1)} MiB`;
const times = (ratio) => `${ratio.toFixed(2)} ×`;
const count = (n) => n.toLocaleString("en");

/** What the report says about the machine and the code measured, read when the run starts. */
export function describeMachine() {
  const git = (...args) => {
    try {
      return execFileSync("git", args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    } catch {
      return undefined;
    }
  };
  const changed = git("status", "--porcelain", "--", ".", ":!bench/RESULTS.md", ":!bench/results-quick.md");
  return {
    cpu: `${cpus()[0]?.model ?? "unknown"}, ${cpus().length} cores`,
    cores: cpus().length,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: `${type()} ${release()}`,
    loadAtStart: loadavg()[0],
    date: new Date().toISOString(),
    commit: `${git("rev-parse", "--short", "HEAD") ?? "unknown"}${changed ? " with uncommitted changes" : ""}`,
    versions: { ...versions(), hyperfine: execFileSync("hyperfine", ["--version"], { encoding: "utf8" }).trim().replace(/^hyperfine /, "") },
  };
}

function finder(results) {
  return {
    timing: (caseName, tool) => results.measured.find((entry) => entry.case === caseName && entry.tool === tool),
    peers: (caseName, tool) => results.measured.filter((entry) => entry.case === caseName && entry.tool === tool),
    memory: (size, tool) => results.memory.filter((entry) => entry.size === size && entry.tool === tool),
  };
}

/** The fastest of a peer's ways of running that found the faults: the comparison is with the peer at its best. */
function best(entries) {
  return entries.filter((entry) => entry.check.ok).sort((a, b) => a.timing.median - b.timing.median)[0];
}

/**
 * Each row of the target table: what connlint measured, the target, what the peers do,
 * and whether the target is met. A ratio counts only where every tool in it found the faults.
 */
export function targets(results) {
  const find = finder(results);
  const large = `${count(results.large)} files`;
  const node = find.timing("one valid file", "node -e 0");
  const rows = [];
  const ratioRow = (name, measured, base, limit, describe, peers = "") => {
    if (!measured || !base) return rows.push({ name, measured: "not measured", target: `≤ ${limit} ×`, peers, met: "n/a" });
    if (!measured.check.ok) return rows.push({ name, measured: `connlint: ${measured.check.summary}`, target: `≤ ${limit} ×`, peers, met: "not met: connlint did not report exactly the corpus's faults" });
    const ratio = measured.timing.median / base.timing.median;
    rows.push({ name, measured: `${times(ratio)} (${ms(measured.timing.median)} ${describe} ${ms(base.timing.median)})`, target: `≤ ${limit} ×`, peers, met: verdict(ratio, limit) });
  };
  const versusNode = (tool) => {
    const peer = best(find.peers("one valid file", tool));
    return peer ? `${peer.label} ${times(peer.timing.median / node.timing.median)}` : `${tool}: no time counts (did not find the faults)`;
  };
  ratioRow("one valid file, cold process", find.timing("one valid file", "connlint"), node, 1.5, "vs node -e 0", [versusNode("ajv-cli"), versusNode("spectral")].join("; "));
  ratioRow("one file with an error, cold process", find.timing("one file with an error", "connlint"), node, 2, "vs node -e 0");
  // Not one of the targets, but the usual pre-commit run: held to the valid file's.
  ratioRow("one valid file beside a configuration file, cold process", find.timing("one valid file beside a configuration file", "connlint"), node, 1.5, "vs node -e 0");
  const ajvLarge = best(find.peers(large, "ajv-cli"));
  const spectralVsAjv = results.medium && spectralRatio(find, `${count(results.medium)} files`);
  ratioRow(`${large} (half IP, half credential, 10 % with a fault)`, find.timing(large, "connlint"), ajvLarge, 0.7, `vs ${ajvLarge?.label ?? "ajv-cli"}`, spectralVsAjv ?? "");
  ratioRow(`the same ${count(results.large)} connections as one multi-document file`, find.timing("one multi-document file", "connlint"), find.timing(large, "connlint"), 1.2, `vs the ${large}`);
  rows.push(...memoryRows(find, results));
  rows.push(cacheRow(results));
  rows.push({ name: `LSP: diagnostics after an edit of a ${results.lsp.lines}-line file (in-process, median)`, measured: `${results.lsp.median.toFixed(1)} ms (${results.lsp.samples} samples)`, target: "≤ 30 ms", peers: "", met: verdict(results.lsp.median, 30) });
  return rows;
}

function spectralRatio(find, caseName) {
  const spectral = best(find.peers(caseName, "spectral"));
  const ajv = best(find.peers(caseName, "ajv-cli"));
  return spectral && ajv ? `Spectral ${times(spectral.timing.median / ajv.timing.median)} ${ajv.label} at ${caseName}` : undefined;
}

function memoryRows(find, results) {
  const [connlint] = find.memory(results.large, "connlint");
  // The peak to compare with is that of the ajv-cli process that holds all the files, as connlint's one process does:
  // a run per kind never has more than half of them in one process. Both are shown.
  const peers = find.memory(results.large, "ajv-cli");
  const ajv = peers.find((entry) => entry.label === ajvOneRun("").label) ?? peers[0];
  const others = peers.filter((entry) => entry !== ajv).map((entry) => `; ${entry.label} (half the files a process): ${mib(entry.bytes)}`);
  const rows = [{ name: `peak memory at ${count(results.large)} files`, measured: mib(connlint.bytes), target: `≤ ajv-cli's peak`, peers: `${ajv.label}: ${mib(ajv.bytes)}${others.join("")}`, met: verdict(connlint.bytes / ajv.bytes, 1) }];
  if (!results.medium) return rows;
  const [smaller] = find.memory(results.medium, "connlint");
  const growth = connlint.bytes / smaller.bytes - 1;
  rows.push({ name: `growth of peak memory from ${count(results.medium)} to ${count(results.large)} files`, measured: `${(growth * 100).toFixed(0)} % (${mib(smaller.bytes)} → ${mib(connlint.bytes)})`, target: "< 20 %", peers: "", met: verdict(growth, 0.2, true) });
  return rows;
}

function cacheRow(results) {
  const name = `a second run with --cache over ${count(results.large)} unchanged files`;
  if (!results.cache.available) return { name, measured: "not available (connlint --help does not list --cache)", target: "≤ 0.25 × the first run", peers: "", met: "n/a" };
  const { cold, warm } = results.cache;
  if (!cold.check.ok || !warm.check.ok) return { name, measured: `${warm.check.summary}`, target: "≤ 0.25 × the first run", peers: "", met: "not met: connlint did not report exactly the corpus's faults" };
  const ratio = warm.timing.median / cold.timing.median;
  const { statsAlone } = results.cache;
  const reference = statsAlone && `a fresh Node process that only lists and stats the files: ${ms(statsAlone.timing.median)}, ${times(statsAlone.timing.median / cold.timing.median)} the first run`;
  return { name, measured: `${times(ratio)} (${ms(warm.timing.median)} vs ${ms(cold.timing.median)})`, target: "≤ 0.25 × the first run", peers: reference ?? "", met: verdict(ratio, 0.25) };
}

function verdict(value, limit, strict = false) {
  const met = strict ? value < limit : value <= limit;
  if (met) return "met";
  return limit > 0 ? `not met: ${((value / limit - 1) * 100).toFixed(0)} % over` : "not met";
}

function table(header, rows) {
  const line = (cells) => `| ${cells.map((cell) => String(cell).replaceAll("|", "\\|")).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** The tables a person reads: targets, timings, memory. */
export function summaryMarkdown(results) {
  const targetTable = table(["case", "connlint", "target", "peers here", "target met"], targets(results).map((row) => [row.name, row.measured, row.target, row.peers, row.met]));
  const timingTable = table(
    ["case", "tool", "median", "σ", "files/s", "runs", "found the corpus's faults"],
    results.measured.map((entry) => [entry.case, entry.label, ms(entry.timing.median), entry.timing.stddev == null ? "" : ms(entry.timing.stddev), entry.size > 1 ? count(Math.round(entry.size / entry.timing.median)) : "", entry.timing.times.length, entry.check.summary ? `${entry.check.ok ? "yes" : "NO"}: ${entry.check.summary}` : ""]),
  );
  const memoryTable = table(["files", "tool", "peak RSS", "runs (highest kept)"], results.memory.map((entry) => [count(entry.size), entry.label, mib(entry.bytes), entry.runs.map(mib).join(", ")]));
  const quickNote = results.mode === "quick" ? "\n\nQuick mode (the CI smoke test): sizes 1 and 100 only, few runs. The issue's targets are stated for 10,000 files: these ratios at 100 files only show that the harness works." : "";
  return `## Targets${quickNote}\n\n${targetTable}\n\n## Timings (hyperfine)\n\n${timingTable}\n\n## Peak memory (GNU time, maximum resident set size)\n\n${memoryTable}\n`;
}

function profileMarkdown(profiles) {
  if (!profiles.length) return "";
  const sections = profiles.map((profile) => {
    const self = table(["where (self time)", "ms"], [...profile.places.map((entry) => [entry.place, entry.ms.toFixed(1)]), ["everything else", profile.restMs.toFixed(1)]]);
    const inclusive = table(["connlint function (with what it calls)", "ms"], profile.functions.map((entry) => [entry.place, entry.ms.toFixed(1)]));
    return `### ${profile.title}: ${profile.totalMs.toFixed(0)} ms sampled\n\n${self}\n\n${inclusive}`;
  });
  return `## Where connlint's time goes (one run under \`node --cpu-prof\`)\n\nSelf time by place, then the inclusive time of connlint's own functions. The profiler slows the run, so the figures are larger than the medians above; the shares are what matter.\n\n${sections.join("\n\n")}\n`;
}

function corpusMarkdown(results) {
  const rows = results.sizes.map((size) => results.manifest.corpora[size]).map((corpus) => [count(corpus.size), corpus.kinds.ip_connection, corpus.kinds.credential_connection, corpus.faults.length, `\`${corpus.paths.yaml}/\`, \`${corpus.paths.json}/\`, \`${corpus.paths.multi}\``]);
  return `## Corpus\n\nGenerated by \`bench/corpus.mjs\` (seed ${results.manifest.stamp.seed}) into \`bench/corpus/\`. Each connection is valid for all three tools except one in ten, which carries one fault that every tool can see from the schemas: a value out of range (\`inbound.timeout_1xx_secs: 180\`), a value outside its enum (\`dtmf_type: Touch Tone\`) or an unknown key (\`inbound.ring_timeout_secs\`). Passwords are \`\${ENV}\` placeholders and every connection sets \`record_type\`, so connlint's own rules report nothing on the valid ones. A tool's time counts only if it reported exactly the faulty files (connlint: exactly one error, with the expected rule, per faulty connection, and nothing else).\n\n${table(["connections", "IP", "credential", "with a fault", "written as"], rows)}\n`;
}

const METHOD = `## How each tool runs

- **connlint**: \`node bin/connlint.cjs -f unix PATH\` on a file, a folder, or the multi-document file.
- **node -e 0**: Node's own start, the floor of every tool here.
- **node: list the files and stat each** (\`bench/stat-every-file.cjs\`), beside a second \`--cache\` run: a cache that, as ESLint's and connlint's, trusts a file whose size and times are those it recorded must stat every file, and this is a Node process that does only that.
- **ajv-cli**: \`ajv validate -s SCHEMA -d GLOB --spec=draft7 --all-errors --errors=line -c ajv-formats --strict=false\` with connlint's schemas; it reads \`.yaml\` files (through js-yaml) by their extension, one document a file. "A run per kind" runs it once on \`ip/\` with \`ip-connection.schema.json\` and once on \`credential/\` with \`credential-connection.schema.json\`; "connection.schema.json" runs it once on both folders, \`record_type\` choosing the kind. The target compares connlint with the faster of the two.
- **Spectral**: \`spectral lint -r RULESET -f json --quiet GLOB\`, once per kind, with a ruleset per kind that applies the kind's schema through Spectral's \`schema\` function. The schema is inlined in the ruleset (Spectral silently ignores a \`$ref\` to a schema file there), without its \`errorMessage\` keywords (Spectral reads them as ajv-errors templates, and their \`\${ENV_NAME}\` text breaks every validation). Spectral runs on 1,000 files at most: it is slow.
- Times are hyperfine's medians of whole commands (\`-N\`, no shell, where the command is one process), after a fault-checking run. Peak memory is GNU time's maximum RSS of the command and the processes it starts; the memory target compares connlint with ajv-cli's one run over all the files (connection.schema.json), the one process that holds as many files as connlint's. The LSP figure is tinybench's median of \`lintText\` (imported from \`dist/lint.js\`) on a 500-line multi-document file after a one-character edit, in one warm process.
`;

/** RESULTS.md: the summary, the machine, the profile, how the tools ran, and hyperfine's raw summaries. */
export function resultsMarkdown(results, machine) {
  const loadEnd = loadavg()[0];
  const busy = Math.max(machine.loadAtStart, loadEnd) > 0.5 * machine.cores ? " (other work was running: the figures are noisier than on an idle machine)" : "";
  const machineTable = table(["what", "value"], [
    ["CPU", machine.cpu],
    ["memory", machine.memory],
    ["system", machine.os],
    ["load average (1 min) at start, at end", `${machine.loadAtStart.toFixed(2)}, ${loadEnd.toFixed(2)}${busy}`],
    ["date", machine.date],
    ["commit", machine.commit],
    ["versions", Object.entries(machine.versions).map(([name, version]) => `${name} ${version}`).join(", ")],
  ]);
  const lsp = `## LSP case (tinybench, in-process)\n\n\`\`\`json\n${JSON.stringify(results.lsp, null, 2)}\n\`\`\`\n`;
  const raw = results.measured.map((entry) => ({ case: entry.case, ...entry.timing }));
  return `# connlint benchmark results

Written by \`npm run bench${results.mode === "quick" ? " -- --quick" : ""}\` (\`bench/run.mjs\`); do not edit by hand: run it again.

## Machine

${machineTable}

${summaryMarkdown(results)}
${lsp}
${profileMarkdown(results.profiles)}
${corpusMarkdown(results)}
${METHOD}
## Raw timings (hyperfine's JSON summaries, seconds)

<details><summary>every timed run of every command, one command a line</summary>

\`\`\`json
[
${raw.map((entry) => JSON.stringify(entry)).join(",\n")}
]
\`\`\`

</details>
`;
}
