// The workspace model: source files, their parsed programs and the module
// graph (Python package/relative imports; JS/TS relative imports, index files,
// re-exports and tsconfig/jsconfig `paths`). Pure: files come from a provider.
import { lowerJavaScript } from "../ir/javascript";
import { lowerPython } from "../ir/python";
import type { Language, ProgramIR } from "../ir/types";
import { languageForPath, parse } from "../parse/parser";
import { dirname, joinPath, normalizePath } from "./paths";
import { parseJsonc } from "./jsonc";

/** Where the workspace's text comes from: the file system for the CLI, open documents plus disk for the server. */
export interface FileProvider {
  read(path: string): string | undefined;
  exists(path: string): boolean;
}

export interface ParsedFile {
  path: string;
  language: Language;
  text: string;
  program: ProgramIR;
  /** Set when the parser or lowering gave up on part of the file. */
  note?: string;
}

const JS_EXTENSIONS = [".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts", ".d.ts"];

interface PathsConfig {
  baseUrl: string;
  paths: Array<{ pattern: string; targets: string[] }>;
}

export class Workspace {
  private readonly parsed = new Map<string, ParsedFile>();
  private readonly pathsConfigs = new Map<string, PathsConfig | null>();
  private readonly resolutions = new Map<string, string | null>();

  constructor(
    readonly root: string,
    private readonly files: FileProvider,
    private readonly parseBudgetMs?: number,
  ) {}

  /** Drops cached knowledge of a file after it changed. */
  invalidate(path: string): void {
    this.parsed.delete(path);
    this.resolutions.clear();
    if (/[jt]sconfig\.json$/.test(path)) this.pathsConfigs.clear();
  }

  /** Parses and lowers a file, cached until invalidated. Undefined when unreadable or not source. */
  getFile(path: string): ParsedFile | undefined {
    const cached = this.parsed.get(path);
    if (cached) return cached;
    const language = languageForPath(path);
    if (!language) return undefined;
    const text = this.files.read(path);
    if (text === undefined) return undefined;
    const parsed = parseSource(path, text, language, this.parseBudgetMs);
    this.parsed.set(path, parsed);
    return parsed;
  }

  /** Stores an already-parsed file (the editor parses incrementally). */
  setFile(file: ParsedFile): void {
    this.parsed.set(file.path, file);
  }

  /** Resolves an import specifier written in `fromFile` to a workspace file, or undefined for packages. */
  resolve(fromFile: string, specifier: string, language: Language): string | undefined {
    const key = `${fromFile}\u0000${specifier}`;
    const hit = this.resolutions.get(key);
    if (hit !== undefined) return hit ?? undefined;
    let result = language === "python" ? this.resolvePython(fromFile, specifier) : this.resolveJs(fromFile, specifier);
    // A module never imports itself by a package name: in `lib/openai.ts` with a `baseUrl`, `import OpenAI from "openai"` is the SDK.
    if (result === fromFile && !specifier.startsWith(".")) result = undefined;
    this.resolutions.set(key, result ?? null);
    return result;
  }

  /** The workspace root, or a folder with a `package.json` or `vercel.json` (a project inside a monorepo). */
  isProjectRoot(dir: string): boolean {
    if (dir === this.root) return true;
    return this.withinRoot(dir) && (this.files.exists(joinPath(dir, "package.json")) || this.files.exists(joinPath(dir, "vercel.json")));
  }

  private withinRoot(path: string): boolean {
    return path === this.root || path.startsWith(this.root.endsWith("/") ? this.root : this.root + "/");
  }

