// A workspace scan from disk: discovery, parsing, analysis and the report model. Used by the CLI and the language server.
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { analyzeFiles, type AnalysisResult, type AnalysisSettings } from "../core/analyze";
import { CONFIG_FILE_NAME, parseConfig, type ProjectConfig, resolveSettings } from "../core/config";
import { languageForPath } from "../core/parse/parser";
import { buildReport, type Coverage, type Report } from "../core/report/model";
import type { Locale } from "../core/types";
import { compileGlobs } from "../core/util/glob";
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
}

export interface ScanResult {
  report: Report;
  analysis: AnalysisResult;
  root: string;
  config: ProjectConfig;
  configFile?: string;
  settings: AnalysisSettings;
  texts: Map<string, string>;
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

export function scan(options: ScanOptions): ScanResult {
  const started = Date.now();
  const root = scanRoot(options.paths);
  const { config, file: configFile } = options.config ? { config: options.config, file: undefined } : loadConfig(root, options.configFile);
  const relative = (f: string) => toPosix(path.relative(root, f));
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
  const workspace = new Workspace(toPosix(root), provider);
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
  const deadline = options.budgetMs ? started + options.budgetMs : undefined;
  const analysis = analyzeFiles(workspace, files, settings, deadline);
  const notes: NonNullable<Coverage["notes"]> = [];
  for (const f of files) {
    const problem = provider.problems.get(f);
    if (problem?.reason === "not-utf8") notes.push({ file: f, message: `not valid UTF-8: ${problem.detail}` });
    const parsed = workspace.getFile(f);
    if (parsed?.note) notes.push({ file: f, message: parsed.note });
    if (parsed?.program.syntaxErrors.length) notes.push({ file: f, message: `${parsed.program.syntaxErrors.length} syntax error(s); the rest of the file was analysed` });
  }
  for (const e of analysis.ruleErrors) notes.push({ rule: e.ruleId, message: `rule failed and was skipped: ${e.error}` });
  if (analysis.timedOut) notes.push({ message: `analysis stopped after ${options.budgetMs} ms; findings may be incomplete` });
  const coverage: Coverage = {
    filesScanned: files.length,
    filesSkipped: skipped.length,
    skipped,
    languages,
    durationMs: Date.now() - started,
    excludedFolders: found.excludedFolders,
    notes,
  };
  const base = options.paths.length === 1 ? root : undefined;
  const report = buildReport(analysis.findings, analysis.inventory, coverage, (f) => texts.get(f) ?? provider.read(f), base, options.locale ?? "en");
  return { report, analysis, root, config, configFile, settings, texts };
}
