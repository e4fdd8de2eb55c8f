// Writes src/schema/generated/*.cjs from schemas/: `npm run build:validators` (after `npm run build:schemas`).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { validatorModules } from "./validator-code.js";

const folder = join(import.meta.dirname, "..", "src", "schema", "generated");
mkdirSync(folder, { recursive: true });
for (const name of readdirSync(folder)) rmSync(join(folder, name));
for (const [name, text] of Object.entries(validatorModules())) {
  writeFileSync(join(folder, name), text);
  console.log(`wrote src/schema/generated/${name}`);
}
