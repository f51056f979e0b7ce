// A cheap look at a file's text before parsing it: most files of a repository cannot hold a
// finding, and a workspace scan need not parse them. A file is analysed when its text mentions an
// AI SDK or host, a key shape (SEC001), a consent name (CON002) or a genai-lint directive; or when
// it imports (directly or not) a file that calls AI, which makes web entry points and callers part
// of the analysis. Files left out are still followed when an analysed file imports them, and
// findings in them are still reported.
import { isConsentDecisionField } from "../analysis/names";
import { findCredentials, mayHoldCredentials } from "../detect/credentials";
import { AI_HOSTS, SDK_ENTRIES } from "../sdk/catalogue";
import type { Language } from "../ir/types";

interface ModuleNames {
  python: Set<string>;
  js: Set<string>;
  /** Prefixes of catalogue patterns (`@langchain/*`): any module starting so counts. */
  pythonPrefixes: string[];
  jsPrefixes: string[];
}

/** Module names of the SDKs and frameworks the analyser knows, from the catalogue's full names. */
function moduleRoots(names: readonly string[]): ModuleNames {
  const out: ModuleNames = { python: new Set(), js: new Set(), pythonPrefixes: [], jsPrefixes: [] };
  for (const name of names) {
    if (name.startsWith("*")) continue;
    const hash = name.indexOf("#");
    const js = hash >= 0 || name.startsWith("@") || name.includes("/");
    const mod = js ? (hash >= 0 ? name.slice(0, hash) : name) : name.split(".")[0];
    const star = mod.indexOf("*");
    if (star === 0 || !mod) continue;
    if (star > 0) (js ? out.jsPrefixes : out.pythonPrefixes).push(mod.slice(0, star));
    else (js ? out.js : out.python).add(mod);
  }
  return out;
}

const AI_MODULES = moduleRoots(SDK_ENTRIES.flatMap((e) => e.names));
/** The longest literal piece of each host pattern (`*.openai.azure.com` gives `.openai.azure.com`). */
const HOST_PIECES = [
  ...new Set(AI_HOSTS.map((h) => h.host.split("*").sort((a, b) => b.length - a.length)[0]).filter((h) => h.length >= 6)),
];

function mentionsHost(text: string): boolean {
  return HOST_PIECES.some((piece) => text.includes(piece));
}

export type Relevance = "ai" | "secret" | "consent" | "directive" | "dynamic";

/** A module loaded by a computed name (`import(\`./providers/${name}\`)`, `importlib.import_module(name)`): a blind spot the scan must note. */
function loadsComputedModule(text: string, language: Language): boolean {
  if (language === "python") return /\bimport_module\([ \t]*(?!["'][^"'{}]*["'][ \t]*\))/.test(text);
  return /(?:\bimport|\brequire)\([ \t]*(?!["'][^"'\n]*["'][ \t]*[,)]|`[^`$]*`[ \t]*[,)])[^)\s]/.test(text);
}

function mentionsModule(text: string, language: Language, modules: ModuleNames): boolean {
  if (language === "python") {
    for (const m of text.matchAll(/^[ \t]*(?:from[ \t]+([\w.]+)|import[ \t]+([\w., \t]+))/gm)) {
      for (const spec of (m[1] ?? m[2]).split(/[\s,]+/)) {
        if (modules.python.has(spec.split(".")[0]) || modules.pythonPrefixes.some((p) => spec.startsWith(p))) return true;
      }
    }
    return false;
  }
  for (const m of text.matchAll(/(?:\bfrom|\bimport|\brequire\(|\bimport\()[ \t]*["'`]([^"'`\n]{1,300})["'`]/g)) {
    const spec = m[1];
    const root = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0];
    if (modules.js.has(spec) || modules.js.has(root) || modules.jsPrefixes.some((p) => spec.startsWith(p))) return true;
  }
  return false;
}

