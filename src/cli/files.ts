// Command-line arguments → the files to lint: named files, directories expanded, globs matched.
import { lstatSync, statSync } from "node:fs";
import { isAbsolute, resolve, sep } from "node:path";
import { spareLintingCore } from "./optimizing-compiler.js";
import { holdYoungGeneration } from "./young-generation.js";
import { FolderWatch, type RememberedWalk, type WalkMemory } from "./walk-memory.js";

const ALWAYS_IGNORED = ["**/node_modules/**", "**/.git/**"];
const DOT_SEGMENT = /(?:^|\/)\.\.?(?:\/|$)/;
const CONNECTION_FILE_NAME = /\.(ya?ml|json)$/i;

export interface Target {
  /** Absolute path. */
  path: string;
  /** Named on the command line: always checked (unless --skip-non-connections). */
  named: boolean;
  /** The walk found a regular file here (not a link, a pipe or a device), so it can be read without asking its size. */
  regular?: true;
}

export interface Expansion {
  targets: Target[];
  /** Arguments that matched no file. */
  unmatched: string[];
  /** Arguments whose every match the configuration ignores. */
  allIgnored: string[];
}

export interface ExpandOptions {
  cwd: string;
  /** What a directory expands to: the configuration's patterns, relative to its folder. */
  directoryPatterns(directory: string): Promise<{ root: string; patterns: string[] }>;
  /** Whether the configuration ignores a file found by expansion: at once when its configuration is loaded already. */
  ignored(path: string): boolean | Promise<boolean>;
  /** With --cache: the walks of the last run, and where this run's are remembered. */
  walks?: WalkMemory;
}

export async function expandTargets(args: string[], { cwd, directoryPatterns, ignored, walks }: ExpandOptions): Promise<Expansion> {
  // The files each argument gave: 10,000 of them are joined at once, not pushed one by one.
  const found: Target[][] = [];
  const unmatched: string[] = [];
  const allIgnored: string[] = [];
  for (const arg of args) {
    const absolute = resolve(cwd, arg);
    const kind = statKind(absolute);
    let matches: Target[];
    // A directory named like a connection file is a file the user meant, that can't be read.
    if (kind === "file" || (kind === "directory" && CONNECTION_FILE_NAME.test(absolute))) matches = [{ path: absolute, named: true }];
    else if (kind === "directory") matches = await expandDirectory(absolute, await directoryPatterns(absolute), walks);
    else matches = (await fastGlob()).isDynamicPattern(arg) ? await glob([arg], cwd, walks) : [];
    if (!matches.length) unmatched.push(arg);
    const kept = await filterAsync(matches, (match) => {
      if (match.named) return true;
      const verdict = ignored(match.path);
      return typeof verdict === "boolean" ? !verdict : verdict.then((ignore) => !ignore);
    });
    if (matches.length && !kept.length) allIgnored.push(arg);
    found.push(kept);
  }
  return { targets: eachOnce(found.flat().sort(byPath)), unmatched, allIgnored };
}

function byPath(a: Target, b: Target): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/**
 * Each file once, from a list sorted by path: found by two arguments or patterns, it counts as named on the command
 * line if either named it. Neighbours are compared, rather than every path hashed into a map: a walk gives thousands.
 */
function eachOnce(sorted: Target[]): Target[] {
  const once: Target[] = [];
  // Indexed loops here and below: before V8 optimizes them, a for-of loop makes an object for each of 10,000 items.
  for (let index = 0; index < sorted.length; index++) {
    const target = sorted[index]!;
    const last = once[once.length - 1];
    if (last?.path !== target.path) once.push(target);
    else if (target.named && !last.named) once[once.length - 1] = target;
  }
  return once;
}

/** Anything that exists counts as a file unless it is a directory: reading it reports what is wrong (a broken link, say). */
function statKind(path: string): "file" | "directory" | "missing" {
  try {
    return statSync(path).isDirectory() ? "directory" : "file";
  } catch {
    return lstatSync(path, { throwIfNoEntry: false }) ? "file" : "missing";
  }
}

