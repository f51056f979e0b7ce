// Walks the scanned paths on disk: default exclusions, .gitignore, include/exclude globs, size and minified checks.
import { readdirSync, readFileSync, statSync, existsSync, type Dirent } from "node:fs";
import path from "node:path";
import { SOURCE_EXTENSIONS } from "../core/parse/parser";
import { DEFAULT_EXCLUDED_DIRS, GitIgnore, isMinifiedName, MAX_FILE_BYTES, type SkipReason } from "../core/workspace/discovery";
import type { GlobMatcher } from "../core/util/glob";

export interface DiscoveredFiles {
  files: string[];
  skipped: Array<{ file: string; reason: SkipReason }>;
  /** Folders not entered at all (node_modules, virtual environments, ...). */
  excludedFolders: string[];
}

export interface DiscoverOptions {
  /** Workspace root, for relative paths in include/exclude globs. */
  root: string;
  include?: GlobMatcher;
  exclude?: GlobMatcher;
  maxFileBytes?: number;
}

const SOURCE = new Set(SOURCE_EXTENSIONS);

export function isSourceFile(file: string): boolean {
  return SOURCE.has(path.extname(file).toLowerCase());
}

export function toPosix(p: string): string {
  return p.split(path.sep).join("/");
}

export function discover(paths: readonly string[], options: DiscoverOptions): DiscoveredFiles {
  const out: DiscoveredFiles = { files: [], skipped: [], excludedFolders: [] };
  const maxBytes = options.maxFileBytes ?? MAX_FILE_BYTES;
  const rel = (p: string) => toPosix(path.relative(options.root, p)) || ".";

  /** `unread`: why a file that is not a regular one is left unread, once ignores and globs have had their say. */
  const visitFile = (file: string, ignores: Array<{ dir: string; rules: GitIgnore }>, explicit: boolean, unread?: SkipReason): void => {
    if (!isSourceFile(file)) return;
    const relative = rel(file);
    if (!explicit && isIgnored(file, false, ignores)) {
      out.skipped.push({ file, reason: "gitignored" });
      return;
    }
    if (options.exclude?.(relative) || (options.include && !options.include(relative))) {
      out.skipped.push({ file, reason: "excluded-by-config" });
      return;
    }
    if (unread) {
      out.skipped.push({ file, reason: unread });
      return;
    }
    if (isMinifiedName(file)) {
      out.skipped.push({ file, reason: "minified" });
      return;
    }
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      out.skipped.push({ file, reason: "unreadable" });
      return;
    }
    if (size > maxBytes) {
      out.skipped.push({ file, reason: "too-large" });
      return;
    }
    out.files.push(file);
  };

  const visitDir = (dir: string, ignores: Array<{ dir: string; rules: GitIgnore }>): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      // Its files cannot be listed: the folder itself stands for them in the coverage.
      out.skipped.push({ file: dir, reason: "unreadable" });
      return;
    }
    const gitignore = path.join(dir, ".gitignore");
    let scoped = ignores;
    if (entries.some((e) => e.name === ".gitignore" && e.isFile())) {
      try {
        scoped = [...ignores, { dir, rules: new GitIgnore(readFileSync(gitignore, "utf8")) }];
      } catch {
        /* unreadable .gitignore: no rules */
      }
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (DEFAULT_EXCLUDED_DIRS.has(entry.name) || existsSync(path.join(full, "pyvenv.cfg"))) {
          out.excludedFolders.push(full);
          continue;
        }
        if (isIgnored(full, true, scoped)) {
          out.excludedFolders.push(full);
          continue;
        }
        visitDir(full, scoped);
      } else if (entry.isFile()) visitFile(full, scoped, false);
      else if (entry.isSymbolicLink()) {
        if (isSourceFile(full)) visitFile(full, scoped, false, "symlink");
        else if (isDirectory(full) && !isIgnored(full, true, scoped) && !DEFAULT_EXCLUDED_DIRS.has(entry.name)) out.excludedFolders.push(full);
      } else visitFile(full, scoped, false, "not-a-regular-file");
    }
  };

  for (const p of paths) {
    const abs = path.resolve(p);
    let st;
    try {
      st = statSync(abs);
    } catch {
      continue;
    }
    if (st.isDirectory()) visitDir(abs, ancestorIgnores(abs, options.root));
    else visitFile(abs, ancestorIgnores(path.dirname(abs), options.root), true, st.isFile() ? undefined : "not-a-regular-file");
  }
  return out;
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** .gitignore files of the folders between the workspace root and `dir`. */
function ancestorIgnores(dir: string, root: string): Array<{ dir: string; rules: GitIgnore }> {
  const out: Array<{ dir: string; rules: GitIgnore }> = [];
  const chain: string[] = [];
  let d = dir;
  for (;;) {
    chain.unshift(d);
    if (d === root || path.dirname(d) === d || !d.startsWith(root)) break;
    d = path.dirname(d);
  }
  for (const c of chain.slice(0, -1)) {
    const file = path.join(c, ".gitignore");
    if (existsSync(file)) {
      try {
        out.push({ dir: c, rules: new GitIgnore(readFileSync(file, "utf8")) });
      } catch {
        /* ignore */
      }
    }
  }
  return out;
}

function isIgnored(file: string, isDir: boolean, ignores: Array<{ dir: string; rules: GitIgnore }>): boolean {
  let ignored = false;
  for (const { dir, rules } of ignores) {
    const verdict = rules.ignores(toPosix(path.relative(dir, file)), isDir);
    if (verdict !== undefined) ignored = verdict;
  }
  return ignored;
}
