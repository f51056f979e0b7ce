// The compliance dashboard: a webview with a strict content security policy (a nonce for our one
// local script, no network), drawn from the last scan's numbers.
import { randomBytes } from "node:crypto";
import * as vscode from "vscode";
import { buildDashboard } from "./model";
import type { PanelState } from "./state";

/** Words of the dashboard, translated by the extension's l10n bundle and handed to the page. */
function dashboardLabels(): Record<string, string> {
  return {
    title: vscode.l10n.t("genai-lint compliance dashboard"),
    subtitle: vscode.l10n.t("Hong Kong Generative AI Technical and Application Guideline"),
    dimensions: vscode.l10n.t("Governance dimensions"),
    clear: vscode.l10n.t("No findings"),
    review: vscode.l10n.t("Needs review"),
    action: vscode.l10n.t("Action needed"),
    findings: vscode.l10n.t("Findings"),
    rules: vscode.l10n.t("Rules"),
    rule: vscode.l10n.t("Rule"),
    titleColumn: vscode.l10n.t("Title"),
    sections: vscode.l10n.t("Guideline sections"),
    count: vscode.l10n.t("Count"),
    newCount: vscode.l10n.t("New"),
    acceptedCount: vscode.l10n.t("Accepted (baseline)"),
    baseline: vscode.l10n.t("Baseline"),
    accepted: vscode.l10n.t("accepted by the baseline"),
    newSince: vscode.l10n.t("new since the baseline"),
    noBaseline: vscode.l10n.t("No baseline: every finding counts as new."),
    suppressed: vscode.l10n.t("Suppressed with a reason"),
    coverage: vscode.l10n.t("Coverage"),
    filesScanned: vscode.l10n.t("Files scanned"),
    filesSkipped: vscode.l10n.t("Files skipped"),
    reason: vscode.l10n.t("Reason"),
    notes: vscode.l10n.t("Notes"),
    duration: vscode.l10n.t("Duration"),
    topFiles: vscode.l10n.t("Files with the most findings"),
    file: vscode.l10n.t("File"),
    inventory: vscode.l10n.t("AI calls"),
    provider: vscode.l10n.t("Provider"),
    calls: vscode.l10n.t("Calls"),
    errors: vscode.l10n.t("Errors"),
    warnings: vscode.l10n.t("Warnings"),
    information: vscode.l10n.t("Information"),
    hints: vscode.l10n.t("Hints"),
    scanAgain: vscode.l10n.t("Scan again"),
    export: vscode.l10n.t("Export report"),
    lastScan: vscode.l10n.t("Last scan"),
    none: vscode.l10n.t("None"),
  };
}

export class Dashboard implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly state: PanelState,
  ) {
    this.subscriptions.push(state.onDidChange(() => this.post()));
  }

  get isOpen(): boolean {
    return !!this.panel;
  }

  show(): void {
    if (this.panel) {
      this.panel.reveal();
      return;
    }
    const media = vscode.Uri.joinPath(this.extensionUri, "client", "media");
    const panel = vscode.window.createWebviewPanel("genaiLint.dashboard", vscode.l10n.t("genai-lint Dashboard"), vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [media],
      retainContextWhenHidden: false,
    });
    panel.iconPath = vscode.Uri.joinPath(media, "icon.png");
    panel.webview.html = this.html(panel.webview, media);
    panel.webview.onDidReceiveMessage((message: { type: string; file?: string; url?: string }) => {
      if (message.type === "ready") this.post();
      else if (message.type === "scan") void vscode.commands.executeCommand("genaiLint.scanWorkspace");
      else if (message.type === "export") void vscode.commands.executeCommand("genaiLint.exportReport");
      else if (message.type === "openFile" && message.file) void vscode.commands.executeCommand("vscode.open", vscode.Uri.file(message.file));
      else if (message.type === "openDocs" && message.url && /^https:\/\//.test(message.url)) void vscode.env.openExternal(vscode.Uri.parse(message.url));
    }, undefined, this.subscriptions);
    panel.onDidDispose(() => (this.panel = undefined), undefined, this.subscriptions);
    this.panel = panel;
  }

  private post(): void {
    const scan = this.state.scan;
    if (!this.panel || !scan) return;
    void this.panel.webview.postMessage({ type: "data", data: buildDashboard(scan.folders, scan.catalogue, this.state.locale()), labels: dashboardLabels() });
  }

  private html(webview: vscode.Webview, media: vscode.Uri): string {
    const nonce = randomBytes(16).toString("base64");
    const script = webview.asWebviewUri(vscode.Uri.joinPath(media, "dashboard.js"));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(media, "dashboard.css"));
    const csp = [`default-src 'none'`, `style-src ${webview.cspSource}`, `img-src ${webview.cspSource} data:`, `script-src 'nonce-${nonce}'`, `font-src ${webview.cspSource}`].join("; ");
    return `<!DOCTYPE html>
<html lang="${this.state.locale() === "zh-hk" ? "zh-Hant-HK" : "en"}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${style}">
<title>genai-lint</title>
</head>
<body>
<main id="dashboard" aria-live="polite"></main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
  }

  dispose(): void {
    this.panel?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
