// CON002: a consent decision is stored without an auditable consent record (time and purpose) in the same function.
import { localized } from "../../types";
import { sameFlow } from "../../analysis/facts";
import { related } from "../describe";
import { ensureHelper } from "../../fixes/helpers";
import { fix, insertAfterStatement } from "../../fixes/ruleFixes";
import { ALL_LANGUAGES, type Rule } from "../types";

/**
 * Who and what of a consent write, read off the statement: `user.field = value`, `update({ where: { id }, data: { field: value } })`.
 * `field` comes from the analysed code, so it is searched for as plain text, never built into a regular expression.
 */
function decisionParts(stmt: string, field: string, py: boolean): { subject: string; value: string } {
  const none = py ? "None" : "undefined";
  const subject = assignedSubject(stmt, field);
  if (subject !== undefined) return { subject, value: `${subject}.${field}` };
  const id = /where\s*[:=]\s*\{\s*(?:id|userId|user_id)\s*:\s*([^,}]+)/.exec(stmt) ?? /\b(?:id|pk|user_id)\s*=\s*([^,)]+)/.exec(stmt);
  const val = keyedValue(stmt, field);
  return { subject: id ? id[1].trim() : none, value: val !== undefined ? val.trim() : hasShorthandKey(stmt, field) ? field : none };
}

const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);
const isWordChar = (c: string | undefined): boolean => c !== undefined && /\w/.test(c);

function skipSpace(text: string, at: number): number {
  while (at < text.length && isSpace(text[at])) at++;
  return at;
}

/** After `=`: one value on one line, then at most a `;` and a trailing comment. */
function isSingleValue(rest: string): boolean {
  const core = rest.trim();
  if (!core || core[0] === ";" || /[\n\r\u2028\u2029]/.test(core)) return false;
  const semicolon = core.indexOf(";");
  if (semicolon < 0) return true;
  const hash = core.indexOf("#");
  const slashes = core.indexOf("//");
  const comment = hash < 0 ? slashes : slashes < 0 ? hash : Math.min(hash, slashes);
  if (comment >= 0 && comment < semicolon) return true;
  const after = core.slice(semicolon + 1).trimStart();
  return after === "" || after.startsWith("#") || after.startsWith("//");
}

