// The last workspace scan, shared by the trees and the dashboard, and the panel's language.
import * as vscode from "vscode";
import { resolveLocale } from "../../../server/src/protocol/settings";
import type { WorkspaceScanResult } from "../../../server/src/protocol/messages";
import type { PanelLocale } from "./model";

export class PanelState implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  scan: WorkspaceScanResult | undefined;

  update(scan: WorkspaceScanResult): void {
    this.scan = scan;
    void vscode.commands.executeCommand("setContext", "genaiLint.scanned", true);
    this.changed.fire();
  }

  /** The same language as the server's messages: `genaiLint.language`, else VS Code's display language. */
  locale(): PanelLocale {
    return resolveLocale(vscode.workspace.getConfiguration("genaiLint").get<string>("language", "auto"), vscode.env.language);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
