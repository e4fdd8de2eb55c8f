// One run of the real binary, as installed: the built CLI on the bundled examples.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { expect, it } from "vitest";
import { ROOT } from "./support/shared.js";

it("bin/connlint.js lints the bundled examples and exits 1", () => {
  const result = spawnSync(process.execPath, [join(ROOT, "bin", "connlint.js"), "fixtures/examples", "--format", "unix"], { cwd: ROOT, encoding: "utf8" });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(1);
  expect(result.stdout).toContain("fixtures/examples/softphones.yaml:16:21: error: `inbound.timeout_1xx_secs` must be between 1 and 120, got 180 [invalid-value]");
  expect(result.stdout).not.toContain("hq-trunk.yaml");
});
