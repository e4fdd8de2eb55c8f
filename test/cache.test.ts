// --cache: unchanged files' results come from the cache; content, configuration or version changes invalidate them.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runCli } from "./support/cli.js";

let dir: string;
const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
const run = (...args: string[]) => runCli([...args, "-f", "unix"], { cwd: dir });
const cacheFile = () => join(dir, ".connlintcache");

/** A file in the cache, as a row: its path, its key, its stamp, its unique values, and its findings when it has any. */
type StoredFile = [string, string, unknown[] | null, unknown[], { diagnostics?: { message: string }[] }?];

/** The cache file, its files' columns turned into rows. */
interface CacheFile {
  version: string;
  files: StoredFile[];
  /** For each rule, the values more than one file has. */
  shared: [string, string[]][];
}

interface Columns {
  paths: string[];
  keys: string[];
  stamps: unknown[];
  facts: unknown[][];
  rest: [number, StoredFile[4]][];
}

const NO_STAMP = [-1, -1, -1, -1];

const storedFile = (cache: CacheFile, name: string) => cache.files.find(([path]) => path === join(dir, name));

function readCache(): CacheFile {
  const { files, ...rest } = JSON.parse(readFileSync(cacheFile(), "utf8")) as Omit<CacheFile, "files"> & { files: Columns };
  const rows = files.paths.map((path, index): StoredFile => {
    const stamp = files.stamps.slice(index * 4, index * 4 + 4);
    const row: StoredFile = [path, files.keys[index]!, stamp[0] === -1 ? null : stamp, files.facts[index]!];
    const found = files.rest.find(([at]) => at === index);
    if (found) row[4] = found[1];
    return row;
  });
  return { ...rest, files: rows };
}

function writeCache({ files, ...rest }: CacheFile): void {
  const columns: Columns = { paths: [], keys: [], stamps: [], facts: [], rest: [] };
  files.forEach(([path, key, stamp, facts, found], index) => {
    columns.paths.push(path);
    columns.keys.push(key);
    columns.stamps.push(...(stamp ?? NO_STAMP));
    columns.facts.push(facts);
    if (found) columns.rest.push([index, found]);
  });
  writeFileSync(cacheFile(), JSON.stringify({ ...rest, files: columns }));
}

/** Nothing (the part is removed), then a value of each kind JSON has, the numbers among them no line or column. */
const ODD_VALUES = [undefined, null, true, -1, 1.5, "", [], {}];

const isCount = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 1;
const isOffset = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;
const isFix = (fix: { range?: unknown; text?: unknown }) => Array.isArray(fix.range) && fix.range.length === 2 && fix.range.every(isOffset) && typeof fix.text === "string";

/** A finding of the JSON report whose every field has the kind of value connlint gives it. */
function isWellFormed(message: Record<string, any>): boolean {
  const { ruleId, severity, message: text, line, column, endLine, endColumn, fix, suggestions } = message;
  return (
    /^[a-z0-9-]+$/.test(ruleId) && [0, 1, 2].includes(severity) && typeof text === "string" && text !== "" && [line, column, endLine, endColumn].every(isCount) &&
    (fix === undefined || isFix(fix)) && (suggestions === undefined || suggestions.every((suggestion: Record<string, any>) => typeof suggestion.desc === "string" && isFix(suggestion.fix)))
  );
}

/** Every part of a JSON value, as the keys that lead to it from the top. */
function partsOf(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  const children = Array.isArray(value) ? value.map((item, index) => partsOf(item, [...path, index])) : value && typeof value === "object" ? Object.entries(value).map(([key, item]) => partsOf(item, [...path, key])) : [];
  return [...(path.length ? [path] : []), ...children.flat()];
}

/** Replaces the part at `path` (the keys leading to it) with `replacement`, or removes it when there is none. */
function replacePart(value: unknown, path: (string | number)[], replacement: unknown): void {
  const parent = path.slice(0, -1).reduce((node: any, key) => node[key], value);
  const key = path[path.length - 1]!;
  if (replacement !== undefined) parent[key] = replacement;
  else if (Array.isArray(parent)) parent.splice(key as number, 1);
  else delete parent[key];
}

