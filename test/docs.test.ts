// The README says what connlint does: its options, its rules and its sample output must stay true.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { OPTIONS } from "../src/cli/options.js";
import { runCli } from "./support/cli.js";
import { ROOT } from "./support/shared.js";

const readme = readFileSync(join(ROOT, "README.md"), "utf8");

describe("README.md", () => {
  it("lists every option", () => {
    for (const name of Object.keys(OPTIONS)) expect(readme, `--${name}`).toContain(`--${name}`);
  });

  it("shows the quick start's output as connlint prints it", async () => {
    const shown = /prints:\n\n```text\n([\s\S]*?)```/.exec(readme)?.[1];
    const { stdout } = await runCli(["fixtures/examples", "--no-color"], { cwd: ROOT });
    expect(shown).toBe(stdout);
  });
});
