// DIS001: AI output reaches a user-facing sink with no disclosure on the way.
import type { Fix } from "../../types";
import { localized } from "../../types";
import { disclosureFixes } from "../../fixes/disclosureFixes";
import type { Facts, SinkFact } from "../../analysis/facts";
import type { AiLabel, Loc } from "../../analysis/values";
import { aiRelated, callName, isAi, isContentModality, modalityZh, related, uniqueBy } from "../describe";
import { ALL_LANGUAGES, type Rule } from "../types";

const SINK_EN: Record<string, string> = { response: "an HTTP response", ui: "the user interface", bot: "a chat message", jsx: "the rendered page", email: "an e-mail" };
const SINK_ZH: Record<string, string> = { response: "HTTP 回應", ui: "使用者介面", bot: "聊天訊息", jsx: "呈現的頁面", email: "電郵" };

export const aiOutputWithoutDisclosure: Rule = {
  meta: {
    id: "DIS001",
    name: "ai-output-without-disclosure",
    title: localized("AI-generated content shown without disclosure", "人工智能生成內容未作標示"),
    sections: ["2.3.2", "3.2.1", "3.3", "App. 2.2.1"],
    defaultSeverity: "warning",
    languages: ALL_LANGUAGES,
    fixable: "safe",
    docs: {
      what: localized(
        "Reports the place where the output of an AI call (text, image, audio or video) reaches a user — an HTTP response, a UI render, a chat or bot message, an e-mail — with nothing on the way that tells the user a machine produced it.",
        "當人工智能調用的輸出（文字、圖像、音訊或影片）到達使用者（HTTP 回應、介面呈現、聊天或機械人訊息、電郵），而途中沒有任何標示告知使用者內容由機器產生時，於該處報告。",
      ),
      why: localized(
        "The guideline expects services to be transparent about generated content: users should be able to tell what was produced by AI (sections 2.3.2 and 3.2.1), service users should label AI output they pass on (3.3), and Hong Kong's application principles ask for AI content to be identifiable (Appendix 2.2.1).",
        "指引要求服務對生成內容保持透明：使用者應能分辨哪些內容由人工智能產生（第 2.3.2 及 3.2.1 節）；服務使用者轉發人工智能輸出時應加以標示（第 3.3 節）；香港的應用原則亦要求人工智能內容可被識別（附錄第 2.2.1 節）。",
      ),
      example: {
        language: "python",
        bad: 'answer = client.chat.completions.create(...).choices[0].message.content\nreturn jsonify(answer=answer)',
        good: 'answer = client.chat.completions.create(...).choices[0].message.content\nreturn jsonify(answer=answer, ai_generated=True)',
      },
      fix: localized(
        "Add an `aiGenerated` field to a JSON payload, an `X-AI-Generated` header to a text or streamed response, or a visible \"AI-generated\" / 「由人工智能生成」 label beside rendered content: the preferred quick-fix does one of these and never changes data a program reads. Passing the text through a disclosure helper (the quick-fix adds one) labels the text itself; inside a JSON payload that is an unsafe fix, never applied by fix-all. Undisclosed output in one rendered JSX tree is one finding: one label on the block fixes it all, while a helper applied to one child discloses only that child.",
        "在 JSON 回應中加入 `aiGenerated` 欄位、為文字或串流回應加入 `X-AI-Generated` 標頭，或在呈現的內容旁加上可見的「由人工智能生成」標籤：首選的快速修正會做其中一項，且不會改變程式讀取的資料。以標示函式（快速修正會加入一個）包裹文字，會把標籤加到文字本身；若文字位於 JSON 回應內，此修正屬不安全，「套用所有安全修正」不會採用。同一 JSX 呈現樹中未標示的輸出只報告一次：在該區塊加上一個標籤即可全部修正，而只包裹其中一項的標示函式只標示該項。",
      ),
      options: localized(
        "`markers.disclosure` adds helper names; `disclosure.siteWide` declares a site-wide disclosure for file globs, with a reason.",
        "`markers.disclosure` 可加入標示函式名稱；`disclosure.siteWide` 可為指定檔案範圍宣告全站標示（須附理由）。",
      ),
    },
  },
  check(ctx) {
    // Undisclosed sinks with the AI content that reaches them; the sinks of one JSX tree form one group.
    const groups = new Map<string, Array<{ sink: SinkFact & { anchor?: Loc }; ai: AiLabel[] }>>();
    for (const sink of ctx.facts.sinks) {
      if (sink.kind !== "user" || sink.disclosed) continue;
      if (ctx.options.siteDisclosure(sink.loc.file)) continue;
      const ai = uniqueBy(sink.labels.filter(isAi).filter((l) => isContentModality(l.call.modality) && !l.disclosed), (l) => `${l.call.loc.file}:${l.call.loc.start}`);
      if (ai.length === 0) continue;
      // A tree rendered inside a labelled block of another (every place it is rendered) is disclosed there.
      if (sink.block && labelledWhereRendered(ctx.facts.jsxEmbeds, sink.block, 0)) continue;
      const rendering = sink.block ? renderingTree(ctx.facts.jsxEmbeds, sink.block) : undefined;
      const key = rendering?.block ?? `${sink.loc.file}:${sink.loc.start}:${sink.loc.end}`;
      // Where the sink shows in the rendering tree: itself, or the child that renders its tree.
      const entry = { sink: rendering?.at ? { ...sink, labelAt: undefined, anchor: rendering.at } : sink, ai };
      const group = groups.get(key);
      if (group) group.push(entry);
      else groups.set(key, [entry]);
    }
    for (const group of groups.values()) {
      // One finding per tree, at its first undisclosed sink in source order (resolved question 23).
      const sorted = [...group].sort((a, b) => a.sink.loc.start - b.sink.loc.start);
      const { sink } = sorted[0];
      const others = uniqueBy(sorted.filter((g) => g.sink.loc.start !== sink.loc.start).map((g) => g.sink), (s) => `${s.loc.start}`);
      const ai = uniqueBy(sorted.flatMap((g) => g.ai), (l) => `${l.call.loc.file}:${l.call.loc.start}`);
      const first = ai[0];
      const modality = first.call.modality;
      const file = ctx.files.get(sink.loc.file);
      // Only text can take a label appended to it (a data URL of an image cannot).
      const text = new Set(sorted.filter((g) => g.ai.every((l) => l.call.modality === "text")).map((g) => g.sink));
      const fixes: Fix[] = file ? disclosureFixes(file, sorted.map((g) => g.sink), (s) => text.has(s)) : [];
      ctx.report({
        file: sink.loc.file,
        start: sink.loc.start,
        end: sink.loc.end,
        message: localized(
          `AI-generated ${modality} from ${callName(first)} reaches ${SINK_EN[sink.category] ?? "a user"} without a disclosure that it is AI-generated.`,
          `由 ${callName(first)} 生成的${modalityZh(modality)}未標示為人工智能生成，便到達${SINK_ZH[sink.category] ?? "使用者"}。`,
        ),
        related: [
          ...aiRelated(ai).slice(0, others.length ? 8 : 12),
          ...others.slice(0, 8).map((o) => related(o.loc, localized("more AI output without a disclosure in the same rendered block", "同一呈現區塊中另一項未標示的人工智能輸出"))),
        ],
        fixes,
      });
    }
  },
};

type Embeds = Facts["jsxEmbeds"];

/** Whether every place a JSX tree is rendered into another has a label over it. */
function labelledWhereRendered(embeds: Embeds, block: string, depth: number): boolean {
  const places = embeds.get(block);
  return !!places?.length && depth < 8 && places.every((p) => !!p.disclosed || labelledWhereRendered(embeds, p.block, depth + 1));
}

/**
 * The tree whose finding a tree's sinks belong to: the one tree of the same function that renders it, if
 * there is one, with the child there that renders it.
 */
function renderingTree(embeds: Embeds, block: string): { block: string; at?: Loc } {
  let cur: { block: string; at?: Loc } = { block };
  for (let i = 0; i < 8; i++) {
    const places = embeds.get(cur.block);
    if (places?.length !== 1 || !places[0].sameFunction) break;
    cur = { block: places[0].block, at: places[0].at };
  }
  return cur;
}
