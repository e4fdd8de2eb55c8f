// The configuration (DESIGN §4): found with cosmiconfig from each file's folder up to the repository root, validated, resolved per file.
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { stripVTControlCharacters } from "node:util";
import type { ErrorObject } from "ajv";
import { nearest } from "../diagnostics/nearest.js";
import { lineColumn, lineStartsOf } from "../load/lines.js";
import { readBlockData } from "../load/block-yaml.js";
import { cosmiconfigLibrary, jsYaml, picomatchLibrary } from "../packages.js";
import { configValidator } from "../schema/validators.js";
import type { Severity } from "../diagnostics/types.js";
import type { Kind, Operation } from "../kind.js";
import type { LintOptions } from "../lint.js";

export type SeverityOrOff = Severity | "off";

export interface ConfigFile {
  files?: string[];
  ignores?: string[];
  rules?: Record<string, SeverityOrOff>;
  knownCodecs?: string[];
  overrides?: { files: string[]; kind?: Kind; operation?: Operation; rules?: Record<string, SeverityOrOff> }[];
}

/** A configuration file, loaded and validated, with the folder its patterns are relative to. */
export interface LoadedConfig {
  /** Absolute path of the file, or undefined when no configuration was found. */
  path: string | undefined;
  root: string;
  config: ConfigFile;
}

/** What applies to one file. */
export interface FileSettings {
  configPath: string | undefined;
  kind: Kind | undefined;
  /** `update` where the overrides say the files are update (PATCH) bodies. */
  operation: Operation | undefined;
  severities: Record<string, SeverityOrOff>;
  knownCodecs: string[];
}

export const DEFAULT_FILES = ["**/*.{yaml,yml,json}"];

/** A configuration that is malformed or invalid: one line, exit 2. */
export class ConfigError extends Error {}

export interface ConfigOptions {
  cwd: string;
  /** --config PATH: this file for every linted file, no search. */
  explicitPath?: string;
  /** --rule ID:SEVERITY, over everything else. */
  ruleOverrides?: Record<string, SeverityOrOff>;
}

type Explorer = { search(from: string): Promise<{ config: unknown; filepath: string; isEmpty?: boolean } | null>; load(path: string): Promise<{ config: unknown; filepath: string } | null> };

/** The key of the --config file's configuration among the settled ones: it governs every folder. */
const EXPLICIT = "\0explicit";

export class ConfigResolver {
  private explorer: Explorer | undefined;
  private readonly byDirectory = new Map<string, Promise<LoadedConfig>>();
  private explicit: Promise<LoadedConfig> | undefined;
  /** The configurations loaded so far, by folder: a large run asks for the same few for every file, and need not wait each time. */
  private readonly settled = new Map<string, LoadedConfig>();

  private readonly withoutOverrides = new WeakMap<LoadedConfig, FileSettings>();
  /** The folder settledForFolderOf() answered for last, and its configuration: a walk gives files folder by folder. */
  private lastFolder: { path: string; loaded: LoadedConfig } | undefined;

  constructor(private readonly options: ConfigOptions) {}

  /** The configuration that governs a folder: the nearest one up to the repository root. */
  forDirectory(directory: string): Promise<LoadedConfig> {
    if (this.options.explicitPath) {
      this.explicit ??= this.settle(EXPLICIT, this.loadExplicit(resolve(this.options.cwd, this.options.explicitPath)));
      return this.explicit;
    }
    return this.byDirectory.get(directory) ?? this.search(directory, searchBoundary(directory, this.options.cwd));
  }

  /** The configuration of a folder if it is loaded already, without waiting; else undefined (ask forDirectory). */
  settledForDirectory(directory: string): LoadedConfig | undefined {
    return this.settled.get(this.options.explicitPath ? EXPLICIT : directory);
  }

  /**
   * settledForDirectory(dirname(filePath)), asked for every file of a large run: a file in the folder asked about
   * last is answered without taking its path apart.
   */
  settledForFolderOf(filePath: string): LoadedConfig | undefined {
    const last = this.lastFolder;
    if (last && isDirectlyIn(filePath, last.path)) return last.loaded;
    const folder = dirname(filePath);
    const loaded = this.settledForDirectory(folder);
    if (loaded && isDirectlyIn(filePath, folder)) this.lastFolder = { path: folder, loaded };
    return loaded;
  }

  async forFile(filePath: string): Promise<FileSettings> {
    return this.settingsOf(await this.forDirectory(dirname(filePath)), filePath);
  }

