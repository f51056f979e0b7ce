// PII002: a literal that is personal data (valid HKID, HK phone, e-mail, card, mainland ID) in a file that makes AI calls, or flowing into one.
import { findPersonalData, type PersonalDataKind } from "../../detect/personalData";
import { localized } from "../../types";
import { firstAiCallByFile, related } from "../describe";
import { fix, maskedPersonalData } from "../../fixes/ruleFixes";
import { ALL_LANGUAGES, type Rule } from "../types";

const KIND_EN: Record<PersonalDataKind, string> = { hkid: "an HKID number", phone: "a Hong Kong phone number", email: "an e-mail address", card: "a payment card number", "mainland-id": "a mainland resident ID number" };
const KIND_ZH: Record<PersonalDataKind, string> = { hkid: "香港身份證號碼", phone: "香港電話號碼", email: "電郵地址", card: "付款卡號碼", "mainland-id": "內地居民身份證號碼" };

export const piiLiteral: Rule = {
  meta: {
    id: "PII002",
    name: "pii-literal",
    title: localized("Personal data literal in AI code", "人工智能程式碼中的個人資料字面值"),
    sections: ["2.2.1", "3.2.1"],
    defaultSeverity: "error",
    languages: ALL_LANGUAGES,
    fixable: "unsafe",
    docs: {
      what: localized(
        "Reports string literals that hold personal data — an HKID with a valid check digit, a Hong Kong phone number, a personal e-mail address, a payment card number passing the Luhn check, a mainland resident ID with a valid checksum — in files that make AI calls, or anywhere when the literal flows into an AI call. Full-width digits are folded first; numbers inside longer runs (model ids, dates, versions) do not count.",
        "報告存放個人資料的字串字面值——檢查碼正確的香港身份證號碼、香港電話號碼、個人電郵地址、通過 Luhn 檢查的付款卡號碼、校驗碼正確的內地居民身份證號碼——只限於會調用人工智能的檔案，或該字面值流入人工智能調用時。全形數字會先轉為半形；較長字串中的數字（模型識別碼、日期、版本）不計。",
      ),
      why: localized(
        "Real identifiers pasted into prompts, few-shot examples or demo data end up at the model provider and in logs. The guideline asks that personal data be protected and not used beyond its purpose (sections 2.2.1 and 3.2.1).",
        "貼進提示、少量示例或示範資料中的真實識別資料，最終會到達模型提供者及日誌。指引要求保護個人資料，並不得超出其收集目的使用（第 2.2.1 及 3.2.1 節）。",
      ),
      example: {
        language: "python",
        bad: 'FEW_SHOT = "HKID card. No. K381726(1)."',
        good: 'FEW_SHOT = "HKID card. No. A123456(?)."  # synthetic, fails the check digit',
      },
      fix: localized("Replace the literal with synthetic data that fails the check digit, or load real data at run time through a redaction step.", "以檢查碼不正確的合成資料取代，或在執行時經遮蔽步驟載入真實資料。"),
      options: localized("`testFixtures` lists globs of test fixtures that this rule skips.", "`testFixtures` 列出本規則略過的測試資料檔案範圍。"),
    },
  },
  check(ctx) {
    const flowed = [...ctx.facts.literalsIntoAi].map(([k, call]) => {
      const m = /^(.*):(\d+):(\d+)$/.exec(k)!;
      return { file: m[1], start: Number(m[2]), end: Number(m[3]), call };
    });
    const firstCall = firstAiCallByFile(ctx);
    for (const [path, file] of ctx.files) {
      if (ctx.options.testFixture(path)) continue;
      const aiFile = firstCall.has(path);
      const flowedHere = flowed.filter((f) => f.file === path);
      if (!aiFile && flowedHere.length === 0) continue;
      for (const token of file.program.literals) {
        if (token.comment) continue;
        const raw = file.text.slice(token.span.start, token.span.end);
        for (const m of findPersonalData(raw)) {
          const start = token.span.start + m.start;
          const flow = flowedHere.find((f) => f.start <= token.span.start && token.span.end <= f.end);
          if (!aiFile && !flow) continue;
          const call = flow?.call ?? firstCall.get(path);
          ctx.report({
            file: path,
            start,
            end: token.span.start + m.end,
            message: localized(`This literal is ${KIND_EN[m.kind]}: personal data in code that calls AI models.`, `此字面值是${KIND_ZH[m.kind]}：會調用人工智能模型的程式碼中出現個人資料。`),
            related: call ? [related(call, flow ? localized("the literal reaches this AI call", "此字面值到達這個人工智能調用") : localized("this file calls an AI model here", "此檔案在此調用人工智能模型"))] : [],
            fixes: [fix(localized("Replace with masked sample data (Guideline 2.2.1)", "改用已遮蔽的示例資料（指引 2.2.1）"), "unsafe", [{ start, end: token.span.start + m.end, newText: maskedPersonalData(m.kind, raw.slice(m.start, m.end)) }])],
          });
        }
      }
    }
  },
};
