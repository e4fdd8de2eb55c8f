// The real binary in hostile conditions: unreadable files, a file deleted mid-run, a broken install, no network, no writes.
import { spawn, spawnSync, type SpawnSyncOptions } from "node:child_process";
import { cpSync, chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, statSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { FORMATTERS } from "../src/format/index.js";
import { ROOT } from "./support/shared.js";

const BIN = join(ROOT, "bin", "connlint.cjs");
const CANARY = "record_type: ip_connection\ntransport_protocol: udp\n";
const CANARY_ERROR = "error: `transport_protocol` must be one of UDP, TCP, TLS; got the string `udp` (did you mean `UDP`?) [invalid-value]";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "connlint-process-"));
});

function connlint(args: string[], options: SpawnSyncOptions & { node?: string[]; prefix?: string[] } = {}) {
  const { node = [], prefix = [], ...rest } = options;
  const [command, ...commandArgs] = [...prefix, process.execPath, ...node, BIN, ...args];
  const result = spawnSync(command!, commandArgs, { cwd: dir, encoding: "utf8", timeout: 60_000, ...rest });
  return { code: result.status, stdout: String(result.stdout ?? ""), stderr: String(result.stderr ?? ""), error: result.error };
}

/**
 * A test that needs a system tool: prints its version, skips naming the Debian package when it is missing,
 * and fails instead under CI=true (.ci/run installs it).
 */
function withTool(tool: string, versionArgs: string[], debianPackage: string): boolean {
  const probe = spawnSync(tool, versionArgs, { encoding: "utf8" });
  if (!probe.error && probe.status === 0) {
    console.log(`${tool}: ${probe.stdout.split("\n")[0]}`);
    return true;
  }
  if (process.env.CI === "true") throw new Error(`${tool} is missing: .ci/run must install the Debian package ${debianPackage}`);
  console.warn(`skipping a test: ${tool} is missing; install the Debian package ${debianPackage}`);
  return false;
}

describe("a file without read permission", () => {
  it("is a read-error on that file, and the run goes on", () => {
    writeFileSync(join(dir, "ok.yaml"), CANARY);
    writeFileSync(join(dir, "locked.yaml"), CANARY);
    chmodSync(join(dir, "locked.yaml"), 0o000);
    // Root reads anything through CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH: as root, run without them, so the
    // kernel checks the file's mode as it does for any user (a run as another user could not reach the checkout).
    const asRoot = process.getuid?.() === 0;
    if (asRoot && !withTool("setpriv", ["--version"], "util-linux")) return;
    const prefix = asRoot ? ["setpriv", "--bounding-set=-dac_override,-dac_read_search"] : [];
    const control = spawnSync(prefix[0] ?? process.execPath, [...prefix.slice(1), ...(asRoot ? [process.execPath] : []), "-e", "require('fs').readFileSync('locked.yaml')"], { cwd: dir, encoding: "utf8" });
    expect(control.stderr).toContain("EACCES");
    const result = connlint(["locked.yaml", "ok.yaml", "-f", "unix"], { prefix });
    expect(result).toMatchObject({ code: 1, stderr: "" });
    expect(result.stdout).toBe(`locked.yaml:1:1: error: permission denied: connlint can't read this file [read-error]\nok.yaml:2:21: ${CANARY_ERROR}\n`);
  });
});

describe("a file deleted between finding it and reading it", () => {
  // connlint reads files in order. The first is a FIFO: reading it blocks until a writer opens it. The writer,
  // another process, deletes the second file before writing and closing, so when connlint reaches the second
  // file it was found (it existed when the arguments were expanded) and is gone: the race, made certain.
  it("is a read-error on that file, and the run goes on", async () => {
    const gate = join(dir, "a-gate.yaml");
    const victim = join(dir, "b-victim.yaml");
    writeFileSync(victim, CANARY);
    writeFileSync(join(dir, "c-ok.yaml"), CANARY);
    expect(spawnSync("mkfifo", [gate]).status).toBe(0);
    const writer = spawn(process.execPath, ["-e", `const fs = require("fs"); const fd = fs.openSync(${JSON.stringify(gate)}, "w"); fs.unlinkSync(${JSON.stringify(victim)}); fs.writeSync(fd, ${JSON.stringify(CANARY)}); fs.closeSync(fd);`]);
    const exited = new Promise((resolve) => writer.on("exit", resolve));
    try {
      const result = connlint(["a-gate.yaml", "b-victim.yaml", "c-ok.yaml", "-f", "unix"], { timeout: 30_000 });
      expect(result).toMatchObject({ code: 1, stderr: "" });
      expect(result.stdout).toBe(
        [
          `a-gate.yaml:2:21: ${CANARY_ERROR}`,
          "b-victim.yaml:1:1: error: the file does not exist (a broken symbolic link, or deleted while connlint ran) [read-error]",
          `c-ok.yaml:2:21: ${CANARY_ERROR}`,
          "",
        ].join("\n"),
      );
      expect(await exited).toBe(0);
    } finally {
      writer.kill();
    }
  });
});

