// The panel's workspace scan over the protocol: the same report as the CLI, work-done progress,
// cancellation, a fresh report after files change, and exports rendered by the server.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { CancellationTokenSource, DidChangeWatchedFilesNotification, FileChangeType, type ResponseError, WorkDoneProgress, type WorkDoneProgressBegin, type WorkDoneProgressReport } from "vscode-languageserver-protocol/node";
import { ExportReportRequest, type WorkspaceScanResult, WorkspaceReportNotification, WorkspaceScanRequest } from "../../server/src/protocol/messages";
import { BIN, LspClient } from "../harness/lspClient";

const ROOT = path.resolve(__dirname, "../../..");
const EXAMPLE = path.join(ROOT, "examples/clinic-booking");

function copyOf(folder: string): string {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), "genai-lint-scan-")), path.basename(folder));
  cpSync(folder, dir, { recursive: true });
  return dir;
}

function cliJson(folder: string): any {
  const run = spawnSync(process.execPath, [BIN, "scan", folder, "--format", "json", "--fail-on", "never"], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

const place = (f: { rule?: string; file: string; line: number; column: number }) => `${f.rule ?? ""}:${f.file}:${f.line}:${f.column}`;

describe("workspace scan over the protocol", function () {
  this.timeout(60_000);
  let client: LspClient | undefined;
  afterEach(async () => {
    await client?.close();
    client = undefined;
  });

  async function start(root: string): Promise<LspClient> {
    client = new LspClient({ root });
    await client.initialize();
    return client;
  }

  it("returns the CLI's findings, inventory and coverage, with progress from 0 to 100 %", async () => {
    const root = copyOf(EXAMPLE);
    const c = await start(root);
    const progress: Array<WorkDoneProgressBegin | WorkDoneProgressReport | { kind: "end" }> = [];
    const token = "scan-1";
    c.connection.onProgress(WorkDoneProgress.type, token, (value) => progress.push(value));
    const result = (await c.connection.sendRequest(WorkspaceScanRequest.type, { workDoneToken: token })) as WorkspaceScanResult;
    const cli = cliJson(root);
    assert.equal(result.folders.length, 1);
    const report = result.folders[0].report;
    assert.deepEqual(report.findings.map(place).sort(), cli.findings.map(place).sort());
    assert.deepEqual(report.inventory.map(place).sort(), cli.inventory.map(place).sort());
    assert.equal(report.coverage.filesScanned, cli.coverage.filesScanned);
    assert.equal(progress[0].kind, "begin");
    assert.equal((progress[0] as WorkDoneProgressBegin).cancellable, true);
    const percentages = progress.filter((p): p is WorkDoneProgressReport => p.kind === "report").map((p) => p.percentage ?? -1);
    // Parsing reports each file it parses (the pre-filter leaves out files that cannot hold a finding),
    // then the flow analysis reports each percent it advances, up to 100.
    const messages = progress.filter((p): p is WorkDoneProgressReport => p.kind === "report").map((p) => p.message ?? "");
    const parsing = messages.filter((m) => /^parsing \d+ of \d+ files$/.test(m)).length;
    const analysing = messages.filter((m) => m === "following data flows").length;
    assert.equal(parsing + analysing, messages.length, messages.join(" | "));
    assert.ok(parsing >= 1 && parsing <= cli.coverage.filesAnalysed, `one report per parsed file: ${parsing}`);
    assert.ok(analysing >= 2 && analysing <= 101, `reports of the flow analysis: ${analysing}`);
    const lastParsing = Math.max(...messages.map((m, i) => (m.startsWith("parsing") ? i : -1)));
    assert.ok(lastParsing < messages.indexOf("following data flows"), "parsing comes first");
    assert.deepEqual(percentages, [...percentages].sort((a, b) => a - b), "percentages only grow");
    assert.equal(percentages[percentages.length - 1], 100);
    assert.equal(progress[progress.length - 1].kind, "end");
    await c.waitFor(() => c.notifications.find((n) => n.method === WorkspaceReportNotification.method && (n.params as { partial: boolean }).partial));
  });

  it("stops when the request is cancelled, before or while it runs, and scans again afterwards", async () => {
    const root = copyOf(EXAMPLE);
    // Enough copies of the app that the scan is still running when the cancellation arrives.
    for (let i = 0; i < 40; i++) cpSync(EXAMPLE, path.join(root, "copies", `app${i}`), { recursive: true });
    const c = await start(root);
    const early = new CancellationTokenSource();
    const cancelledFirst = c.connection.sendRequest(WorkspaceScanRequest.type, { force: true }, early.token);
    early.cancel();
    await assert.rejects(cancelledFirst, (err: ResponseError<unknown>) => err.code === -32800);

    const running = new CancellationTokenSource();
    let reports = 0;
    c.connection.onProgress(WorkDoneProgress.type, "scan-cancel", (value) => {
      if (value.kind === "report" && ++reports === 1) running.cancel();
    });
    const cancelledWhileRunning = c.connection.sendRequest(WorkspaceScanRequest.type, { force: true, workDoneToken: "scan-cancel" }, running.token);
    await assert.rejects(cancelledWhileRunning, (err: ResponseError<unknown>) => err.code === -32800);
    assert.ok(reports >= 1);
    rmSync(path.join(root, "copies"), { recursive: true });
    const again = (await c.connection.sendRequest(WorkspaceScanRequest.type, { force: true })) as WorkspaceScanResult;
    assert.equal(again.folders[0].report.findings.length, cliJson(root).findings.length);
  });

  it("sends a fresh report when a file changes on disk", async () => {
    const root = copyOf(EXAMPLE);
    const c = await start(root);
    const first = (await c.connection.sendRequest(WorkspaceScanRequest.type, {})) as WorkspaceScanResult;
    const before = first.folders[0].report.findings.filter((f) => f.rule === "SEC001").length;
    const file = path.join(root, "backend/settings.py");
    writeFileSync(file, `from openai import OpenAI\n\nbackup = OpenAI(api_key="sk-proj-9fJ2kL0pQ7rS4tU1vW8xY3zA6bC5dE2fG7hI0jK")\n`);
    await c.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(file).toString(), type: FileChangeType.Created }] });
    const update = await c.waitFor(() => {
      const n = c.notifications.filter((m) => m.method === WorkspaceReportNotification.method && !(m.params as { partial: boolean }).partial).pop();
      return n?.params as (WorkspaceScanResult & { partial: boolean }) | undefined;
    }, 20_000);
    const after = update.folders[0].report.findings.filter((f) => f.rule === "SEC001");
    assert.equal(after.length, before + 1);
    assert.ok(after.some((f) => f.file === "backend/settings.py"));
  });

  it("renders exports of the last scan: HTML escapes what it shows, CSV and Markdown carry the findings", async () => {
    const root = copyOf(EXAMPLE);
    writeFileSync(path.join(root, "backend/<img src=x onerror=alert(1)>.py"), `from openai import OpenAI\nclient = OpenAI(api_key="sk-proj-Zx8Cv7Bn6Mm5Lk4Jh3Gf2Ds1Aq0Wp9Oe8Ir7Ut6Yy5")\n`);
    const c = await start(root);
    const scanned = (await c.connection.sendRequest(WorkspaceScanRequest.type, {})) as WorkspaceScanResult;
    const findings = scanned.folders[0].report.findings;
    const html = await c.connection.sendRequest(ExportReportRequest.type, { format: "html" });
    assert.equal(html.fileName, "genai-lint-report.html");
    assert.doesNotMatch(html.content, /<img src=x/);
    assert.match(html.content, /&lt;img src=x onerror=alert\(1\)&gt;\.py/);
    const csv = await c.connection.sendRequest(ExportReportRequest.type, { format: "csv" });
    assert.equal(csv.content.trim().split("\n").length, findings.length + 1);
    const markdown = await c.connection.sendRequest(ExportReportRequest.type, { format: "markdown" });
    for (const rule of new Set(findings.map((f) => f.rule))) assert.ok(markdown.content.includes(rule), rule);
    const sarif = JSON.parse((await c.connection.sendRequest(ExportReportRequest.type, { format: "sarif" })).content);
    assert.equal(sarif.runs[0].results.length, findings.length);
    assert.ok(readFileSync(path.join(root, "backend/ai.py"), "utf8").includes("sk-proj-"), "exports leave the workspace as it was");
  });

  it("reports only findings new since the baseline, in the editor and in the panel", async () => {
    const root = copyOf(EXAMPLE);
    const made = spawnSync(process.execPath, [BIN, "baseline", root], { encoding: "utf8" });
    assert.equal(made.status, 0, made.stderr);
    const c = await start(root);
    const text = readFileSync(path.join(root, "backend/ai.py"), "utf8");
    const uri = await c.open("backend/ai.py", text, "python");
    assert.deepEqual(await c.pull(uri), [], "everything in the file is in the baseline");
    // Lines moved and a new key added: only the new key is reported.
    await c.change(uri, `# moved down by a comment\n${text}\nspare = OpenAI(api_key="sk-proj-Ab3Cd4Ef5Gh6Ij7Kl8Mn9Op0Qr1St2Uv3Wx4Yz5")\n`);
    const fresh = await c.pull(uri);
    assert.deepEqual(fresh.map((d) => [d.code, d.range.start.line]), [["SEC001", text.split("\n").length + 1]]);
    const scanned = (await c.connection.sendRequest(WorkspaceScanRequest.type, {})) as WorkspaceScanResult;
    const report = scanned.folders[0].report;
    assert.equal(report.findings.length, 0);
    assert.equal(report.baseline?.accepted, cliJson(copyOf(EXAMPLE)).findings.length);
    assert.ok((report.baseline?.acceptedByRule?.SEC001 ?? 0) >= 1);
  });
});
