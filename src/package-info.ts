// connlint's own package.json: its version, homepage and issue tracker, read once.
import { readFileSync } from "node:fs";

interface PackageInfo {
  version: string;
  homepage: string;
  bugs?: { url?: string };
}

let info: PackageInfo | undefined;

export function packageInfo(): PackageInfo {
  info ??= JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as PackageInfo;
  return info;
}

/** Where a rule's documentation lives: docs/rules/ID.md in the repository named by the homepage. */
export function ruleDocUrl(id: string): string {
  return `${packageInfo().homepage.replace(/#.*$/, "").replace(/\/$/, "")}/blob/main/docs/rules/${id}.md`;
}
