// Runs the analyser the way the CLI does, for tests.
import path from "node:path";
import { initParsing } from "../../server/src/core/parse/parser";
import type { ProjectConfig } from "../../server/src/core/config";
import { scan, type ScanResult } from "../../server/src/node/scan";
import { locateWasm } from "../../server/src/node/wasm";
import type { Expected } from "./expectations";

export async function ready(): Promise<void> {
  await initParsing(locateWasm());
}

export function scanFolder(folder: string, options: { onlyRules?: string[]; config?: ProjectConfig; fileOrder?: (files: readonly string[]) => string[] } = {}): ScanResult {
  // Test fixtures are the point here: PII002 must not skip them.
  return scan({ paths: [folder], config: { testFixtures: [], ...(options.config ?? {}) }, onlyRules: options.onlyRules, fileOrder: options.fileOrder });
}

/** Findings as (file relative to the folder, line, rule). */
export function foundIn(result: ScanResult): Expected[] {
  return result.report.findings.map((f) => ({ file: f.file.split(path.sep).join("/"), line: f.line, rule: f.rule }));
}
