// Tests that run a real external tool: they print its version, skip where it is missing, and fail instead under CI.
import { spawnSync } from "node:child_process";
import { describe, it } from "vitest";

export interface Tool {
  command: string;
  versionArgs: string[];
  /** The Debian package that installs it (.ci/run installs it). */
  debianPackage: string;
}

/** The tool's version line, or undefined when it is not installed. */
export function toolVersion({ command, versionArgs }: Tool): string | undefined {
  const result = spawnSync(command, versionArgs, { encoding: "utf8" });
  if (result.error || result.status !== 0) return undefined;
  return `${result.stdout}${result.stderr}`.split("\n").find((line) => line.trim())?.trim();
}

/** Like describe(), for tests that need an external tool. */
export function describeWithTool(name: string, tool: Tool, body: () => void): void {
  const version = toolVersion(tool);
  if (version) {
    console.log(`${name}: using ${tool.command}: ${version}`);
    describe(name, body);
  } else if (process.env.CI === "true") {
    describe(name, () => it(`needs ${tool.command}`, () => {
      throw new Error(`${tool.command} is missing; .ci/run must install the Debian package ${tool.debianPackage}`);
    }));
  } else {
    console.warn(`skipping "${name}": ${tool.command} is not installed (Debian package ${tool.debianPackage}: apt-get install ${tool.debianPackage})`);
    describe.skip(name, body);
  }
}
