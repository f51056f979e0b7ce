// Where data leaves: user-facing and record sinks, marker helpers (disclosure, redaction, watermark), the
// disclosures of payloads, responses and UI captions, and what a quick-fix can wrap.
import type { CallExpr, Expr, Span, Stmt } from "../../ir/types";
import type { SinkSpec } from "../../sdk/frameworks";
import { forEachStmtPart } from "../../ir/walk";
import type { SinkCategory, SinkFact, WrapTarget } from "../facts";
import { hasDisclosureText, isDisclosureFieldName, isDisclosureHelperName, isRedactionName, isWatermarkName, markingKind } from "../names";
import type { Frame } from "../scope";
import { carry, deepLabels, type Label, type Loc, mergeLabelLists, mergeLabels, Value, withAiFlag, withMarking, withRedaction } from "../values";
import { Engine, type Args } from "./engineCore";
import { isMedia } from "./helpers";

declare module "./engineCore" {
  interface Engine {
    markHeadersDisclosed(headers: Value, frame: Frame, span: Span): void;
    captionIn(body: readonly Stmt[], file: string): Loc | undefined;
    applyMarkers(name: string, result: Value, args: Args, receiver: Value | undefined, frame: Frame, span: Span, workspaceFunction?: boolean): Value;
    sinkBySpec(spec: SinkSpec, kind: "user" | "record", frame: Frame, span: Span, api: string, args: Args, receiver: Value | undefined, disclosure?: Loc, receiverExpr?: Expr): void;
    userSink(frame: Frame, span: Span, category: SinkCategory, api: string, values: readonly Value[], disclosed: Loc | undefined, exprs?: readonly Expr[], where?: Pick<SinkFact, "block" | "labelAt">): void;
    recordSink(frame: Frame, span: Span, category: SinkCategory, api: string, values: readonly Value[], store?: boolean, exprs?: readonly Expr[], receiverSave?: boolean): void;
    fixContext(frame: Frame, exprs: readonly Expr[], carries: (l: Label) => boolean): Pick<SinkFact, "stmt" | "targets" | "payloadObject">;
    payloadDisclosure(values: readonly Value[], frame: Frame, span: Span): Loc | undefined;
    responseValue(args: Args, frame: Frame, e: CallExpr, api: string): Value;
    returnDisclosure(value: Value, frame: Frame): Loc | undefined;
    responseDisclosure(value: Value, frame: Frame): Loc | undefined;
  }
}

Engine.prototype.markHeadersDisclosed = function (this: Engine, headers: Value, frame: Frame, span: Span): void {
  const owner = headers.ref?.k === "framework" ? headers.ref.state : undefined;
  const loc = this.loc(frame, span);
  if (owner) owner.disclosed = loc;
  frame.responseDisclosure = loc;
};

/**
 * A UI caption or heading with label text anywhere in the same function (or script) discloses what
 * that function shows (resolved question 6(d)): `st.caption("AI-generated ...")` beside the content.
 */
Engine.prototype.captionIn = function (this: Engine, body: readonly Stmt[], file: string): Loc | undefined {
  let found: Loc | undefined;
  const visitStmts = (stmts: readonly Stmt[], depth: number): void => {
    if (depth > 6 || found) return;
    for (const s of stmts) {
      if (found) return;
      if (s.k === "expr") {
        const call = s.expr.k === "await" ? s.expr.expr : s.expr;
        if (call.k === "call" && call.callee.k === "member" && /^(caption|subheader|header|title)$/.test(call.callee.prop)) {
          const first = call.args[0]?.value;
          if (first?.k === "str" && hasDisclosureText(first.value, this.options.vocabulary.disclosureText)) found = this.locOf(file, call.span);
        }
      } else if (s.k !== "func" && s.k !== "class") forEachStmtPart(s, () => undefined, (b) => visitStmts(b, depth + 1));
    }
  };
  visitStmts(body, 0);
  return found;
};

