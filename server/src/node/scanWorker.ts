// A workspace scan in a worker thread, so the language server keeps answering while it runs.
// The worker is the server's own bundle started again with `workerData.genaiLintScanWorker`.
import { parentPort, workerData } from "node:worker_threads";
import type { ProjectConfig } from "../core/config";
import { initParsing } from "../core/parse/parser";
import type { Report } from "../core/report/model";
import type { Locale } from "../core/types";
import { scan, type ScanStage } from "./scan";
import { locateWasm } from "./wasm";

export interface ScanJob {
  type: "scan";
  id: number;
  root: string;
  /** The config file merged with the editor's settings; the worker does not read the config file itself. */
  config: ProjectConfig;
  locale: Locale;
}

export type WorkerMessage =
  | { type: "progress"; id: number; done: number; total: number; stage: ScanStage }
  | { type: "result"; id: number; report: Report }
  | { type: "error"; id: number; message: string };

export function isScanWorker(): boolean {
  return !!parentPort && !!(workerData as { genaiLintScanWorker?: boolean } | undefined)?.genaiLintScanWorker;
}

export function runScanWorker(): void {
  const port = parentPort!;
  const ready = initParsing(locateWasm());
  port.on("message", (job: ScanJob) => {
    void ready.then(() => {
      let lastStage: ScanStage | undefined;
      let lastPercent = -1;
      try {
        const result = scan({
          paths: [job.root],
          config: job.config,
          locale: job.locale,
          onProgress: (done, total, stage) => {
            // One message per percent of each stage: the analysis reports a step per file and phase.
            const percent = Math.floor((done / total) * 100);
            if (stage === lastStage && percent === lastPercent) return;
            lastStage = stage;
            lastPercent = percent;
            port.postMessage({ type: "progress", id: job.id, done, total, stage } satisfies WorkerMessage);
          },
        });
        port.postMessage({ type: "result", id: job.id, report: result.report } satisfies WorkerMessage);
      } catch (err) {
        port.postMessage({ type: "error", id: job.id, message: err instanceof Error ? err.message : String(err) } satisfies WorkerMessage);
      }
    });
  });
}
