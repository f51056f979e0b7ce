// JSX: attributes and children that show values to the user, components rendered with their props, and
// labels in the same rendered block.
import type { Expr, JsxExpr } from "../../ir/types";
import { hasDisclosureText } from "../names";
import { type Frame, lookup } from "../scope";
import { type Loc, union, Value } from "../values";
import { Engine, type Args } from "./engineCore";

/** JSX attributes that show their value (resolved question 19); `key`, `className` and the like do not. */
const SINK_ATTRS = new Set(["src", "href", "dangerouslySetInnerHTML", "srcSet", "poster"]);
/** JSX attributes whose text a reader sees as a label. */
const LABEL_ATTRS = new Set(["title", "alt", "aria-label", "label", "caption", "data-label"]);

declare module "./engineCore" {
  interface Engine {
    evalJsx(e: JsxExpr, frame: Frame): Value;
    jsxAttributes(e: JsxExpr, frame: Frame, depth: number): void;
    jsxChildren(e: JsxExpr, frame: Frame, ancestors: readonly JsxExpr[], depth: number): void;
    jsxDisclosure(chain: readonly JsxExpr[], frame: Frame): Loc | undefined;
  }
}

/** JSX: `{value}` children and `src`/`href`/`dangerouslySetInnerHTML` are user-facing sinks (resolved question 19). */
Engine.prototype.evalJsx = function (this: Engine, e: JsxExpr, frame: Frame): Value {
  // Event handlers and effects run first: state they set shows up in the children.
  this.jsxAttributes(e, frame, 0);
  this.jsxChildren(e, frame, [], 0);
  const out = new Value();
  out.jsx = true;
  return out;
};

Engine.prototype.jsxAttributes = function (this: Engine, e: JsxExpr, frame: Frame, depth: number): void {
  if (depth > 60) return;
  const component = /^[A-Z]/.test(e.tag) ? lookup(frame.scope, e.tag.split(".")[0]) : undefined;
  const props = new Value();
  props.props = new Map();
  for (const a of e.attrs) {
    if (!a.value) continue;
    if (SINK_ATTRS.has(a.name)) continue;
    const v = this.eval(a.value, frame);
    if (a.spread) {
      if (v.props) for (const [k, pv] of v.props) props.props.set(k, pv);
    } else props.props.set(a.name, v);
    if (v.ref?.k === "function" && a.name.startsWith("on")) this.runCallbacks({ positional: [], named: new Map(), exprs: [], all: [v] }, frame, [new Value()]);
  }
  for (const c of e.children) if (c.k === "element") this.jsxAttributes(c.el, frame, depth + 1);
  // A workspace component renders its props: evaluate it with them.
  if (component?.ref?.k === "function") {
    const childValues = e.children.filter((c): c is Extract<typeof c, { k: "expr" }> => c.k === "expr").map((c) => this.eval(c.expr, frame));
    if (childValues.length) props.props.set("children", union(childValues));
    const args: Args = { positional: [props], named: new Map(), exprs: [], all: [props] };
    this.callFunction(component.ref.fn, component.ref.scope, this.moduleFor(component.ref.module.file), args, undefined, frame, undefined);
    (e as JsxExpr & { component?: boolean }).component = true;
  }
};

Engine.prototype.jsxChildren = function (this: Engine, e: JsxExpr, frame: Frame, ancestors: readonly JsxExpr[], depth: number): void {
  if (depth > 60) return;
  const chain = [e, ...ancestors];
  const isComponent = (e as JsxExpr & { component?: boolean }).component;
  for (const a of e.attrs) {
    if (!a.value || !SINK_ATTRS.has(a.name)) continue;
    const v = this.eval(a.value, frame);
    const shown = a.name === "dangerouslySetInnerHTML" ? (v.props?.get("__html") ?? v) : v;
    this.userSink(frame, a.span, "jsx", `<${e.tag} ${a.name}>`, [shown], this.jsxDisclosure(chain, frame), [a.value]);
  }
  for (const c of e.children) {
    if (c.k === "element") this.jsxChildren(c.el, frame, chain, depth + 1);
    else if (c.k === "expr" && !isComponent) {
      const v = this.eval(c.expr, frame);
      if (v.jsx) continue;
      this.userSink(frame, c.span, "jsx", `<${e.tag}>{…}`, [v], v.disclosed ?? this.jsxDisclosure(chain, frame), [c.expr]);
    }
  }
};

/** A label in the same rendered block: text of the element, its parent, or the parent's other children. */
Engine.prototype.jsxDisclosure = function (this: Engine, chain: readonly JsxExpr[], frame: Frame): Loc | undefined {
  const extra = this.options.vocabulary.disclosureText;
  const ownText = (el: JsxExpr): string => [
    ...el.children.filter((c): c is Extract<typeof c, { k: "text" }> => c.k === "text").map((c) => c.text),
    // `{"AI"}`, and speaker labels chosen by a condition: `{m.role === "user" ? "You" : "AI"}`.
    ...el.children.filter((c): c is Extract<typeof c, { k: "expr" }> => c.k === "expr").flatMap((c) => literalLeaves(c.expr, 0)),
    ...el.attrs.filter((a) => LABEL_ATTRS.has(a.name) && a.value?.k === "str").map((a) => (a.value as { value: string }).value),
  ].join(" ");
  const subtreeText = (el: JsxExpr, depth: number): string => depth > 2 ? "" : [ownText(el), ...el.children.filter((c): c is Extract<typeof c, { k: "element" }> => c.k === "element").map((c) => subtreeText(c.el, depth + 1))].join(" ");
  const [self, parent] = chain;
  if (hasDisclosureText(ownText(self), extra)) return this.loc(frame, self.span);
  if (parent) {
    if (hasDisclosureText(ownText(parent), extra)) return this.loc(frame, parent.span);
    for (const c of parent.children) {
      if (c.k === "element" && c.el !== self && hasDisclosureText(subtreeText(c.el, 0), extra)) return this.loc(frame, c.el.span);
    }
  }
  return undefined;
};

/** String literals an expression may evaluate to: the branches of conditions and fallbacks, the text of templates. */
function literalLeaves(e: Expr, depth: number): string[] {
  if (depth > 4) return [];
  switch (e.k) {
    case "str":
      return [e.value];
    case "cond":
      return [...literalLeaves(e.then, depth + 1), ...literalLeaves(e.else, depth + 1)];
    case "logical":
      return [...literalLeaves(e.left, depth + 1), ...literalLeaves(e.right, depth + 1)];
    case "template":
      return e.parts.filter((p): p is string => typeof p === "string");
    default:
      return [];
  }
}
