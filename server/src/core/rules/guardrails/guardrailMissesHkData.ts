// GRD001: a PII guardrail (Presidio, LLM Guard, Bedrock guardrails, Comprehend) set up so that it cannot see
// Hong Kong identity card numbers (or Hong Kong phone numbers), whose output redacts text bound for a model.
import type { Facts, TrackedFact } from "../../analysis/facts";
import { calleeName } from "../../analysis/engine/helpers";
import { isRedactionName, splitWords } from "../../analysis/names";
import type { Loc, TrackedObject, Value } from "../../analysis/values";
import { fix, wrapWithHelper } from "../../fixes/ruleFixes";
import { insertLast, setCallOption } from "../../fixes/callOptions";
import { optionExpr } from "../../ir/options";
import type { CallExpr, ClassDef, Expr, Stmt } from "../../ir/types";
import { findCallAt, forEachChildExpr, forEachStmtPart } from "../../ir/walk";
import type { Fix, TextEdit } from "../../types";
import { localized } from "../../types";
import type { ParsedFile } from "../../workspace/workspace";
import { firstAiCallByFile, related } from "../describe";
import { ALL_LANGUAGES, type Rule, type RuleContext } from "../types";
import { coversAny, HK_PHONE_SAMPLES, HKID_SAMPLES } from "./regexCovers";

/** String literals in a class body (a workspace recogniser's patterns and entity names). */
function classStrings(cls: ClassDef): string[] {
  const out: string[] = [];
  const visitExpr = (e: Expr | undefined, depth: number): void => {
    if (!e || depth > 60) return;
    if (e.k === "str") out.push(e.value);
    else if (e.k === "template") for (const p of e.parts) if (typeof p === "string") out.push(p);
    if (e.k === "func") visitBlock(e.fn.body, depth + 1);
    else forEachChildExpr(e, (c) => visitExpr(c, depth + 1));
  };
  const visitBlock = (stmts: readonly Stmt[], depth: number): void => {
    for (const s of stmts) {
      if (s.k === "func") visitBlock(s.fn.body, depth + 1);
      else if (s.k === "class") visitBlock(s.cls.body, depth + 1);
      else forEachStmtPart(s, (e) => visitExpr(e, depth + 1), (b) => visitBlock(b, depth + 1));
    }
  };
  visitBlock(cls.body, 0);
  return out;
}

/** What a value says about the recognisers it holds: its strings, and whether one of them is a phone recogniser. */
interface Evidence {
  readonly strings: string[];
  phoneRecognizer: boolean;
  phoneRegions: string[];
}

function collect(v: Value | undefined, ev: Evidence, seen: Set<Value>, depth: number): void {
  if (!v || seen.has(v) || depth > 8) return;
  seen.add(v);
  if (v.str !== undefined) ev.strings.push(v.str);
  for (const t of v.texts ?? []) ev.strings.push(t);
  for (const e of v.elems ?? []) collect(e, ev, seen, depth + 1);
  for (const p of v.props?.values() ?? []) collect(p, ev, seen, depth + 1);
  const ref = v.ref;
  if (ref?.k === "tracked") collectObject(ref.obj, ev, seen, depth + 1);
  if (ref?.k === "instance" && ref.cls) {
    ev.strings.push(...classStrings(ref.cls));
    if (ref.cls.bases.some((b) => b.k === "name" && /PhoneRecognizer$/.test(b.name))) ev.phoneRecognizer = true;
  }
}

function collectObject(obj: TrackedObject, ev: Evidence, seen: Set<Value>, depth: number): void {
  const inner: Evidence = { strings: [], phoneRecognizer: false, phoneRegions: [] };
  for (const a of [...obj.args, ...obj.named.values(), ...obj.added, ...obj.members.values()]) collect(a, inner, seen, depth);
  ev.strings.push(...inner.strings);
  ev.phoneRegions.push(...inner.phoneRegions);
  if (/PhoneRecognizer$/.test(obj.madeBy)) {
    ev.phoneRecognizer = true;
    // `supported_regions` lists where the phone recogniser looks; the default list has no "HK".
    const regions: Evidence = { strings: [], phoneRecognizer: false, phoneRegions: [] };
    collect(obj.named.get("supported_regions"), regions, new Set(), 0);
    ev.phoneRegions.push(...regions.strings);
  } else if (inner.phoneRecognizer) ev.phoneRecognizer = true;
}

function evidenceOf(obj: TrackedObject): Evidence {
  const ev: Evidence = { strings: [], phoneRecognizer: false, phoneRegions: [] };
  collectObject(obj, ev, new Set(), 0);
  return ev;
}