const BAD = "record_type: ip_connection\nconnection_name: hq\ninbound:\n  timeout_1xx_secs: 500\n";
const DESK = (name: string, user: string) => `record_type: credential_connection\nconnection_name: ${name}\nuser_name: ${user}\npassword: \${P}\n`;

/** How --debug says the cache served a run. */
const served = (unchanged: number, unread: number, read: number, linted: number) =>
  `connlint: --cache: ${unchanged} file${unchanged === 1 ? "" : "s"} unchanged (${unread} known from their stamps, ${read} read again), ${linted} file${linted === 1 ? "" : "s"} linted`;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "connlint-cache-"));
  write(".git-root-marker", "");
  // A file changed in the last few seconds gets no stamp; the clock runs a minute ahead so that these files have one.
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.now() + 60_000);
});

afterEach(() => {
  vi.useRealTimers();
});

describe("--cache", () => {
  it("takes an unchanged file's result from the cache, and lints it again once it changes", async () => {
    write("hq.yaml", BAD);
    const first = await run(".", "--cache");
    expect(first.stdout).toContain("hq.yaml:4:21: error: `inbound.timeout_1xx_secs` must be between 1 and 120, got 500");
    // Plant a message in the stored result: a run that prints it has read the cache, not the file.
    const cache = readCache();
    storedFile(cache, "hq.yaml")![4]!.diagnostics![0]!.message = "from the cache";
    writeCache(cache);
    expect((await run(".", "--cache")).stdout).toContain("hq.yaml:4:21: error: from the cache [invalid-value]");
    write("hq.yaml", BAD.replace("500", "501"));
    expect((await run(".", "--cache")).stdout).toContain("got 501");
  });

  it("keeps text beyond ASCII as it was: paths, names and findings", async () => {
    write("zürich.yaml", BAD.replace("hq", "zürich-ö"));
    write("東京.yaml", BAD.replace("hq", "東京"));
    const first = await run(".", "--cache");
    expect(first.stdout).toContain("zürich.yaml:4:21: error:");
    const cache = readCache();
    storedFile(cache, "zürich.yaml")![4]!.diagnostics![0]!.message = "aus dem Cache: zürich-ö";
    storedFile(cache, "東京.yaml")![4]!.diagnostics![0]!.message = "キャッシュから";
    writeCache(cache);
    const second = await run(".", "--cache");
    expect(second.stdout).toContain("zürich.yaml:4:21: error: aus dem Cache: zürich-ö [invalid-value]");
    expect(second.stdout).toContain("東京.yaml:4:21: error: キャッシュから [invalid-value]");
  });

  it("lints again when the configuration or connlint's version changes", async () => {
    write("hq.yaml", BAD);
    await run(".", "--cache");
    write(".connlintrc.yaml", "rules:\n  invalid-value: warning\n");
    expect((await run(".", "--cache")).stdout).toContain("hq.yaml:4:21: warning:");
    const cache = readCache();
    cache.version = "0.0.0-older";
    storedFile(cache, "hq.yaml")![4]!.diagnostics![0]!.message = "stale";
    writeCache(cache);
    expect((await run(".", "--cache")).stdout).not.toContain("stale");
  });

  it("ignores a corrupt cache file and writes it anew", async () => {
    write("hq.yaml", BAD);
    writeFileSync(cacheFile(), "{ not json");
    const result = await run(".", "--cache");
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("");
    expect(storedFile(readCache(), "hq.yaml")).toBeDefined();
  });

  it("starts afresh from a cache whose list of configurations is damaged", async () => {
    write("hq.yaml", BAD);
    await run(".", "--cache");
    const damaged = { ...JSON.parse(readFileSync(cacheFile(), "utf8")), configurations: [["only the text"]] };
    writeFileSync(cacheFile(), JSON.stringify(damaged));
    const result = await run(".", "--cache", "--debug");
    expect(result.stdout).toContain("hq.yaml:4:21: error: `inbound.timeout_1xx_secs` must be between 1 and 120, got 500");
    expect(result.stderr).toContain(served(0, 0, 0, 1));
    expect(JSON.parse(readFileSync(cacheFile(), "utf8")).configurations).toEqual([[expect.any(String), expect.stringMatching(/^[\w-]{16}$/)]]);
  });

  it("lints a file again when its entry in the cache is damaged", async () => {
    write("hq.yaml", BAD);
    write("b.yaml", BAD.replace("hq", "b"));
    write("c.yaml", BAD.replace("hq", "c"));
    write("d.yaml", BAD.replace("hq", "d"));
    await run(".", "--cache");
    const cache = readCache();
    storedFile(cache, "hq.yaml")![3] = "not a list" as unknown as unknown[];
    // Unique values come four items to a value: three are a damaged list, and the stale finding beside it is not used.
    storedFile(cache, "d.yaml")![3] = ["unique-connection-name", "d", 0];
    storedFile(cache, "d.yaml")![4]!.diagnostics![0]!.message = "stale";
    storedFile(cache, "b.yaml")![4] = { diagnostics: "not a list" as unknown as [] };
    storedFile(cache, "c.yaml")![2] = ["66", 1, 2, 3];
    writeCache(cache);
    const result = await run(".", "--cache");
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("hq.yaml:4:21: error: `inbound.timeout_1xx_secs` must be between 1 and 120, got 500");
    expect(result.stdout).toContain("b.yaml:4:21: error: `inbound.timeout_1xx_secs` must be between 1 and 120, got 500");
    expect(result.stdout).toContain("c.yaml:4:21: error: `inbound.timeout_1xx_secs` must be between 1 and 120, got 500");
    expect(result.stdout).toContain("d.yaml:4:21: error: `inbound.timeout_1xx_secs` must be between 1 and 120, got 500");
    expect(result.stdout).not.toContain("stale");
    expect(storedFile(readCache(), "hq.yaml")![3]).toEqual(["unique-connection-name", "hq", 0, "hq"]);
  });

  it("starts afresh from a cache whose columns don't line up", async () => {
    write("hq.yaml", BAD);
    write("b.yaml", BAD.replace("hq", "b"));
    await run(".", "--cache");
    const columns = JSON.parse(readFileSync(cacheFile(), "utf8"));
    for (const damage of [(files: Columns) => files.keys.pop(), (files: Columns) => files.stamps.pop(), (files: Columns) => files.rest.push([2, {}])]) {
      const files = structuredClone(columns.files);
      damage(files);
      writeFileSync(cacheFile(), JSON.stringify({ ...columns, files }));
      const result = await run(".", "--cache", "--debug");
      expect(result.stderr).toContain(served(0, 0, 0, 2));
      expect(result.stdout).toContain("b.yaml:4:21: error: `inbound.timeout_1xx_secs` must be between 1 and 120, got 500");
    }
  });

  it("survives any one part of its file replaced or removed: no crash, only well-formed findings", async () => {
    write("hq.yaml", BAD);
    write("a.yaml", DESK("desk-a", "shared01"));
    write("b.yaml", DESK("desk-b", "shared01").replace("password: ${P}", "password: plain-text-1 # connlint-disable-line no-plaintext-secret"));
    // A finding with a fix, one with a suggestion, and a block suppression that starts after it on its line.
    write("web.yaml", "record_type: ip_connection\nconnection_name: web\ntransport_protocol: tcp\nwebhook_event_url: http://hooks.example.com/x # connlint-disable webhook-url-https\n");
    await run(".", "--cache");
    const intact = readFileSync(cacheFile(), "utf8");
    const parts = partsOf(JSON.parse(intact));
    const runDamaged = async (part: (string | number)[], replacement: unknown, format: string) => {
      const cache = JSON.parse(intact);
      replacePart(cache, part, replacement);
      writeFileSync(cacheFile(), JSON.stringify(cache));
      const result = await runCli([".", "--cache", "-f", format], { cwd: dir });
      expect(result.stderr, `${part.join(".")} = ${JSON.stringify(replacement)}`).toBe("");
      expect([0, 1]).toContain(result.code);
      return result.stdout;
    };
    // Every part, removed or given a value of each kind, read back from the JSON report.
    for (const part of parts) {
      for (const replacement of ODD_VALUES) {
        for (const { messages } of JSON.parse(await runDamaged(part, replacement, "json"))) for (const message of messages) expect(message).toSatisfy(isWellFormed);
      }
    }
    // Random values, read back from the one-line-per-finding report.
    const finding = /^[\w.]+\.yaml:\d+:\d+: (?:error|warning|info): .+ \[[a-z0-9-]+\]$/;
    await fc.assert(
      fc.asyncProperty(fc.nat(parts.length - 1), fc.jsonValue({ maxDepth: 2 }), async (at, replacement) => {
        for (const line of (await runDamaged(parts[at]!, replacement, "unix")).split("\n").filter(Boolean)) expect(line).toMatch(finding);
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  it("finds the files it lists in another order than the run's, and lists them in the run's order again", async () => {
    for (const name of ["a", "b", "c", "d"]) write(`${name}.yaml`, BAD.replace("hq", name));
    await run(".", "--cache");
    const cache = readCache();
    const order = cache.files.map(([path]) => basename(path));
    expect(order).toEqual(["a.yaml", "b.yaml", "c.yaml", "d.yaml"]);
    cache.files.reverse();
    writeCache(cache);
    const { stdout, stderr } = await run(".", "--cache", "--debug");
    expect(stderr).toContain(served(4, 4, 0, 0));
    expect(stdout).toContain("d.yaml:4:21: error: `inbound.timeout_1xx_secs` must be between 1 and 120, got 500");
    expect(readCache().files.map(([path]) => basename(path))).toEqual(order);
  });

  it("knows an unchanged file from its stamp, without reading it", async () => {
    write("hq.yaml", BAD);
    write("b.yaml", BAD.replace("hq", "b"));
    expect((await run(".", "--cache", "--debug")).stderr).toContain(served(0, 0, 0, 2));
    const second = await run(".", "--cache", "--debug");
    expect(second.stderr).toContain(served(2, 2, 0, 0));
    expect(second.stdout).toContain("hq.yaml:4:21: error: `inbound.timeout_1xx_secs` must be between 1 and 120, got 500");
  });

  it("reads a file again when only its times changed, and keeps its new stamp", async () => {
    write("hq.yaml", BAD);
    await run(".", "--cache");
    // As a fresh clone or checkout leaves it: the same bytes, written again.
    write("hq.yaml", BAD);
    expect((await run(".", "--cache", "--debug")).stderr).toContain(served(1, 0, 1, 0));
    expect((await run(".", "--cache", "--debug")).stderr).toContain(served(1, 1, 0, 0));
  });

  it("lints a file again that was rewritten with its old size and modification time", async () => {
    // A modification time in whole seconds, which utimes can set again exactly.
    const hourAgo = Math.floor(Date.now() / 1000) - 3600;
    write("hq.yaml", BAD);
    utimesSync(join(dir, "hq.yaml"), hourAgo, hourAgo);
    await run(".", "--cache");
    write("hq.yaml", BAD.replace("500", "501"));
    utimesSync(join(dir, "hq.yaml"), hourAgo, hourAgo);
    expect(statSync(join(dir, "hq.yaml")).mtimeMs).toBe(hourAgo * 1000);
    const { stdout, stderr } = await run(".", "--cache", "--debug");
    expect(stdout).toContain("got 501");
    expect(stderr).toContain(served(0, 0, 0, 1));
  });

  it("keeps no stamp for a file changed in the last seconds: a change within the same clock tick would not show in its times", async () => {
    vi.useRealTimers();
    write("hq.yaml", BAD);
    await run(".", "--cache");
    expect(storedFile(readCache(), "hq.yaml")![2]).toBeNull();
    expect((await run(".", "--cache", "--debug")).stderr).toContain(served(1, 0, 1, 0));
  });

  it("lints a file with a stamp again when the configuration changes", async () => {
    write("hq.yaml", BAD);
    await run(".", "--cache");
    write(".connlintrc.yaml", "rules:\n  invalid-value: warning\n");
    const { stdout, stderr } = await run(".", "--cache", "--debug");
    expect(stdout).toContain("hq.yaml:4:21: warning:");
    // The configuration file is new, and looked at too (it is not a connection).
    expect(stderr).toContain(served(0, 0, 0, 2));
  });

  it("keeps the files of the last run only", async () => {
    write("hq.yaml", BAD);
    write("b.yaml", BAD.replace("hq", "b"));
    write("c.yaml", BAD.replace("hq", "c"));
    await run(".", "--cache");
    rmSync(join(dir, "c.yaml"));
    await run(".", "--cache");
    expect(readCache().files.map(([path]) => basename(path)).sort()).toEqual(["b.yaml", "hq.yaml"]);
    await run("hq.yaml", "--cache");
    expect(readCache().files.map(([path]) => basename(path))).toEqual(["hq.yaml"]);
  });

  it("is left as it was by --fix and --fix-dry-run, which read every file anyway", async () => {
    write("hq.yaml", BAD);
    await run(".", "--cache");
    const before = readFileSync(cacheFile(), "utf8");
    await run(".", "--cache", "--fix-dry-run");
    await run(".", "--cache", "--fix");
    expect(readFileSync(cacheFile(), "utf8")).toBe(before);
  });

  it("still finds a value shared with an unchanged file, at its right line", async () => {
    write("a.yaml", `# a comment that moves the user name down\n${DESK("desk-a", "shared01")}`);
    await run(".", "--cache");
    write("b.yaml", DESK("desk-b", "shared01"));
    const { stdout } = await run(".", "--cache");
    expect(stdout).toContain("a.yaml:4:12: error: SIP user name `shared01` is also used by `desk-b` in b.yaml:3: it must be unique [unique-user-name]");
    expect(stdout).toContain("b.yaml:3:12: error: SIP user name `shared01` is also used by `desk-a` in a.yaml:4: it must be unique [unique-user-name]");
  });

  it("takes the values files share from the cache only while every file is the same", async () => {
    write("a.yaml", DESK("desk-a", "shared01"));
    write("b.yaml", DESK("desk-b", "shared01"));
    write("c.yaml", DESK("desk-c", "other01"));
    const duplicate = "a.yaml:3:12: error: SIP user name `shared01` is also used by `desk-b` in b.yaml:3: it must be unique [unique-user-name]";
    expect((await run(".", "--cache")).stdout).toContain(duplicate);
    const cache = readCache();
    expect(cache.shared).toEqual([["unique-user-name", ["shared01"]]]);
    // Plant a list without the duplicate: a run that misses it has taken the list from the cache.
    const planted = () => writeCache({ ...cache, shared: [] });
    planted();
    expect((await run(".", "--cache")).stdout).not.toContain(duplicate);
    // A damaged list is worked out again.
    writeCache({ ...cache, shared: [["unique-user-name", [7 as unknown as string]]] });
    expect((await run(".", "--cache")).stdout).toContain(duplicate);
    planted();
    write("c.yaml", DESK("desk-c", "other02"));
    expect((await run(".", "--cache")).stdout).toContain(duplicate);
    planted();
    rmSync(join(dir, "c.yaml"));
    expect((await run(".", "--cache")).stdout).toContain(duplicate);
  });

  it("--cache-location puts the cache elsewhere, and the cache is the only file written", async () => {
    write("hq.yaml", BAD);
    await run(".", "--cache-location", "build/lint-cache.json");
    expect(existsSync(cacheFile())).toBe(false);
    expect(readdirSync(join(dir, "build"))).toEqual(["lint-cache.json"]);
    expect(readdirSync(dir).sort()).toEqual([".git-root-marker", "build", "hq.yaml"]);
  });
});
