// cosmiconfig's loaders, as the command's bundle holds them: scripts/bundle.mjs puts this file in place of
// cosmiconfig's own loaders module, which it can't bundle (it loads JavaScript and TypeScript configurations with
// import()). Each loader is taken from node_modules when a configuration first needs it; JSON and YAML files are read by
// connlint's own loaders (src/config/index.ts) and come here only when they do not parse.
"use strict";

let loaders;
const real = () => (loaders ??= require("cosmiconfig/dist/loaders.js"));

module.exports = {
  loadJs: (...args) => real().loadJs(...args),
  loadJsSync: (...args) => real().loadJsSync(...args),
  loadTs: (...args) => real().loadTs(...args),
  loadTsSync: (...args) => real().loadTsSync(...args),
  loadJson: (...args) => real().loadJson(...args),
  loadYaml: (...args) => real().loadYaml(...args),
};
