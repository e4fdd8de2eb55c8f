// Loading: text → documents with positions, choosing the parser by the file's extension.
import { loadJson } from "./json.js";
import { loadYaml } from "./yaml.js";
import type { LoadedFile, SourceFormat } from "./document.js";

export type { LoadedDocument, LoadedFile, SourceFormat } from "./document.js";

export function formatOf(filePath: string): SourceFormat {
  return /\.json$/i.test(filePath) ? "json" : "yaml";
}

export function loadText(text: string, format: SourceFormat): LoadedFile {
  return format === "json" ? loadJson(text) : loadYaml(text);
}
