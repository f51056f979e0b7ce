// Which files a scan reads (resolved question 16): default folder exclusions,
// .gitignore, size limits and minified files. Pure: the caller lists folders.
import { compileGlob } from "../util/glob";

export const DEFAULT_EXCLUDED_DIRS: ReadonlySet<string> = new Set([
  "node_modules", "venv", ".venv", "site-packages", "dist", "build", "out", ".next", "coverage", "vendor", "third_party", "__pycache__", ".git",
  ".hg", ".svn", ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".turbo", ".vercel", ".svelte-kit", ".nuxt", ".output", ".cache", ".parcel-cache", "bower_components", ".yarn",
]);

/** Files larger than this are skipped and reported in coverage. */
export const MAX_FILE_BYTES = 1024 * 1024;

/** Time a scan gives each file, for parsing and again for evaluation, before it notes the file as cut short and moves on. */
export const DEFAULT_FILE_BUDGET_MS = 10_000;

export type SkipReason =
  | "too-large"
  | "minified"
  | "gitignored"
  | "excluded-by-config"
  | "binary"
  | "unreadable"
  | "not-utf8"
  | "analysis-timeout"
  // Links are not followed (they may lead out of the workspace or in a circle); scan their target instead.
  | "symlink"
  // A pipe, socket or device with a source extension: reading it could block or never end.
  | "not-a-regular-file";

export function isMinifiedName(path: string): boolean {
  return /\.min\.(js|mjs|cjs)$/i.test(path) || /[.-]bundle\.min\./i.test(path);
}

/**
 * Trailing spaces of a .gitignore line are ignored unless escaped with a backslash.
 * A loop, not `/(?<!\\)\s+$/`: that regex is quadratic on long runs of spaces.
 */
function withoutTrailingSpace(line: string): string {
  let end = line.trimEnd().length;
  // `foo\ ` keeps its escaped space.
  if (end < line.length && end > 0 && line[end - 1] === "\\") end++;
  return line.slice(0, end);
}

interface IgnoreRule {
  negate: boolean;
  dirOnly: boolean;
  match: (relative: string) => boolean;
}

/** Rules of one .gitignore file, relative to the folder that holds it. */
export class GitIgnore {
  private readonly rules: IgnoreRule[] = [];

  constructor(text: string) {
    for (const rawLine of text.split(/\r?\n/)) {
      let line = withoutTrailingSpace(rawLine);
      if (!line || line.startsWith("#")) continue;
      const negate = line.startsWith("!");
      if (negate) line = line.slice(1);
      const dirOnly = line.endsWith("/");
      const glob = compileGlob(line, { gitignore: true });
      this.rules.push({ negate, dirOnly, match: glob });
    }
  }

  /** Whether a path (relative to this file's folder) is ignored; `undefined` when no rule speaks of it. */
  ignores(relative: string, isDir: boolean): boolean | undefined {
    let result: boolean | undefined;
    for (const rule of this.rules) {
      if (rule.dirOnly && !isDir) continue;
      if (rule.match(relative)) result = !rule.negate;
    }
    return result;
  }
}
