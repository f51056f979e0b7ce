// Words the language server shows besides findings: hover headings, action titles, notes. English and Traditional Chinese.
import type { Locale, Localized } from "../core/types";
import { pick } from "../core/types";
export { resolveLocale } from "../protocol/settings";

const STRINGS = {
  disableLine: { en: "Disable {rule} for this line (give a reason)", zh: "在此行停用 {rule}（須說明理由）" },
  disableFile: { en: "Disable {rule} for this file (give a reason)", zh: "在此檔案停用 {rule}（須說明理由）" },
  fixAll: { en: "Fix all safe genai-lint problems", zh: "修正所有可安全修正的 genai-lint 問題" },
  unsafe: { en: " (review the change)", zh: "（請檢查修改）" },
  why: { en: "Why it matters", zh: "為何重要" },
  sections: { en: "Guideline sections", zh: "指引章節" },
  howToFix: { en: "How to fix", zh: "修正方法" },
  guideline: { en: "Hong Kong Generative AI Technical and Application Guideline", zh: "《香港生成式人工智能技術及應用指引》" },
  ruleDocs: { en: "Rule documentation", zh: "規則說明" },
  flow: { en: "Where it comes from", zh: "來源" },
  configError: { en: "genai-lint configuration problem: {message}. Analysis continues with the defaults.", zh: "genai-lint 設定有問題：{message}。分析會以預設設定繼續。" },
  tooLarge: { en: "genai-lint skipped this file: it is larger than {limit} KB (genaiLint.limits.maxFileSizeKB).", zh: "genai-lint 略過此檔案：檔案大於 {limit} KB（genaiLint.limits.maxFileSizeKB）。" },
  timedOut: { en: "genai-lint stopped analysing this file after {ms} ms (genaiLint.limits.timeBudgetMs); findings may be incomplete.", zh: "genai-lint 分析此檔案 {ms} 毫秒後停止（genaiLint.limits.timeBudgetMs）；結果可能不完整。" },
  parsingStopped: { en: "genai-lint stopped parsing this file after {ms} ms; it was not analysed.", zh: "genai-lint 解析此檔案 {ms} 毫秒後停止；此檔案未經分析。" },
  tooDeep: { en: "genai-lint did not analyse code nested deeper than {levels} levels in this file; findings there may be missing.", zh: "genai-lint 未有分析此檔案中嵌套超過 {levels} 層的程式碼；該處的結果可能缺漏。" },
  reasonPlaceholder: { en: "<reason>", zh: "<理由>" },
  scanning: { en: "genai-lint: scanning the workspace", zh: "genai-lint：正在掃描工作區" },
  scanProgress: { en: "parsing {done} of {total} files", zh: "正在解析 {done} / {total} 個檔案" },
  scanAnalysing: { en: "following data flows", zh: "正在追蹤資料流" },
} satisfies Record<string, Localized>;

export type StringKey = keyof typeof STRINGS;

export function t(key: StringKey, locale: Locale, params: Record<string, string | number> = {}): string {
  let text = pick(STRINGS[key], locale);
  for (const [k, v] of Object.entries(params)) text = text.split(`{${k}}`).join(String(v));
  return text;
}
