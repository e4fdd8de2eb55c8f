// The file system as cosmiconfig's modules see it in the command's bundle: scripts/bundle.mjs puts this file in place
// of `fs` and `fs/promises` for them. cosmiconfig's search reads and stats through fs/promises, which Node compiles on
// first use, with the stream and readline machinery it brings (some 3 ms of a run that finds a configuration). The
// callback functions are loaded already and read and stat alike. Its modules use no other promise of fs/promises.
"use strict";

const fs = require("node:fs");
const { promisify } = require("node:util");

const promises = { readFile: promisify(fs.readFile), stat: promisify(fs.stat) };

// All of fs, copied without touching its `promises` getter, which would load fs/promises.
module.exports = Object.defineProperties({}, { ...Object.getOwnPropertyDescriptors(fs), promises: { value: promises, enumerable: true } });
