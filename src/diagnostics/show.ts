// How values and fields appear in messages: one place, so that no message ever shows a secret.
import type { Path } from "./types.js";

/** Fields whose values are secrets (spec/fields.json marks them `secret`; a test keeps the two in step). */
export const SECRET_FIELDS: ReadonlySet<string> = new Set(["password", "ip_authentication_token"]);

const LONGEST_SHOWN = 60;

export function isSecretPath(path: Path): boolean {
  return path.some((segment) => typeof segment === "string" && SECRET_FIELDS.has(segment));
}

/** `inbound.codecs[1]`: a path as a person reads it. */
export function fieldName(path: Path): string {
  let name = "";
  for (const segment of path) {
    if (typeof segment === "number") name += `[${segment}]`;
    else name += name ? `.${segment}` : segment;
  }
  return name || "the connection";
}

/** Describes a value for a message: "the string `yes`", "the number 121", "a list". */
export function describeValue(value: unknown, path: Path): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  switch (typeof value) {
    case "string":
      if (value === "") return "an empty string";
      if (isSecretPath(path)) return `a string of ${value.length} character${value.length === 1 ? "" : "s"}`;
      return `the string ${code(maskUrlSecrets(value))}`;
    case "number":
      return isSecretPath(path) ? "a number" : `the number ${value}`;
    case "boolean":
      return isSecretPath(path) ? "a boolean" : `\`${value}\``;
    case "object":
      return "a mapping";
    default:
      return "a value";
  }
}

/**
 * Shown escaped (\u001b), never raw: control characters (an ESC could drive a terminal), non-characters and lone
 * surrogates (which no XML report can hold).
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A value in backticks, shortened when long. Never call it with a secret. */
export function code(text: string): string {
  const shown = text.length > LONGEST_SHOWN ? `${text.slice(0, LONGEST_SHOWN - 1)}…` : text;
  return `\`${shown.replace(/`/g, "'").replace(/[\r\n\t]/g, " ").replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}\``;
}

/** Hides the user-info and token-like query values of URLs inside a text. */
export function maskUrlSecrets(text: string): string {
  return text
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/@\s?#]*@/gi, "$1***@")
    .replace(/([?&](?:token|access_token|api_key|apikey|key|secret|password|pass|pwd|auth|signature|sig)=)[^&#\s]*/gi, "$1***");
}
