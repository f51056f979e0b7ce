// A self-contained, printable HTML report for leads and auditors: one file,
// no scripts, no external assets, labels in English and Traditional Chinese.
// Everything taken from analysed code, paths or messages goes through
// escapeHtml, and the Content-Security-Policy forbids scripts should anything
// slip through.
import { findCredentials } from "../detect/credentials";
import { findPersonalData } from "../detect/personalData";
import { GUIDELINE_SECTIONS } from "../guideline/sections";
import type { RuleMeta } from "../rules/types";
import type { Locale, Localized, Severity } from "../types";
import { LABELS, type LabelKey, SEVERITY_LABELS } from "./labels";
import { noteWhere, type Report, type ReportFinding } from "./model";
import { countByRule, countBySeverity, dimensionOf, groupByFile, SEVERITY_ORDER, summariseDimensions } from "./summary";

export interface HtmlOptions {
  rules: readonly RuleMeta[];
  docsUrl(ruleId: string): string;
  guidelineUrl: string;
  toolVersion: string;
  /** Which language comes first; finding messages are already in the report's language. */
  locale: Locale;
  /** What was scanned (a folder), shown in the header. */
  scanned?: string;
  /** When the report was made, shown as given (the core has no clock). */
  generatedAt?: string;
  /** Text of a file by its path in the report, for code excerpts; without it the report shows no code. */
  sourceOf?(file: string): string | undefined;
  /** Lines shown above and below the flagged lines (default 2). */
  contextLines?: number;
}

/**
 * Rules whose flagged span is itself the secret or the personal data. Excerpts
 * mask these spans, and anything else that looks like a key or personal data,
 * so that a report passed around does not spread them.
 */
const LITERAL_RULES = new Set(["SEC001", "PII002"]);
const MAX_FLAGGED_LINES = 8;
const MAX_LINE_CHARS = 220;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

