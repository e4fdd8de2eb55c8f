// The README says what connlint does: its options, its rules and its sample output must stay true.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { OPTIONS } from "../src/cli/options.js";
import { lintText } from "../src/lint.js";
import { runCli } from "./support/cli.js";
import { ROOT } from "./support/shared.js";

const readme = readFileSync(join(ROOT, "README.md"), "utf8");

describe("README.md", () => {
  it("lists every option", () => {
    for (const name of Object.keys(OPTIONS)) expect(readme, `--${name}`).toContain(`--${name}`);
  });

  it("shows a configuration that connlint accepts", async () => {
    const example = /```yaml\n(# \.connlintrc\.yaml\n[\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeTruthy();
    const dir = mkdtempSync(join(tmpdir(), "connlint-readme-"));
    writeFileSync(join(dir, ".connlintrc.yaml"), example!);
    writeFileSync(join(dir, "a.yaml"), "record_type: ip_connection\n");
    expect(await runCli(["a.yaml"], { cwd: dir })).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("shows suppression comments that silence what they name", () => {
    const example = /## Suppressing a problem[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    const text = `record_type: credential_connection\nconnection_name: lab\nuser_name: lab00001\n${example}`;
    expect(lintText(text, { filePath: "lab.yaml" }).diagnostics).toEqual([]);
  });

  it("shows the quick start's output as connlint prints it", async () => {
    const shown = /prints:\n\n```text\n([\s\S]*?)```/.exec(readme)?.[1];
    const { stdout } = await runCli(["fixtures/examples", "--no-color"], { cwd: ROOT });
    expect(shown).toBe(stdout);
  });
});
