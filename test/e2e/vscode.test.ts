// End to end in a real VS Code workbench: code-server with the packaged extension, driven in headless
// Chromium. Opens the example app, reads the Problems panel, applies a quick-fix through the editor,
// scans the workspace into the compliance panel and dashboard, and reads it all in Traditional
// Chinese too. Screenshots go to test-artifacts/.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ruleCatalogue } from "../../server/src/lsp/workspaceScan";
import { type Page, Workbench } from "./workbench";

const ROOT = path.resolve(__dirname, "../../..");
const EXAMPLE = path.join(ROOT, "examples/clinic-booking");
// Keep the ESM import of the helper module from being rewritten to require().
const importEsm = new Function("specifier", "return import(specifier)") as (s: string) => Promise<any>;

interface CliReport {
  findings: Array<{ rule: string; file: string; line: number; message: string }>;
  inventory: Array<{ provider: string; file: string; line: number }>;
  coverage: { filesScanned: number };
}

function cliReport(folder: string, locale = "en"): CliReport {
  const result = spawnSync(process.execPath, [path.join(ROOT, "server/out/genai-lint.js"), "scan", folder, "--format", "json", "--locale", locale, "--fail-on", "never"], { encoding: "utf8" });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout);
}

/** Findings per governance dimension, by the catalogue the panel uses, keyed by the dimension's name. */
function countsByDimension(report: CliReport, locale: "en" | "zh-hk"): Map<string, number> {
  const catalogue = ruleCatalogue();
  const dimensionOf = new Map(catalogue.rules.map((r) => [r.id, r.dimension]));
  return new Map(catalogue.dimensions.map((d) => [locale === "en" ? d.name.en : d.name.zh, report.findings.filter((f) => dimensionOf.get(f.rule) === d.id).length]));
}

