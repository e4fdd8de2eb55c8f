// Packages that only some files need, set up on first use. Every module the command's bundle imports at the top is
// set up when connlint starts, and these two cost about two milliseconds of it: js-yaml builds its schemas, and
// jsonc-parser its table of strings. A valid file in plain block YAML needs neither.
//
// In the bundle (CommonJS) `require` exists, and esbuild turns each literal require() below into the bundled copy,
// set up when first called. Where connlint runs as ES modules (the library, the tests) the package is required from
// node_modules instead.
import { createRequire } from "node:module";

type JsYaml = Pick<typeof import("js-yaml"), "loadAll" | "CORE_SCHEMA">;
type JsoncParser = Pick<typeof import("jsonc-parser"), "createScanner" | "parseTree" | "printParseErrorCode">;

let requireHere: NodeJS.Require | undefined;

function fromNodeModules(name: string): unknown {
  requireHere ??= createRequire(import.meta.url);
  return requireHere(name);
}

let jsYamlModule: JsYaml | undefined;
let jsoncParserModule: JsoncParser | undefined;

export function jsYaml(): JsYaml {
  return (jsYamlModule ??= (typeof require === "function" ? require("js-yaml") : fromNodeModules("js-yaml")) as JsYaml);
}

export function jsoncParser(): JsoncParser {
  return (jsoncParserModule ??= (typeof require === "function" ? require("jsonc-parser") : fromNodeModules("jsonc-parser")) as JsoncParser);
}
