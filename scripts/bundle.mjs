// Bundles the command line into dist/bundle/ with esbuild: one file to load at start-up instead of a hundred modules.
// What only some runs need (the language server, configuration loading, directory globbing, most formats) stays in
// chunks loaded on demand. dist/bundle/ sits two folders below the package root, as dist/<module>/ does, so that
// paths such as ../../schemas resolve alike from the bundle and from the modules tsc writes.
import { cpSync, rmSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

const root = join(import.meta.dirname, "..");
rmSync(join(root, "dist", "bundle"), { recursive: true, force: true });

await build({
  // The worker threads of large runs load their own entry, which shares the chunks of the main one.
  entryPoints: { main: join(root, "src", "cli", "main.ts"), worker: join(root, "src", "cli", "worker.ts") },
  outdir: join(root, "dist", "bundle"),
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // ES module builds first: jsonc-parser's UMD build requires its parts by computed paths a bundler can't follow.
  mainFields: ["module", "main"],
  // Loaded from node_modules when needed: cosmiconfig finds its own loaders; the language server is large.
  external: ["cosmiconfig", "vscode-languageserver", "vscode-languageserver/*", "vscode-languageserver-textdocument"],
  // Some bundled CommonJS packages call require(): give the ESM bundle one.
  banner: { js: 'import { createRequire as __connlintCreateRequire } from "node:module"; const require = __connlintCreateRequire(import.meta.url);' },
  logLevel: "warning",
});
// The validators generated ahead of time are loaded with require(), next to the code that loads them.
cpSync(join(root, "src", "schema", "generated"), join(root, "dist", "bundle", "generated"), { recursive: true });
