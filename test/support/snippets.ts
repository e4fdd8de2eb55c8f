// Snippet text as an editor inserts it once the user accepts every placeholder's default.

/**
 * Expands LSP/TextMate snippet syntax: `${1:text}` gives its text, `${1|a,b|}` its first choice, `$1` nothing;
 * `\$`, `\}` and `\\` are the escaped characters.
 */
export function expandSnippet(snippet: string): string {
  return snippet
    .replace(/(?<!\\)\$\{\d+:([^$}]*)\}/g, "$1")
    .replace(/(?<!\\)\$\{\d+\|([^,|]*)[^|]*\|\}/g, "$1")
    .replace(/(?<!\\)\$\d+/g, "")
    .replace(/\\([$}\\])/g, "$1");
}

/**
 * A `defaultSnippets` body as VS Code's JSON service inserts it: a string is written as a JSON string,
 * a string that starts with `^` as it is.
 */
export function snippetBodyAsJson(body: unknown): string {
  const write = (value: unknown): string => {
    if (typeof value === "string") return value.startsWith("^") ? value.slice(1) : JSON.stringify(value);
    if (Array.isArray(value)) return `[${value.map(write).join(", ")}]`;
    if (value && typeof value === "object") return `{${Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${write(item)}`).join(", ")}}`;
    return JSON.stringify(value);
  };
  return write(body);
}
