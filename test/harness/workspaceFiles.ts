// Small multi-file workspaces written to a temporary folder and scanned like the CLI does, each file
// annotated with the findings it must give (`expect:` comments, as in the suites).
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { scan, type ScanResult } from "../../server/src/node/scan";
import { foundIn } from "./analysis";
import { parseExpectations } from "./expectations";

export function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "genai-lint-shapes-"));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** Scans the files and checks that the findings are exactly the annotated ones; returns the scan. */
export function expectAnnotated(files: Record<string, string>): ScanResult {
  const dir = workspace(files);
  const result = scan({ paths: [dir], config: { testFixtures: [] } });
  const key = (e: { file: string; line: number; rule: string }) => `${e.rule} ${e.file}:${e.line}`;
  const expected = Object.entries(files).flatMap(([name, text]) => parseExpectations(text, name)).map(key).sort();
  const found = [...new Set(foundIn(result).map(key))].sort();
  assert.deepEqual(found, expected);
  return result;
}

/** `file:line` of every AI call in the inventory. */
export function calls(result: ScanResult): string[] {
  return result.report.inventory.map((i) => `${i.file.split(path.sep).join("/")}:${i.line}`).sort();
}
