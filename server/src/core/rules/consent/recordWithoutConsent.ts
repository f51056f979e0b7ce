// CON001: a prompt, completion or user message of an AI call is logged or stored with no consent guard dominating the write.
import type { OriginLabel } from "../../analysis/values";
import type { Fix } from "../../types";
import { localized } from "../../types";
import { fix, guardStatement, wrapWithHelper } from "../../fixes/ruleFixes";
import { aiRelated, isAi, isMediaModality, related, uniqueBy } from "../describe";
import { ALL_LANGUAGES, type Rule } from "../types";

const CATEGORY_EN: Record<string, string> = { log: "a log", db: "a database", file: "a file", analytics: "an analytics event", storage: "object storage" };
const CATEGORY_ZH: Record<string, string> = { log: "日誌", db: "資料庫", file: "檔案", analytics: "分析事件", storage: "物件儲存" };

export const recordWithoutConsent: Rule = {
  meta: {
    id: "CON001",
    name: "record-without-consent",
    title: localized("AI interaction data recorded without consent", "未經同意記錄人工智能互動資料"),
    sections: ["2.1.3.4", "2.2.1", "3.2.1"],
    defaultSeverity: "warning",
    languages: ALL_LANGUAGES,
    fixable: "unsafe",
    docs: {
      what: localized(
        "Reports a log call, database or file write, analytics event or storage upload that keeps a user's prompt, the model's answer, or a message that is (or will be) sent to a model, when no consent check dominates it: no enclosing `if` on consent, no early return when consent is missing, no consent decorator, middleware or dependency.",
        "當日誌、資料庫或檔案寫入、分析事件或儲存上載保存了使用者的提示、模型的回答，或（將會）傳送給模型的訊息，而沒有任何同意檢查支配該寫入（沒有以同意為條件的 `if`、沒有在欠缺同意時提早返回、沒有同意裝飾器、中介軟件或依賴）時報告。",
      ),
      why: localized(
        "Conversation data is personal data: the guideline asks services to collect and keep it only with the user's informed consent and for a stated purpose (sections 2.2.1 and 3.2.1), and to handle interaction data carefully while the service is used and maintained (2.1.3.4).",
        "對話資料屬個人資料：指引要求服務只在使用者知情同意下、並為已說明的目的收集及保存這些資料（第 2.2.1 及 3.2.1 節），並在服務使用及維護期間謹慎處理互動資料（第 2.1.3.4 節）。",
      ),
      example: {
        language: "python",
        bad: 'reply = ask_model(question)\nlogger.info("reply: %s", reply)',
        good: 'reply = ask_model(question)\nif user.ai_log_consent:\n    logger.info("reply: %s", reply)',
      },
      fix: localized(
        "Wrap the write in a consent check, or log only metadata (ids, token counts, latency), or redact the text before writing it.",
        "以同意檢查包裹寫入，或只記錄元資料（識別碼、代幣數量、延遲），或在寫入前遮蔽文字。",
      ),
      options: localized("`markers.consentGuard` adds names of consent checks, decorators and middleware.", "`markers.consentGuard` 可加入同意檢查、裝飾器及中介軟件的名稱。"),
    },
  },
  check(ctx) {
    for (const sink of ctx.facts.sinks) {
      if (sink.kind !== "record" || sink.guard.consent) continue;
      // Generated media written to files or object storage is a WMK001 matter, not CON001 (resolved question 4).
      if ((sink.category === "file" || sink.category === "storage") && sink.labels.some((l) => isAi(l) && isMediaModality(l.call.modality))) continue;
      const ai = uniqueBy(sink.labels.filter(isAi).filter((l) => !isMediaModality(l.call.modality) && l.call.modality !== "embedding" && !l.redacted), (l) => `${l.call.loc.file}:${l.call.loc.start}`);
      const prompts = sink.labels.filter((l): l is OriginLabel => l.kind === "origin" && ctx.facts.reachedPrompt(l.key));
      if (ai.length === 0 && prompts.length === 0) continue;
      const file = ctx.files.get(sink.loc.file);
      const fixes: Fix[] = [];
      if (file && sink.stmt) fixes.push(fix(localized("Keep this only with the user's consent (Guideline 2.2.1)", "只在使用者同意時保存（指引 2.2.1）"), "unsafe", guardStatement(file, sink.stmt)));
      const redact = file && sink.targets?.length ? wrapWithHelper(file, "redaction", sink.targets) : undefined;
      if (redact) fixes.push(fix(localized("Redact before writing (Guideline 2.2.1)", "寫入前先遮蔽資料（指引 2.2.1）"), "unsafe", redact));
      const what = ai.length && prompts.length ? localized("the prompt and the AI answer", "提示及人工智能回答") : ai.length ? localized("the AI answer", "人工智能回答") : localized("a message sent to the AI model", "傳送給人工智能模型的訊息");
      ctx.report({
        file: sink.loc.file,
        start: sink.loc.start,
        end: sink.loc.end,
        message: localized(
          `This writes ${what.en} to ${CATEGORY_EN[sink.category] ?? "a record"} without a consent check.`,
          `此處在沒有同意檢查的情況下，把${what.zh}寫入${CATEGORY_ZH[sink.category] ?? "記錄"}。`,
        ),
        related: [
          ...aiRelated(ai),
          ...uniqueBy(prompts, (p) => `${p.loc.file}:${p.loc.start}`).slice(0, 3).map((p) => related(p.loc, localized("this value is sent to the AI model", "此值會傳送給人工智能模型"))),
        ],
        fixes,
      });
    }
  },
};
