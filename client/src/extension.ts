// The genai-lint VS Code extension: a thin client over the bundled language server.
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { FixAllRequest, StatusNotification } from "../../server/src/protocol/messages";
import { createLanguageClient } from "./languageClient";
import { CompliancePanel } from "./panel/panel";
import { RestartPolicy } from "./restartPolicy";
import { ServerStatus } from "./status";

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel("genai-lint", { log: true });
  const status = new ServerStatus();
  const restarts = new RestartPolicy();
  const panel = new CompliancePanel(context);
  context.subscriptions.push(output, status, panel);

  const onGaveUp = (): void => {
    const reason = vscode.l10n.t("The genai-lint server crashed 5 times in 3 minutes and was not restarted.");
    status.stopped(reason);
    const showOutput = vscode.l10n.t("Show output");
    const restart = vscode.l10n.t("Restart server");
    void vscode.window.showErrorMessage(reason, showOutput, restart).then((choice) => {
      if (choice === showOutput) output.show();
      if (choice === restart) void vscode.commands.executeCommand("genaiLint.restartServer");
    });
  };

  const start = async (): Promise<void> => {
    status.starting();
    client = createLanguageClient(context, { output, restarts, onGaveUp });
    client.onNotification(StatusNotification.type, (params) => status.update(params));
    panel.attach(client);
    await client.start();
  };

  const stop = async (): Promise<void> => {
    const running = client;
    client = undefined;
    if (running) await running.stop().catch((err: unknown) => output.error(`stopping the server: ${String(err)}`));
  };

  context.subscriptions.push(
    vscode.commands.registerCommand("genaiLint.restartServer", async () => {
      restarts.reset();
      await stop();
      await start();
    }),
    vscode.commands.registerCommand("genaiLint.showOutputChannel", () => output.show()),
    vscode.commands.registerCommand("genaiLint.applyAllSafeFixes", async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || !client) return;
      const document = editor.document;
      const result = await client.sendRequest(FixAllRequest.type, { uri: document.uri.toString() });
      if (result.applied === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t("No safe genai-lint fixes to apply in this file."));
        return;
      }
      const edit = new vscode.WorkspaceEdit();
      for (const change of result.changes) {
        const range = new vscode.Range(change.range.start.line, change.range.start.character, change.range.end.line, change.range.end.character);
        edit.replace(document.uri, range, change.newText);
      }
      await vscode.workspace.applyEdit(edit);
      void vscode.window.showInformationMessage(vscode.l10n.t("Applied {0} safe genai-lint fixes.", result.applied));
    }),
    // Trust widens what settings may do: start again so the server knows.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void vscode.commands.executeCommand("genaiLint.restartServer")),
    { dispose: () => void stop() },
  );

  await start();
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  await running?.stop();
}