describe("an internal error", () => {
  /** A copy of connlint whose schema file is damaged: a broken installation, connlint's fault, not the user's. */
  function brokenInstall(): string {
    const install = join(dir, "install");
    for (const part of ["bin", "dist", "schemas", "package.json"]) cpSync(join(ROOT, part), join(install, part), { recursive: true });
    symlinkSync(join(ROOT, "node_modules"), join(install, "node_modules"));
    writeFileSync(join(install, "schemas", "ip-connection.schema.json"), '{ "type": "object", ');
    return join(install, "bin", "connlint.cjs");
  }

  it("is exit 2 and one line saying where to report it; the stack only with --debug; never a secret", () => {
    const bin = brokenInstall();
    writeFileSync(join(dir, "conn.yaml"), "record_type: ip_connection\noutbound:\n  ip_authentication_token: pl4nted-Secret-Token\n");
    const plain = spawnSync(process.execPath, [bin, "conn.yaml"], { cwd: dir, encoding: "utf8" });
    expect(plain.status).toBe(2);
    expect(plain.stdout).toBe("");
    expect(plain.stderr).toMatch(/^connlint: internal error: [^\n]+; please report it at https:\/\/github\.com\/connlint\/connlint\/issues \(run again with --debug for details\)\n$/);
    const debug = spawnSync(process.execPath, [bin, "conn.yaml", "--debug"], { cwd: dir, encoding: "utf8" });
    expect(debug.status).toBe(2);
    expect(debug.stderr).toMatch(/^connlint: internal error: [^\n]+; please report it at https:\/\/github\.com\/connlint\/connlint\/issues\n\S*Error[^\n]*\n\s+at /);
    for (const output of [plain.stdout, plain.stderr, debug.stdout, debug.stderr]) expect(output).not.toContain("pl4nted-Secret-Token");
  });
});

