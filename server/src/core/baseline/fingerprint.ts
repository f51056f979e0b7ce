// Stable fingerprints of findings, for baselines, accepted risks and SARIF.
//
// A fingerprint hashes what a reviewer would recognise as "the same finding":
// the rule, the file (relative, POSIX), the flagged code and the line(s) it
// sits on, each with whitespace collapsed. Line numbers are left out, so a
// fingerprint survives code moving up or down and edits elsewhere in the file.
// Identical flagged lines in one file are told apart by their order.
import type { Finding } from "../types";
import { fnv1a64 } from "./hash";

/** Bumped when the recipe changes; old baselines then stop matching instead of matching wrongly. */
const RECIPE = "genai-lint/fingerprint/v1";

export interface FingerprintContext {
  /** Text of a file, as analysed (offsets of findings point into it). */
  textOf(file: string): string | undefined;
  /** The file's path relative to the project root, with forward slashes. */
  projectPath(file: string): string;
}

export const FINGERPRINT_PATTERN = /^[0-9a-f]{16}$/;

function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** The whole lines covering [start, end): the context that moves with the finding. */
function enclosingLines(text: string, start: number, end: number): string {
  const isBreak = (i: number) => text[i] === "\n" || text[i] === "\r";
  let lineStart = start;
  while (lineStart > 0 && !isBreak(lineStart - 1)) lineStart--;
  let lineEnd = Math.max(start, end);
  while (lineEnd < text.length && !isBreak(lineEnd)) lineEnd++;
  return text.slice(lineStart, lineEnd);
}

/** The hashed identity of a finding before its occurrence index is added. */
function identityOf(finding: Finding, context: FingerprintContext): string {
  const text = context.textOf(finding.file) ?? "";
  const span = collapseWhitespace(text.slice(finding.start, finding.end));
  const lines = collapseWhitespace(enclosingLines(text, finding.start, finding.end));
  return [RECIPE, finding.ruleId, context.projectPath(finding.file), span, lines].join("\u0000");
}

/**
 * Fingerprints of `findings` (16 hex digits each). Occurrence indices count
 * identical identities in file order, so the result does not depend on the
 * order the findings are given in.
 */
export function fingerprintFindings(findings: readonly Finding[], context: FingerprintContext): Map<Finding, string> {
  const identities = new Map<Finding, string>();
  for (const f of findings) identities.set(f, identityOf(f, context));
  const inFileOrder = [...findings].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.start - b.start || a.end - b.end));
  const seen = new Map<string, number>();
  const out = new Map<Finding, string>();
  for (const f of inFileOrder) {
    const identity = identities.get(f)!;
    const occurrence = seen.get(identity) ?? 0;
    seen.set(identity, occurrence + 1);
    out.set(f, fnv1a64(`${identity}\u0000${occurrence}`));
  }
  return out;
}
