// --cache: unchanged files' results come from the cache; content, configuration or version changes invalidate them.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
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
  configurations: [string, string][];
  files: StoredFile[];
  /** For each rule, the values more than one file has. */
  shared: [string, string[]][];
}

// The cache file's layout, as this test reads and writes it: a line of JSON (the header), then the sections in this
// order, each as long as the header says, the body's SHA-256 in the header.
const SECTIONS = ["paths", "stamps", "configurationOf", "hashes", "facts", "rest", "shared", "sharing", "walks"] as const;
type Section = (typeof SECTIONS)[number];
const JSON_SECTIONS = ["facts", "rest", "shared", "sharing", "walks"] as const;
type Header = Record<string, any>;

function readSections(): { header: Header; sections: Record<Section, Buffer> } {
  const bytes = readFileSync(cacheFile());
  const headerEnd = bytes.indexOf(0x0a);
  const header = JSON.parse(bytes.toString("utf8", 0, headerEnd)) as Header;
  const sections = {} as Record<Section, Buffer>;
  let at = headerEnd + 1;
  for (const name of SECTIONS) {
    sections[name] = bytes.subarray(at, at + header.sections[name]);
    at += header.sections[name];
  }
  return { header, sections };
}

/** Writes the sections with a header that fits them: their lengths, their checksum. */
function writeSections(header: Header, sections: Record<Section, Uint8Array>): void {
  const body = Buffer.concat(SECTIONS.map((name) => sections[name]));
  const fitted = { ...header, sections: Object.fromEntries(SECTIONS.map((name) => [name, sections[name].length])), checksum: createHash("sha256").update(body).digest("base64url") };
  writeFileSync(cacheFile(), Buffer.concat([Buffer.from(`${JSON.stringify(fitted)}\n`), body]));
}

const numbersIn = (bytes: Buffer, Type: typeof Float64Array | typeof Int32Array) => [...new Type(new Uint8Array(bytes).buffer)];

const storedFile = (cache: CacheFile, name: string) => cache.files.find(([path]) => path === join(dir, name));

function readCache(): CacheFile {
  const { header, sections } = readSections();
  const paths = header.count ? sections.paths.toString("utf8").split("\0") : [];
  const stamps = numbersIn(sections.stamps, Float64Array);
  const configurationOf = numbersIn(sections.configurationOf, Int32Array);
  const [facts, rest, shared] = ["facts", "rest", "shared"].map((name) => JSON.parse(sections[name as Section].toString("utf8")));
  const files = paths.map((path, index): StoredFile => {
    const key = `${header.configurations[configurationOf[index]!][1]}.${sections.hashes.toString("latin1", index * 43, (index + 1) * 43)}`;
    const stamp = stamps.slice(index * 4, index * 4 + 4);
    const row: StoredFile = [path, key, stamp[0] === -1 ? null : stamp, facts[index]];
    const found = rest.find(([at]: [number]) => at === index);
    if (found) row[4] = found[1];
    return row;
  });
  return { version: header.version, configurations: header.configurations, files, shared };
}

function writeCache({ version, configurations, files, shared }: CacheFile): void {
  const { header } = readSections();
  const configurationKeys = configurations.map(([, key]) => key);
  const sharedValues = new Map(shared.map(([ruleId, values]) => [ruleId, new Set(values)]));
  const sharesAny = (facts: unknown[]) => facts.some((item, at) => at % 4 === 0 && sharedValues.get(item as string)?.has(facts[at + 1] as string));
  writeSections(
    { ...header, version, configurations, count: files.length },
    {
      paths: Buffer.from(files.map(([path]) => path).join("\0")),
      stamps: new Uint8Array(new Float64Array(files.flatMap(([, , stamp]) => (stamp ?? NO_STAMP) as number[])).buffer),
      configurationOf: new Uint8Array(new Int32Array(files.map(([, key]) => configurationKeys.indexOf(key.split(".")[0]!))).buffer),
      hashes: Buffer.from(files.map(([, key]) => key.split(".")[1]).join(""), "latin1"),
      facts: Buffer.from(JSON.stringify(files.map(([, , , facts]) => facts))),
      rest: Buffer.from(JSON.stringify(files.flatMap(([, , , , found], index) => (found ? [[index, found]] : [])))),
      shared: Buffer.from(JSON.stringify(shared)),
      sharing: Buffer.from(JSON.stringify(files.flatMap(([, , , facts], index) => (sharesAny(facts) ? [index] : [])))),
      walks: readSections().sections.walks,
    },
  );
}

