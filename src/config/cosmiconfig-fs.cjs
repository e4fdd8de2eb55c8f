// The file system as cosmiconfig's modules see it in the command's bundle: scripts/bundle.mjs puts this file in place
// of `fs` and `fs/promises` for them. cosmiconfig's search reads and stats through fs/promises, which Node compiles on
// first use, with the stream and readline machinery it brings (some 3 ms of a run that finds a configuration). These
// promises read and stat synchronously, as the rest of a run does: a few small files, each asked for once, which
// Node's thread pool would only pass back and forth (and which would start that pool, in a run that otherwise never
// needs it). Only the functions cosmiconfig's bundled modules call are here (test/smoke.test.ts holds the list to
// theirs): a copy of all of fs, which they copy once more as they load, took half a millisecond.
"use strict";

const { readFileSync, statSync } = require("node:fs");

const promises = { readFile: async (path, options) => readFileSync(path, options), stat: async (path) => statSync(path) };

module.exports = { readFileSync, statSync, promises };
