// Where a call's options are written: keyword arguments, object-literal arguments and keyword calls
// nested in them (`config=types.GenerateContentConfig(labels={"user": ...})`), by dotted path.
import type { CallExpr, Expr, ObjectExpr } from "./types";

/** The expression given for an option path: a keyword argument, or a property of an object-literal argument, nested by dots. */
export function optionExpr(call: CallExpr, path: string): Expr | undefined {
  const [head, ...rest] = path.split(".");
  let e: Expr | undefined = call.args.find((a) => a.name === head)?.value;
  if (!e) for (const a of call.args) if (!a.name) e = optionsOf(a.value) && entryValue(optionsOf(a.value)!, head) || e;
  for (const seg of rest) e = e ? member(e, seg) : undefined;
  return e;
}

/** A member of an object literal, or a keyword argument of a call that builds an options object. */
function member(e: Expr, key: string): Expr | undefined {
  if (e.k === "object") return entryValue(e, key);
  if (e.k === "call") return e.args.find((a) => a.name === key)?.value;
  return undefined;
}

/** The options object of an argument: an object literal, or the one a command object is built from (`new ConverseCommand({...})`). */
function optionsOf(e: Expr): ObjectExpr | undefined {
  if (e.k === "object") return e;
  if (e.k === "call" && e.isNew && e.args[0]?.value.k === "object") return e.args[0].value;
  return undefined;
}

export function entryValue(obj: ObjectExpr, key: string): Expr | undefined {
  return obj.entries.find((en) => !en.spread && en.key === key)?.value;
}
