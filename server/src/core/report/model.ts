// The report model shared by every output format: findings with positions, the inventory, coverage.
import type { Finding, InventoryEntry, Locale, Severity } from "../types";
import { pick } from "../types";
import type { SkipReason } from "../workspace/discovery";
import { relativePath } from "../workspace/paths";
import { LineIndex } from "./lineIndex";

export interface ReportFinding {
  rule: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  related: Array<{ file: string; line: number; column: number; message: string }>;
}

export interface ReportInventoryEntry {
  file: string;
  line: number;
  column: number;
  provider: string;
  modality: string;
  api: string;
  model: string | null;
}

export interface Coverage {
  filesScanned: number;
  filesSkipped: number;
  skipped: Array<{ file: string; reason: SkipReason | string; detail?: string }>;
  languages: Record<string, number>;
  durationMs: number;
  /** Folders not entered (node_modules, virtual environments, build output), for the record. */
  excludedFolders?: string[];
  /** Notes about partial analysis: rules that failed, files analysed only in part. */
  notes?: Array<{ file?: string; rule?: string; message: string }>;
}

export interface Report {
  findings: ReportFinding[];
  inventory: ReportInventoryEntry[];
  coverage: Coverage;
}

/** Converts offsets to positions; `base` makes file paths relative (when one folder is scanned). */
export function buildReport(
  findings: readonly Finding[],
  inventory: readonly InventoryEntry[],
  coverage: Coverage,
  textOf: (file: string) => string | undefined,
  base: string | undefined,
  locale: Locale = "en",
): Report {
  const indexes = new Map<string, LineIndex>();
  const index = (file: string): LineIndex => {
    let idx = indexes.get(file);
    if (!idx) indexes.set(file, (idx = new LineIndex(textOf(file) ?? "")));
    return idx;
  };
  const display = (file: string) => (base ? relativePath(base, file) : file);
  const pos = (file: string, offset: number) => {
    const p = index(file).position(offset);
    return { line: p.line + 1, column: p.character + 1 };
  };
  return {
    findings: findings.map((f) => {
      const s = pos(f.file, f.start);
      const e = pos(f.file, f.end);
      return {
        rule: f.ruleId,
        severity: f.severity,
        message: pick(f.message, locale),
        file: display(f.file),
        line: s.line,
        column: s.column,
        endLine: e.line,
        endColumn: e.column,
        related: f.related.map((r) => ({ file: display(r.file), ...pos(r.file, r.start), message: pick(r.message, locale) })),
      };
    }),
    inventory: inventory.map((i) => ({ file: display(i.file), ...pos(i.file, i.start), provider: i.provider, modality: i.modality, api: i.api, model: i.model ?? null })),
    coverage: { ...coverage, skipped: coverage.skipped.map((s) => ({ ...s, file: display(s.file) })), excludedFolders: coverage.excludedFolders?.map(display) },
  };
}
