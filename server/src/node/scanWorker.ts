// A workspace scan in a worker thread, so the language server keeps answering while it runs.
// The worker is the server's own bundle started again with `workerData.genaiLintScanWorker`.
import { parentPort, workerData } from "node:worker_threads";
import type { ProjectConfig } from "../core/config";
import { initParsing } from "../core/parse/parser";
import type { Report } from "../core/report/model";
import type { Locale } from "../core/types";
import { scan } from "./scan";
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
  | { type: "progress"; id: number; done: number; total: number }
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
      try {
        const result = scan({
          paths: [job.root],
          config: job.config,
          locale: job.locale,
          onProgress: (done, total) => port.postMessage({ type: "progress", id: job.id, done, total } satisfies WorkerMessage),
        });
        port.postMessage({ type: "result", id: job.id, report: result.report } satisfies WorkerMessage);
      } catch (err) {
        port.postMessage({ type: "error", id: job.id, message: err instanceof Error ? err.message : String(err) } satisfies WorkerMessage);
      }
    });
  });
}
