// The VS Code extension: starts the workspace's `connlint lsp --stdio` and shows its diagnostics and quick fixes.
import * as vscode from "vscode";
import { LanguageClient, type LanguageClientOptions } from "vscode-languageclient/node";
import { DOCUMENT_SELECTOR, serverCommand } from "./server-options";

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("connlint", { log: true });
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand("connlint.restartServer", restart),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("connlint.enable") || event.affectsConfiguration("connlint.path") || event.affectsConfiguration("connlint.nodePath")) void restart();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => {
      if (!client) void start();
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}

async function start(): Promise<void> {
  const settings = vscode.workspace.getConfiguration("connlint");
  if (!settings.get<boolean>("enable", true)) return;
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === "file").map((folder) => folder.uri.fsPath);
  const path = settings.get<string>("path", "");
  const server = serverCommand(folders, { path, nodePath: settings.get<string>("nodePath", "node") });
  if (!server) {
    const message = path
      ? `connlint: connlint.path names ${path}, which does not exist`
      : "connlint: no connlint in this workspace's node_modules (npm install --save-dev connlint), and connlint.path is not set";
    output?.warn(message);
    if (path) void vscode.window.showErrorMessage(message);
    return;
  }
  output?.info(`starting ${server.command} ${server.args.join(" ")} in ${server.options.cwd}`);
  const clientOptions: LanguageClientOptions = { documentSelector: DOCUMENT_SELECTOR, outputChannel: output };
  client = new LanguageClient("connlint", "connlint", server, clientOptions);
  await client.start();
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) await running.stop();
}

async function restart(): Promise<void> {
  await stop();
  await start();
}
