// Tree-sitter front door: loads the WASM grammars once and parses text.
// The core never touches the file system: callers say where the WASM files are.
import { Language as GrammarLanguage, Parser, type Tree } from "web-tree-sitter";
import type { Language } from "../ir/types";

/** Where the tree-sitter runtime and grammar WASM files are, or their bytes. */
export interface WasmSources {
  runtime: string;
  grammar(language: Language): string | Uint8Array;
}

const grammars = new Map<Language, GrammarLanguage>();
const parsers = new Map<Language, Parser>();
let initialised: Promise<void> | undefined;

export function initParsing(sources: WasmSources): Promise<void> {
  initialised ??= (async () => {
    await Parser.init({ locateFile: () => sources.runtime });
    for (const language of ["python", "javascript", "typescript", "tsx"] as const) {
      grammars.set(language, await GrammarLanguage.load(sources.grammar(language)));
    }
  })();
  return initialised;
}

export function isParsingReady(): boolean {
  return grammars.size === 4;
}

const EXTENSIONS: Record<string, Language> = {
  ".py": "python",
  ".pyi": "python",
  ".js": "javascript",
  ".mjs": "javascript",
  ".cjs": "javascript",
  ".jsx": "javascript",
  ".ts": "typescript",
  ".mts": "typescript",
  ".cts": "typescript",
  ".tsx": "tsx",
};

export const SOURCE_EXTENSIONS: readonly string[] = Object.keys(EXTENSIONS).filter((e) => e !== ".pyi");

export function languageForPath(path: string): Language | undefined {
  const dot = path.lastIndexOf(".");
  if (dot < 0) return undefined;
  return EXTENSIONS[path.slice(dot).toLowerCase()];
}

export function isPythonLike(language: Language): boolean {
  return language === "python";
}

const INPUT_SLICE = 4096;

/**
 * Parses `text`. Passing the previous tree of the same document (already
 * `edit()`ed) lets tree-sitter reuse unchanged subtrees.
 */
export function parse(text: string, language: Language, oldTree?: Tree, budgetMs?: number): Tree | null {
  const grammar = grammars.get(language);
  if (!grammar) throw new Error("parsers are not initialised: call initParsing() first");
  let parser = parsers.get(language);
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(grammar);
    parsers.set(language, parser);
  }
  // Text in slices: given the whole string, the runtime copies up to 10 KB at every position the
  // parser asks for, which makes an incremental re-parse (many short reads) several times slower.
  const input = (index: number) => text.slice(index, index + INPUT_SLICE);
  if (budgetMs === undefined) return parser.parse(input, oldTree ?? null);
  const deadline = Date.now() + budgetMs;
  const tree = parser.parse(input, oldTree ?? null, { progressCallback: () => Date.now() > deadline });
  if (!tree) parser.reset();
  return tree;
}
