// Findings to LSP diagnostics, code actions and hovers. Offsets become positions only here.
import {
  CodeAction,
  CodeActionKind,
  type Diagnostic,
  DiagnosticSeverity,
  DiagnosticTag,
  type Hover,
  MarkupKind,
  type Range,
  type TextEdit,
} from "vscode-languageserver";
import { ruleDocsUrl } from "../core/docsUrl";
import { GUIDELINE_SECTIONS, GUIDELINE_URL } from "../core/guideline/sections";
import type { JsxExpr, ProgramIR } from "../core/ir/types";
import { forEachChildExpr, forEachStmtPart } from "../core/ir/walk";
import { LineIndex } from "../core/report/lineIndex";
import { ruleMeta } from "../core/ruleMetas";
import type { Finding, Fix, Locale, Severity } from "../core/types";
import { pick } from "../core/types";
import { pathToUri } from "./host";
import { t } from "./strings";

export const DIAGNOSTIC_SOURCE = "genai-lint";
export const FIX_ALL_KIND = "source.fixAll.genai-lint";

/** What a diagnostic carries for code actions: the fixes as offset edits, valid for one document version. */
export interface DiagnosticData {
  version: number;
  ruleId: string;
  fixes: Array<{ title: string; applicability: "safe" | "unsafe"; edits: Array<{ start: number; end: number; newText: string }> }>;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toRange(index: LineIndex, start: number, end: number): Range {
  const s = index.position(start);
  const e = index.position(end);
  return { start: { line: s.line, character: s.character }, end: { line: e.line, character: e.character } };
}

export function toDiagnostic(finding: Finding, index: LineIndex, version: number, locale: Locale, textOf: (file: string) => string | undefined): Diagnostic {
  const related = finding.related.flatMap((r) => {
    const text = r.file === finding.file ? undefined : textOf(r.file);
    const idx = r.file === finding.file ? index : text !== undefined ? LineIndex.of(text) : undefined;
    if (!idx) return [];
    return [{ location: { uri: pathToUri(r.file), range: toRange(idx, r.start, r.end) }, message: pick(r.message, locale) }];
  });
  const data: DiagnosticData = {
    version,
    ruleId: finding.ruleId,
    fixes: finding.fixes.map((f) => ({ title: fixTitle(f, locale), applicability: f.applicability, edits: f.edits.map((e) => ({ start: e.start, end: e.end, newText: e.newText })) })),
  };
  return {
    range: toRange(index, finding.start, finding.end),
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: ruleDocsUrl(finding.ruleId) },
    source: DIAGNOSTIC_SOURCE,
    message: pick(finding.message, locale),
    relatedInformation: related.length ? related : undefined,
    tags: finding.ruleId === "SUP002" ? [DiagnosticTag.Unnecessary] : undefined,
    data,
  };
}

function fixTitle(fix: Fix, locale: Locale): string {
  return pick(fix.title, locale) + (fix.applicability === "unsafe" ? t("unsafe", locale) : "");
}

export function editsFor(index: LineIndex, edits: ReadonlyArray<{ start: number; end: number; newText: string }>): TextEdit[] {
  return edits.map((e) => ({ range: toRange(index, e.start, e.end), newText: e.newText }));
}