Engine.prototype.applyMarkers = function (this: Engine, name: string, result: Value, args: Args, receiver: Value | undefined, frame: Frame, span: Span, workspaceFunction = false): Value {
  const vocab = this.options.vocabulary;
  if (receiver?.ref?.k === "builtin" && receiver.ref.name === "$setState") return result;
  const loc = this.loc(frame, span);
  let base = result.isEmpty() && result.str === undefined ? carry(args.all) : result;
  // A labelling or watermarking helper returns the content it was given, marked, even when its body
  // hands the bytes through libraries the engine does not follow (`buffer.getvalue()` after an encoder).
  const kind = markingKind(name, vocab.watermark);
  const marker = isDisclosureHelperName(name, vocab.disclosure) || isWatermarkName(name, vocab.watermark) || !!kind;
  if (marker && !deepLabels(base).some((l) => l.kind === "ai")) {
    const given = carry(args.all);
    if (given.labels.some((l) => l.kind === "ai")) base = this.withLabels(base, mergeLabels(base.labels, given.labels));
  }
  // On image, audio or video a marking helper marks the media, in its metadata or its pixels (resolved question 24);
  // a labelling helper given text is a disclosure, below.
  if (kind && deepLabels(base).some((l) => l.kind === "ai" && isMedia(l.call.modality))) {
    const labels = deepLabels(base).map((l) => (l.kind === "ai" && !isMedia(l.call.modality) && kind === "label" && !l.disclosed ? { ...l, disclosed: loc } : l));
    const out = this.withLabels(base, withMarking(labels, kind === "pixel" ? "pixel" : "metadata", loc));
    out.watermarked = loc;
    return out;
  }
  if (isDisclosureHelperName(name, vocab.disclosure)) {
    const out = this.withLabels(base, withAiFlag(deepLabels(base), "disclosed", loc));
    out.disclosed = loc;
    return out;
  }
  if (isRedactionName(name, vocab.redaction)) {
    // A workspace function named so redacts what it was given; a model's answer made inside it
    // (`summarise_redacted(claim)`) is new AI output, not redacted data.
    const given = workspaceFunction ? new Set(mergeLabelLists(args.all.map((a) => deepLabels(a))).map((l) => l.id)) : undefined;
    const redacted = withRedaction(deepLabels(base), loc, given && ((l) => (l.kind !== "ai" && l.kind !== "guard") || given.has(l.id)));
    const out = this.withLabels(base, redacted);
    out.record = undefined;
    out.props = undefined;
    return out;
  }
  if (isWatermarkName(name, vocab.watermark) || (receiver?.ref?.k === "module" && receiver.ref.module === "imwatermark" && name === "encode")) {
    const out = this.withLabels(base, withMarking(deepLabels(base), kind === "metadata" ? "metadata" : "pixel", loc));
    out.watermarked = loc;
    return out;
  }
  return result;
};

Engine.prototype.sinkBySpec = function (this: Engine, spec: SinkSpec, kind: "user" | "record", frame: Frame, span: Span, api: string, args: Args, receiver: Value | undefined, disclosure?: Loc, receiverExpr?: Expr): void {
  const values: Value[] = [];
  if (spec.args === "all") values.push(...args.positional);
  else if (spec.args) for (const i of spec.args) if (args.positional[i]) values.push(args.positional[i]);
  for (const n of spec.named ?? []) {
    const v = this.namedArg(args, n);
    if (v && !values.includes(v)) values.push(v);
  }
  if (spec.args === "all") for (const [k, v] of args.named) if (!/^(caption|label|help|key|use_container_width|width|height|format|unsafe_allow_html|headers|status|status_code|media_type|mimetype)$/.test(k)) values.push(v);
  if (spec.receiver && receiver) values.push(receiver.ref?.k === "framework" && receiver.ref.state ? receiver.ref.state : receiver);
  // What a quick-fix wraps: the arguments, and the object itself when that is what is shown or stored.
  const exprs = [...args.exprs.map((a) => a.value), ...(spec.receiver && receiverExpr ? [receiverExpr] : [])];
  if (kind === "user") {
    const payloadDisclosure = this.payloadDisclosure(values, frame, span);
    this.userSink(frame, span, spec.category, api, values, disclosure ?? payloadDisclosure ?? frame.responseDisclosure ?? frame.uiDisclosure, exprs);
  } else this.recordSink(frame, span, spec.category, api, values, false, exprs);
};

Engine.prototype.userSink = function (this: Engine, frame: Frame, span: Span, category: SinkCategory, api: string, values: readonly Value[], disclosed: Loc | undefined, exprs: readonly Expr[] = [], where: Pick<SinkFact, "block" | "labelAt"> = {}): void {
  const labels = mergeLabelLists(values.map((v) => deepLabels(v)));
  if (!labels.some((l) => l.kind === "ai")) return;
  const payload = disclosed ?? this.payloadDisclosure(values, frame, span) ?? (values.every((v) => v.disclosed) ? values[0]?.disclosed : undefined);
  this.facts.addSink({ kind: "user", category, loc: this.loc(frame, span), api, labels, disclosed: payload, guard: frame.guard, ...this.fixContext(frame, exprs, (l) => l.kind === "ai"), ...where });
};

