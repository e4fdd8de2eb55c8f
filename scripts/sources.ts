// Reads the files under spec/ that the schemas are built from.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { OpenApiData } from "./openapi-extract.js";
import type { DecisionData, EditorData, Sources, SpecData } from "./schema-builder.js";

export function readSources(root: string): Sources {
  const readJson = (path: string) => JSON.parse(readFileSync(join(root, "spec", path), "utf8"));
  return {
    spec: readJson("fields.json") as SpecData,
    decisions: readJson("decisions.json") as DecisionData,
    editor: readJson("editor.json") as EditorData,
    openapi: readJson("openapi.json") as OpenApiData,
  };
}
