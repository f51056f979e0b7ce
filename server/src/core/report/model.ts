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
  /** Stable identity for baselines and accepted risks (see core/baseline/fingerprint.ts). */
  fingerprint?: string;
}

/** A finding silenced by a suppression comment or by the accepted-risks file, with the decision behind it. */
export interface ReportSuppressed {
  rule: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  fingerprint?: string;
  via: "comment" | "suppressions-file";
  /** Kind of suppression comment (next-line, line, file). */
  kind?: string;
  reason?: string;
  author?: string;
  expires?: string;
}

export interface ReportBaseline {
  /** The baseline file, relative to the scanned folder when inside it. */
  file: string;
  /** Findings the baseline accepted (not listed in `findings`). */
  accepted: number;
  /** Findings reported because the baseline does not hold them. */
  new: number;
  /** Accepted findings per rule id, for the change against the baseline rule by rule. */
  acceptedByRule?: Record<string, number>;
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
  /** Source files read (each one either analysed or found by its text to hold nothing to report). */
  filesScanned: number;
  /** Of those, files parsed and analysed: the text pre-filter leaves out files that cannot hold a finding. */
  filesAnalysed?: number;
  filesSkipped: number;
  skipped: Array<{ file: string; reason: SkipReason | string; detail?: string }>;
  languages: Record<string, number>;
  durationMs: number;
  /** Folders not entered (node_modules, virtual environments, build output), for the record. */
  excludedFolders?: string[];
  /** Notes about partial analysis: rules that failed, files analysed only in part, what could not be resolved (at `line`). */
  notes?: Array<{ file?: string; line?: number; rule?: string; message: string }>;
}

export interface Report {
  findings: ReportFinding[];
  inventory: ReportInventoryEntry[];
  coverage: Coverage;
  suppressed?: ReportSuppressed[];
  baseline?: ReportBaseline;
}

/** Optional parts of a report beyond findings, inventory and coverage. */
export interface ReportExtras {
  fingerprints?: ReadonlyMap<Finding, string>;
  suppressed?: ReadonlyArray<{ finding: Finding; via: ReportSuppressed["via"]; kind?: string; reason?: string; author?: string; expires?: string }>;
  /** `file` is an absolute path; it is shown like finding paths. */
  baseline?: ReportBaseline;
}

/** Converts offsets to positions; `base` makes file paths relative (when one folder is scanned). */
export function buildReport(
  findings: readonly Finding[],
  inventory: readonly InventoryEntry[],
  coverage: Coverage,
  textOf: (file: string) => string | undefined,
  base: string | undefined,
  locale: Locale = "en",
  extras: ReportExtras = {},
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
  const fingerprint = (f: Finding) => {
    const value = extras.fingerprints?.get(f);
    return value === undefined ? {} : { fingerprint: value };
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
        ...fingerprint(f),
      };
    }),
    inventory: inventory.map((i) => ({ file: display(i.file), ...pos(i.file, i.start), provider: i.provider, modality: i.modality, api: i.api, model: i.model ?? null })),
    coverage: {
      ...coverage,
      skipped: coverage.skipped.map((s) => ({ ...s, file: display(s.file) })),
      excludedFolders: coverage.excludedFolders?.map(display),
      ...(coverage.notes ? { notes: coverage.notes.map((n) => (n.file ? { ...n, file: display(n.file) } : n)) } : {}),
    },
    ...(extras.suppressed
      ? {
          suppressed: extras.suppressed.map(({ finding: f, via, kind, reason, author, expires }) => ({
            rule: f.ruleId,
            severity: f.severity,
            message: pick(f.message, locale),
            file: display(f.file),
            ...pos(f.file, f.start),
            ...fingerprint(f),
            via,
            ...(kind !== undefined ? { kind } : {}),
            ...(reason !== undefined ? { reason } : {}),
            ...(author !== undefined ? { author } : {}),
            ...(expires !== undefined ? { expires } : {}),
          })),
        }
      : {}),
    ...(extras.baseline ? { baseline: { ...extras.baseline, file: display(extras.baseline.file) } } : {}),
  };
}

/** Where a coverage note points: `file:line`, `file`, or nothing. */
export function noteWhere(n: { file?: string; line?: number }): string {
  return n.file ? `${n.file}${n.line ? `:${n.line}` : ""}` : "";
}
