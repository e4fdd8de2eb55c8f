// The command line's options as data: the parser and `--help` both read this table.
import type { ParseArgsConfig } from "node:util";

interface Option {
  type: "string" | "boolean";
  multiple?: boolean;
  short?: string;
  /** The argument's name in --help. */
  arg?: string;
  help: string;
}

export const OPTIONS = {
  format: { type: "string", short: "f", arg: "NAME", help: "Output format: stylish (default), unix, json, sarif, github, junit" },
  config: { type: "string", short: "c", arg: "PATH", help: "Use this configuration file for every file, instead of searching" },
  rule: { type: "string", multiple: true, arg: "ID:SEVERITY", help: "Set a rule's severity (error, warning, info, off); repeatable" },
  "print-config": { type: "string", arg: "FILE", help: "Print the configuration that applies to FILE, and exit" },
  baseline: { type: "string", arg: "PATH", help: "Report only problems not recorded in this baseline (default: .connlint-baseline.json, if it exists)" },
  "baseline-write": { type: "boolean", help: "Record today's problems of the linted files in the baseline, and report none" },
  "output-file": { type: "string", short: "o", arg: "PATH", help: "Write the report to PATH; the terminal gets a one-line summary" },
  "max-warnings": { type: "string", arg: "N", help: "Exit with 1 when there are more than N warnings (-1: no limit, the default)" },
  cache: { type: "boolean", help: "Keep what each file gave, and lint only changed files next time (in .connlintcache)" },
  "cache-location": { type: "string", arg: "PATH", help: "Where --cache keeps its file (implies --cache)" },
  "max-file-size": { type: "string", arg: "SIZE", help: "Report files larger than SIZE instead of linting them (default 32MB; KB, MB, GB or bytes)" },
  concurrency: { type: "string", arg: "N", help: "Threads that lint a large run: a number, auto (half the cores, from 400 files) or off (the default)" },
  quiet: { type: "boolean", short: "q", help: "Report errors only (warnings still count for --max-warnings)" },
  fix: { type: "boolean", help: "Apply the certain fixes to the files (with --stdin: print the fixed text)" },
  "fix-dry-run": { type: "boolean", help: "Show what --fix would change (a diff, or each file's output in json), writing nothing" },
  stdin: { type: "boolean", help: "Lint text read from standard input" },
  "stdin-filename": { type: "string", arg: "NAME", help: "The file name to use for --stdin (its extension picks YAML or JSON)" },
  stdio: { type: "boolean", help: "With lsp: speak the Language Server Protocol on standard input and output" },
  "skip-non-connections": { type: "boolean", help: "Skip named files that are not connection files, as directories do" },
  "no-error-on-unmatched-pattern": { type: "boolean", help: "Do not fail when a path or pattern matches no file, or only ignored ones" },
  color: { type: "boolean", help: "Force colours on" },
  "no-color": { type: "boolean", help: "Force colours off (NO_COLOR and FORCE_COLOR are honoured too)" },
  debug: { type: "boolean", help: "Print the files skipped, how --cache served the run, and internal errors' stacks to stderr" },
  help: { type: "boolean", short: "h", help: "Show this help" },
  version: { type: "boolean", short: "v", help: "Show connlint's version" },
} as const satisfies Record<string, Option>;

/** `connlint body FILE`'s own options. */
export const BODY_OPTIONS = {
  document: { type: "string", arg: "N", help: "Which connection of the file: its document (YAML) or element (JSON array), from 0" },
  env: { type: "boolean", help: "Fill ${NAME} placeholders from the environment (the output then holds their values)" },
  help: { type: "boolean", short: "h", help: "Show this help" },
} as const satisfies Record<string, Option>;

type ValuesOf<T extends Record<string, Option>> = {
  [K in keyof T]?: T[K] extends { multiple: true } ? string[] : T[K]["type"] extends "string" ? string : boolean;
};
export type OptionValues = ValuesOf<typeof OPTIONS>;
export type BodyOptionValues = ValuesOf<typeof BODY_OPTIONS>;

function parseConfig(options: Record<string, Option>) {
  return {
    options: Object.fromEntries(
      Object.entries(options).map(([name, option]) => [name, { type: option.type, ...(option.short ? { short: option.short } : {}), ...(option.multiple ? { multiple: true } : {}) }]),
    ),
    allowPositionals: true,
    strict: true,
  } satisfies ParseArgsConfig;
}

export const PARSE_CONFIG = parseConfig(OPTIONS);
export const BODY_PARSE_CONFIG = parseConfig(BODY_OPTIONS);

export function helpText(version: string): string {
  return `connlint ${version}: lint Telnyx SIP connection files (YAML or JSON)

Usage:
  connlint [options] [files, directories or globs ...]
  connlint --stdin --stdin-filename NAME
  connlint explain RULE_ID          show a rule's documentation
  connlint body FILE [--document N] [--env]
  connlint lsp --stdio              run the language server for editors

Options:
${optionRows(OPTIONS)}

Exit codes: 0 no errors, 1 errors (or too many warnings), 2 usage, configuration or internal failure.
`;
}

export function bodyHelpText(): string {
  return `Usage: connlint body FILE [--document N] [--env]

Prints the JSON request body of the connection in FILE, as the API takes it: without record_type
and $schema, YAML merges resolved, an API response's {"data": ...} unwrapped, and ${"${NAME}"}
placeholders kept, or filled from the environment with --env. A connection with errors is refused.

Options:
${optionRows(BODY_OPTIONS)}

Exit codes: 0 printed, 1 the connection has errors (the report is on stderr), 2 usage failure
(no such file, a missing environment variable, a secret without --env).
`;
}

function optionRows(options: Record<string, Option>): string {
  const rows = Object.entries(options).map(([name, option]) => {
    const flags = `${option.short ? `-${option.short}, ` : "    "}--${name}${option.arg ? ` ${option.arg}` : ""}`;
    return [flags, option.help] as const;
  });
  const width = Math.max(...rows.map(([flags]) => flags.length));
  return rows.map(([flags, help]) => `  ${flags.padEnd(width)}  ${help}`).join("\n");
}
