// The language server: wires LSP requests to the analysis host. No analysis logic lives here.
import path from "node:path";
import {
  type CancellationToken,
  type CodeAction,
  CodeActionKind,
  type Connection,
  type Diagnostic,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  type DocumentDiagnosticReport,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  type InitializeParams,
  type InitializeResult,
  TextDocumentSyncKind,
  TextDocuments,
} from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { SUPPRESSIONS_FILE_NAME } from "../core/baseline/acceptedRisks";
import { BASELINE_FILE_NAME } from "../core/baseline/baseline";
import { CONFIG_FILE_NAME } from "../core/config";
import { applyFixes } from "../core/fixes/edits";
import { initParsing, type WasmSources } from "../core/parse/parser";
import { LineIndex } from "../core/report/lineIndex";
import type { Finding, Locale } from "../core/types";
import {
  ExportReportRequest,
  FixAllRequest,
  type InitializationOptions,
  StatusNotification,
  type WorkspaceFolderReport,
  WorkspaceReportNotification,
  WorkspaceScanRequest,
} from "../protocol/messages";
import { FORMAT_EXTENSIONS, renderReport } from "../node/formatReport";
import type { ScanStage } from "../node/scan";
import { ruleCatalogue, ScanCancelled, WorkspaceScanService } from "./workspaceScan";
import { DEFAULT_SETTINGS, normaliseSettings, type ServerSettings } from "../protocol/settings";
import { codeActionsFor, type DiagnosticData, editsFor, FIX_ALL_KIND, hoverFor, toDiagnostic, toRange } from "./convert";
import { AnalysisHost, type DocumentAnalysis, pathToUri, uriToPath } from "./host";
import { resolveLocale, t } from "./strings";

export interface ServerOptions {
  wasm: WasmSources;
  /** Called with log lines (the output channel). */
  log?: (message: string) => void;
  /** The server's own script, started again as the workspace-scan worker. */
  workerScript: string;
}

/** After files change, wait this long for more changes before re-scanning the workspace for the panel. */
const RESCAN_DEBOUNCE_MS = 1000;

/** Debounce of push diagnostics while typing: long enough to skip keystrokes, short enough to feel live. */
const PUSH_DEBOUNCE_MS = 300;

