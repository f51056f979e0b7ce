// The baseline file (`genai-lint.baseline.json`): findings a team accepted when
// it adopted genai-lint, by fingerprint, so that scans report only new ones.
// Line and message are kept for people reading the file; matching uses only
// the fingerprint, which does not depend on line numbers.
import { ConfigError } from "../config";
import type { Finding } from "../types";
import { FINGERPRINT_PATTERN } from "./fingerprint";

export const BASELINE_FILE_NAME = "genai-lint.baseline.json";
export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  rule: string;
  /** Path relative to the project root, with forward slashes. */
  file: string;
  fingerprint: string;
  /** 1-based line when the baseline was written (for readers only). */
  line?: number;
  message?: string;
}

export interface Baseline {
  version: typeof BASELINE_VERSION;
  /** The tool and version that wrote the file (for readers only). */
  tool?: string;
  findings: BaselineEntry[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Parses the text of a baseline file. Throws ConfigError naming the file, the path in it and what was expected. */
export function parseBaseline(text: string, file: string): Baseline {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    throw new ConfigError(file, "", `is not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  return validateBaseline(json, file);
}

export function validateBaseline(json: unknown, file: string): Baseline {
  const fail = (path: string, expected: string): never => {
    throw new ConfigError(file, path, expected);
  };
  if (!isObject(json)) return fail("", "expected a JSON object with version and findings");
  const known = ["$schema", "version", "tool", "findings"];
  for (const key of Object.keys(json)) if (!known.includes(key)) fail(key, `unknown key; expected one of ${known.filter((k) => k !== "$schema").join(", ")}`);
  if (json.$schema !== undefined && typeof json.$schema !== "string") fail("$schema", "expected a string");
  if (json.version !== BASELINE_VERSION) fail("version", `expected ${BASELINE_VERSION}`);
  if (json.tool !== undefined && typeof json.tool !== "string") fail("tool", "expected a string");
  if (!Array.isArray(json.findings)) return fail("findings", "expected an array of { rule, file, fingerprint }");
  const findings = json.findings.map((entry: unknown, i: number): BaselineEntry => {
    const at = `findings[${i}]`;
    if (!isObject(entry)) return fail(at, "expected an object with rule, file and fingerprint");
    for (const key of Object.keys(entry)) if (!["rule", "file", "fingerprint", "line", "message"].includes(key)) fail(`${at}.${key}`, "unknown key; expected rule, file, fingerprint, line or message");
    if (typeof entry.rule !== "string" || !/^[A-Z]{3}\d{3}$/.test(entry.rule)) fail(`${at}.rule`, "expected a rule id such as DIS001");
    if (typeof entry.file !== "string" || entry.file.length === 0) fail(`${at}.file`, "expected a non-empty path");
    if (typeof entry.fingerprint !== "string" || !FINGERPRINT_PATTERN.test(entry.fingerprint)) fail(`${at}.fingerprint`, "expected 16 lower-case hex digits");
    if (entry.line !== undefined && !(Number.isInteger(entry.line) && (entry.line as number) >= 1)) fail(`${at}.line`, "expected a positive integer");
    if (entry.message !== undefined && typeof entry.message !== "string") fail(`${at}.message`, "expected a string");
    return entry as unknown as BaselineEntry;
  });
  return { version: BASELINE_VERSION, ...(typeof json.tool === "string" ? { tool: json.tool } : {}), findings };
}

/** A baseline of `entries`, sorted so that rewriting it after small changes gives a small diff. */
export function createBaseline(entries: readonly BaselineEntry[], tool?: string): Baseline {
  const sorted = [...entries].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0) || a.rule.localeCompare(b.rule) || a.fingerprint.localeCompare(b.fingerprint)));
  return { version: BASELINE_VERSION, ...(tool ? { tool } : {}), findings: sorted.map((e) => ({ rule: e.rule, file: e.file, fingerprint: e.fingerprint, ...(e.line ? { line: e.line } : {}), ...(e.message ? { message: e.message } : {}) })) };
}

export function formatBaseline(baseline: Baseline): string {
  return JSON.stringify(baseline, null, 2) + "\n";
}

/**
 * Splits findings into those the baseline already holds and new ones. Each
 * baseline entry accepts one finding: if the same code appears once more, the
 * extra occurrence is new.
 */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline, fingerprints: ReadonlyMap<Finding, string>): { newFindings: Finding[]; accepted: Finding[] } {
  const remaining = new Map<string, number>();
  for (const e of baseline.findings) remaining.set(e.fingerprint, (remaining.get(e.fingerprint) ?? 0) + 1);
  const newFindings: Finding[] = [];
  const accepted: Finding[] = [];
  for (const f of findings) {
    const fingerprint = fingerprints.get(f);
    const left = fingerprint === undefined ? 0 : (remaining.get(fingerprint) ?? 0);
    if (left > 0) {
      remaining.set(fingerprint!, left - 1);
      accepted.push(f);
    } else newFindings.push(f);
  }
  return { newFindings, accepted };
}
