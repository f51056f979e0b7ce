// Applies quick-fixes in a copy of a fixture folder and re-analyses it.
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { applyFixes } from "../../server/src/core/fixes/edits";
import { parseSource } from "../../server/src/core/workspace/workspace";
import { languageForPath } from "../../server/src/core/parse/parser";
import type { Fix } from "../../server/src/core/types";
import { scanFolder } from "./analysis";

/** Findings with their fixes for one file of a folder, one rule. */
export function fixesFor(folder: string, file: string, rule: string): Array<{ line: number; fixes: readonly Fix[] }> {
  const result = scanFolder(folder, { onlyRules: [rule] });
  const abs = path.join(folder, file).split(path.sep).join("/");
  return result.analysis.findings
    .filter((f) => f.file === abs && f.ruleId === rule)
    .map((f) => ({ line: result.report.findings.find((r) => r.rule === rule && r.file === file && r.message === f.message.en)?.line ?? 0, fixes: f.fixes }));
}

export function syntaxErrorCount(file: string, text: string): number {
  return parseSource(file, text, languageForPath(file)!).program.syntaxErrors.length;
}

/** Copies the folder, replaces `file` with `text`, scans the copy for `rule`. */
export function rescan(folder: string, file: string, text: string, rule: string): Array<{ file: string; line: number }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "genai-lint-fix-"));
  cpSync(folder, dir, { recursive: true });
  writeFileSync(path.join(dir, file), text);
  const result = scanFolder(dir, { onlyRules: [rule] });
  return result.report.findings.filter((f) => f.rule === rule).map((f) => ({ file: f.file, line: f.line }));
}

export function applyPreferred(text: string, findings: Array<{ fixes: readonly Fix[] }>): string {
  return applyFixes(text, findings.map((f) => f.fixes[0]).filter((f): f is Fix => !!f)).text;
}
