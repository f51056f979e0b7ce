// The rule model: metadata (id, name, guideline sections, severity, languages,
// fixability, docs) beside a `check` that turns engine facts into findings.
import type { Facts } from "../analysis/facts";
import type { Language } from "../ir/types";
import type { Finding, Localized, Severity } from "../types";
import type { ParsedFile } from "../workspace/workspace";

export interface RuleDocs {
  /** What the rule reports, in a sentence or two. */
  readonly what: Localized;
  /** Why it matters, summarising the guideline sections in the project's own words. */
  readonly why: Localized;
  /** A short code example that is reported, and its compliant version. */
  readonly example: { readonly bad: string; readonly good: string; readonly language: "python" | "typescript" };
  /** How to fix it. */
  readonly fix: Localized;
  /** Configuration that changes what the rule reports. */
  readonly options?: Localized;
}

export interface RuleMeta {
  readonly id: string;
  readonly name: string;
  readonly title: Localized;
  readonly sections: readonly string[];
  readonly defaultSeverity: Severity;
  readonly languages: readonly Language[];
  readonly fixable: "none" | "safe" | "unsafe";
  readonly docs: RuleDocs;
}

export interface RuleOptions {
  /** Files matched by these globs are test fixtures: PII002 skips them. */
  readonly testFixture: (file: string) => boolean;
  /** Files covered by a site-wide disclosure declaration (DIS001 is satisfied there). */
  readonly siteDisclosure: (file: string) => boolean;
  /** Configured names of redaction helpers (`markers.redaction`), for rules that read a call's arguments. */
  readonly redactionNames: ReadonlySet<string>;
}

export type FindingInput = Omit<Finding, "ruleId" | "severity" | "fixes"> & { readonly fixes?: Finding["fixes"] };

export interface RuleContext {
  readonly facts: Facts;
  readonly files: ReadonlyMap<string, ParsedFile>;
  readonly options: RuleOptions;
  /**
   * AI calls known from outside the analysed program: when the editor analyses only the part of a
   * file an edit can change, the calls of the rest of the file, from its earlier analysis.
   */
  readonly knownAiCalls: ReadonlyArray<{ file: string; start: number; end: number }>;
  report(finding: FindingInput): void;
}

export interface Rule {
  readonly meta: RuleMeta;
  check(ctx: RuleContext): void;
}

export const ALL_LANGUAGES: readonly Language[] = ["python", "javascript", "typescript", "tsx"];
