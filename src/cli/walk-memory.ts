// With --cache: a folder walk remembered, as git's untracked cache remembers one. A file added to, removed from or
// renamed in a folder changes the folder's modification and change times; so while every folder a walk read has the
// stamp it had when the walk read it, the walk would find the same files, and a second run over 10,000 files skips
// it (a fifth of such a run). Only on file systems known to keep those times so, and only for walks that read
// folders (a pattern without wildcards looks at one path instead, which no folder's stamp answers for).
import { lstatSync, readdirSync, type Stats, statfsSync, statSync } from "node:fs";
import { hasSettled } from "./cache-file.js";

/** What a walk found, and the folders it read, each with its stamp from just before it was read. */
export interface RememberedWalk {
  folders: string[];
  /** Four numbers per folder: its modification and change times, its inode and its device. */
  stamps: number[];
  /** The paths found, absolute and sorted: a walk taken from the cache gives them as they are. */
  files: string[];
  /** Which of `files` are symbolic links: whether each leads to a file is looked at again in every run. */
  links: number[];
}

/** Where walks are remembered between runs: the --cache file. */
export interface WalkMemory {
  /** The walk remembered under the key, if its folders are unchanged. */
  recall(key: string): RememberedWalk | undefined;
  remember(key: string, walk: RememberedWalk): void;
}

const FOLDER_STAMP_ITEMS = 4;

/**
 * Linux file systems that set a folder's times whenever an entry in it is added, removed or renamed (statfs's magic
 * numbers): ext2/3/4, XFS, Btrfs, tmpfs, overlayfs, ZFS, F2FS. FAT and some network file systems don't, reliably.
 */
const TRUSTED_FILE_SYSTEMS = new Set([0xef53, 0x58465342, 0x9123683e, 0x01021994, 0x794c7630, 0x2fc12fc1, 0xf2f52010]);

/** Whether the walk's folders are as the walk left them: the same files are there to find. */
export function foldersUnchanged({ folders, stamps }: RememberedWalk): boolean {
  for (let index = 0; index < folders.length; index++) {
    const stats = folderStats(folders[index]!);
    if (!stats) return false;
    const stamp = folderStamp(stats);
    for (let item = 0; item < FOLDER_STAMP_ITEMS; item++) if (stamp[item] !== stamps[index * FOLDER_STAMP_ITEMS + item]) return false;
  }
  return true;
}

/**
 * fast-glob's file system (its `fs` option), which takes each folder's stamp just before reading it: a file added
 * after the stamp changes it, so a walk that missed the file is not recalled. A walk that could not read a folder,
 * looked at a path directly, or read a folder changed too recently to trust its times, is not to be remembered.
 */
export class FolderWatch {
  private readonly folders: string[] = [];
  private readonly stamps: number[] = [];
  private trusted = process.platform === "linux";
  private readonly now = Date.now();

  readonly fileSystem = {
    readdirSync: ((path: string, options: { withFileTypes: true }) => {
      this.watch(path);
      try {
        return readdirSync(path, options);
      } catch (error) {
        this.trusted = false;
        throw error;
      }
    }) as typeof readdirSync,
    lstatSync: ((path: string) => {
      this.trusted = false;
      return lstatSync(path);
    }) as typeof lstatSync,
    statSync: ((path: string) => {
      this.trusted = false;
      return statSync(path);
    }) as typeof statSync,
  };

  /** The walk to remember, with what it found; undefined when it can't be trusted. */
  walk(files: string[], links: number[]): RememberedWalk | undefined {
    return this.trusted ? { folders: this.folders, stamps: this.stamps, files, links } : undefined;
  }

  private watch(folder: string): void {
    if (!this.trusted) return;
    const stats = folderStats(folder);
    if (!stats || !hasSettled(stats, this.now) || !onTrustedFileSystem(folder)) {
      this.trusted = false;
      return;
    }
    this.folders.push(folder);
    this.stamps.push(...folderStamp(stats));
  }
}

function folderStats(folder: string): Stats | undefined {
  try {
    const stats = statSync(folder, { throwIfNoEntry: false });
    return stats?.isDirectory() ? stats : undefined;
  } catch {
    return undefined;
  }
}

function folderStamp({ mtimeMs, ctimeMs, ino, dev }: Stats): [mtimeMs: number, ctimeMs: number, ino: number, dev: number] {
  return [mtimeMs, ctimeMs, ino, dev];
}

function onTrustedFileSystem(folder: string): boolean {
  try {
    return TRUSTED_FILE_SYSTEMS.has(statfsSync(folder).type);
  } catch {
    return false;
  }
}
