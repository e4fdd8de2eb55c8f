#!/usr/bin/env node
// connlint's command: everything is in main(); this loads the bundle (with the code cache the build recorded, when it
// matches this bundle and this Node; else with Node's own compile cache, if the user turned it on) and connects main()
// to the process.
"use strict";
const { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, writeFileSync, writeSync } = require("node:fs");
const Module = require("node:module");
const { join } = require("node:path");
const vm = require("node:vm");

const BUNDLE = join(__dirname, "..", "dist", "bundle", "connlint.cjs");

/**
 * The bundle's exports, and whether V8 took the code cache the build recorded. `produceCache` keeps the compiled script
 * so that `saveCache()` can record it (at build time).
 */
function loadBundle({ produceCache = false } = {}) {
  const cacheFile = codeCacheFile();
  const cachedData = !produceCache && existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  if (!cachedData && !produceCache && process.env.NODE_COMPILE_CACHE) return loadThroughNodeModules();
  // The build makes sure the bundle is ASCII, which reads as the same text in latin1, without decoding 1.3 MB of UTF-8.
  const source = readFileSync(BUNDLE, "latin1");
  // The bundle has no import(): what it loads from node_modules it require()s, as vm scripts can.
  const script = new vm.Script(Module.wrap(source), { filename: BUNDLE, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, Module.createRequire(BUNDLE), module, BUNDLE, join(BUNDLE, ".."));
  const cacheUsed = cachedData !== undefined && !script.cachedDataRejected;
  return { exports: module.exports, cacheUsed, saveCache: () => writeFileSync(cacheFile, script.createCachedData()) };
}

/** Where the build records the bundle's code cache for this Node: named after the build's id, which the bundle's first lines give. */
function codeCacheFile() {
  const head = Buffer.alloc(128);
  const fd = openSync(BUNDLE, "r");
  try {
    readSync(fd, head);
  } finally {
    closeSync(fd);
  }
  const buildId = /^\/\/ connlint build (\S+)/m.exec(head.toString("latin1"))?.[1] ?? "unknown";
  return join(__dirname, "..", "dist", "bundle", `code-cache-${buildId}-${process.version}.bin`);
}

/**
 * Without a code cache recorded for this Node (a package built under another version), a user who set
 * NODE_COMPILE_CACHE gets Node's own (Node 22.1 and later), which serves only modules that Node loads itself. It is not
 * turned on otherwise: connlint writes only where it is asked to.
 */
function loadThroughNodeModules() {
  return { exports: require(BUNDLE), cacheUsed: false, saveCache: () => {} };
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
      // A terminal is a character device: a pipe or a file is known not to be one without loading node:tty.
      return isCharacterDevice(fd) && require("node:tty").isatty(fd);
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

function isCharacterDevice(fd) {
  try {
    return fstatSync(fd).isCharacterDevice();
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
