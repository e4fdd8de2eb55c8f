// Packages that only some runs need, set up on first use. Every module the command's bundle imports at the top is set
// up when connlint starts. js-yaml builds its schemas, jsonc-parser its table of strings and `yaml` its tags and
// classes: about three milliseconds, although a file in plain block YAML needs none of them, even to place its
// problems, and a JSON file that holds one connection needs none while it is valid. cosmiconfig is needed only when a
// folder holds a configuration file.
//
// In the bundle (CommonJS) `require` exists, and esbuild turns each literal require() below into the bundled copy,
// set up when first called: the literal is why each package has a function of its own. `yaml` is one of the bundle's
// parts instead (scripts/bundle.mjs), compiled with its own code cache on that first call. Where connlint runs as ES
// modules (the library, the tests) the package is required from node_modules instead.
import { requireHere } from "./builtins.js";

type JsYaml = Pick<typeof import("js-yaml"), "load" | "loadAll" | "CORE_SCHEMA">;
type JsoncParser = Pick<typeof import("jsonc-parser"), "createScanner" | "parseTree" | "printParseErrorCode">;
type Yaml = typeof import("yaml");
type Cosmiconfig = Pick<typeof import("cosmiconfig"), "cosmiconfig" | "defaultLoaders">;
type Picomatch = typeof import("picomatch");

let jsYamlModule: JsYaml | undefined;
let jsoncParserModule: JsoncParser | undefined;
let yamlModule: Yaml | undefined;
let cosmiconfigModule: Cosmiconfig | undefined;
let picomatchModule: Picomatch | undefined;

export function jsYaml(): JsYaml {
  return (jsYamlModule ??= (typeof require === "function" ? require("js-yaml") : requireHere("js-yaml")) as JsYaml);
}

export function jsoncParser(): JsoncParser {
  return (jsoncParserModule ??= (typeof require === "function" ? require("jsonc-parser") : requireHere("jsonc-parser")) as JsoncParser);
}

export function yamlLibrary(): Yaml {
  return (yamlModule ??= (typeof require === "function" ? require("yaml") : requireHere("yaml")) as Yaml);
}

/** Only a run that finds a configuration file needs it. */
export function cosmiconfigLibrary(): Cosmiconfig {
  return (cosmiconfigModule ??= (typeof require === "function" ? require("cosmiconfig") : requireHere("cosmiconfig")) as Cosmiconfig);
}

/** Only a configuration with `files`, `ignores` or overrides needs it. */
export function picomatchLibrary(): Picomatch {
  return (picomatchModule ??= (typeof require === "function" ? require("picomatch") : requireHere("picomatch")) as Picomatch);
}
