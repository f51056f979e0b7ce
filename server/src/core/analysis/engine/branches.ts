// Branches that depend on what is known (resolved question 22): a condition on a constant takes one path
// only (`transcribe(path, archive=True)` returns the file path, not the transcript), and on the path where
// an AI call's HTTP response failed (`if (!res.ok)`), its body and status are an error report, not content.
import type { Expr } from "../../ir/types";
import { forEachChildExpr } from "../../ir/walk";
import type { Frame } from "../scope";
import { lookup } from "../scope";
import { Value } from "../values";
import { Engine } from "./engineCore";

/** Response fields that say a call succeeded (`res.ok`) or failed (`r.is_error`). */
const OK_FIELDS = /^(ok|is_success|isSuccess|success)$/;
const ERROR_FIELDS = /^(is_error|is_client_error|is_server_error|isError)$/;
const STATUS_FIELDS = /^(status|status_code|statusCode)$/;

declare module "./engineCore" {
  interface Engine {
    knownTruth(v: Value): boolean | undefined;
    knownCondition(test: Expr, frame: Frame): boolean | undefined;
    failedResponse(test: Expr, frame: Frame): { name: string; when: "then" | "else" } | undefined;
    withoutAiContent(frame: Frame, name: string): void;
  }
}

/** Whether a condition's value is known: a constant (`archive=True` given by the caller) or a fixed string. */
Engine.prototype.knownTruth = function (this: Engine, v: Value): boolean | undefined {
  if (v.labels.length || v.ref || v.props || v.elems) return undefined;
  if (v.constant !== undefined) return !!v.constant;
  if (v.str !== undefined) return v.str.length > 0;
  return undefined;
};

/**
 * Whether a condition is known when it is evaluated: names, flags and their negations and comparisons
 * (`if archive:`), not what a call returns (a consent check stubbed to `return False` still guards code
 * that runs once it is wired, and its AI calls stay in the inventory).
 */
Engine.prototype.knownCondition = function (this: Engine, test: Expr, frame: Frame): boolean | undefined {
  const value = this.eval(test, frame);
  return hasCall(test) ? undefined : this.knownTruth(value);
};

function hasCall(e: Expr): boolean {
  if (e.k === "call" || e.k === "await") return true;
  let found = false;
  forEachChildExpr(e, (c) => {
    if (!found && hasCall(c)) found = true;
  });
  return found;
}

/**
 * `if (!res.ok)`, `if not r.ok`, `if r.status_code != 200`, `if (res.status >= 400)`, `if r.is_error`:
 * the variable holding an AI call's response, and the branch on which the call failed.
 */
Engine.prototype.failedResponse = function (this: Engine, test: Expr, frame: Frame): { name: string; when: "then" | "else" } | undefined {
  const holder = (e: Expr): string | undefined => {
    if (e.k !== "member" || e.object.k !== "name") return undefined;
    const v = lookup(frame.scope, e.object.name);
    return v?.labels.some((l) => l.kind === "ai") ? e.object.name : undefined;
  };
  const e = test.k === "await" ? test.expr : test;
  if (e.k === "unary" && (e.op === "!" || e.op === "not") && e.operand.k === "member" && OK_FIELDS.test(e.operand.prop)) {
    const name = holder(e.operand);
    return name ? { name, when: "then" } : undefined;
  }
  if (e.k === "member" && (OK_FIELDS.test(e.prop) || ERROR_FIELDS.test(e.prop))) {
    const name = holder(e);
    return name ? { name, when: ERROR_FIELDS.test(e.prop) ? "then" : "else" } : undefined;
  }
  if (e.k === "compare" && e.left.k === "member" && STATUS_FIELDS.test(e.left.prop) && e.right.k === "const" && typeof e.right.value === "number") {
    const name = holder(e.left);
    const n = e.right.value;
    // `!= 200` / `!== 200`, `>= 400`, `> 299`: failure when true; `== 200`, `< 400`: failure when false.
    const failsWhenTrue = (/^(!=|!==)$/.test(e.op) && n >= 200 && n < 300) || (e.op === ">=" && n >= 300) || (e.op === ">" && n >= 299);
    const failsWhenFalse = (/^(==|===)$/.test(e.op) && n >= 200 && n < 300) || (e.op === "<" && n >= 300 && n <= 400) || (e.op === "<=" && n >= 299 && n < 400);
    if (name && (failsWhenTrue || failsWhenFalse)) return { name, when: failsWhenTrue ? "then" : "else" };
  }
  return undefined;
};

/** On a path where the call failed, the response carries no generated content (resolved question 5). */
Engine.prototype.withoutAiContent = function (this: Engine, frame: Frame, name: string): void {
  const v = lookup(frame.scope, name);
  if (!v) return;
  const stripped = new Value(v.labels.filter((l) => l.kind !== "ai"));
  stripped.loc = v.loc;
  frame.scope.vars.set(name, stripped);
};
