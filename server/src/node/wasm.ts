// Finds the tree-sitter WASM files: next to the bundle once built, or in node_modules during development.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { WasmSources } from "../core/parse/parser";
import type { Language } from "../core/ir/types";

const GRAMMAR_FILES: Record<Language, string> = {
  python: "tree-sitter-python.wasm",
  javascript: "tree-sitter-javascript.wasm",
  typescript: "tree-sitter-typescript.wasm",
  tsx: "tree-sitter-tsx.wasm",
};

export function locateWasm(): WasmSources {
  const bundled = path.join(__dirname, "wasm");
  if (existsSync(path.join(bundled, "web-tree-sitter.wasm"))) {
    return { runtime: path.join(bundled, "web-tree-sitter.wasm"), grammar: (l) => path.join(bundled, GRAMMAR_FILES[l]) };
  }
  // Unbundled (tests, development): the packages in node_modules.
  const resolve = createRequire(__filename).resolve;
  const runtime = resolve("web-tree-sitter/web-tree-sitter.wasm");
  const grammarDir = path.join(path.dirname(resolve("@vscode/tree-sitter-wasm/package.json")), "wasm");
  return { runtime, grammar: (l) => path.join(grammarDir, GRAMMAR_FILES[l]) };
}
