// Renders each rule's documentation page from its metadata, so the docs cannot drift from the code.
import { GUIDELINE_SECTIONS, GUIDELINE_URL } from "../guideline/sections";
import type { RuleMeta } from "../rules/types";

const SEVERITY_ZH: Record<string, string> = { error: "錯誤", warning: "警告", information: "資訊", hint: "提示" };

export function renderRuleDoc(meta: RuleMeta): string {
  const sections = meta.sections.map((id) => {
    const s = GUIDELINE_SECTIONS[id];
    return s ? `- **${id}** ${s.titleEn} / ${s.titleZh} — ${s.summaryEn}\n  ${s.summaryZh}` : `- **${id}**`;
  });
  const lang = meta.docs.example.language;
  return [
    `# ${meta.id} ${meta.name}`,
    "",
    `**${meta.title.en}** / ${meta.title.zh}`,
    "",
    `Default severity: ${meta.defaultSeverity} (${SEVERITY_ZH[meta.defaultSeverity]}) · Languages: Python, JavaScript, TypeScript · Quick-fix: ${meta.fixable === "none" ? "none" : meta.fixable}`,
    "",
    "## What it reports / 報告內容",
    "",
    meta.docs.what.en,
    "",
    meta.docs.what.zh,
    "",
    "## Why / 原因",
    "",
    meta.docs.why.en,
    "",
    meta.docs.why.zh,
    "",
    "Guideline sections / 指引章節:",
    "",
    ...sections,
    "",
    `The guideline: ${GUIDELINE_URL}`,
    "",
    "## Example / 示例",
    "",
    "Reported / 會被報告:",
    "",
    "```" + lang,
    meta.docs.example.bad,
    "```",
    "",
    "Compliant / 合規寫法:",
    "",
    "```" + lang,
    meta.docs.example.good,
    "```",
    "",
    "## How to fix / 修正方法",
    "",
    meta.docs.fix.en,
    "",
    meta.docs.fix.zh,
    "",
    ...(meta.docs.options ? ["## Options / 選項", "", meta.docs.options.en, "", meta.docs.options.zh, ""] : []),
    "## Suppressing / 抑制",
    "",
    `\`# genai-lint-disable-next-line ${meta.id} -- <reason>\` (Python) or \`// genai-lint-disable-next-line ${meta.id} -- <reason>\` (JavaScript/TypeScript); a suppression needs a reason.`,
    "",
  ].join("\n");
}

export function renderRuleIndex(metas: readonly RuleMeta[]): string {
  return [
    "# Rules / 規則",
    "",
    "| id | name | title | 標題 | guideline sections | default severity |",
    "|---|---|---|---|---|---|",
    ...metas.map((m) => `| [${m.id}](${m.id}.md) | ${m.name} | ${m.title.en} | ${m.title.zh} | ${m.sections.join(", ")} | ${m.defaultSeverity} |`),
    "",
  ].join("\n");
}

/** The README's rule table: one row per rule of the analyser. */
export function renderRuleTable(metas: readonly RuleMeta[]): string {
  return [
    "| id | name | guideline sections | default severity |",
    "|---|---|---|---|",
    ...metas.map((m) => `| ${m.id} | ${m.name} | ${m.sections.join(", ")} | ${m.defaultSeverity} |`),
    "",
  ].join("\n");
}