  private resolvePython(fromFile: string, specifier: string): string | undefined {
    const dots = /^\.*/.exec(specifier)![0].length;
    const rest = specifier.slice(dots).split(".").filter(Boolean);
    if (dots > 0) {
      let base = dirname(fromFile);
      for (let i = 1; i < dots; i++) base = dirname(base);
      return this.pythonModuleAt(base, rest);
    }
    // Absolute imports: try the importing file's ancestors as source roots, up to the workspace root.
    // A folder that is itself a package (it has `__init__.py`) is no source root: inside `llm/openai.py`,
    // `from openai import AsyncOpenAI` reaches the SDK, not the file (resolved question 22, shadowing).
    let dir = dirname(fromFile);
    for (;;) {
      const isPackage = dir !== this.root && this.files.exists(joinPath(dir, "__init__.py"));
      const found = isPackage ? undefined : this.pythonModuleAt(dir, rest);
      if (found && found !== fromFile) return found;
      if (!this.withinRoot(dir) || dir === this.root) break;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    for (const src of ["src", "app"]) {
      const found = this.pythonModuleAt(joinPath(this.root, src), rest);
      if (found) return found;
    }
    return undefined;
  }

  private pythonModuleAt(base: string, parts: string[]): string | undefined {
    if (parts.length === 0) {
      // `from .... import x` may climb above the root: files there are not the workspace's to read.
      const init = joinPath(base, "__init__.py");
      return this.withinRoot(init) && this.files.exists(init) ? init : undefined;
    }
    const stem = joinPath(base, ...parts);
    for (const candidate of [`${stem}.py`, joinPath(stem, "__init__.py")]) {
      if (this.withinRoot(candidate) && this.files.exists(candidate)) return candidate;
    }
    return undefined;
  }

  private resolveJs(fromFile: string, specifier: string): string | undefined {
    if (specifier.startsWith(".") || specifier.startsWith("/")) {
      const target = specifier.startsWith("/") ? normalizePath(specifier) : joinPath(dirname(fromFile), specifier);
      return this.jsFileAt(target);
    }
    const config = this.pathsConfigFor(fromFile);
    if (config) {
      for (const { pattern, targets } of config.paths) {
        const star = pattern.indexOf("*");
        let captured: string | undefined;
        if (star < 0) {
          if (pattern === specifier) captured = "";
        } else {
          const prefix = pattern.slice(0, star);
          const suffix = pattern.slice(star + 1);
          if (specifier.startsWith(prefix) && specifier.endsWith(suffix) && specifier.length >= prefix.length + suffix.length) {
            captured = specifier.slice(prefix.length, specifier.length - suffix.length);
          }
        }
        if (captured === undefined) continue;
        for (const target of targets) {
          const found = this.jsFileAt(joinPath(config.baseUrl, target.replace("*", captured)));
          if (found) return found;
        }
      }
      if (config.baseUrl) {
        const found = this.jsFileAt(joinPath(config.baseUrl, specifier));
        if (found) return found;
      }
    }
    // Without a config, the common `@/` and `~/` aliases point at the project or its src folder.
    const alias = /^[@~]\/(.*)$/.exec(specifier);
    if (alias) {
      let dir = dirname(fromFile);
      for (;;) {
        for (const candidate of [joinPath(dir, alias[1]), joinPath(dir, "src", alias[1])]) {
          const found = this.jsFileAt(candidate);
          if (found) return found;
        }
        if (dir === this.root || !this.withinRoot(dir)) break;
        const parent = dirname(dir);
        if (parent === dir) break;
        dir = parent;
      }
    }
    return undefined;
  }

  private jsFileAt(target: string): string | undefined {
    if (!this.withinRoot(target)) return undefined;
    if (languageForPath(target) && this.files.exists(target)) return target;
    // TypeScript ESM imports name the emitted .js file.
    const swapped = target.replace(/\.(m|c)?js$/, ".$1ts");
    if (swapped !== target && this.files.exists(swapped)) return swapped;
    const swappedX = target.replace(/\.jsx$/, ".tsx");
    if (swappedX !== target && this.files.exists(swappedX)) return swappedX;
    for (const ext of JS_EXTENSIONS) if (this.files.exists(target + ext)) return target + ext;
    for (const ext of JS_EXTENSIONS) if (this.files.exists(joinPath(target, "index" + ext))) return joinPath(target, "index" + ext);
    return undefined;
  }

  private pathsConfigFor(fromFile: string): PathsConfig | undefined {
    let dir = dirname(fromFile);
    for (;;) {
      const cached = this.pathsConfigs.get(dir);
      if (cached !== undefined) return cached ?? undefined;
      let config: PathsConfig | null = null;
      for (const name of ["tsconfig.json", "jsconfig.json"]) {
        const file = joinPath(dir, name);
        if (!this.files.exists(file)) continue;
        config = this.readPathsConfig(file, 0);
        if (config) break;
      }
      if (config) {
        this.pathsConfigs.set(dir, config);
        return config;
      }
      if (dir === this.root || !this.withinRoot(dir)) {
        this.pathsConfigs.set(dir, null);
        return undefined;
      }
      const parent = dirname(dir);
      if (parent === dir) return undefined;
      dir = parent;
    }
  }

  private readPathsConfig(file: string, depth: number): PathsConfig | null {
    const text = this.files.read(file);
    if (text === undefined) return null;
    const json = parseJsonc(text) as { extends?: unknown; compilerOptions?: { baseUrl?: unknown; paths?: unknown } } | undefined;
    if (!json || typeof json !== "object") return null;
    const options = json.compilerOptions ?? {};
    const dir = dirname(file);
    const baseUrl = typeof options.baseUrl === "string" ? joinPath(dir, options.baseUrl) : dir;
    const paths: PathsConfig["paths"] = [];
    if (options.paths && typeof options.paths === "object") {
      for (const [pattern, targets] of Object.entries(options.paths as Record<string, unknown>)) {
        if (Array.isArray(targets)) paths.push({ pattern, targets: targets.filter((t): t is string => typeof t === "string") });
      }
    }
    if (paths.length === 0 && typeof json.extends === "string" && json.extends.startsWith(".") && depth < 3) {
      return this.readPathsConfig(joinPath(dir, json.extends.endsWith(".json") ? json.extends : json.extends + ".json"), depth + 1);
    }
    if (paths.length === 0 && typeof options.baseUrl !== "string") return null;
    return { baseUrl, paths };
  }
}

export function parseSource(path: string, text: string, language: Language, budgetMs?: number): ParsedFile {
  const tree = parse(text, language, undefined, budgetMs);
  if (!tree) {
    const empty: ProgramIR = { language, body: [], types: [], comments: [], literals: [], syntaxErrors: [], hasJsx: false, truncated: `parsing stopped after ${budgetMs} ms` };
    return { path, language, text, program: empty, note: empty.truncated };
  }
  try {
    const program = language === "python" ? lowerPython(tree.rootNode) : lowerJavaScript(tree.rootNode, language);
    return { path, language, text, program, note: program.truncated };
  } finally {
    tree.delete();
  }
}
