// How YAML 1.1 readers (PyYAML, go-yaml v2) type a plain scalar, where that differs from YAML 1.2's core schema:
// the yaml-1-1-portability rule reports such values, and the quick path leaves texts holding them to the full path.

const BOOLEANS_1_1: Record<string, boolean> = { y: true, yes: true, on: true, n: false, no: false, off: false };

/** The words YAML 1.1 reads as booleans, in the spellings it takes. */
const BOOLEAN_WORDS = /^(?:[yYnN]|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$/;

/**
 * True for every number read otherwise below: one written with a leading 0, a `_` or a `:`. One test that most values
 * fail at their first character: the quick path asks about every plain value of every file.
 */
const NUMBER_READ_OTHERWISE = /^[-+]?(?:0[0-9b]|[0-9][0-9_]*[_:])/;

/** How a YAML 1.1 reader types a plain scalar, where that differs from YAML 1.2's core schema. */
export function yaml11Reading(source: string): boolean | number | undefined {
  if (BOOLEAN_WORDS.test(source)) return BOOLEANS_1_1[source.toLowerCase()];
  if (!NUMBER_READ_OTHERWISE.test(source)) return undefined;
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
