// SEC002: request data concatenated into a system or developer prompt.
import type { RequestLabel } from "../../analysis/values";
import { localized } from "../../types";
import { related, uniqueBy } from "../describe";
import { fix, wrapWithHelper } from "../../fixes/ruleFixes";
import { ALL_LANGUAGES, type Rule } from "../types";

export const untrustedInputInSystemPrompt: Rule = {
  meta: {
    id: "SEC002",
    name: "untrusted-input-in-system-prompt",
    title: localized("Request data in the system prompt", "系統提示中含有請求資料"),
    sections: ["2.1.2", "2.2.5"],
    defaultSeverity: "information",
    languages: ALL_LANGUAGES,
    fixable: "unsafe",
    docs: {
      what: localized(
        "Reports an AI call whose system or developer prompt (`system=`, `instructions=`, a message with role system/developer, `SystemMessage`, `system_instruction`) contains request data: body, query, params, headers, cookies, form fields, bot message text or profile fields — directly or through workspace helpers. Prompts loaded from storage, or picked from a fixed table by a request key, are not request data.",
        "當人工智能調用的系統或開發者提示（`system=`、`instructions=`、角色為 system/developer 的訊息、`SystemMessage`、`system_instruction`）直接或經工作區輔助函式含有請求資料（內容、查詢、參數、標頭、Cookie、表單欄位、機械人訊息文字或個人檔案欄位）時報告。從儲存空間載入、或以請求鍵從固定表格選取的提示不算請求資料。",
      ),
      why: localized(
        "Instructions in the system prompt carry the service's authority; letting users write into them invites jailbreaks and prompt injection, a service risk the guideline names (section 2.1.2) and a system-security concern (2.2.5).",
        "系統提示中的指示代表服務的權限；讓使用者寫入其中，會招致越獄及提示注入，這是指引點名的服務風險（第 2.1.2 節），亦屬系統安全問題（第 2.2.5 節）。",
      ),
      example: {
        language: "python",
        bad: 'system = f"You are {body[\'persona\']}."',
        good: 'system = PERSONAS.get(body.get("persona"), PERSONAS["default"])',
      },
      fix: localized("Keep the system prompt constant; put user text in the user turn, or map the request value through a fixed allow-list.", "保持系統提示不變；把使用者文字放在使用者訊息中，或以固定的允許清單轉換請求值。"),
    },
  },
  check(ctx) {
    const seen = new Set<string>();
    for (const call of ctx.facts.aiCalls) {
      const req = uniqueBy(call.systemLabels.filter((l): l is RequestLabel => l.kind === "request"), (l) => `${l.loc.file}:${l.loc.start}`);
      if (req.length === 0) continue;
      const key = `${call.site.loc.file}:${call.site.loc.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const file = ctx.files.get(call.site.loc.file);
      // Wrap the request data where it enters the system prompt; else where it is read, when that is an expression.
      const readSites = req.filter((r) => r.loc.file === call.site.loc.file && file && !/^[{[]/.test(file.text.slice(r.loc.start, r.loc.end))).map((r) => ({ span: { start: r.loc.start, end: r.loc.end } }));
      const targets = call.systemTargets?.length ? call.systemTargets : readSites;
      const wrap = file && targets.length ? wrapWithHelper(file, "allowList", targets) : undefined;
      ctx.report({
        file: call.site.loc.file,
        start: call.site.loc.start,
        end: call.site.loc.end,
        message: localized(
          `Request data (${req[0].what}) is joined into the system prompt of ${call.site.provider} ${call.site.api}: a prompt-injection risk.`,
          `請求資料（${req[0].what}）被併入 ${call.site.provider} ${call.site.api} 的系統提示：有提示注入風險。`,
        ),
        related: req.slice(0, 4).map((r) => related(r.loc, localized("request data read here", "在此讀取請求資料"))),
        fixes: wrap ? [fix(localized("Allow only fixed values into the system prompt (Guideline 2.1.2)", "只容許固定值進入系統提示（指引 2.1.2）"), "unsafe", wrap)] : [],
      });
    }
  },
};