Engine.prototype.recordSink = function (this: Engine, frame: Frame, span: Span, category: SinkCategory, api: string, values: readonly Value[], store = false, exprs: readonly Expr[] = [], receiverSave = false): void {
  let labels = mergeLabelLists(values.map((v) => deepLabels(v)));
  // Inside a watermarking helper, writing the media (a temporary file for the marking tool) is the marking step.
  if (frame.fn?.name && isWatermarkName(frame.fn.name, this.options.vocabulary.watermark)) labels = withAiFlag(labels, "watermarked", this.loc(frame, span));
  // An ORM write that sets consent fields (`update({ data: { consent: ... } })`); a receiver's `.save()` repeats earlier assignments.
  if (category === "db" && !receiverSave) this.consentFieldsWritten(values, frame, span);
  if (store || category === "db" || category === "analytics" || category === "log") this.consentRecordIn(values, frame, span);
  if (labels.length === 0) return;
  this.facts.addSink({ kind: "record", category, loc: this.loc(frame, span), api, labels, guard: frame.guard, ...this.fixContext(frame, exprs, (l) => l.kind === "ai" || l.kind === "origin") });
};

/** Where a quick-fix can act: the statement, the sub-expressions carrying the data, an object literal to add a field to. */
Engine.prototype.fixContext = function (this: Engine, frame: Frame, exprs: readonly Expr[], carries: (l: Label) => boolean): Pick<SinkFact, "stmt" | "targets" | "payloadObject"> {
  const targets: WrapTarget[] = [];
  let payloadObject: Span | undefined;
  const visit = (e: Expr, depth: number): void => {
    if (depth > 6 || targets.length >= 6) return;
    const v = this.exprValues.get(e);
    // A framework object carrying data (an image pipeline) counts by the data it holds.
    if (!v || !deepLabels(v.ref?.k === "framework" && v.ref.state ? v.ref.state : v).some(carries)) return;
    switch (e.k) {
      case "object":
        payloadObject ??= e.span;
        for (const en of e.entries) {
          if (en.spread) continue;
          const before = targets.length;
          visit(en.value, depth + 1);
          // `{ reply }` shorthand: the fix writes `reply: helper(reply)`.
          if (targets.length > before && en.key && en.value.k === "name" && en.value.span.start === en.span.start && en.value.span.end === en.span.end) targets[targets.length - 1] = { ...targets[targets.length - 1], shorthandKey: en.key };
        }
        return;
      case "array":
        for (const el of e.elements) visit(el, depth + 1);
        return;
      case "template":
        for (const p of e.parts) if (typeof p !== "string") visit(p, depth + 1);
        return;
      case "binary":
        visit(e.left, depth + 1);
        visit(e.right, depth + 1);
        return;
      case "call": {
        const inner = this.exprValues.get(e.callee);
        // Response constructors and wrappers (`jsonify(answer=...)`, `NextResponse.json({...})`): the data is inside.
        if (inner?.ref?.k === "module" || inner?.ref?.k === "builtin" || e.isNew) {
          const before = targets.length;
          for (const a of e.args) visit(a.value, depth + 1);
          if (e.args.some((a) => a.name) && !payloadObject) payloadObject = e.span;
          if (targets.length > before) return;
        }
        // Framework builders (`sharp(png).resize(256)`): the data went in at the start of the chain.
        if (inner?.ref?.k === "framework") {
          const before = targets.length;
          for (const a of e.args) visit(a.value, depth + 1);
          if (targets.length === before && e.callee.k === "member") visit(e.callee.object, depth + 1);
          if (targets.length > before) return;
        }
        targets.push({ span: e.span });
        return;
      }
      case "await":
        visit(e.expr, depth + 1);
        return;
      default:
        targets.push({ span: e.span });
    }
  };
  for (const e of exprs) visit(e, 0);
  return { stmt: frame.stmt, targets, payloadObject };
};

