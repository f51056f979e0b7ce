// JSX: attributes and children that show values to the user, components rendered with their props, and
// labels in the same rendered block.
import type { Expr, JsxExpr, Span, Stmt } from "../../ir/types";
import { forEachChildExpr, forEachStmtPart } from "../../ir/walk";
import { hasDisclosureText } from "../names";
import { type Frame, lookup } from "../scope";
import { deepLabels, type Loc, union, Value } from "../values";
import { Engine, type Args, type JsxTree } from "./engineCore";
import { takesLabel } from "./helpers";

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
    embedJsx(v: Value, tree: JsxTree, at: Loc, disclosed: Loc | undefined): void;
    finishJsxTree(tree: JsxTree, frame: Frame): void;
  }
}

/** JSX: `{value}` children and `src`/`href`/`dangerouslySetInnerHTML` are user-facing sinks (resolved question 19). */
Engine.prototype.evalJsx = function (this: Engine, e: JsxExpr, frame: Frame): Value {
  // An element written inside the tree being evaluated (in a `map` callback, a condition) is part of that
  // tree; any other starts a tree of its own (a component's return, a helper's fragment).
  const top = this.jsxTrees[this.jsxTrees.length - 1];
  const inside = !!top && top.file === frame.module.file && top.root.span.start <= e.span.start && e.span.end <= top.root.span.end;
  if (!inside) this.jsxTrees.push({ root: e, file: frame.module.file, fn: frame.fn?.span, firstSink: this.facts.sinks.length, embeds: [] });
  const tree = this.jsxTrees[this.jsxTrees.length - 1];
  try {
    // Event handlers and effects run first: state they set shows up in the children.
    this.jsxAttributes(e, frame, 0);
    this.jsxChildren(e, frame, [], 0);
    if (!inside) this.finishJsxTree(tree, frame);
  } finally {
    if (!inside) this.jsxTrees.pop();
  }
  const out = new Value();
  out.jsx = true;
  out.jsxBlock = `${tree.file}:${tree.root.span.start}`;
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
  const tree = this.jsxTrees[this.jsxTrees.length - 1];
  const block = tree ? `${tree.file}:${tree.root.span.start}` : undefined;
  for (const a of e.attrs) {
    if (!a.value || !SINK_ATTRS.has(a.name)) continue;
    const v = this.eval(a.value, frame);
    const shown = a.name === "dangerouslySetInnerHTML" ? (v.props?.get("__html") ?? v) : v;
    // A label element can follow the element that has the attribute, inside its parent.
    const labelAt = takesLabel(ancestors[0]) ? e.span.end : undefined;
    this.userSink(frame, a.span, "jsx", `<${e.tag} ${a.name}>`, [shown], this.jsxDisclosure(chain, frame), [a.value], { block, labelAt });
  }
  for (const c of e.children) {
    if (c.k === "element") this.jsxChildren(c.el, frame, chain, depth + 1);
    else if (c.k === "expr" && !isComponent) {
      const whole = this.eval(c.expr, frame);
      if (tree) this.embedJsx(whole, tree, this.loc(frame, c.span), this.jsxDisclosure(chain, frame));
      // `{reply && <p>{reply}</p>}` shows the element, not `reply` (a falsy value renders no content).
      const v = c.expr.k === "logical" && c.expr.op === "and" ? (this.exprValues.get(c.expr.right) ?? whole) : whole;
      if (v.jsx) continue;
      // A helper applied to this child discloses it alone; a label element discloses its block (finishJsxTree).
      this.userSink(frame, c.span, "jsx", `<${e.tag}>{…}`, [v], v.disclosed ?? this.jsxDisclosure(chain, frame), [c.expr], { block, labelAt: takesLabel(e) ? c.span.end : takesLabel(ancestors[0]) ? e.span.end : undefined });
    }
  }
};

/** JSX built elsewhere and rendered here (`{items}`, `{renderTip(t)}`, a list of elements): its tree is embedded in this one. */
Engine.prototype.embedJsx = function (this: Engine, v: Value, tree: JsxTree, at: Loc, disclosed: Loc | undefined): void {
  const blocks = new Set<string>();
  const visit = (x: Value, depth: number): void => {
    if (x.jsxBlock) blocks.add(x.jsxBlock);
    if (depth < 2) for (const el of x.elems ?? []) visit(el, depth + 1);
  };
  visit(v, 0);
  const block = `${tree.file}:${tree.root.span.start}`;
  blocks.delete(block);
  if (blocks.size) tree.embeds.push({ blocks: [...blocks], at, disclosed });
};

/**
 * After a tree is evaluated: a visible label element discloses the block it sits in, everything inside its
 * parent element however deep (a notice above a list rendered by a callback, a speaker label per message;
 * resolved question 23). Its text may be written out or held by a value (`{BOT_NAME}`, `{SPEAKER[m.role]}`).
 */
