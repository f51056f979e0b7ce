// CON003: user data sent to a fine-tuning or training endpoint without a consent guard.
import type { Label } from "../../analysis/values";
import { localized } from "../../types";
import { related, uniqueBy } from "../describe";
import { fix, guardStatement } from "../../fixes/ruleFixes";
import { ALL_LANGUAGES, type Rule } from "../types";
import { isFineTunePurpose } from "../../sdk/catalogue";


function carriesUserData(labels: readonly Label[], strict: boolean): boolean {
  // Rows read with a consent filter are consenting users' data.
  const consentedOnly = labels.some((l) => l.kind === "stored") && labels.every((l) => l.kind !== "stored" || l.consented) && !labels.some((l) => l.kind === "request");
  if (consentedOnly) return false;
  return labels.some((l) => l.kind === "request" || l.kind === "stored" || (!strict && (l.kind === "origin" || l.kind === "pii")));
}

export const trainingUseWithoutConsent: Rule = {
  meta: {
    id: "CON003",
    name: "training-use-without-consent",
    title: localized("User data used for training without consent", "未經同意以使用者資料訓練模型"),
    sections: ["2.1.3.1", "3.3"],
    defaultSeverity: "warning",
    languages: ALL_LANGUAGES,
    fixable: "unsafe",
    docs: {
      what: localized(
        "Reports a training call — a file upload with a fine-tune purpose, a fine-tuning job whose training file came from the request, a dataset push to a model hub, a training or model-customisation job — that receives user data (request bodies and uploads, database reads, conversation logs) with no consent check dominating it. Uploads for assistants, batch or user_data purposes are not training.",
        "當訓練調用（以微調為目的之檔案上載、訓練檔案來自請求的微調工作、推送數據集至模型平台、訓練或模型自訂工作）接收使用者資料（請求內容及上載、資料庫讀取、對話記錄），而沒有同意檢查支配該調用時報告。以 assistants、batch 或 user_data 為目的之上載不屬訓練。",
      ),
      why: localized(
        "Training data must be obtained lawfully and with the data subject's agreement (section 2.1.3.1), and users are reminded that what they share may be reused to train models (3.3): using their conversations or records for training needs their consent first.",
        "訓練資料必須合法取得並獲資料當事人同意（第 2.1.3.1 節），指引亦提醒使用者其分享的內容或會被用作訓練模型（第 3.3 節）：以他們的對話或記錄作訓練前須先取得同意。",
      ),
      example: {
        language: "python",
        bad: 'client.files.create(file=to_jsonl(tickets), purpose="fine-tune")',
        good: 'if not customer.training_data_consent:\n    abort(403)\nclient.files.create(file=to_jsonl(tickets), purpose="fine-tune")',
      },
      fix: localized("Check the data subjects' training consent before the call, and only send the records of those who agreed.", "調用前檢查資料當事人的訓練同意，並只傳送已同意者的記錄。"),
    },
  },
  check(ctx) {
    const seen = new Set<string>();
    for (const call of ctx.facts.aiCalls) {
      const training = call.method.training;
      if (!training || call.guard.consent) continue;
      const key = `${call.site.loc.file}:${call.site.loc.start}`;
      if (seen.has(key)) continue;
      let reported = false;
      if (training === "purpose") reported = call.purpose !== undefined && isFineTunePurpose(call.purpose) && carriesUserData(call.argLabels, false);
      else if (training === "dataset") reported = call.datasetTarget === true && carriesUserData(call.argLabels, false);
      else reported = carriesUserData(call.argLabels, !/push|dataset|upload/i.test(call.site.api));
      if (!reported) continue;
      seen.add(key);
      const file = ctx.files.get(call.site.loc.file);
      ctx.report({
        file: call.site.loc.file,
        start: call.site.loc.start,
        end: call.site.loc.end,
        message: localized(
          `User data is sent for model training (${call.site.provider} ${call.site.api}) without a consent check.`,
          `使用者資料在沒有同意檢查的情況下被用於模型訓練（${call.site.provider} ${call.site.api}）。`,
        ),
        related: uniqueBy(call.argLabels.filter((l) => l.kind === "request" || l.kind === "stored" || l.kind === "origin"), (l) => `${l.loc.file}:${l.loc.start}`)
          .slice(0, 4)
          .map((l) => related(l.loc, l.kind === "stored" ? localized("user data read from storage here", "在此從儲存讀取使用者資料") : l.kind === "request" ? localized("user data from the request", "來自請求的使用者資料") : localized("user data enters here", "使用者資料在此進入"))),
        fixes: file && call.stmt ? [fix(localized("Train only with the users' consent (Guideline 2.1.3.1)", "只在使用者同意時用於訓練（指引 2.1.3.1）"), "unsafe", guardStatement(file, call.stmt))] : [],
      });
    }
  },
};