describe("VS Code workbench (code-server + Chromium)", function () {
  this.timeout(240_000);
  let editors: any;
  let vsix: string;
  let temp: string;

  before(async function () {
    editors = await importEsm(path.join(ROOT, "scripts/editor-env.mjs"));
    await editors.ensureEditors({ log: (line: string) => console.log(`    [setup] ${line}`) });
    temp = mkdtempSync(path.join(os.tmpdir(), "genai-lint-e2e-"));
    vsix = path.join(temp, "genai-lint.vsix");
    const packaged = spawnSync(process.execPath, [path.join(ROOT, "scripts/package.mjs"), "--out", vsix], { cwd: ROOT, encoding: "utf8" });
    assert.equal(packaged.status, 0, `npm run package failed:\n${packaged.stdout}\n${packaged.stderr}`);
  });

  after(() => {
    if (temp) rmSync(temp, { recursive: true, force: true });
  });

  /** Starts code-server on a fresh copy of the example app and opens it in Chromium. */
  function useSession(locale?: string): { wb: () => Workbench; workspace: () => string } {
    let workbench: Workbench | undefined;
    let workspace = "";
    let close: (() => Promise<void>) | undefined;
    before(async function () {
      this.timeout(180_000);
      workspace = path.join(mkdtempSync(path.join(temp, "ws-")), "clinic-booking");
      cpSync(EXAMPLE, workspace, { recursive: true });
      const server = await editors.startCodeServer({ workspace, vsixPath: vsix, locale, settings: { "workbench.colorTheme": "Default Light Modern", "editor.hover.delay": 100 } });
      let browser: { page: Page; close(): Promise<void> } | undefined;
      close = async () => {
        await browser?.close();
        await server.stop();
      };
      try {
        browser = await editors.launchBrowser({ locale });
        workbench = new Workbench(browser!.page);
        await workbench.open(server.folderUrl);
      } catch (error) {
        await close();
        throw error;
      }
    });
    after(async () => close?.());
    return { wb: () => workbench!, workspace: () => workspace };
  }

  describe("in English", () => {
    const session = useSession();

    it("shows the workspace in the compliance panel, inventory and dashboard with the CLI's counts", async () => {
      const wb = session.wb();
      const cli = cliReport(session.workspace());
      await wb.openPanel("genai-lint");
      await wb.clickWelcomeButton("Scan Workspace");
      const expected = countsByDimension(cli, "en");
      const rows = await wb.waitForTreeRows("Findings", (r) => [...expected].every(([name, n]) => r.some((row) => row.includes(name) && row.includes(n === 0 ? "no findings" : n === 1 ? "1 finding" : `${n} findings`))), "a row per dimension with its count");
      assert.ok(rows.length >= expected.size);
      const providers = new Map<string, number>();
      for (const call of cli.inventory) providers.set(call.provider, (providers.get(call.provider) ?? 0) + 1);
      await wb.waitForTreeRows("AI Inventory", (r) => [...providers].every(([p, n]) => r.some((row) => row.includes(p) && row.includes(`${n} call`))), "a row per provider with its calls");
      await wb.screenshot("e2e-panel-en");

      await wb.runCommand("genai-lint: Open Dashboard");
      const dashboard = wb.webview();
      await dashboard.locator('[data-stat="total"]').filter({ hasText: String(cli.findings.length) }).waitFor({ timeout: 30_000 });
      assert.equal(await dashboard.locator("[data-files-scanned]").innerText(), String(cli.coverage.filesScanned));
      for (const [id, name] of ruleCatalogue().dimensions.map((d) => [d.id, d.name.en] as const)) {
        assert.equal(await dashboard.locator(`[data-dimension="${id}"] [data-count]`).innerText(), String(expected.get(name)), `dashboard count of ${name}`);
      }
      await wb.screenshot("e2e-dashboard-en");
    });

    it("shows the CLI's findings in the Problems panel and applies a quick-fix that makes one go away", async () => {
      const wb = session.wb();
      const expected = cliReport(session.workspace()).findings.filter((f) => f.file === "backend/ai.py");
      assert.ok(expected.some((f) => f.rule === "SEC001"), "the example has a hard-coded key to fix");
      await wb.openFile("backend/ai.py");
      await wb.showProblems();
      const rows = await wb.waitForProblems((r) => expected.every((f) => r.some((row) => row.includes(f.rule) && row.includes(`${f.line}`))), `the ${expected.length} findings of backend/ai.py`);
      const fileRows = rows.filter((r) => /genai-lint/.test(r) && expected.some((f) => r.includes(f.message.slice(0, 40))));
      assert.equal(fileRows.length, expected.length, `Problems panel rows:\n${rows.join("\n")}`);
      await wb.screenshot("e2e-problems-en");

      await wb.revealProblem("SEC001");
      await wb.applyQuickFix(/Read the key from the environment/);
      await wb.waitForProblems((r) => !r.some((row) => row.includes("SEC001")) && r.some((row) => row.includes("PII002")), "SEC001 gone and the other findings still there");
      const fixed = await wb.saveAndWait(path.join(session.workspace(), "backend/ai.py"), (text) => !text.includes("sk-proj-"));
      assert.match(fixed, /os\.environ/);
      assert.deepEqual(cliReport(session.workspace()).findings.filter((f) => f.file === "backend/ai.py" && f.rule === "SEC001"), []);
      await wb.screenshot("e2e-fixed-en");
    });
  });

  describe("in Traditional Chinese", () => {
    const session = useSession("zh-tw");

    it("speaks Traditional Chinese: problems, hovers, actions and settings", async () => {
      const wb = session.wb();
      const expected = cliReport(session.workspace(), "zh-hk").findings.filter((f) => f.file === "backend/main.py");
      await wb.openFile("backend/main.py");
      await wb.showProblems();
      const rows = await wb.waitForProblems((r) => expected.every((f) => r.some((row) => row.includes(f.message.slice(0, 12)))), "the Chinese messages of backend/main.py");
      assert.ok(rows.some((r) => /[\u4e00-\u9fff]/.test(r) && r.includes("DIS001")));
      await wb.screenshot("e2e-problems-zh");

      await wb.revealProblem("DIS001");
      const hover = await wb.hoverAtCursor("為何重要");
      assert.match(hover, /DIS001/, hover);
      assert.match(hover, /指引/);
      await wb.screenshot("e2e-hover-zh");

      await wb.page.keyboard.press("Escape");
      await wb.page.keyboard.press("Control+.");
      await wb.page.locator(".action-widget .monaco-list-row").filter({ hasText: "在此行停用 DIS001" }).first().waitFor({ timeout: 30_000 });
      await wb.screenshot("e2e-actions-zh");
      await wb.page.keyboard.press("Escape");

      await wb.page.keyboard.press("Control+,");
      await wb.page.locator(".settings-editor").waitFor({ timeout: 30_000 });
      await wb.page.keyboard.type("genaiLint.run");
      await wb.page.locator(".settings-editor .setting-item-description").filter({ hasText: "何時分析檔案" }).first().waitFor({ timeout: 30_000 });
      await wb.screenshot("e2e-settings-zh");
      await wb.page.keyboard.press("Control+W");
    });

    it("shows the panel and dashboard in Traditional Chinese with the CLI's counts", async () => {
      const wb = session.wb();
      const cli = cliReport(session.workspace(), "zh-hk");
      await wb.openPanel("genai-lint 合規");
      await wb.clickWelcomeButton("掃描工作區");
      const expected = countsByDimension(cli, "zh-hk");
      await wb.waitForTreeRows("發現的問題", (r) => [...expected].every(([name, n]) => r.some((row) => row.includes(name) && row.includes(n === 0 ? "沒有問題" : `${n} 個問題`))), "a row per dimension in Chinese");
      await wb.screenshot("e2e-panel-zh");
      await wb.runCommand("genai-lint: 開啟儀表板");
      const dashboard = wb.webview();
      await dashboard.locator('[data-stat="total"]').filter({ hasText: String(cli.findings.length) }).waitFor({ timeout: 30_000 });
      await dashboard.locator("h1").filter({ hasText: "合規儀表板" }).waitFor({ timeout: 30_000 });
      await wb.screenshot("e2e-dashboard-zh");
    });
  });
});