/** The configuration's patterns, matched from its folder, kept to the files under the directory asked for. */
async function expandDirectory(directory: string, { root, patterns }: { root: string; patterns: string[] }, walks: WalkMemory | undefined): Promise<Target[]> {
  const inside = directory.endsWith(sep) ? directory : directory + sep;
  return (await glob(patterns, root, walks)).filter((target) => target.path.startsWith(inside));
}

/**
 * Symbolic links to files are followed; links to directories are not, since a link to a parent folder would
 * make the walk endless. A link that leads nowhere is kept, so reading it reports it. With --cache, a walk of the
 * last run is taken again while its folders are unchanged, and this run's walk is remembered.
 */
async function glob(patterns: string[], cwd: string, walks?: WalkMemory): Promise<Target[]> {
  holdYoungGeneration();
  spareLintingCore();
  const key = JSON.stringify([cwd, patterns]);
  const recalled = walks?.recall(key);
  if (recalled) return targetsOf(recalled);
  // The synchronous walk: the asynchronous one keeps its list of entries alive (in its event listeners) for the whole run.
  // Paths come back relative and duplicates are left in (expandTargets keeps each file once): fast-glob's own
  // `absolute` and `unique` (on unless turned off) cost a third of a 10,000-file walk.
  const watch = walks && new FolderWatch();
  const entries = (await fastGlob()).sync(patterns, {
    cwd,
    dot: true,
    onlyFiles: false,
    objectMode: true,
    unique: false,
    ignore: ALWAYS_IGNORED,
    followSymbolicLinks: false,
    suppressErrors: true,
    ...(watch ? { fs: watch.fileSystem } : {}),
  });
  const found: Target[] = [];
  for (const entry of entries) {
    if (entry.dirent.isFile()) found.push({ path: absolutePath(cwd, entry.path), named: false, regular: true });
    else if (entry.dirent.isSymbolicLink()) found.push({ path: absolutePath(cwd, entry.path), named: false });
  }
  // Sorted here, so that a walk taken from the cache comes sorted and expandTargets' sort only confirms it.
  found.sort(byPath);
  const walk = watch?.walk(...filesAndLinks(found));
  if (walk) walks!.remember(key, walk);
  return found.filter((target) => target.regular || statKind(target.path) === "file");
}

/** A walk's files, and which of them are links (the targets that are not known regular files). */
function filesAndLinks(targets: Target[]): [files: string[], links: number[]] {
  const links: number[] = [];
  targets.forEach((target, index) => {
    if (!target.regular) links.push(index);
  });
  return [targets.map((target) => target.path), links];
}

/** The files a remembered walk found: a link counts if it leads to a file now. */
function targetsOf({ files, links }: Pick<RememberedWalk, "files" | "links">): Target[] {
  const targets: Target[] = [];
  let nextLink = 0;
  for (let index = 0; index < files.length; index++) {
    const path = files[index]!;
    if (links[nextLink] === index) {
      nextLink++;
      if (statKind(path) === "file") targets.push({ path, named: false });
    } else {
      targets.push({ path, named: false, regular: true });
    }
  }
  return targets;
}

/**
 * A path fast-glob found, made absolute. Most are plain paths below cwd, which need only joining; a pattern that is
 * absolute or holds `.` or `..` gives paths that need resolving, as do Windows's forward slashes.
 */
function absolutePath(cwd: string, globbed: string): string {
  if (sep !== "/" || isAbsolute(globbed) || DOT_SEGMENT.test(globbed)) return resolve(cwd, globbed);
  return cwd.endsWith("/") ? cwd + globbed : `${cwd}/${globbed}`;
}

/** fast-glob, loaded only when a directory or a pattern needs it: a run over named files does without. */
async function fastGlob(): Promise<typeof import("fast-glob")> {
  return (await import("fast-glob")).default;
}

/**
 * One item after the other: a promise for each of 10,000 files at once would all outlive the young generation. An
 * answer known at once is not awaited.
 */
async function filterAsync<T>(items: T[], keep: (item: T) => boolean | Promise<boolean>): Promise<T[]> {
  const kept: T[] = [];
  for (let index = 0; index < items.length; index++) {
    const item = items[index]!;
    const verdict = keep(item);
    if (typeof verdict === "boolean" ? verdict : await verdict) kept.push(item);
  }
  return kept;
}
