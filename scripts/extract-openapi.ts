// Writes spec/openapi.json from the official OpenAPI excerpt: `npm run spec:extract [-- path/to/excerpt.yml]`.
import { readFileSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { extractOpenApi, newestExcerpt } from "./openapi-extract.js";

const root = join(import.meta.dirname, "..");
const excerpt = process.argv[2] ? resolve(process.argv[2]) : newestExcerpt(join(root, "..", "shared", "spec"));
const data = extractOpenApi(readFileSync(excerpt, "utf8"), basename(excerpt));
writeFileSync(join(root, "spec", "openapi.json"), JSON.stringify(data, null, 2) + "\n");
console.log(`wrote spec/openapi.json from ${basename(excerpt)}`);
