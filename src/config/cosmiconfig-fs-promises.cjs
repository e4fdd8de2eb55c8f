// fs/promises as cosmiconfig's modules see it in the command's bundle: see cosmiconfig-fs.cjs.
"use strict";

module.exports = require("./cosmiconfig-fs.cjs").promises;
