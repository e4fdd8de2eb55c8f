// The file system as cosmiconfig's modules see it in the command's bundle: scripts/bundle.mjs puts this file in place
// of `fs` and `fs/promises` for them. cosmiconfig's search reads and stats through fs/promises, which Node compiles on
// first use, with the stream and readline machinery it brings (some 3 ms of a run that finds a configuration). Its
// modules use no other promise of fs/promises. These promises read and stat synchronously, as the rest of a run does:
// a few small files, each asked for once, which Node's thread pool would only pass back and forth (and which would
// start that pool, in a run that otherwise never needs it).
"use strict";

const fs = require("node:fs");

const promises = { readFile: async (path, options) => fs.readFileSync(path, options), stat: async (path) => fs.statSync(path) };

// All of fs, copied without touching its `promises` getter, which would load fs/promises.
module.exports = Object.defineProperties({}, { ...Object.getOwnPropertyDescriptors(fs), promises: { value: promises, enumerable: true } });
