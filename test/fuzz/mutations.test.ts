// Fuzzing: 400 mutated programs (seeded) and the pathological files, through the built CLI, the core
// directly and the language server over stdio. Nothing may crash, hang or drop a file silently.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { analyzeFiles, defaultSettings } from "../../server/src/core/analyze";
import { Workspace } from "../../server/src/core/workspace/workspace";
import { ready } from "../harness/analysis";
import { BIN, LspClient } from "../harness/lspClient";
import { languageIdOf, pathologicalFiles } from "../harness/pathological";
import { loadCorpus, MUTATIONS, mutatedPrograms, rng } from "./corpus";
import { CHAT_APP, withLimit } from "../harness/programs";

/** Fixed seed: the same 400 programs on every run, so a failure can be reproduced from its recipe. */
const SEED = 20250401;
const PROGRAMS = 400;
const CLI_LIMIT_MS = 60_000;
const SKIP_REASONS = new Set(["too-large", "minified", "gitignored", "excluded-by-config", "binary", "unreadable", "not-utf8", "analysis-timeout", "symlink", "not-a-regular-file"]);

interface JsonReport {
  findings: Array<{ file: string; line: number; column: number; rule: string }>;
  coverage: { filesScanned: number; filesSkipped: number; skipped: Array<{ file: string; reason: string }>; notes?: Array<{ file?: string; message: string }> };
}

/** Temporary folders of this run, removed at the end (the pathological files alone are megabytes). */
const folders: string[] = [];

function folder(files: ReadonlyArray<{ name: string; bytes: Buffer | string }>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "genai-lint-fuzz-"));
  folders.push(dir);
  for (const f of files) writeFileSync(path.join(dir, f.name), f.bytes);
  return dir;
}

/** Runs the built CLI, killing it past `limitMs` (a hang is a failure, not a stuck test run). */
function runCli(args: string[], limitMs: number): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => err.push(d));
    const timer = setTimeout(() => child.kill("SIGKILL"), limitMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") });
    });
  });
}

