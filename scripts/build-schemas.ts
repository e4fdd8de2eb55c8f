// Writes schemas/ from spec/: `npm run build:schemas`.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildSchemaFiles, type DecisionData, type EditorData, type SpecData } from "./schema-builder.js";

const root = join(import.meta.dirname, "..");
const readJson = (path: string) => JSON.parse(readFileSync(join(root, path), "utf8"));
const spec = readJson("spec/fields.json") as SpecData;
const decisions = readJson("spec/decisions.json") as DecisionData;
const editor = readJson("spec/editor.json") as EditorData;

for (const [name, text] of Object.entries(buildSchemaFiles(spec, decisions, editor))) {
  writeFileSync(join(root, "schemas", name), text);
  console.log(`wrote schemas/${name}`);
}
