// The language status item: what the server analysed, how long it took, how many problems it found.
import * as vscode from "vscode";
import type { StatusParams } from "../../server/src/protocol/messages";

const SELECTOR: vscode.DocumentSelector = ["python", "javascript", "typescript", "javascriptreact", "typescriptreact"].map((language) => ({ language, scheme: "file" }));

export class ServerStatus implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;

  constructor() {
    this.item = vscode.languages.createLanguageStatusItem("genaiLint.status", SELECTOR);
    this.item.name = "genai-lint";
    this.item.command = { command: "genaiLint.showOutputChannel", title: vscode.l10n.t("Show output") };
    this.starting();
  }

  starting(): void {
    this.item.busy = true;
    this.item.severity = vscode.LanguageStatusSeverity.Information;
    this.item.text = "genai-lint";
    this.item.detail = vscode.l10n.t("Starting…");
  }

  update(status: StatusParams): void {
    this.item.busy = status.state === "busy";
    if (status.state === "error") {
      this.item.severity = vscode.LanguageStatusSeverity.Error;
      this.item.text = vscode.l10n.t("genai-lint: configuration problem");
      this.item.detail = status.message ?? "";
      return;
    }
    this.item.severity = vscode.LanguageStatusSeverity.Information;
    this.item.text = vscode.l10n.t("genai-lint: {0} problems", status.problems);
    this.item.detail = vscode.l10n.t("{0} files analysed · last analysis {1} ms", status.filesAnalysed, status.lastAnalysisMs);
  }

  stopped(reason: string): void {
    this.item.busy = false;
    this.item.severity = vscode.LanguageStatusSeverity.Error;
    this.item.text = vscode.l10n.t("genai-lint: stopped");
    this.item.detail = reason;
  }

  dispose(): void {
    this.item.dispose();
  }
}