/** An entity or pattern name that says Hong Kong identity card (`HKID`, `HK_ID_CARD`, `HONG_KONG_ID`). */
function namesHkid(s: string): boolean {
  if (s.length > 60) return false;
  const w = splitWords(s);
  return w.includes("hkid") || (w.includes("hk") && (w.includes("id") || w.includes("identity"))) || (w.includes("hong") && w.includes("kong") && (w.includes("id") || w.includes("identity")));
}

const seesHkid = (ev: Evidence) => ev.strings.some((s) => namesHkid(s) || coversAny(s, HKID_SAMPLES));
const seesHkPhonePattern = (ev: Evidence) => ev.strings.some((s) => coversAny(s, HK_PHONE_SAMPLES));

/** What a guardrail misses, or nothing when it sees Hong Kong data (or is no PII guardrail). */
function misses(obj: TrackedObject): string[] | undefined {
  const ev = evidenceOf(obj);
  switch (obj.kind) {
    case "presidio.analyzer": {
      const out: string[] = [];
      if (!seesHkid(ev)) out.push("HKID");
      if (!ev.phoneRegions.some((r) => r.toUpperCase() === "HK") && !seesHkPhonePattern(ev)) out.push("HK phone");
      return out;
    }
    case "llmguard.anonymize": {
      const out: string[] = [];
      if (!seesHkid(ev)) out.push("HKID");
      if (!seesHkPhonePattern(ev)) out.push("HK phone");
      return out;
    }
    case "bedrock.guardrail": {
      const policy = obj.named.get("sensitiveInformationPolicyConfig") ?? obj.args[0]?.props?.get("sensitiveInformationPolicyConfig");
      if (!policy) return undefined;
      const pev: Evidence = { strings: [], phoneRecognizer: false, phoneRegions: [] };
      collect(policy, pev, new Set(), 0);
      return seesHkid(pev) ? [] : ["HKID"];
    }
    case "comprehend.detectPii":
      return ["HKID"];
    default:
      return undefined;
  }
}

const key = (l: Loc) => `${l.file}:${l.start}:${l.end}`;

/** Where each guardrail's output reached a prompt: the AI calls, and whether it was redacted again afterwards. */
function promptUse(facts: Facts): Map<string, { raw: boolean; calls: Loc[] }> {
  const use = new Map<string, { raw: boolean; calls: Loc[] }>();
  for (const call of facts.aiCalls) {
    for (const l of call.promptLabels) {
      if (l.kind !== "guard") continue;
      const u = use.get(key(l.loc)) ?? { raw: false, calls: [] };
      if (!l.redacted) u.raw = true;
      if (!u.calls.some((c) => key(c) === key(call.site.loc))) u.calls.push(call.site.loc);
      use.set(key(l.loc), u);
    }
  }
  return use;
}

const KIND_NAME: Record<string, string> = { "presidio.analyzer": "Presidio analyzer", "llmguard.anonymize": "LLM Guard Anonymize scanner", "bedrock.guardrail": "Bedrock guardrail", "comprehend.detectPii": "Comprehend PII detection" };

/** An HKID regex entry added to a Bedrock guardrail's `regexesConfig` (created when the policy has none). */
function bedrockRegexEdits(file: ParsedFile, call: CallExpr): TextEdit[] | undefined {
  const py = file.language === "python";
  const entry = py
    ? '{"name": "hkid", "description": "Hong Kong identity card number", "pattern": r"\\b[A-Z]{1,2}[0-9]{6}\\(?[0-9A]\\)?", "action": "ANONYMIZE"}'
    : '{ name: "hkid", description: "Hong Kong identity card number", pattern: "\\\\b[A-Z]{1,2}[0-9]{6}\\\\(?[0-9A]\\\\)?", action: "ANONYMIZE" }';
  const regexes = optionExpr(call, "sensitiveInformationPolicyConfig.regexesConfig");
  if (regexes?.k === "array") return [insertLast(file.text, regexes.span.start, regexes.span.end - 1, entry)];
  const policy = optionExpr(call, "sensitiveInformationPolicyConfig");
  if (policy?.k !== "object") return undefined;
  return [insertLast(file.text, policy.span.start, policy.span.end - 1, py ? `"regexesConfig": [${entry}]` : `regexesConfig: [${entry}]`)];
}

/** The text a Comprehend PII call is given (`Text=...`), as written at the call. */
function comprehendText(file: ParsedFile, obj: TrackedObject): Expr | undefined {
  const call = findCallAt(file.program.body, obj.loc);
  return call ? optionExpr(call, "Text") : undefined;
}