/** Scans a folder with the CLI and checks what must hold for any input: exit 0 or 1, JSON, every file accounted for. */
async function scanAndCheck(dir: string, written: readonly string[]): Promise<JsonReport> {
  const r = await runCli(["scan", dir, "--format", "json", "--fail-on", "warning"], CLI_LIMIT_MS);
  assert.equal(r.signal, null, `the scan was stopped after ${CLI_LIMIT_MS} ms`);
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr.slice(0, 2000)}`);
  const report = JSON.parse(r.stdout) as JsonReport;
  const { coverage } = report;
  assert.equal(coverage.filesScanned + coverage.filesSkipped, written.length, "every file is scanned or listed as skipped");
  for (const s of coverage.skipped) assert.ok(SKIP_REASONS.has(s.reason), `unknown skip reason ${s.reason}`);
  const names = new Set(written);
  for (const f of report.findings) {
    assert.ok(names.has(path.basename(f.file)), `finding in a file that was not written: ${f.file}`);
    assert.ok(f.line >= 1 && f.column >= 1, `position ${f.line}:${f.column}`);
  }
  return report;
}

describe("fuzzing with mutated programs and pathological files", function () {
  this.timeout(180_000);
  const corpus = loadCorpus();
  const programs = mutatedPrograms(corpus, PROGRAMS, SEED);
  after(() => {
    for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("mutates a real corpus into distinct programs, the same ones for the same seed", () => {
    assert.ok(corpus.length >= 100, `corpus of ${corpus.length} files`);
    // A few coincide (two sources truncated to nothing); nearly all must differ.
    assert.ok(new Set(programs.map((p) => p.text)).size >= PROGRAMS * 0.95, "programs differ");
    assert.deepEqual(mutatedPrograms(corpus, 5, SEED), programs.slice(0, 5));
    assert.notDeepEqual(mutatedPrograms(corpus, 5, SEED + 1), programs.slice(0, 5));
  });

  it(`scans ${PROGRAMS} mutated programs with the CLI: exit 0 or 1, valid JSON, every file accounted for`, async () => {
    const dir = folder(programs.map((p) => ({ name: p.name, bytes: p.text })));
    const report = await scanAndCheck(dir, programs.map((p) => p.name));
    // The mutations keep enough real code for the rules to fire somewhere.
    assert.ok(report.findings.length > 0, "no finding at all in 400 realistic programs");
  });

  it("scans the pathological files with the CLI: deep nesting noted, too-large and binary files skipped with their reason", async () => {
    const files = pathologicalFiles();
    const dir = folder(files.map((f) => ({ name: f.name, bytes: f.bytes })));
    const report = await scanAndCheck(dir, files.map((f) => f.name));
    for (const f of files.filter((x) => x.expect !== "analysed")) {
      assert.ok(report.coverage.skipped.some((s) => path.basename(s.file) === f.name && s.reason === f.expect), `${f.name}: ${f.expect}`);
    }
    const noted = (name: string) => (report.coverage.notes ?? []).filter((n) => n.file && path.basename(n.file) === name).map((n) => n.message);
    for (const deep of files.filter((f) => f.name.startsWith("deep_") && f.name !== "deep_blocks.py")) {
      assert.ok(noted(deep.name).some((m) => /nesting deeper than \d+ levels/.test(m)), `${deep.name}: ${noted(deep.name).join("; ")}`);
    }
    assert.ok(report.findings.some((f) => path.basename(f.file) === "crlf.py" && f.rule === "DIS001" && f.line === 10));
  });

  it("drives the core directly on every program: no rule fails, findings and fixes stay inside their file, results are deterministic", async () => {
    await ready();
    for (const program of programs) {
      const analyse = () => {
        const file = `/fuzz/core/${program.name}`;
        const workspace = new Workspace("/fuzz/core", { read: (p) => (p === file ? program.text : undefined), exists: (p) => p === file });
        return analyzeFiles(workspace, [file], defaultSettings());
      };
      const result = analyse();
      assert.deepEqual(result.ruleErrors, [], program.recipe);
      for (const f of result.findings) {
        assert.ok(0 <= f.start && f.start <= f.end && f.end <= program.text.length, `${program.recipe}: ${f.ruleId} at ${f.start}-${f.end}`);
        for (const fix of f.fixes) for (const e of fix.edits) assert.ok(0 <= e.start && e.start <= e.end && e.end <= program.text.length, `${program.recipe}: fix edit ${e.start}-${e.end}`);
      }
      const again = analyse();
      assert.deepEqual(again.findings.map((f) => [f.ruleId, f.start, f.end]), result.findings.map((f) => [f.ruleId, f.start, f.end]), `${program.recipe}: not deterministic`);
    }
  });

  it("keeps the language server answering while it is fed mutated programs and edits to them", async () => {
    const sample = programs.filter((_, i) => i % 10 === 3);
    const root = folder(sample.map((p) => ({ name: p.name, bytes: p.text })));
    const client = new LspClient({ root });
    try {
      await withLimit(client.initialize(), "initialize");
      const r = rng(SEED);
      for (const program of sample) {
        const uri = await client.open(program.name, program.text, languageIdOf(program.name));
        await withLimit(client.pull(uri), `diagnostics of ${program.recipe}`);
        // A further edit, as typing would make.
        const edited = MUTATIONS.insertTokens(program.text.split("\n"), r, corpus).join("\n");
        await client.change(uri, edited);
        await withLimit(client.pull(uri), `diagnostics after an edit of ${program.recipe}`);
      }
      // Still alive and still analysing correctly.
      const uri = await client.open("alive.py", CHAT_APP, "python");
      const items = await withLimit(client.pull(uri), "the final request");
      assert.ok(items.some((d) => d.code === "DIS001"));
      assert.equal(client.process.exitCode, null);
    } finally {
      await client.close();
    }
  });
});

