// Bundles the command line into dist/bundle/ with esbuild, and records V8's code cache for it.
//
// Start-up is what a pre-commit hook waits for. The bundle is one CommonJS file (connlint.cjs) rather than ES modules
// because Node 20 can reuse compiled code only for scripts: bin/connlint.cjs compiles the bundle with the code cache
// written here, so the functions a run needs are not parsed and compiled again on each start. Worker threads load the
// same bundle, with the same code cache, through worker.cjs. dist/bundle/ sits two folders below the package root, as
// dist/<module>/ does, so that paths such as ../../schemas resolve alike from the bundle and from the modules tsc writes.
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { build } from "esbuild";

const root = join(import.meta.dirname, "..");
const out = join(root, "dist", "bundle");
rmSync(out, { recursive: true, force: true });

/**
 * cosmiconfig is bundled, so that a run with a configuration does not load it from node_modules (10 ms and more), but
 * its loaders module import()s JavaScript and TypeScript configurations, which a bundle run by bin/connlint.cjs can't:
 * src/config/cosmiconfig-loaders.cjs stands in for it and requires the real one when such a file is found. Its search
 * reads and stats through fs/promises, slow to load: src/config/cosmiconfig-fs*.cjs stand in for `fs` and `fs/promises`.
 */
const COSMICONFIG = /[\\/]node_modules[\\/]cosmiconfig[\\/]/;
const STAND_INS = { "./loaders": "cosmiconfig-loaders.cjs", "./loaders.js": "cosmiconfig-loaders.cjs", fs: "cosmiconfig-fs.cjs", "fs/promises": "cosmiconfig-fs-promises.cjs" };
const cosmiconfigStandIns = {
  name: "cosmiconfig-stand-ins",
  setup(build) {
    build.onResolve({ filter: /^(?:\.\/loaders(?:\.js)?|fs|fs\/promises)$/ }, ({ path, importer }) =>
      COSMICONFIG.test(importer) ? { path: join(root, "src", "config", STAND_INS[path]) } : undefined,
    );
  },
};

/**
 * What only some runs need is left out of the bundle, in dist/bundle/parts/, and bin/connlint.cjs compiles each part
 * with a code cache of its own when the bundle first require()s it: the validators generated from the schemas for
 * connections (a run needs those of the kinds it meets) and the `yaml` library (a file with something to report may
 * need it). Each part is bundled whole (the validators' small formats module goes into each), so that loading one
 * reads one file. The configuration's validator stays in the bundle: most repositories have a configuration, and a
 * part costs a file read and a script of its own, which on Node 24 outweighed what it saved.
 */
const generated = join(root, "src", "schema", "generated");
const isPart = (name) => name !== "index.cjs" && name !== "config.cjs";
const partsApart = {
  name: "parts-apart",
  setup(build) {
    build.onResolve({ filter: /^\.\/\w+\.cjs$/ }, ({ path, importer }) =>
      importer === join(generated, "index.cjs") && isPart(path.slice(2)) ? { path: `./parts/${path.slice(2)}`, external: true } : undefined,
    );
    build.onResolve({ filter: /^yaml$/ }, () => ({ path: "./parts/yaml.cjs", external: true }));
  },
};

// Without comments the bundle and its parts are pure ASCII (esbuild escapes the rest), which Node reads several times
// faster than UTF-8 text, and smaller. Names are kept, so that --debug's stack traces still name functions.
const common = { bundle: true, format: "cjs", platform: "node", target: "node20", minifyWhitespace: true, logLevel: "warning" };
const validators = readdirSync(generated).filter(isPart).map((name) => join(generated, name));
await build({ ...common, entryPoints: [...validators, { in: createRequire(import.meta.url).resolve("yaml"), out: "yaml" }], outdir: join(out, "parts"), outExtension: { ".js": ".cjs" } });

// A new id for every build: the code cache is found by it, so a cache never outlives the bundle it was made from.
const buildId = randomUUID();
await build({
  entryPoints: { connlint: join(root, "src", "cli", "main.ts") },
  outdir: out,
  outExtension: { ".js": ".cjs" },
  ...common,
  // ES module builds first: jsonc-parser's UMD build requires its parts by computed paths a bundler can't follow.
  mainFields: ["module", "main"],
  // Required from node_modules when needed: cosmiconfig's loaders of JavaScript and TypeScript configurations (see
  // below), and the language server, which is large.
  external: ["cosmiconfig/dist/loaders.js", "vscode-languageserver", "vscode-languageserver/*", "vscode-languageserver-textdocument"],
  plugins: [cosmiconfigStandIns, partsApart],
  // The sources locate files next to themselves with import.meta.url, which a CommonJS bundle does not have.
  define: { "import.meta.url": "__connlintModuleUrl" },
  banner: { js: `"use strict";\n// connlint build ${buildId}\nconst __connlintModuleUrl = require("node:url").pathToFileURL(__filename).href;` },
});
// A script run by bin/connlint.cjs has no loader for import(): the bundle must not use it (it has no comments to mislead).
// And bin/connlint.cjs reads the bundle as latin1, which is the text only while every character is ASCII.
for (const file of ["connlint.cjs", ...readdirSync(join(out, "parts")).map((name) => `parts/${name}`)]) {
  const text = readFileSync(join(out, file), "utf8");
  if (/\bimport\(/.test(text)) throw new Error(`dist/bundle/${file} calls import(), which bin/connlint.cjs can't serve`);
  if (/[^\x00-\x7f]/.test(text)) throw new Error(`dist/bundle/${file} is not ASCII, so bin/connlint.cjs would misread it`);
}

// A worker thread starts from this file (src/cli/parallel.ts finds it beside the bundle). A bundle of its own would be
// a second copy of the linter, compiled again from nothing in each worker.
writeFileSync(
  join(out, "worker.cjs"),
  `"use strict";\n// A worker thread of a large run: the command's bundle, loaded with its code cache, answering the jobs it is sent.\nrequire("../../bin/connlint.cjs").loadBundle().exports.serveJobs();\n`,
);

// The code cache holds what a run compiles: one over the bundled examples (clean and faulty files, YAML and JSON, and
// the configuration file beside them, so that a run with a configuration starts from compiled code too).
const { loadBundle } = createRequire(import.meta.url)(join(root, "bin", "connlint.cjs"));
const bundle = loadBundle({ produceCache: true });
const ignore = { write: () => true, isTTY: false };
await bundle.exports.main([join(root, "fixtures", "examples"), "--no-color"], { cwd: root, env: {}, stdout: ignore, stderr: ignore, stdin: () => [] });
bundle.saveCache();
