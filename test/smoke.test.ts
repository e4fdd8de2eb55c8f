// One run of the real binary, as installed: the built CLI on the bundled examples.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { ROOT } from "./support/shared.js";

it("bin/connlint.cjs lints the bundled examples and exits 1", () => {
  const result = spawnSync(process.execPath, [join(ROOT, "bin", "connlint.cjs"), "fixtures/examples", "--format", "unix"], { cwd: ROOT, encoding: "utf8" });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(1);
  expect(result.stdout).toContain("fixtures/examples/softphones.yaml:16:21: error: `inbound.timeout_1xx_secs` must be between 1 and 120, got 180 [invalid-value]");
  expect(result.stdout).not.toContain("hq-trunk.yaml");
});

it("starts from the code cache the build recorded for this Node, and never from one of another build", () => {
  const probe = (script: string) => spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" });
  const used = probe(`console.log(require("./bin/connlint.cjs").loadBundle().cacheUsed)`);
  expect(used.stderr).toBe("");
  expect(used.stdout.trim()).toBe("true");
  // The cache is found by the build's id, written into the bundle: a bundle built again never meets an older cache.
  const bundle = readFileSync(join(ROOT, "dist", "bundle", "connlint.cjs"), "utf8");
  const buildId = /^\/\/ connlint build (\S+)/m.exec(bundle)?.[1];
  expect(readdirSync(join(ROOT, "dist", "bundle")).filter((name) => name.startsWith("code-cache-"))).toEqual([`code-cache-${buildId}-${process.version}.bin`]);
});
