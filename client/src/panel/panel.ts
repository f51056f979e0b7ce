// The compliance panel: trees, dashboard, scan and export commands, fed by the server's workspace scans.
import { randomUUID } from "node:crypto";
import * as vscode from "vscode";
import { WorkDoneProgress, type LanguageClient } from "vscode-languageclient/node";
import { type ExportFormat, ExportReportRequest, WorkspaceReportNotification, WorkspaceScanRequest } from "../../../server/src/protocol/messages";
import { Dashboard } from "./dashboard";
import { GROUPINGS, type Grouping } from "./model";
import { PanelState } from "./state";
import { findingCount, FindingsTree, InventoryTree } from "./trees";

export class CompliancePanel implements vscode.Disposable {
  private readonly state = new PanelState();
  private readonly findings = new FindingsTree(this.state);
  private readonly inventory = new InventoryTree(this.state);
  private readonly dashboard: Dashboard;
  private readonly disposables: vscode.Disposable[] = [];
  private client: LanguageClient | undefined;

  constructor(context: vscode.ExtensionContext) {
    this.dashboard = new Dashboard(context.extensionUri, this.state);
    const findingsView = vscode.window.createTreeView("genaiLint.findings", { treeDataProvider: this.findings, showCollapseAll: true });
    const inventoryView = vscode.window.createTreeView("genaiLint.inventory", { treeDataProvider: this.inventory, showCollapseAll: true });
    this.state.onDidChange(() => {
      const scan = this.state.scan;
      const count = scan?.folders.reduce((n, f) => n + f.report.findings.length, 0) ?? 0;
      findingsView.badge = count ? { value: count, tooltip: findingCount(count) } : undefined;
      findingsView.message = scan?.folders.find((f) => f.error)?.error;
    });
    this.disposables.push(
      this.state,
      this.dashboard,
      findingsView,
      inventoryView,
      vscode.commands.registerCommand("genaiLint.scanWorkspace", () => this.scan()),
      vscode.commands.registerCommand("genaiLint.openDashboard", async () => {
        if (!this.state.scan) await this.scan();
        this.dashboard.show();
      }),
      vscode.commands.registerCommand("genaiLint.exportReport", (format?: ExportFormat) => this.export(format)),
      vscode.commands.registerCommand("genaiLint.groupFindings", async (grouping?: Grouping) => {
        const choice = grouping ?? (await this.pickGrouping());
        if (choice) this.findings.setGrouping(choice);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        // The language of labels may have changed.
        if (e.affectsConfiguration("genaiLint.language") && this.state.scan) this.state.update(this.state.scan);
      }),
    );
  }

  /** A (re)started language client: listen to its reports. */
  attach(client: LanguageClient): void {
    this.client = client;
    this.disposables.push(client.onNotification(WorkspaceReportNotification.type, (params) => this.state.update(params)));
  }

  async scan(): Promise<void> {
    const client = this.client;
    if (!client) return;
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t("genai-lint: scanning the workspace"), cancellable: true },
      async (progress, token) => {
        const workDoneToken = randomUUID();
        let reported = 0;
        const listener = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
          if (value.kind === "report" && value.percentage !== undefined) {
            progress.report({ increment: value.percentage - reported, message: value.message });
            reported = value.percentage;
          }
        });
        try {
          const result = await client.sendRequest(WorkspaceScanRequest.type, { force: true, workDoneToken }, token);
          this.state.update(result);
          const count = result.folders.reduce((n, f) => n + f.report.findings.length, 0);
          const files = result.folders.reduce((n, f) => n + f.report.coverage.filesScanned, 0);
          vscode.window.setStatusBarMessage(vscode.l10n.t("genai-lint: {0} findings in {1} files", count, files), 5000);
        } catch (err) {
          if (token.isCancellationRequested) return;
          void vscode.window.showErrorMessage(vscode.l10n.t("genai-lint could not scan the workspace: {0}", err instanceof Error ? err.message : String(err)));
        } finally {
          listener.dispose();
        }
      },
    );
  }

  private async pickGrouping(): Promise<Grouping | undefined> {
    const names: Record<Grouping, string> = {
      dimension: vscode.l10n.t("By governance dimension"),
      file: vscode.l10n.t("By file"),
      severity: vscode.l10n.t("By severity"),
      principle: vscode.l10n.t("By guideline principle"),
    };
    const picked = await vscode.window.showQuickPick(
      GROUPINGS.map((g) => ({ label: names[g], grouping: g, picked: g === this.findings.grouping })),
      { placeHolder: vscode.l10n.t("Group findings") },
    );
    return picked?.grouping;
  }

  private async export(format?: ExportFormat): Promise<void> {
    const client = this.client;
    if (!client) return;
    const formats: Array<{ label: string; description: string; format: ExportFormat }> = [
      { label: vscode.l10n.t("HTML report"), description: vscode.l10n.t("printable, for reviewers"), format: "html" },
      { label: vscode.l10n.t("Markdown summary"), description: vscode.l10n.t("for pull-request comments"), format: "markdown" },
      { label: "SARIF", description: vscode.l10n.t("for code-scanning tools"), format: "sarif" },
      { label: "CSV", description: vscode.l10n.t("for spreadsheets"), format: "csv" },
      { label: "JSON", description: vscode.l10n.t("the full report model"), format: "json" },
    ];
    const chosen = format ?? (await vscode.window.showQuickPick(formats, { placeHolder: vscode.l10n.t("Export the workspace report as") }))?.format;
    if (!chosen) return;
    if (!this.state.scan) await this.scan();
    const root = this.state.scan?.folders[0]?.root;
    if (!root) return;
    const { content, fileName } = await client.sendRequest(ExportReportRequest.type, { root, format: chosen });
    const target = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.joinPath(vscode.Uri.file(root), fileName), saveLabel: vscode.l10n.t("Export") });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(content));
    const open = vscode.l10n.t("Open");
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t("Report written to {0}", vscode.workspace.asRelativePath(target)), open);
    if (choice === open) await vscode.commands.executeCommand("vscode.open", target);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
