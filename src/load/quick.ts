// Reading a YAML text as plain data only, several times faster than building positions, for the files with nothing to report.
import jsyaml from "js-yaml";

/**
 * What could make js-yaml and `yaml` disagree, or needs the source to check: anchors, aliases, merge keys and tags,
 * directives, modelines, suppression comments, complex keys, and plain values that are not simple words or decimal
 * integers (YAML 1.1 booleans, octal-looking or underscored numbers, sexagesimals, floats, hex). A text with any of
 * these takes the full path, which also checks what the quick path can't see.
 */
const NEEDS_FULL_PATH = [
  /[&*!]|<<|^%|^\s*\?\s|^\.\.\.|yaml-language-server|connlint-|\t/m,
  /(?:^|[\s,[{])(?:[yYnN]|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)\s*(?:#|$|,|\]|\})/m,
  /(?:^|[\s,[{])[-+]?(?:\.?[0-9][0-9_]*(?:[.:eExXoObB_][0-9A-Fa-f_.:+-]*)|0[0-9]+|\.(?:inf|Inf|INF|nan|NaN|NAN))\s*(?:#|$|,|\]|\})/m,
];

/** The documents of a YAML text as plain data; undefined when the text needs the full path, or js-yaml refuses it. */
export function quickYamlDocuments(text: string): unknown[] | undefined {
  if (NEEDS_FULL_PATH.some((pattern) => pattern.test(text))) return undefined;
  try {
    return jsyaml.loadAll(text, undefined, { schema: jsyaml.CORE_SCHEMA, json: false });
  } catch {
    return undefined;
  }
}