const STYLE = `
:root { color-scheme: light; --ink: #1d2327; --muted: #5f6b73; --line: #d8dee3; --bg-soft: #f4f6f8;
  --error: #b42318; --warning: #b54708; --information: #175cd3; --hint: #475467; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 24px 32px 48px; color: var(--ink); background: #fff;
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK TC", "PingFang TC", "Microsoft JhengHei", "WenQuanYi Micro Hei", sans-serif; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 12px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 15px; margin: 20px 0 8px; }
.alt { color: var(--muted); font-weight: normal; }
h1 .alt, h2 .alt { margin-left: .4em; }
a { color: #0b5cad; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "WenQuanYi Micro Hei Mono", monospace; font-size: 12.5px; }
header dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 12px 0 0; }
header dt { color: var(--muted); }
header dd { margin: 0; overflow-wrap: anywhere; }
nav ol { display: flex; flex-wrap: wrap; gap: 4px 18px; padding: 0; list-style: none; margin: 16px 0 0; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td { border: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: var(--bg-soft); font-weight: 600; }
th .alt { display: block; font-size: 12px; }
a.section, a.rule, .nowrap { white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.zero td { color: var(--muted); }
table.facts { width: auto; min-width: 420px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 8px 0; }
.card { border: 1px solid var(--line); border-left-width: 6px; border-radius: 6px; padding: 8px 14px; min-width: 150px; }
.card .n { font-size: 26px; font-weight: 700; display: block; }
.card.sev-error { border-left-color: var(--error); } .card.sev-warning { border-left-color: var(--warning); }
.card.sev-information { border-left-color: var(--information); } .card.sev-hint { border-left-color: var(--hint); }
.card.total { border-left-color: var(--ink); }
.sev { display: inline-block; border-radius: 4px; padding: 0 6px; color: #fff; font-size: 12px; font-weight: 600; white-space: nowrap; }
.sev.sev-error { background: var(--error); } .sev.sev-warning { background: var(--warning); }
.sev.sev-information { background: var(--information); } .sev.sev-hint { background: var(--hint); }
.finding { border: 1px solid var(--line); border-left: 4px solid var(--muted); border-radius: 4px; padding: 8px 12px; margin: 8px 0; }
.finding.sev-error { border-left-color: var(--error); } .finding.sev-warning { border-left-color: var(--warning); }
.finding.sev-information { border-left-color: var(--information); }
.finding .head { display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: baseline; }
.finding .loc { color: var(--muted); font-variant-numeric: tabular-nums; }
.finding .msg { margin: 4px 0; }
.finding .meta { color: var(--muted); font-size: 12.5px; margin: 2px 0; }
.finding ol.flow { margin: 4px 0; padding-left: 22px; font-size: 13px; }
pre.excerpt { background: var(--bg-soft); border: 1px solid var(--line); border-radius: 4px; padding: 6px 0; margin: 6px 0 2px;
  white-space: pre-wrap; overflow-wrap: anywhere; tab-size: 4; }
pre.excerpt .line { display: block; padding: 0 10px 0 6.5ch; text-indent: -6.5ch; }
pre.excerpt .line.hit { background: #fff1c2; }
pre.excerpt .ln { display: inline-block; min-width: 5ch; padding-right: 1.5ch; text-align: right; color: var(--muted); user-select: none; }
pre.excerpt mark { background: #ffd166; color: inherit; }
.note { color: var(--muted); font-size: 12.5px; }
footer { margin-top: 40px; padding-top: 12px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12.5px; }
@page { size: A4; margin: 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; }
  .finding, tr, .card, pre.excerpt { break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

const CSP = "default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export function formatHtml(report: Report, options: HtmlOptions): string {
  const zhFirst = options.locale === "zh-hk";
  const esc = escapeHtml;
  /** Both languages: the report's language first, the other one muted beside it. */
  const both = (text: Localized): string => {
    const [first, second] = zhFirst ? [text.zh, text.en] : [text.en, text.zh];
    return `${esc(first)} <span class="alt" lang="${zhFirst ? "en" : "zh-HK"}">${esc(second)}</span>`;
  };
  const label = (key: LabelKey) => both(LABELS[key]);
  const severityBadge = (s: Severity) => `<span class="sev sev-${s}">${esc(SEVERITY_LABELS[s].en)} · ${esc(SEVERITY_LABELS[s].zh)}</span>`;
  const rules = new Map(options.rules.map((r) => [r.id, r]));
  const ruleLink = (id: string) => `<a class="rule" href="${esc(options.docsUrl(id))}"><code>${esc(id)}</code></a>`;
  const sectionLinks = (ids: readonly string[]) =>
    ids
      .map((id) => {
        const s = Object.hasOwn(GUIDELINE_SECTIONS, id) ? GUIDELINE_SECTIONS[id] : undefined;
        const title = s ? ` title="${esc(`${s.titleEn} / ${s.titleZh}`)}"` : "";
        return `<a class="section" href="${esc(options.guidelineUrl)}"${title}>${esc(id)}</a>`;
      })
      .join(", ");
  const place = (file: string, line: number, column?: number) => `<code>${esc(file)}:${line}${column ? `:${column}` : ""}</code>`;

  const parts: string[] = [];
  const counts = countBySeverity(report.findings);
  const ruleCounts = countByRule(report.findings);

  // Header.
  parts.push(`<header>`, `<h1>${label("reportTitle")}</h1>`, `<div>${both(LABELS.guideline)}</div>`, `<dl>`);
  if (options.scanned !== undefined) parts.push(`<dt>${label("scanned")}</dt><dd><code>${esc(options.scanned)}</code></dd>`);
  if (options.generatedAt !== undefined) parts.push(`<dt>${label("generated")}</dt><dd>${esc(options.generatedAt)}</dd>`);
  parts.push(`<dt>${label("tool")}</dt><dd>genai-lint ${esc(options.toolVersion)}</dd>`);
  parts.push(`<dt>${label("officialGuideline")}</dt><dd><a href="${esc(options.guidelineUrl)}">${esc(options.guidelineUrl)}</a></dd>`, `</dl>`);
  const toc: Array<[string, LabelKey]> = [["summary", "summary"], ["dimensions", "dimensions"], ["rules", "rules"], ["findings", "byFile"], ["inventory", "inventory"], ["coverage", "coverage"], ["suppressed", "suppressed"]];
  parts.push(`<nav aria-label="${esc(LABELS.contents.en)}"><ol>${toc.map(([id, key]) => `<li><a href="#${id}">${label(key)}</a></li>`).join("")}</ol></nav>`, `</header>`);

  // Summary.
  parts.push(`<section id="summary"><h2>${label("summary")}</h2><div class="cards">`);
  parts.push(`<div class="card total"><span class="n">${report.findings.length}</span>${label(report.baseline ? "baselineNew" : "findings")}</div>`);
  for (const s of SEVERITY_ORDER) if (s !== "hint" || counts.hint > 0) parts.push(`<div class="card sev-${s}"><span class="n">${counts[s]}</span>${both(SEVERITY_LABELS[s])}</div>`);
  if (report.baseline) parts.push(`<div class="card"><span class="n">${report.baseline.accepted}</span>${label("baselineAccepted")}</div>`);
  parts.push(`<div class="card"><span class="n">${report.suppressed?.length ?? 0}</span>${label("suppressed")}</div>`, `</div>`);
  if (report.baseline) parts.push(`<p>${label("baseline")}: <code>${esc(report.baseline.file)}</code> — ${report.baseline.accepted} ${label("baselineAccepted")}, ${report.baseline.new} ${label("baselineNew")}</p>`);
  parts.push(`</section>`);

  // Governance dimensions.
  parts.push(`<section id="dimensions"><h2>${label("dimensions")}</h2><table><thead><tr><th>${label("dimension")}</th>`);
  for (const s of SEVERITY_ORDER.slice(0, 3)) parts.push(`<th class="num">${both(SEVERITY_LABELS[s])}</th>`);
  parts.push(`<th class="num">${label("total")}</th><th>${label("rules")}</th><th>${label("sections")}</th></tr></thead><tbody>`);
  for (const row of summariseDimensions(report.findings, options.rules.map((r) => r.id))) {
    parts.push(`<tr${row.total === 0 ? ` class="zero"` : ""}><td>${both({ en: row.dimension.nameEn, zh: row.dimension.nameZh })}</td>`);
    for (const s of SEVERITY_ORDER.slice(0, 3)) parts.push(`<td class="num">${row.counts[s]}</td>`);
    parts.push(`<td class="num">${row.total}</td><td>${row.rules.map(ruleLink).join(" ") || "—"}</td><td>${sectionLinks(row.dimension.sections)}</td></tr>`);
  }
  const unmapped = report.findings.filter((f) => dimensionOf(f.rule) === undefined);
  if (unmapped.length) {
    const other = countBySeverity(unmapped);
    parts.push(`<tr><td>${label("other")}</td>${SEVERITY_ORDER.slice(0, 3).map((s) => `<td class="num">${other[s]}</td>`).join("")}<td class="num">${unmapped.length}</td><td>${[...new Set(unmapped.map((f) => f.rule))].map(ruleLink).join(" ")}</td><td>—</td></tr>`);
  }
  parts.push(`</tbody></table></section>`);

  // Rules.
  parts.push(`<section id="rules"><h2>${label("rules")}</h2><table><thead><tr><th>${label("rule")}</th><th>${label("title")}</th><th>${label("dimension")}</th><th>${label("sections")}</th><th>${label("defaultSeverity")}</th><th class="num">${label("findings")}</th></tr></thead><tbody>`);
  const ruleRows = [...options.rules.map((r) => r.id), ...[...ruleCounts.keys()].filter((id) => !rules.has(id))];
  for (const id of ruleRows) {
    const meta = rules.get(id);
    const dimension = dimensionOf(id);
    const n = ruleCounts.get(id) ?? 0;
    parts.push(
      `<tr${n === 0 ? ` class="zero"` : ""}><td>${ruleLink(id)}${meta ? `<br><span class="note">${esc(meta.name)}</span>` : ""}</td>`,
      `<td>${meta ? both(meta.title) : ""}</td><td>${dimension ? both({ en: dimension.nameEn, zh: dimension.nameZh }) : "—"}</td>`,
      `<td>${meta ? sectionLinks(meta.sections) : ""}</td><td>${meta ? severityBadge(meta.defaultSeverity) : ""}</td><td class="num">${n}</td></tr>`,
    );
  }
  parts.push(`</tbody></table></section>`);

  // Findings by file.
  parts.push(`<section id="findings"><h2>${label("byFile")}</h2>`);
  if (options.sourceOf && report.findings.length) parts.push(`<p class="note">${label("masked")}</p>`);
  if (report.findings.length === 0) parts.push(`<p>${label("noFindings")}</p>`);
  for (const [file, findings] of groupByFile(report.findings)) {
    parts.push(`<section class="file"><h3><code>${esc(file)}</code> <span class="alt">(${findings.length})</span></h3>`);
    const source = options.sourceOf?.(file);
    const lines = source === undefined ? undefined : source.split(/\r\n|\r|\n/);
    for (const f of findings) {
      const meta = rules.get(f.rule);
      parts.push(`<article class="finding sev-${f.severity}"><div class="head">${severityBadge(f.severity)} ${ruleLink(f.rule)}${meta ? ` <span>${both(meta.title)}</span>` : ""} <span class="loc">${place(f.file, f.line, f.column)}</span></div>`);
      parts.push(`<p class="msg">${esc(f.message)}</p>`);
      parts.push(`<p class="meta">${label("sections")}: ${meta ? sectionLinks(meta.sections) : "—"}${f.fingerprint ? ` · fingerprint <code>${esc(f.fingerprint)}</code>` : ""}</p>`);
      if (f.related.length) {
        parts.push(`<div class="meta">${label("flow")}</div><ol class="flow">`);
        for (const r of f.related) parts.push(`<li>${place(r.file, r.line, r.column)} — ${esc(r.message)}</li>`);
        parts.push(`<li>${place(f.file, f.line, f.column)} — ${esc(f.message)}</li></ol>`);
      }
      if (lines) parts.push(excerpt(lines, f, options.contextLines ?? 2));
      parts.push(`</article>`);
    }
    parts.push(`</section>`);
  }
  parts.push(`</section>`);

  // AI inventory.
  parts.push(`<section id="inventory"><h2>${label("inventory")} <span class="alt">(${report.inventory.length})</span></h2>`);
  if (report.inventory.length === 0) parts.push(`<p>${label("noInventory")}</p>`);
  else {
    parts.push(`<table><thead><tr><th>${label("provider")}</th><th>${label("model")}</th><th>${label("modality")}</th><th>${label("api")}</th><th>${label("callSite")}</th></tr></thead><tbody>`);
    for (const i of report.inventory) parts.push(`<tr><td>${esc(i.provider)}</td><td>${i.model ? `<code>${esc(i.model)}</code>` : "—"}</td><td>${esc(i.modality)}</td><td><code>${esc(i.api)}</code></td><td>${place(i.file, i.line, i.column)}</td></tr>`);
    parts.push(`</tbody></table>`);
  }
  parts.push(`</section>`);

  // Coverage.
  const cov = report.coverage;
  const languages = Object.entries(cov.languages).map(([l, n]) => `${l} ${n}`).join(", ");
  parts.push(`<section id="coverage"><h2>${label("coverage")}</h2><table class="facts"><tbody>`);
  parts.push(`<tr><th>${label("filesScanned")}</th><td class="num">${cov.filesScanned}</td></tr><tr><th>${label("filesSkipped")}</th><td class="num">${cov.filesSkipped}</td></tr>`);
  parts.push(`<tr><th>${label("languages")}</th><td>${esc(languages || "—")}</td></tr><tr><th>${label("duration")}</th><td>${cov.durationMs} ms</td></tr></tbody></table>`);
  if (cov.skipped.length) {
    parts.push(`<h3>${label("filesSkipped")}</h3><table><thead><tr><th>${label("file")}</th><th>${label("reason")}</th></tr></thead><tbody>`);
    for (const s of cov.skipped) parts.push(`<tr><td><code>${esc(s.file)}</code></td><td>${esc(String(s.reason))}${s.detail ? ` <span class="note">(${esc(s.detail)})</span>` : ""}</td></tr>`);
    parts.push(`</tbody></table>`);
  }
  if (cov.excludedFolders?.length) parts.push(`<h3>${label("excludedFolders")}</h3><p>${cov.excludedFolders.map((d) => `<code>${esc(d)}</code>`).join(", ")}</p>`);
  if (cov.notes?.length) {
    parts.push(`<h3>${label("notes")}</h3><ul>`);
    for (const n of cov.notes) parts.push(`<li>${n.file ? `<code>${esc(noteWhere(n))}</code>: ` : ""}${n.rule ? `${esc(n.rule)}: ` : ""}${esc(n.message)}</li>`);
    parts.push(`</ul>`);
  }
  parts.push(`</section>`);

  // Suppressions.
  const suppressed = report.suppressed ?? [];
  parts.push(`<section id="suppressed"><h2>${label("suppressed")} <span class="alt">(${suppressed.length})</span></h2>`);
  if (suppressed.length === 0) parts.push(`<p>${label("noSuppressed")}</p>`);
  else {
    parts.push(`<table><thead><tr><th>${label("rule")}</th><th>${label("location")}</th><th>${label("via")}</th><th>${label("reason")}</th><th>${label("author")}</th><th>${label("expires")}</th></tr></thead><tbody>`);
    for (const s of suppressed) {
      parts.push(`<tr><td>${ruleLink(s.rule)}</td><td>${place(s.file, s.line, s.column)}<br><span class="note">${esc(s.message)}</span></td><td>${both(s.via === "comment" ? LABELS.viaComment : LABELS.viaFile)}${s.kind ? ` <span class="note">(${esc(s.kind)})</span>` : ""}</td>`);
      parts.push(`<td>${s.reason ? esc(s.reason) : "—"}</td><td>${s.author ? esc(s.author) : "—"}</td><td class="nowrap">${s.expires ? esc(s.expires) : "—"}</td></tr>`);
    }
    parts.push(`</tbody></table>`);
  }
  parts.push(`</section>`);

  parts.push(`<footer><p>${esc(LABELS.disclaimer.en)}</p><p lang="zh-HK">${esc(LABELS.disclaimer.zh)}</p><p>${both(LABELS.guideline)}: <a href="${esc(options.guidelineUrl)}">${esc(options.guidelineUrl)}</a></p></footer>`);

  const title = `genai-lint — ${zhFirst ? LABELS.reportTitle.zh : LABELS.reportTitle.en}${options.scanned ? ` — ${options.scanned}` : ""}`;
  return [
    `<!doctype html>`,
    `<html lang="${zhFirst ? "zh-HK" : "en"}">`,
    `<head>`,
    `<meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    `<meta name="referrer" content="no-referrer">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<meta name="generator" content="genai-lint ${esc(options.toolVersion)}">`,
    `<title>${esc(title)}</title>`,
    `<style>${STYLE}</style>`,
    `</head>`,
    `<body>`,
    ...parts,
    `</body>`,
    `</html>`,
    ``,
  ].join("\n");
}

