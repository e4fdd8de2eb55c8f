// --fix and --fix-dry-run: byte-exact before/after pairs, nothing lost, atomic writes, and properties over generated files.
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import fc from "fast-check";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { fixText } from "../src/fix/index.js";
import { writeAtomically, type WriteOps } from "../src/fix/write.js";
import { runCli } from "./support/cli.js";
import { FIXTURES } from "./support/fixtures.js";

const PAIRS = join(FIXTURES, "fix");
const befores = readdirSync(PAIRS).filter((name) => name.includes(".before.")).sort();

/** A copy of a fixture in a fresh folder, named as a user's file would be. */
function copyOf(name: string): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), "connlint-fix-"));
  const path = join(dir, name.replace(".before.", "."));
  copyFileSync(join(PAIRS, name), path);
  return { dir, path };
}

describe("--fix on each before/after pair", () => {
  it("has pairs", () => expect(befores.length).toBeGreaterThanOrEqual(8));
  for (const name of befores) {
    it(`${name} becomes ${name.replace(".before.", ".after.")} byte for byte, and a second --fix changes nothing`, async () => {
      const { dir, path } = copyOf(name);
      await runCli(["--fix", basename(path)], { cwd: dir });
      expect(readFileSync(path)).toEqual(readFileSync(join(PAIRS, name.replace(".before.", ".after."))));
      const fixedOnce = statSync(path).mtimeMs;
      await new Promise((done) => setTimeout(done, 20));
      await runCli(["--fix", basename(path)], { cwd: dir });
      expect(statSync(path).mtimeMs).toBe(fixedOnce);
      expect(readdirSync(dir)).toEqual([basename(path)]);
    });
  }
});

describe("--fix", () => {
  it("reports what remains and exits by it", async () => {
    const { dir, path } = copyOf("enums.before.yaml");
    const fixed = await runCli(["--fix", "-f", "unix", basename(path)], { cwd: dir });
    expect(fixed).toEqual({ code: 0, stdout: "", stderr: "" });
    const { dir: dir2, path: path2 } = copyOf("codecs-block.before.yaml");
    const remaining = await runCli(["--fix", "-f", "unix", basename(path2)], { cwd: dir2 });
    expect(remaining.code).toBe(1);
    expect(remaining.stdout).toBe("codecs-block.yaml:4:1: error: unknown key `tags_note`: the API does not know it [unknown-key]\n");
  });

  it("offers no fix for a value whose core tag decides its type: rewriting its text would change nothing", async () => {
    const stdin = "record_type: ip_connection\nconnection_name: tagged\nactive: !!str true\nrtcp_settings:\n  report_frequency_secs: !!str 10\n";
    const report = await runCli(["--stdin", "-f", "json"], { cwd: tmpdir(), stdin });
    const messages = (JSON.parse(report.stdout) as { messages: { line: number; message: string; fix?: unknown; suggestions?: unknown }[] }[])[0]!.messages;
    expect(messages.map(({ line, message, fix, suggestions }) => ({ line, tagNamed: message.endsWith("the `!!str` tag makes it so; remove the tag"), fix, suggestions }))).toEqual([
      { line: 3, tagNamed: true, fix: undefined, suggestions: undefined },
      { line: 5, tagNamed: true, fix: undefined, suggestions: undefined },
    ]);
  });

  it("keeps the file's permissions", async () => {
    const { dir, path } = copyOf("numbers.before.yaml");
    chmodSync(path, 0o640);
    await runCli(["--fix", basename(path)], { cwd: dir });
    expect(statSync(path).mode & 0o777).toBe(0o640);
  });

  it("with --stdin prints the fixed text on stdout and the report on stderr", async () => {
    const stdin = "record_type: ip_connection\ntransport_protocol: udp\npassword_note: x\n";
    const result = await runCli(["--fix", "--stdin", "-f", "unix"], { cwd: tmpdir(), stdin });
    expect(result.stdout).toBe("record_type: ip_connection\ntransport_protocol: UDP\npassword_note: x\n");
    expect(result.stderr).toBe("stdin.yaml:3:1: error: unknown key `password_note`: the API does not know it [unknown-key]\n");
    expect(result.code).toBe(1);
  });

  it("refuses --fix with --fix-dry-run", async () => {
    expect(await runCli(["--fix", "--fix-dry-run", "x.yaml"], { cwd: tmpdir() })).toMatchObject({ code: 2, stderr: "connlint: --fix and --fix-dry-run can't be used together\n" });
  });
});