  /** A file's settings if its folder's configuration is loaded already, without waiting; else undefined (ask forFile). */
  settledForFile(filePath: string): FileSettings | undefined {
    const loaded = this.settledForFolderOf(filePath);
    return loaded && this.settingsOf(loaded, filePath);
  }

  private settingsOf(loaded: LoadedConfig, filePath: string): FileSettings {
    // Without overrides every file under a configuration has the same settings: made once, shared.
    if (loaded.config.overrides?.length) return settingsFor(loaded, filePath, this.options.ruleOverrides ?? {});
    let settings = this.withoutOverrides.get(loaded);
    if (!settings) this.withoutOverrides.set(loaded, (settings = settingsFor(loaded, filePath, this.options.ruleOverrides ?? {})));
    return settings;
  }

  /** Keeps what a load gave, for settledForDirectory. */
  private settle(key: string, loading: Promise<LoadedConfig>): Promise<LoadedConfig> {
    return loading.then((loaded) => {
      this.settled.set(key, loaded);
      return loaded;
    });
  }

  private search(directory: string, stop: string): Promise<LoadedConfig> {
    let found = this.byDirectory.get(directory);
    if (!found) {
      found = this.settle(directory, this.searchHere(directory, stop));
      this.byDirectory.set(directory, found);
    }
    return found;
  }

  private async searchHere(directory: string, stop: string): Promise<LoadedConfig> {
    const result = !mayHoldConfig(directory) ? null : await this.explore((explorer) => explorer.search(directory), `can't read the configuration in ${relative(this.options.cwd, directory) || "."}`);
    if (result && !result.isEmpty) return validated(result.filepath, result.config, this.options.cwd);
    const parent = dirname(directory);
    if (directory === stop || parent === directory) return { path: undefined, root: this.options.cwd, config: {} };
    return this.search(parent, stop);
  }

  private async loadExplicit(path: string): Promise<LoadedConfig> {
    const stats = statSync(path, { throwIfNoEntry: false });
    if (!stats) throw new ConfigError(`the configuration file ${relative(this.options.cwd, path)} does not exist`);
    if (stats.isDirectory()) throw new ConfigError(`the configuration file ${relative(this.options.cwd, path)} is a directory; name a file in it`);
    const result = await this.explore((explorer) => explorer.load(path), relative(this.options.cwd, path));
    return validated(path, result?.config ?? {}, this.options.cwd);
  }

  /**
   * A search or load by cosmiconfig; what fails is a configuration error, said in one line after `what`. Making the
   * explorer can fail too: cosmiconfig reads package.json for options of its own, and that file may not parse.
   */
  private async explore<T>(use: (explorer: Explorer) => Promise<T>, what: string): Promise<T> {
    try {
      return await use(await this.getExplorer());
    } catch (error) {
      throw new ConfigError(syntaxError(error, this.options.cwd) ?? `${what}: ${firstLine(error)}`);
    }
  }

  private async getExplorer(): Promise<Explorer> {
    if (!this.explorer) {
      const { cosmiconfig, defaultLoaders } = cosmiconfigLibrary();
      // One folder at a time: the walk up is ours, so that it stops at the repository root and never reads the home directory.
      this.explorer = cosmiconfig("connlint", { searchStrategy: "none", cache: true, loaders: quickLoaders(defaultLoaders) }) as unknown as Explorer;
    }
    return this.explorer;
  }
}

type Loader = (filepath: string, content: string) => unknown;

/**
 * JSON and YAML configurations are read with what the bundle holds already rather than with cosmiconfig's own
 * loaders, which load parse-json (with its code frames) or js-yaml from node_modules: 8 to 10 ms of a run. A file that
 * does not parse goes to cosmiconfig's loader, so that its error reads as it always has.
 */
function quickLoaders(defaults: Readonly<Record<".json" | ".yaml", Loader>>): Record<string, Loader> {
  const orElse = (read: (content: string) => unknown, loader: Loader): Loader => (filepath, content) => {
    try {
      return read(content);
    } catch {
      return loader(filepath, content);
    }
  };
  const yaml = orElse(yamlData, defaults[".yaml"]);
  return { ...defaults, ".json": orElse((content) => JSON.parse(content), defaults[".json"]), ".yaml": yaml, ".yml": yaml, noExt: yaml };
}

/**
 * A YAML configuration's data, read as YAML 1.2, as connection files are. In the plain block form nearly every one is
 * written in, by the block reader, which has read the connection files already; otherwise by js-yaml, which a run
 * then sets up for this alone (about a millisecond).
 */
