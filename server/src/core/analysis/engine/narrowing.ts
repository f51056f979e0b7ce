// Narrowing by discriminant fields: a test such as `m.role === "user"`, `part.type === "text"`,
// `part.type.startsWith("tool-")` or `switch (part.type)` tells which shapes of a joined value
// (its `variants`) a branch can see, as TypeScript narrows a union (resolved question 23).
import type { Expr, FunctionDef, Stmt } from "../../ir/types";
import { type Frame, lookup, newScope } from "../scope";
import { mergeLabelLists, type Scope, type StrSet, union, Value, deepLabels } from "../values";
import { Engine } from "./engineCore";

/** Whether a test may be true, and may be false, for one shape. */
interface Tri {
  readonly t: boolean;
  readonly f: boolean;
}

const UNKNOWN: Tri = { t: true, f: true };

/** A test over discriminant fields of named values. */
export interface Cond {
  /** The variables the test reads a field of. */
  readonly names: ReadonlySet<string>;
  on(name: string, shape: Value): Tri;
}

declare module "./engineCore" {
  interface Engine {
    withNarrowing<T>(test: Expr, branch: boolean, frame: Frame, run: () => T): T;
    narrowScope(test: Cond | undefined, branch: boolean, scope: Scope): void;
    narrowedList(list: Value, fn: FunctionDef): Value | undefined;
  }
}

/** Runs `run` with the variables a test reads narrowed to the shapes that take `branch`. */
Engine.prototype.withNarrowing = function <T>(this: Engine, test: Expr, branch: boolean, frame: Frame, run: () => T): T {
  const cond = condOf(test);
  if (!cond) return run();
  const saved = frame.scope;
  const scope = newScope(saved);
  this.narrowScope(cond, branch, scope);
  if (scope.vars.size === 0) return run();
  frame.scope = scope;
  try {
    return run();
  } finally {
    frame.scope = saved;
  }
};

/** Binds, in `scope` (a branch's fork or child of the current scope), each variable the test narrows. */
Engine.prototype.narrowScope = function (this: Engine, cond: Cond | undefined, branch: boolean, scope: Scope): void {
  if (!cond) return;
  for (const name of cond.names) {
    const v = lookup(scope, name);
    const n = v && narrow(v, (shape) => (branch ? cond.on(name, shape).t : cond.on(name, shape).f));
    if (n) scope.vars.set(name, n);
  }
};

/** `list.filter((m) => m.role === "user")`: the list with only the elements the callback can keep. */
Engine.prototype.narrowedList = function (this: Engine, list: Value, fn: FunctionDef): Value | undefined {
  if (!list.elems) return undefined;
  const param = fn.params[0]?.name;
  const body = returnedExpr(fn.body);
  const cond = body && condOf(body);
  if (!param || !cond?.names.has(param)) return undefined;
  const keeps = (shape: Value): boolean => cond.on(param, shape).t;
  const kept: Value[] = [];
  for (const el of list.elems) {
    const n = el.variants ? narrow(el, keeps) : keeps(el) ? el : new Value();
    const shape = n ?? el;
    if (!(shape.isEmpty() && shape.str === undefined && shape.constant === undefined)) kept.push(shape);
  }
  if (kept.length === list.elems.length && kept.every((k, i) => k === list.elems![i])) return undefined;
  // What the list itself carries that only the dropped elements hold is gone with them.
  const keptIds = new Set(mergeLabelLists(kept.map((k) => deepLabels(k))).map((l) => l.id));
  const droppedIds = new Set(mergeLabelLists(list.elems.filter((e) => !kept.includes(e)).map((e) => deepLabels(e))).map((l) => l.id));
  const out = new Value(list.labels.filter((l) => keptIds.has(l.id) || !droppedIds.has(l.id)));
  out.elems = kept;
  out.elemKinds = list.elemKinds;
  out.record = list.record;
  return out;
};

/** The shapes of `v` that `keeps`, joined; undefined when the test rules none out. */
export function narrow(v: Value, keeps: (shape: Value) => boolean): Value | undefined {
  if (!v.variants) return undefined;
  const kept = v.variants.filter(keeps);
  if (kept.length === v.variants.length) return undefined;
  if (kept.length === 0) return new Value();
  if (kept.length === 1) return kept[0];
  const out = union(kept);
  if (kept.includes(out)) return out;
  out.variants = kept;
  return out;
}

/** The expression an arrow or one-statement function returns. */
function returnedExpr(body: readonly Stmt[]): Expr | undefined {
  return body.length === 1 && body[0].k === "return" ? body[0].value : undefined;
}

/** A switch case's test as a condition on the discriminant (`switch (part.type) { case "text": ... }`). */
export function switchCaseConds(disc: Expr, cases: ReadonlyArray<{ test?: Expr; body: readonly Stmt[] }>): Array<Cond | undefined> {
  const access = accessOf(disc);
  if (!access) return cases.map(() => undefined);
  const lits = cases.map((c) => (c.test?.k === "str" ? c.test.value : undefined));
  if (cases.some((c, i) => c.test && lits[i] === undefined)) return cases.map(() => undefined);
  const out: Array<Cond | undefined> = [];
  let pending: string[] = [];
  cases.forEach((c, i) => {
    // Cases without a body fall through to the next one: `case "a": case "b": ...`.
    if (c.test) pending.push(lits[i]!);
    if (!c.test) out.push(anyOf(access, [], lits.filter((l): l is string => l !== undefined)));
    else out.push(anyOf(access, pending, []));
    if (c.body.length) pending = [];
  });
  return out;
}

