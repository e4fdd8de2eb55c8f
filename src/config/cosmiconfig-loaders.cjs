// cosmiconfig's loaders, as the command's bundle holds them: scripts/bundle.mjs puts this file in place of
// cosmiconfig's own loaders module, which it can't bundle (it loads JavaScript and TypeScript configurations with
// import()). Each loader is taken from node_modules when a configuration first needs it; connlint's own JSON and YAML
// files are read by its own loaders (src/config/index.ts) and come here only when they do not parse.
"use strict";

let loaders;
const real = () => (loaders ??= require("cosmiconfig/dist/loaders.js"));

module.exports = {
  loadJs: (...args) => real().loadJs(...args),
  loadJsSync: (...args) => real().loadJsSync(...args),
  loadTs: (...args) => real().loadTs(...args),
  loadTsSync: (...args) => real().loadTsSync(...args),
  // cosmiconfig reads the working directory's package.json with this loader too, looking for options of its own: in
  // a repository with a package.json, every run with a configuration. JSON.parse gives the same data; the real loader
  // (parse-json and its code frames, some 10 ms to load) is needed only to word the error of a file that does not parse.
  loadJson: (filepath, content) => {
    try {
      return JSON.parse(content);
    } catch {
      return real().loadJson(filepath, content);
    }
  },
  loadYaml: (...args) => real().loadYaml(...args),
};