export function startServer(connection: Connection, options: ServerOptions): void {
  const documents = new TextDocuments(TextDocument);
  let host = new AnalysisHost([], false);
  let clientLocale: string | undefined;
  let pullDiagnostics = false;
  let refreshSupport = false;
  let configurationSupport = false;
  let watchedFilesDynamic = false;
  let workDoneProgressSupport = false;
  const settingsCache = new Map<string, Promise<ServerSettings>>();
  const pushTimers = new Map<string, NodeJS.Timeout>();
  let ready: Promise<void> = Promise.resolve();
  const log = options.log ?? ((m: string) => connection.console.log(m));
  const scans = new WorkspaceScanService(options.workerScript, log);
  let rescanTimer: NodeJS.Timeout | undefined;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    clientLocale = params.locale;
    const caps = params.capabilities;
    pullDiagnostics = !!caps.textDocument?.diagnostic;
    refreshSupport = !!caps.workspace?.diagnostics?.refreshSupport;
    configurationSupport = !!caps.workspace?.configuration;
    watchedFilesDynamic = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    workDoneProgressSupport = !!caps.window?.workDoneProgress;
    const init = (params.initializationOptions ?? {}) as InitializationOptions;
    const roots = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
    if (roots.length === 0 && params.rootUri) {
      const p = uriToPath(params.rootUri);
      if (p) roots.push(p);
    }
    host = new AnalysisHost(roots, !!init.untrustedWorkspace);
    // The answer while typing covers the edited code; its callers follow when typing pauses.
    host.onCompleted = (uri) => {
      if (pullDiagnostics) {
        if (refreshSupport) void connection.languages.diagnostics.refresh();
      } else schedulePush(uri, 0);
      const done = host.cached(uri);
      if (done) sendStatus(done, localeFor(DEFAULT_SETTINGS));
    };
    ready = initParsing(options.wasm);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        diagnosticProvider: pullDiagnostics ? { identifier: "genai-lint", interFileDependencies: true, workspaceDiagnostics: false } : undefined,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: false } },
      },
      serverInfo: { name: "genai-lint", version: "0.1.0" },
    };
  });

  connection.onInitialized(() => {
    if (configurationSupport) void connection.client.register(DidChangeConfigurationNotification.type, { section: "genaiLint" });
    if (watchedFilesDynamic) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: "**/genai-lint.{config,baseline,suppressions}.json" }, { globPattern: "**/*.{py,js,mjs,cjs,jsx,ts,mts,cts,tsx}" }, { globPattern: "**/{tsconfig,jsconfig}.json" }],
      });
    }
    // The import index lets a helper's findings follow its callers in other files; build it when idle.
    setTimeout(() => {
      void ready
        .then(() => host.buildImportIndex())
        .catch((err: unknown) => log(`import index: ${err instanceof Error ? err.message : String(err)}`));
    }, 50);
    void ready.then(() => publishConfigProblems());
  });

  async function settingsFor(uri: string): Promise<ServerSettings> {
    if (!configurationSupport) return DEFAULT_SETTINGS;
    let cached = settingsCache.get(uri);
    if (!cached) {
      cached = connection.workspace.getConfiguration({ scopeUri: uri, section: "genaiLint" }).then(normaliseSettings, () => DEFAULT_SETTINGS);
      settingsCache.set(uri, cached);
    }
    return cached;
  }

  function localeFor(settings: ServerSettings): Locale {
    return resolveLocale(settings.language, clientLocale);
  }

  async function analyse(document: TextDocument): Promise<{ analysis: DocumentAnalysis; settings: ServerSettings; locale: Locale }> {
    await ready;
    const settings = await settingsFor(document.uri);
    const analysis = host.analyze(document.uri, document.version, document.getText(), settings, settings.limits.timeBudgetMs);
    return { analysis, settings, locale: localeFor(settings) };
  }

  function diagnosticsOf(document: TextDocument, analysis: DocumentAnalysis, settings: ServerSettings, locale: Locale): Diagnostic[] {
    const index = LineIndex.of(analysis.text);
    if (analysis.skipped === "too-large") {
      return [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Information, source: "genai-lint", message: t("tooLarge", locale, { limit: settings.limits.maxFileSizeKB }) }];
    }
    const out = (analysis.result?.findings ?? []).map((f) => toDiagnostic(f, index, document.version, locale, (file) => host.textOf(file)));
    const note = (message: string): Diagnostic => ({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Information, source: "genai-lint", message });
    if (analysis.result?.timedOut) out.push(note(t("timedOut", locale, { ms: settings.limits.timeBudgetMs })));
    const incomplete = analysis.incomplete;
    if (incomplete?.kind === "parsing-stopped") out.push(note(t("parsingStopped", locale, { ms: incomplete.ms })));
    if (incomplete?.kind === "too-deep") out.push(note(t("tooDeep", locale, { levels: incomplete.levels })));
    return out;
  }

  function sendStatus(analysis: DocumentAnalysis | undefined, locale: Locale, error?: string): void {
    let problems = 0;
    for (const d of documents.all()) problems += host.cached(d.uri)?.result?.findings.length ?? 0;
    void connection.sendNotification(StatusNotification.type, {
      state: error ? "error" : "idle",
      filesAnalysed: host.filesAnalysed,
      lastAnalysisMs: analysis?.durationMs ?? 0,
      problems,
      message: error,
      locale,
    });
  }

  /** A bad config file gets a diagnostic of its own; analysis goes on with the defaults. */
  function publishConfigProblems(): void {
    const dataFiles = host.roots.flatMap((root) => [BASELINE_FILE_NAME, SUPPRESSIONS_FILE_NAME].map((name) => ({ file: path.posix.join(root, name), error: host.acceptanceFor(root).errors.find((e) => e.file === path.posix.join(root, name)) })));
    for (const state of [...host.configFiles(), ...dataFiles]) {
      if (!state.file) continue;
      const uri = `file://${state.file}`;
      if (state.error) {
        const text = host.textOf(state.file) ?? "";
        const where = locateConfigPath(text, state.error.path);
        void connection.sendDiagnostics({
          uri,
          diagnostics: [{ range: toRange(LineIndex.of(text), where.start, where.end), severity: DiagnosticSeverity.Error, source: "genai-lint", code: "config", message: t("configError", localeFor(DEFAULT_SETTINGS), { message: state.error.message }) }],
        });
        sendStatus(undefined, localeFor(DEFAULT_SETTINGS), state.error.message);
      } else void connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  }

  connection.languages.diagnostics.on(async (params): Promise<DocumentDiagnosticReport> => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    try {
      const { analysis, settings, locale } = await analyse(document);
      const items = diagnosticsOf(document, analysis, settings, locale);
      sendStatus(analysis, locale);
      return { kind: DocumentDiagnosticReportKind.Full, items };
    } catch (err) {
      log(`diagnostics for ${document.uri} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    }
  });

  /** Push fallback for clients without pull diagnostics. */
  function schedulePush(uri: string, delay = PUSH_DEBOUNCE_MS): void {
    if (pullDiagnostics) return;
    clearTimeout(pushTimers.get(uri));
    pushTimers.set(
      uri,
      setTimeout(() => {
        pushTimers.delete(uri);
        const document = documents.get(uri);
        if (!document) return;
        void analyse(document)
          .then(({ analysis, settings, locale }) => {
            // Drop results of an older version: the document changed while we worked.
            if (documents.get(uri)?.version !== document.version) return;
            void connection.sendDiagnostics({ uri, version: document.version, diagnostics: diagnosticsOf(document, analysis, settings, locale) });
            sendStatus(analysis, locale);
          })
          .catch((err: unknown) => log(`analysis of ${uri} failed: ${err instanceof Error ? err.message : String(err)}`));
      }, delay),
    );
  }

  /** Other open documents whose findings read a changed file. */
  function refreshDependents(file: string): void {
    const dependents = host.dependents(file);
    for (const uri of dependents) host.forget(uri);
    if (pullDiagnostics) {
      if (refreshSupport && dependents.length) void connection.languages.diagnostics.refresh();
    } else for (const uri of dependents) schedulePush(uri);
  }

  documents.onDidOpen((e) => {
    const file = uriToPath(e.document.uri);
    if (file) host.setDocument(file, e.document.getText());
    schedulePush(e.document.uri, 0);
  });

  documents.onDidChangeContent(async (e) => {
    const file = uriToPath(e.document.uri);
    if (!file) return;
    host.setDocument(file, e.document.getText());
    if (path.posix.basename(file) === "genai-lint.config.json") {
      publishConfigProblems();
      refreshAll();
      return;
    }
    const settings = await settingsFor(e.document.uri);
    if (settings.run === "onType") schedulePush(e.document.uri);
    refreshDependents(file);
  });

  documents.onDidSave(async (e) => {
    scheduleRescan();
    const settings = await settingsFor(e.document.uri);
    if (settings.run === "onSave") {
      host.forget(e.document.uri);
      schedulePush(e.document.uri, 0);
      if (pullDiagnostics && refreshSupport) void connection.languages.diagnostics.refresh();
    }
  });

  documents.onDidClose((e) => {
    const file = uriToPath(e.document.uri);
    if (file) host.setDocument(file, undefined);
    host.forget(e.document.uri);
    settingsCache.delete(e.document.uri);
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  function refreshAll(): void {
    for (const d of documents.all()) host.forget(d.uri);
    if (pullDiagnostics) {
      if (refreshSupport) void connection.languages.diagnostics.refresh();
    } else for (const d of documents.all()) schedulePush(d.uri, 0);
  }

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    refreshAll();
    scheduleRescan();
  });

  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      const file = uriToPath(change.uri);
      if (!file) continue;
      host.fileChanged(file);
      if ([CONFIG_FILE_NAME, BASELINE_FILE_NAME, SUPPRESSIONS_FILE_NAME].includes(path.posix.basename(file))) {
        publishConfigProblems();
        refreshAll();
      } else refreshDependents(file);
    }
    if (params.changes.length) scheduleRescan();
  });

  connection.onCodeAction(async (params): Promise<CodeAction[]> => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const { analysis, locale } = await analyse(document);
    const text = document.getText();
    const only = params.context.only;
    const actions: CodeAction[] = [];
    if (!only || only.some((k) => k === CodeActionKind.QuickFix || k === CodeActionKind.QuickFix + ".genai-lint")) {
      for (const diagnostic of params.context.diagnostics) {
        if (diagnostic.source !== "genai-lint") continue;
        const data = diagnostic.data as DiagnosticData | undefined;
        // Fixes are offsets into one version of the text: for another version, use the fresh analysis.
        let usable = diagnostic;
        if (!data || data.version !== document.version) {
          const fresh = (analysis.result?.findings ?? []).find((f) => f.ruleId === String(diagnostic.code) && sameStart(f, diagnostic, text));
          if (!fresh) continue;
          usable = toDiagnostic(fresh, LineIndex.of(text), document.version, locale, (file) => host.textOf(file));
        }
        actions.push(...codeActionsFor(document.uri, usable, text, programOf(document), locale));
      }
    }
    if (!only || only.some((k) => FIX_ALL_KIND.startsWith(k) || k === CodeActionKind.SourceFixAll)) {
      const fixAll = fixAllEdits(document, analysis.result?.findings ?? []);
      if (fixAll.applied > 0) {
        actions.push({ title: t("fixAll", locale), kind: FIX_ALL_KIND, edit: { changes: { [document.uri]: fixAll.edits } } });
      }
    }
    return actions;
  });

  function programOf(document: TextDocument) {
    const file = uriToPath(document.uri);
    return file ? host.programOf(file) : undefined;
  }

  function fixAllEdits(document: TextDocument, findings: readonly Finding[]) {
    const safe = findings.flatMap((f) => f.fixes.filter((fx) => fx.applicability === "safe").slice(0, 1));
    const text = document.getText();
    const result = applyFixes(text, safe);
    if (result.applied === 0) return { edits: [], applied: 0 };
    // One edit replacing the whole text keeps the client from having to order overlapping-looking edits.
    const index = LineIndex.of(text);
    return { edits: editsFor(index, [{ start: 0, end: text.length, newText: result.text }]), applied: result.applied };
  }

  connection.onRequest(FixAllRequest.type, async (params) => {
    const document = documents.get(params.uri);
    if (!document) return { changes: [], applied: 0 };
    const { analysis } = await analyse(document);
    const { edits, applied } = fixAllEdits(document, analysis.result?.findings ?? []);
    return { changes: edits, applied };
  });

  connection.onHover(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const { analysis, locale } = await analyse(document);
    const index = LineIndex.of(analysis.text);
    const offset = index.offset(params.position.line, params.position.character);
    const hits = (analysis.result?.findings ?? []).filter((f) => f.start <= offset && offset <= Math.max(f.end, f.start + 1));
    return hoverFor(hits, index, locale) ?? null;
  });

  /** Scans every workspace folder in the worker, folder after folder, reporting progress as it goes. */
  async function scanWorkspace(onProgress?: (percent: number, stage: ScanStage, done: number, total: number) => void): Promise<WorkspaceFolderReport[]> {
    await ready;
    const folders: WorkspaceFolderReport[] = [];
    const roots = host.roots;
    for (const [index, root] of roots.entries()) {
      const editor = await settingsFor(pathToUri(root));
      const state = host.configFor(root);
      const report = await scans.scanFolder(
        { root, config: host.mergedConfig(root, editor), locale: localeFor(editor), configError: state.error?.message },
        // Each folder takes its share of the bar; in a folder, parsing takes the first 30 %, the flow analysis the rest.
        onProgress &&
          ((done, total, stage) => {
            const withinFolder = stage === "parsing" ? 0.3 * (done / total) : 0.3 + 0.7 * (done / total);
            onProgress(Math.floor(((index + withinFolder) / roots.length) * 100), stage, done, total);
          }),
      );
      folders.push(report);
      if (onProgress) void connection.sendNotification(WorkspaceReportNotification.type, { folders: [...folders], catalogue: ruleCatalogue(), partial: true });
    }
    return folders;
  }

  connection.onRequest(WorkspaceScanRequest.type, async (params, token) => {
    const locale = localeFor(DEFAULT_SETTINGS);
    // The client's progress token when it sent one; otherwise ask the client for a progress of our own.
    const workDone = params.workDoneToken !== undefined || !workDoneProgressSupport ? connection.window.attachWorkDoneProgress(params.workDoneToken) : await connection.window.createWorkDoneProgress();
    workDone.begin(t("scanning", locale), 0, undefined, true);
    const cancel = () => scans.cancel();
    // A client's own progress is cancelled by cancelling the request; ours has a cancel token of its own.
    const subscriptions = [token.onCancellationRequested(cancel), ...("token" in workDone ? [(workDone as { token: CancellationToken }).token.onCancellationRequested(cancel)] : [])];
    try {
      // A cancellation that came before this handler ran fires no event: look first.
      if (token.isCancellationRequested) throw new ScanCancelled();
      if (!params.force && scans.hasScanned() && !rescanTimer) {
        const last = host.roots.map((r) => scans.last(r)).filter((r): r is WorkspaceFolderReport => !!r);
        if (last.length === host.roots.length) return { folders: last, catalogue: ruleCatalogue() };
      }
      const folders = await scanWorkspace((percent, stage, done, total) => {
        if (total > 0) workDone.report(percent, stage === "parsing" ? t("scanProgress", locale, { done, total }) : t("scanAnalysing", locale));
      });
      return { folders, catalogue: ruleCatalogue() };
    } catch (err) {
      if (err instanceof ScanCancelled) throw new ResponseError(LSPErrorCodes.RequestCancelled, err.message);
      log(`workspace scan failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      throw new ResponseError(ErrorCodes.InternalError, err instanceof Error ? err.message : String(err));
    } finally {
      for (const s of subscriptions) s.dispose();
      workDone.done();
    }
  });

  /** Files changed after a scan: scan again quietly and send the panel the new report. */
  function scheduleRescan(): void {
    if (!scans.hasScanned()) return;
    clearTimeout(rescanTimer);
    rescanTimer = setTimeout(() => {
      rescanTimer = undefined;
      scanWorkspace()
        .then((folders) => connection.sendNotification(WorkspaceReportNotification.type, { folders, catalogue: ruleCatalogue(), partial: false }))
        .catch((err: unknown) => {
          if (!(err instanceof ScanCancelled)) log(`re-scan failed: ${err instanceof Error ? err.message : String(err)}`);
        });
    }, RESCAN_DEBOUNCE_MS);
  }

  connection.onRequest(ExportReportRequest.type, async (params) => {
    const root = params.root ?? host.roots[0];
    const folder = (root && scans.last(root)) || (await scanWorkspace()).find((f) => f.root === root);
    if (!folder) throw new ResponseError(ErrorCodes.InvalidParams, `no workspace folder ${root ?? ""}`);
    const editor = await settingsFor(pathToUri(folder.root));
    const content = renderReport(folder.report, params.format, {
      locale: localeFor(editor),
      root: folder.root,
      scanned: folder.root,
      sourceOf: (file) => host.textOf(path.posix.join(folder.root, file)),
    });
    return { content, fileName: `genai-lint-report.${FORMAT_EXTENSIONS[params.format]}` };
  });

  connection.onShutdown(() => {
    clearTimeout(rescanTimer);
    scans.dispose();
  });

  documents.listen(connection);
  connection.listen();
}

function sameStart(f: Finding, d: Diagnostic, text: string): boolean {
  const p = LineIndex.of(text).position(f.start);
  return p.line === d.range.start.line && p.character === d.range.start.character;
}

/** Where in a JSON config file a dotted path (`rules.DIS001`) is, for the diagnostic's range. */
function locateConfigPath(text: string, dotted: string): { start: number; end: number } {
  const keys = dotted.split(/[.[\]]+/).filter((k) => k && !/^\d+$/.test(k));
  let at = 0;
  for (const key of keys) {
    const i = text.indexOf(`"${key}"`, at);
    if (i < 0) break;
    at = i;
  }
  const end = at + (keys.length ? keys[keys.length - 1].length + 2 : 1);
  return { start: at, end: Math.min(text.length, end) };
}
