// `connlint lsp --stdio`: the language server's protocol side, connecting an editor to the LanguageService.
import { format } from "node:util";
import {
  CodeActionKind,
  type Connection,
  createConnection,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type InitializeParams,
  type InitializeResult,
  MessageType,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { packageInfo } from "../package-info.js";
import { FIX_ALL_KIND } from "./code-actions.js";
import { LanguageService, pathsOf, type Publication } from "./service.js";

/** How long typing must pause before a changed document is linted again. */
export const DEBOUNCE_MS = 150;

/** What the editor watches for the server: connection files and every place cosmiconfig finds a configuration. */
const WATCHED = ["**/*.{yaml,yml,json}", "**/{.connlintrc,.connlintrc.*,connlint.config.*,package.yaml}", "**/.config/{connlintrc,connlintrc.*,config.*}"];

export interface Streams {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Bounds the configuration search for files outside every workspace folder. */
  cwd: string;
}

/**
 * Serves one editor over a pair of streams. It runs until the editor sends `exit`; vscode-languageserver then ends
 * the process, with 0 when `shutdown` came first and 1 otherwise, as the protocol asks.
 */
export function serve({ input, output, cwd }: Streams): Promise<number> {
  const connection = createConnection(input, output);
  routeConsole(connection);
  const documents = new TextDocuments(TextDocument);
  const timers = new Map<string, NodeJS.Timeout>();
  const shownErrors = new Set<string>();
  let service: LanguageService | undefined;
  let watchesFiles = false;
  let hasFolderEvents = false;

  const send = (publications: Publication[]) => {
    for (const { uri, version, diagnostics } of publications) connection.sendDiagnostics({ uri, version, diagnostics }).catch(ignore);
  };
  const failed = (what: string) => (error: unknown) => connection.console.error(`connlint: ${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  const filesChanged = (files: { uri: string; deleted: boolean }[]) => {
    // A configuration that is still broken after this change says so again.
    shownErrors.clear();
    service?.filesChanged(files).then(send, failed("reading changed files"));
  };
  const lintNow = (uri: string) => {
    clearTimeout(timers.get(uri));
    timers.delete(uri);
    const document = documents.get(uri);
    if (!document || !service) return Promise.resolve();
    return service.update(uri, document.version, document.getText()).then(send, failed(`linting ${uri}`));
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    watchesFiles = Boolean(params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration);
    hasFolderEvents = Boolean(params.capabilities.workspace?.workspaceFolders);
    service = new LanguageService(workspaceFolders(params), cwd, (message) => {
      if (shownErrors.has(message)) return;
      shownErrors.add(message);
      // A notification, not a request: nothing waits for the user to dismiss it.
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message: `connlint: ${message}; connlint checks nothing under this configuration until it is fixed` }).catch(ignore);
    });
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: "connlint", version: packageInfo().version },
    };
  });

  connection.onInitialized(() => {
    if (watchesFiles) connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED.map((globPattern) => ({ globPattern })) }).catch(failed("watching files"));
    if (hasFolderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders(() => {
        connection.workspace
          .getWorkspaceFolders()
          .then((folders) => service?.setFolders((folders ?? []).flatMap((folder) => pathsOf(folder.uri))))
          .then((publications) => send(publications ?? []), failed("reading the workspace folders"));
      });
    }
    void service?.warmUp().catch(failed("reading the workspace"));
  });

  // didOpen fires both events: an opened document is linted at once, an edit waits for a pause in typing.
  const justOpened = new Set<string>();
  documents.onDidOpen(({ document }) => {
    justOpened.add(document.uri);
    void lintNow(document.uri);
  });
  documents.onDidChangeContent(({ document }) => {
    if (justOpened.delete(document.uri)) return;
    clearTimeout(timers.get(document.uri));
    timers.set(document.uri, setTimeout(() => void lintNow(document.uri), DEBOUNCE_MS));
  });
  documents.onDidClose(({ document }) => {
    clearTimeout(timers.get(document.uri));
    timers.delete(document.uri);
    connection.sendDiagnostics({ uri: document.uri, diagnostics: [] }).catch(ignore);
    service?.close(document.uri).then(send, failed(`closing ${document.uri}`));
  });
  // A saved file is read again even where the editor reports no file changes.
  documents.onDidSave(({ document }) => filesChanged([{ uri: document.uri, deleted: false }]));
  connection.onDidChangeWatchedFiles(({ changes }) => filesChanged(changes.map((change) => ({ uri: change.uri, deleted: change.type === FileChangeType.Deleted }))));

  connection.onCodeAction(async ({ textDocument, range, context }) => {
    if (!service) return [];
    // Actions must match the text the editor has now, so an edit still waiting for its pause is linted first.
    if (timers.has(textDocument.uri)) await lintNow(textDocument.uri);
    return service.codeActions(textDocument.uri, range, context.only);
  });

  documents.listen(connection);
  connection.listen();
  return new Promise<number>(() => {});
}

/** For messages to an editor that has gone: there is no one left to tell. */
function ignore(): void {}

function workspaceFolders(params: InitializeParams): string[] {
  if (params.workspaceFolders?.length) return params.workspaceFolders.flatMap((folder) => pathsOf(folder.uri));
  if (params.rootUri) return pathsOf(params.rootUri);
  return params.rootPath ? [params.rootPath] : [];
}

/** Standard output carries the protocol: anything printed (by a JavaScript configuration, say) goes to the editor's log instead. */
function routeConsole(connection: Connection): void {
  console.log = console.info = (...args: unknown[]) => connection.console.info(format(...args));
  console.debug = (...args: unknown[]) => connection.console.log(format(...args));
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
}