/** `user.field = value`: the `user` part. */
function assignedSubject(stmt: string, field: string): string | undefined {
  const start = skipSpace(stmt, 0);
  for (let dot = start + 1; dot < stmt.length && /[\w$.[\]"']/.test(stmt[dot - 1]); dot++) {
    if (stmt[dot] !== "." || !stmt.startsWith(field, dot + 1)) continue;
    const equals = skipSpace(stmt, dot + 1 + field.length);
    if (stmt[equals] !== "=") continue;
    return isSingleValue(stmt.slice(equals + 1)) ? stmt.slice(start, dot) : undefined;
  }
  return undefined;
}

/** `field: value` or `field = value`: the value, up to `,`, `}`, `)` or the end of the line. */
function keyedValue(stmt: string, field: string): string | undefined {
  const stops = ",})\n";
  for (let at = stmt.indexOf(field); at >= 0; at = stmt.indexOf(field, at + 1)) {
    if (isWordChar(stmt[at - 1]) === isWordChar(stmt[at])) continue;
    const separator = skipSpace(stmt, at + field.length);
    if (stmt[separator] !== ":" && stmt[separator] !== "=") continue;
    for (let from = skipSpace(stmt, separator + 1); from > separator; from--) {
      if (from >= stmt.length || stops.includes(stmt[from])) continue;
      return stmt.slice(from, valueEnd(stmt, from, stops));
    }
  }
  return undefined;
}

/** End of the value starting at `from`: the first stop character outside brackets and quotes (`Boolean(x)` is one value). */
function valueEnd(text: string, from: number, stops: string): number {
  let depth = 0;
  let quote: string | undefined;
  let at = from;
  for (; at < text.length; at++) {
    const c = text[at];
    if (quote) {
      if (c === "\\") at++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "(" || c === "[" || c === "{") depth++;
    else if (depth > 0 && (c === ")" || c === "]" || c === "}")) depth--;
    else if (c === "\n" || (depth === 0 && stops.includes(c))) break;
  }
  return at;
}

/** `{ field }` or `, field,`: a shorthand property. */
function hasShorthandKey(stmt: string, field: string): boolean {
  for (let at = stmt.indexOf(field); at >= 0; at = stmt.indexOf(field, at + 1)) {
    let before = at;
    while (before > 0 && isSpace(stmt[before - 1])) before--;
    if (stmt[before - 1] !== "{" && stmt[before - 1] !== ",") continue;
    const after = skipSpace(stmt, at + field.length);
    if (stmt[after] === "," || stmt[after] === "}") return true;
  }
  return false;
}

export const consentNotRecorded: Rule = {
  meta: {
    id: "CON002",
    name: "consent-not-recorded",
    title: localized("Consent decision without a consent record", "同意決定沒有同意記錄"),
    sections: ["2.1.3.4", "3.2.1"],
    defaultSeverity: "information",
    languages: ALL_LANGUAGES,
    fixable: "unsafe",
    docs: {
      what: localized(
        "Reports a statement that stores a user's consent or opt-in decision (a consent field set from request data, or set to a granted value inside a request handler) when neither the same function nor a workspace helper it calls writes a consent record carrying both a time and a purpose.",
        "當某語句儲存使用者的同意或選擇加入決定（以請求資料設定同意欄位，或在請求處理函式內設為已同意），而同一函式及其調用的工作區輔助函式都沒有寫入同時包含時間及目的之同意記錄時報告。",
      ),
      why: localized(
        "Consent must be demonstrable: the guideline asks providers to manage user authorisation with clear purposes and records they can show later (sections 3.2.1 and 2.1.3.4). A boolean on the user row says what was decided, not when, or for which purpose and notice.",
        "同意必須能被證明：指引要求提供者以清晰目的管理使用者授權，並保存日後可出示的記錄（第 3.2.1 及 2.1.3.4 節）。使用者資料列上的布林值只說明決定是甚麼，卻無法說明何時、為何目的及依據哪份通知作出。",
      ),
      example: {
        language: "python",
        bad: 'user.ai_training_opt_in = bool(body["opt_in"])\ndb.session.commit()',
        good: 'user.ai_training_opt_in = bool(body["opt_in"])\ndb.session.add(ConsentRecord(user_id=user.id, purpose="model_training", granted=user.ai_training_opt_in, recorded_at=datetime.now(timezone.utc)))\ndb.session.commit()',
      },
      fix: localized(
        "Write a consent record with the user, the purpose (or notice version) and the time next to the decision.",
        "在作出決定的位置旁寫入同意記錄，包括使用者、目的（或通知版本）及時間。",
      ),
      options: localized("`markers.consentRecord` adds field or helper names that make a write a consent record.", "`markers.consentRecord` 可加入令寫入成為同意記錄的欄位或輔助函式名稱。"),
    },
  },
  check(ctx) {
    const recordsByFn = new Map<string, string[]>();
    for (const r of ctx.facts.consentRecords) recordsByFn.set(r.fnKey, [...(recordsByFn.get(r.fnKey) ?? []), r.branch]);
    // A helper writes a record whatever branch inside it does so.
    const helperRecords = (fnKey: string, seen: Set<string>): boolean => {
      if (seen.has(fnKey)) return false;
      seen.add(fnKey);
      if (recordsByFn.has(fnKey)) return true;
      return (ctx.facts.calls.get(fnKey) ?? []).some((c) => helperRecords(c.to, seen));
    };
    // In the writing function, only a record on the same flow (not another `if`/`case` branch) counts.
    const reachesRecord = (fnKey: string, branch: string): boolean =>
      (recordsByFn.get(fnKey) ?? []).some((b) => sameFlow(b, branch)) ||
      (ctx.facts.calls.get(fnKey) ?? []).some((c) => sameFlow(c.branch, branch) && helperRecords(c.to, new Set([fnKey])));
    const seen = new Set<string>();
    for (const w of ctx.facts.consentWrites) {
      const key = `${w.loc.file}:${w.loc.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (reachesRecord(w.fnKey, w.branch)) continue;
      const file = ctx.files.get(w.loc.file);
      let fixes: ReturnType<typeof fix>[] = [];
      if (file && w.stmt) {
        const helper = ensureHelper("consentRecord", file.program, file.text);
        const stmtText = file.text.slice(w.stmt.start, w.stmt.end);
        const py = file.language === "python";
        const { subject, value } = decisionParts(stmtText, w.field, py);
        const call = `${helper.name}(${subject}, "${w.field}", ${value})${py ? "" : ";"}`;
        fixes = [fix(localized("Record the consent with time and purpose (Guideline 3.2.1)", "記錄同意的時間及目的（指引 3.2.1）"), "unsafe", [...helper.edits, insertAfterStatement(file, w.stmt, call)])];
      }
      ctx.report({
        file: w.loc.file,
        start: w.loc.start,
        end: w.loc.end,
        message: localized(
          `The consent decision \`${w.field}\` is stored without a consent record of when it was given and for which purpose.`,
          `同意決定 \`${w.field}\` 已儲存，但沒有記錄作出的時間及目的。`,
        ),
        related: [related(w.source, localized("the decision comes from here", "決定來自此處"))],
        fixes,
      });
    }
  },
};
