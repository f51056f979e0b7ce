// Scopes and activation frames of the flow engine.
import type { FunctionDef, Span } from "../ir/types";
import type { Registration } from "../sdk/frameworks";
import type { GuardState } from "./facts";
import type { Loc, Scope, Tag, Value } from "./values";
import { union } from "./values";

export function newScope(parent?: Scope): Scope {
  return { vars: new Map(), parent };
}

export function lookup(scope: Scope, name: string): Value | undefined {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    const v = s.vars.get(name);
    if (v !== undefined) return v;
  }
  return undefined;
}

/**
 * Assigns in the scope that already holds the name (closures), else in `scope`. `outer`: the
 * assignment may reach the module's own bindings (a JS `client = new OpenAI()` in an init function
 * sets the module's `let client`); without it, a function's assignment stays in the function.
 */
export function assign(scope: Scope, name: string, value: Value, outer = false): void {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    if (s.vars.has(name)) {
      if (s !== scope && isModuleScope(s)) setModuleState(s, name, value);
      else s.vars.set(name, value);
      return;
    }
    // Stop at function boundaries: a function's own scope is the first one without a parent module marker.
    if (!outer && s.parent && isModuleScope(s.parent)) break;
  }
  scope.vars.set(name, value);
}

/**
 * A module binding assigned from inside a function: the function may run or not, and on any branch
 * (`if client is None: client = OpenAI()`), so the binding may hold what it held or what was assigned.
 */
export function setModuleState(moduleScope: Scope, name: string, value: Value): void {
  const old = moduleScope.vars.get(name);
  const unset = !old || (old.isEmpty() && old.str === undefined && (old.constant === undefined || old.constant === null));
  moduleScope.vars.set(name, unset ? value : union([old, value]));
}

const moduleScopes = new WeakSet<Scope>();
export function markModuleScope(scope: Scope): void {
  moduleScopes.add(scope);
}
export function isModuleScope(scope: Scope): boolean {
  return moduleScopes.has(scope);
}

/** Copies a scope's own bindings so a branch can be evaluated without disturbing the other. */
export function forkScope(scope: Scope): Scope {
  return { vars: new Map(scope.vars), parent: scope.parent };
}

/** After branches: a name may hold the value of any branch that fell through. */
export function joinScopes(target: Scope, branches: readonly Scope[]): void {
  if (branches.length === 0) return;
  const names = new Set<string>();
  for (const b of branches) for (const k of b.vars.keys()) names.add(k);
  for (const name of names) {
    const values: Value[] = [];
    let differs = false;
    const first = branches[0].vars.get(name);
    for (const b of branches) {
      const v = b.vars.get(name);
      if (v === undefined) {
        const outer = target.vars.get(name);
        if (outer) values.push(outer);
        differs = true;
      } else {
        values.push(v);
        if (v !== first) differs = true;
      }
    }
    target.vars.set(name, differs ? union(values) : (first ?? union(values)));
  }
}

export type Completion = "normal" | "return" | "throw" | "break" | "continue";

export interface HandlerInfo {
  registration: Registration;
  /** Consent middleware, decorator or dependency on the route (resolved question 8). */
  consent?: Loc;
  /** The router or app the route was registered on: a consent hook on it guards the route, whenever it was added. */
  router?: Value;
}

export interface Frame {
  readonly module: ModuleState;
  readonly fn?: FunctionDef;
  /** Identifies the activation's function for origin keys and CON002 ("same function"). */
  readonly fnKey: string;
  scope: Scope;
  guard: GuardState;
  readonly handler?: HandlerInfo;
  readonly returns: Value[];
  readonly yields: Value[];
  readonly thisValue?: Value;
  readonly depth: number;
  /** Label text of an enclosing UI block (`with st.chat_message("Macro-Bot")`, a caption beside the content). */
  uiDisclosure?: Loc;
  /** Set-up facts of the running code (a tracing decorator around it), from the SDK catalogue: AI calls made here carry them. */
  tags?: readonly Tag[];
  /** Set once the function has written a disclosure header on the response it is building. */
  responseDisclosure?: Loc;
  /** The function reads user data (request, storage). */
  userData: boolean;
  /** The statement being evaluated (quick-fixes wrap or follow it). */
  stmt?: Span;
  /** Branch path inside the function ("0" at the top, "0.3" inside a branch). */
  branch: string;
  /** Names a Python `global` statement of the function binds to the module (resolved question 22, module state). */
  globals?: Set<string>;
}

export interface ModuleState {
  readonly file: string;
  readonly language: "python" | "javascript" | "typescript" | "tsx";
  readonly scope: Scope;
  readonly exports: Map<string, Value>;
  status: "new" | "running" | "done";
  readonly isServer: boolean;
  /** Next.js route / page file, SvelteKit endpoint, Vercel function in a root `api` folder, etc. */
  readonly routeFile: "route" | "page" | "api" | "function" | undefined;
  /** Module re-exports (`export * from`) resolved lazily. */
  readonly starExports: string[];
  /** Every function defined in the module, with the scope it closes over. */
  readonly functions: Array<{ fn: FunctionDef; scope: Scope; thisValue?: Value; className?: string }>;
  readonly handlers: Map<number, HandlerInfo>;
}
