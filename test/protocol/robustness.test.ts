// The language server stays up through hostile documents: 50,000 levels of nesting, 1 MB lines,
// files over the size limit, binary bytes, invalid UTF-8, BOM-only, CRLF, empty and half-typed code.
// Each gets a diagnostics answer within 10 s, and the server still answers correctly at the end.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { HoverRequest } from "vscode-languageserver-protocol/node";
import { LspClient } from "../harness/lspClient";
import { languageIdOf, pathologicalFiles } from "../harness/pathological";
import { ANSWER_LIMIT_MS, CHAT_APP, withLimit } from "../harness/programs";

describe("language server on pathological documents", function () {
  this.timeout(240_000);
  const files = pathologicalFiles();
  let root: string;
  let client: LspClient;

  before(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), "genai-lint-lsp-patho-"));
    for (const f of files) writeFileSync(path.join(root, f.name), f.bytes);
    client = new LspClient({ root });
    await client.initialize();
  });
  after(async () => {
    await client?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  for (const file of files) {
    it(`answers diagnostics for ${file.name} within ${ANSWER_LIMIT_MS / 1000} s`, async () => {
      // An editor decodes the bytes as UTF-8 (binary and invalid bytes become replacement characters).
      const uri = await client.open(file.name, file.bytes.toString("utf8"), languageIdOf(file.name));
      const items = await withLimit(client.pull(uri), file.name);
      if (file.expect === "too-large") assert.ok(items.some((d) => /1024/.test(d.message)), `a too-large notice: ${JSON.stringify(items)}`);
      if (file.name === "crlf.py") assert.ok(items.some((d) => d.code === "DIS001" && d.range.start.line === 9), JSON.stringify(items));
      // Code nested past the lowering limit is left out, and the editor says so; other files carry no such notice.
      const deepNotice = items.some((d) => d.code === undefined && /nested deeper than \d+ levels/.test(d.message));
      assert.equal(deepNotice, file.name.startsWith("deep_"), `${file.name}: ${JSON.stringify(items.filter((d) => d.code === undefined))}`);
      // A hover on the same document is answered too.
      await withLimit(client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } }), `hover on ${file.name}`);
    });
  }

  it("is still running and analysing correctly after all of them", async () => {
    assert.equal(client.process.exitCode, null, "the server process exited");
    const uri = await client.open("alive.py", CHAT_APP, "python");
    const items = await withLimit(client.pull(uri), "alive.py");
    assert.ok(items.some((d) => d.code === "DIS001"), JSON.stringify(items));
  });
});
