// A workspace scan from disk: discovery, parsing, analysis and the report model. Used by the CLI and the language server.
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { AnalysisCache } from "./cache";
import { type AnalysisOptions, analyzeFiles, type AnalysisResult, type AnalysisSettings } from "../core/analyze";
import { acceptFindings, type AcceptanceResult } from "../core/baseline/accept";
import { type AcceptedRisk, parseAcceptedRisks, SUPPRESSIONS_FILE_NAME } from "../core/baseline/acceptedRisks";
import { type Baseline, BASELINE_FILE_NAME, parseBaseline } from "../core/baseline/baseline";
import { CONFIG_FILE_NAME, ConfigError, parseConfig, type ProjectConfig, resolveSettings } from "../core/config";
import { languageForPath } from "../core/parse/parser";
import { buildReport, type Coverage, type Report } from "../core/report/model";
import type { Locale } from "../core/types";
import { compileGlobs } from "../core/util/glob";
import { DEFAULT_FILE_BUDGET_MS } from "../core/workspace/discovery";
import { selectFiles } from "../core/workspace/prefilter";
import { Workspace } from "../core/workspace/workspace";
import { discover, toPosix } from "./discover";
import { DiskFileProvider } from "./fileProvider";

export interface ScanOptions {
  paths: string[];
  /** Explicit config file; otherwise `genai-lint.config.json` at the workspace root when present. */
  configFile?: string;
  locale?: Locale;
  /** Overall time budget for the analysis, in milliseconds. */
  budgetMs?: number;
  /** Configuration used instead of the workspace's config file (tests, the language server). */
  config?: ProjectConfig;
  /** Analyse only these rules (tests of one rule). */
  onlyRules?: readonly string[];
  /** Time budget of each file, in milliseconds, for its parsing and again for its evaluation; DEFAULT_FILE_BUDGET_MS when not given. */
  fileBudgetMs?: number;
  /** Test seams of the analysis: the rules run and the clock of the budgets. */
  analysis?: Pick<AnalysisOptions, "rules" | "now">;
  /** Baseline file; undefined: `genai-lint.baseline.json` at the root when present; null: none. */
  baselineFile?: string | null;
  /** Accepted-risks file; undefined: `genai-lint.suppressions.json` at the root when present; null: none. */
  suppressionsFile?: string | null;
  /** Today's date (YYYY-MM-DD) for expiry of accepted risks; defaults to the local date. */
  today?: string;
  /** Called as the scan advances: files parsed (`done` of `total`), then steps of the flow analysis. */
  onProgress?: (done: number, total: number, stage: ScanStage) => void;
  /** Analyse every file, not only those the text pre-filter selects (tests compare the two). */
  noPrefilter?: boolean;
  /** Reuse the analysis of an unchanged folder (`--cache`): the cache's folder or entry file. */
  cacheLocation?: string;
  /** Test seam: the order the selected files are handed to the analysis (findings must not depend on it). */
  fileOrder?: (files: readonly string[]) => string[];
}

export type ScanStage = "parsing" | "analysing";

export interface ScanResult {
  report: Report;
  analysis: AnalysisResult;
  root: string;
  config: ProjectConfig;
  configFile?: string;
  settings: AnalysisSettings;
  texts: Map<string, string>;
  /** What the accepted-risks file and the baseline did to the analysis findings. */
  acceptance: AcceptanceResult;
  baselineFile?: string;
  suppressionsFile?: string;
  /** A file's path relative to the root, with forward slashes: the paths fingerprints and both files use. */
  projectPath(file: string): string;
  /** With a cache location: whether the analysis came from the cache. */
  cache?: "hit" | "miss";
}

/** The workspace root of a scan: the folder scanned, or the common folder of the paths given. */
export function scanRoot(paths: readonly string[]): string {
  const abs = paths.map((p) => path.resolve(p));
  if (abs.length === 1) {
    try {
      return statSync(abs[0]).isDirectory() ? abs[0] : path.dirname(abs[0]);
    } catch {
      return abs[0];
    }
  }
  if (abs.length === 0) return process.cwd();
  let common = abs[0];
  for (const p of abs.slice(1)) {
    while (!(p === common || p.startsWith(common + path.sep))) common = path.dirname(common);
  }
  try {
    if (!statSync(common).isDirectory()) common = path.dirname(common);
  } catch {
    /* keep */
  }
  return common;
}

