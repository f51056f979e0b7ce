// The activity-bar trees: findings (grouped by governance dimension by default) and the AI inventory.
import * as vscode from "vscode";
import { buildFindingsTree, buildInventoryTree, type FindingLeaf, type GroupNode, type Grouping, type InventoryCall, type InventoryGroup, type TreeNode } from "./model";
import type { PanelState } from "./state";

const SEVERITY_ICONS = {
  error: new vscode.ThemeIcon("error", new vscode.ThemeColor("problemsErrorIcon.foreground")),
  warning: new vscode.ThemeIcon("warning", new vscode.ThemeColor("problemsWarningIcon.foreground")),
  information: new vscode.ThemeIcon("info", new vscode.ThemeColor("problemsInfoIcon.foreground")),
  hint: new vscode.ThemeIcon("lightbulb"),
};

const GROUP_ICONS: Record<GroupNode["groupKind"], string> = {
  dimension: "shield",
  principle: "law",
  rule: "checklist",
  severity: "warning",
  file: "file",
  folder: "folder",
};

/** A command that opens a file at a 1-based position. */
function openAt(file: string, line: number, column: number, endLine = line, endColumn = column): vscode.Command {
  const range = new vscode.Range(line - 1, column - 1, endLine - 1, endColumn - 1);
  return { command: "vscode.open", title: vscode.l10n.t("Open"), arguments: [vscode.Uri.file(file), { selection: range } satisfies vscode.TextDocumentShowOptions] };
}

export class FindingsTree implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  grouping: Grouping = "dimension";

  constructor(private readonly state: PanelState) {
    state.onDidChange(() => this.changed.fire());
  }

  setGrouping(grouping: Grouping): void {
    this.grouping = grouping;
    this.changed.fire();
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (node) return node.kind === "group" ? node.children : [];
    const scan = this.state.scan;
    if (!scan) return [];
    const severities = { error: vscode.l10n.t("Errors"), warning: vscode.l10n.t("Warnings"), information: vscode.l10n.t("Information"), hint: vscode.l10n.t("Hints") };
    return buildFindingsTree(scan.folders, scan.catalogue, this.grouping, this.state.locale(), severities);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.kind === "group" ? groupItem(node) : findingItem(node);
  }
}

function groupItem(node: GroupNode): vscode.TreeItem {
  // Collapsed: the top level reads as a one-screen summary (five dimensions and their counts).
  const expand = node.count === 0 ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Collapsed;
  const item = new vscode.TreeItem(node.label, expand);
  item.id = node.id;
  item.description = findingCount(node.count);
  if (node.groupKind === "file" && node.file) {
    item.resourceUri = vscode.Uri.file(node.file);
    item.iconPath = vscode.ThemeIcon.File;
  } else item.iconPath = node.groupKind === "severity" && node.worst ? SEVERITY_ICONS[node.worst] : node.count === 0 ? new vscode.ThemeIcon("pass", new vscode.ThemeColor("testing.iconPassed")) : new vscode.ThemeIcon(GROUP_ICONS[node.groupKind]);
  item.contextValue = `genaiLint.${node.groupKind}`;
  return item;
}

export function findingCount(count: number): string {
  return count === 0 ? vscode.l10n.t("no findings") : count === 1 ? vscode.l10n.t("1 finding") : vscode.l10n.t("{0} findings", count);
}

function findingItem(node: FindingLeaf): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = node.description;
  item.tooltip = `${node.rule}: ${node.label}`;
  item.iconPath = SEVERITY_ICONS[node.severity];
  item.command = openAt(node.file, node.line, node.column, node.endLine, node.endColumn);
  item.contextValue = "genaiLint.finding";
  return item;
}

export class InventoryTree implements vscode.TreeDataProvider<InventoryGroup | InventoryCall> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly state: PanelState) {
    state.onDidChange(() => this.changed.fire());
  }

  getChildren(node?: InventoryGroup | InventoryCall): Array<InventoryGroup | InventoryCall> {
    if (node) return node.kind === "call" ? [] : node.children;
    const scan = this.state.scan;
    return scan ? buildInventoryTree(scan.folders, vscode.l10n.t("(model not given)")) : [];
  }

  getTreeItem(node: InventoryGroup | InventoryCall): vscode.TreeItem {
    if (node.kind === "call") {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
      item.id = node.id;
      item.description = node.description;
      item.iconPath = new vscode.ThemeIcon("symbol-method");
      item.command = openAt(node.file, node.line, node.column);
      return item;
    }
    const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = node.id;
    item.description = `${node.count === 1 ? vscode.l10n.t("1 call") : vscode.l10n.t("{0} calls", node.count)} · ${node.modalities.join(", ")}`;
    item.iconPath = new vscode.ThemeIcon(node.kind === "provider" ? "cloud" : "hubot");
    return item;
  }
}
