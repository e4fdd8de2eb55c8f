// connlint's public API: lint text or files from code, and the types of what comes back.
export { lintText, type LintOptions, type LintResult } from "./lint.js";
export { main, type Io } from "./cli/main.js";
export type { Diagnostic, Fix, Path, Position, Range, Severity, Suggestion } from "./diagnostics/types.js";
export { KINDS, type Kind } from "./kind.js";
export { ALL_RULES } from "./rules/index.js";
export type { RuleMeta } from "./rules/types.js";