describe("a report that can't be written", () => {
  it("to a full disk: one line and exit 2, no stack", () => {
    writeFileSync(join(dir, "conn.yaml"), CANARY);
    const full = openSync("/dev/full", "w");
    try {
      const result = connlint(["conn.yaml"], { stdio: ["ignore", full, "pipe"] });
      expect(result.code).toBe(2);
      expect(result.stderr).toBe("connlint: can't write the report: ENOSPC\n");
    } finally {
      closeSync(full);
    }
  });

  it("to a reader that left (`| head -c 1`): no error at all", () => {
    writeFileSync(join(dir, "many.yaml"), `${CANARY}---\n`.repeat(20_000));
    const result = spawnSync("sh", ["-c", `"${process.execPath}" "${BIN}" -f unix many.yaml | head -c 1 >/dev/null`], { cwd: dir, encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});

describe("a report to a reader that is slow to read it", () => {
  it("arrives whole, before connlint exits with the run's code", () => {
    // Far more than a pipe holds: most of the report is still to be written when the linting is over.
    writeFileSync(join(dir, "many.yaml"), `${CANARY}---\n`.repeat(20_000));
    const script = `"${process.execPath}" "${BIN}" -f unix many.yaml | (sleep 1; wc -l); echo "exit $\{PIPESTATUS[0]}"`;
    const result = spawnSync("bash", ["-c", script], { cwd: dir, encoding: "utf8", timeout: 60_000 });
    expect(result.stderr).toBe("");
    expect(result.stdout.split(/\s+/).filter(Boolean)).toEqual(["20000", "exit", "1"]);
  });
});

describe("a report to a pipe another process made non-blocking", () => {
  it("arrives whole to a slow reader, though writing would block", () => {
    // A Node process that writes to a pipe makes it non-blocking, for every process that shares it. Perl's part of
    // Debian's essential packages: it makes the pipe non-blocking and becomes connlint.
    writeFileSync(join(dir, "many.yaml"), `${CANARY}---\n`.repeat(20_000));
    const nonBlocking = `perl -MFcntl -e 'fcntl(STDOUT, F_SETFL, fcntl(STDOUT, F_GETFL, 0) | O_NONBLOCK) or die; exec @ARGV'`;
    const script = `${nonBlocking} "${process.execPath}" "${BIN}" -f unix many.yaml | (sleep 1; wc -l); echo "exit $\{PIPESTATUS[0]}"`;
    const result = spawnSync("bash", ["-c", script], { cwd: dir, encoding: "utf8", timeout: 60_000 });
    expect(result.stderr).toBe("");
    expect(result.stdout.split(/\s+/).filter(Boolean)).toEqual(["20000", "exit", "1"]);
  });
});

describe("a cache that can't be written", () => {
  it("under a folder where mkdir fails oddly (/proc): one line, and the run's own exit code", () => {
    writeFileSync(join(dir, "conn.yaml"), CANARY);
    const result = connlint(["conn.yaml", "-f", "unix", "--cache-location", "/proc/connlint-cache/cache"], { timeout: 20_000 });
    expect(result.error).toBeUndefined();
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(CANARY_ERROR);
    expect(result.stderr).toMatch(/^connlint: can't write the cache \/proc\/connlint-cache\/cache \([A-Z]+\); the next run starts without it\n$/);
  });
});

describe("bounded memory", () => {
  // A heap limit well under what reading these files whole into `yaml`'s trees at once would need.
  const SMALL_HEAP = ["--max-old-space-size=48"];

  it("a 100 MB file is refused from its size, not read", () => {
    writeFileSync(join(dir, "huge.yaml"), "");
    truncateSync(join(dir, "huge.yaml"), 100 * 1024 * 1024);
    const result = connlint(["huge.yaml", "-f", "unix"], { node: SMALL_HEAP });
    expect(result).toMatchObject({ code: 1, stderr: "" });
    expect(result.stdout).toContain("huge.yaml:1:1: error: the file is 100 MB, larger than the 32 MB that --max-file-size allows");
  });

  it("endless standard input (/dev/zero) is refused at --max-file-size, not read on", () => {
    const zero = openSync("/dev/zero", "r");
    try {
      const result = connlint(["--stdin", "-f", "unix"], { node: SMALL_HEAP, stdio: [zero, "pipe", "pipe"], timeout: 30_000 });
      expect(result).toMatchObject({ code: 1, stderr: "", error: undefined });
      expect(result.stdout).toBe("stdin.yaml:1:1: error: the input is larger than the 32 MB that --max-file-size allows; connlint skipped it (raise --max-file-size to lint it) [read-error]\n");
    } finally {
      closeSync(zero);
    }
  });

  it("100,000 documents in one file, each reported", () => {
    writeFileSync(join(dir, "many.yaml"), `${CANARY}---\n`.repeat(100_000));
    const result = connlint(["many.yaml", "-f", "unix"], { node: ["--max-old-space-size=384"], maxBuffer: 1 << 30, timeout: 110_000 });
    expect(result).toMatchObject({ code: 1, stderr: "" });
    expect(result.stdout.split("\n").filter(Boolean)).toHaveLength(100_000);
    expect(result.stdout.split("\n").at(-2)).toBe(`many.yaml:299999:21: ${CANARY_ERROR}`);
  }, 120_000);
});

describe("connlint makes no network request", () => {
  /** Every network system call of a process and its threads, as strace sees them. */
  function networkCalls(command: string[]): string[] {
    const trace = join(dir, `trace-${Math.random().toString(36).slice(2)}.txt`);
    const result = spawnSync("strace", ["-f", "-qq", "-e", "trace=%network", "-o", trace, ...command], { cwd: dir, encoding: "utf8", input: CANARY });
    expect(result.error).toBeUndefined();
    return readFileSync(trace, "utf8").split("\n").filter((line) => /\b(socket|connect|sendto|sendmsg|bind)\(/.test(line) && !/AF_UNIX|AF_LOCAL/.test(line));
  }

  it("strace records no socket, connect or send over any network family, for files and for --stdin", () => {
    if (!withTool("strace", ["-V"], "strace")) return;
    // The harness sees an attempt when there is one: a refused connection to a closed local port.
    const control = networkCalls([process.execPath, "-e", "require('net').connect(9, '127.0.0.1').on('error', () => {})"]);
    expect(control.some((line) => line.includes("connect("))).toBe(true);
    cpSync(join(ROOT, "fixtures"), join(dir, "fixtures"), { recursive: true });
    expect(networkCalls([process.execPath, BIN, "fixtures", "-f", "json"])).toEqual([]);
    expect(networkCalls([process.execPath, BIN, "--stdin", "--stdin-filename", "x.yaml"])).toEqual([]);
  });
});

describe("connlint writes only where asked", () => {
  function snapshot(root: string): Map<string, string> {
    const files = new Map<string, string>();
    const walk = (folder: string) => {
      for (const name of readdirSync(folder)) {
        const path = join(folder, name);
        const stats = statSync(path);
        if (stats.isDirectory()) walk(path);
        files.set(relative(root, path), `${stats.mtimeMs} ${stats.mode} ${stats.isDirectory() ? "dir" : readFileSync(path).toString("base64")}`);
      }
    };
    walk(root);
    return files;
  }

  it("a plain run over the fixtures, in every format, changes no byte or mtime and adds no file (nor in HOME or TMPDIR)", () => {
    const work = join(dir, "work");
    const home = join(dir, "home");
    const temp = join(dir, "tmp");
    for (const folder of [home, temp]) mkdirSync(folder);
    cpSync(join(ROOT, "fixtures"), work, { recursive: true });
    const before = snapshot(work);
    // A plain run: outside GitHub Actions, where the github format may write the step summary it is asked for.
    const env = { ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("GITHUB_"))), HOME: home, TMPDIR: temp, XDG_CACHE_HOME: join(home, ".cache") };
    for (const format of Object.keys(FORMATTERS)) {
      const result = connlint([".", "-f", format], { cwd: work, env });
      expect(result).toMatchObject({ code: 1, stderr: "" });
      expect(result.stdout).not.toBe("");
    }
    expect(snapshot(work)).toEqual(before);
    expect(readdirSync(home)).toEqual([]);
    expect(readdirSync(temp)).toEqual([]);
    expect(existsSync(join(work, ".connlintcache"))).toBe(false);
  });
});
