// The same file may be applied by a YAML 1.1 tool (PyYAML, go-yaml v2): plain values it reads differently are traps.
import { fieldName } from "../diagnostics/show.js";
import type { Finding } from "../diagnostics/types.js";
import { yaml11Reading } from "../load/yaml-1-1.js";
import type { Rule, WrittenScalar } from "./types.js";

const JSON_TYPE: Record<string, string> = { string: "string", number: "number", boolean: "boolean" };

export default {
  id: "yaml-1-1-portability",
  severity: "warning",
  description: "A plain YAML value that YAML 1.1 tools read differently from YAML 1.2",
  fixable: true,
  check: ({ plainScalars, schemaTypes, render }) =>
    plainScalars().flatMap((scalar): Finding[] => {
      const older = yaml11Reading(scalar.source);
      if (older === undefined || older === scalar.value || !accepted(scalar, schemaTypes)) return [];
      const text = typeof scalar.value === "string" ? render(scalar.value) : String(scalar.value);
      const meaning = typeof scalar.value === "string" ? `the string "${scalar.value}"` : `the number ${String(scalar.value)}`;
      // PyYAML keeps y and n as strings; readers that follow the YAML 1.1 types to the letter do not.
      const readers = /^[yn]$/i.test(scalar.source) ? "YAML 1.1 readers such as go-yaml v2" : "YAML 1.1 tools such as PyYAML and go-yaml v2";
      return [{
        path: scalar.path,
        message: `\`${fieldName(scalar.path)}\` is written \`${scalar.source}\`: YAML 1.2 (and the API) read ${meaning}, but ${readers} read ${JSON.stringify(older)}; write \`${text}\` so every tool agrees`,
        replacement: { text, desc: `Write ${text}`, certain: true },
      }];
    }),
} satisfies Rule;

/** Only values the schema accepts as read: a value of the wrong type is already the schema's error. */
function accepted(scalar: WrittenScalar, schemaTypes: (path: WrittenScalar["path"]) => string[] | undefined): boolean {
  const types = schemaTypes(scalar.path);
  const type = JSON_TYPE[typeof scalar.value];
  if (!types || !type) return false;
  return types.includes(type) || (type === "number" && types.includes("integer") && Number.isInteger(scalar.value));
}
