// What the language server knows: the open documents, their lint results, and the workspaces they belong to. No protocol here.
import { fileURLToPath } from "node:url";
import type { CodeAction, Diagnostic as LspDiagnostic, Range as LspRange } from "vscode-languageserver";
import { ConfigError } from "../config/index.js";
import { crossFileDiagnostics } from "../cross-file.js";
import type { Diagnostic } from "../diagnostics/types.js";
import { analyzeText, type FileAnalysis, finishFile, type LintOptions, type LintResult } from "../lint.js";
import { KINDS } from "../kind.js";
import { lineStartsOf } from "../load/lines.js";
import { codeActions } from "./code-actions.js";
import { type EditorText, toLspDiagnostic } from "./convert.js";
import { Workspace } from "./workspace.js";

/** The diagnostics to send for one document. */
export interface Publication {
  uri: string;
  version: number;
  diagnostics: LspDiagnostic[];
}

export interface FileChange {
  uri: string;
  deleted: boolean;
}

interface OpenDocument {
  uri: string;
  version: number;
  text: string;
  /** The file's path; undefined for a document that is not a file (an unsaved buffer). */
  path: string | undefined;
  workspace: Workspace | undefined;
  /** How the document is linted; undefined when connlint does not lint it. */
  options: LintOptions | undefined;
  analysis: FileAnalysis | undefined;
  result: LintResult | undefined;
  /** The diagnostics from across files last used, to publish again only when they change. */
  shared: string;
}

/** The configuration files cosmiconfig reads for connlint: a change to one reloads the configuration. */
const CONFIG_FILE = /(^|\/)(package\.json|package\.yaml|\.?connlintrc(\.[a-z]+)?|connlint\.config\.[a-z]+|\.config\/config\.[a-z]+)$/;
/** Where no configuration that matters lives: installing packages must not reload everything. */
const NOT_SEARCHED = /\/(node_modules|\.git)\//;

export class LanguageService {
  private readonly documents = new Map<string, OpenDocument>();
  private folders: Workspace[];
  private readonly loose: Workspace;
  private queue: Promise<unknown> = Promise.resolve();

  /** `folders` are the workspace folders; `cwd` gives the configuration search its bound for files outside them. `onConfigError` hears of a broken configuration. */
  constructor(
    folders: string[],
    cwd: string,
    private readonly onConfigError: (message: string) => void,
  ) {
    this.folders = folders.map((folder) => new Workspace(folder, true));
    this.loose = new Workspace(cwd, false);
  }

  /** Reads the workspace folders' connection files and compiles the checks, as soon as the server starts, so that the first document is quick. */
  warmUp(): Promise<void> {
    return this.serially(async () => {
      for (const kind of KINDS) analyzeText(`record_type: ${kind}\n`, { filePath: "warm-up.yaml" });
      for (const folder of this.folders) await this.ready(folder);
    });
  }

  /** A document opened or changed: its diagnostics, and those of other open documents that a value shared across files changed. */
  update(uri: string, version: number, text: string): Promise<Publication[]> {
    return this.serially(async () => {
      const known = this.documents.get(uri);
      if (known && known.version === version && known.text === text) return [];
      const document = known ?? (await this.opened(uri));
      document.version = version;
      document.text = text;
      this.analyze(document);
      return this.publish(document.workspace, [document]);
    });
  }

  /** A document closed: its facts give way to the file on disk, which may change what other documents show. */
  close(uri: string): Promise<Publication[]> {
    return this.serially(async () => {
      const document = this.documents.get(uri);
      if (!document) return [];
      this.documents.delete(uri);
      return this.publish(document.workspace, []);
    });
  }

  /** Files changed on disk (the editor's file watcher, or a save): a configuration reloads everything, a connection file is read again. */
  filesChanged(changes: FileChange[]): Promise<Publication[]> {
    return this.serially(async () => {
      const paths = changes.flatMap((change) => pathsOf(change.uri).map((path) => ({ path, deleted: change.deleted })));
      if (paths.some(({ path }) => isConfigFile(path))) return this.reloadAll();
      const touched = new Set<Workspace>();
      for (const { path, deleted } of paths) {
        const workspace = this.folders.find((folder) => folder.contains(path));
        if (!workspace) continue;
        touched.add(workspace);
        await this.guarded(() => workspace.refresh(path, deleted), undefined);
      }
      return [...touched].flatMap((workspace) => this.publish(workspace, []));
    });
  }

  /** The workspace folders changed: everything is read again. */
  setFolders(folders: string[]): Promise<Publication[]> {
    return this.serially(async () => {
      this.folders = folders.map((folder) => new Workspace(folder, true));
      return this.reloadAll();
    });
  }

