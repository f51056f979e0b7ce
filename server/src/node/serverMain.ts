// Language server entry (filled in by the editor-experience work).
export function startStdioServer(): void {
  process.stderr.write("genai-lint: the language server is not available in this build\n");
  process.exitCode = 2;
}
