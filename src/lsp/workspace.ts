// One workspace folder as the language server sees it: its configuration, and what its connection files on disk share across files.
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, relative, sep } from "node:path";
import picomatch from "picomatch";
import { expandTargets } from "../cli/files.js";
import { ConfigResolver, DEFAULT_FILES, isIgnored, lintOptionsFor, toPosix } from "../config/index.js";
import type { UniqueFact } from "../cross-file.js";
import { analyzeText, type LintOptions } from "../lint.js";
import { decode } from "../load/decode.js";

/** What `connlint FOLDER` never descends into, whatever the patterns say. */
const NEVER_LINTED = /(^|\/)(node_modules|\.git)\//;

export class Workspace {
  private resolver!: ConfigResolver;
  /** The unique-value facts of each connection file on disk, by absolute path. */
  private readonly disk = new Map<string, UniqueFact[]>();
  private scanned: Promise<void> | undefined;

  /**
   * `root` is the workspace folder. With `scan`, the connection files under it are read for the checks
   * across files; without, the workspace only gives the configuration to files opened outside every folder.
   */
  constructor(
    readonly root: string,
    private readonly scan: boolean,
  ) {
    this.reload();
  }

  /** Forgets the configuration and what was read from disk; `ready()` reads them again. */
  reload(): void {
    this.resolver = new ConfigResolver({ cwd: this.root });
    this.disk.clear();
    this.scanned = undefined;
  }

  contains(path: string): boolean {
    const rel = relative(this.root, path);
    return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
  }

  /** Reads the connection files on disk, once after each reload. Throws ConfigError for a broken configuration. */
  ready(): Promise<void> {
    this.scanned ??= this.readDisk().catch((error: unknown) => {
      this.scanned = undefined;
      throw error;
    });
    return this.scanned;
  }

  /**
   * How to lint a file of this workspace, or undefined when `connlint FOLDER` would not lint it
   * (outside the configuration's `files`, or ignored). Throws ConfigError for a broken configuration.
   */
  async optionsFor(path: string): Promise<LintOptions | undefined> {
    if (this.scan && !(await this.isTarget(path))) return undefined;
    const settings = await this.resolver.forFile(path);
    return { ...lintOptionsFor(path, settings), onlyConnections: true };
  }

  /** Reads one file again after it changed on disk, or forgets it (and everything under it) once deleted. */
  async refresh(path: string, deleted: boolean): Promise<void> {
    if (!this.scan) return;
    await this.ready();
    if (deleted) {
      for (const known of [...this.disk.keys()]) if (known === path || known.startsWith(path + sep)) this.disk.delete(known);
      return;
    }
    const options = await this.optionsFor(path);
    if (options) this.disk.set(path, factsOnDisk(path, options));
    else this.disk.delete(path);
  }

  /** The facts of the files on disk, except those the editor has open: its buffers win. */
  diskFacts(open: ReadonlySet<string>): UniqueFact[] {
    const facts: UniqueFact[] = [];
    for (const [path, own] of this.disk) if (!open.has(path)) facts.push(...own);
    return facts;
  }

  private async readDisk(): Promise<void> {
    if (!this.scan) return;
    const { targets } = await expandTargets([this.root], {
      cwd: this.root,
      directoryPatterns: (directory) => this.patternsFor(directory),
      ignored: async (path) => isIgnored(await this.resolver.forDirectory(dirname(path)), path),
    });
    for (const { path } of targets) {
      const options = await this.optionsFor(path);
      if (options) this.disk.set(path, factsOnDisk(path, options));
    }
  }

  /** What a directory expands to, exactly as the command line expands it. */
  private async patternsFor(directory: string): Promise<{ root: string; patterns: string[] }> {
    const loaded = await this.resolver.forDirectory(directory);
    return { root: loaded.path ? loaded.root : directory, patterns: loaded.config.files ?? DEFAULT_FILES };
  }

  /** Whether `connlint FOLDER` would lint a file: inside the folder, matched by the patterns, not ignored. */
  private async isTarget(path: string): Promise<boolean> {
    if (!this.contains(path) || NEVER_LINTED.test(toPosix(relative(this.root, path)))) return false;
    const { root, patterns } = await this.patternsFor(this.root);
    if (!picomatch.isMatch(toPosix(relative(root, path)), patterns, { dot: true })) return false;
    return !isIgnored(await this.resolver.forDirectory(dirname(path)), path);
  }
}

/** A file's share of the checks across files, read from disk; an unreadable file shares nothing. */
function factsOnDisk(path: string, options: LintOptions): UniqueFact[] {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    return [];
  }
  const decoded = decode(bytes);
  return decoded.ok ? analyzeText(decoded.text, options).facts : [];
}