function yamlData(content: string): unknown {
  const block = readBlockData(content);
  if (block) return block.data;
  const { load, CORE_SCHEMA } = jsYaml();
  return load(content, { schema: CORE_SCHEMA });
}

/** The names cosmiconfig looks for (its default search places for "connlint"), package.json aside. */
const CONFIG_NAMES = ["rc", "rc.json", "rc.yaml", "rc.yml", "rc.js", "rc.ts", "rc.cjs", "rc.mjs"].flatMap((suffix) => [`.connlint${suffix}`, `.config/connlint${suffix}`]);
const CONFIG_FILES = [...CONFIG_NAMES, "connlint.config.js", "connlint.config.ts", "connlint.config.cjs", "connlint.config.mjs"];

/**
 * Whether cosmiconfig could find anything in a folder: a configuration file, or a package.json that mentions connlint.
 * Most folders hold none, and then cosmiconfig is not even loaded (it is slow to load).
 */
function mayHoldConfig(directory: string): boolean {
  // The folder is a resolved path already: joining by hand spares path.join's normalising, a dozen times a folder.
  const prefix = directory.endsWith(sep) ? directory : directory + sep;
  if (CONFIG_FILES.some((name) => existsSync(prefix + name))) return true;
  const manifest = prefix + "package.json";
  if (!existsSync(manifest)) return false;
  try {
    const parsed: unknown = JSON.parse(readFileSync(manifest, "utf8"));
    return parsed !== null && typeof parsed === "object" && Object.hasOwn(parsed, "connlint");
  } catch {
    return true; // cosmiconfig reports the broken file
  }
}

/** The nearest folder holding .git at or above a folder, if any. */
export function repositoryRoot(directory: string): string | undefined {
  for (let current = resolve(directory); ; current = dirname(current)) {
    if (existsSync(join(current, ".git"))) return current;
    if (dirname(current) === current) return undefined;
  }
}

/** Where the search for a configuration stops: the repository root, else the working directory if it contains the folder. */
export function searchBoundary(directory: string, cwd: string): string {
  return repositoryRoot(directory) ?? (isInside(directory, cwd) ? cwd : directory);
}

