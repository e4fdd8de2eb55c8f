// The README's CI and pre-commit snippets stay runnable: their connlint commands, file names and hook ids are checked here.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { BODY_OPTIONS } from "../src/cli/options.js";
import { runCli } from "./support/cli.js";
import { ROOT } from "./support/shared.js";

const readme = readFileSync(join(ROOT, "README.md"), "utf8");
const section = (title: string) => readme.slice(readme.indexOf(`## ${title}`), readme.indexOf("\n## ", readme.indexOf(`## ${title}`) + 1));
const blocks = (text: string, language: string) => [...text.matchAll(new RegExp("```" + language + "\\n([\\s\\S]*?)```", "g"))].map((match) => match[1]!);

/** Every `npx connlint …` line of a text. */
const connlintCommands = (text: string) => [...text.matchAll(/npx connlint ([^\n#]+)/g)].map((match) => match[1]!.trim().split(/\s+/));

describe("README: Use in CI", () => {
  const ci = section("Use in CI");
  const [workflow, gitlab] = blocks(ci, "yaml").map((text) => parse(text));
  const commands = [...blocks(ci, "sh"), ...blocks(ci, "yaml")].flatMap(connlintCommands);

  it("has the plain, GitHub Actions and GitLab CI snippets, as valid YAML", () => {
    expect(commands.length).toBe(4);
    expect(workflow.jobs.connlint.steps.map((step: { uses?: string; run?: string }) => step.uses ?? step.run)).toContain("github/codeql-action/upload-sarif@v4");
    expect(gitlab.connlint.artifacts.reports.junit).toBe("connlint-junit.xml");
  });

  it("runs each connlint command as written, writing the files the next steps read", async () => {
    const repo = mkdtempSync(join(tmpdir(), "connlint-readme-"));
    mkdirSync(join(repo, ".git"));
    mkdirSync(join(repo, "connections"));
    writeFileSync(join(repo, "connections", "hq.yaml"), "record_type: ip_connection\ninbound:\n  timeout_1xx_secs: 121\n");
    for (const argv of commands) {
      const result = await runCli(argv, { cwd: repo, env: { GITHUB_STEP_SUMMARY: join(repo, "summary.md") } });
      expect(result.code, `npx connlint ${argv.join(" ")}: ${result.stderr}`).toBe(1);
    }
    const upload = workflow.jobs.connlint.steps.find((step: { uses?: string }) => step.uses?.startsWith("github/codeql-action/upload-sarif"));
    expect(existsSync(join(repo, upload.with.sarif_file))).toBe(true);
    expect(existsSync(join(repo, gitlab.connlint.artifacts.reports.junit))).toBe(true);
    expect(readFileSync(join(repo, "summary.md"), "utf8")).toContain("| error | connections/hq.yaml:3:21 |");
  });
});

describe("README: Use with pre-commit", () => {
  const hooks = (parse(readFileSync(join(ROOT, ".pre-commit-hooks.yaml"), "utf8")) as { id: string }[]).map((hook) => hook.id);

  it("names hooks that .pre-commit-hooks.yaml defines, and explains each", () => {
    const [config] = blocks(section("Use with pre-commit"), "yaml").map((text) => parse(text));
    for (const hook of config.repos[0].hooks) expect(hooks).toContain(hook.id);
    for (const id of hooks) expect(section("Use with pre-commit")).toContain(`- \`${id}\``);
  });
});

it("README: documents connlint body's options", () => {
  for (const name of Object.keys(BODY_OPTIONS)) expect(readme).toContain(`--${name}`);
});
