// A minimal LSP client for the benchmark (vscode-languageserver-protocol over the server's stdio),
// modelled on test/harness/lspClient.ts: pull diagnostics, incremental changes, custom requests.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import protocol from "vscode-languageserver-protocol/node.js";

const {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  InitializeRequest,
  InitializedNotification,
  StreamMessageReader,
  StreamMessageWriter,
} = protocol;

export class BenchLspClient {
  /**
   * bin: server/out/genai-lint.js; root: workspace folder; nodeArgs: extra Node options;
   * pull: announce pull diagnostics (default true); workDoneProgress: announce it (default false).
   */
  constructor({ bin, root, nodeArgs = [], env = process.env, settings = {} }) {
    this.root = root;
    this.settings = settings;
    this.spawnedAt = performance.now();
    this.process = spawn(process.execPath, [...nodeArgs, bin, "lsp", "--stdio"], { stdio: ["pipe", "pipe", "pipe"], env });
    this.stderr = "";
    this.process.stderr.on("data", (d) => (this.stderr = (this.stderr + d).slice(-20000)));
    this.exited = new Promise((resolve) => this.process.once("exit", (code, signal) => resolve({ code, signal })));
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout), new StreamMessageWriter(this.process.stdin));
    this.connection.onRequest("workspace/configuration", (params) => params.items.map(() => this.settings));
    this.connection.onRequest("workspace/diagnostic/refresh", () => null);
    this.connection.onRequest("client/registerCapability", () => null);
    this.connection.onRequest("window/workDoneProgress/create", () => null);
    this.connection.onNotification(() => {});
    this.connection.listen();
    this.versions = new Map();
  }

  get pid() {
    return this.process.pid;
  }

  uri(file) {
    return pathToFileURL(file).toString();
  }

  async initialize() {
    const rootUri = pathToFileURL(this.root).toString();
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: "bench" }],
      locale: "en",
      capabilities: {
        textDocument: {
          diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
          publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
          synchronization: { didSave: true, dynamicRegistration: false },
        },
        workspace: { configuration: true, diagnostics: { refreshSupport: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
      },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  async open(file, languageId, text = readFileSync(file, "utf8")) {
    const uri = this.uri(file);
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  /** One incremental change, as editors send it: a range and its new text. */
  async change(uri, range, text) {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  async pull(uri) {
    const report = await this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    return report.items ?? [];
  }

  request(method, params) {
    return this.connection.sendRequest(method, params);
  }

  async close() {
    try {
      await Promise.race([this.connection.sendRequest("shutdown"), new Promise((_, reject) => setTimeout(() => reject(new Error("shutdown timed out")), 10000).unref())]);
      await this.connection.sendNotification("exit");
    } catch {
      /* already gone or stuck: killed below */
    }
    const done = await Promise.race([this.exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 10000).unref())]);
    if (!done) {
      this.process.kill("SIGKILL");
      await this.exited;
    }
    this.connection.dispose();
  }
}

/** VmHWM and VmRSS of a live process, in kB (Linux /proc). */
export function procMemory(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
    return { hwmKb: kb("VmHWM"), rssKb: kb("VmRSS") };
  } catch {
    return { hwmKb: NaN, rssKb: NaN };
  }
}
