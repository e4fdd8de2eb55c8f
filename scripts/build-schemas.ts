// Writes schemas/ from spec/: `npm run build:schemas`.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { configSchema } from "./config-schema.js";
import { buildSchemaFiles, type DecisionData, type EditorData, type SpecData } from "./schema-builder.js";

const root = join(import.meta.dirname, "..");
const readJson = (path: string) => JSON.parse(readFileSync(join(root, path), "utf8"));
const spec = readJson("spec/fields.json") as SpecData;
const decisions = readJson("spec/decisions.json") as DecisionData;
const editor = readJson("spec/editor.json") as EditorData;

const files = { ...buildSchemaFiles(spec, decisions, editor), "config.schema.json": JSON.stringify(configSchema(), null, 2) + "\n" };
for (const [name, text] of Object.entries(files)) {
  writeFileSync(join(root, "schemas", name), text);
  console.log(`wrote schemas/${name}`);
}