/** A test that the field equals one of `equal` (or, with none, differs from all of `differ`). */
function anyOf(access: Access, equal: readonly string[], differ: readonly string[]): Cond {
  return {
    names: new Set([access.name]),
    on(name, shape) {
      if (name !== access.name) return UNKNOWN;
      const set = fieldSet(shape, access.path);
      if (!set) return UNKNOWN;
      if (equal.length) return { t: equal.some((l) => contains(set, l)), f: true };
      return { t: differ.every((l) => !isExactly(set, l)), f: true };
    },
  };
}

interface Access {
  readonly name: string;
  readonly path: readonly string[];
}

/** `m.role`, `m["role"]`, `part.toolInvocation.state`: a variable and the fields read from it. */
function accessOf(e: Expr): Access | undefined {
  const path: string[] = [];
  let cur = e;
  for (let i = 0; i < 4; i++) {
    if (cur.k === "member") {
      path.unshift(cur.prop);
      cur = cur.object;
    } else if (cur.k === "index" && cur.index.k === "str") {
      path.unshift(cur.index.value);
      cur = cur.object;
    } else break;
  }
  return cur.k === "name" && path.length ? { name: cur.name, path } : undefined;
}

/** The condition a test expression states about discriminant fields, if it states one. */
export function condOf(e: Expr, depth = 0): Cond | undefined {
  if (depth > 6) return undefined;
  switch (e.k) {
    case "compare": {
      if (!["==", "===", "!=", "!=="].includes(e.op)) return undefined;
      const [access, lit] = e.right.k === "str" ? [accessOf(e.left), e.right.value] : e.left.k === "str" ? [accessOf(e.right), e.left.value] : [undefined, undefined];
      if (!access || lit === undefined) return undefined;
      const eq = atom(access, (set) => ({ t: contains(set, lit), f: !isExactly(set, lit) }));
      return e.op.startsWith("!") ? not(eq) : eq;
    }
    case "call": {
      // `part.type.startsWith("tool-")`, Python `part["type"].startswith("tool-")`.
      if (e.callee.k !== "member" || !/^(startsWith|startswith)$/.test(e.callee.prop) || e.args[0]?.value.k !== "str") return undefined;
      const access = accessOf(e.callee.object);
      const prefix = e.args[0].value.value;
      return access ? atom(access, (set) => startsWith(set, prefix)) : undefined;
    }
    case "unary": {
      const inner = e.op === "not" || e.op === "!" ? condOf(e.operand, depth + 1) : undefined;
      return inner && not(inner);
    }
    case "logical": {
      if (e.op === "??") return undefined;
      const l = condOf(e.left, depth + 1);
      const r = condOf(e.right, depth + 1);
      if (!l && !r) return undefined;
      const and = e.op === "and";
      return {
        names: new Set([...(l?.names ?? []), ...(r?.names ?? [])]),
        on(name, shape) {
          const a = l ? l.on(name, shape) : UNKNOWN;
          const b = r ? r.on(name, shape) : UNKNOWN;
          return and ? { t: a.t && b.t, f: a.f || b.f } : { t: a.t || b.t, f: a.f && b.f };
        },
      };
    }
    default:
      return undefined;
  }
}

function atom(access: Access, test: (set: StrSet) => Tri): Cond {
  return {
    names: new Set([access.name]),
    on(name, shape) {
      if (name !== access.name) return UNKNOWN;
      const set = fieldSet(shape, access.path);
      return set ? test(set) : UNKNOWN;
    },
  };
}

function not(c: Cond): Cond {
  return { names: c.names, on: (name, shape) => ((r) => ({ t: r.f, f: r.t }))(c.on(name, shape)) };
}

/** The strings a shape's field may hold, when known. */
function fieldSet(shape: Value, path: readonly string[]): StrSet | undefined {
  let v: Value | undefined = shape;
  for (const p of path) v = v?.props?.get(p);
  if (!v) return undefined;
  if (v.oneOf) return v.oneOf;
  return v.str !== undefined ? { exact: [v.str] } : undefined;
}

function contains(set: StrSet, s: string): boolean {
  const inside = set.exact.includes(s) || (set.prefixes ?? []).some((p) => s.startsWith(p) && s.length > p.length);
  return set.not ? !inside : inside;
}

function isExactly(set: StrSet, s: string): boolean {
  return !set.not && !(set.prefixes?.length) && set.exact.length === 1 && set.exact[0] === s;
}

function startsWith(set: StrSet, prefix: string): Tri {
  const prefixes = set.prefixes ?? [];
  if (set.not) return { t: !prefixes.some((q) => prefix.startsWith(q)), f: true };
  return {
    t: set.exact.some((e) => e.startsWith(prefix)) || prefixes.some((q) => q.startsWith(prefix) || prefix.startsWith(q)),
    f: !(set.exact.every((e) => e.startsWith(prefix)) && prefixes.every((q) => q.startsWith(prefix))),
  };
}
