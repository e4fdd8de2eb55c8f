// The same file may be applied by a YAML 1.1 tool (PyYAML, go-yaml v2): plain values it reads differently are traps.
import { fieldName } from "../diagnostics/show.js";
import type { Finding } from "../diagnostics/types.js";
import type { Rule, WrittenScalar } from "./types.js";

const BOOLEANS_1_1: Record<string, boolean> = { y: true, yes: true, on: true, n: false, no: false, off: false };

/** How a YAML 1.1 reader types a plain scalar, where that differs from YAML 1.2's core schema. */
export function yaml11Reading(source: string): boolean | number | undefined {
  const lower = source.toLowerCase();
  if (Object.hasOwn(BOOLEANS_1_1, lower) && /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/.test(source)) return BOOLEANS_1_1[lower];
  if (/^[-+]?0[0-7]+$/.test(source)) return parseInt(source, 8);
  if (/^[-+]?0b[01_]+$/.test(source)) return parseInt(source.replace(/_/g, "").replace(/^([-+]?)0b/, "$1"), 2);
  if (/^[-+]?[0-9][0-9_]*$/.test(source) && source.includes("_")) return Number(source.replace(/_/g, ""));
  if (/^[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+$/.test(source)) return sexagesimal(source);
  return undefined;
}

function sexagesimal(source: string): number {
  const sign = source.startsWith("-") ? -1 : 1;
  return sign * source.replace(/^[-+]/, "").split(":").reduce((total, part) => total * 60 + Number(part.replace(/_/g, "")), 0);
}

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
