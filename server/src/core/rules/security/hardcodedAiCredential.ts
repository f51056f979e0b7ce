// SEC001: a literal AI provider key in source (comments included).
import { findCredentials, maskSecret } from "../../detect/credentials";
import { localized } from "../../types";
import { enclosingLiteral, envNameFor, fix, keyFromEnvironment } from "../../fixes/ruleFixes";
import { ALL_LANGUAGES, type Rule } from "../types";

export const hardcodedAiCredential: Rule = {
  meta: {
    id: "SEC001",
    name: "hardcoded-ai-credential",
    title: localized("Hard-coded AI provider key", "寫死在程式碼中的人工智能服務金鑰"),
    sections: ["2.2.5", "3.2.1"],
    defaultSeverity: "error",
    languages: ALL_LANGUAGES,
    fixable: "safe",
    docs: {
      what: localized(
        "Reports literal API keys of AI providers in source code and comments: OpenAI `sk-`/`sk-proj-`, Anthropic `sk-ant-`, Google `AIza…`, Hugging Face `hf_`, Replicate `r8_`, Groq `gsk_`, xAI `xai-`, Perplexity `pplx-`, ElevenLabs keys and others. Placeholders such as `sk-...` or `sk-your-key-here` are not keys.",
        "報告原始碼及註解中的人工智能服務 API 金鑰：OpenAI `sk-`/`sk-proj-`、Anthropic `sk-ant-`、Google `AIza…`、Hugging Face `hf_`、Replicate `r8_`、Groq `gsk_`、xAI `xai-`、Perplexity `pplx-`、ElevenLabs 金鑰等。`sk-...`、`sk-your-key-here` 之類的佔位符不算金鑰。",
      ),
      why: localized(
        "A key in the repository is a key anyone with the code can use, to run up costs or reach data through your account. The guideline asks for access control and protection of AI systems against unauthorised use (sections 2.2.5 and 3.2.1).",
        "存放在程式庫中的金鑰，任何取得程式碼的人都可使用，藉你的帳戶產生費用或取得資料。指引要求為人工智能系統實施存取控制，防止未經授權使用（第 2.2.5 及 3.2.1 節）。",
      ),
      example: {
        language: "python",
        bad: 'client = OpenAI(api_key="sk-proj-…")',
        good: 'client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])',
      },
      fix: localized("Read the key from the environment or a secret manager (the quick-fix does this), and revoke the exposed key with the provider.", "改為從環境變數或密鑰管理服務讀取金鑰（快速修正會這樣做），並向服務提供者撤銷已外洩的金鑰。"),
    },
  },
  check(ctx) {
    for (const [path, file] of ctx.files) {
      for (const token of file.program.literals) {
        const raw = file.text.slice(token.span.start, token.span.end);
        for (const m of findCredentials(raw)) {
          const secret = raw.slice(m.start, m.end);
          const keySpan = { start: token.span.start + m.start, end: token.span.start + m.end };
          const whole = !token.comment && m.start === 0 && m.end === raw.length ? enclosingLiteral(file.text, token.span) : undefined;
          const env = envNameFor(m.provider);
          const edits = whole ? keyFromEnvironment(file, whole, m.provider) : [{ ...keySpan, newText: `<${env} from the environment>` }];
          ctx.report({
            file: path,
            start: token.span.start + m.start,
            end: token.span.start + m.end,
            message: localized(
              `Hard-coded ${m.provider} API key (${maskSecret(secret)}) in ${token.comment ? "a comment" : "source"}; read it from the environment instead.`,
              `${token.comment ? "註解" : "原始碼"}中寫死了 ${m.provider} API 金鑰（${maskSecret(secret)}）；請改為從環境變數讀取。`,
            ),
            related: [],
            fixes: [fix(localized(`Read the key from the environment (${env}) (Guideline 2.2.5)`, `改為從環境變數（${env}）讀取金鑰（指引 2.2.5）`), "safe", edits)],
          });
        }
      }
    }
  },
};
