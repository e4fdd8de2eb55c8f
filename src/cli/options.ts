// The command line's options as data: the parser and `--help` both read this table.
import type { ParseArgsConfig } from "node:util";

interface Option {
  type: "string" | "boolean";
  short?: string;
  /** The argument's name in --help. */
  arg?: string;
  help: string;
}

export const OPTIONS = {
  format: { type: "string", short: "f", arg: "NAME", help: "Output format: stylish (default), unix, json" },
  "output-file": { type: "string", short: "o", arg: "PATH", help: "Write the report to PATH instead of the terminal" },
  "max-warnings": { type: "string", arg: "N", help: "Exit with 1 when there are more than N warnings" },
  "max-file-size": { type: "string", arg: "SIZE", help: "Report files larger than SIZE instead of reading them (default 32MB; KB, MB, GB or bytes)" },
  quiet: { type: "boolean", short: "q", help: "Report errors only" },
  stdin: { type: "boolean", help: "Lint text read from standard input" },
  "stdin-filename": { type: "string", arg: "NAME", help: "The file name to use for --stdin (its extension picks YAML or JSON)" },
  "skip-non-connections": { type: "boolean", help: "Skip named files that are not connection files, as directories do" },
  "no-error-on-unmatched-pattern": { type: "boolean", help: "Do not fail when a path or pattern matches no file" },
  color: { type: "boolean", help: "Force colours on" },
  "no-color": { type: "boolean", help: "Force colours off (NO_COLOR and FORCE_COLOR are honoured too)" },
  debug: { type: "boolean", help: "Print the files skipped and internal errors' stacks to stderr" },
  help: { type: "boolean", short: "h", help: "Show this help" },
  version: { type: "boolean", short: "v", help: "Show connlint's version" },
} as const satisfies Record<string, Option>;

export type OptionValues = { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]["type"] extends "string" ? string : boolean };

export const PARSE_CONFIG = {
  options: Object.fromEntries(
    Object.entries(OPTIONS).map(([name, option]) => [name, { type: option.type, ...("short" in option ? { short: option.short } : {}) }]),
  ),
  allowPositionals: true,
  strict: true,
} satisfies ParseArgsConfig;

export function helpText(version: string): string {
  const rows = Object.entries(OPTIONS).map(([name, option]: [string, Option]) => {
    const flags = `${option.short ? `-${option.short}, ` : "    "}--${name}${option.arg ? ` ${option.arg}` : ""}`;
    return [flags, option.help] as const;
  });
  const width = Math.max(...rows.map(([flags]) => flags.length));
  return `connlint ${version}: lint Telnyx SIP connection files (YAML or JSON)

Usage:
  connlint [options] [files, directories or globs ...]
  connlint --stdin --stdin-filename NAME

Options:
${rows.map(([flags, help]) => `  ${flags.padEnd(width)}  ${help}`).join("\n")}

Exit codes: 0 no errors, 1 errors (or too many warnings), 2 usage, configuration or internal failure.
`;
}
