#!/usr/bin/env node
// connlint's command: everything is in main(); this loads the bundle (with the code cache the build recorded, when it
// matches this bundle and this Node; else with Node's own compile cache, if the user turned it on) and connects main()
// to the process.
"use strict";
const { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, statSync, writeFileSync, writeSync } = require("node:fs");
const Module = require("node:module");
const { basename, dirname, join } = require("node:path");
const vm = require("node:vm");

const BUNDLE_FOLDER = join(__dirname, "..", "dist", "bundle");
const BUNDLE = join(BUNDLE_FOLDER, "connlint.cjs");

/**
 * What the bundle leaves out because only some runs need it, and require()s from dist/bundle/parts/: the connections'
 * validators generated from the schemas (a run needs those of the kinds it meets) and the `yaml` library (a file with
 * something to report may need it). Each part is compiled with a code cache of its own, so that a run deserializes
 * only the compiled code it uses.
 */
const PART = /^\.\/parts\/\w+\.cjs$/;

/**
 * The bundle's exports, and whether V8 took the code cache the build recorded. `produceCache` keeps the compiled
 * scripts so that `saveCache()` can record them (at build time); `parts()` says which parts a run loaded, and whether
 * each came from its code cache.
 */
function loadBundle({ produceCache = false } = {}) {
  const buildId = readBuildId();
  const cachedData = produceCache ? undefined : readCache(buildId, "connlint");
  if (!cachedData && !produceCache && process.env.NODE_COMPILE_CACHE) return loadThroughNodeModules();
  const parts = new Map();
  const nodeRequire = Module.createRequire(BUNDLE);
  // A part is required while the bundle runs, which may have changed V8's flags: it is loaded under V8's own, which its
  // code cache was recorded under (a part required while the bundle itself loads finds them unchanged).
  let underV8Defaults = (load) => load();
  const loadPartOf = (id) => underV8Defaults(() => loadPart(join(BUNDLE_FOLDER, id), parts, buildId, produceCache));
  const requireFromBundle = Object.assign((id) => (PART.test(id) ? loadPartOf(id).exports : nodeRequire(id)), { resolve: nodeRequire.resolve });
  // The build makes sure the bundle and its parts are ASCII, which reads as the same text in latin1, without decoding UTF-8.
  const main = runScript(BUNDLE, readFileSync(BUNDLE, "latin1"), cachedData, requireFromBundle);
  underV8Defaults = main.exports.underV8Defaults;
  return {
    exports: main.exports,
    cacheUsed: main.cacheUsed,
    parts: () => [...parts.values()].map(({ name, cacheUsed }) => ({ name, cacheUsed })),
    saveCache: () => {
      writeFileSync(codeCacheFile(buildId, "connlint"), main.script.createCachedData());
      for (const part of parts.values()) writeFileSync(codeCacheFile(buildId, part.name), part.script.createCachedData());
    },
  };
}

/** A part, compiled and run on first use (with its code cache, when the build recorded one), then the same exports. */
function loadPart(path, parts, buildId, produceCache) {
  let part = parts.get(path);
  if (!part) {
    const name = basename(path, ".cjs");
    // A part is bundled whole: it requires nothing but Node's own modules.
    part = { name, ...runScript(path, readFileSync(path, "latin1"), produceCache ? undefined : readCache(buildId, name), Module.createRequire(path)) };
    parts.set(path, part);
  }
  return part;
}

