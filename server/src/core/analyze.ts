// The analysis facade used by the CLI, the language server and the tests:
// program model -> flow engine -> rules -> findings and the AI inventory.
import { EMPTY_VOCABULARY, type Vocabulary } from "./analysis/engine/index";
import type { Facts } from "./analysis/facts";
import { type EngineLimits, runEngine } from "./analysis/run";
import { RULES } from "./rules";
import type { Rule, RuleOptions } from "./rules/types";
import type { Finding, InventoryEntry, Severity } from "./types";
import type { ProgramIR } from "./ir/types";
import type { ParsedFile, Workspace } from "./workspace/workspace";
import { applySuppressions, parseSuppressions, SUPPRESSION_RULES, type Suppression } from "./suppressions";

export interface RuleSetting {
  readonly enabled: boolean;
  readonly severity: Severity;
}

export interface AnalysisSettings {
  readonly rules: Readonly<Record<string, RuleSetting>>;
  readonly vocabulary: Vocabulary;
  readonly ruleOptions: RuleOptions;
}

export function defaultSettings(): AnalysisSettings {
  return {
    rules: Object.fromEntries([...RULES.map((r) => r.meta), ...SUPPRESSION_RULES].map((m) => [m.id, { enabled: true, severity: m.defaultSeverity }])),
    vocabulary: EMPTY_VOCABULARY,
    ruleOptions: { testFixture: () => false, siteDisclosure: () => false, redactionNames: new Set() },
  };
}

export interface AnalysisResult {
  readonly findings: Finding[];
  readonly inventory: InventoryEntry[];
  readonly facts: Facts;
  /** Findings silenced by a suppression comment, with it (for reports and audits). */
  readonly suppressed: Array<{ finding: Finding; suppression: Suppression }>;
  /** Rules that threw, isolated so the others still report. */
  readonly ruleErrors: Array<{ ruleId: string; error: string }>;
  readonly timedOut: boolean;
  /** Files whose analysis ran out of the per-file budget: their findings may be incomplete. */
  readonly filesCutShort: readonly string[];
  /** Files whose flow analysis failed (an internal error, isolated to the file): their findings may be incomplete. */
  readonly filesFailed: ReadonlyArray<{ file: string; error: string }>;
  /** Workspace files the analysis read: when one changes, these findings may change. */
  readonly dependencies: readonly string[];
  /** What could not be resolved in the reported files (a dynamic import, an injected token with no provider): where and why. */
  readonly coverageNotes: ReadonlyArray<{ file: string; start: number; message: string }>;
}

/** Limits of one analysis, and the rules it runs. */
export interface AnalysisOptions extends EngineLimits {
  /** Rules to run instead of the registry: tests inject a failing rule to check that it is isolated. */
  readonly rules?: readonly Rule[];
  /** AI calls of parts of the files left out of this analysis (see RuleContext.knownAiCalls). */
  readonly knownAiCalls?: ReadonlyArray<{ file: string; start: number; end: number }>;
  /**
   * Files whose findings are reported too when the analysis reaches them through imports (a
   * workspace scan passes every file it read; it analyses only those its pre-filter selected).
   */
  readonly alsoReport?: ReadonlySet<string>;
}

/** What the rules found before suppression comments are applied, with the engine's run. */
export interface RawAnalysis {
  readonly findings: Finding[];
  readonly inventory: InventoryEntry[];
  readonly facts: Facts;
  readonly ruleErrors: AnalysisResult["ruleErrors"];
  readonly timedOut: boolean;
  readonly filesCutShort: readonly string[];
  readonly filesFailed: ReadonlyArray<{ file: string; error: string }>;
  readonly dependencies: readonly string[];
  readonly coverageNotes: AnalysisResult["coverageNotes"];
}

/**
 * Analyses `files` (absolute paths) of a workspace. Files they import are
 * followed across the workspace; findings are reported only in `files`.
 */
