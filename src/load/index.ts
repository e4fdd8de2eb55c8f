// Loading: text → documents with positions, choosing the parser by the file's extension.
import { loadJson, loadJsonElement } from "./json.js";
import { loadYaml, loadYamlDocument } from "./yaml.js";
import type { LoadedDocument, LoadedFile, SourceFormat } from "./document.js";

export type { LoadedDocument, LoadedFile, SourceFormat } from "./document.js";

export function formatOf(filePath: string): SourceFormat {
  return /\.json$/i.test(filePath) ? "json" : "yaml";
}

export function loadText(text: string, format: SourceFormat): LoadedFile {
  return format === "json" ? loadJson(text) : loadYaml(text);
}

/**
 * One document of a text (a YAML document, or an element of a JSON array), read with positions on its own from the
 * piece `start`–`end` the quick reader found; undefined when the piece does not read alone as one document.
 */
export function loadDocumentAlone(text: string, format: SourceFormat, start: number, end: number, index: number): LoadedDocument | undefined {
  return format === "json" ? loadJsonElement(text, start, end, index) : loadYamlDocument(text, start, end, index);
}