describe("--fix-dry-run", () => {
  const withSecret = "record_type: credential_connection\nconnection_name: desk\nuser_name: desk0001\npassword: hunter2hunter2\ndtmf_type: inband\nwebhook_event_url: https://ops:s3cret@hooks.example.com/x\n";

  it("prints a unified diff with stylish, writes nothing, and masks secrets", async () => {
    const dir = mkdtempSync(join(tmpdir(), "connlint-dry-"));
    writeFileSync(join(dir, "desk.yaml"), withSecret);
    const result = await runCli(["--fix-dry-run", "desk.yaml"], { cwd: dir });
    expect(readFileSync(join(dir, "desk.yaml"), "utf8")).toBe(withSecret);
    expect(result.stdout).toContain("--- a/desk.yaml\n+++ b/desk.yaml\n@@ -3,4 +3,4 @@\n user_name: desk0001\n password: \"***\"\n-dtmf_type: inband\n+dtmf_type: Inband\n webhook_event_url: \"https://***@hooks.example.com/x\"\n");
    expect(result.stdout).not.toMatch(/hunter2|s3cret/);
  });

  it("gives each file's fixed output in json, masked", async () => {
    const dir = mkdtempSync(join(tmpdir(), "connlint-dry-"));
    writeFileSync(join(dir, "desk.yaml"), withSecret);
    const [file] = JSON.parse((await runCli(["--fix-dry-run", "-f", "json", "desk.yaml"], { cwd: dir })).stdout);
    expect(file.output).toBe(withSecret.replace("hunter2hunter2", '"***"').replace("inband", "Inband").replace("https://ops:s3cret@hooks.example.com/x", '"https://***@hooks.example.com/x"'));
    expect(readdirSync(dir)).toEqual(["desk.yaml"]);
  });
});

describe("writing atomically", () => {
  const failing = (after: "write" | "rename"): WriteOps => ({
    statSync,
    chmodSync,
    rmSync: (path, options) => void import("node:fs").then((fs) => fs.rmSync(path, options)),
    writeFileSync(path, data, options) {
      // A full disk: half the bytes reach the temporary file, then the write fails.
      writeFileSync(path, data.subarray(0, data.length >> 1), options);
      if (after === "write") throw Object.assign(new Error("no space left on device"), { code: "ENOSPC" });
    },
    renameSync() {
      throw Object.assign(new Error("the process died"), { code: "EIO" });
    },
  });

  for (const when of ["write", "rename"] as const) {
    it(`leaves the original intact when the ${when} fails`, async () => {
      const { dir, path } = copyOf("enums.before.yaml");
      const original = readFileSync(path);
      expect(() => writeAtomically(path, Buffer.from("replaced"), failing(when))).toThrow();
      expect(readFileSync(path)).toEqual(original);
      await new Promise((done) => setTimeout(done, 20));
      expect(readdirSync(dir)).toEqual([basename(path)]);
    });
  }
});

