// `path:line:column: severity: message [rule]`, one problem a line, for editors' problem matchers.
import { type Formatter, relativePath } from "./types.js";

export const unix: Formatter = (results, { cwd }) =>
  results
    .flatMap(({ filePath, diagnostics }) =>
      diagnostics.map((d) => `${relativePath(cwd, filePath) || filePath}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.ruleId}]\n`),
    )
    .join("");
