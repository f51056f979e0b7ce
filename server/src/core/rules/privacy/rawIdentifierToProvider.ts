// PII003: a raw personal identifier (e-mail, phone, HKID, a person's name) passed as the provider's end-user id.
import type { PiiLabel } from "../../analysis/values";
import { fix, wrapWithHelper } from "../../fixes/ruleFixes";
import { localized } from "../../types";
import { related, uniqueBy } from "../describe";
import { ALL_LANGUAGES, type Rule } from "../types";
import { personalDataZh } from "./personalDataInPrompt";

/** Kinds of personal data that identify a person on their own: contact details, identity numbers, names. */
const IDENTIFIER_KINDS = new Set([
  "e-mail address", "phone number", "mobile number", "HKID number", "identity number", "passport number",
  "name", "full name", "first name", "last name", "surname", "given name", "family name", "user name", "display name", "nickname",
  // PII002 literals
  "email", "phone", "hkid", "mainland-id",
]);

function isRawIdentifier(l: PiiLabel): boolean {
  return !l.redacted && IDENTIFIER_KINDS.has(l.what);
}

export const rawIdentifierToProvider: Rule = {
  meta: {
    id: "PII003",
    name: "raw-identifier-to-provider",
    title: localized("Raw personal identifier sent as the provider's end-user id", "把未經處理的個人識別資料用作供應商的終端使用者識別碼"),
    sections: ["2.2.1", "3.2.1"],
    defaultSeverity: "warning",
    languages: ALL_LANGUAGES,
    fixable: "unsafe",
    docs: {
      what: localized(
        "Reports an e-mail address, phone number, HKID or passport number, or a person's name or username passed as the end-user id an AI provider keeps for abuse monitoring: OpenAI `user` / `safety_identifier`, Anthropic `metadata.user_id`, Vercel AI `providerOptions.openai.user`, Bedrock request metadata or Gemini labels keyed `user`. A hash or HMAC of the identifier, a name-based UUID, an opaque database id or a session id is not reported.",
        "當電郵地址、電話號碼、香港身份證或護照號碼，或個人姓名、用戶名稱被用作人工智能供應商為監察濫用而保存的終端使用者識別碼時報告：OpenAI `user` / `safety_identifier`、Anthropic `metadata.user_id`、Vercel AI `providerOptions.openai.user`、以 `user` 為鍵的 Bedrock 請求元資料或 Gemini 標籤。識別資料的雜湊或 HMAC、以名稱產生的 UUID、不透明的資料庫識別碼或工作階段識別碼不會報告。",
      ),
      why: localized(
        "An end-user id only needs to tell one user from another. Sending the identifier itself discloses personal data to a third party for a purpose a pseudonym would serve; the guideline asks services to limit the personal data they share and to protect it (sections 2.2.1 and 3.2.1).",
        "終端使用者識別碼只需分辨不同使用者。直接傳送識別資料，等於為一個假名已可達成的目的向第三方披露個人資料；指引要求服務限制所分享的個人資料並加以保護（第 2.2.1 及 3.2.1 節）。",
      ),
      example: {
        language: "python",
        bad: 'client.chat.completions.create(model="gpt-4o-mini", messages=messages, user=current_user.email)',
        good: 'client.chat.completions.create(model="gpt-4o-mini", messages=messages, user=pseudonymise(current_user.email))',
      },
      fix: localized(
        "Send a pseudonym instead: a salted SHA-256 or HMAC of the identifier (the quick-fix inserts a `pseudonymise` helper reading its salt from `PSEUDONYM_SALT`), or the account's opaque database id.",
        "改為傳送假名：識別資料加鹽的 SHA-256 或 HMAC（快速修正會加入一個從 `PSEUDONYM_SALT` 讀取鹽值的 `pseudonymise` 函式），或帳戶不透明的資料庫識別碼。",
      ),
      options: localized("`markers.redaction` adds names of hashing or pseudonymising helpers; `sources.personalData` adds field names that hold personal data.", "`markers.redaction` 可加入雜湊或假名化函式名稱；`sources.personalData` 可加入存放個人資料的欄位名稱。"),
    },
  },
  check(ctx) {
    const reported = new Set<string>();
    for (const call of ctx.facts.aiCalls) {
      for (const arg of call.slots.get("endUser") ?? []) {
        const ids = uniqueBy(arg.labels.filter((l): l is PiiLabel => l.kind === "pii" && isRawIdentifier(l)), (l) => `${l.loc.file}:${l.loc.start}`);
        if (ids.length === 0) continue;
        // At the argument when the identifier is read there (or by a parameter named for it, resolved question 24);
        // else at each caller's argument that handed it in.
        const file = call.site.loc.file;
        const inside = ids.filter((l) => l.loc.file === file && l.loc.start >= arg.span.start && l.loc.end <= arg.span.end);
        const places = inside.length ? [{ file, start: arg.span.start, end: arg.span.end, labels: inside }] : ids.map((l) => ({ ...l.loc, labels: [l] }));
        for (const place of places) {
          const key = `${place.file}:${place.start}`;
          if (reported.has(key)) continue;
          reported.add(key);
          const parsed = ctx.files.get(place.file);
          const wrap = parsed ? wrapWithHelper(parsed, "pseudonym", [{ span: { start: place.start, end: place.end } }]) : undefined;
          const kinds = [...new Set(place.labels.map((l) => l.what))];
          ctx.report({
            file: place.file,
            start: place.start,
            end: place.end,
            message: localized(
              `A raw identifier (${kinds.join(", ")}) is sent to ${call.site.provider} ${call.site.api} as the end-user id (${arg.path}); send a pseudonym instead.`,
              `未經處理的識別資料（${kinds.map(personalDataZh).join("、")}）被用作 ${call.site.provider} ${call.site.api} 的終端使用者識別碼（${arg.path}）；請改用假名。`,
            ),
            related: [related(call.site.loc, localized("the AI call that receives it", "接收該識別碼的人工智能調用")), ...place.labels.filter((l) => l.loc.start !== place.start).slice(0, 4).map((l) => related(l.loc, localized(`${l.what} read here`, `在此讀取${personalDataZh(l.what)}`)))],
            fixes: wrap ? [fix(localized("Send a salted hash instead of the identifier (Guideline 2.2.1)", "改為傳送識別資料加鹽的雜湊（指引 2.2.1）"), "unsafe", wrap)] : [],
          });
        }
      }
    }
  },
};