/** Quick-fixes for one diagnostic, then the suppression actions. */
export function codeActionsFor(uri: string, diagnostic: Diagnostic, text: string, program: ProgramIR | undefined, locale: Locale): CodeAction[] {
  const data = diagnostic.data as DiagnosticData | undefined;
  const index = LineIndex.of(text);
  const actions: CodeAction[] = [];
  data?.fixes.forEach((fix, i) => {
    const action = CodeAction.create(fix.title, { changes: { [uri]: editsFor(index, fix.edits) } }, CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    action.isPreferred = i === 0 && fix.applicability === "safe";
    actions.push(action);
  });
  const ruleId = data?.ruleId ?? String(diagnostic.code ?? "");
  if (!/^[A-Z]{3}\d{3}$/.test(ruleId) || ruleId.startsWith("SUP")) return actions;
  const python = program?.language === "python";
  const line = diagnostic.range.start.line;
  const lineStart = index.lineStart(line);
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  const reason = t("reasonPlaceholder", locale);
  const inJsx = !python && program ? insideJsx(program, index.offset(line, diagnostic.range.start.character)) : false;
  const lineComment = python
    ? `# genai-lint-disable-next-line ${ruleId} -- ${reason}`
    : inJsx
      ? `{/* genai-lint-disable-next-line ${ruleId} -- ${reason} */}`
      : `// genai-lint-disable-next-line ${ruleId} -- ${reason}`;
  const nl = text.includes("\r\n") ? "\r\n" : "\n";
  const disableLine = CodeAction.create(t("disableLine", locale, { rule: ruleId }), { changes: { [uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}${lineComment}${nl}` }] } }, CodeActionKind.QuickFix);
  disableLine.diagnostics = [diagnostic];
  actions.push(disableLine);
  const fileComment = `${python ? "#" : "//"} genai-lint-disable-file ${ruleId} -- ${reason}`;
  const top = fileDirectiveLine(text);
  const disableFile = CodeAction.create(t("disableFile", locale, { rule: ruleId }), { changes: { [uri]: [{ range: { start: { line: top, character: 0 }, end: { line: top, character: 0 } }, newText: `${fileComment}${nl}` }] } }, CodeActionKind.QuickFix);
  disableFile.diagnostics = [diagnostic];
  actions.push(disableFile);
  return actions;
}

/** The line a file-level directive goes on: after a shebang, an encoding line or a "use client"/"use server" directive. */
function fileDirectiveLine(text: string): number {
  const lines = text.split(/\r?\n/);
  let i = 0;
  while (i < lines.length && (/^#!/.test(lines[i]) || /^#.*coding[:=]/.test(lines[i]) || /^\s*["']use (client|server|strict)["'];?\s*$/.test(lines[i]))) i++;
  return i;
}

function insideJsx(program: ProgramIR, offset: number): boolean {
  if (!program.hasJsx) return false;
  let found = false;
  const visitExpr = (e: Parameters<typeof forEachChildExpr>[0] | undefined): void => {
    if (!e || found || offset < e.span.start || offset > e.span.end) return;
    if (e.k === "jsx") {
      // Inside the children of an element (not in an attribute expression).
      const el = e as JsxExpr;
      if (el.children.some((c) => (c.k === "expr" ? c.span : c.k === "text" ? c.span : c.el.span).start <= offset && offset <= (c.k === "expr" ? c.span : c.k === "text" ? c.span : c.el.span).end)) found = true;
    }
    if (e.k === "func") el(e.fn.body);
    else forEachChildExpr(e, visitExpr);
  };
  const el = (stmts: Parameters<typeof forEachStmtPart>[0][]): void => {
    for (const s of stmts) {
      if (found) return;
      if (offset < s.span.start || offset > s.span.end) continue;
      if (s.k === "func") el(s.fn.body);
      else if (s.k === "class") el(s.cls.body);
      else forEachStmtPart(s, visitExpr, el);
    }
  };
  el(program.body);
  return found;
}

/** Markdown explaining a finding's rule: title, why, the guideline sections, how to fix, links. */
export function hoverFor(findings: readonly Finding[], index: LineIndex, locale: Locale): Hover | undefined {
  if (findings.length === 0) return undefined;
  const parts: string[] = [];
  for (const f of findings) {
    const meta = ruleMeta(f.ruleId);
    if (!meta) continue;
    const sections = meta.sections.map((id) => {
      const s = GUIDELINE_SECTIONS[id];
      if (!s) return `- ${id}`;
      return locale === "zh-hk" ? `- **${id}** ${s.titleZh}（${s.titleEn}）— ${s.summaryZh}` : `- **${id}** ${s.titleEn} (${s.titleZh}) — ${s.summaryEn}`;
    });
    parts.push(
      [
        `### ${f.ruleId} ${pick(meta.title, locale)}`,
        pick(f.message, locale),
        `**${t("why", locale)}:** ${pick(meta.docs.why, locale)}`,
        `**${t("sections", locale)}:**`,
        sections.join("\n"),
        `**${t("howToFix", locale)}:** ${pick(meta.docs.fix, locale)}`,
        `[${t("ruleDocs", locale)}](${ruleDocsUrl(f.ruleId)}) · [${t("guideline", locale)}](${GUIDELINE_URL})`,
      ].join("\n\n"),
    );
  }
  const first = findings[0];
  return { contents: { kind: MarkupKind.Markdown, value: parts.join("\n\n---\n\n") }, range: toRange(index, first.start, first.end) };
}
