// PII001: personal data reaches the prompt of an AI call without redaction.
import type { PiiLabel } from "../../analysis/values";
import { localized } from "../../types";
import { related, uniqueBy } from "../describe";
import { fix, wrapWithHelper } from "../../fixes/ruleFixes";
import { ALL_LANGUAGES, type Rule } from "../types";

const WHAT_ZH: Record<string, string> = {
  "HKID number": "香港身份證號碼", "identity number": "身份證明文件號碼", "passport number": "護照號碼", "phone number": "電話號碼", "mobile number": "手提電話號碼",
  "e-mail address": "電郵地址", address: "地址", postcode: "郵遞區號", "date of birth": "出生日期", name: "姓名", "full name": "全名", "first name": "名字", "last name": "姓氏",
  "user name": "用戶名稱", "medical data": "醫療資料", diagnosis: "診斷", symptoms: "病徵", medication: "藥物", prescription: "處方", allergies: "過敏", "health record field": "健康記錄欄位",
  "card number": "信用卡號碼", "account number": "帳戶號碼", "bank account number": "銀行帳戶號碼", salary: "薪金", income: "收入", "card security code": "卡保安碼",
  hkid: "香港身份證號碼", phone: "電話號碼", email: "電郵地址", card: "付款卡號碼", "mainland-id": "內地居民身份證號碼",
};

export function personalDataZh(what: string): string {
  if (WHAT_ZH[what]) return WHAT_ZH[what];
  if (what.endsWith(" record")) return "個人記錄";
  return "個人資料";
}

export const personalDataInPrompt: Rule = {
  meta: {
    id: "PII001",
    name: "personal-data-in-prompt",
    title: localized("Personal data sent to an AI model unredacted", "未經遮蔽把個人資料傳送給人工智能模型"),
    sections: ["2.2.1", "3.2.1", "3.3"],
    defaultSeverity: "warning",
    languages: ALL_LANGUAGES,
    fixable: "unsafe",
    docs: {
      what: localized(
        "Reports an AI call whose prompt receives personal data with no redaction on the way: fields and variables whose names denote it (HKID, passport, phone, e-mail, address, date of birth, names, medical and financial details), whole person records serialised into the prompt, and literals that PII002 recognises.",
        "當人工智能調用的提示接收個人資料而途中沒有遮蔽時報告：名稱表示個人資料的欄位及變數（香港身份證、護照、電話、電郵、地址、出生日期、姓名、醫療及財務資料）、整份被序列化放入提示的個人記錄，以及 PII002 識別的字面值。",
      ),
      why: localized(
        "Sending personal data to a model provider discloses it to a third party and may let it be retained or reused. The guideline asks services to minimise and protect personal data in line with the Personal Data (Privacy) Ordinance (sections 2.2.1 and 3.2.1) and reminds users not to enter sensitive personal information (3.3).",
        "把個人資料傳送給模型提供者等同向第三方披露，資料亦可能被保留或再用。指引要求服務按《個人資料（私隱）條例》盡量減少並保護個人資料（第 2.2.1 及 3.2.1 節），並提醒使用者不要輸入敏感個人資訊（第 3.3 節）。",
      ),
      example: {
        language: "python",
        bad: 'prompt = f"Customer {customer.full_name}, HKID {customer.hkid}"\nclient.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}])',
        good: 'prompt = f"Customer ref {mask_hkid(customer.hkid)}"\nclient.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}])',
      },
      fix: localized(
        "Leave the field out, or pass it through a redaction, masking, pseudonymisation or hashing helper before it joins the prompt (the quick-fix wraps it with a redaction helper that knows HKID, phone and e-mail shapes).",
        "移除該欄位，或在加入提示前以遮蔽、掩碼、假名化或雜湊函式處理（快速修正會以認得香港身份證、電話及電郵格式的遮蔽函式包裹）。",
      ),
      options: localized("`markers.redaction` adds redaction helper names; `sources.personalData` adds field names that hold personal data.", "`markers.redaction` 可加入遮蔽函式名稱；`sources.personalData` 可加入存放個人資料的欄位名稱。"),
    },
  },
  check(ctx) {
    const seen = new Set<string>();
    for (const call of ctx.facts.aiCalls) {
      if (call.method.training) continue;
      const pii = uniqueBy(call.promptLabels.filter((l): l is PiiLabel => l.kind === "pii" && !l.redacted), (l) => `${l.loc.file}:${l.loc.start}:${l.what}`);
      if (pii.length === 0) continue;
      const key = `${call.site.loc.file}:${call.site.loc.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const kinds = [...new Set(pii.map((p) => p.what))].slice(0, 4);
      const file = ctx.files.get(call.site.loc.file);
      const local = pii.filter((p) => p.loc.file === call.site.loc.file).map((p) => ({ span: { start: p.loc.start, end: p.loc.end } }));
      const wrap = file && local.length ? wrapWithHelper(file, "redaction", local) : undefined;
      ctx.report({
        file: call.site.loc.file,
        start: call.site.loc.start,
        end: call.site.loc.end,
        message: localized(
          `Personal data (${kinds.join(", ")}) reaches the prompt of ${call.site.provider} ${call.site.api} without redaction.`,
          `個人資料（${kinds.map(personalDataZh).join("、")}）未經遮蔽便進入 ${call.site.provider} ${call.site.api} 的提示。`,
        ),
        related: pii.slice(0, 6).map((p) => related(p.loc, localized(`${p.what} enters the prompt here`, `${personalDataZh(p.what)}在此進入提示`))),
        fixes: wrap ? [fix(localized("Redact personal data before it reaches the model (Guideline 2.2.1)", "在資料到達模型前遮蔽個人資料（指引 2.2.1）"), "unsafe", wrap)] : [],
      });
    }
  },
};
