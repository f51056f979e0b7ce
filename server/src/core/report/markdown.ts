// A concise Markdown summary for pull-request comments: counts, the findings
// that matter most, and the rest folded into <details>. Everything that comes
// from analysed code or paths is escaped, so it renders as plain text.
import type { RuleMeta } from "../rules/types";
import type { Locale, Localized, Severity } from "../types";
import { LABELS, type LabelKey, SEVERITY_LABELS } from "./labels";
import { noteWhere, type Report, type ReportFinding } from "./model";
import { bySeverityThenPlace, countByRule, countBySeverity, SEVERITY_ORDER } from "./summary";

export interface MarkdownOptions {
  rules: readonly RuleMeta[];
  docsUrl(ruleId: string): string;
  guidelineUrl: string;
  /** Which language comes first in bilingual labels. */
  locale: Locale;
  /** Rows in the "top findings" table (default 10). */
  top?: number;
  /** Rows in the folded table of all findings (default 200; PR comments are limited to 65,536 characters). */
  maxRows?: number;
}

const SEVERITY_ICON: Record<Severity, string> = { error: "🔴", warning: "🟠", information: "🔵", hint: "⚪" };

/**
 * Escapes text for a Markdown table cell or inline text: HTML special
 * characters as entities, Markdown punctuation with backslashes (so `|` cannot
 * end the cell and backticks, brackets or emphasis cannot format), line breaks
 * as spaces, and a zero-width space after `@` so a name in code cannot mention
 * (and notify) anyone.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\\`*_{}[\]()#+!|~]/g, "\\$&")
    .replace(/@(?=\w)/g, "@\u200b")
    .replace(/\r\n|\r|\n/g, " ");
}

/** A relative link target for a file path: each segment percent-encoded, parentheses too (they would end the link). */
function linkTarget(file: string, line: number): string {
  const encoded = file
    .split("/")
    .map((segment) => encodeURIComponent(segment).replace(/\(/g, "%28").replace(/\)/g, "%29"))
    .join("/");
  return `${encoded}#L${line}`;
}

