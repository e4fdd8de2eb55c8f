// --concurrency: a large run shared with worker threads reports exactly what one thread reports, cache or not.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";

const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "connlint.cjs");
const EXAMPLES = join(ROOT, "fixtures", "examples");
let dir: string;

/** The built command (worker threads load the bundle next to it), run on the folder. */
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ".", "-f", "json", ...args], { cwd: dir, encoding: "utf8", timeout: 120_000, maxBuffer: 256 * 1024 * 1024 });

beforeAll(() => {
  // 80 copies of each example: several chunks of files, clean and faulty, and connection names shared between copies.
  dir = mkdtempSync(join(tmpdir(), "connlint-parallel-"));
  const examples = readdirSync(EXAMPLES).filter((name) => /\.(ya?ml|json)$/.test(name) && !name.startsWith("."));
  for (let copy = 0; copy < 80; copy++) for (const name of examples) copyFileSync(join(EXAMPLES, name), join(dir, `${copy}-${name}`));
});

describe("--concurrency", () => {
  it("reports the same problems, in the same order, with a worker thread as without", () => {
    const alone = run("--concurrency", "off");
    const shared = run("--concurrency", "2", "--debug");
    expect(shared.stderr).toContain("connlint: 240 files, 2 threads");
    const linted = Number(/a worker thread linted (\d+) files/.exec(shared.stderr)?.[1]);
    expect(linted).toBeGreaterThan(0);
    expect(alone.status).toBe(1);
    expect(shared.status).toBe(alone.status);
    expect(JSON.parse(shared.stdout)).toEqual(JSON.parse(alone.stdout));
    // The shared names are reported with their places in the other files, found again from those files.
    expect(alone.stdout).toContain("unique-connection-name");
  });

  it("fills the cache from the worker threads, and reads it back the same", () => {
    const alone = run("--concurrency", "off");
    const first = run("--concurrency", "2", "--cache");
    const second = run("--concurrency", "2", "--cache");
    expect(JSON.parse(first.stdout)).toEqual(JSON.parse(alone.stdout));
    expect(JSON.parse(second.stdout)).toEqual(JSON.parse(alone.stdout));
  });

  it("lints a failed worker's files on the main thread", async () => {
    // Run from the sources, where no worker.cjs is built beside them: the worker can't start, and its chunk comes back.
    const alone = await runCli([".", "-f", "json", "--concurrency", "off"], { cwd: dir });
    const failed = await runCli([".", "-f", "json", "--concurrency", "2", "--debug"], { cwd: dir });
    expect(failed.stderr).toMatch(/a worker thread failed|can't start a worker thread/);
    expect(failed.code).toBe(alone.code);
    expect(JSON.parse(failed.stdout)).toEqual(JSON.parse(alone.stdout));
  });

  it("refuses a value that is no number of threads", async () => {
    const result = await runCli(["--concurrency", "many", "."], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--concurrency takes a number of threads, auto or off, got "many"');
  });
});
