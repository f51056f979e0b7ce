// CON004: user interaction data sent to an AI call that the provider or a tracer keeps, with no consent guard.
import type { AiCallFact } from "../../analysis/facts";
import { isConsentName, isConversationFieldKey } from "../../analysis/names";
import type { AiLabel, Label, Value } from "../../analysis/values";
import { setCallOption, setObjectOptionMembers } from "../../fixes/callOptions";
import { optionExpr } from "../../ir/options";
import { fix, guardStatement } from "../../fixes/ruleFixes";
import type { Expr } from "../../ir/types";
import { forEachChildExpr } from "../../ir/walk";
import type { Fix, Localized, TextEdit } from "../../types";
import { LineIndex } from "../../report/lineIndex";
import { localized } from "../../types";
import { related, uniqueBy } from "../describe";
import { ALL_LANGUAGES, type Rule } from "../types";

/** Providers whose APIs keep exchanges by the `store` option (the OpenAI platform, also through Azure). */
const STORE_PROVIDERS = new Set(["openai", "azure"]);

const TRACER_NAMES: Record<string, string> = { langsmith: "LangSmith", langfuse: "Langfuse", braintrust: "Braintrust", helicone: "Helicone" };

/** User interaction data (the sources of CON001 and PII001): what a user sent, stored conversations, user records. */
type SourceLabel = Exclude<Label, AiLabel>;

/** A value read from storage counts as interaction data when it is one of a conversation's text fields. */
function readsStoredConversation(labels: readonly Label[]): boolean {
  return labels.some((l) => l.kind === "origin" && isConversationFieldKey(l.key));
}

function userDataLabels(labels: readonly Label[]): SourceLabel[] {
  const conversation = readsStoredConversation(labels);
  return labels.filter((l): l is SourceLabel => l.kind === "request" || (l.kind === "stored" && conversation) || (l.kind === "pii" && !l.literal));
}

/** Names and attributes an expression reads (`user.history_consent` -> user, history_consent). */
function namesIn(e: Expr, out: string[] = [], depth = 0): string[] {
  if (depth > 12) return out;
  if (e.k === "name") out.push(e.name);
  if (e.k === "member") out.push(e.prop);
  forEachChildExpr(e, (c) => namesIn(c, out, depth + 1));
  return out;
}

type Reason = { kind: "provider" | "storeTrue" | "telemetry" | "tracer"; detail?: string };

function constantOf(v: Value | undefined): boolean | number | string | null | undefined {
  return v?.constant ?? v?.str;
}

/** `store=user.history_consent`: the provider keeps the exchange only when the user agreed. */
function storeBoundToConsent(call: AiCallFact): boolean {
  const e = optionExpr(call.call, "store");
  if (!e || e.k === "const") return false;
  return namesIn(e).some((n) => isConsentName(n));
}

function reasons(call: AiCallFact): Reason[] {
  const out: Reason[] = [];
  const store = constantOf(call.arg("store"));
  const responsesModel = call.tags.some((t) => t.name === "api:responses");
  if (STORE_PROVIDERS.has(call.site.provider) && !storeBoundToConsent(call)) {
    if (call.method.retention === "stored" && store !== false) out.push({ kind: "provider" });
    else if (call.method.retention === "storeArg" && store === true) out.push({ kind: "storeTrue" });
  }
  // Vercel AI SDK with an OpenAI Responses model: the provider option `store` decides.
  if (responsesModel && constantOf(call.arg("providerOptions.openai.store")) !== false) out.push({ kind: "provider" });
  const telemetry = call.arg("experimental_telemetry");
  if (telemetry && constantOf(telemetry.props?.get("isEnabled")) === true) {
    const hidden = constantOf(telemetry.props?.get("recordInputs")) === false && constantOf(telemetry.props?.get("recordOutputs")) === false;
    if (!hidden) out.push({ kind: "telemetry" });
  }
  for (const t of call.tags) if (t.name.startsWith("tracer:")) out.push({ kind: "tracer", detail: t.name.slice("tracer:".length) });
  return uniqueBy(out, (r) => `${r.kind}:${r.detail ?? ""}`);
}

