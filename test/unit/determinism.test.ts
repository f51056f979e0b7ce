// Findings do not depend on the order files are analysed in, nor on the thread: every annotated suite, scanned
// with its files in discovery order, reversed and shuffled, and in a worker thread, gives the same report.
import assert from "node:assert/strict";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { ready, scanFolder } from "../harness/analysis";
import { REPO_ROOT, sharedSuite } from "../conformance/suites";
import { Worker } from "node:worker_threads";
import { scan, type ScanResult } from "../../server/src/node/scan";

/** A deterministic shuffle (mulberry32), so a failure can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function suites(): string[] {
  const fixtures = path.join(REPO_ROOT, "test/fixtures");
  const dirs = (d: string) => readdirSync(d).filter((n) => statSync(path.join(d, n)).isDirectory()).map((n) => path.join(d, n));
  const out = [sharedSuite(), path.join(REPO_ROOT, "examples")].filter((d): d is string => !!d);
  for (const d of dirs(fixtures)) {
    if (path.basename(d) === "grammars" || path.basename(d) === "rules") continue;
    const split = dirs(d).filter((s) => ["python", "js"].includes(path.basename(s)));
    out.push(...(split.length ? split : [d]));
  }
  return out;
}

function reportOf(result: ScanResult): string {
  const findings = result.report.findings.map((f) => `${f.rule} ${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.message} | ${f.related.map((r) => `${r.file}:${r.line}:${r.column} ${r.message}`).join(" ; ")}`).sort();
  const inventory = result.report.inventory.map((i) => `${i.file}:${i.line}:${i.column} ${i.provider} ${i.modality} ${i.api} ${i.model ?? ""}`).sort();
  return [...findings, "--", ...inventory].join("\n");
}

describe("analysis order", function () {
  this.timeout(300000);
  before(ready);

  for (const suite of suites()) {
    it(`gives the same report for ${path.relative(REPO_ROOT, suite)} whatever the order of its files`, () => {
      const natural = reportOf(scanFolder(suite));
      const reversed = reportOf(scanFolder(suite, { fileOrder: (files) => [...files].reverse() }));
      const random = reportOf(scanFolder(suite, { fileOrder: (files) => shuffled(files, 20261206) }));
      assert.equal(reversed, natural, "reversed order");
      assert.equal(random, natural, "shuffled order");
    });
  }
});

/** The report without what measures time. */
function comparable(report: ScanResult["report"]): string {
  return JSON.stringify({ ...report, coverage: { ...report.coverage, durationMs: 0 } });
}

describe("serial and worker-thread scans", function () {
  this.timeout(300000);
  before(ready);

  it("give byte-identical reports on every suite", async () => {
    const bundle = path.join(REPO_ROOT, "server/out/genai-lint.js");
    const worker = new Worker(bundle, { workerData: { genaiLintScanWorker: true } });
    try {
      let id = 0;
      const inWorker = (root: string) =>
        new Promise<ScanResult["report"]>((resolve, reject) => {
          const job = ++id;
          const onMessage = (m: { type: string; id: number; report?: ScanResult["report"]; message?: string }) => {
            if (m.id !== job || m.type === "progress") return;
            worker.off("message", onMessage);
            if (m.type === "result" && m.report) resolve(m.report);
            else reject(new Error(m.message ?? "scan failed"));
          };
          worker.on("message", onMessage);
          worker.postMessage({ type: "scan", id: job, root, config: { testFixtures: [] }, locale: "en" });
        });
      for (const suite of suites()) {
        const serial = scan({ paths: [suite], config: { testFixtures: [] }, locale: "en", onProgress: () => undefined }).report;
        const threaded = await inWorker(suite);
        assert.equal(comparable(threaded), comparable(serial), path.relative(REPO_ROOT, suite));
      }
    } finally {
      await worker.terminate();
    }
  });
});