/** Why a file's text may hold findings; empty when it cannot. */
export function textRelevance(text: string, language: Language, extraConsentNames: ReadonlySet<string> = new Set()): Set<Relevance> {
  const why = new Set<Relevance>();
  if (mentionsModule(text, language, AI_MODULES) || mentionsHost(text)) why.add("ai");
  if (mayHoldCredentials(text) && findCredentials(text).length > 0) why.add("secret");
  if (text.includes("genai-lint-disable")) why.add("directive");
  if (mayNameConsent(text, extraConsentNames)) why.add("consent");
  if (loadsComputedModule(text, language)) why.add("dynamic");
  return why;
}

const CONSENT_HINTS = ["consent", "opt", "allow", "permit", "agreed"];
const PERMISSION_HINTS = ["allow", "permit", "agreed"];
// The subjects isConsentName pairs with a permission word ("analytics_allowed").
const SUBJECT_HINTS = ["logging", "log", "tracking", "analytics", "training", "retention", "recording", "storage", "history", "personalis", "personaliz", "telemetry", "data"];

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c === 45;
}

/**
 * Whether any word of the text names a consent decision (what CON002 looks for), or a configured
 * consent name. Only the words around a hint ("consent", "opt", "allow", ...) are looked at.
 */
function mayNameConsent(text: string, extra: ReadonlySet<string>): boolean {
  for (const name of extra) if (text.includes(name)) return true;
  const lower = text.toLowerCase();
  const permission = PERMISSION_HINTS.some((h) => lower.includes(h)) && SUBJECT_HINTS.some((h) => lower.includes(h));
  const hints = permission ? CONSENT_HINTS : CONSENT_HINTS.filter((h) => !PERMISSION_HINTS.includes(h));
  const seen = new Set<number>();
  for (const hint of hints) {
    for (let at = lower.indexOf(hint); at >= 0; at = lower.indexOf(hint, at + hint.length)) {
      let start = at;
      while (start > 0 && at - start < 80 && isWordChar(text.charCodeAt(start - 1))) start--;
      if (seen.has(start)) continue;
      seen.add(start);
      let end = at + hint.length;
      while (end < text.length && end - start < 120 && isWordChar(text.charCodeAt(end))) end++;
      if (isConsentDecisionField(text.slice(start, end).replace(/-/g, "_"))) return true;
    }
  }
  return false;
}

export interface PrefilterFile {
  /** Absolute path, forward slashes. */
  path: string;
  language: Language;
  text: string;
}

