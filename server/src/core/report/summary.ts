// Counts shared by the HTML and Markdown reports: by severity, by rule, by governance dimension.
import { dimensionOfRule, GOVERNANCE_DIMENSIONS, type GovernanceDimension } from "../guideline/sections";
import type { Severity } from "../types";
import type { ReportFinding } from "./model";

export const SEVERITY_ORDER: readonly Severity[] = ["error", "warning", "information", "hint"];

export type SeverityCounts = Record<Severity, number>;

export function countBySeverity(findings: readonly Pick<ReportFinding, "severity">[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export function countByRule(findings: readonly Pick<ReportFinding, "rule">[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  return counts;
}

/** The governance dimension of a rule, or undefined for a rule the guideline table does not map. */
export function dimensionOf(ruleId: string): GovernanceDimension | undefined {
  try {
    const id = dimensionOfRule(ruleId);
    return GOVERNANCE_DIMENSIONS.find((d) => d.id === id);
  } catch {
    return undefined;
  }
}

export interface DimensionSummary {
  dimension: GovernanceDimension;
  counts: SeverityCounts;
  total: number;
  /** Rules of this dimension among `ruleIds`. */
  rules: string[];
}

/** One row per governance dimension (all five, in the guideline's order), even with no findings. */
export function summariseDimensions(findings: readonly ReportFinding[], ruleIds: readonly string[]): DimensionSummary[] {
  return GOVERNANCE_DIMENSIONS.map((dimension) => {
    const mine = findings.filter((f) => dimensionOf(f.rule)?.id === dimension.id);
    return { dimension, counts: countBySeverity(mine), total: mine.length, rules: ruleIds.filter((id) => dimensionOf(id)?.id === dimension.id) };
  });
}

/** Findings most worth a reviewer's attention first: by severity, then file and line. */
export function bySeverityThenPlace(a: ReportFinding, b: ReportFinding): number {
  return SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column);
}

export function groupByFile<T extends { file: string }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(item.file);
    if (list) list.push(item);
    else groups.set(item.file, [item]);
  }
  return groups;
}
