// Findings as RFC 4180 CSV (CRLF line ends, fields quoted when they need it),
// safe to open in a spreadsheet: a cell that would start a formula gets a
// leading apostrophe, so analysed code can never run as one.
import type { RuleMeta } from "../rules/types";
import type { Report } from "./model";

export interface CsvOptions {
  /** Rule metadata, for the guideline sections of each finding. */
  rules: readonly RuleMeta[];
}

export const CSV_COLUMNS = ["rule", "severity", "file", "line", "column", "endLine", "endColumn", "message", "guidelineSections", "fingerprint"] as const;

/** Spreadsheets treat these first characters as the start of a formula (tab and CR too, in some). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: formula guard for text, then quoting when the field holds a quote, comma, line break or edge spaces. */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return "";
  if (typeof value === "number") return String(value);
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

export function formatCsv(report: Report, options: CsvOptions): string {
  const sections = new Map(options.rules.map((r) => [r.id, r.sections.join("; ")]));
  const rows = [CSV_COLUMNS.join(",")];
  for (const f of report.findings) {
    rows.push([f.rule, f.severity, f.file, f.line, f.column, f.endLine, f.endColumn, f.message, sections.get(f.rule) ?? "", f.fingerprint].map(csvField).join(","));
  }
  return rows.join("\r\n") + "\r\n";
}
