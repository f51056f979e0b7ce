// The server's view of the workspace: open documents over the disk, the config
// file of each root, the import index for dependents, and analysis results per document.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { AnalysisResult, AnalysisSettings } from "../core/analyze";
import { analyzeDocument, type DocumentAnalysisState, type DocumentEdits } from "../core/incremental/analyzeDocument";
import { type Incompleteness, IncrementalDocument } from "../core/incremental/document";
import { acceptFindings } from "../core/baseline/accept";
import { type AcceptedRisk, parseAcceptedRisks, SUPPRESSIONS_FILE_NAME } from "../core/baseline/acceptedRisks";
import { type Baseline, BASELINE_FILE_NAME, parseBaseline } from "../core/baseline/baseline";
import { CONFIG_FILE_NAME, ConfigError, parseConfig, type ProjectConfig, resolveSettings, type RuleConfig } from "../core/config";
import { languageForPath } from "../core/parse/parser";
import { ruleMeta } from "../core/ruleMetas";
import type { Finding, Severity } from "../core/types";
import { compileGlobs } from "../core/util/glob";
import { DEFAULT_FILE_BUDGET_MS, isMinifiedName } from "../core/workspace/discovery";
import { moduleFacts } from "../core/workspace/moduleFacts";
import { normalizePath } from "../core/workspace/paths";
import { type FileProvider, type ParsedFile, Workspace } from "../core/workspace/workspace";
import { DiskFileProvider } from "../node/fileProvider";
import { discover, toPosix } from "../node/discover";
import { localDate } from "../node/scan";
import type { ServerSettings } from "../protocol/settings";

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith("file:")) return undefined;
  try {
    return normalizePath(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

export function pathToUri(p: string): string {
  return pathToFileURL(p).toString();
}

/** Open documents' text first, the disk otherwise. */
class OverlayProvider implements FileProvider {
  readonly overlay = new Map<string, string>();
  readonly disk = new DiskFileProvider();
  read(p: string): string | undefined {
    return this.overlay.get(p) ?? this.disk.read(p);
  }
  exists(p: string): boolean {
    return this.overlay.has(p) || this.disk.exists(p);
  }
}

/** A document's last analysis, what was edited since its last complete one, and how it was asked for. */
interface DocumentRecord {
  key: string;
  state: DocumentAnalysisState;
  pending?: DocumentEdits;
  version: number;
  editor: ServerSettings;
  deadlineMs: number;
}

/** Quiet time after an answer scoped to an edit before its callers are analysed too. */
const COMPLETE_AFTER_MS = 250;

function mergeEdits(a: DocumentEdits | undefined, b: DocumentEdits): DocumentEdits {
  if (!a) return b;
  return { lowered: new Set([...a.lowered, ...b.lowered]), replacedNames: new Set([...a.replacedNames, ...b.replacedNames]) };
}

function findingKeys(findings: readonly Finding[] | undefined): string {
  return (findings ?? []).map((f) => `${f.ruleId}:${f.start}:${f.end}:${f.message.en}:${f.related.length}`).join("|");
}

/** Time without analysis requests before the background import index reads the next file. */
const INDEX_QUIET_MS = 400;

export interface ConfigState {
  config: ProjectConfig;
  file?: string;
  error?: ConfigError;
}

/** The baseline and accepted-risks files of a root, as the CLI reads them; a bad file keeps its error. */
export interface AcceptanceState {
  baseline?: Baseline;
  acceptedRisks?: AcceptedRisk[];
  errors: ConfigError[];
}

export interface DocumentAnalysis {
  version: number;
  settingsKey: string;
  result?: AnalysisResult;
  /** Why the document was not analysed (too large, excluded, disabled). */
  skipped?: "disabled" | "excluded" | "too-large" | "unsupported";
  /** What of it the analysis left out (parsing ran out of time, code nested too deep). */
  incomplete?: Incompleteness;
  text: string;
  durationMs: number;
}

export class AnalysisHost {
  private readonly provider = new OverlayProvider();
  private readonly workspaces = new Map<string, Workspace>();
  private readonly configs = new Map<string, ConfigState>();
  private readonly acceptances = new Map<string, AcceptanceState>();
  /** Open documents, parsed incrementally. */
  private readonly documents = new Map<string, IncrementalDocument>();
  /** Each open document's last analysis, with the settings it used: the next edit builds on it. */
  private readonly states = new Map<string, DocumentRecord>();
  /** Files whose imports changed since the import index last saw them. */
  private readonly unindexed = new Set<string>();
  private readonly results = new Map<string, DocumentAnalysis>();
  /** file -> files that import it (reverse module graph), built in the background. */
  private importers?: Map<string, Set<string>>;
  filesAnalysed = 0;
  /** When a document was last analysed: the background import index waits for a quiet moment. */
  private lastAnalysis = 0;

  constructor(
    private rootPaths: string[],
    private readonly untrusted: boolean,
  ) {}

  setRoots(roots: string[]): void {
    this.rootPaths = roots;
    this.workspaces.clear();
    this.configs.clear();
    this.results.clear();
    this.importers = undefined;
  }

  get roots(): readonly string[] {
    return this.rootPaths;
  }

  /** A root's config file combined with the editor settings (what documents and scans of it use). */
  mergedConfig(root: string, editor: ServerSettings): ProjectConfig {
    return mergeConfig(this.configFor(root).config, editor, this.untrusted);
  }

  rootOf(file: string): string {
    const candidates = this.rootPaths.filter((r) => file === r || file.startsWith(r.endsWith("/") ? r : r + "/"));
    return candidates.sort((a, b) => b.length - a.length)[0] ?? path.posix.dirname(file);
  }

  private workspaceFor(root: string): Workspace {
    let ws = this.workspaces.get(root);
    // The parse budget is a hang guard for files far past the usual size (the size limit can be raised to 64 MB).
    if (!ws) this.workspaces.set(root, (ws = new Workspace(root, this.provider, DEFAULT_FILE_BUDGET_MS)));
    return ws;
  }

  /** The config file of a root, parsed once until it changes. A bad file keeps its error for a diagnostic. */
  configFor(root: string): ConfigState {
    let state = this.configs.get(root);
    if (state) return state;
    const file = path.posix.join(root, CONFIG_FILE_NAME);
    state = { config: {} };
    const text = this.provider.overlay.get(file) ?? (existsSync(file) ? safeRead(file) : undefined);
    if (text !== undefined) {
      try {
        state = { config: parseConfig(text, file), file };
      } catch (err) {
        state = { config: {}, file, error: err instanceof ConfigError ? err : new ConfigError(file, "", String(err)) };
      }
    }
    this.configs.set(root, state);
    return state;
  }

  /** The baseline and accepted-risks files at a root, read once until they change. */
  acceptanceFor(root: string): AcceptanceState {
    let state = this.acceptances.get(root);
    if (state) return state;
    state = { errors: [] };
    const read = <T>(name: string, parse: (text: string, file: string) => T): T | undefined => {
      const file = path.posix.join(root, name);
      const text = this.provider.overlay.get(file) ?? (existsSync(file) ? safeRead(file) : undefined);
      if (text === undefined) return undefined;
      try {
        return parse(text, file);
      } catch (err) {
        state!.errors.push(err instanceof ConfigError ? err : new ConfigError(file, "", String(err)));
        return undefined;
      }
    };
    state.baseline = read(BASELINE_FILE_NAME, parseBaseline);
    state.acceptedRisks = read(SUPPRESSIONS_FILE_NAME, parseAcceptedRisks);
    this.acceptances.set(root, state);
    return state;
  }

  configFiles(): ConfigState[] {
    return this.rootPaths.map((r) => this.configFor(r));
  }

  /**
   * Document text changed (or opened, or closed when `text` is undefined). Nothing is parsed here:
   * the document is brought up to date when it is analysed, or when another analysis reads it.
   */
  setDocument(file: string, text: string | undefined): void {
    if (text === undefined) {
      this.provider.overlay.delete(file);
      this.documents.get(file)?.dispose();
      this.documents.delete(file);
      this.fileChanged(file);
      return;
    }
    this.provider.overlay.set(file, text);
    const language = languageForPath(file);
    if (!language) return;
    const doc = this.documentFor(file, language);
    for (const ws of this.workspaces.values()) ws.setFile(this.pendingFile(doc));
    if (this.importers) this.unindexed.add(file);
  }

  private documentFor(file: string, language: NonNullable<ReturnType<typeof languageForPath>>): IncrementalDocument {
    let doc = this.documents.get(file);
    if (!doc || doc.language !== language) {
      doc?.dispose();
      doc = new IncrementalDocument(file, language, DEFAULT_FILE_BUDGET_MS);
      this.documents.set(file, doc);
    }
    return doc;
  }

  /** An open document as other files' analyses see it: brought up to its latest text when first read. */
  private pendingFile(doc: IncrementalDocument): ParsedFile {
    const provider = this.provider;
    let parsed: ParsedFile | undefined;
    const get = () => {
      if (!parsed) {
        doc.update(provider.overlay.get(doc.path) ?? doc.currentText);
        parsed = doc.parsed();
      }
      return parsed;
    };
    return {
      path: doc.path,
      language: doc.language,
      get text() {
        return get().text;
      },
      get program() {
        return get().program;
      },
      get note() {
        return get().note;
      },
    };
  }

  /** A file changed on disk or in the editor: forget what depended on it. */
  fileChanged(file: string): void {
    this.provider.disk.forget(file);
    for (const ws of this.workspaces.values()) ws.invalidate(file);
    const name = path.posix.basename(file);
    if (name === CONFIG_FILE_NAME) this.configs.delete(path.posix.dirname(file));
    if (name === BASELINE_FILE_NAME || name === SUPPRESSIONS_FILE_NAME) {
      this.acceptances.delete(path.posix.dirname(file));
      this.results.clear();
    }
    if (this.importers && languageForPath(file)) this.indexFile(file);
  }

  /** Open documents whose last analysis read `file`. */
  dependents(file: string): string[] {
    const out: string[] = [];
    for (const [uri, a] of this.results) if (a.result?.dependencies.includes(file) && uriToPath(uri) !== file) out.push(uri);
    return out;
  }

  /** Analyse this document from scratch next time: something it depends on changed. */
  forget(uri: string): void {
    this.results.delete(uri);
    this.states.delete(uri);
    clearTimeout(this.completionTimers.get(uri));
    this.completionTimers.delete(uri);
  }

  cached(uri: string): DocumentAnalysis | undefined {
    return this.results.get(uri);
  }

  textOf(file: string): string | undefined {
    return this.provider.read(file);
  }

  programOf(file: string) {
    return this.workspaceFor(this.rootOf(file)).getFile(file)?.program;
  }

  /** Settings used for a document: the config file of its root wins over the editor settings. */
  settingsFor(file: string, editor: ServerSettings): { settings: AnalysisSettings; key: string; merged: ProjectConfig } {
    const root = this.rootOf(file);
    const config = this.configFor(root);
    const merged = mergeConfig(config.config, editor, this.untrusted);
    const relative = (f: string) => toPosix(path.posix.relative(root, f));
    return { settings: resolveSettings(merged, relative), key: JSON.stringify([merged, config.error?.message ?? ""]), merged };
  }

  analyze(uri: string, version: number, text: string, editor: ServerSettings, deadlineMs: number): DocumentAnalysis {
    this.lastAnalysis = Date.now();
    const file = uriToPath(uri);
    const { settings, key, merged } = file ? this.settingsFor(file, editor) : { settings: undefined, key: "", merged: undefined };
    const cached = this.results.get(uri);
    if (cached && cached.version === version && cached.settingsKey === key && cached.text === text) return cached;
    const started = Date.now();
    let outcome: DocumentAnalysis;
    if (!file || !languageForPath(file)) outcome = { version, settingsKey: key, skipped: "unsupported", text, durationMs: 0 };
    else if (!editor.enable) outcome = { version, settingsKey: key, skipped: "disabled", text, durationMs: 0 };
    else if (text.length > editor.limits.maxFileSizeKB * 1024) outcome = { version, settingsKey: key, skipped: "too-large", text, durationMs: 0 };
    else if (this.excluded(file, merged!)) outcome = { version, settingsKey: key, skipped: "excluded", text, durationMs: 0 };
    else {
      this.provider.overlay.set(file, text);
      const root = this.rootOf(file);
      const ws = this.workspaceFor(root);
      const doc = this.documentFor(file, languageForPath(file)!);
      doc.update(text);
      this.reindexPending();
      // Callers in other files can make a helper here report (a log line fed AI output): analyse importers with it.
      const importers = [...(this.importers?.get(file) ?? [])].filter((f) => f !== file).slice(0, 20);
      const record = this.states.get(uri);
      const previous = record?.key === key ? record : undefined;
      const edits = doc.takeEdits();
      // With an earlier analysis under the same settings, the answer while typing is scoped to the
      // edit; its callers are analysed when typing pauses (see completeLater).
      const state = analyzeDocument(ws, doc, previous?.state, edits, importers, settings!, Date.now() + deadlineMs, {}, previous ? "edit" : "complete");
      const pending = state.callersPending ? mergeEdits(previous?.pending, edits) : undefined;
      this.states.set(uri, { key, state, pending, version, editor, deadlineMs });
      outcome = this.outcome(file, root, version, key, text, state, started);
      this.filesAnalysed++;
      if (pending) this.completeLater(uri);
    }
    this.results.set(uri, outcome);
    return outcome;
  }

  /** A document's analysis as the server reports it: findings of this file, through the baseline and accepted risks. */
  private outcome(file: string, root: string, version: number, key: string, text: string, state: DocumentAnalysisState, started: number): DocumentAnalysis {
    const result = state.result;
    // The baseline and accepted risks filter the editor's findings as they do the CLI's.
    const acceptance = this.acceptanceFor(root);
    const own = result.findings.filter((f) => f.file === file);
    const accepted = acceptance.baseline || acceptance.acceptedRisks
      ? acceptFindings(own, { textOf: (f) => this.provider.read(f), projectPath: (f) => toPosix(path.posix.relative(root, f)), baseline: acceptance.baseline, acceptedRisks: acceptance.acceptedRisks, today: localDate(new Date()) }).findings
      : own;
    const incomplete = this.documents.get(file)?.incomplete;
    return { version, settingsKey: key, result: { ...result, findings: accepted, inventory: result.inventory.filter((i) => i.file === file) }, text, durationMs: Date.now() - started, ...(incomplete ? { incomplete } : {}) };
  }

  /** Called when a complete analysis changed a document's findings after the answer given while typing. */
  onCompleted?: (uri: string) => void;
  private readonly completionTimers = new Map<string, NodeJS.Timeout>();

  /** Once typing pauses, analyses the callers of what was edited since the last complete analysis. */
  private completeLater(uri: string): void {
    clearTimeout(this.completionTimers.get(uri));
    this.completionTimers.set(
      uri,
      setTimeout(() => {
        this.completionTimers.delete(uri);
        this.complete(uri);
      }, COMPLETE_AFTER_MS),
    );
  }

  /** The complete analysis of a document whose last answer was scoped to an edit; true when its findings changed. */
  complete(uri: string): boolean {
    const record = this.states.get(uri);
    const file = uriToPath(uri);
    const doc = file ? this.documents.get(file) : undefined;
    // Nothing due, or the document changed since: its next analysis schedules this again.
    if (!record?.pending || !file || !doc || doc.currentText !== record.state.text) return false;
    const root = this.rootOf(file);
    const { settings, key } = this.settingsFor(file, record.editor);
    if (key !== record.key) return false;
    const started = Date.now();
    const importers = [...(this.importers?.get(file) ?? [])].filter((f) => f !== file).slice(0, 20);
    const present = new Set(doc.chunks);
    const edits = { lowered: new Set([...record.pending.lowered].filter((c) => present.has(c))), replacedNames: record.pending.replacedNames };
    const state = analyzeDocument(this.workspaceFor(root), doc, record.state, edits, importers, settings, Date.now() + record.deadlineMs);
    this.states.set(uri, { ...record, state, pending: undefined });
    const before = this.results.get(uri);
    const after = this.outcome(file, root, record.version, key, doc.currentText, state, started);
    this.results.set(uri, after);
    const changed = findingKeys(before?.result?.findings) !== findingKeys(after.result?.findings);
    if (changed) this.onCompleted?.(uri);
    return changed;
  }

  /** Excluded by default folders or by the merged settings (which, in an untrusted workspace, hold no workspace excludes). */
  private excluded(file: string, merged: ProjectConfig): boolean {
    if (isMinifiedName(file)) return true;
    const root = this.rootOf(file);
    const rel = toPosix(path.posix.relative(root, file));
    if (rel.split("/").some((seg) => seg === "node_modules" || seg === ".venv" || seg === "venv" || seg === "site-packages")) return true;
    if (merged.exclude?.length && compileGlobs(merged.exclude)(rel)) return true;
    return !!merged.include?.length && !compileGlobs(merged.include)(rel);
  }

  /**
   * Builds the reverse import index of every root, a file at a time, yielding to the
   * event loop in between: indexing a large workspace must not hold up diagnostics and hovers.
   */
  async buildImportIndex(): Promise<void> {
    const index = new Map<string, Set<string>>();
    this.importers = index;
    for (const root of this.rootPaths) {
      const found = discover([root], { root });
      for (const f of found.files) {
        // Index in quiet moments only: parsing one large file can take seconds, and requests come first.
        do await new Promise<void>((resolve) => setTimeout(resolve, INDEX_QUIET_MS / 4));
        while (Date.now() - this.lastAnalysis < INDEX_QUIET_MS);
        // The roots changed meanwhile: a newer build takes over.
        if (this.importers !== index) return;
        this.indexFile(toPosix(f));
      }
    }
  }

  /** Brings the import index up to date with the open documents edited since it last looked. */
  private reindexPending(): void {
    for (const file of this.unindexed) this.indexFile(file);
    this.unindexed.clear();
  }

  private indexFile(file: string): void {
    if (!this.importers) return;
    for (const set of this.importers.values()) set.delete(file);
    const root = this.rootOf(file);
    const ws = this.workspaceFor(root);
    // An open document's imports come from its module-level chunks: no need to assemble the whole program.
    const doc = this.documents.get(file);
    const parsed = doc ? doc.parsed(new Set(doc.chunks.filter((c) => !c.hasCode))) : ws.getFile(file);
    if (!parsed) return;
    for (const spec of moduleFacts(parsed.program, file).imports) {
      const target = ws.resolve(file, spec, parsed.language);
      if (!target) continue;
      let set = this.importers.get(target);
      if (!set) this.importers.set(target, (set = new Set()));
      set.add(file);
    }
  }
}

function safeRead(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/**
 * Combines the workspace config file with editor settings; the file wins.
 * In an untrusted workspace the file is not trusted to widen what counts as
 * safe (see `restrictConfig`); editor settings still count, since the client
 * sends only the user's own values there (never the workspace's).
 */
export function mergeConfig(fileConfig: ProjectConfig, editor: ServerSettings, untrusted: boolean): ProjectConfig {
  const config = untrusted ? restrictConfig(fileConfig) : fileConfig;
  const rules: Record<string, RuleConfig> = {};
  for (const [id, level] of Object.entries(editor.rules)) {
    if (level === "default") continue;
    rules[id] = level === "off" ? { enabled: false } : { enabled: true, severity: level as Severity };
  }
  for (const [id, rc] of Object.entries(config.rules ?? {})) rules[id] = rc;
  const union = (a: string[] | undefined, b: string[]) => [...new Set([...(a ?? []), ...b])];
  const markers = {
    disclosure: union(config.markers?.disclosure, editor.markers.disclosure),
    redaction: union(config.markers?.redaction, editor.markers.redaction),
    consentGuard: union(config.markers?.consentGuard, editor.markers.consentGuard),
    consentRecord: union(config.markers?.consentRecord, editor.markers.consentRecord),
    watermark: union(config.markers?.watermark, editor.markers.watermark),
  };
  return { ...config, rules, markers, exclude: union(config.exclude, editor.exclude) };
}

const SEVERITY_RANK: Record<Severity, number> = { hint: 0, information: 1, warning: 2, error: 3 };

/**
 * What an untrusted workspace's config file may still say: everything that
 * makes the analysis stricter (more sinks, sources and personal-data names,
 * higher severities), nothing that makes it trust more. Dropped: marker names,
 * rules turned off or lowered below their default, excluded or include-only
 * files, test-fixture globs, site-wide disclosures and extra disclosure labels,
 * and the "low" risk tier (which lowers severities).
 */
export function restrictConfig(config: ProjectConfig): ProjectConfig {
  const rules: Record<string, RuleConfig> = {};
  for (const [id, rc] of Object.entries(config.rules ?? {})) {
    if (rc.enabled === false) continue;
    const base = ruleMeta(id)?.defaultSeverity;
    if (rc.severity && base && SEVERITY_RANK[rc.severity] < SEVERITY_RANK[base]) continue;
    rules[id] = rc;
  }
  const { markers: _markers, exclude: _exclude, include: _include, testFixtures: _testFixtures, disclosure: _disclosure, ...rest } = config;
  const profile = config.profile?.riskTier === "low" ? { ...config.profile, riskTier: undefined } : config.profile;
  return { ...rest, profile, rules };
}