/** Compiles a CommonJS file as a script (the bundle has no import(): what it loads it require()s, as scripts can) and runs it. */
function runScript(path, source, cachedData, requireFromHere) {
  const script = new vm.Script(Module.wrap(source), { filename: path, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, requireFromHere, module, path, dirname(path));
  return { exports: module.exports, script, cacheUsed: cachedData !== undefined && !script.cachedDataRejected };
}

/** The build's id, which the bundle's first lines give: every code cache is named after it, so none outlives its build. */
function readBuildId() {
  const head = Buffer.alloc(128);
  const fd = openSync(BUNDLE, "r");
  try {
    readSync(fd, head);
  } finally {
    closeSync(fd);
  }
  return /^\/\/ connlint build (\S+)/m.exec(head.toString("latin1"))?.[1] ?? "unknown";
}

/** Where the build records a script's code cache for this Node. */
function codeCacheFile(buildId, name) {
  return join(BUNDLE_FOLDER, `code-cache-${buildId}-${process.version}-${name}.bin`);
}

function readCache(buildId, name) {
  const file = codeCacheFile(buildId, name);
  return existsSync(file) ? readFileSync(file) : undefined;
}

/**
 * Without a code cache recorded for this Node (a package built under another version), a user who set
 * NODE_COMPILE_CACHE gets Node's own (Node 22.1 and later), which serves only modules that Node loads itself (the
 * bundle's parts too: Node resolves their paths from the bundle's folder). It is not turned on otherwise: connlint
 * writes only where it is asked to.
 */
function loadThroughNodeModules() {
  return { exports: require(BUNDLE), cacheUsed: false, parts: () => [], saveCache: () => {} };
}

/**
 * Standard output or error. What is written goes straight to the file descriptor while it takes it whole; Node's
 * stream (process.stdout, process.stderr) is made only when it does not: when the descriptor would block (a pipe that
 * another Node process made non-blocking, to a slow reader), when writing fails, and on Windows, whose console wants
 * the stream. Making the stream costs 3 to 6 ms (for a pipe, Node loads its network modules), and most runs never
 * need it. A report that can't be written is never a stack trace: a reader that left (`| head`) ends it quietly; a
 * full disk is one line and exit 2 (the stream's own error, as it takes over the write that failed).
 */
function output(name) {
  const fd = name === "stdout" ? 1 : 2;
  let stream;
  const opened = () => {
    if (stream) return stream;
    stream = process[name];
    stream.on("error", (error) => {
      if (error.code === "EPIPE") return;
      if (name === "stdout") process.stderr.write(`connlint: can't write the report: ${error.code ?? error.message}\n`);
      process.exitCode = 2;
    });
    return stream;
  };
  return {
    write: (text) => (stream || process.platform === "win32" ? opened().write(text) : writeDirectly(fd, text, (rest) => opened().write(rest))),
    get isTTY() {
      if (stream) return Boolean(stream.isTTY);
      // A terminal is a character device other than /dev/null (where benchmarks and scripts send what they don't
      // read): a pipe, a file or /dev/null is known not to be one without loading node:tty.
      return mayBeTerminal(fd) && require("node:tty").isatty(fd);
    },
    /** Whether some of what was written is still on its way (a pipe takes it as its reader reads). */
    get pending() {
      return stream !== undefined && !stream.destroyed && stream.writableLength > 0;
    },
    /** Calls back once everything written so far is out, or the stream failed. */
    flush: (callback) => stream.write("", () => callback()),
  };
}

/** Writes the text to the descriptor; what it does not take at once (it would block, or writing failed) goes to `rest`. */
function writeDirectly(fd, text, rest) {
  const bytes = Buffer.from(text);
  let written = 0;
  try {
    while (written < bytes.length) written += writeSync(fd, bytes, written);
  } catch {
    return rest(bytes.subarray(written));
  }
  return true;
}

function mayBeTerminal(fd) {
  try {
    const stats = fstatSync(fd);
    return stats.isCharacterDevice() && !isNullDevice(stats);
  } catch {
    return false;
  }
}

/** Whether the character device is /dev/null; a system without one (Windows) has none to tell apart. */
function isNullDevice({ rdev }) {
  try {
    return rdev === statSync("/dev/null").rdev;
  } catch {
    return false;
  }
}

/**
 * Ends the process once the report is out. Left to itself, Node would first wait for V8's background work (after a
 * large run, the optimizing compiler's queue) and then take the heap apart: some 15 ms of a 10,000-file run. Each
 * check waits for the events already due, such as a stream's failure, which sets the exit code and is reported on the
 * other stream.
 */
function exitWhenWritten(outputs) {
  setImmediate(() => {
    const pending = outputs.filter((stream) => stream.pending);
    if (!pending.length) return process.exit();
    let left = pending.length;
    for (const stream of pending) stream.flush(() => --left || exitWhenWritten(outputs));
  });
}

async function run() {
  const { main } = loadBundle().exports;
  const stdout = output("stdout");
  const stderr = output("stderr");
  process.exitCode = await main(process.argv.slice(2), { cwd: process.cwd(), env: process.env, stdout, stderr, stdin: () => process.stdin });
  exitWhenWritten([stdout, stderr]);
}

if (require.main === module) {
  run().catch((error) => {
    process.stderr.write(`connlint: ${error?.message ?? error}\n`);
    process.exitCode = 2;
  });
} else {
  module.exports = { loadBundle };
}
