// Suppression comments: `genai-lint-disable-next-line RULE -- reason` and
// `genai-lint-disable-file RULE -- reason`, in Python and JS/TS comments.
// A suppression without a reason is SUP001; one that suppresses nothing is SUP002.
import type { Comment } from "./ir/types";
import type { RuleMeta } from "./rules/types";
import { ALL_LANGUAGES } from "./rules/types";
import type { Finding, Severity } from "./types";
import { localized } from "./types";
import { LineIndex } from "./report/lineIndex";

export interface Suppression {
  kind: "next-line" | "file" | "line";
  /** Rule ids; empty means every rule. */
  rules: string[];
  reason?: string;
  /** The comment's span. */
  start: number;
  end: number;
  /** 0-based line the suppression applies to (next-line and line kinds). */
  targetLine?: number;
}

const DIRECTIVE = /genai-lint-disable(-next-line|-file|-line)\b([^\n]*)/;

/**
 * Drops the end of a block comment (star-slash, or star-slash-brace in JSX) from a directive's tail.
 * Done by hand: the equivalent regular expression is quadratic on long runs of spaces.
 */
function withoutCommentClose(tail: string): string {
  const trimmed = tail.trimEnd();
  const beforeBrace = trimmed.endsWith("}") ? trimmed.slice(0, -1).trimEnd() : trimmed;
  return beforeBrace.endsWith("*/") ? beforeBrace.slice(0, -2) : tail;
}

/** Finds suppression directives in comments. */
export function parseSuppressions(comments: readonly Comment[], text: string): Suppression[] {
  // Lines are counted only when there is a directive: most files have none.
  let index: LineIndex | undefined;
  const out: Suppression[] = [];
  for (const c of comments) {
    if (!c.text.includes("genai-lint-disable")) continue;
    const m = DIRECTIVE.exec(c.text);
    if (!m) continue;
    const kind = m[1] === "-file" ? "file" : m[1] === "-line" ? "line" : "next-line";
    let rest = withoutCommentClose(m[2]).trim();
    let reason: string | undefined;
    const dashes = rest.indexOf("--");
    if (dashes >= 0) {
      reason = rest.slice(dashes + 2).trim() || undefined;
      rest = rest.slice(0, dashes).trim();
    }
    const rules = rest.split(/[\s,]+/).filter((r) => /^[A-Z]{3}\d{3}$/.test(r));
    index ??= LineIndex.of(text);
    const line = index.position(c.span.start).line;
    out.push({ kind, rules, reason, start: c.span.start, end: c.span.end, targetLine: kind === "next-line" ? line + 1 : kind === "line" ? line : undefined });
  }
  return out;
}

export const SUPPRESSION_RULES: readonly RuleMeta[] = [
  {
    id: "SUP001",
    name: "suppression-without-reason",
    title: localized("Suppression without a reason", "抑制註解沒有說明理由"),
    sections: ["3.2.1"],
    defaultSeverity: "warning",
    languages: ALL_LANGUAGES,
    fixable: "safe",
    docs: {
      what: localized(
        "Reports a `genai-lint-disable-next-line` or `genai-lint-disable-file` comment that gives no reason after `--`. The suppression still applies.",
        "報告在 `--` 之後沒有說明理由的 `genai-lint-disable-next-line` 或 `genai-lint-disable-file` 註解。該抑制仍然生效。",
      ),
      why: localized(
        "Accepting a compliance risk is a decision a reviewer must be able to audit: the guideline asks service providers to keep their governance framework accountable and documented (section 3.2.1).",
        "接受合規風險是一項須讓審查人員能夠稽核的決定：指引要求服務提供者的管治框架可問責並有記錄（第 3.2.1 節）。",
      ),
      example: { language: "python", bad: "# genai-lint-disable-next-line DIS001\nreturn jsonify(answer=answer)", good: "# genai-lint-disable-next-line DIS001 -- the kiosk shows a fixed 'AI assistant' banner above every answer\nreturn jsonify(answer=answer)" },
      fix: localized("Add `-- <reason>` saying why the finding is acceptable (the quick-fix inserts a placeholder to complete).", "加上 `-- <理由>` 說明為何可接受（快速修正會插入待填寫的佔位文字）。"),
    },
  },
  {
    id: "SUP002",
    name: "unused-suppression",
    title: localized("Suppression that suppresses nothing", "沒有抑制任何問題的抑制註解"),
    sections: ["3.2.1"],
    defaultSeverity: "information",
    languages: ALL_LANGUAGES,
    fixable: "safe",
    docs: {
      what: localized(
        "Reports a suppression comment that no finding matches: the code changed, or the rule id is wrong.",
        "報告沒有任何發現與之對應的抑制註解：程式碼已改變，或規則編號有誤。",
      ),
      why: localized(
        "Stale suppressions hide future findings on the line and mislead reviewers about which risks were accepted (section 3.2.1 asks for an accountable record).",
        "過時的抑制會隱藏該行日後的問題，並誤導審查人員以為某些風險已被接受（第 3.2.1 節要求可問責的記錄）。",
      ),
      example: { language: "typescript", bad: "// genai-lint-disable-next-line SEC001 -- key moved to env\nconst client = new OpenAI();", good: "const client = new OpenAI();" },
      fix: localized("Remove the comment (the quick-fix does this).", "刪除該註解（快速修正會這樣做）。"),
    },
  },
];

