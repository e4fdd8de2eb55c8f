// Brings docs/rules/*.md headers and README's rule table up to date with the rules' metadata: `npm run build:docs`.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ALL_RULES, RULES, UNIQUE_RULES } from "../src/rules/index.js";
import { withHeader, withRulesTable } from "./rule-docs.js";

const root = join(import.meta.dirname, "..");
const kinds = new Map([...RULES, ...UNIQUE_RULES].map((rule) => [rule.id, rule.kinds]));

for (const meta of ALL_RULES) {
  const path = join(root, "docs", "rules", `${meta.id}.md`);
  const page = existsSync(path) ? readFileSync(path, "utf8") : undefined;
  const updated = withHeader(page, { ...meta, kinds: kinds.get(meta.id) });
  if (updated !== page) {
    writeFileSync(path, updated);
    console.log(`wrote docs/rules/${meta.id}.md`);
  }
}
const readmePath = join(root, "README.md");
const readme = readFileSync(readmePath, "utf8");
const withTable = withRulesTable(readme, ALL_RULES.map((meta) => ({ ...meta, kinds: kinds.get(meta.id) })));
if (withTable !== readme) {
  writeFileSync(readmePath, withTable);
  console.log("wrote README.md");
}