Engine.prototype.finishJsxTree = function (this: Engine, tree: JsxTree, frame: Frame): void {
  const extra = this.options.vocabulary.disclosureText;
  const block = `${tree.file}:${tree.root.span.start}`;
  const shownText = (x: Expr): string[] => {
    const v = this.exprValues.get(x);
    if (!v || v.jsx || deepLabels(v).some((l) => l.kind === "ai")) return [];
    return v.str !== undefined ? [v.str] : [...(v.texts ?? [])];
  };
  const labels = labelBlocksIn(tree.root, (el) => hasDisclosureText(ownText(el, shownText), extra)).map((b) => ({ block: b.block.span, loc: this.loc(frame, b.label.span) }));
  const covering = (span: Span): Loc | undefined => labels.find((b) => b.block.start <= span.start && span.end <= b.block.end)?.loc;
  if (labels.length) {
    for (let i = tree.firstSink; i < this.facts.sinks.length; i++) {
      const sink = this.facts.sinks[i];
      if (sink.block !== block || sink.disclosed || sink.loc.file !== tree.file) continue;
      const label = covering(sink.loc);
      if (label) this.facts.sinks[i] = { ...sink, disclosed: label };
    }
  }
  for (const embed of tree.embeds) {
    for (const inner of embed.blocks) {
      const colon = inner.lastIndexOf(":");
      const offset = Number(inner.slice(colon + 1));
      // Written in the same function (a list of elements built before the return): the same rendered tree.
      const sameFunction = inner.slice(0, colon) === tree.file && !!tree.fn && tree.fn.start <= offset && offset < tree.fn.end;
      this.facts.embedJsx(inner, block, embed.at, embed.disclosed ?? covering(embed.at), sameFunction);
    }
  }
};

/** A label in the same rendered block: text of the element, its parent, or the parent's other children. */
Engine.prototype.jsxDisclosure = function (this: Engine, chain: readonly JsxExpr[], frame: Frame): Loc | undefined {
  const extra = this.options.vocabulary.disclosureText;
  const text = (el: JsxExpr): string => ownText(el, () => []);
  const subtreeText = (el: JsxExpr, depth: number): string => depth > 2 ? "" : [text(el), ...el.children.filter((c): c is Extract<typeof c, { k: "element" }> => c.k === "element").map((c) => subtreeText(c.el, depth + 1))].join(" ");
  const [self, parent] = chain;
  if (hasDisclosureText(text(self), extra)) return this.loc(frame, self.span);
  if (parent) {
    if (hasDisclosureText(text(parent), extra)) return this.loc(frame, parent.span);
    for (const c of parent.children) {
      if (c.k === "element" && c.el !== self && hasDisclosureText(subtreeText(c.el, 0), extra)) return this.loc(frame, c.el.span);
    }
  }
  return undefined;
};

/** The text an element shows itself: its text, string children (`{"AI"}`, `{m.role === "user" ? "You" : "AI"}`), label attributes, and what `shown` says its other children hold. */
function ownText(el: JsxExpr, shown: (x: Expr) => string[]): string {
  return [
    ...el.children.filter((c): c is Extract<typeof c, { k: "text" }> => c.k === "text").map((c) => c.text),
    ...el.children.filter((c): c is Extract<typeof c, { k: "expr" }> => c.k === "expr").flatMap((c) => [...literalLeaves(c.expr, 0), ...shown(c.expr)]),
    ...el.attrs.filter((a) => LABEL_ATTRS.has(a.name) && a.value?.k === "str").map((a) => (a.value as { value: string }).value),
  ].join(" ");
}

/** Label elements of a tree (looking into conditions and callbacks written inside it), each with the block it labels: its parent element, or itself at the root. */
function labelBlocksIn(root: JsxExpr, isLabel: (el: JsxExpr) => boolean): Array<{ label: JsxExpr; block: JsxExpr }> {
  const found: Array<{ label: JsxExpr; block: JsxExpr }> = [];
  let budget = 2000;
  const visitExpr = (x: Expr, parent: JsxExpr | undefined): void => {
    if (--budget < 0 || found.length > 20) return;
    if (x.k === "jsx") {
      if (isLabel(x)) found.push({ label: x, block: parent ?? x });
      for (const c of x.children) {
        if (c.k === "element") visitExpr(c.el, x);
        else if (c.k === "expr") visitExpr(c.expr, x);
      }
      return;
    }
    if (x.k === "func") {
      visitStmts(x.fn.body, parent);
      return;
    }
    forEachChildExpr(x, (c) => visitExpr(c, parent));
  };
  const visitStmts = (stmts: readonly Stmt[], parent: JsxExpr | undefined): void => {
    for (const st of stmts) forEachStmtPart(st, (x) => x && visitExpr(x, parent), (b) => visitStmts(b, parent));
  };
  visitExpr(root, undefined);
  return found;
}

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