const HK_LLM_GUARD_PATTERNS =
  '{"name": "HK_ID_CARD", "expressions": [r"\\b[A-Z]{1,2}[0-9]{6}\\(?[0-9A]\\)?"], "context": ["hkid", "身份證"], "score": 0.75, "languages": ["en", "zh"]}, ' +
  '{"name": "HK_PHONE_NUMBER", "expressions": [r"(?:\\+?852[\\s-]?)?\\b[2-9][0-9]{3}[\\s-]?[0-9]{4}\\b"], "context": ["phone", "電話"], "score": 0.6, "languages": ["en", "zh"]}';

/** HKID and Hong Kong phone patterns added to an LLM Guard `Anonymize` scanner's `regex_patterns`. */
function llmGuardPatternEdits(file: ParsedFile, call: CallExpr): TextEdit[] | undefined {
  const given = optionExpr(call, "regex_patterns");
  if (given?.k === "array") return [insertLast(file.text, given.span.start, given.span.end - 1, HK_LLM_GUARD_PATTERNS)];
  if (given) return [{ start: given.span.start, end: given.span.end, newText: `[*${file.text.slice(given.span.start, given.span.end)}, ${HK_LLM_GUARD_PATTERNS}]` }];
  const edit = setCallOption(file, call, "regex_patterns", `[${HK_LLM_GUARD_PATTERNS}]`);
  return edit ? [edit] : undefined;
}

function fixesFor(ctx: RuleContext, obj: TrackedObject): Fix[] {
  const file: ParsedFile | undefined = ctx.files.get(obj.loc.file);
  if (!file) return [];
  if (obj.kind === "presidio.analyzer") {
    const edits = wrapWithHelper(file, "hkRecognizers", [{ span: { start: obj.loc.start, end: obj.loc.end } }]);
    return edits ? [fix(localized("Register HKID and Hong Kong phone recognisers (Guideline 2.2.1)", "登記香港身份證及香港電話識別器（指引 2.2.1）"), "safe", edits)] : [];
  }
  if (obj.kind === "comprehend.detectPii") {
    // Mask HKIDs and phones before Comprehend sees the text: then it is no longer the only redaction.
    const text = comprehendText(file, obj);
    const edits = text ? wrapWithHelper(file, "redaction", [{ span: text.span }]) : undefined;
    return edits ? [fix(localized("Mask Hong Kong identifiers before Comprehend (Guideline 2.2.1)", "在 Comprehend 之前遮蔽香港識別資料（指引 2.2.1）"), "unsafe", edits)] : [];
  }
  if (obj.kind === "llmguard.anonymize") {
    const call = findCallAt(file.program.body, obj.loc);
    const edits = call && llmGuardPatternEdits(file, call);
    return edits ? [fix(localized("Add HKID and Hong Kong phone patterns to the scanner (Guideline 2.2.1)", "為掃描器加入香港身份證及香港電話模式（指引 2.2.1）"), "safe", edits)] : [];
  }
  if (obj.kind === "bedrock.guardrail") {
    const call = findCallAt(file.program.body, obj.loc);
    const edits = call && bedrockRegexEdits(file, call);
    return edits ? [fix(localized("Add an HKID regex to the guardrail (Guideline 2.2.1)", "為防護加入香港身份證正規表達式（指引 2.2.1）"), "safe", edits)] : [];
  }
  return [];
}

