// connlint's own package.json: its version, homepage and issue tracker, read once.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

interface PackageInfo {
  version: string;
  homepage: string;
  bugs?: { url?: string };
}

let info: PackageInfo | undefined;

/** The package's folder: the nearest one above this module holding package.json (src/, dist/ or dist/bundle/ alike). */
export function packageRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, "package.json")) && dirname(folder) !== folder) folder = dirname(folder);
  return folder;
}

export function packageInfo(): PackageInfo {
  info ??= JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as PackageInfo;
  return info;
}

/** Where a rule's documentation lives: docs/rules/ID.md in the repository named by the homepage. */
export function ruleDocUrl(id: string): string {
  return `${packageInfo().homepage.replace(/#.*$/, "").replace(/\/$/, "")}/blob/main/docs/rules/${id}.md`;
}
