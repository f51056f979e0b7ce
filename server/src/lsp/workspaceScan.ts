// Workspace scans for the compliance panel: run in a worker thread (the server keeps answering),
// with progress and cancellation, kept up to date when files change.
import { Worker } from "node:worker_threads";
import type { ProjectConfig } from "../core/config";
import type { Locale } from "../core/types";
import type { ScanStage } from "../node/scan";
import type { ScanJob, WorkerMessage } from "../node/scanWorker";
import { GOVERNANCE_DIMENSIONS, GUIDELINE_PRINCIPLES, GUIDELINE_URL, dimensionOfRule, principleOfRule } from "../core/guideline/sections";
import { ruleDocsUrl } from "../core/docsUrl";
import { ALL_RULE_METAS } from "../core/ruleMetas";
import type { RuleCatalogue, WorkspaceFolderReport } from "../protocol/messages";

/** Rule and guideline metadata sent with every scan, so the client needs no copy of its own. */
export function ruleCatalogue(): RuleCatalogue {
  return {
    rules: ALL_RULE_METAS.map((m) => ({
      id: m.id,
      title: { en: m.title.en, zh: m.title.zh },
      dimension: dimensionOfRule(m.id),
      principle: principleOfRule(m.id),
      sections: [...m.sections],
      defaultSeverity: m.defaultSeverity,
      docsUrl: ruleDocsUrl(m.id),
    })),
    dimensions: GOVERNANCE_DIMENSIONS.map((d) => ({ id: d.id, name: { en: d.nameEn, zh: d.nameZh } })),
    principles: GUIDELINE_PRINCIPLES.map((p) => ({ id: p.id, name: { en: p.nameEn, zh: p.nameZh } })),
    guidelineUrl: GUIDELINE_URL,
  };
}

export interface ScanRequest {
  root: string;
  config: ProjectConfig;
  locale: Locale;
  /** A problem with the config file: the scan runs on the defaults and the report says so. */
  configError?: string;
}

/** Progress of one folder's scan: files parsed, then steps of the flow analysis. */
export type ScanProgress = (done: number, total: number, stage: ScanStage) => void;

export class ScanCancelled extends Error {
  constructor() {
    super("workspace scan cancelled");
  }
}

/** One worker, started on first use and again after a cancellation (which ends it). */
export class WorkspaceScanService {
  private worker?: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: WorkspaceFolderReport) => void; reject: (e: Error) => void; onProgress?: ScanProgress; request: ScanRequest }>();
  private readonly reports = new Map<string, WorkspaceFolderReport>();

  constructor(
    private readonly script: string,
    private readonly log: (message: string) => void,
  ) {}

  /** The last finished report of a folder. */
  last(root: string): WorkspaceFolderReport | undefined {
    return this.reports.get(root);
  }

  hasScanned(): boolean {
    return this.reports.size > 0;
  }

  scanFolder(request: ScanRequest, onProgress?: ScanProgress): Promise<WorkspaceFolderReport> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<WorkspaceFolderReport>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress, request });
      worker.postMessage({ type: "scan", id, root: request.root, config: request.config, locale: request.locale } satisfies ScanJob);
    });
  }

  /** Stops the running scans: their promises reject with ScanCancelled. */
  cancel(): void {
    const worker = this.worker;
    this.worker = undefined;
    for (const p of this.pending.values()) p.reject(new ScanCancelled());
    this.pending.clear();
    void worker?.terminate();
  }

  dispose(): void {
    this.cancel();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script, { workerData: { genaiLintScanWorker: true }, stdout: true, stderr: true });
    worker.unref();
    worker.stderr.on("data", (chunk: Buffer) => this.log(`scan worker: ${chunk.toString().trimEnd()}`));
    worker.on("message", (message: WorkerMessage) => {
      const p = this.pending.get(message.id);
      if (!p) return;
      if (message.type === "progress") p.onProgress?.(message.done, message.total, message.stage);
      else {
        this.pending.delete(message.id);
        if (message.type === "error") p.reject(new Error(message.message));
        else {
          const folder: WorkspaceFolderReport = { root: p.request.root, report: message.report, finishedAt: new Date().toISOString(), ...(p.request.configError ? { error: p.request.configError } : {}) };
          this.reports.set(p.request.root, folder);
          p.resolve(folder);
        }
      }
    });
    const fail = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.log(`scan worker stopped: ${error.message}`);
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`the scan worker exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }
}