/** Whether the file is right in the folder: the folder's path, a separator, then a name. Asked for every file of a large run. */
function isDirectlyIn(filePath: string, folder: string): boolean {
  const at = folder.length;
  const separator = filePath.charCodeAt(at);
  if ((separator !== 0x2f && separator !== sep.charCodeAt(0)) || !filePath.startsWith(folder)) return false;
  return filePath.indexOf("/", at + 1) === -1 && (sep === "/" || filePath.indexOf(sep, at + 1) === -1);
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

function settingsFor(loaded: LoadedConfig, filePath: string, ruleOverrides: Record<string, SeverityOrOff>): FileSettings {
  const { config, root } = loaded;
  const relativePath = toPosix(relative(root, filePath));
  let kind: Kind | undefined;
  let operation: Operation | undefined;
  const severities = { ...config.rules };
  for (const override of config.overrides ?? []) {
    if (!matcher(override.files)(relativePath)) continue;
    if (override.kind) kind = override.kind;
    if (override.operation) operation = override.operation;
    Object.assign(severities, override.rules);
  }
  Object.assign(severities, ruleOverrides);
  return { configPath: loaded.path, kind, operation, severities, knownCodecs: config.knownCodecs ?? [] };
}

/** Whether a path is ignored by the configuration (only for files found by expanding a directory or pattern). */
export function isIgnored(loaded: LoadedConfig, filePath: string): boolean {
  const ignores = loaded.config.ignores ?? [];
  return ignores.length > 0 && matcher(ignores)(toPosix(relative(loaded.root, filePath)));
}

const matchers = new WeakMap<string[], (path: string) => boolean>();

/** A compiled matcher for a configuration's patterns, made once per list rather than once per file. */
function matcher(patterns: string[]): (path: string) => boolean {
  let match = matchers.get(patterns);
  if (!match) {
    match = picomatchLibrary()(patterns, { dot: true });
    matchers.set(patterns, match);
  }
  return match;
}

export function toPosix(path: string): string {
  return sep === "/" ? path : path.split(sep).join("/");
}

/** Checks a configuration against schemas/config.schema.json, with the validator generated from it. */
function validated(path: string, config: unknown, cwd: string): LoadedConfig {
  const validateConfig = configValidator();
  const shown = relative(cwd, path) || path;
  if (!validateConfig(config)) throw new ConfigError(`${shown}: ${describeConfigError(validateConfig.errors?.[0], config)}`);
  return { path, root: dirname(path), config: config as ConfigFile };
}

function describeConfigError(error: ErrorObject | undefined, config: unknown): string {
  if (!error) return "invalid configuration";
  const where = error.instancePath.split("/").slice(1).join(".");
  if (error.keyword === "additionalProperties") return `unknown key "${[where, error.params.additionalProperty].filter(Boolean).join(".")}"`;
  if (error.propertyName !== undefined) return `${where}: unknown rule "${error.propertyName}"${suggestion(error.propertyName, error.params.allowedValues as string[] | undefined)}`;
  if (error.keyword === "enum" && /\/rules\//.test(error.instancePath)) return `${where}: unknown severity ${JSON.stringify(valueAt(config, error.instancePath))}; use error, warning, info or off`;
  if (error.keyword === "type" && where === "") return "the configuration must be a mapping of settings";
  return `${where || "the configuration"} ${error.message ?? "is invalid"}`;
}

function suggestion(name: string, known: string[] | undefined): string {
  const meant = known && nearest(name, known);
  return meant ? `; did you mean "${meant}"?` : "";
}

function valueAt(data: unknown, pointer: string): unknown {
  return pointer.split("/").slice(1).reduce<unknown>((current, key) => (current && typeof current === "object" ? (current as Record<string, unknown>)[key] : undefined), data);
}

/**
 * A configuration file that is not valid YAML or JSON, in one line: cosmiconfig says which file on a line of its own
 * ("YAML Error in /abs/.connlintrc.yaml:"), then comes the parser's reason and a code frame, in either order.
 */
function syntaxError(error: unknown, cwd: string): string | undefined {
  // The code frame is coloured when the terminal (or CI) takes colour.
  const [heading = "", ...rest] = stripVTControlCharacters(error instanceof Error ? error.message : String(error)).split("\n");
  const parsed = /^(YAML|JSON) Error in (.+):$/.exec(heading.trim());
  const reason = rest.map((line) => line.trim()).find((line) => line && !CODE_FRAME_LINE.test(line));
  if (!parsed || !reason) return undefined;
  const [, language, path] = parsed as unknown as [string, string, string];
  return `${relative(cwd, path)}: not valid ${language}: ${language === "JSON" ? jsonReason(reason, path) : reason}`;
}

/** A line of a code frame: `  3 |   "rules": {`, `> 4 |   }`, or the `|   ^` under it. */
const CODE_FRAME_LINE = /^>?\s*\d*\s*\|/;

/**
 * parse-json's reason without the start of the file that it quotes, and with the line and column of the offset it
 * gives (V8 gives them too from Node 22 on, in words): `Expected double-quoted property name in JSON (4:3)`.
 */
function jsonReason(reason: string, path: string): string {
  const bare = reason.replace(/ while parsing .*$/, "").replace(/ \(line \d+ column \d+\)$/, "");
  const position = / at position (\d+)$/.exec(bare);
  if (!position) return bare;
  try {
    const text = readFileSync(path, "utf8");
    const { line, column } = lineColumn(lineStartsOf(text), Number(position[1]));
    return `${bare.slice(0, position.index)} (${line}:${column})`;
  } catch {
    return bare;
  }
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0]!.trim();
}

/** The options linting takes for a file, from what the configuration says of it. */
export function lintOptionsFor(filePath: string, settings: FileSettings, onlyConnections?: boolean): LintOptions {
  // Built a property at a time, not spread: V8 gives an object spread and then extended a map of its own, and a large
  // run keeps one of these per file until the checks across files.
  const options: LintOptions = { filePath, severities: settings.severities, settings: ruleSettingsOf(settings) };
  if (settings.kind) options.overrideKind = settings.kind;
  if (settings.operation) options.overrideOperation = settings.operation;
  if (onlyConnections !== undefined) options.onlyConnections = onlyConnections;
  return options;
}

const RULE_SETTINGS = new WeakMap<FileSettings, LintOptions["settings"]>();

/** The rules' settings, one object for every file that shares the file settings. */
function ruleSettingsOf(settings: FileSettings): LintOptions["settings"] {
  let ruleSettings = RULE_SETTINGS.get(settings);
  if (!ruleSettings) RULE_SETTINGS.set(settings, (ruleSettings = { knownCodecs: settings.knownCodecs }));
  return ruleSettings;
}