  /** The code actions for a range of a document, from its latest lint result. */
  codeActions(uri: string, range: LspRange, only: string[] | undefined): Promise<CodeAction[]> {
    return this.serially(async () => {
      const document = this.documents.get(uri);
      if (!document?.result || !document.options) return [];
      return codeActions({ text: editorText(document), result: document.result, options: document.options, range, ...(only ? { only } : {}) });
    });
  }

  private async reloadAll(): Promise<Publication[]> {
    for (const workspace of [...this.folders, this.loose]) workspace.reload();
    for (const folder of this.folders) await this.ready(folder);
    for (const document of this.documents.values()) {
      Object.assign(document, await this.placed(document.uri));
      this.analyze(document);
    }
    const workspaces = new Set([...this.documents.values()].map((document) => document.workspace));
    return [...workspaces].flatMap((workspace) => this.publish(workspace, [...this.documents.values()].filter((document) => document.workspace === workspace)));
  }

  private async opened(uri: string): Promise<OpenDocument> {
    const document: OpenDocument = { uri, version: 0, text: "", analysis: undefined, result: undefined, shared: "[]", ...(await this.placed(uri)) };
    this.documents.set(uri, document);
    return document;
  }

  /** Where a document belongs and how it is linted, from its URI and the configuration. */
  private async placed(uri: string): Promise<Pick<OpenDocument, "path" | "workspace" | "options">> {
    const [path] = pathsOf(uri);
    if (!path || !/\.(ya?ml|json)$/i.test(path)) return { path, workspace: undefined, options: undefined };
    const workspace = this.folders.find((folder) => folder.contains(path)) ?? this.loose;
    const options = (await this.ready(workspace)) ? await this.guarded(() => workspace.optionsFor(path), undefined) : undefined;
    return { path, workspace, options };
  }

  private analyze(document: OpenDocument): void {
    const analysis = document.options ? analyzeText(document.text, document.options) : undefined;
    document.analysis = analysis && !analysis.skipped ? analysis : undefined;
    document.result = undefined;
  }

  /**
   * Finishes the documents of a workspace: those in `changed` always, the others when what they share
   * with other files changed. Facts come from the open documents and, for every other file, from disk.
   */
  private publish(workspace: Workspace | undefined, changed: OpenDocument[]): Publication[] {
    const members = [...this.documents.values()].filter((document) => document.workspace === workspace);
    const open = new Set(members.flatMap((document) => (document.path ? [document.path] : [])));
    const facts = [...(workspace?.diskFacts(open) ?? []), ...members.flatMap((document) => document.analysis?.facts ?? [])];
    const shared = crossFileDiagnostics(facts, workspace?.root);
    const publications: Publication[] = [];
    for (const document of members) {
      const fromOthers: Diagnostic[] = document.analysis ? (shared.get(document.analysis.filePath) ?? []) : [];
      const key = JSON.stringify(fromOthers);
      if (!changed.includes(document) && key === document.shared) continue;
      document.shared = key;
      document.result = document.analysis ? finishFile(document.analysis, fromOthers) : undefined;
      const text = editorText(document);
      publications.push({ uri: document.uri, version: document.version, diagnostics: (document.result?.diagnostics ?? []).map((diagnostic) => toLspDiagnostic(diagnostic, text)) });
    }
    return publications;
  }

  /** Reads a workspace's files; false (after telling the user) when its configuration is broken. */
  private ready(workspace: Workspace): Promise<boolean> {
    return this.guarded(async () => {
      await workspace.ready();
      return true;
    }, false);
  }

  private async guarded<T>(run: () => Promise<T>, otherwise: T): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      this.onConfigError(error.message);
      return otherwise;
    }
  }

  /** Runs operations one at a time, in the order they came: each sees the state the previous one left. */
  private serially<T>(run: () => Promise<T>): Promise<T> {
    const next = this.queue.then(run);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

/** The file path of a `file:` URI, as a list of none or one. */
export function pathsOf(uri: string): string[] {
  if (!uri.startsWith("file:")) return [];
  try {
    return [fileURLToPath(uri)];
  } catch {
    return [];
  }
}

function isConfigFile(path: string): boolean {
  const posix = path.split("\\").join("/");
  return CONFIG_FILE.test(posix) && !NOT_SEARCHED.test(posix);
}

function editorText(document: OpenDocument): EditorText {
  const bom = document.text.charCodeAt(0) === 0xfeff;
  const text = document.result?.text ?? (bom ? document.text.slice(1) : document.text);
  return { uri: document.uri, ...(document.path ? { path: document.path } : {}), bom, lineStarts: lineStartsOf(text) };
}