const NO_STAMP = [-1, -1, -1, -1];

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
const walksKnown = (count: number) => `, ${count} folder walk${count === 1 ? "" : "s"} known from the folders' stamps\n`;

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
    const { header, sections } = readSections();
    writeSections({ ...header, configurations: [["only the text"]] }, sections);
    const result = await run(".", "--cache", "--debug");
    expect(result.stdout).toContain("hq.yaml:4:21: error: `inbound.timeout_1xx_secs` must be between 1 and 120, got 500");
    expect(result.stderr).toContain(served(0, 0, 0, 1));
    expect(readSections().header.configurations).toEqual([[expect.any(String), expect.stringMatching(/^[\w-]{16}$/)]]);
  });

  it("ignores a cache whose bytes changed anywhere, cut short or lengthened: the same report as without it", async () => {
    write("hq.yaml", BAD);
    write("a.yaml", DESK("desk-a", "shared01"));
    write("b.yaml", DESK("desk-b", "shared01"));
    const clean = await run(".", "-f", "unix");
    await run(".", "--cache");
    const intact = readFileSync(cacheFile());
    const bodyStart = intact.indexOf(0x0a) + 1;
    // The report is the one a run without the cache gives. A change after the header always means linting every file
    // again; one in the header may not (a configuration's text damaged only means its key is worked out again).
    const expectClean = async (damaged: Uint8Array, what: string, { lintsAll }: { lintsAll: boolean }) => {
      writeFileSync(cacheFile(), damaged);
      const result = await run(".", "--cache", "--debug");
      expect(result.stdout, what).toBe(clean.stdout);
      expect(result.stderr, what).not.toContain("internal error");
      if (lintsAll) expect(result.stderr, what).toContain(served(0, 0, 0, 3));
    };
    await expectClean(intact.subarray(0, intact.length - 1), "cut short by a byte", { lintsAll: true });
    await expectClean(Buffer.concat([intact, Buffer.from("\n")]), "a byte longer", { lintsAll: true });
    await fc.assert(
      fc.asyncProperty(fc.nat(intact.length - 1), fc.integer({ min: 1, max: 255 }), async (at, change) => {
        const damaged = Buffer.from(intact);
        damaged[at]! ^= change;
        await expectClean(damaged, `byte ${at} ^ ${change}`, { lintsAll: at >= bodyStart });
      }),
      { numRuns: 60 },
    );
  });

  it("starts afresh from a cache whose columns don't line up", async () => {
    write("hq.yaml", BAD);
    write("b.yaml", BAD.replace("hq", "b"));
    await run(".", "--cache");
    const { header, sections } = readSections();
    const damages: Partial<Record<Section, Uint8Array>>[] = [
      { stamps: sections.stamps.subarray(8) },
      { configurationOf: sections.configurationOf.subarray(4) },
      { configurationOf: new Uint8Array(new Int32Array([0, 1]).buffer) },
      { hashes: sections.hashes.subarray(1) },
      { paths: Buffer.from(`${sections.paths.toString()}\0c.yaml`) },
      { rest: Buffer.from(JSON.stringify([[2, {}]])) },
      { sharing: Buffer.from(JSON.stringify([2])) },
    ];
    for (const damage of damages) {
      writeSections(header, { ...sections, ...damage });
      const result = await run(".", "--cache", "--debug");
      expect(result.stderr, Object.keys(damage)[0]).toContain(served(0, 0, 0, 2));
      expect(result.stdout).toContain("b.yaml:4:21: error: `inbound.timeout_1xx_secs` must be between 1 and 120, got 500");
    }
  });

  it("survives any part of its header or its findings, values and lists replaced or removed: no crash, only well-formed findings", async () => {
    write("hq.yaml", BAD);
    write("a.yaml", DESK("desk-a", "shared01"));
    write("b.yaml", DESK("desk-b", "shared01").replace("password: ${P}", "password: plain-text-1 # connlint-disable-line no-plaintext-secret"));
    // A finding with a fix, one with a suggestion, and a block suppression that starts after it on its line.
    write("web.yaml", "record_type: ip_connection\nconnection_name: web\ntransport_protocol: tcp\nwebhook_event_url: http://hooks.example.com/x # connlint-disable webhook-url-https\n");
    await run(".", "--cache");
    const { header, sections } = readSections();
    // What can be damaged and still be written with lengths and a checksum that fit: the header's fields and the
    // sections that are JSON.
    const intact = { header: { ...header, sections: undefined, checksum: undefined }, ...Object.fromEntries(JSON_SECTIONS.map((name) => [name, JSON.parse(sections[name].toString("utf8"))])) };
    const parts = partsOf(intact);
    const runDamaged = async (part: (string | number)[], replacement: unknown, format: string) => {
      const damaged = structuredClone(intact);
      replacePart(damaged, part, replacement);
      const json = Object.fromEntries(JSON_SECTIONS.map((name) => [name, Buffer.from(JSON.stringify(damaged[name as keyof typeof damaged]) ?? "")]));
      writeSections(damaged.header ?? {}, { ...sections, ...json });
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
    // Every file unchanged: the list, and which files have a value in it, come from the cache.
    const second = await run(".", "--cache", "--debug");
    expect(second.stderr).toContain(served(3, 3, 0, 0));
    expect(second.stdout).toContain(duplicate);
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

  it("takes a folder walk from the cache while its folders are unchanged, and walks again after a file is added, removed or renamed", async () => {
    write("a.yaml", BAD.replace("hq", "a"));
    write("b.yaml", BAD.replace("hq", "b"));
    const lintedFiles = (stdout: string) => [...new Set(stdout.split("\n").filter(Boolean).map((line) => line.split(":")[0]!))].sort();
    const runWalking = async (expected: string[], known: number) => {
      const { stdout, stderr } = await run(".", "--cache", "--debug");
      expect(lintedFiles(stdout)).toEqual(expected);
      expect(stderr).toContain(walksKnown(known));
    };
    await runWalking(["a.yaml", "b.yaml"], 0);
    // The first run made the cache file in the folder walked, which changed the folder: the second walks it again.
    await runWalking(["a.yaml", "b.yaml"], 0);
    await runWalking(["a.yaml", "b.yaml"], 1);
    mkdirSync(join(dir, "sub"));
    write("sub/c.yaml", BAD.replace("hq", "c"));
    await runWalking(["a.yaml", "b.yaml", "sub/c.yaml"], 0);
    await runWalking(["a.yaml", "b.yaml", "sub/c.yaml"], 1);
    // A file added to a folder below the top one: only that folder's stamp changes.
    write("sub/d.yaml", BAD.replace("hq", "d"));
    await runWalking(["a.yaml", "b.yaml", "sub/c.yaml", "sub/d.yaml"], 0);
    rmSync(join(dir, "b.yaml"));
    await runWalking(["a.yaml", "sub/c.yaml", "sub/d.yaml"], 0);
    renameSync(join(dir, "sub", "c.yaml"), join(dir, "sub", "e.yaml"));
    await runWalking(["a.yaml", "sub/d.yaml", "sub/e.yaml"], 0);
    await runWalking(["a.yaml", "sub/d.yaml", "sub/e.yaml"], 1);
  });

  it("keeps the whole of a walk when the configuration leaves some of its files out, so a file let in again is linted", async () => {
    write("a.yaml", BAD.replace("hq", "a"));
    write("b.yaml", BAD.replace("hq", "b"));
    write(".connlintrc.yaml", "ignores: [b.yaml]\n");
    const linted = async (known: number) => {
      const { stdout, stderr } = await run(".", "--cache", "--debug");
      expect(stderr).toContain(walksKnown(known));
      return stdout;
    };
    await linted(0);
    await linted(0);
    expect(await linted(1)).not.toContain("b.yaml");
    // Rewriting the configuration leaves the folder's entries, and so its stamp, as they were: the walk is recalled.
    write(".connlintrc.yaml", "ignores: []\n");
    const stdout = await linted(1);
    expect(stdout).toContain("a.yaml:4:21: error:");
    expect(stdout).toContain("b.yaml:4:21: error:");
  });

  it("looks again at where a remembered link leads", async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), "connlint-cache-target-"));
    writeFileSync(join(elsewhere, "target.yaml"), BAD);
    symlinkSync(join(elsewhere, "target.yaml"), join(dir, "link.yaml"));
    write("hq.yaml", BAD);
    expect((await run(".", "--cache")).stdout).toContain("link.yaml:4:21: error:");
    await run(".", "--cache");
    // The link's folder is unchanged; what it leads to is now a folder, which is not linted.
    rmSync(join(elsewhere, "target.yaml"));
    mkdirSync(join(elsewhere, "target.yaml"));
    const { stdout, stderr } = await run(".", "--cache", "--debug");
    expect(stderr).toContain(walksKnown(1));
    expect(stdout).toContain("hq.yaml:4:21: error:");
    expect(stdout).not.toContain("link.yaml");
  });

  it("remembers no walk of a pattern without wildcards, which looks at one path rather than read a folder", async () => {
    write("hq.yaml", BAD);
    write(".connlintrc.yaml", "files: [hq.yaml]\n");
    await run(".", "--cache");
    expect((await run(".", "--cache", "--debug")).stderr).toContain(walksKnown(0));
    rmSync(join(dir, "hq.yaml"));
    expect((await run(".", "--cache")).stdout).toBe("");
  });

  it("--cache-location puts the cache elsewhere, and the cache is the only file written", async () => {
    write("hq.yaml", BAD);
    await run(".", "--cache-location", "build/lint-cache.json");
    expect(existsSync(cacheFile())).toBe(false);
    expect(readdirSync(join(dir, "build"))).toEqual(["lint-cache.json"]);
    expect(readdirSync(dir).sort()).toEqual([".git-root-marker", "build", "hq.yaml"]);
  });
});
