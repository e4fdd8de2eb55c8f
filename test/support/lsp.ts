// A language client for tests: starts a real language server over stdio and speaks LSP to it as an editor does.
import { type ChildProcess, spawn } from "node:child_process";
import { pathToFileURL } from "node:url";
import lsp from "vscode-languageserver-protocol/node";
import type {
  CompletionItem,
  CompletionList,
  Diagnostic,
  Hover,
  InitializeParams,
  ProtocolConnection,
  Registration,
  RegistrationParams,
  TextDocumentClientCapabilities,
  WorkspaceClientCapabilities,
} from "vscode-languageserver-protocol";

/** How long any one exchange with the server may take before the test fails instead of hanging. */
export const EXCHANGE_TIMEOUT_MS = 15_000;

export interface ServerSetup {
  /** The server's command: node runs `script` with `args`. */
  script: string;
  args: string[];
  /** The workspace folder, as an editor opens it. */
  root: string;
  /** What the editor answers to `workspace/configuration`, by section (`yaml`, `http`, `[yaml]`, …). */
  settings: Record<string, unknown>;
  /** Spawns this command line instead of node with `script` and `args` (the one an editor's extension computes). */
  spawn?: { command: string; args: string[]; cwd: string };
  /** Capabilities announced on top of the defaults, as a given editor announces them. */
  capabilities?: { workspace?: WorkspaceClientCapabilities; textDocument?: TextDocumentClientCapabilities };
}

export interface LanguageServer {
  connection: ProtocolConnection;
  /** The server's own name and version, from its `initialize` answer. */
  serverInfo?: { name: string; version?: string };
  open(uri: string, text: string, languageId?: string): Promise<void>;
  /** The first diagnostics published for `uri` that `accept` takes (each publish replaces the previous ones; `version` is the document version the server gave, if any). */
  diagnostics(uri: string, accept: (diagnostics: Diagnostic[], version?: number) => boolean): Promise<Diagnostic[]>;
  completion(uri: string, line: number, character: number): Promise<CompletionItem[]>;
  hover(uri: string, line: number, character: number): Promise<Hover | null>;
  /** Shuts the server down politely, then kills it if it is still running. Safe to call twice. */
  stop(): Promise<void>;
  /** What the server asked to register (`client/registerCapability`), in order. */
  registrations(): Registration[];
  /** The server's exit code once it has exited by itself; null while it runs or when it had to be killed. */
  exitCode(): number | null;
  /** What the server wrote to stderr or logged through `window/logMessage`, for failure messages. */
  stderr(): string;
}

/** Rejects after `ms` with a message naming what was awaited (a function: described when the time is up). */
export function within<T>(promise: Promise<T>, what: string | (() => string), ms = EXCHANGE_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${typeof what === "string" ? what : what()}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function startServer(setup: ServerSetup): Promise<LanguageServer> {
  const { command, args, cwd } = setup.spawn ?? { command: process.execPath, args: [setup.script, ...setup.args], cwd: setup.root };
  const child = spawn(command, args, { cwd, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const connection = lsp.createProtocolConnection(new lsp.StreamMessageReader(child.stdout!), new lsp.StreamMessageWriter(child.stdin!));
  const published = new Map<string, { diagnostics: Diagnostic[]; version?: number }>();
  const waiters: { uri: string; accept: (d: Diagnostic[], version?: number) => boolean; resolve: (d: Diagnostic[]) => void }[] = [];

  connection.onRequest("workspace/configuration", (params: { items: { section?: string }[] }) =>
    params.items.map((item) => (item.section !== undefined && Object.hasOwn(setup.settings, item.section) ? setup.settings[item.section] : null)),
  );
  const registrations: Registration[] = [];
  connection.onRequest("client/registerCapability", (params: RegistrationParams) => {
    registrations.push(...params.registrations);
    return null;
  });
  connection.onRequest("client/unregisterCapability", () => null);
  connection.onRequest("window/workDoneProgress/create", () => null);
  connection.onNotification("window/logMessage", (params: { message: string }) => {
    stderr += `[log] ${params.message}\n`;
  });
  connection.onNotification("textDocument/publishDiagnostics", (params: { uri: string; diagnostics: Diagnostic[]; version?: number }) => {
    published.set(params.uri, params);
    for (const waiter of [...waiters]) {
      if (waiter.uri === params.uri && waiter.accept(params.diagnostics, params.version)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(params.diagnostics);
      }
    }
  });
  connection.listen();

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    try {
      await within(connection.sendRequest("shutdown"), "shutdown", 5_000);
      await connection.sendNotification("exit");
      await within(exited, "the server to exit", 5_000);
    } catch {
      // A server that does not shut down cleanly is killed below; the test's own assertions say what went wrong.
    } finally {
      killChild(child);
      connection.dispose();
    }
  };

  try {
    const rootUri = pathToUri(setup.root);
    const initialize: InitializeParams = {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: "workspace" }],
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true }, ...setup.capabilities?.workspace },
        textDocument: {
          synchronization: { dynamicRegistration: true },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ["markdown", "plaintext"] } },
          hover: { contentFormat: ["markdown", "plaintext"] },
          publishDiagnostics: { relatedInformation: true },
          ...setup.capabilities?.textDocument,
        },
      },
    };
    const answer = await within(connection.sendRequest("initialize", initialize), "initialize");
    await connection.sendNotification("initialized", {});
    await connection.sendNotification("workspace/didChangeConfiguration", { settings: setup.settings });
    return {
      connection,
      serverInfo: (answer as { serverInfo?: { name: string; version?: string } }).serverInfo,
      open: (uri, text, languageId = "yaml") =>
        connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId, version: 1, text } }),
      diagnostics: (uri, accept) => {
        const current = published.get(uri);
        if (current && accept(current.diagnostics, current.version)) return Promise.resolve(current.diagnostics);
        const waiting = new Promise<Diagnostic[]>((resolve) => waiters.push({ uri, accept, resolve }));
        return within(waiting, () => `diagnostics for ${uri} (last published: ${JSON.stringify(published.get(uri) ?? null)}; server log: ${stderr || "empty"})`);
      },
      completion: async (uri, line, character) => {
        const result = await within(
          connection.sendRequest("textDocument/completion", { textDocument: { uri }, position: { line, character } }) as Promise<CompletionList | CompletionItem[] | null>,
          "completion",
        );
        return Array.isArray(result) ? result : (result?.items ?? []);
      },
      hover: (uri, line, character) =>
        within(connection.sendRequest("textDocument/hover", { textDocument: { uri }, position: { line, character } }) as Promise<Hover | null>, "hover"),
      stop,
      registrations: () => registrations,
      exitCode: () => child.exitCode,
      stderr: () => stderr,
    };
  } catch (error) {
    await stop();
    throw new Error(`the language server did not start: ${(error as Error).message}\n${stderr}`);
  }
}

function killChild(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}
