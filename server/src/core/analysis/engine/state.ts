// State set by a function for others to read (resolved question 22): module bindings assigned in an init
// function (`global client` in Python, a module `let` in JS), and attributes an object gets in any of its
// methods (`def connect(self): self.client = OpenAI()`), not only in its constructor.
import type { Expr, FunctionDef, Pattern, Stmt } from "../../ir/types";
import { forEachChildExpr, forEachStmtPart } from "../../ir/walk";
import type { ModuleState } from "../scope";
import type { Value } from "../values";
import { Engine } from "./engineCore";
import { BudgetExceeded } from "./helpers";

declare module "./engineCore" {
  interface Engine {
    runStateInitialisers(mod: ModuleState): void;
  }
}

/**
 * After a module's top level ran: every top-level function that assigns the module's own bindings runs
 * once, so that whatever reads them (a getter, a route, another module) sees what they hold whichever
 * runs first. Handlers are left to their own phase, where they run with their framework's arguments.
 */
Engine.prototype.runStateInitialisers = function (this: Engine, mod: ModuleState): void {
  // ES exports are live bindings: `export let client` shows what an init function assigned later.
  const live = [...mod.exports].filter(([name, v]) => mod.scope.vars.get(name) === v).map(([name]) => name);
  for (const entry of [...mod.functions]) {
    const { fn } = entry;
    if (entry.scope !== mod.scope || entry.className || fn.isMethod) continue;
    const key = `${mod.file}:${fn.id}`;
    if (this.invoked.has(key) || this.evaluatedEntries.has(key) || mod.handlers.has(fn.id) || this.routeExportRole(mod, fn)) continue;
    if (moduleStateAssigned(fn, mod).length === 0) continue;
    this.evaluatedEntries.add(key);
    try {
      this.invokeFunction(fn, entry.scope, mod, this.paramValuesFor(mod, fn, undefined), undefined, { guard: {}, depth: 0, entry: true });
    } catch (err) {
      if (!(err instanceof BudgetExceeded)) throw err;
    }
  }
  for (const name of live) mod.exports.set(name, mod.scope.vars.get(name)!);
};

/**
 * Module bindings a function assigns: in Python the names it declares `global` and assigns, in JS the
 * names bound at the module's top level that it assigns without declaring them itself.
 */
export function moduleStateAssigned(fn: FunctionDef, mod: ModuleState): string[] {
  const assigned = new Set<string>();
  const declared = new Set<string>();
  const globals = new Set<string>();
  const py = mod.language === "python";
  for (const p of fn.params) patternNames(p.pattern, declared);
  const visitExpr = (e: Expr | undefined): void => {
    if (!e || e.k === "func" || e.k === "class") return;
    if (e.k === "assign") patternNames(e.target, assigned);
    forEachChildExpr(e, visitExpr);
  };
  const visitStmts = (stmts: readonly Stmt[]): void => {
    for (const s of stmts) {
      if (s.k === "func" || s.k === "class") {
        const name = s.k === "func" ? s.fn.name : s.cls.name;
        if (name) declared.add(name);
        continue;
      }
      if (s.k === "global" && !s.nonlocal) for (const n of s.names) globals.add(n);
      if (s.k === "assign") for (const t of s.targets) patternNames(t, s.decl ? declared : assigned);
      if (s.k === "loop" && s.target) patternNames(s.target, declared);
      if (s.k === "try") for (const h of s.handlers) if (h.param) patternNames(h.param, declared);
      forEachStmtPart(s, visitExpr, (b) => visitStmts(b));
    }
  };
  visitStmts(fn.body);
  if (py) return [...assigned].filter((n) => globals.has(n));
  return [...assigned].filter((n) => !declared.has(n) && mod.scope.vars.has(n) && !isFunctionValue(mod.scope.vars.get(n)));
}

function isFunctionValue(v: Value | undefined): boolean {
  return v?.ref?.k === "function" || v?.ref?.k === "class";
}

function patternNames(p: Pattern, out: Set<string>): void {
  switch (p.k) {
    case "name":
      out.add(p.name);
      return;
    case "objpat":
      for (const prop of p.props) patternNames(prop.target, out);
      if (p.rest) patternNames(p.rest, out);
      return;
    case "arrpat":
      for (const el of p.elements) if (el) patternNames(el, out);
      if (p.rest) patternNames(p.rest, out);
      return;
    case "default":
      patternNames(p.target, out);
      return;
    default:
      return;
  }
}
