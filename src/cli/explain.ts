// `connlint explain RULE_ID`: prints the rule's documentation page.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../package-info.js";
import { nearest } from "../diagnostics/nearest.js";
import { ALL_RULES, ruleMeta } from "../rules/index.js";
import { HEADER_END, HEADER_START } from "../rules/docs.js";
import { UsageError } from "./io.js";

export function explain(ruleId: string | undefined): string {
  if (!ruleId) throw new UsageError("explain needs a rule id, such as `connlint explain no-srtp-with-tls`");
  if (!ruleMeta(ruleId)) {
    const meant = nearest(ruleId, ALL_RULES.map((rule) => rule.id));
    throw new UsageError(`unknown rule "${ruleId}"${meant ? `; did you mean "${meant}"?` : ""}`);
  }
  const page = readFileSync(join(packageRoot(), "docs", "rules", `${ruleId}.md`), "utf8");
  return page.replace(`${HEADER_START}\n`, "").replace(`${HEADER_END}\n`, "");
}
