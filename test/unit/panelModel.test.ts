// The panel's trees and dashboard numbers, computed from scan reports (no VS Code needed).
import assert from "node:assert/strict";
import { buildDashboard, buildFindingsTree, buildInventoryTree, type GroupNode, type TreeNode } from "../../client/src/panel/model";
import type { Report, ReportFinding } from "../../server/src/core/report/model";
import { ruleCatalogue } from "../../server/src/lsp/workspaceScan";
import type { WorkspaceFolderReport } from "../../server/src/protocol/messages";

const SEVERITY_NAMES = { error: "Errors", warning: "Warnings", information: "Information", hint: "Hints" };
const catalogue = ruleCatalogue();

function finding(rule: string, file: string, line: number, severity: ReportFinding["severity"] = "warning"): ReportFinding {
  return { rule, severity, message: `${rule} at ${line}`, file, line, column: 1, endLine: line, endColumn: 10, related: [] };
}

function folder(root: string, findings: ReportFinding[], inventory: Report["inventory"] = []): WorkspaceFolderReport {
  return {
    root,
    finishedAt: "2026-11-28T00:00:00Z",
    report: { findings, inventory, coverage: { filesScanned: 4, filesSkipped: 1, skipped: [{ file: "big.py", reason: "too-large" }], languages: { python: 3, typescript: 1 }, durationMs: 12 } },
  };
}

function leaves(nodes: readonly TreeNode[]): number {
  return nodes.reduce((n, node) => n + (node.kind === "finding" ? 1 : leaves(node.children)), 0);
}

const app = folder("/ws/app", [
  finding("PII001", "api/chat.py", 10),
  finding("PII002", "api/chat.py", 3, "error"),
  finding("DIS001", "api/chat.py", 12),
  finding("DIS001", "web/route.ts", 20),
  finding("SEC001", "web/ai.ts", 2, "error"),
]);

describe("compliance panel model", () => {
  it("groups findings by the five governance dimensions, then rule, then file, with counts that add up", () => {
    const tree = buildFindingsTree([app], catalogue, "dimension", "en", SEVERITY_NAMES);
    assert.deepEqual(tree.map((g) => g.label), ["Personal Data Privacy", "Intellectual Property", "Crime Prevention", "Reliability and Trustworthiness", "System Security"]);
    assert.deepEqual(tree.map((g) => g.count), [2, 0, 0, 2, 1]);
    assert.equal(leaves(tree), 5);
    const privacy = tree[0];
    assert.deepEqual(privacy.children.map((r) => (r as GroupNode).label.split(" ")[0]), ["PII001", "PII002"]);
    const file = (privacy.children[0] as GroupNode).children[0] as GroupNode;
    assert.equal(file.groupKind, "file");
    assert.equal(file.file, "/ws/app/api/chat.py");
    assert.equal(tree[3].worst, "warning");
    assert.equal(tree[4].worst, "error");
  });

  it("names dimensions and rules in Traditional Chinese", () => {
    const tree = buildFindingsTree([app], catalogue, "dimension", "zh-hk", SEVERITY_NAMES);
    assert.deepEqual(tree.map((g) => g.label), ["個人資料私隱", "知識產權", "犯罪防治", "真實可信", "系統安全"]);
    assert.match((tree[0].children[0] as GroupNode).label, /^PII001 [\u4e00-\u9fff]/);
  });

  it("offers file, severity and principle groupings with the same findings", () => {
    const byFile = buildFindingsTree([app], catalogue, "file", "en", SEVERITY_NAMES);
    assert.deepEqual(byFile.map((g) => [g.label, g.count]), [["api/chat.py", 3], ["web/ai.ts", 1], ["web/route.ts", 1]]);
    const bySeverity = buildFindingsTree([app], catalogue, "severity", "en", SEVERITY_NAMES);
    assert.deepEqual(bySeverity.map((g) => [g.label, g.count]), [["Errors", 2], ["Warnings", 3]]);
    const byPrinciple = buildFindingsTree([app], catalogue, "principle", "en", SEVERITY_NAMES);
    assert.equal(byPrinciple.length, catalogue.principles.length);
    for (const tree of [byFile, bySeverity, byPrinciple]) assert.equal(leaves(tree), 5);
  });

  it("lists the AI inventory by provider and model with modalities", () => {
    const inventory = [
      { file: "api/chat.py", line: 8, column: 5, provider: "openai", modality: "text", api: "chat.completions.create", model: "gpt-4o" },
      { file: "api/img.py", line: 4, column: 5, provider: "openai", modality: "image", api: "images.generate", model: null },
      { file: "web/ai.ts", line: 9, column: 3, provider: "anthropic", modality: "text", api: "messages.create", model: "claude-sonnet-4" },
    ];
    const tree = buildInventoryTree([folder("/ws/app", [], inventory)], "(none)");
    assert.deepEqual(tree.map((p) => [p.label, p.count, p.modalities]), [["anthropic", 1, ["text"]], ["openai", 2, ["image", "text"]]]);
    const openai = tree[1];
    assert.deepEqual(openai.children.map((m) => m.label), ["gpt-4o", "(none)"]);
    const call = (openai.children[0] as { children: Array<{ file: string; line: number }> }).children[0];
    assert.deepEqual([call.file, call.line], ["/ws/app/api/chat.py", 8]);
  });

  it("sums dimensions, rules, coverage and top files for the dashboard across folders", () => {
    const other = folder("/ws/other", [finding("SEC001", "main.py", 1, "error")]);
    const data = buildDashboard([app, other], catalogue, "en");
    assert.equal(data.totals.all, 6);
    assert.equal(data.totals.error, 3);
    const status = Object.fromEntries(data.dimensions.map((d) => [d.id, [d.count, d.status]]));
    assert.deepEqual(status.security, [2, "action"]);
    assert.deepEqual(status.authenticity, [2, "review"]);
    assert.deepEqual(status.ip, [0, "clear"]);
    assert.equal(data.rules.find((r) => r.id === "DIS001")?.count, 2);
    assert.equal(data.coverage.filesScanned, 8);
    assert.equal(data.coverage.languages.python, 6);
    assert.deepEqual(data.topFiles[0], { file: "app/api/chat.py", count: 3 });
  });

  it("lists the coverage notes for the dashboard, each with its file and line", () => {
    const withNotes = folder("/ws/app", []);
    withNotes.report.coverage.notes = [
      { file: "src/ask.controller.ts", line: 4, message: "the injected `llm` (any) is registered for token \"LLM\", which no module of the workspace provides" },
      { message: "analysis stopped after 60000 ms; findings may be incomplete" },
    ];
    const data = buildDashboard([withNotes], catalogue, "en");
    assert.equal(data.coverage.notes, 2);
    assert.deepEqual(data.coverage.noteList.map((n) => n.where), ["src/ask.controller.ts:4", ""]);
    assert.match(data.coverage.noteList[0].message, /no module of the workspace provides/);
  });
});
