// Starts the language server on stdin/stdout (`genai-lint lsp --stdio`) or on Node IPC (the VS Code client).
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { startServer } from "../lsp/server";
import { locateWasm } from "./wasm";

export function startStdioServer(): void {
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  // Nothing else may write to stdout: it carries the protocol.
  console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(" "));
  console.info = console.log;
  console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(" "));
  startServer(connection, { wasm: locateWasm(), workerScript: serverScript() });
}

export function startIpcServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  startServer(connection, { wasm: locateWasm(), workerScript: serverScript() });
}

/** The bundle running now: the scan worker is the same script. */
function serverScript(): string {
  return require.main?.filename ?? process.argv[1];
}
