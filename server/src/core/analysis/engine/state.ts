// State set by a function for others to read (resolved question 22): module bindings assigned in an init
// function (`global client` in Python, a module `let` in JS), and attributes an object gets in any of its
// methods (`def connect(self): self.client = OpenAI()`), not only in its constructor.
import type { ClassDef, Expr, FunctionDef, Pattern, Stmt } from "../../ir/types";
import { forEachChildExpr, forEachStmtPart } from "../../ir/walk";
import { type Frame, lookup, type ModuleState } from "../scope";
import { type ModuleContext, type Scope, Value } from "../values";
import { Engine } from "./engineCore";
import { BudgetExceeded } from "./helpers";

declare module "./engineCore" {
  interface Engine {
    runStateInitialisers(mod: ModuleState): void;
    runStateInitialiser(mod: ModuleState, entry: ModuleState["functions"][number]): void;
    initialiseModuleState(scope: Scope, name: string): Value | undefined;
    classChain(cls: ClassDef, mod: ModuleContext): Array<{ cls: ClassDef; scope: Scope; module: ModuleContext }>;
    instanceMember(obj: Value, prop: string, frame: Frame | undefined): Value | undefined;
    quietly<T>(work: () => T): T;
  }
}

/** Methods already run for an object's missing attributes, so each runs once per object. */
const attributeRuns = new WeakMap<Value, Set<string>>();

/**
 * After a module's top level ran: every top-level function that assigns the module's own bindings runs
 * once, so that whatever reads them (a getter, a route, another module) sees what they hold whichever
 * runs first. Handlers are left to their own phase, where they run with their framework's arguments.
 */
Engine.prototype.runStateInitialisers = function (this: Engine, mod: ModuleState): void {
  // ES exports are live bindings: `export let client` shows what an init function assigned later.
  const live = [...mod.exports].filter(([name, v]) => mod.scope.vars.get(name) === v).map(([name]) => name);
  for (const entry of [...mod.functions]) {
    if (entry.scope === mod.scope && moduleStateAssigned(entry.fn, mod).length > 0) this.runStateInitialiser(mod, entry);
  }
  for (const name of live) mod.exports.set(name, mod.scope.vars.get(name)!);
};

Engine.prototype.runStateInitialiser = function (this: Engine, mod: ModuleState, entry: ModuleState["functions"][number]): void {
  const { fn } = entry;
  if (entry.className || fn.isMethod) return;
  const key = `${mod.file}:${fn.id}`;
  if (this.invoked.has(key) || this.evaluatedEntries.has(key) || this.callStack.includes(fn.id) || mod.handlers.has(fn.id) || this.routeExportRole(mod, fn)) return;
  // Run during a quiet evaluation, it still runs for real later (its findings are not recorded now).
  if (!this.facts.muted) this.evaluatedEntries.add(key);
  try {
    this.invokeFunction(fn, entry.scope, mod, this.paramValuesFor(mod, fn, undefined), undefined, { guard: {}, depth: 0, entry: true });
  } catch (err) {
    if (!(err instanceof BudgetExceeded)) throw err;
  }
};

/**
 * A module binding read while it is still unset (`let traced: OpenAI;` read by a route evaluated where
 * it is registered, before the `initTracing()` at the bottom of the file): the functions that assign
 * it run first, as they would before any request arrives. The new value, or undefined.
 */
Engine.prototype.initialiseModuleState = function (this: Engine, scope: Scope, name: string): Value | undefined {
  let s: Scope | undefined = scope;
  while (s && !s.vars.has(name)) s = s.parent;
  const mod = s ? moduleOfScope.get(s) : undefined;
  if (!mod || !s) return undefined;
  for (const entry of [...mod.functions]) {
    if (entry.scope !== mod.scope || !moduleStateAssigned(entry.fn, mod).includes(name)) continue;
    this.runStateInitialiser(mod, entry);
  }
  const now = s.vars.get(name);
  return now && !isUnset(now) ? now : undefined;
};

/** The module each module scope belongs to (set when the module loads). */
export const moduleOfScope = new WeakMap<Scope, ModuleState>();

/** A binding that holds nothing yet: `let client;`, `client = None`. */
export function isUnset(v: Value): boolean {
  return v.isEmpty() && v.str === undefined && (v.constant === undefined || v.constant === null);
}

/**
 * Module bindings a function assigns: in Python the names it declares `global` and assigns, in JS the
 * names bound at the module's top level that it assigns without declaring them itself.
 */
export function moduleStateAssigned(fn: FunctionDef, mod: ModuleState): string[] {
  const { assigned, declared, globals } = assignmentsOf(fn);
  if (mod.language === "python") return [...assigned].filter((n) => globals.has(n));
  return [...assigned].filter((n) => !declared.has(n) && mod.scope.vars.has(n) && !isFunctionValue(mod.scope.vars.get(n)));
}

