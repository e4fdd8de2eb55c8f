// What a cache that trusts files' stamps can't do without, alone in a fresh Node process: list a folder's files and
// stat each one. `npm run bench` times it beside a second --cache run, whose stamp check stats each file too.
"use strict";
const { readdirSync, statSync } = require("node:fs");
const { join } = require("node:path");

const [folder] = process.argv.slice(2);
for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
  if (entry.isFile()) statSync(join(entry.parentPath ?? entry.path, entry.name));
}
