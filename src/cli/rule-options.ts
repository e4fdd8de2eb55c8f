// The options about rules: --rule ID:SEVERITY, and --print-config FILE showing what applies to a file.
import { dirname } from "node:path";
import { type ConfigResolver, DEFAULT_FILES, type SeverityOrOff } from "../config/index.js";
import { nearest } from "../diagnostics/nearest.js";
import { UNCONFIGURABLE } from "../rules/builtin.js";
import { ALL_RULES, ruleMeta } from "../rules/index.js";
import { configErrorsAsUsage, UsageError } from "./io.js";

/** `--rule ID:SEVERITY`, given once per rule. */
export function parseRuleOptions(rules: string[]): Record<string, SeverityOrOff> {
  const parsed: Record<string, SeverityOrOff> = {};
  for (const option of rules) {
    const [id = "", severity = ""] = option.split(/:(?=[^:]*$)/);
    if (!ruleMeta(id) || UNCONFIGURABLE.has(id)) {
      const meant = nearest(id, ALL_RULES.map((rule) => rule.id));
      throw new UsageError(`--rule ${option}: ${ruleMeta(id) ? `"${id}" can't be configured` : `unknown rule "${id}"${meant ? `; did you mean "${meant}"?` : ""}`}`);
    }
    if (!["error", "warning", "info", "off"].includes(severity)) throw new UsageError(`--rule ${option}: the severity must be error, warning, info or off`);
    parsed[id] = severity as SeverityOrOff;
  }
  return parsed;
}

/** `--print-config FILE`: the configuration that applies to a file, every rule's severity resolved. */
export async function printConfig(resolver: ConfigResolver, filePath: string): Promise<string> {
  const settings = await configErrorsAsUsage(() => resolver.forFile(filePath));
  const loaded = await resolver.forDirectory(dirname(filePath));
  const rules = Object.fromEntries(ALL_RULES.map((rule) => [rule.id, settings.severities[rule.id] ?? rule.severity]));
  const resolved = {
    file: filePath,
    configFile: settings.configPath ?? null,
    kind: settings.kind ?? null,
    operation: settings.operation ?? null,
    files: loaded.config.files ?? DEFAULT_FILES,
    ignores: loaded.config.ignores ?? [],
    knownCodecs: settings.knownCodecs,
    rules,
  };
  return `${JSON.stringify(resolved, null, 2)}\n`;
}
