// A real LSP client (vscode-languageserver-protocol over the server's stdio) for protocol tests.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import {
  createProtocolConnection,
  type Diagnostic,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  type InitializeParams,
  InitializeRequest,
  InitializedNotification,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-languageserver-protocol/node";

export const BIN = path.resolve(__dirname, "../../../server/out/genai-lint.js");

export interface ClientOptions {
  root: string;
  locale?: string;
  pull?: boolean;
  settings?: Record<string, unknown>;
  /** Sent as `initializationOptions` (for example `{ untrustedWorkspace: true }`). */
  initializationOptions?: unknown;
  /** How the server process is started: extra Node options (before the script), environment and working folder. */
  spawn?: { nodeArgs?: string[]; env?: NodeJS.ProcessEnv; cwd?: string };
}

export class LspClient {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  readonly published = new Map<string, PublishDiagnosticsParams>();
  readonly notifications: Array<{ method: string; params: unknown }> = [];
  refreshRequests = 0;
  settings: Record<string, unknown>;
  private versions = new Map<string, number>();
  private listeners: Array<() => void> = [];

  constructor(private readonly options: ClientOptions) {
    this.settings = options.settings ?? {};
    this.process = spawn(process.execPath, [...(options.spawn?.nodeArgs ?? []), BIN, "lsp", "--stdio"], { stdio: ["pipe", "pipe", "pipe"], env: options.spawn?.env, cwd: options.spawn?.cwd });
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.set(p.uri, p);
      this.listeners.forEach((l) => l());
    });
    this.connection.onUnhandledNotification((message) => {
      this.notifications.push({ method: message.method, params: message.params });
      this.listeners.forEach((l) => l());
    });
    this.connection.onRequest("workspace/configuration", (params: { items: Array<{ section?: string }> }) => params.items.map(() => this.settings));
    this.connection.onRequest("workspace/diagnostic/refresh", () => {
      this.refreshRequests++;
      this.listeners.forEach((l) => l());
      return null;
    });
    this.connection.onRequest("client/registerCapability", () => null);
    this.connection.onRequest("window/workDoneProgress/create", () => null);
    this.connection.listen();
  }

  uri(relative: string): string {
    return pathToFileURL(path.join(this.options.root, relative)).toString();
  }

  async initialize(): Promise<unknown> {
    const params: InitializeParams = {
      processId: process.pid,
      rootUri: pathToFileURL(this.options.root).toString(),
      workspaceFolders: [{ uri: pathToFileURL(this.options.root).toString(), name: "ws" }],
      locale: this.options.locale ?? "en",
      initializationOptions: this.options.initializationOptions,
      capabilities: {
        textDocument: {
          diagnostic: this.options.pull === false ? undefined : { dynamicRegistration: false, relatedDocumentSupport: false },
          publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ["quickfix", "source.fixAll"] } } },
          hover: { contentFormat: ["markdown", "plaintext"] },
        },
        workspace: { configuration: true, diagnostics: { refreshSupport: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
        window: { workDoneProgress: true },
      },
    };
    const result = await this.connection.sendRequest(InitializeRequest.type, params);
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  async open(relative: string, text: string, languageId: string): Promise<string> {
    const uri = this.uri(relative);
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  async change(uri: string, text: string): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  async pull(uri: string): Promise<Diagnostic[]> {
    const report = (await this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as { items: Diagnostic[] };
    return report.items;
  }

  /** Waits until `check` holds, re-checking when a message arrives (no sleeping). */
  waitFor<T>(check: () => T | undefined, timeoutMs = 10000): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error("timed out waiting for the server"));
      }, timeoutMs);
      const attempt = () => {
        const value = check();
        if (value !== undefined) {
          cleanup();
          resolve(value);
        }
      };
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== attempt);
      };
      this.listeners.push(attempt);
      attempt();
    });
  }

  async close(): Promise<void> {
    try {
      await this.connection.sendRequest("shutdown");
      await this.connection.sendNotification("exit");
    } catch {
      /* already gone */
    }
    this.connection.dispose();
    if (this.process.exitCode === null) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.process.kill("SIGKILL");
          resolve();
        }, 3000);
        this.process.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

/** Applies LSP text edits (ranges in the original text) to a text. */
export function applyTextEdits(text: string, edits: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>): string {
  const lines: number[] = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") lines.push(i + 1);
  const off = (p: { line: number; character: number }) => (lines[p.line] ?? text.length) + p.character;
  const sorted = [...edits].sort((a, b) => off(b.range.start) - off(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, off(e.range.start)) + e.newText + out.slice(off(e.range.end));
  return out;
}
