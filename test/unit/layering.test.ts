// The layers stay apart: the analysis core imports nothing from Node, the editor, the language server or the
// CLI; the extension client imports only the protocol module of the server (and vscode, Node, its own files).
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../conformance/suites";

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) sources(full, out);
    else if (name.endsWith(".ts")) out.push(full);
  }
  return out;
}

/** Module specifiers of a file's imports and exports-from (static, type-only and dynamic). */
function specifiers(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\b[^;'"]*?\bfrom\s+["']([^"']+)["']/gm)) out.push(m[1]);
  for (const m of text.matchAll(/^\s*import\s+["']([^"']+)["']/gm)) out.push(m[1]);
  for (const m of text.matchAll(/\b(?:import|require)\(\s*["']([^"']+)["']\s*\)/g)) out.push(m[1]);
  return out;
}

describe("layering", () => {
  it("keeps the analysis core pure: no node:, vscode, LSP, CLI or Node-only modules", () => {
    const core = path.join(REPO_ROOT, "server/src/core");
    const bad: string[] = [];
    for (const file of sources(core)) {
      for (const spec of specifiers(file)) {
        const resolved = spec.startsWith(".") ? path.resolve(path.dirname(file), spec) : spec;
        const outside = spec.startsWith(".") && !resolved.startsWith(core);
        if (spec.startsWith("node:") || /^(vscode|vscode-languageserver|vscode-languageclient|fs|path|os|child_process|worker_threads)(\/|$)/.test(spec) || outside) bad.push(`${path.relative(REPO_ROOT, file)}: ${spec}`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it("lets the client import only the protocol module of the server", () => {
    const client = path.join(REPO_ROOT, "client/src");
    const protocol = path.join(REPO_ROOT, "server/src/protocol");
    const bad: string[] = [];
    for (const file of sources(client)) {
      for (const spec of specifiers(file)) {
        if (!spec.startsWith(".")) continue;
        const resolved = path.resolve(path.dirname(file), spec);
        if (!resolved.startsWith(client) && !resolved.startsWith(protocol)) bad.push(`${path.relative(REPO_ROOT, file)}: ${spec}`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it("keeps every source file of the server and the client under 800 lines", () => {
    const long = [...sources(path.join(REPO_ROOT, "server/src")), ...sources(path.join(REPO_ROOT, "client/src"))]
      .map((f) => ({ f, lines: readFileSync(f, "utf8").split("\n").length }))
      .filter((x) => x.lines > 800)
      .map((x) => `${path.relative(REPO_ROOT, x.f)}: ${x.lines}`);
    assert.deepEqual(long, []);
  });
});