/** The finding's lines with a little context, the flagged span marked. */
function excerpt(lines: readonly string[], f: ReportFinding, context: number): string {
  const lastFlagged = Math.min(f.endLine, f.line + MAX_FLAGGED_LINES - 1, lines.length);
  const first = Math.max(1, f.line - context);
  const last = Math.min(lines.length, lastFlagged + context);
  const rows: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = lines[n - 1] ?? "";
    const masks = literalRanges(text);
    if (n < f.line || n > lastFlagged) {
      rows.push(`<span class="line"><span class="ln">${n}</span>${renderLine(text, undefined, masks)}</span>`);
      continue;
    }
    const from = n === f.line ? Math.min(f.column - 1, text.length) : 0;
    const to = n === f.endLine ? Math.max(from, Math.min(f.endColumn - 1, text.length)) : text.length;
    // The flagged span of a literal rule is the secret itself, whatever the detectors make of one line of it.
    if (LITERAL_RULES.has(f.rule) && to > from) masks.push([from, to]);
    rows.push(`<span class="line hit"><span class="ln">${n}</span>${renderLine(text, [from, to], masks)}</span>`);
  }
  return `<pre class="excerpt"><code>${rows.join("")}</code></pre>`;
}

/** Ranges of a line that look like provider keys or personal data (the PII002 and SEC001 detectors). */
function literalRanges(line: string): Array<[number, number]> {
  return [...findCredentials(line), ...findPersonalData(line)].map((m): [number, number] => [m.start, m.end]);
}