function describe(r: Reason): Localized {
  switch (r.kind) {
    case "provider":
      return localized("the provider keeps the conversation (the Responses API stores it unless `store` is false)", "供應商會保存對話（除非 `store` 設為 false，Responses API 會儲存對話）");
    case "storeTrue":
      return localized("the call asks the provider to store it (`store: true`)", "調用要求供應商儲存對話（`store: true`）");
    case "telemetry":
      return localized("telemetry records the prompt and the answer", "遙測會記錄提示及回答");
    case "tracer": {
      const name = TRACER_NAMES[r.detail ?? ""] ?? r.detail ?? "a tracer";
      return localized(`${name} traces record the prompt and the answer`, `${name} 追蹤會記錄提示及回答`);
    }
  }
}

export const providerRetentionWithoutConsent: Rule = {
  meta: {
    id: "CON004",
    name: "provider-retention-without-consent",
    title: localized("Conversation kept by the provider or a tracer without consent", "未經同意由供應商或追蹤服務保存對話"),
    sections: ["2.1.3.4", "2.2.1", "3.2.1"],
    defaultSeverity: "warning",
    languages: ALL_LANGUAGES,
    fixable: "safe",
    docs: {
      what: localized(
        "Reports an AI call that sends a user's data (what they typed, a stored conversation, a user record) to an API or tracer that keeps it — the OpenAI Responses API without `store: false`, any call with `store: true`, Vercel AI telemetry that records inputs or outputs, clients wrapped by LangSmith, Langfuse or Braintrust, `@traceable` functions, a Helicone gateway — when no consent check dominates the call.",
        "當人工智能調用把使用者資料（使用者輸入、已儲存的對話、使用者紀錄）傳送到會保存資料的 API 或追蹤服務——未設 `store: false` 的 OpenAI Responses API、設有 `store: true` 的調用、記錄輸入或輸出的 Vercel AI 遙測、經 LangSmith、Langfuse 或 Braintrust 包裝的客戶端、`@traceable` 函式、Helicone 閘道——而沒有同意檢查支配該調用時報告。",
      ),
      why: localized(
        "A conversation kept by a provider or an observability service leaves the service's own control. The guideline asks services to keep interaction data only with the user's informed consent and for a stated purpose (sections 2.2.1 and 3.2.1), and to govern the data the service handles while it runs (2.1.3.4).",
        "由供應商或觀測服務保存的對話已離開服務本身的控制。指引要求服務只在使用者知情同意下、並為已說明的目的保存互動資料（第 2.2.1 及 3.2.1 節），並在運作期間管理服務處理的資料（第 2.1.3.4 節）。",
      ),
      example: {
        language: "python",
        bad: 'response = client.responses.create(model="gpt-4.1-mini", input=request.json["question"])',
        good: 'response = client.responses.create(model="gpt-4.1-mini", input=request.json["question"], store=False)',
      },
      fix: localized(
        "Pass `store: false` / `store=False` to the Responses API (and drop `store: true`), set `recordInputs: false` and `recordOutputs: false` in the telemetry settings, call an untraced client, or make the call only after the user has agreed to the conversation being kept.",
        "在 Responses API 傳入 `store: false` / `store=False`（並移除 `store: true`），在遙測設定加入 `recordInputs: false` 及 `recordOutputs: false`，改用未經追蹤的客戶端，或只在使用者同意保存對話後才調用。",
      ),
      options: localized("`markers.consentGuard` adds names of consent checks, decorators and middleware.", "`markers.consentGuard` 可加入同意檢查、裝飾器及中介軟件的名稱。"),
    },
  },
  check(ctx) {
    const byCall = new Map<string, { call: AiCallFact; reasons: Reason[]; data: SourceLabel[] }>();
    const guarded = new Set<string>();
    for (const call of ctx.facts.aiCalls) {
      const key = `${call.site.loc.file}:${call.site.loc.start}`;
      if (call.guard.consent) {
        guarded.add(key);
        continue;
      }
      const data = userDataLabels(call.promptLabels);
      if (data.length === 0) continue;
      const why = reasons(call);
      if (why.length === 0) continue;
      const entry = byCall.get(key);
      if (entry) {
        entry.reasons = uniqueBy([...entry.reasons, ...why], (r) => `${r.kind}:${r.detail ?? ""}`);
        entry.data.push(...data);
      } else byCall.set(key, { call, reasons: why, data: [...data] });
    }
    for (const [key, { call, reasons: why, data }] of byCall) {
      // One consent decision covers every path into the call (resolved question 24).
      if (guarded.has(key)) continue;
      const file = ctx.files.get(call.site.loc.file);
      const fixes: Fix[] = [];
      if (file) {
        const py = file.language === "python";
        if (why.some((r) => r.kind === "provider" || r.kind === "storeTrue")) {
          // The SDK's own option, or the Vercel AI SDK's provider option for an OpenAI Responses model.
          const edits = call.method.retention
            ? [setCallOption(file, call.call, "store", py ? "False" : "false")]
            : optionExpr(call.call, "providerOptions.openai")
              ? setObjectOptionMembers(file, call.call, "providerOptions.openai", [["store", "false"]])
              : optionExpr(call.call, "providerOptions")
                ? setObjectOptionMembers(file, call.call, "providerOptions", [["openai", "{ store: false }"]])
                : [setCallOption(file, call.call, "providerOptions", "{ openai: { store: false } }")];
          if (edits?.every((e) => !!e)) fixes.push(fix(localized("Ask the provider not to store the conversation: store=false (Guideline 2.2.1)", "要求供應商不要儲存對話：store=false（指引 2.2.1）"), "safe", edits as TextEdit[]));
        }
        if (why.some((r) => r.kind === "telemetry")) {
          const edits = setObjectOptionMembers(file, call.call, "experimental_telemetry", [["recordInputs", "false"], ["recordOutputs", "false"]]);
          if (edits) fixes.push(fix(localized("Keep prompts and answers out of telemetry (Guideline 2.2.1)", "不在遙測中記錄提示及回答（指引 2.2.1）"), "safe", edits));
        }
        if (call.stmt) fixes.push(fix(localized("Make the call only with the user's consent (Guideline 3.2.1)", "只在使用者同意下調用（指引 3.2.1）"), "unsafe", guardStatement(file, call.stmt)));
      }
      const reasonText = why.map(describe);
      // One related location per line where user data joins the prompt, at most three: enough to follow, not a list.
      const lineOf = (file: string, offset: number) => {
        const text = ctx.files.get(file)?.text;
        return text === undefined ? offset : LineIndex.of(text).position(offset).line;
      };
      const sources = uniqueBy(data, (l) => `${l.loc.file}:${lineOf(l.loc.file, l.loc.start)}`).slice(0, 3);
      ctx.report({
        file: call.site.loc.file,
        start: call.site.loc.start,
        end: call.site.loc.end,
        message: localized(
          `User data is sent to ${call.site.provider} ${call.site.api}, and ${reasonText.map((r) => r.en).join("; ")}, with no consent check.`,
          `使用者資料被傳送到 ${call.site.provider} ${call.site.api}，而${reasonText.map((r) => r.zh).join("；")}，卻沒有同意檢查。`,
        ),
        related: [
          ...sources.map((l) => related(l.loc, localized("user data enters the prompt here", "使用者資料在此進入提示"))),
          ...call.tags.filter((t) => t.name.startsWith("tracer:")).map((t) => related(t.loc, localized("the tracer is set up here", "追蹤服務在此設定"))),
        ],
        fixes,
      });
    }
  },
};
