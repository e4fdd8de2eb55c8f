// `path:line:column: severity: message [rule]`, one problem a line, for editors' problem matchers.
import { relative } from "node:path";
import type { Formatter } from "./types.js";

export const unix: Formatter = (results, { cwd }) =>
  results
    .flatMap(({ filePath, diagnostics }) =>
      diagnostics.map((d) => `${relative(cwd, filePath) || filePath}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.ruleId}]\n`),
    )
    .join("");
