// Starts the bundled language server (the same `genai-lint` program as the CLI) and keeps it running.
import * as path from "node:path";
import * as vscode from "vscode";
import { CloseAction, ErrorAction, LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from "vscode-languageclient/node";
import type { InitializationOptions } from "../../server/src/protocol/messages";
import { RestartPolicy } from "./restartPolicy";
import { readSettings } from "./settings";

export const LANGUAGES = ["python", "javascript", "typescript", "javascriptreact", "typescriptreact"];

export interface ClientHooks {
  readonly output: vscode.LogOutputChannel;
  readonly restarts: RestartPolicy;
  /** Called once the restart budget is spent and the server stays down. */
  onGaveUp(): void;
}

export function createLanguageClient(context: vscode.ExtensionContext, hooks: ClientHooks): LanguageClient {
  const serverModule = context.asAbsolutePath(path.join("server", "out", "genai-lint.js"));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, args: ["lsp"], transport: TransportKind.ipc },
    debug: { module: serverModule, args: ["lsp"], transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6019"] } },
  };
  const initializationOptions: InitializationOptions = { untrustedWorkspace: !vscode.workspace.isTrusted };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.map((language) => ({ language, scheme: "file" })),
    outputChannel: hooks.output,
    initializationOptions,
    synchronize: { configurationSection: "genaiLint" },
    middleware: {
      workspace: {
        // Answer with the typed settings the server expects, honouring workspace trust.
        configuration: (params) => params.items.map((item) => (item.section === "genaiLint" ? readSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined) : null)),
      },
    },
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue }),
      closed: () => {
        if (hooks.restarts.shouldRestart()) {
          hooks.output.warn("The genai-lint server stopped unexpectedly; restarting it.");
          return { action: CloseAction.Restart, handled: true };
        }
        hooks.onGaveUp();
        return { action: CloseAction.DoNotRestart, handled: true };
      },
    },
  };
  return new LanguageClient("genaiLint", "genai-lint", serverOptions, clientOptions);
}