/** Fields whose values --fix can restore, with a way to break each one that --fix must undo. */
const FIXABLE: { path: string[]; values: fc.Arbitrary<string>; damage: (value: string) => string; quoted?: boolean }[] = [
  { path: ["transport_protocol"], values: fc.constantFrom("UDP", "TCP", "TLS"), damage: (v) => v.toLowerCase() },
  { path: ["dtmf_type"], values: fc.constantFrom("RFC 2833", "Inband", "SIP INFO"), damage: (v) => v.toLowerCase() },
  { path: ["webhook_api_version"], values: fc.constantFrom("1", "2"), damage: (v) => v, quoted: true },
  { path: ["inbound", "sip_region"], values: fc.constantFrom("US", "Europe", "Australia"), damage: (v) => v.toUpperCase() },
  { path: ["outbound", "tech_prefix"], values: fc.stringMatching(/^[1-9][0-9]{3}$/), damage: (v) => v, quoted: true },
  { path: ["outbound", "localization"], values: fc.constantFrom("US", "GB", "DE"), damage: (v) => v.toLowerCase() },
];

interface Generated {
  text: string;
  intended: Record<string, unknown>;
  comments: string[];
}

/** A valid IP connection as YAML, with comments, some fields damaged in ways --fix restores. */
const damagedConnection: fc.Arbitrary<Generated> = fc
  .record({
    name: fc.stringMatching(/^[a-z][a-z0-9-]{2,12}$/),
    picks: fc.subarray(FIXABLE.map((_, i) => i), { minLength: 1 }),
    values: fc.tuple(...FIXABLE.map((field) => field.values)),
    damaged: fc.array(fc.boolean(), { minLength: FIXABLE.length, maxLength: FIXABLE.length }),
    comments: fc.array(fc.stringMatching(/^[a-z ]{1,20}$/), { minLength: FIXABLE.length + 1, maxLength: FIXABLE.length + 1 }),
    crlf: fc.boolean(),
  })
  .map(({ name, picks, values, damaged, comments, crlf }) => {
    const intended: Record<string, unknown> = { record_type: "ip_connection", connection_name: name };
    const lines = [`# ${comments[0]}`, "record_type: ip_connection", `connection_name: ${name}`];
    const nested: Record<string, string[]> = { inbound: [], outbound: [] };
    for (const index of picks) {
      const field = FIXABLE[index]!;
      const value = values[index]!;
      const written = damaged[index] ? field.damage(value) : field.quoted ? `"${value}"` : JSON.stringify(value);
      const line = `${field.path.at(-1)}: ${written}   # ${comments[index + 1]}`;
      if (field.path.length === 2) {
        nested[field.path[0]!]!.push(`  ${line}`);
        ((intended[field.path[0]!] ??= {}) as Record<string, unknown>)[field.path[1]!] = value;
      } else {
        lines.push(line);
        intended[field.path[0]!] = value;
      }
    }
    for (const [parent, children] of Object.entries(nested)) if (children.length) lines.push(`${parent}:`, ...children);
    const used = [comments[0]!, ...picks.map((index) => comments[index + 1]!)];
    return { text: lines.join(crlf ? "\r\n" : "\n") + (crlf ? "\r\n" : "\n"), intended, comments: used };
  });

describe("properties of --fix over generated connections", () => {
  it("leaves no fixable problem, is idempotent, keeps every comment and line ending, and gives the intended data", () => {
    fc.assert(
      fc.property(damagedConnection, ({ text, intended, comments }) => {
        const once = fixText(text, { filePath: "generated.yaml" });
        expect(once.result.diagnostics.filter((d) => d.fix)).toEqual([]);
        expect(once.result.diagnostics).toEqual([]);
        expect(fixText(once.output, { filePath: "generated.yaml" }).output).toBe(once.output);
        for (const comment of comments) expect(once.output).toContain(`# ${comment}`);
        expect(once.output.includes("\r\n")).toBe(text.includes("\r\n"));
        expect(parse(once.output)).toEqual(intended);
      }),
      { seed: 20261130, numRuns: 300 },
    );
  });
});

it("writes nothing but the fixed file", async () => {
  const { dir, path } = copyOf("numbers.before.yaml");
  await runCli(["--fix", "."], { cwd: dir });
  expect(readdirSync(dir)).toEqual([basename(path)]);
  expect(existsSync(join(dir, ".connlint-baseline.json"))).toBe(false);
});
