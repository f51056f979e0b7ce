// The server's view of the workspace: open documents over the disk, the config
// file of each root, the import index for dependents, and analysis results per document.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { analyzeFiles, type AnalysisResult, type AnalysisSettings } from "../core/analyze";
import { CONFIG_FILE_NAME, ConfigError, parseConfig, type ProjectConfig, resolveSettings, type RuleConfig } from "../core/config";
import { languageForPath } from "../core/parse/parser";
import type { Severity } from "../core/types";
import { compileGlobs } from "../core/util/glob";
import { isMinifiedName } from "../core/workspace/discovery";
import { moduleFacts } from "../core/workspace/moduleFacts";
import { normalizePath } from "../core/workspace/paths";
import { type FileProvider, Workspace } from "../core/workspace/workspace";
import { DiskFileProvider } from "../node/fileProvider";
import { discover, toPosix } from "../node/discover";
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

export interface ConfigState {
  config: ProjectConfig;
  file?: string;
  error?: ConfigError;
}

export interface DocumentAnalysis {
  version: number;
  settingsKey: string;
  result?: AnalysisResult;
  /** Why the document was not analysed (too large, excluded, disabled). */
  skipped?: "disabled" | "excluded" | "too-large" | "unsupported";
  text: string;
  durationMs: number;
}

export class AnalysisHost {
  private readonly provider = new OverlayProvider();
  private readonly workspaces = new Map<string, Workspace>();
  private readonly configs = new Map<string, ConfigState>();
  private readonly results = new Map<string, DocumentAnalysis>();
  /** file -> files that import it (reverse module graph), built in the background. */
  private importers?: Map<string, Set<string>>;
  filesAnalysed = 0;

  constructor(
    private roots: string[],
    private readonly untrusted: boolean,
  ) {}

  setRoots(roots: string[]): void {
    this.roots = roots;
    this.workspaces.clear();
    this.configs.clear();
    this.results.clear();
    this.importers = undefined;
  }

  rootOf(file: string): string {
    const candidates = this.roots.filter((r) => file === r || file.startsWith(r.endsWith("/") ? r : r + "/"));
    return candidates.sort((a, b) => b.length - a.length)[0] ?? path.posix.dirname(file);
  }