/** What a function assigns, declares and declares global, read once per function. */
const assignmentIndex = new WeakMap<FunctionDef, { assigned: Set<string>; declared: Set<string>; globals: Set<string> }>();
function assignmentsOf(fn: FunctionDef): { assigned: Set<string>; declared: Set<string>; globals: Set<string> } {
  const hit = assignmentIndex.get(fn);
  if (hit) return hit;
  const assigned = new Set<string>();
  const declared = new Set<string>();
  const globals = new Set<string>();
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
  const out = { assigned, declared, globals };
  assignmentIndex.set(fn, out);
  return out;
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

/** A workspace class and its workspace base classes, nearest first. */
Engine.prototype.classChain = function (this: Engine, cls: ClassDef, mod: ModuleContext): Array<{ cls: ClassDef; scope: Scope; module: ModuleContext }> {
  const out: Array<{ cls: ClassDef; scope: Scope; module: ModuleContext }> = [];
  const own = cls.name ? lookup(this.moduleFor(mod.file).scope, cls.name) : undefined;
  let current: { cls: ClassDef; scope: Scope; module: ModuleContext } | undefined = { cls, scope: own?.ref?.k === "class" && own.ref.cls === cls ? own.ref.scope : this.moduleFor(mod.file).scope, module: mod };
  const seen = new Set<ClassDef>();
  while (current && !seen.has(current.cls) && out.length < 6) {
    seen.add(current.cls);
    out.push(current);
    const from: { cls: ClassDef; scope: Scope; module: ModuleContext } = current;
    current = undefined;
    for (const b of from.cls.bases) {
      const base = b.k === "name" ? lookup(from.scope, b.name) : undefined;
      if (base?.ref?.k === "class") {
        current = { cls: base.ref.cls, scope: base.ref.scope, module: base.ref.module };
        break;
      }
    }
  }
  return out;
};

/**
 * A member of a workspace object that its own class body does not give: a method or class attribute
 * of a workspace base class, or an attribute one of its methods sets (`def connect(self): self.client =
 * OpenAI()`, Django's `setup()`): those methods run, quietly, on the object to find what it holds.
 */
Engine.prototype.instanceMember = function (this: Engine, obj: Value, prop: string, frame: Frame | undefined): Value | undefined {
  const ref = obj.ref;
  if (ref?.k !== "instance" || !ref.cls || !ref.module) return undefined;
  const chain = this.classChain(ref.cls, ref.module);
  for (const [i, link] of chain.entries()) {
    for (const st of link.cls.body) {
      // Inherited methods (the class's own are found by the caller).
      if (i > 0 && st.k === "func" && st.fn.name === prop) return Value.of({ k: "function", fn: st.fn, scope: link.scope, module: link.module, boundThis: obj });
      // Python class attributes: `client = OpenAI()` in the class body.
      if (st.k === "assign" && st.value && st.targets.some((t) => t.k === "name" && t.name === prop) && frame) {
        const mod = this.moduleFor(link.module.file);
        return this.eval(st.value, this.newFrame(mod, undefined, `${mod.file}:${link.cls.id}`, link.scope, { depth: frame.depth + 1 }));
      }
    }
  }
  const runs = attributeRuns.get(obj) ?? new Set<string>();
  attributeRuns.set(obj, runs);
  for (const link of chain) {
    for (const fn of settersOf(link.cls, prop)) {
      const key = `${link.module.file}:${fn.id}`;
      if (runs.has(key) || this.callStack.includes(fn.id)) continue;
      runs.add(key);
      const mod = this.moduleFor(link.module.file);
      this.quietly(() => this.invokeFunction(fn, link.scope, mod, this.paramValuesFor(mod, fn, undefined), obj, { guard: {}, depth: (frame?.depth ?? 0) + 1, entry: true }));
      const set = obj.props?.get(prop);
      if (set) return set;
    }
  }
  return undefined;
};

/** The methods of a class (its constructor aside) that set an attribute, computed once per class and attribute. */
const setterIndex = new WeakMap<ClassDef, Map<string, FunctionDef[]>>();
function settersOf(cls: ClassDef, prop: string): FunctionDef[] {
  let byProp = setterIndex.get(cls);
  if (!byProp) setterIndex.set(cls, (byProp = new Map()));
  let list = byProp.get(prop);
  if (!list) {
    list = cls.body.flatMap((st) => (st.k === "func" && st.fn.name && !/^(__init__|constructor)$/.test(st.fn.name) && setsAttribute(st.fn.body, prop) ? [st.fn] : []));
    byProp.set(prop, list);
  }
  return list;
}

/**
 * Runs work for the values it computes, not for its findings: nothing it meets is recorded (sinks, AI
 * calls, consent writes), no function it runs counts as analysed and no result is memoised, so the
 * code still runs for real in its own context.
 */
Engine.prototype.quietly = function <T>(this: Engine, work: () => T): T {
  this.facts.muted++;
  try {
    return work();
  } finally {
    this.facts.muted--;
  }
};

/** Whether statements assign `self.<prop>` / `this.<prop>` anywhere (nested blocks and callbacks included). */
function setsAttribute(body: readonly Stmt[], prop: string): boolean {
  let found = false;
  const isSelf = (e: Expr) => e.k === "name" && (e.name === "self" || e.name === "this");
  const target = (p: Pattern) => p.k === "member" && p.prop === prop && isSelf(p.object);
  const visitExpr = (e: Expr | undefined): void => {
    if (!e || found) return;
    if (e.k === "assign" && target(e.target)) found = true;
    else if (e.k === "func") visitStmts(e.fn.body);
    else forEachChildExpr(e, visitExpr);
  };
  const visitStmts = (stmts: readonly Stmt[]): void => {
    for (const s of stmts) {
      if (found) return;
      if (s.k === "assign" && s.targets.some(target)) found = true;
      else if (s.k !== "class") forEachStmtPart(s, visitExpr, (b) => visitStmts(b));
    }
  };
  visitStmts(body);
  return found;
}