export function formatMarkdown(report: Report, options: MarkdownOptions): string {
  const zhFirst = options.locale === "zh-hk";
  const both = (text: Localized) => (zhFirst ? `${text.zh} · ${text.en}` : `${text.en} · ${text.zh}`);
  const side = (text: Localized) => (zhFirst ? `${text.zh} ${text.en}` : `${text.en} ${text.zh}`);
  const label = (key: LabelKey) => both(LABELS[key]);
  const severity = (s: Severity) => `${SEVERITY_ICON[s]} ${both(SEVERITY_LABELS[s])}`;
  const rules = new Map(options.rules.map((r) => [r.id, r]));
  const counts = countBySeverity(report.findings);
  const total = report.findings.length;
  const out: string[] = [];

  const noun = report.baseline ? { en: total === 1 ? "new finding" : "new findings", zh: "個新問題" } : { en: total === 1 ? "finding" : "findings", zh: "個問題" };
  const headline = zhFirst ? `${total} ${noun.zh} · ${total} ${noun.en}` : `${total} ${noun.en} · ${total} ${noun.zh}`;
  out.push(`### genai-lint: ${headline}`, "");
  out.push(SEVERITY_ORDER.filter((s) => s !== "hint" || counts.hint > 0).map((s) => `${SEVERITY_ICON[s]} ${counts[s]} ${side(SEVERITY_LABELS[s])}`).join(" · "));
  const extras: string[] = [];
  if (report.baseline) extras.push(`${label("baseline")}: ${report.baseline.accepted} ${both(LABELS.baselineAccepted)}, ${report.baseline.new} ${both(LABELS.baselineNew)} (${escapeMarkdown(report.baseline.file)})`);
  if (report.suppressed?.length) extras.push(`${label("suppressed")}: ${report.suppressed.length}`);
  if (extras.length) out.push("", extras.join("  \n"));
  out.push("", `[${escapeMarkdown(zhFirst ? LABELS.guideline.zh : LABELS.guideline.en)}](${options.guidelineUrl})`, "");

  if (total === 0) {
    out.push(`✅ ${label("noFindings")}`, "");
  } else {
    out.push(`| ${label("rule")} | ${label("title")} | ${label("sections")} | ${label("count")} |`, "|---|---|---|---:|");
    for (const [id, n] of [...countByRule(report.findings)].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
      const meta = rules.get(id);
      const title = meta ? escapeMarkdown(zhFirst ? meta.title.zh : meta.title.en) : "";
      out.push(`| [${escapeMarkdown(id)}](${options.docsUrl(id)}) | ${title} | ${escapeMarkdown(meta?.sections.join(", ") ?? "")} | ${n} |`);
    }
    out.push("");
    const sorted = [...report.findings].sort(bySeverityThenPlace);
    const table = (rows: readonly ReportFinding[]) => [
      `| ${label("severity")} | ${label("rule")} | ${label("location")} | ${label("message")} |`,
      "|---|---|---|---|",
      ...rows.map((f) => `| ${severity(f.severity)} | ${escapeMarkdown(f.rule)} | [${escapeMarkdown(`${f.file}:${f.line}`)}](${linkTarget(f.file, f.line)}) | ${escapeMarkdown(f.message)} |`),
    ];
    const top = options.top ?? 10;
    out.push(`#### ${label("topFindings")}`, "", ...table(sorted.slice(0, top)), "");
    if (sorted.length > top) {
      const maxRows = options.maxRows ?? 200;
      out.push(`<details><summary>${label("allFindings")} (${sorted.length})</summary>`, "", ...table(sorted.slice(0, maxRows)), "");
      if (sorted.length > maxRows) out.push(`… ${sorted.length - maxRows} ${both(LABELS.andMore)}`, "");
      out.push("</details>", "");
    }
  }

  if (report.suppressed?.length) {
    out.push(`<details><summary>${label("suppressed")} (${report.suppressed.length})</summary>`, "");
    out.push(`| ${label("rule")} | ${label("location")} | ${label("via")} | ${label("reason")} | ${label("author")} | ${label("expires")} |`, "|---|---|---|---|---|---|");
    for (const s of report.suppressed) {
      out.push(`| ${escapeMarkdown(s.rule)} | [${escapeMarkdown(`${s.file}:${s.line}`)}](${linkTarget(s.file, s.line)}) | ${both(s.via === "comment" ? LABELS.viaComment : LABELS.viaFile)} | ${escapeMarkdown(s.reason ?? "—")} | ${escapeMarkdown(s.author ?? "")} | ${escapeMarkdown(s.expires ?? "")} |`);
    }
    out.push("", "</details>", "");
  }

  out.push(`<details><summary>${label("inventory")} (${report.inventory.length})</summary>`, "");
  if (report.inventory.length === 0) out.push(label("noInventory"));
  else {
    out.push(`| ${label("callSite")} | ${label("provider")} | ${label("model")} | ${label("modality")} | ${label("api")} |`, "|---|---|---|---|---|");
    for (const i of report.inventory) out.push(`| [${escapeMarkdown(`${i.file}:${i.line}`)}](${linkTarget(i.file, i.line)}) | ${escapeMarkdown(i.provider)} | ${escapeMarkdown(i.model ?? "—")} | ${escapeMarkdown(i.modality)} | ${escapeMarkdown(i.api)} |`);
  }
  out.push("", "</details>", "");

  const cov = report.coverage;
  out.push(`<details><summary>${label("coverage")}</summary>`, "");
  out.push(`- ${label("filesScanned")}: ${cov.filesScanned} (${escapeMarkdown(Object.entries(cov.languages).map(([l, n]) => `${l} ${n}`).join(", ") || "—")})`);
  out.push(`- ${label("filesSkipped")}: ${cov.filesSkipped}`);
  for (const s of cov.skipped.slice(0, 50)) out.push(`  - ${escapeMarkdown(s.file)}: ${escapeMarkdown(String(s.reason))}${s.detail ? ` (${escapeMarkdown(s.detail)})` : ""}`);
  if (cov.skipped.length > 50) out.push(`  - … ${cov.skipped.length - 50} ${both(LABELS.andMore)}`);
  for (const n of cov.notes ?? []) out.push(`- ${label("notes")}: ${escapeMarkdown(`${n.file ? `${noteWhere(n)}: ` : ""}${n.rule ? `${n.rule}: ` : ""}${n.message}`)}`);
  out.push("", "</details>", "");
  return out.join("\n");
}
