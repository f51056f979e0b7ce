// The accepted-risks file (`genai-lint.suppressions.json`): findings a team
// decided to live with, each entry with who decided, why and until when.
// Unlike suppression comments it needs no change to the code, and unlike the
// baseline every acceptance is an auditable decision that can expire.
import { ConfigError } from "../config";
import { ALL_RULE_METAS } from "../ruleMetas";
import { localized, type Finding } from "../types";
import { compileGlob, type GlobMatcher } from "../util/glob";
import { FINGERPRINT_PATTERN } from "./fingerprint";

export const SUPPRESSIONS_FILE_NAME = "genai-lint.suppressions.json";

export interface AcceptedRisk {
  rule: string;
  /** Matches one finding; without it (and without `path`) every finding of the rule matches. */
  fingerprint?: string;
  /** Glob over paths relative to the project root (util/glob syntax). */
  path?: string;
  reason: string;
  author: string;
  /** Last day the acceptance holds, YYYY-MM-DD. */
  expires?: string;
}

const ENTRY_KEYS = ["rule", "fingerprint", "path", "reason", "author", "expires"];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Parses the text of a suppressions file. Throws ConfigError naming the file, the path in it and what was expected. */
export function parseAcceptedRisks(text: string, file: string): AcceptedRisk[] {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    throw new ConfigError(file, "", `is not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  return validateAcceptedRisks(json, file);
}

export function validateAcceptedRisks(json: unknown, file: string): AcceptedRisk[] {
  const fail = (path: string, expected: string): never => {
    throw new ConfigError(file, path, expected);
  };
  if (!isObject(json)) return fail("", "expected a JSON object with a suppressions array");
  for (const key of Object.keys(json)) if (key !== "$schema" && key !== "suppressions") fail(key, "unknown key; expected suppressions");
  if (json.$schema !== undefined && typeof json.$schema !== "string") fail("$schema", "expected a string");
  if (!Array.isArray(json.suppressions)) return fail("suppressions", "expected an array of { rule, reason, author, fingerprint?, path?, expires? }");
  const ruleIds = ALL_RULE_METAS.map((m) => m.id);
  return json.suppressions.map((entry: unknown, i: number): AcceptedRisk => {
    const at = `suppressions[${i}]`;
    if (!isObject(entry)) return fail(at, "expected an object with rule, reason and author");
    for (const key of Object.keys(entry)) if (!ENTRY_KEYS.includes(key)) fail(`${at}.${key}`, `unknown key; expected one of ${ENTRY_KEYS.join(", ")}`);
    const text = (key: string, expected: string, max = 2000): string | undefined => {
      const v = entry[key];
      if (v === undefined) return undefined;
      if (typeof v !== "string" || v.trim().length === 0 || v.length > max) fail(`${at}.${key}`, expected);
      return v as string;
    };
    if (entry.rule === undefined) fail(`${at}.rule`, "expected a rule id (missing)");
    if (typeof entry.rule !== "string" || !ruleIds.includes(entry.rule)) fail(`${at}.rule`, `expected one of ${ruleIds.join(", ")}`);
    if (entry.reason === undefined) fail(`${at}.reason`, "expected a reason why the risk is accepted (missing)");
    const reason = text("reason", "expected a non-empty reason why the risk is accepted")!;
    if (entry.author === undefined) fail(`${at}.author`, "expected the person who accepted the risk (missing)");
    const author = text("author", "expected a non-empty name of the person who accepted the risk", 200)!;
    const fingerprint = text("fingerprint", "expected 16 lower-case hex digits (from the report or the baseline)");
    if (fingerprint !== undefined && !FINGERPRINT_PATTERN.test(fingerprint)) fail(`${at}.fingerprint`, "expected 16 lower-case hex digits (from the report or the baseline)");
    const path = text("path", "expected a non-empty glob of at most 500 characters", 500);
    const expires = text("expires", "expected a date YYYY-MM-DD");
    if (expires !== undefined && !isIsoDate(expires)) fail(`${at}.expires`, "expected a date YYYY-MM-DD");
    return { rule: entry.rule as string, ...(fingerprint ? { fingerprint } : {}), ...(path ? { path } : {}), reason, author, ...(expires ? { expires } : {}) };
  });
}

export interface AcceptedRiskMatch {
  finding: Finding;
  risk: AcceptedRisk;
}

export interface AcceptedRisksResult {
  /** Findings no live entry accepts, in the order given (expired ones carry a note in their message). */
  kept: Finding[];
  suppressed: AcceptedRiskMatch[];
  /** Findings whose only matching entries have expired; `finding` is the noted copy in `kept`, `original` the one given. */
  expired: Array<AcceptedRiskMatch & { original: Finding }>;
  /** Entries that matched no finding (the code changed, or the entry is wrong). */
  unused: AcceptedRisk[];
}

/** The message of a finding whose acceptance ran out, saying so in both languages. */
function withExpiryNote(finding: Finding, risk: AcceptedRisk): Finding {
  const date = risk.expires!;
  return {
    ...finding,
    message: localized(
      `${finding.message.en} (Accepted risk expired on ${date}: reason was "${risk.reason}", accepted by ${risk.author}.)`,
      `${finding.message.zh}（已接受的風險已於 ${date} 到期：理由為「${risk.reason}」，由 ${risk.author} 接受。）`,
    ),
  };
}

/**
 * Applies accepted risks to findings. `today` is YYYY-MM-DD; an entry holds
 * through its `expires` day. `fingerprints` and `projectPath` are those the
 * baseline uses, so an entry can name a fingerprint copied from any report.
 */
export function applyAcceptedRisks(
  findings: readonly Finding[],
  risks: readonly AcceptedRisk[],
  fingerprints: ReadonlyMap<Finding, string>,
  projectPath: (file: string) => string,
  today: string,
): AcceptedRisksResult {
  const globs = new Map<AcceptedRisk, GlobMatcher>();
  for (const r of risks) if (r.path) globs.set(r, compileGlob(r.path));
  const matches = (risk: AcceptedRisk, f: Finding): boolean =>
    risk.rule === f.ruleId && (risk.fingerprint === undefined || risk.fingerprint === fingerprints.get(f)) && (risk.path === undefined || globs.get(risk)!(projectPath(f.file)));
  const used = new Set<AcceptedRisk>();
  const result: AcceptedRisksResult = { kept: [], suppressed: [], expired: [], unused: [] };
  for (const f of findings) {
    const matching = risks.filter((r) => matches(r, f));
    for (const r of matching) used.add(r);
    const live = matching.find((r) => r.expires === undefined || r.expires >= today);
    if (live) result.suppressed.push({ finding: f, risk: live });
    else if (matching.length > 0) {
      // Of several expired entries, the latest one tells when the acceptance ran out.
      const last = matching.reduce((a, b) => (a.expires! >= b.expires! ? a : b));
      const noted = withExpiryNote(f, last);
      result.kept.push(noted);
      result.expired.push({ finding: noted, risk: last, original: f });
    } else result.kept.push(f);
  }
  result.unused = risks.filter((r) => !used.has(r));
  return result;
}