export const guardrailMissesHkData: Rule = {
  meta: {
    id: "GRD001",
    name: "guardrail-misses-hk-data",
    title: localized("PII guardrail blind to Hong Kong data", "個人資料防護看不見香港資料"),
    sections: ["2.2.1", "3.2.1", "3.3"],
    defaultSeverity: "warning",
    languages: ALL_LANGUAGES,
    fixable: "safe",
    docs: {
      what: localized(
        "Reports a PII guardrail whose output redacts text sent to an AI model (or that sits in a file making AI calls) but cannot see Hong Kong identity card numbers: a Presidio `AnalyzerEngine` with no HKID recogniser, or no phone recogniser listing \"HK\" among its regions; an LLM Guard `Anonymize` scanner without HKID and Hong Kong phone patterns; a Bedrock guardrail whose sensitive-information policy has no regex for the HKID shape; AWS Comprehend PII detection used as the only redaction.",
        "當個人資料防護的輸出用於遮蔽傳送給人工智能模型的文字（或該防護位於有人工智能調用的檔案中），卻看不見香港身份證號碼時報告：沒有香港身份證識別器、或沒有列出 \"HK\" 地區的電話識別器的 Presidio `AnalyzerEngine`；沒有香港身份證及香港電話模式的 LLM Guard `Anonymize` 掃描器；敏感資料政策中沒有香港身份證格式正規表達式的 Bedrock 防護；作為唯一遮蔽手段的 AWS Comprehend 個人資料偵測。",
      ),
      why: localized(
        "Default recognisers are built for other places: none of these tools knows the HKID format out of the box, and Presidio's phone regions leave out Hong Kong. A team that believes it redacts still sends identity numbers to the model. The guideline asks services to protect personal data before it is processed by AI (sections 2.2.1 and 3.2.1) and service users to check what they feed to models (3.3).",
        "預設的識別器為其他地方而設：這些工具都不認得香港身份證格式，而 Presidio 的電話地區亦不包括香港。自以為已作遮蔽的團隊，仍把身份證號碼傳送給模型。指引要求服務在人工智能處理前保護個人資料（第 2.2.1 及 3.2.1 節），並要求服務使用者檢查輸入模型的內容（第 3.3 節）。",
      ),
      example: {
        language: "python",
        bad: "analyzer = AnalyzerEngine()\nresults = analyzer.analyze(text=message, language=\"en\")",
        good: "analyzer = with_hk_recognizers(AnalyzerEngine())  # HKID (check digit validated) and \"HK\" phone regions\nresults = analyzer.analyze(text=message, language=\"en\")",
      },
      fix: localized(
        "Register an HKID pattern recogniser that validates the check digit and a phone recogniser with \"HK\" in `supported_regions` (the quick-fix inserts a helper that adds both to a Presidio analyzer); give LLM Guard HKID and +852 patterns; add an HKID regex to the Bedrock guardrail's `regexesConfig`; mask HKIDs yourself after Comprehend.",
        "登記一個會驗證檢查碼的香港身份證模式識別器，以及 `supported_regions` 含 \"HK\" 的電話識別器（快速修正會加入一個為 Presidio 分析器加上兩者的函式）；為 LLM Guard 加入香港身份證及 +852 模式；在 Bedrock 防護的 `regexesConfig` 加入香港身份證正規表達式；在 Comprehend 之後自行遮蔽香港身份證號碼。",
      ),
    },
  },
  check(ctx) {
    const use = promptUse(ctx.facts);
    const firstCall = firstAiCallByFile(ctx);
    const byLoc = new Map<string, TrackedFact[]>();
    for (const f of ctx.facts.tracked) {
      if (!KIND_NAME[f.obj.kind]) continue;
      const list = byLoc.get(key(f.obj.loc)) ?? [];
      list.push(f);
      byLoc.set(key(f.obj.loc), list);
    }
    for (const [k, facts] of byLoc) {
      const obj = facts[0].obj;
      const missed = facts.map((f) => misses(f.obj));
      // Judged on every way the code sets it up: one that sees Hong Kong data keeps it silent.
      if (missed.some((m) => !m || m.length === 0)) continue;
      const u = use.get(k);
      const inAiFile = firstCall.has(obj.loc.file);
      const inScope =
        obj.kind === "bedrock.guardrail" ? true
        // Comprehend is reported as the only redaction: when its output reaches a prompt with nothing after it.
        : obj.kind === "comprehend.detectPii" ? !!u?.raw
        : !!u || inAiFile;
      if (!inScope) continue;
      // Comprehend given text already masked by a redaction helper is not the only redaction.
      if (obj.kind === "comprehend.detectPii") {
        const file = ctx.files.get(obj.loc.file);
        const text = file && comprehendText(file, obj);
        if (text?.k === "call" && isRedactionName(calleeName(text) ?? "", ctx.options.redactionNames)) continue;
      }
      const what = [...new Set(missed.flat())];
      ctx.report({
        file: obj.loc.file,
        start: obj.loc.start,
        end: obj.loc.end,
        message: localized(
          `This ${KIND_NAME[obj.kind]} cannot see ${what.join(" or ")} data: Hong Kong personal data passes it unredacted.`,
          `此${KIND_NAME[obj.kind]}看不見${what.map((w) => (w === "HKID" ? "香港身份證" : "香港電話")).join("或")}資料：香港個人資料會未經遮蔽地通過。`,
        ),
        // The file's first AI call when it makes any (the same whichever part of the file was analysed), else where its output is sent.
        related: inAiFile
          ? [related(firstCall.get(obj.loc.file)!, localized("an AI call in the same file", "同一檔案中的人工智能調用"))]
          : (u?.calls ?? []).slice(0, 3).map((c) => related(c, localized("its output reaches the prompt of this AI call", "其輸出進入此人工智能調用的提示"))),
        fixes: fixesFor(ctx, obj),
      });
    }
  },
};