/**
 * One line of code as HTML: escaped, `mark` highlighted, `masks` hidden but
 * for their first two characters, and long lines cut to a window around the
 * mark so minified-looking code stays readable.
 */
function renderLine(text: string, mark: [number, number] | undefined, masks: ReadonlyArray<[number, number]>): string {
  let from = 0;
  let to = text.length;
  if (text.length > MAX_LINE_CHARS) {
    from = Math.max(0, (mark?.[0] ?? 0) - 80);
    to = Math.min(text.length, from + MAX_LINE_CHARS);
  }
  const cuts = new Set([from, to]);
  for (const [a, b] of mark ? [mark, ...masks] : masks) {
    if (a > from && a < to) cuts.add(a);
    if (b > from && b < to) cuts.add(b);
  }
  const points = [...cuts].sort((a, b) => a - b);
  let html = from > 0 ? "…" : "";
  for (let k = 0; k + 1 < points.length; k++) {
    const [a, b] = [points[k], points[k + 1]];
    let piece = text.slice(a, b);
    const masked = masks.find(([start, end]) => start <= a && b <= end);
    if (masked) {
      const keep = a === masked[0] ? 2 : 0;
      piece = piece.slice(0, keep) + "•".repeat(Math.min(8, Math.max(3, piece.length - keep)));
    }
    html += mark && a >= mark[0] && b <= mark[1] && mark[1] > mark[0] ? `<mark>${escapeHtml(piece)}</mark>` : escapeHtml(piece);
  }
  return to < text.length ? `${html}…` : html;
}