/** A visible label in the same payload (`ai_generated: True`, an "AI-generated" note field). */
Engine.prototype.payloadDisclosure = function (this: Engine, values: readonly Value[], frame: Frame, span: Span): Loc | undefined {
  const vocab = this.options.vocabulary;
  const seen = new Set<Value>();
  const visit = (v: Value, depth: number): boolean => {
    if (seen.has(v) || depth > 6) return false;
    seen.add(v);
    if (v.disclosed) return true;
    // A JSON-encoded body (`json.dumps({...})`, `JSON.stringify({...})`) has the payload's fields.
    const json = (v as Value & { json?: Value }).json;
    if (json && visit(json, depth + 1)) return true;
    if (v.ref?.k === "response") return v.ref.payload.some((p) => visit(p, depth + 1)) || v.ref.headers.some((h) => visit(h, depth + 1));
    if (v.props) {
      for (const [k, pv] of v.props) {
        if (isDisclosureFieldName(k, vocab.disclosure) && (pv.constant !== false && pv.constant !== null)) return true;
        if (pv.str !== undefined && !pv.labels.some((l) => l.kind === "ai") && hasDisclosureText(pv.str, vocab.disclosureText) && !/^(model|model_name|modelName|class|className|style|id)$/.test(k)) return true;
        if (visit(pv, depth + 1)) return true;
      }
    }
    // Blocks and embeds: `blocks: [{ type: "context", elements: [{ text: "AI-generated" }] }]`.
    if (v.elems) for (const el of v.elems) if ((el.str !== undefined && !el.labels.some((l) => l.kind === "ai") && hasDisclosureText(el.str, vocab.disclosureText)) || visit(el, depth + 1)) return true;
    return false;
  };
  // A separate text in the same message: `ctx.send("AI-generated poster:", file=...)`.
  const labelArg = values.some((v) => v.str !== undefined && !v.labels.some((l) => l.kind === "ai") && hasDisclosureText(v.str, vocab.disclosureText));
  return labelArg || values.some((v) => visit(v, 0)) ? this.loc(frame, span) : undefined;
};

Engine.prototype.responseValue = function (this: Engine, args: Args, frame: Frame, e: CallExpr, api: string): Value {
  const payload: Value[] = [...args.positional];
  const fields = [...args.named.entries()].filter(([k]) => !/^(headers|status|status_code|media_type|mimetype|content_type|background)$/.test(k));
  if (fields.length) {
    // `jsonify(answer=..., ai_generated=True)`, `render_template("x.html", summary=...)`: one payload object.
    const obj = new Value();
    obj.props = new Map(fields);
    payload.push(obj);
  }
  const headers: Value[] = [];
  // `Response(body, status, headers)`; template renderers take `(request, template, context)`: the context is shown.
  const rendersTemplate = /(^|[.#])(render|render_to_response|TemplateResponse|render_template)$/.test(api);
  const h = args.named.get("headers") ?? args.positional[1]?.props?.get("headers") ?? (args.positional.length >= 3 && !rendersTemplate ? args.positional[2] : undefined);
  if (h) headers.push(h);
  // Flask tuples `(body, status, headers)` come through as arrays in the return value instead.
  const v = Value.of({ k: "response", payload: payload.filter((p) => !headers.includes(p)), headers });
  const disclosed = headers.some((hv) => hv.props && [...hv.props.keys()].some((k) => isDisclosureFieldName(k, this.options.vocabulary.disclosure)));
  if (disclosed) v.disclosed = this.loc(frame, e.span);
  return v;
};

/** Disclosure of what a handler returns: the response's own, or for UI functions the label of the components that show it. */
Engine.prototype.returnDisclosure = function (this: Engine, value: Value, frame: Frame): Loc | undefined {
  return this.responseDisclosure(value, frame) ?? (frame.handler?.registration.kind === "ui" ? frame.uiDisclosure : undefined);
};

/** Disclosure of a returned response: its headers, fields, or a header written earlier in the handler. */
Engine.prototype.responseDisclosure = function (this: Engine, value: Value, frame: Frame): Loc | undefined {
  if (value.disclosed) return value.disclosed;
  if (frame.responseDisclosure) return frame.responseDisclosure;
  // Flask `return body, status, headers`.
  if (value.elems && value.elems.length >= 2) {
    for (const el of value.elems.slice(1)) {
      if (el.props && [...el.props.keys()].some((k) => isDisclosureFieldName(k, this.options.vocabulary.disclosure))) return el.loc ?? this.locOf(frame.module.file, { start: 0, end: 0 });
    }
  }
  return undefined;
};
