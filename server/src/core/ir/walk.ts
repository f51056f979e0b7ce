// Generic traversal helpers over the program model.
import type { CallExpr, Expr, Stmt } from "./types";

export function containsYield(body: Stmt[]): boolean {
  let found = false;
  const visitExpr = (e: Expr | undefined): void => {
    if (!e || found) return;
    if (e.k === "yield") {
      found = true;
      return;
    }
    if (e.k === "func") return;
    forEachChildExpr(e, visitExpr);
  };
  const visitStmts = (stmts: Stmt[]): void => {
    for (const s of stmts) {
      if (found) return;
      forEachStmtPart(s, visitExpr, visitStmts);
    }
  };
  visitStmts(body);
  return found;
}

/** Calls `fn` on each direct sub-expression of `e`. */
export function forEachChildExpr(e: Expr, fn: (child: Expr) => void): void {
  switch (e.k) {
    case "template":
      for (const p of e.parts) if (typeof p !== "string") fn(p);
      break;
    case "member":
      fn(e.object);
      break;
    case "index":
      fn(e.object);
      fn(e.index);
      break;
    case "call":
      fn(e.callee);
      for (const a of e.args) fn(a.value);
      break;
    case "object":
      for (const en of e.entries) {
        if (en.keyExpr) fn(en.keyExpr);
        fn(en.value);
      }
      break;
    case "array":
      e.elements.forEach(fn);
      break;
    case "spread":
    case "await":
      fn(e.expr);
      break;
    case "binary":
    case "logical":
    case "compare":
      fn(e.left);
      fn(e.right);
      break;
    case "unary":
      fn(e.operand);
      break;
    case "cond":
      fn(e.test);
      fn(e.then);
      fn(e.else);
      break;
    case "jsx":
      for (const a of e.attrs) if (a.value) fn(a.value);
      for (const c of e.children) {
        if (c.k === "expr") fn(c.expr);
        else if (c.k === "element") fn(c.el);
      }
      break;
    case "comp":
      fn(e.element);
      if (e.key) fn(e.key);
      for (const g of e.generators) {
        fn(g.iter);
        g.conds.forEach(fn);
      }
      break;
    case "yield":
      if (e.expr) fn(e.expr);
      break;
    case "assign":
      fn(e.value);
      break;
    case "seq":
      e.exprs.forEach(fn);
      break;
    case "unknown":
      e.children.forEach(fn);
      break;
    default:
      break;
  }
}

/** Calls `onExpr` on the expressions of a statement and `onBlock` on its nested blocks. */
export function forEachStmtPart(s: Stmt, onExpr: (e: Expr | undefined) => void, onBlock: (b: Stmt[]) => void): void {
  switch (s.k) {
    case "expr":
      onExpr(s.expr);
      break;
    case "assign":
      onExpr(s.value);
      break;
    case "return":
    case "throw":
      onExpr(s.value);
      break;
    case "if":
      onExpr(s.test);
      onBlock(s.then);
      onBlock(s.else);
      break;
    case "loop":
      onExpr(s.iter);
      onExpr(s.test);
      onBlock(s.body);
      onBlock(s.orelse);
      break;
    case "with":
      for (const it of s.items) onExpr(it.value);
      onBlock(s.body);
      break;
    case "try":
      onBlock(s.body);
      for (const h of s.handlers) onBlock(h.body);
      onBlock(s.orelse);
      onBlock(s.finally);
      break;
    case "switch":
      onExpr(s.disc);
      for (const c of s.cases) {
        onExpr(c.test);
        onBlock(c.body);
      }
      break;
    case "block":
      onBlock(s.body);
      break;
    case "exportDefault":
      onExpr(s.expr);
      break;
    default:
      break;
  }
}

/** The call expression whose span is exactly `span`, searched through statements, nested blocks, functions and classes. */
export function findCallAt(body: readonly Stmt[], span: { start: number; end: number }): CallExpr | undefined {
  return callsStartingAt(body, span.start).find((c) => c.span.end === span.end);
}

/** Every call expression that starts at `start` (a call and the method chain built on it), innermost first. */
export function callsStartingAt(body: readonly Stmt[], start: number): CallExpr[] {
  const found: CallExpr[] = [];
  const covers = (s: { start: number; end: number }) => s.start <= start && s.end > start;
  const visitExpr = (e: Expr | undefined, depth: number): void => {
    if (!e || depth > 200 || !covers(e.span)) return;
    if (e.k === "call" && e.span.start === start) found.push(e);
    if (e.k === "func") visitBlock(e.fn.body, depth + 1);
    else if (e.k === "class") visitBlock(e.cls.body, depth + 1);
    else forEachChildExpr(e, (c) => visitExpr(c, depth + 1));
  };
  const visitBlock = (stmts: readonly Stmt[], depth: number): void => {
    for (const s of stmts) {
      if (!covers(s.span)) continue;
      if (s.k === "func") visitBlock(s.fn.body, depth + 1);
      else if (s.k === "class") visitBlock(s.cls.body, depth + 1);
      else forEachStmtPart(s, (e) => visitExpr(e, depth + 1), (b) => visitBlock(b, depth + 1));
    }
  };
  visitBlock(body, 0);
  return found.sort((a, b) => a.span.end - b.span.end);
}
