// Human-readable output in the manner of ESLint's "stylish" formatter: grouped by file, then a summary and a coverage line.
import { noteWhere, type Report } from "./model";

export interface TextOptions {
  color: boolean;
}

const codes = { reset: "\u001b[0m", red: "\u001b[31m", yellow: "\u001b[33m", blue: "\u001b[34m", dim: "\u001b[2m", bold: "\u001b[1m", underline: "\u001b[4m", green: "\u001b[32m" };

export function formatText(report: Report, options: TextOptions): string {
  const c = (code: keyof typeof codes, s: string) => (options.color ? `${codes[code]}${s}${codes.reset}` : s);
  const byFile = new Map<string, Report["findings"]>();
  for (const f of report.findings) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const [file, findings] of byFile) {
    lines.push("", c("underline", file));
    const posWidth = Math.max(...findings.map((f) => `${f.line}:${f.column}`.length));
    const sevWidth = Math.max(...findings.map((f) => label(f.severity).length));
    for (const f of findings) {
      if (f.severity === "error") errors++;
      else if (f.severity === "warning") warnings++;
      else infos++;
      const sev = label(f.severity).padEnd(sevWidth);
      const colored = f.severity === "error" ? c("red", sev) : f.severity === "warning" ? c("yellow", sev) : c("blue", sev);
      lines.push(`  ${c("dim", `${f.line}:${f.column}`.padEnd(posWidth))}  ${colored}  ${f.message}  ${c("dim", f.rule)}`);
    }
  }
  const total = errors + warnings + infos;
  lines.push("");
  if (total === 0) lines.push(c("green", "✔ No problems found"));
  else {
    const summary = `✖ ${total} problem${total === 1 ? "" : "s"} (${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}, ${infos} info)`;
    lines.push(c("bold", errors ? c("red", summary) : c("yellow", summary)));
  }
  if (report.baseline) lines.push(`Baseline: ${report.baseline.accepted} accepted by ${report.baseline.file}, ${report.baseline.new} new`);
  if (report.suppressed?.length) {
    const byComment = report.suppressed.filter((s) => s.via === "comment").length;
    lines.push(`Suppressed: ${report.suppressed.length} (${byComment} by comment${byComment === 1 ? "" : "s"}, ${report.suppressed.length - byComment} by the accepted-risks file)`);
  }
  const cov = report.coverage;
  const langs = Object.entries(cov.languages).map(([l, n]) => `${l} ${n}`).join(", ");
  lines.push(c("dim", `Coverage: ${cov.filesScanned} file${cov.filesScanned === 1 ? "" : "s"} scanned${langs ? ` (${langs})` : ""}, ${cov.filesSkipped} skipped, ${report.inventory.length} AI call${report.inventory.length === 1 ? "" : "s"} found, ${cov.durationMs} ms`));
  for (const s of cov.skipped.slice(0, 20)) lines.push(c("dim", `  skipped ${s.file}: ${s.reason}${s.detail ? ` (${s.detail})` : ""}`));
  if (cov.skipped.length > 20) lines.push(c("dim", `  … and ${cov.skipped.length - 20} more skipped (see --format json)`));
  for (const n of cov.notes ?? []) lines.push(c("dim", `  note: ${n.file ? `${noteWhere(n)}: ` : ""}${n.rule ? `${n.rule}: ` : ""}${n.message}`));
  return lines.join("\n") + "\n";
}

function label(severity: string): string {
  return severity === "information" ? "info" : severity;
}
