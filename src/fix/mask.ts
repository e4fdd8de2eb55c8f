// Secrets hidden from a text shown in a report (the dry-run's diff and output): values of secret keys, credentials in URLs.
import { distance } from "fastest-levenshtein";
import { SECRET_FIELDS, maskUrlSecrets } from "../diagnostics/show.js";
import { isPlaceholder } from "../diagnostics/placeholder.js";
import type { Fix } from "../diagnostics/types.js";
import { formatOf, loadText } from "../load/index.js";
import type { Node } from "../load/tree.js";
import { applyFixes } from "./apply.js";

const MASK = "***";
/** A line `key: value` whose key looks like a secret's, for documents too broken to have a tree. */
const SECRET_LINE = /^(\s*-?\s*["']?([A-Za-z_]*(?:pass|token|secret)[A-Za-z_]*)["']?\s*:\s*)(?!\$\{[A-Z_][A-Z0-9_]*\}\s*$)(\S.*)$/gim;

/** Whether a key holds a secret: a secret field, or a misspelling of one (`pasword`). */
export function isSecretKey(key: string): boolean {
  const lower = key.toLowerCase();
  return [...SECRET_FIELDS].some((secret) => lower === secret || distance(lower, secret) <= 2 || lower.includes("password") || lower.includes("token"));
}

export function maskSecrets(text: string, filePath: string): string {
  const file = loadText(text, formatOf(filePath));
  if (file.documents.some((document) => document.broken)) return maskLines(text);
  const edits: Fix[] = [];
  for (const document of file.documents) if (document.root) collect(document.root, false, edits, new Set());
  return applyFixes(text, edits).text;
}

function collect(node: Node, secret: boolean, edits: Fix[], seen: Set<Node>): void {
  if (seen.has(node)) return;
  seen.add(node);
  switch (node.type) {
    case "scalar":
      if (secret && node.value !== null && node.value !== "" && !isPlaceholder(node.value)) edits.push({ range: [node.range.start, node.range.end], text: JSON.stringify(MASK) });
      else if (typeof node.value === "string" && maskUrlSecrets(node.value) !== node.value) edits.push({ range: [node.range.start, node.range.end], text: JSON.stringify(maskUrlSecrets(node.value)) });
      return;
    case "seq":
      node.items.forEach((item) => collect(item, secret, edits, seen));
      return;
    case "map":
      node.entries.forEach((entry) => collect(entry.value, secret || isSecretKey(entry.key), edits, seen));
      return;
    case "alias":
      return;
  }
}

function maskLines(text: string): string {
  return maskUrlSecrets(text.replace(SECRET_LINE, (_line, head: string) => `${head}${MASK}`));
}