export function analyzeFiles(workspace: Workspace, files: readonly string[], settings: AnalysisSettings, deadline?: number, options: AnalysisOptions = {}): AnalysisResult {
  const raw = analyzeFilesRaw(workspace, files, settings, deadline, options);
  const reached = options.alsoReport ? raw.dependencies.filter((f) => options.alsoReport!.has(f) && !files.includes(f)) : [];
  const sources = [...files, ...reached].map((f) => workspace.getFile(f)).filter((p): p is ParsedFile => !!p).map((p) => ({ path: p.path, text: p.text, comments: p.program.comments }));
  const { findings, suppressed } = applyFileSuppressions(sources, raw.findings, settings);
  return { ...raw, findings, suppressed };
}

/** The rules over the engine's facts of `files`, before suppression comments. */
export function analyzeFilesRaw(workspace: Workspace, files: readonly string[], settings: AnalysisSettings, deadline?: number, options: AnalysisOptions = {}): RawAnalysis {
  const run = runEngine(workspace, files, settings.vocabulary, deadline, options);
  const parsed = new Map<string, ParsedFile>();
  for (const f of files) {
    const p = workspace.getFile(f);
    if (p) parsed.set(f, p);
  }
  const wanted = new Set(files);
  if (options.alsoReport) {
    for (const f of run.loaded) {
      if (!options.alsoReport.has(f) || wanted.has(f)) continue;
      wanted.add(f);
      const p = workspace.getFile(f);
      if (p) parsed.set(f, p);
    }
  }
  const findings: Finding[] = [];
  const ruleErrors: AnalysisResult["ruleErrors"] = [];
  for (const rule of options.rules ?? RULES) {
    const setting = settings.rules[rule.meta.id];
    if (setting && !setting.enabled) continue;
    const severity = setting?.severity ?? rule.meta.defaultSeverity;
    const seen = new Set<string>();
    try {
      rule.check({
        facts: run.facts,
        files: parsed,
        options: settings.ruleOptions,
        knownAiCalls: options.knownAiCalls ?? [],
        report: (f) => {
          if (!wanted.has(f.file)) return;
          const key = `${f.file}:${f.start}:${f.end}`;
          if (seen.has(key)) return;
          seen.add(key);
          findings.push({ ...f, ruleId: rule.meta.id, severity, fixes: f.fixes ?? [] });
        },
      });
    } catch (err) {
      ruleErrors.push({ ruleId: rule.meta.id, error: err instanceof Error ? err.message : String(err) });
    }
  }
  const inventory: InventoryEntry[] = [];
  const seenCalls = new Set<string>();
  for (const call of run.facts.aiCalls) {
    const loc = call.site.loc;
    const key = `${loc.file}:${loc.start}`;
    if (seenCalls.has(key) || !wanted.has(loc.file)) continue;
    seenCalls.add(key);
    inventory.push({ file: loc.file, start: loc.start, end: loc.end, provider: call.site.provider, modality: call.site.modality, api: call.site.api, model: call.site.model });
  }
  inventory.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.start - b.start));
  const coverageNotes = run.facts.coverageNotes.filter((n) => wanted.has(n.loc.file)).map((n) => ({ file: n.loc.file, start: n.loc.start, message: n.message }));
  return { findings, inventory, facts: run.facts, ruleErrors, timedOut: run.timedOut, filesCutShort: run.filesCutShort, filesFailed: run.filesFailed, dependencies: run.loaded, coverageNotes };
}

/** Applies each file's suppression comments (adding SUP001/SUP002) and sorts the findings. */
export function applyFileSuppressions(
  sources: ReadonlyArray<{ path: string; text: string; comments: ProgramIR["comments"] }>,
  raw: readonly Finding[],
  settings: AnalysisSettings,
): { findings: Finding[]; suppressed: AnalysisResult["suppressed"] } {
  const byFile = new Map<string, Finding[]>();
  for (const f of raw) {
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  const findings: Finding[] = [];
  const suppressed: AnalysisResult["suppressed"] = [];
  for (const source of sources) {
    const sups = parseSuppressions(source.comments, source.text);
    const result = applySuppressions(source.path, source.text, sups, byFile.get(source.path) ?? [], { SUP001: settings.rules.SUP001, SUP002: settings.rules.SUP002 });
    findings.push(...result.kept, ...result.added);
    suppressed.push(...result.suppressed);
  }
  findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.start - b.start || a.ruleId.localeCompare(b.ruleId)));
  return { findings, suppressed };
}