/**
 * Removes suppressed findings of one file and adds SUP001/SUP002 findings.
 * `enabled` tells whether SUP001/SUP002 are on and at which severity.
 */
export function applySuppressions(
  file: string,
  text: string,
  suppressions: readonly Suppression[],
  findings: readonly Finding[],
  settings: { SUP001?: { enabled: boolean; severity: Severity }; SUP002?: { enabled: boolean; severity: Severity } },
): { kept: Finding[]; suppressed: Array<{ finding: Finding; suppression: Suppression }>; added: Finding[] } {
  if (suppressions.length === 0) return { kept: [...findings], suppressed: [], added: [] };
  const index = LineIndex.of(text);
  const used = new Set<Suppression>();
  const kept: Finding[] = [];
  const suppressed: Array<{ finding: Finding; suppression: Suppression }> = [];
  for (const f of findings) {
    const line = index.position(f.start).line;
    const s = suppressions.find((x) => (x.rules.length === 0 || x.rules.includes(f.ruleId)) && (x.kind === "file" || x.targetLine === line));
    if (s) {
      used.add(s);
      suppressed.push({ finding: f, suppression: s });
    } else kept.push(f);
  }
  const added: Finding[] = [];
  for (const s of suppressions) {
    const label = `${s.kind === "file" ? "genai-lint-disable-file" : s.kind === "line" ? "genai-lint-disable-line" : "genai-lint-disable-next-line"}${s.rules.length ? ` ${s.rules.join(", ")}` : ""}`;
    const comment = text.slice(s.start, s.end);
    const close = comment.lastIndexOf("*/");
    const reasonAt = close >= 0 ? s.start + close : s.end;
    const lineStartAt = text.lastIndexOf("\n", s.start - 1) + 1;
    const lineEndAt = text.indexOf("\n", s.end) < 0 ? text.length : text.indexOf("\n", s.end);
    const alone = text.slice(lineStartAt, s.start).trim() === "" && text.slice(s.end, lineEndAt).trim() === "";
    if (!s.reason && settings.SUP001?.enabled !== false) {
      added.push({
        ruleId: "SUP001",
        file,
        start: s.start,
        end: s.end,
        severity: settings.SUP001?.severity ?? "warning",
        message: localized(`\`${label}\` gives no reason; add \`-- <reason>\` so reviewers can audit the decision.`, `\`${label}\` 沒有說明理由；請加上 \`-- <理由>\` 以便審查人員稽核此決定。`),
        related: [],
        fixes: [{ title: localized("Add a reason to the suppression (Guideline 3.2.1)", "為抑制加上理由（指引 3.2.1）"), applicability: "safe", edits: [{ start: reasonAt, end: reasonAt, newText: `${close >= 0 ? "" : " "}-- <reason>${close >= 0 ? " " : ""}` }] }],
      });
    }
    if (!used.has(s) && settings.SUP002?.enabled !== false) {
      added.push({
        ruleId: "SUP002",
        file,
        start: s.start,
        end: s.end,
        severity: settings.SUP002?.severity ?? "information",
        message: localized(`\`${label}\` suppresses nothing; remove it.`, `\`${label}\` 沒有抑制任何問題；請刪除。`),
        related: [],
        fixes: [{ title: localized("Remove the unused suppression", "刪除無用的抑制註解"), applicability: "safe", edits: [alone ? { start: lineStartAt, end: Math.min(text.length, lineEndAt + 1), newText: "" } : { start: s.start, end: s.end, newText: "" }] }],
      });
    }
  }
  return { kept, suppressed, added };
}
