// Which connlint the extension starts, and how: kept apart from the VS Code API so that it runs (and is tested) in plain Node.
import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";

/** The extension's settings that choose the server. */
export interface ServerSettings {
  /** `connlint.path`: connlint's `bin/connlint.cjs`; empty for the workspace's own. */
  path: string;
  /** `connlint.nodePath`: the Node.js that runs it. */
  nodePath: string;
}

/** What vscode-languageclient spawns (its `Executable` server options: stdio, no argument added). */
export interface ServerCommand {
  command: string;
  args: string[];
  options: { cwd: string };
}

/** The documents the client sends to the server; the server itself decides which of them are connection files. */
export const DOCUMENT_SELECTOR = [
  { scheme: "file", language: "yaml" },
  { scheme: "file", language: "json" },
];

/**
 * The command that starts `connlint lsp --stdio`: the configured path, else the first workspace folder's
 * `node_modules/connlint`, else a checkout of connlint opened as a folder. Undefined when there is none.
 */
export function serverCommand(folders: string[], settings: ServerSettings): ServerCommand | undefined {
  const script = settings.path ? configuredScript(folders, settings.path) : installedScript(folders);
  if (!script) return undefined;
  const cwd = folders[0] ?? resolve(script, "..", "..");
  return { command: settings.nodePath || "node", args: [script, "lsp", "--stdio"], options: { cwd } };
}

function configuredScript(folders: string[], path: string): string | undefined {
  const script = isAbsolute(path) ? path : resolve(folders[0] ?? ".", path);
  return existsSync(script) ? script : undefined;
}

function installedScript(folders: string[]): string | undefined {
  for (const folder of folders) {
    const installed = join(folder, "node_modules", "connlint", "bin", "connlint.cjs");
    if (existsSync(installed)) return installed;
    if (isConnlintCheckout(folder)) return join(folder, "bin", "connlint.cjs");
  }
  return undefined;
}

function isConnlintCheckout(folder: string): boolean {
  try {
    return (JSON.parse(readFileSync(join(folder, "package.json"), "utf8")) as { name?: string }).name === "connlint" && existsSync(join(folder, "bin", "connlint.cjs"));
  } catch {
    return false;
  }
}
