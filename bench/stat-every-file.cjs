// The least any cache that trusts files' stamps must do for a folder: list its files and stat each one, in a fresh
// Node process. `npm run bench` times it beside a second --cache run, whose stamp check does the same for each file.
"use strict";
const { readdirSync, statSync } = require("node:fs");
const { join } = require("node:path");

const [folder] = process.argv.slice(2);
for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
  if (entry.isFile()) statSync(join(entry.parentPath ?? entry.path, entry.name));
}