export function loadConfig(root: string, configFile?: string): { config: ProjectConfig; file?: string } {
  const file = configFile ? path.resolve(configFile) : path.join(root, CONFIG_FILE_NAME);
  if (!configFile && !existsSync(file)) return { config: {} };
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new Error(`cannot read config file ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return { config: parseConfig(text, file), file };
}

/** Reads a data file the user named, or the default one at the root when it exists. */
function readDataFile<T>(root: string, option: string | null | undefined, defaultName: string, parse: (text: string, file: string) => T): { file: string; data: T } | undefined {
  if (option === null) return undefined;
  const file = option ? path.resolve(option) : path.join(root, defaultName);
  if (!option && !existsSync(file)) return undefined;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new ConfigError(file, "", `cannot be read (${err instanceof Error ? err.message : String(err)})`);
  }
  return { file, data: parse(text, file) };
}

export function loadBaseline(root: string, option?: string | null): { file: string; data: Baseline } | undefined {
  return readDataFile(root, option, BASELINE_FILE_NAME, parseBaseline);
}

export function loadAcceptedRisks(root: string, option?: string | null): { file: string; data: AcceptedRisk[] } | undefined {
  return readDataFile(root, option, SUPPRESSIONS_FILE_NAME, parseAcceptedRisks);
}

function countRules(findings: readonly { ruleId: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of findings) counts[f.ruleId] = (counts[f.ruleId] ?? 0) + 1;
  return counts;
}

/** YYYY-MM-DD in the local time zone: an acceptance "expires 2025-06-30" holds until that day ends where the team is. */
export function localDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function scan(options: ScanOptions): ScanResult {
  const started = Date.now();
  const root = scanRoot(options.paths);
  const { config, file: configFile } = options.config ? { config: options.config, file: undefined } : loadConfig(root, options.configFile);
  const relative = (f: string) => toPosix(path.relative(root, f));
  // Read both files before the analysis so that a bad one fails fast.
  const baseline = loadBaseline(root, options.baselineFile);
  const acceptedRisks = loadAcceptedRisks(root, options.suppressionsFile);
  let settings = resolveSettings(config, relative);
  if (options.onlyRules) {
    const only = new Set(options.onlyRules);
    settings = { ...settings, rules: Object.fromEntries(Object.entries(settings.rules).map(([id, r]) => [id, { ...r, enabled: only.has(id) }])) };
  }
  const found = discover(options.paths, {
    root,
    include: config.include?.length ? compileGlobs(config.include) : undefined,
    exclude: config.exclude?.length ? compileGlobs(config.exclude) : undefined,
  });
  const provider = new DiskFileProvider();
  const fileBudgetMs = options.fileBudgetMs ?? DEFAULT_FILE_BUDGET_MS;
  const workspace = new Workspace(toPosix(root), provider, fileBudgetMs);
  const skipped: Coverage["skipped"] = found.skipped.map((s) => ({ file: s.file, reason: s.reason }));
  const files: string[] = [];
  const texts = new Map<string, string>();
  const languages: Record<string, number> = {};
  for (const f of found.files) {
    const posix = toPosix(f);
    const text = provider.read(posix);
    const problem = provider.problems.get(posix);
    if (text === undefined) {
      skipped.push({ file: f, reason: problem?.reason ?? "unreadable", detail: problem?.detail });
      continue;
    }
    texts.set(posix, text);
    files.push(posix);
    const lang = languageForPath(f) ?? "other";
    languages[lang] = (languages[lang] ?? 0) + 1;
  }
  const cache = options.cacheLocation ? new AnalysisCache(options.cacheLocation, root, options.onlyRules) : undefined;
  // A time budget makes the analysis depend on the clock: such runs neither use nor fill the cache.
  const cacheKey = cache && !options.budgetMs ? AnalysisCache.key({ config, fileBudgetMs }, options.onlyRules, texts) : undefined;
  const cached = cacheKey ? cache!.read(cacheKey) : undefined;
  // Only files whose text may hold a finding (or that import one that may) are parsed and analysed;
  // the others are still followed through imports, and their findings reported.
  const selected = cached
    ? []
    : options.noPrefilter
    ? files
    : [...selectFiles(files.map((path) => ({ path, language: languageForPath(path)!, text: texts.get(path)! })), toPosix(root), settings.vocabulary.consent)];
  if (options.onProgress && !cached) {
    // Parse now (the analysis would, from the same cache) so progress follows the slow part.
    selected.forEach((f, i) => {
      workspace.getFile(f);
      options.onProgress!(i + 1, selected.length, "parsing");
    });
  }
  const deadline = options.budgetMs ? started + options.budgetMs : undefined;
  const onProgress = options.onProgress;
  const analysis = cached?.analysis ?? analyzeFiles(workspace, options.fileOrder ? options.fileOrder(selected) : selected, settings, deadline, {
    ...options.analysis,
    fileBudgetMs,
    alsoReport: new Set(files),
    ...(onProgress ? { onProgress: (done: number, total: number) => onProgress(done, total, "analysing") } : {}),
  });
  const notes: NonNullable<Coverage["notes"]> = [];
  const analysed = new Set(cached?.analysed ?? [...selected, ...analysis.dependencies.filter((f) => texts.has(f))]);
  const fileNotes: NonNullable<Coverage["notes"]> = [];
  for (const f of files) {
    const problem = provider.problems.get(f);
    if (problem?.reason === "not-utf8") notes.push({ file: f, message: `not valid UTF-8: ${problem.detail}` });
    // Files the pre-filter left out were not parsed: there is nothing to say about their syntax.
    if (cached || !analysed.has(f)) continue;
    const parsed = workspace.getFile(f);
    if (parsed?.note) fileNotes.push({ file: f, message: parsed.note });
    if (parsed?.program.syntaxErrors.length) fileNotes.push({ file: f, message: `${parsed.program.syntaxErrors.length} syntax error(s); the rest of the file was analysed` });
  }
  notes.push(...(cached?.fileNotes ?? fileNotes));
  // An analysis cut short by a time limit depends on the clock: it is not kept.
  if (cacheKey && !cached && !analysis.timedOut && analysis.filesCutShort.length === 0) cache!.write(cacheKey, analysis, fileNotes, [...analysed]);
  for (const e of analysis.ruleErrors) notes.push({ rule: e.ruleId, message: `rule failed and was skipped: ${e.error}` });
  for (const f of analysis.filesFailed) notes.push({ file: f.file, message: `the flow analysis of this file failed (${f.error}); findings in it may be incomplete` });
  for (const f of analysis.filesCutShort) notes.push({ file: f, message: `analysis stopped after ${fileBudgetMs} ms; findings in this file may be incomplete` });
  // What the flow analysis could not resolve, at its line: a clean report is never a silent blind spot.
  for (const n of analysis.coverageNotes) {
    const text = texts.get(n.file) ?? provider.read(n.file) ?? "";
    notes.push({ file: n.file, line: text.slice(0, n.start).split("\n").length, message: n.message });
  }
  if (analysis.timedOut) notes.push({ message: `analysis stopped after ${options.budgetMs} ms; findings may be incomplete` });
  const coverage: Coverage = {
    filesScanned: files.length,
    filesAnalysed: analysed.size,
    filesSkipped: skipped.length,
    skipped,
    languages,
    durationMs: Date.now() - started,
    excludedFolders: found.excludedFolders,
    notes,
  };
  const textOf = (f: string) => texts.get(f) ?? provider.read(f);
  const acceptance = acceptFindings(analysis.findings, {
    textOf,
    projectPath: relative,
    baseline: baseline?.data,
    acceptedRisks: acceptedRisks?.data,
    today: options.today ?? localDate(new Date()),
  });
  for (const { finding, risk } of acceptance.expired) notes.push({ file: finding.file, rule: finding.ruleId, message: `the accepted risk (${risk.reason}; ${risk.author}) expired on ${risk.expires}; the finding is reported again` });
  for (const risk of acceptance.unusedRisks) notes.push({ rule: risk.rule, message: `an entry of ${path.basename(acceptedRisks!.file)}${risk.path ? ` for ${risk.path}` : ""}${risk.fingerprint ? ` (fingerprint ${risk.fingerprint})` : ""} matches no finding` });
  const base = options.paths.length === 1 ? root : undefined;
  const report = buildReport(acceptance.findings, analysis.inventory, coverage, textOf, base, options.locale ?? "en", {
    fingerprints: acceptance.fingerprints,
    suppressed: [
      ...analysis.suppressed.map(({ finding, suppression }) => ({ finding, via: "comment" as const, kind: suppression.kind, reason: suppression.reason })),
      ...acceptance.suppressed.map(({ finding, risk }) => ({ finding, via: "suppressions-file" as const, reason: risk.reason, author: risk.author, expires: risk.expires })),
    ],
    baseline: baseline ? { file: toPosix(baseline.file), accepted: acceptance.baselineAccepted.length, new: acceptance.findings.length, acceptedByRule: countRules(acceptance.baselineAccepted) } : undefined,
  });
  return { report, analysis, root, config, configFile, settings, texts, acceptance, baselineFile: baseline?.file, suppressionsFile: acceptedRisks?.file, projectPath: relative, cache: cacheKey ? (cached ? "hit" : "miss") : undefined };
}
