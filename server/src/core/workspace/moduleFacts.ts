// Cheap per-file facts from the program model, computed before the flow engine
// runs: imported modules, names that are called, and whether the file is server code.
import { forEachChildExpr, forEachStmtPart } from "../ir/walk";
import type { Expr, ProgramIR, Stmt } from "../ir/types";
import { isServerFrameworkName } from "../sdk/frameworks";
import { fileUnderFolder, isPagesApiPath, isRouteHandlerPath } from "./routePaths";

export interface ModuleFacts {
  /** Module specifiers as written: imports, re-exports, `require()` and `import()` of constant strings. */
  imports: string[];
  /** Full names of imported members (`flask.Flask`, `express#`), to tell frameworks. */
  importedNames: string[];
  /** Names that appear as callees or are passed around as values. */
  calledNames: Set<string>;
  /** Defines request, bot, queue or serverless handlers by shape (worker exports, lambda handlers). */
  definesHandlers: boolean;
}

export function moduleFacts(program: ProgramIR, path: string): ModuleFacts {
  const imports: string[] = [];
  const importedNames: string[] = [];
  const calledNames = new Set<string>();
  let definesHandlers = isRouteHandlerPath(path) || isPagesApiPath(path) || fileUnderFolder(path, "app", /^page\.(tsx|jsx)$/);
  const py = program.language === "python";
  const workerObjects = new Set<string>();
  let defaultExportName: string | undefined;

  const visitExpr = (e: Expr | undefined): void => {
    if (!e) return;
    if (e.k === "call") {
      const c = e.callee;
      if (c.k === "name") {
        calledNames.add(c.name);
        if ((c.name === "require" || c.name === "import") && e.args[0]?.value.k === "str") {
          imports.push(e.args[0].value.value);
          importedNames.push(`${e.args[0].value.value}#`);
        }
      } else if (c.k === "member") calledNames.add(c.prop);
      for (const a of e.args) {
        if (a.value.k === "name") calledNames.add(a.value.name);
        else if (a.value.k === "member") calledNames.add(a.value.prop);
      }
    } else if (e.k === "jsx") {
      if (/^[A-Z]/.test(e.tag)) calledNames.add(e.tag.split(".").pop()!);
      for (const a of e.attrs) if (a.value?.k === "name") calledNames.add(a.value.name);
    } else if (e.k === "func") {
      visitStmts(e.fn.body);
      return;
    } else if (e.k === "object") {
      for (const en of e.entries) if (en.value.k === "name") calledNames.add(en.value.name);
    }
    forEachChildExpr(e, visitExpr);
  };
  const visitStmts = (stmts: readonly Stmt[]): void => {
    for (const s of stmts) {
      switch (s.k) {
        case "import":
          imports.push(s.imp.module);
          for (const n of s.imp.names) {
            importedNames.push(py ? (n.imported === "*" ? s.imp.module : `${s.imp.module}.${n.imported}`) : `${s.imp.module}#${n.imported === "*" || n.imported === "default" ? "" : n.imported}`);
          }
          continue;
        case "exportNames":
          if (s.from) imports.push(s.from);
          for (const n of s.names) calledNames.add(n.local);
          continue;
        case "exportAll":
          imports.push(s.from);
          continue;
        case "exportDefault":
          if (s.expr.k === "name") calledNames.add(s.expr.name);
          if (s.expr.k === "object" && isWorkerObject(s.expr)) definesHandlers = true;
          if (s.expr.k === "name") defaultExportName = s.expr.name;
          visitExpr(s.expr);
          continue;
        case "func":
          for (const d of s.fn.decorators) visitExpr(d);
          if (s.fn.exported && /^(handler|lambda_handler)$/.test(s.fn.name ?? "")) definesHandlers = true;
          if (py && /^(lambda_handler)$/.test(s.fn.name ?? "")) definesHandlers = true;
          for (const p of s.fn.params) visitExpr(p.default);
          visitStmts(s.fn.body);
          continue;
        case "class":
          for (const b of s.cls.bases) visitExpr(b);
          for (const d of s.cls.decorators) visitExpr(d);
          visitStmts(s.cls.body);
          continue;
        case "assign":
          if (s.exported && s.targets.some((t) => t.k === "name" && /^(handler|GET|POST|PUT|PATCH|DELETE)$/.test(t.name))) definesHandlers = true;
          if (s.value?.k === "object" && isWorkerObject(s.value)) for (const t of s.targets) if (t.k === "name") workerObjects.add(t.name);
          break;
        default:
          break;
      }
      forEachStmtPart(s, visitExpr, visitStmts);
    }
  };
  visitStmts(program.body);
  // `const worker = { fetch }; export default worker;`
  if (defaultExportName && workerObjects.has(defaultExportName)) definesHandlers = true;
  return { imports, importedNames, calledNames, definesHandlers };
}

/** A Workers-style module object: `{ fetch }`, `{ scheduled }`, `{ queue }`. */
function isWorkerObject(e: Extract<Expr, { k: "object" }>): boolean {
  return e.entries.some((en) => en.key === "fetch" || en.key === "scheduled" || en.key === "queue");
}

/** A file is server code when it imports a web, bot, UI or worker framework, or defines handlers (resolved question 3). */
export function isDirectlyServerCode(facts: ModuleFacts): boolean {
  return facts.definesHandlers || facts.importedNames.some((n) => isServerFrameworkName(n));
}