  private workspaceFor(root: string): Workspace {
    let ws = this.workspaces.get(root);
    if (!ws) this.workspaces.set(root, (ws = new Workspace(root, this.provider)));
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

  configFiles(): ConfigState[] {
    return this.roots.map((r) => this.configFor(r));
  }

  /** Document text changed (or opened, or closed when `text` is undefined). */
  setDocument(file: string, text: string | undefined): void {
    if (text === undefined) this.provider.overlay.delete(file);
    else this.provider.overlay.set(file, text);
    this.fileChanged(file);
  }

  /** A file changed on disk or in the editor: forget what depended on it. */
  fileChanged(file: string): void {
    this.provider.disk.forget(file);
    for (const ws of this.workspaces.values()) ws.invalidate(file);
    if (path.posix.basename(file) === CONFIG_FILE_NAME) this.configs.delete(path.posix.dirname(file));
    if (this.importers && languageForPath(file)) this.indexFile(file);
  }

  /** Open documents whose last analysis read `file`. */
  dependents(file: string): string[] {
    const out: string[] = [];
    for (const [uri, a] of this.results) if (a.result?.dependencies.includes(file) && uriToPath(uri) !== file) out.push(uri);
    return out;
  }

  forget(uri: string): void {
    this.results.delete(uri);
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
  settingsFor(file: string, editor: ServerSettings): { settings: AnalysisSettings; key: string; config: ConfigState } {
    const root = this.rootOf(file);
    const config = this.configFor(root);
    const merged = mergeConfig(config.config, editor, this.untrusted);
    const relative = (f: string) => toPosix(path.posix.relative(root, f));
    return { settings: resolveSettings(merged, relative), key: JSON.stringify([merged, config.error?.message ?? ""]), config };
  }

  analyze(uri: string, version: number, text: string, editor: ServerSettings, deadlineMs: number): DocumentAnalysis {
    const file = uriToPath(uri);
    const { settings, key, config } = file ? this.settingsFor(file, editor) : { settings: undefined, key: "", config: undefined };
    const cached = this.results.get(uri);
    if (cached && cached.version === version && cached.settingsKey === key && cached.text === text) return cached;
    const started = Date.now();
    let outcome: DocumentAnalysis;
    if (!file || !languageForPath(file)) outcome = { version, settingsKey: key, skipped: "unsupported", text, durationMs: 0 };
    else if (!editor.enable) outcome = { version, settingsKey: key, skipped: "disabled", text, durationMs: 0 };
    else if (text.length > editor.limits.maxFileSizeKB * 1024) outcome = { version, settingsKey: key, skipped: "too-large", text, durationMs: 0 };
    else if (this.excluded(file, editor, config)) outcome = { version, settingsKey: key, skipped: "excluded", text, durationMs: 0 };
    else {
      this.provider.overlay.set(file, text);
      const root = this.rootOf(file);
      const ws = this.workspaceFor(root);
      // Callers in other files can make a helper here report (a log line fed AI output): analyse importers with it.
      const files = [file, ...[...(this.importers?.get(file) ?? [])].filter((f) => f !== file).slice(0, 20)];
      const result = analyzeFiles(ws, files, settings!, Date.now() + deadlineMs);
      outcome = { version, settingsKey: key, result: { ...result, findings: result.findings.filter((f) => f.file === file), inventory: result.inventory.filter((i) => i.file === file) }, text, durationMs: Date.now() - started };
      this.filesAnalysed++;
    }
    this.results.set(uri, outcome);
    return outcome;
  }

  private excluded(file: string, editor: ServerSettings, config: ConfigState | undefined): boolean {
    if (isMinifiedName(file)) return true;
    const root = this.rootOf(file);
    const rel = toPosix(path.posix.relative(root, file));
    if (rel.split("/").some((seg) => seg === "node_modules" || seg === ".venv" || seg === "venv" || seg === "site-packages")) return true;
    const exclude = [...editor.exclude, ...(config?.config.exclude ?? [])];
    if (exclude.length && compileGlobs(exclude)(rel)) return true;
    const include = config?.config.include;
    return !!include?.length && !compileGlobs(include)(rel);
  }

  /** Builds the reverse import index of every root (run when the server is idle). */
  buildImportIndex(): void {
    this.importers = new Map();
    for (const root of this.roots) {
      const found = discover([root], { root });
      for (const f of found.files) this.indexFile(toPosix(f));
    }
  }

  private indexFile(file: string): void {
    if (!this.importers) return;
    for (const set of this.importers.values()) set.delete(file);
    const root = this.rootOf(file);
    const ws = this.workspaceFor(root);
    const parsed = ws.getFile(file);
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
 * In an untrusted workspace, settings that widen what counts as safe (extra markers) are ignored.
 */
export function mergeConfig(config: ProjectConfig, editor: ServerSettings, untrusted: boolean): ProjectConfig {
  const rules: Record<string, RuleConfig> = {};
  for (const [id, level] of Object.entries(editor.rules)) {
    if (level === "default") continue;
    rules[id] = level === "off" ? { enabled: false } : { enabled: true, severity: level as Severity };
  }
  for (const [id, rc] of Object.entries(config.rules ?? {})) rules[id] = rc;
  const union = (a: string[] | undefined, b: string[]) => [...new Set([...(a ?? []), ...b])];
  const markers = untrusted
    ? config.markers
    : {
        disclosure: union(config.markers?.disclosure, editor.markers.disclosure),
        redaction: union(config.markers?.redaction, editor.markers.redaction),
        consentGuard: union(config.markers?.consentGuard, editor.markers.consentGuard),
        consentRecord: union(config.markers?.consentRecord, editor.markers.consentRecord),
        watermark: union(config.markers?.watermark, editor.markers.watermark),
      };
  return { ...config, rules, markers, exclude: union(config.exclude, editor.exclude) };
}
