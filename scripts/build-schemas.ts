// Writes schemas/ from spec/: `npm run build:schemas`.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { configSchema } from "./config-schema.js";
import { buildSchemaFiles } from "./schema-builder.js";
import { readSources } from "./sources.js";

const root = join(import.meta.dirname, "..");
const files = { ...buildSchemaFiles(readSources(root)), "config.schema.json": JSON.stringify(configSchema(), null, 2) + "\n" };
for (const [name, text] of Object.entries(files)) {
  writeFileSync(join(root, "schemas", name), text);
  console.log(`wrote schemas/${name}`);
}