/** Module specifiers a file imports, as written (`.ai`, `..lib.ai`, `./lib/ai`, `@/lib/ai`, `app.ai`). */
export function importSpecifiers(text: string, language: Language): string[] {
  const out: string[] = [];
  if (language === "python") {
    for (const m of text.matchAll(/^[ \t]*from[ \t]+([\w.]+)[ \t]+import[ \t]+([\w, \t()]+)/gm)) {
      out.push(m[1]);
      // `from . import ai`, `from pkg import ai`: the imported names may be modules.
      for (const n of m[2].split(/[\s,()]+/)) if (n && n !== "as") out.push(m[1].endsWith(".") ? `${m[1]}${n}` : `${m[1]}.${n}`);
    }
    for (const m of text.matchAll(/^[ \t]*import[ \t]+([\w., \t]+)/gm)) for (const n of m[1].split(/[\s,]+/)) if (n && n !== "as") out.push(n);
  } else {
    for (const m of text.matchAll(/(?:\bfrom|\bimport|\brequire\(|\bimport\()[ \t]*["'`]([^"'`\n]{1,300})["'`]/g)) out.push(m[1]);
  }
  return out;
}

function dirOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i > 0 ? path.slice(0, i) : "/";
}

function stripSourceExtension(path: string): string {
  return path.replace(/\.(?:py|[cm]?[jt]sx?)$/, "");
}

/**
 * Files an import may mean, without extensions, as the analyser would look for them: relative
 * imports from the importing file's folder, absolute Python imports from each folder above it (to
 * the root), path aliases (`@/`, `~/`) from the root and its `src`.
 */
function importTargets(from: string, spec: string, language: Language, root: string): string[] {
  if (language === "python") {
    const dots = /^\.*/.exec(spec)![0].length;
    const rest = spec.slice(dots).split(".").filter(Boolean).join("/");
    if (dots > 0) {
      let base = dirOf(from);
      for (let i = 1; i < dots; i++) base = dirOf(base);
      return [rest ? `${base}/${rest}` : base];
    }
    const out: string[] = [];
    for (let dir = dirOf(from); dir.startsWith(root); dir = dirOf(dir)) {
      out.push(`${dir}/${rest}`);
      if (dir === root || dirOf(dir) === dir) break;
    }
    out.push(`${root}/src/${rest}`, `${root}/app/${rest}`);
    return out;
  }
  if (spec.startsWith(".")) {
    const parts = [...dirOf(from).split("/"), ...spec.split("/")];
    const out: string[] = [];
    for (const p of parts) {
      if (p === "..") out.pop();
      else if (p !== "." && p !== "") out.push(p);
    }
    // `./llm.js` names the emitted file of `llm.ts` (or the file itself): compare without extensions.
    return [stripSourceExtension(`/${out.join("/")}`.replace(/^\/\//, "/"))];
  }
  // Path aliases (`@/lib/ai`, `~/lib/ai`, `$lib/ai`, `@app/lib/ai`, `#lib/ai`) map their first segment
  // to a folder set in some tsconfig: any file whose path ends with the rest may be meant. A package
  // import (`react-dom/client`) may match a workspace file too: that costs an analysis, never a finding.
  const slash = spec.indexOf("/");
  if (slash > 0 && slash < spec.length - 1) return [`${ANY_FOLDER}/${spec.slice(slash + 1)}`];
  return [];
}

/** Marks a target known only by its end (a path alias). */
const ANY_FOLDER = "\u0000";

function reaches(target: string, modules: ReadonlySet<string>): boolean {
  if (!target.startsWith(ANY_FOLDER)) return modules.has(target);
  const tail = target.slice(ANY_FOLDER.length);
  for (const m of modules) if (m.endsWith(tail)) return true;
  return false;
}

/**
 * The files to analyse: those whose text may hold findings, then (repeatedly) the files importing
 * one that calls AI, so that entry points and callers are seen as in a full analysis.
 */
export function selectFiles(files: readonly PrefilterFile[], root: string, extraConsentNames?: ReadonlySet<string>): Set<string> {
  const selected = new Set<string>();
  // Where a file is found when imported: its path without extension, and its folder for __init__ / index files.
  const reachedAt = (path: string): string[] => {
    const stem = stripSourceExtension(path);
    return /\/(?:__init__|index)$/.test(stem) ? [stem, dirOf(stem)] : [stem];
  };
  const aiModules = new Set<string>();
  const rest: Array<{ path: string; targets: string[] }> = [];
  for (const f of files) {
    const why = textRelevance(f.text, f.language, extraConsentNames);
    if (why.size > 0) {
      selected.add(f.path);
      if (why.has("ai")) for (const at of reachedAt(f.path)) aiModules.add(at);
    } else {
      rest.push({ path: f.path, targets: importSpecifiers(f.text, f.language).flatMap((spec) => importTargets(f.path, spec, f.language, root)) });
    }
  }
  for (let grew = true; grew; ) {
    grew = false;
    for (let i = rest.length - 1; i >= 0; i--) {
      const f = rest[i];
      if (!f.targets.some((t) => reaches(t, aiModules))) continue;
      selected.add(f.path);
      for (const at of reachedAt(f.path)) aiModules.add(at);
      rest.splice(i, 1);
      grew = true;
    }
  }
  return selected;
}
