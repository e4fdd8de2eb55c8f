// The real pre-commit framework installs connlint's hooks from this checkout (at HEAD), refuses a bad commit, accepts a good one.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { ROOT } from "./support/shared.js";
import { describeWithTool } from "./support/tools.js";

const PRE_COMMIT = { command: "pre-commit", versionArgs: ["--version"], debianPackage: "pre-commit" };
/** The first install runs npm install and the build: minutes on a slow machine, never in a loop. */
const INSTALL_TIMEOUT = 600_000;

const BAD = "record_type: ip_connection\nconnection_name: hq\ninbound:\n  timeout_1xx_secs: 121\n";
const GOOD = "record_type: ip_connection\nconnection_name: hq\ninbound:\n  timeout_1xx_secs: 3\n";
const COMPOSE = "services:\n  db:\n    image: postgres\n";

describeWithTool("pre-commit", PRE_COMMIT, () => {
  it(
    "refuses a commit with a bad connection file, showing connlint's report, and accepts it once fixed",
    () => {
      const head = git(ROOT, "rev-parse", "HEAD").stdout.trim();
      if (git(ROOT, "status", "--porcelain").stdout.trim()) console.warn(`pre-commit test: pre-commit installs connlint at HEAD (${head}); uncommitted changes are not part of it`);
      const home = mkdtempSync(join(tmpdir(), "connlint-pre-commit-home-"));
      const repo = mkdtempSync(join(tmpdir(), "connlint-pre-commit-repo-"));
      const env = { ...process.env, PRE_COMMIT_HOME: home, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" };
      const run = (command: string, ...args: string[]) => spawnSync(command, args, { cwd: repo, env, encoding: "utf8", timeout: INSTALL_TIMEOUT });
      const write = (name: string, text: string) => writeFileSync(join(repo, name), text);

      expect(run("git", "init", "-q").status).toBe(0);
      write(".pre-commit-config.yaml", `repos:\n  - repo: ${ROOT}\n    rev: ${head}\n    hooks:\n      - id: connlint\n      - id: connlint-all\n`);
      write("docker-compose.yml", COMPOSE);
      write("hq.yaml", BAD);
      expect(run("pre-commit", "install").status).toBe(0);
      // Reported, not asserted: how long a user's first hook install takes (npm install, then the build).
      const started = performance.now();
      const installed = run("pre-commit", "install-hooks");
      expect(installed.status, installed.stdout + installed.stderr).toBe(0);
      console.log(`pre-commit: the first install of connlint's hooks took ${((performance.now() - started) / 1000).toFixed(1)} s`);
      run("git", "add", "-A");

      const refused = run("git", "commit", "-m", "bad trunk");
      const refusedOutput = refused.stdout + refused.stderr;
      expect(refused.status, refusedOutput).toBe(1);
      expect(refusedOutput).toMatch(/^connlint\.+Failed$/m);
      expect(refusedOutput).toMatch(/^connlint \(every connection file\)\.+Failed$/m);
      expect(refusedOutput).toContain("  4:21  error  `inbound.timeout_1xx_secs` must be between 1 and 120, got 121  invalid-value");
      expect(refusedOutput).not.toContain("docker-compose.yml");
      expect(run("git", "rev-parse", "--verify", "-q", "HEAD").status, "no commit was made").not.toBe(0);

      write("hq.yaml", GOOD);
      run("git", "add", "-A");
      const accepted = run("git", "commit", "-m", "good trunk");
      const acceptedOutput = accepted.stdout + accepted.stderr;
      expect(accepted.status, acceptedOutput).toBe(0);
      expect(acceptedOutput).toMatch(/^connlint\.+Passed$/m);
      expect(acceptedOutput).toMatch(/^connlint \(every connection file\)\.+Passed$/m);
      expect(run("git", "log", "--format=%s").stdout).toBe("good trunk\n");
    },
    INSTALL_TIMEOUT,
  );
});

function git(cwd: string, ...args: string[]) {
  return spawnSync("git", args, { cwd, encoding: "utf8" });
}
