// The JSON Schema of connlint's own configuration file, built from the rule registry so that rule names can't drift.
import { KINDS, OPERATIONS } from "../src/kind.js";
import { ALL_RULES } from "../src/rules/index.js";
import { UNCONFIGURABLE } from "../src/rules/builtin.js";

const SEVERITY = { enum: ["error", "warning", "info", "off"], description: "error, warning, info, or off to turn the rule off" };

export function configSchema(): Record<string, unknown> {
  const configurable = ALL_RULES.filter((rule) => !UNCONFIGURABLE.has(rule.id));
  const rules = {
    description: "Severities by rule id: error, warning, info or off.",
    type: "object",
    propertyNames: { enum: configurable.map((rule) => rule.id) },
    properties: Object.fromEntries(configurable.map((rule) => [rule.id, { ...SEVERITY, description: `${rule.description} (default: ${rule.severity})` }])),
    additionalProperties: false,
  };
  const globs = (description: string) => ({ description, type: "array", items: { type: "string", minLength: 1 } });
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "connlint configuration",
    description: "The configuration of connlint, found as .connlintrc(.yaml|.json), connlint.config.js, a connlint key in package.json, …; patterns are relative to the configuration file's folder.",
    type: "object",
    properties: {
      $schema: { type: "string", description: "The schema editors use for this file." },
      files: globs("What a directory argument expands to. Default: [\"**/*.{yaml,yml,json}\"]."),
      ignores: globs("Files never linted when a directory or pattern is expanded."),
      rules,
      knownCodecs: { description: "Codec names accepted in inbound.codecs besides the six the API pages list.", type: "array", items: { type: "string", minLength: 1 } },
      overrides: {
        description: "Settings for the files matching each entry's patterns; later entries win.",
        type: "array",
        items: {
          type: "object",
          properties: {
            files: globs("The files this entry applies to."),
            kind: { enum: [...KINDS], description: "The kind of connection these files hold, when they do not say so themselves." },
            operation: { enum: [...OPERATIONS], description: "create (the default): the files are bodies of POST, new connections; update: bodies of PATCH, changes to existing connections, where nothing is required. A $schema or modeline naming an update schema says so too, and wins." },
            rules,
          },
          required: ["files"],
          additionalProperties: false,
        },
      },
    },
    additionalProperties: false,
  };
}
