// Runs the flow engine over a set of workspace files and returns its facts.
import { findPersonalData } from "../detect/personalData";
import type { Workspace } from "../workspace/workspace";
import { isDirectlyServerCode, moduleFacts, type ModuleFacts } from "../workspace/moduleFacts";
import { isRootApiPath } from "../workspace/routePaths";
import { Engine, type Vocabulary } from "./engine/index";
import type { Facts } from "./facts";

export interface EngineRun {
  facts: Facts;
  serverFiles: ReadonlySet<string>;
  timedOut: boolean;
  /** Files whose evaluation ran out of the per-file budget. */
  filesCutShort: string[];
  /** Files whose evaluation failed, with the error. */
  filesFailed: Array<{ file: string; error: string }>;
  /** Workspace files read while analysing (dependencies of the findings). */
  loaded: string[];
}

export interface EngineLimits {
  /** Time limit of each file's evaluation, in ms. */
  fileBudgetMs?: number;
  /** Clock of the limits (tests count steps instead of milliseconds). */
  now?: () => number;
  /** Progress of the evaluation (see EngineOptions.onProgress). */
  onProgress?: (done: number, total: number) => void;
}

export function runEngine(workspace: Workspace, files: readonly string[], vocabulary: Vocabulary, deadline?: number, limits: EngineLimits = {}): EngineRun {
  const perFile = new Map<string, ModuleFacts>();
  const factsOf = (path: string): ModuleFacts | undefined => {
    const parsed = workspace.getFile(path);
    if (!parsed) return undefined;
    const facts = moduleFacts(parsed.program, path);
    // A Vercel function (a script in a project's root `api` folder) handles requests: server code.
    if (!facts.definesHandlers && isRootApiPath(path, (dir) => workspace.isProjectRoot(dir))) facts.definesHandlers = true;
    return facts;
  };
  for (const path of files) {
    const f = factsOf(path);
    if (f) perFile.set(path, f);
  }
  // Server code: files that are, and every workspace module they import, directly or not.
  const server = new Set<string>();
  const stack = [...perFile.entries()].filter(([, f]) => isDirectlyServerCode(f)).map(([p]) => p);
  while (stack.length) {
    const path = stack.pop()!;
    if (server.has(path)) continue;
    server.add(path);
    const facts = perFile.get(path) ?? (() => {
      const f = factsOf(path);
      if (f) perFile.set(path, f);
      return f;
    })();
    const language = workspace.getFile(path)?.language;
    if (!facts || !language) continue;
    for (const spec of facts.imports) {
      const target = workspace.resolve(path, spec, language);
      if (target && !server.has(target)) stack.push(target);
    }
  }
  const calledNames = new Set<string>();
  for (const f of perFile.values()) for (const n of f.calledNames) calledNames.add(n);
  const engine = new Engine(workspace, {
    vocabulary,
    isServerFile: (file) => server.has(file),
    personalLiteral: (file, start, end) => {
      const text = workspace.getFile(file)?.text.slice(start, end);
      const m = text ? findPersonalData(text)[0] : undefined;
      return m?.kind;
    },
    calledNames,
    deadline,
    fileBudgetMs: limits.fileBudgetMs,
    now: limits.now,
    onProgress: limits.onProgress,
  });
  engine.analyzeFiles(files);
  return { facts: engine.facts, serverFiles: server, timedOut: engine.timedOut, filesCutShort: [...engine.filesCutShort], filesFailed: [...engine.filesFailed].map(([file, error]) => ({ file, error })), loaded: engine.loadedFiles() };
}
