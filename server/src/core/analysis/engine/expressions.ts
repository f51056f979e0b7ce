// Expressions as abstract values: names (personal data by name), literals, operators, objects,
// comprehensions, members and indexes (framework roles, request data, derived fields).
import type { Expr, Span } from "../../ir/types";
import { type RoleSpec, ROLES } from "../../sdk/frameworks";
import { hasDisclosureText, NON_CONTENT_FIELDS, personalDataCategory, personRecordWord, TOOL_CALL_FIELDS } from "../names";
import { findSdkEntry } from "../sdkResolve";
import { forkScope, type Frame, lookup, newScope } from "../scope";
import {
  carry, deepLabels, type Label, mergeLabels, type OriginLabel, mergeTags, type PiiLabel, type Ref, type Scope, union, Value, withAiFlag,
} from "../values";
import { Engine } from "./engineCore";
import { isUnset } from "./state";
import { calleeName, exprText, isMedia, isRunnable } from "./helpers";
import { condOf } from "./narrowing";

declare module "./engineCore" {
  interface Engine {
    eval(e: Expr, frame: Frame): Value;
    evalExpr(e: Expr, frame: Frame): Value;
    requestOnly(v: Value): Value;
    evalName(name: string, frame: Frame, span: Span): Value;
    flaskRequest(frame: Frame): Value;
    builtin(name: string, frame: Frame, span: Span): Value;
    stringLiteral(value: string, span: Span, frame: Frame): Value;
    literalPii(v: Value, span: Span, frame: Frame): void;
    allowListed(test: Expr, then: Expr, frame: Frame): Value | undefined;
    joinValues(parts: readonly Value[], extraTexts?: readonly string[]): Value;
    textKeepsDisclosure(out: Value, payload: Value | undefined, frame: Frame, span: Span): Value;
    serialised(v: Value, frame: Frame, span: Span): Value;
    evalObject(e: Extract<Expr, { k: "object" }>, frame: Frame): Value;
    evalComprehension(e: Extract<Expr, { k: "comp" }>, frame: Frame): Value;
    elementOf(v: Value): Value;
    member(obj: Value, prop: string, frame: Frame | undefined, span: Span | undefined): Value;
    fieldValue(v: Value, owner: Value, prop: string, frame: Frame | undefined, span: Span | undefined): Value;
    deriveField(obj: Value, prop: string, frame: Frame | undefined, span: Span | undefined): Value;
    index(obj: Value, key: Value, frame: Frame, span: Span): Value;
    roleMember(obj: Value, role: string, prop: string, frame: Frame | undefined, span: Span | undefined): Value;
    requestData(obj: Value, prop: string, frame: Frame | undefined, span: Span | undefined, _what: string): Value;
  }
}

Engine.prototype.eval = function (this: Engine, e: Expr, frame: Frame): Value {
  const v = this.evalExpr(e, frame);
  this.exprValues.set(e, v);
  return v;
};

Engine.prototype.evalExpr = function (this: Engine, e: Expr, frame: Frame): Value {
  switch (e.k) {
    case "name":
      return this.evalName(e.name, frame, e.span);
    case "str":
      return this.stringLiteral(e.value, e.span, frame);
    case "const":
      return Value.constant(e.value);
    case "template": {
      const parts: Value[] = [];
      const texts: string[] = [];
      for (const p of e.parts) {
        if (typeof p === "string") {
          texts.push(p);
          continue;
        }
        const v = this.eval(p, frame);
        parts.push(this.serialised(v, frame, p.span));
      }
      const strs = e.parts.map((p, i) => (typeof p === "string" ? p : parts[e.parts.slice(0, i).filter((x) => typeof x !== "string").length]?.str));
      const out = this.joinValues(parts, texts);
      if (strs.every((s) => s !== undefined)) out.str = strs.join("");
      else out.shape = e.parts.map((p, i) => (typeof p === "string" ? p : textShape(parts[e.parts.slice(0, i).filter((x) => typeof x !== "string").length]))).join("");
      this.literalPii(out, e.span, frame);
      return out;
    }
    case "member": {
      const obj = this.eval(e.object, frame);
      return this.member(obj, e.prop, frame, e.span);
    }
    case "index": {
      const obj = this.eval(e.object, frame);
      const key = this.eval(e.index, frame);
      // `Annotated[Svc, Depends(get_svc)]`: a type alias that injects what the dependency gives.
      if (frame.module.language === "python" && /(^|\.)Annotated$/.test(exprText(e.object))) {
        const parts = e.index.k === "array" ? e.index.elements : e.index.k === "unknown" ? e.index.children : [];
        const dep = parts.find((x): x is Extract<Expr, { k: "call" }> => x.k === "call" && /^(Depends|Security)$/.test(calleeName(x.callee) ?? ""));
        if (dep?.args[0]) return Object.assign(Value.of({ k: "builtin", name: "$dependency" }), { dependency: this.eval(dep.args[0].value, frame) });
      }
      return this.index(obj, key, frame, e.span);
    }
    case "call":
      return this.evalCall(e, frame);
    case "object":
      return this.evalObject(e, frame);
    case "array": {
      const out = new Value();
      out.elems = [];
      for (const el of e.elements) {
        if (el.k === "spread") {
          const sv = this.eval(el.expr, frame);
          if (sv.elems) {
            out.elems.push(...sv.elems);
            if (sv.elemKinds) out.elemKinds = true;
          }
          else out.elems.push(this.elementOf(sv));
        } else out.elems.push(this.eval(el, frame));
      }
      return out;
    }
    case "spread":
      return this.eval(e.expr, frame);
    case "binary": {
      const l = this.eval(e.left, frame);
      const r = this.eval(e.right, frame);
      if (e.op === "|" && (isRunnable(l) || isRunnable(r))) {
        return this.composeRunnable([l, r], this.loc(frame, e.span));
      }
      if (e.op === "+" || e.op === "%" || e.op === "<<" || e.op === "|") {
        const out = this.joinValues([this.serialised(l, frame, e.left.span), this.serialised(r, frame, e.right.span)]);
        if (l.str !== undefined && r.str !== undefined && e.op === "+") out.str = l.str + r.str;
        else if (e.op === "+" && (l.str ?? l.shape ?? r.str ?? r.shape) !== undefined) out.shape = textShape(l) + textShape(r);
        if (l.elems && r.elems && e.op === "+") out.elems = [...l.elems, ...r.elems];
        return out;
      }
      if (e.op === "*" && (l.str !== undefined || r.str !== undefined)) return this.joinValues([l, r]);
      if (e.op === "/" && (l.ref || l.str !== undefined)) return new Value(); // path joins carry nothing
      // Arithmetic on a generated image's pixels (`(image * 255).astype("uint8")`) is still that image;
      // numbers computed from text are not content.
      return carry([l, r], (lab) => (lab.kind === "ai" && isMedia(lab.call.modality) ? lab : undefined));
    }
    case "logical": {
      const l = this.eval(e.left, frame);
      const savedGuard = frame.guard;
      if (e.op === "and" && this.consentPolarity(e.left, frame) === "pos") frame.guard = { ...savedGuard, consent: this.loc(frame, e.left.span) };
      // `m.role === "user" && <p>{m.content}</p>`: the right side sees what passed the left.
      const r = e.op === "??" ? this.eval(e.right, frame) : this.withNarrowing(e.left, e.op === "and", frame, () => this.eval(e.right, frame));
      frame.guard = savedGuard;
      return union([l, r]);
    }
    case "unary": {
      const v = this.eval(e.operand, frame);
      if ((e.op === "not" || e.op === "!") && this.knownTruth(v) !== undefined) return Value.constant(!this.knownTruth(v));
      if (e.op === "not" || e.op === "!") return this.requestOnly(v);
      return new Value();
    }
    case "compare": {
      const l = this.eval(e.left, frame);
      const r = this.eval(e.right, frame);
      // A yes/no made of request data is still the user's decision (CON002).
      return this.requestOnly(union([l, r]));
    }
    case "cond": {
      const known = this.knownCondition(e.test, frame);
      if (known !== undefined) return this.eval(known ? e.then : e.else, frame);
      const polarity = this.consentPolarity(e.test, frame);
      const savedGuard = frame.guard;
      if (polarity === "pos") frame.guard = { ...savedGuard, consent: this.loc(frame, e.test.span) };
      const t = this.allowListed(e.test, e.then, frame) ?? this.withNarrowing(e.test, true, frame, () => this.eval(e.then, frame));
      frame.guard = savedGuard;
      if (polarity === "neg") frame.guard = { ...savedGuard, consent: this.loc(frame, e.test.span) };
      const f = this.withNarrowing(e.test, false, frame, () => this.eval(e.else, frame));
      frame.guard = savedGuard;
      return union([t, f]);
    }
    case "await":
      return this.eval(e.expr, frame);
    case "func": {
      const v = Value.of({ k: "function", fn: e.fn, scope: frame.scope, module: frame.module });
      frame.module.functions.push({ fn: e.fn, scope: frame.scope, thisValue: frame.thisValue });
      return v;
    }
    case "class":
      return this.defineClass(e.cls, frame);
    case "jsx":
      return this.evalJsx(e, frame);
    case "comp":
      return this.evalComprehension(e, frame);
    case "yield": {
      const v = e.expr ? this.eval(e.expr, frame) : new Value();
      frame.yields.push(e.delegate ? this.elementOf(v) : v);
      if (frame.handler?.registration.returnIsSink && e.expr) this.userSink(frame, e.span, frame.handler.registration.returnIsSink, "yield", [v], this.returnDisclosure(v, frame), [e.expr]);
      return new Value();
    }
    case "assign": {
      const v = this.eval(e.value, frame);
      // An assignment expression declares nothing: in JS it sets the binding where it lives (`client ??= new OpenAI()`).
      const outer = frame.module.language !== "python";
      if (e.op) this.bind(e.target, this.augment(this.readPattern(e.target, frame), v, e.op), frame, e.span, outer);
      else this.bind(e.target, v, frame, e.span, outer);
      return v;
    }
    case "seq": {
      let last = new Value();
      for (const x of e.exprs) last = this.eval(x, frame);
      return last;
    }
    case "unknown": {
      const vs = e.children.map((c) => this.eval(c, frame));
      return vs.length === 1 ? vs[0] : carry(vs);
    }
    default:
      return new Value();
  }
};

/** Keeps only request-data labels (booleans and comparisons made from user input). */
Engine.prototype.requestOnly = function (this: Engine, v: Value): Value {
  const labels = deepLabels(v).filter((l) => l.kind === "request");
  return labels.length ? new Value(labels) : new Value();
};

Engine.prototype.evalName = function (this: Engine, name: string, frame: Frame, span: Span): Value {
  if ((name === "self" || name === "this") && frame.thisValue) return frame.thisValue;
  let v = lookup(frame.scope, name);
  // A module binding still unset here may be filled by an init function that runs before any request.
  if (v && frame.fn && isUnset(v)) v = this.initialiseModuleState(frame.scope, name) ?? v;
  if (v) {
    if (v.ref?.k === "framework" && v.ref.role === "flask.request") return this.flaskRequest(frame);
    // A variable whose name denotes personal data holds it (resolved question 12).
    // (A library object's personal field, `current_user.email`, is data like any other.)
    const data = !v.ref || (v.ref.k === "module" && !v.ref.local && v.labels.some((l) => l.kind === "pii"));
    if (data && v.constant === undefined && !v.jsx && (v.labels.length || v.str !== undefined || v.isEmpty())) {
      const what = personalDataCategory(name, false, this.options.vocabulary.personalData);
      if (what && !deepLabels(v).some((l) => l.kind === "pii" && l.redacted)) {
        const label: PiiLabel = { kind: "pii", id: this.newId(), loc: this.loc(frame, span), what };
        // An object (`email = EmailMessage()`) keeps its identity: what is set on it later must land on it.
        if (!v.props && !v.elems) return this.withLabels(v, mergeLabels(v.labels, [label]));
        if (!v.labels.some((l) => l.kind === "pii")) v.labels = mergeLabels(v.labels, [label]);
        return v;
      }
    }
    return v;
  }
  return this.builtin(name, frame, span);
};

/** Flask's global `request`: one identity per handler activation, for origin keys. */
Engine.prototype.flaskRequest = function (this: Engine, frame: Frame): Value {
  const v = this.roleValue("flask.request");
  v.labels = [this.origin(`${frame.fnKey}|request`, this.loc(frame, { start: 0, end: 0 }))];
  return v;
};

Engine.prototype.builtin = function (this: Engine, name: string, frame: Frame, span: Span): Value {
  const py = frame.module.language === "python";
  if (!py && name === "console") return this.roleValue("console");
  // `require("x")` and `await import("x")` load modules like `import` statements.
  if (!py && (name === "require" || name === "import")) return Value.of({ k: "builtin", name: "require" });
  if (!py && name === "process") {
    const v = new Value();
    v.props = new Map([["env", new Value()]]);
    return v;
  }
  if (!py && ["JSON", "Buffer", "Promise", "Object", "Array", "Math", "Date", "Response", "Request", "URL", "URLSearchParams", "fetch", "String", "Number", "Boolean", "atob", "btoa", "encodeURIComponent", "decodeURIComponent", "structuredClone", "Uint8Array", "Blob", "File", "FormData", "Headers", "TextDecoder", "TextEncoder", "Symbol", "Map", "Set", "setTimeout", "parseInt", "parseFloat", "isNaN", "performance", "crypto", "globalThis", "window", "document", "localStorage", "sessionStorage", "navigator", "EventSource", "WebSocket", "ReadableStream", "TransformStream"].includes(name)) {
    return Value.of({ k: "builtin", name });
  }
  if (py && ["print", "open", "str", "repr", "len", "int", "float", "bool", "dict", "list", "tuple", "set", "sorted", "reversed", "enumerate", "zip", "map", "filter", "format", "isinstance", "hasattr", "getattr", "setattr", "range", "min", "max", "sum", "any", "all", "iter", "next", "vars", "type", "id", "hash", "round", "abs", "bytes", "bytearray", "super", "input", "object", "callable", "frozenset", "chr", "ord", "divmod", "pow", "exit", "quit"].includes(name)) {
    return Value.of({ k: "builtin", name });
  }
  if (name === "undefined" || name === "None" || name === "null") return Value.constant(null);
  void span;
  return new Value();
};

Engine.prototype.stringLiteral = function (this: Engine, value: string, span: Span, frame: Frame): Value {
  const v = Value.string(value);
  v.loc = this.loc(frame, span);
  this.literalPii(v, span, frame);
  return v;
};

/** String literals holding personal data (PII002 shapes) carry it into prompts. */
Engine.prototype.literalPii = function (this: Engine, v: Value, span: Span, frame: Frame): void {
  const key = `${frame.module.file}:${span.start}:${span.end}`;
  let label = this.literalCache.get(key);
  if (label === undefined) {
    const what = this.options.personalLiteral(frame.module.file, span.start, span.end);
    label = what ? { kind: "pii", id: this.newId(), loc: this.loc(frame, span), what, literal: true } : null;
    this.literalCache.set(key, label);
  }
  if (label) v.labels = mergeLabels(v.labels, [label]);
};

/**
 * `label if label in ALLOWED else "other"`, `ALLOWED.includes(x) ? x : fallback`: where the check
 * passed, the value is one of a fixed collection's constants, nothing of what was checked
 * (resolved question 13). Undefined when the test is no such check.
 */
Engine.prototype.allowListed = function (this: Engine, test: Expr, then: Expr, frame: Frame): Value | undefined {
  if (then.k !== "name") return undefined;
  let checked: Expr | undefined;
  let collection: Expr | undefined;
  if (test.k === "compare" && test.op === "in") [checked, collection] = [test.left, test.right];
  else if (test.k === "call" && test.callee.k === "member" && /^(includes|has)$/.test(test.callee.prop)) [checked, collection] = [test.args[0]?.value, test.callee.object];
  if (checked?.k !== "name" || checked.name !== then.name || !collection) return undefined;
  const fixed = this.eval(collection, frame);
  const items = fixed.elems ?? (fixed.ref?.k === "framework" ? undefined : fixed.props ? [...fixed.props.keys()].map((k) => Object.assign(new Value(), { str: k })) : undefined);
  if (!items?.length || !items.every((i) => (i.str !== undefined || i.constant !== undefined) && i.labels.length === 0)) return undefined;
  return new Value();
};

/** Joins values into one string-like value: labels of all, literal text of all, disclosure when the text says so. */
Engine.prototype.joinValues = function (this: Engine, parts: readonly Value[], extraTexts: readonly string[] = []): Value {
  const out = carry(parts);
  const texts = [...extraTexts, ...parts.flatMap((p) => p.texts ?? [])];
  if (texts.length) out.texts = texts;
  out.record = undefined;
  // Label text anywhere in the joined pieces (a literal prefix, a labelled template joined with `+`) discloses the whole.
  const disclosedText = texts.some((t) => hasDisclosureText(t, this.options.vocabulary.disclosureText));
  if (disclosedText && out.labels.some((l) => l.kind === "ai")) {
    const loc = parts.find((p) => p.loc)?.loc ?? { file: "", start: 0, end: 0 };
    out.labels = withAiFlag(out.labels, "disclosed", loc);
  }
  return out;
};

/**
 * Serialising a payload with a disclosure field (`json.dumps({"delta": piece, "ai_generated": True})`)
 * writes the label into the text: the AI content in it stays disclosed when the text is framed
 * further (`f"data: {...}\n\n"` for server-sent events).
 */
Engine.prototype.textKeepsDisclosure = function (this: Engine, out: Value, payload: Value | undefined, frame: Frame, span: Span): Value {
  if (!payload?.props || !out.labels.some((l) => l.kind === "ai")) return out;
  const loc = this.payloadDisclosure([payload], frame, span);
  if (loc) out.labels = withAiFlag(out.labels, "disclosed", loc);
  return out;
};

/** Interpolating or serialising a person record sends every field of it (resolved question 12). */
Engine.prototype.serialised = function (this: Engine, v: Value, frame: Frame, span: Span): Value {
  if (!v.record || v.str !== undefined) return v;
  const loc = this.loc(frame, span);
  const label: PiiLabel = { kind: "pii", id: this.newId(), loc, what: `${v.record.word} record` };
  return this.withLabels(v, mergeLabels(deepLabels(v), [label]));
};

Engine.prototype.evalObject = function (this: Engine, e: Extract<Expr, { k: "object" }>, frame: Frame): Value {
  const out = new Value();
  out.props = new Map();
  for (const en of e.entries) {
    if (en.spread) {
      const sv = this.eval(en.value, frame);
      if (sv.props) for (const [k, v] of sv.props) out.props.set(k, v);
      else if (!sv.isEmpty()) out.props.set(`[...${out.props.size}]`, this.serialised(sv, frame, en.span));
      continue;
    }
    let key = en.key;
    if (key === undefined && en.keyExpr) {
      const kv = this.eval(en.keyExpr, frame);
      key = kv.str ?? `[${out.props.size}]`;
    }
    const v = this.eval(en.value, frame);
    out.props.set(key ?? `[${out.props.size}]`, v);
  }
  return out;
};

Engine.prototype.evalComprehension = function (this: Engine, e: Extract<Expr, { k: "comp" }>, frame: Frame): Value {
  const saved = frame.scope;
  frame.scope = forkScope(saved);
  for (const g of e.generators) {
    const iter = this.eval(g.iter, frame);
    this.bind(g.target, this.elementOf(iter), frame, e.span);
    for (const c of g.conds) {
      this.eval(c, frame);
      // `[m["content"] for m in history if m["role"] == "user"]`: the element sees what passed the filter.
      this.narrowScope(condOf(c), true, frame.scope);
    }
  }
  const el = this.eval(e.element, frame);
  if (e.key) this.eval(e.key, frame);
  frame.scope = saved;
  const out = new Value();
  out.elems = [el];
  return out;
};

/** An element of an iterable: a known element, or data carried from the iterable. */
Engine.prototype.elementOf = function (this: Engine, v: Value): Value {
  // A list that began empty and was then given data it could not keep apart (`setItems(rows)`) holds that data.
  if (v.elems && v.elems.length === 0 && v.labels.length) return new Value(v.labels);
  if (v.elems) {
    if (v.elems.length === 1) return v.elems[0];
    const out = union(v.elems);
    // Objects of different shapes (messages by role): which one an element is, a test on a field can tell.
    if (!v.elems.includes(out) && !out.variants && v.elems.every((el) => el.props)) out.variants = [...v.elems];
    return out;
  }
  if (v.ref?.k === "framework" || v.ref?.k === "sdk" || v.ref?.k === "module") {
    const out = this.withLabels(new Value(), v.labels);
    out.ref = v.ref;
    return out;
  }
  if (v.props && v.labels.length === 0) return union([...v.props.values()]);
  const out = new Value(v.labels);
  out.record = v.record;
  return out;
};

Engine.prototype.member = function (this: Engine, obj: Value, prop: string, frame: Frame | undefined, span: Span | undefined): Value {
  if (obj.ref?.k === "tracked") return this.memberTracked(obj, prop);
  const ref = obj.ref;
  if (ref?.k === "module") {
    if (ref.local) {
      const mod = this.loadModule(ref.module);
      const v = mod ? this.moduleExport(mod, prop) : undefined;
      if (v) return v;
      // Python `import pkg` then `pkg.sub.fn`: try the submodule.
      if (mod?.language === "python") {
        const sub = this.workspace.resolve(ref.module, `.${prop}`, "python");
        if (sub) return Value.of({ k: "module", module: sub, path: [], local: true });
      }
      return new Value();
    }
    const next = this.externalModule(ref.module, [...ref.path, prop], !!ref.py);
    if (next.ref?.k === "framework" && next.ref.role === "flask.request" && frame) return this.flaskRequest(frame);
    if (ref.tags && (next.ref?.k === "module" || next.ref?.k === "sdk")) next.ref = { ...next.ref, tags: mergeTags(next.ref.tags, ref.tags) } as Ref;
    if (next.ref?.k === "module") next.labels = obj.labels;
    // A field of a person object a library provides (`flask_login.current_user.email`) is that person's data.
    const owner = ref.path[ref.path.length - 1];
    const what = owner && personRecordWord(owner) && frame && span && next.ref?.k === "module" ? personalDataCategory(prop, true, this.options.vocabulary.personalData) : undefined;
    if (what) next.labels = mergeLabels(next.labels, [{ kind: "pii", id: this.newId(), loc: this.loc(frame!, span!), what }]);
    return next;
  }
  if (ref?.k === "sdk") {
    const path = [...(((ref as { path?: string[] }).path) ?? []), prop];
    // A module-level client is also a module: `ollama.AsyncClient`, `replicate.Client` are catalogue entries of their own.
    const mod = (ref as { module?: { module: string; path: readonly string[]; py?: boolean } }).module;
    if (mod) {
      const entry = findSdkEntry(this.fullName({ k: "module", module: mod.module, path: [...mod.path, ...path], local: false, py: mod.py }));
      if (entry && entry.kind !== "object") return Value.of({ k: "module", module: mod.module, path: [...mod.path, ...path], local: false, py: mod.py });
    }
    return Value.of({ ...ref, path } as Ref, obj.labels);
  }
  if (ref?.k === "framework") return this.roleMember(obj, ref.role, prop, frame, span);
  if (ref?.k === "class") {
    const method = ref.cls.body.find((s) => s.k === "func" && s.fn.name === prop);
    if (method?.k === "func") return Value.of({ k: "function", fn: method.fn, scope: ref.scope, module: ref.module });
    const field = ref.cls.body.find((s) => s.k === "assign" && s.targets.some((t) => t.k === "name" && t.name === prop));
    if (field?.k === "assign" && field.value && frame) return this.eval(field.value, frame);
    // A static method inherited from a framework base class (TypeORM `BaseEntity.create({...})` builds an entity).
    for (const b of ref.cls.bases) {
      const base = b.k === "name" ? lookup(ref.scope, b.name) : undefined;
      if (base?.ref?.k === "framework" && ROLES[base.ref.role]?.builders?.includes(prop)) return this.roleValue(`${base.ref.role}#${prop}`);
    }
    return new Value();
  }
  if (ref?.k === "instance" || obj.props?.has(prop)) {
    const own = obj.props?.get(prop);
    if (own) return this.fieldValue(own, obj, prop, frame, span);
    if (ref?.k === "instance" && ref.cls) {
      const method = ref.cls.body.find((s) => s.k === "func" && s.fn.name === prop);
      if (method?.k === "func") return Value.of({ k: "function", fn: method.fn, scope: (lookup(ref.module ? this.moduleFor(ref.module.file).scope : newScope(), ref.className) ?? new Value()).ref?.k === "class" ? ((lookup(this.moduleFor(ref.module!.file).scope, ref.className)!.ref as { scope: Scope }).scope) : this.moduleFor(ref.module!.file).scope, module: ref.module!, boundThis: obj });
      const other = this.instanceMember(obj, prop, frame);
      if (other) return other.ref?.k === "function" ? other : this.fieldValue(other, obj, prop, frame, span);
    }
  }
  if (ref?.k === "response") {
    if (prop === "headers") return this.roleValue("$headers", obj);
    return new Value(deepLabels(obj));
  }
  if (ref?.k === "builtin") {
    // `globalThis.prisma`, `window.foo`: a global the program set, unless it is a known builtin.
    if (/^(globalThis|window|global|self)$/.test(ref.name)) return frame && span ? this.builtin(prop, frame, span) : new Value();
    return Value.of({ k: "builtin", name: `${ref.name}.${prop}` });
  }
  if (ref?.k === "function" && prop === "call") return obj;
  return this.deriveField(obj, prop, frame, span);
};

/** A known field of an object literal or instance: personal data when its name says so. */
Engine.prototype.fieldValue = function (this: Engine, v: Value, owner: Value, prop: string, frame: Frame | undefined, span: Span | undefined): Value {
  if (v.ref || v.constant !== undefined) return v;
  const what = personalDataCategory(prop, !!owner.record, this.options.vocabulary.personalData);
  if (!what && !(owner.record?.health)) return v;
  const loc = frame && span ? this.loc(frame, span) : v.loc ?? owner.loc;
  if (!loc) return v;
  return this.withLabels(v, mergeLabels(v.labels, [{ kind: "pii", id: this.newId(), loc, what: what ?? "health record field" }]));
};

/** A field of data the engine knows only by what it carries (an API response, a database row). */
Engine.prototype.deriveField = function (this: Engine, obj: Value, prop: string, frame: Frame | undefined, span: Span | undefined): Value {
  if (obj.str !== undefined) {
    // Properties of strings: `.length` says nothing about the content.
    return prop === "length" ? new Value() : carry([obj]);
  }
  const labels: Label[] = [];
  const nonContent = NON_CONTENT_FIELDS.has(prop);
  const toolCalls = TOOL_CALL_FIELDS.has(prop);
  for (const l of obj.labels) {
    if (l.kind === "origin") labels.push(this.childOrigin(l, prop));
    else if (l.kind === "ai") {
      // The name of the tool the model chose is a label, not content.
      if (nonContent || (l.toolCall && prop === "name")) continue;
      labels.push(toolCalls && !l.toolCall ? { ...l, toolCall: true } : l);
    } else labels.push(l);
  }
  if (obj.props) {
    // A literal object without this field, but with unknown spread members.
    for (const [k, v] of obj.props) if (k.startsWith("[")) labels.push(...deepLabels(v));
  }
  const out = new Value(mergeLabels(labels));
  if (obj.elems && /^\d+$/.test(prop)) return obj.elems[Number(prop)] ?? out;
  const what = personalDataCategory(prop, !!obj.record, this.options.vocabulary.personalData) ?? (obj.record?.health && !nonContent ? "health record field" : undefined);
  if (what && frame && span && !obj.isEmpty()) {
    out.labels = mergeLabels(out.labels, [{ kind: "pii", id: this.newId(), loc: this.loc(frame, span), what }]);
  } else if (what && frame && span && obj.isEmpty() && obj.str === undefined) {
    out.labels = mergeLabels(out.labels, [{ kind: "pii", id: this.newId(), loc: this.loc(frame, span), what }]);
  }
  // `customer.profile`, `request.user`: nested person records.
  if (!out.record) {
    const rec = personRecordWord(prop);
    if (rec && frame && span) out.record = { ...rec, loc: this.loc(frame, span) };
  }
  if (nonContent && obj.labels.some((l) => l.kind === "ai")) out.labels = out.labels.filter((l) => l.kind !== "pii" || !l.literal);
  return out;
};

Engine.prototype.index = function (this: Engine, obj: Value, key: Value, frame: Frame, span: Span): Value {
  if (obj.ref?.k === "framework" && obj.ref.role === "streamlit.sessionState") {
    return key.str !== undefined ? this.streamlitState.get(key.str) ?? new Value() : union([...this.streamlitState.values()]);
  }
  // An item of a library mapping (`os.environ["KEY"]`) is data, not a member of the module.
  if (obj.ref?.k === "module" && !obj.ref.local) return new Value(obj.labels);
  if (key.str !== undefined) {
    if (obj.props?.has(key.str)) return this.fieldValue(obj.props.get(key.str)!, obj, key.str, frame, span);
    if (obj.props && obj.labels.length === 0 && !obj.ref && ![...obj.props.keys()].some((k) => k.startsWith("["))) return new Value();
    return this.member(obj, key.str, frame, span);
  }
  if (typeof key.constant === "number" && obj.elems && !obj.elemKinds) return obj.elems[key.constant < 0 ? obj.elems.length + key.constant : key.constant] ?? this.elementOf(obj);
  if (obj.elems) return this.elementOf(obj);
  // A lookup in a fixed table by a request-supplied key is not request data (resolved question 13).
  if (obj.props && obj.props.size) return union([...obj.props.values()]);
  if (typeof key.constant === "number") return this.member(obj, String(key.constant), frame, span);
  return this.member(obj, "[*]", frame, span);
};

Engine.prototype.roleMember = function (this: Engine, obj: Value, role: string, prop: string, frame: Frame | undefined, span: Span | undefined): Value {
  const spec = ROLES[role];
  if (role === "$headers") return new Value();
  if (spec?.requestProps?.includes(prop) || spec?.requestProps?.includes("*") || (this.options.vocabulary.extraSources.has(prop) && role.endsWith("request"))) {
    return this.requestData(obj, prop, frame, span, `${role.split(".")[0]} ${prop}`);
  }
  const toRole = spec?.members?.[prop] ?? (spec?.anyMember && !roleKnows(spec, prop) ? spec.anyMember : undefined);
  if (toRole) {
    const v = this.roleValue(toRole);
    v.labels = obj.labels.filter((l) => l.kind === "origin").map((l) => this.childOrigin(l as OriginLabel, prop));
    return v;
  }
  // `st.session_state.messages`: the stored value itself, so `.append(...)` adds to it.
  if (role === "streamlit.sessionState") {
    if (frame) this.stateReaders.add(frame.fn ? `${frame.module.file}:${frame.fn.id}` : frame.module.file);
    let stored = this.streamlitState.get(prop);
    if (!stored) {
      stored = new Value();
      stored.elems = [];
      this.streamlitState.set(prop, stored);
    }
    return stored;
  }
  if (spec?.dataMembers) {
    const out = new Value(obj.labels.filter((l) => l.kind === "origin").map((l) => this.childOrigin(l as OriginLabel, prop)));
    // A framework's person object (`request.user`): its personally named fields are that person's data.
    const person = personRecordWord(role.split(/[.#]/).pop() ?? "");
    const what = person && frame && span ? personalDataCategory(prop, true, this.options.vocabulary.personalData) : undefined;
    if (what) out.labels = mergeLabels(out.labels, [{ kind: "pii", id: this.newId(), loc: this.loc(frame!, span!), what }]);
    return out;
  }
  const ref = obj.ref as Extract<Ref, { k: "framework" }>;
  // A field of a framework object named as personal data (`request.user.profile.account_number`, `g.user.hkid`) holds it.
  const what = frame && span && !spec ? personalDataCategory(prop, false, this.options.vocabulary.personalData) : undefined;
  if (what) return new Value([{ kind: "pii", id: this.newId(), loc: this.loc(frame!, span!), what }, ...obj.labels.filter((l) => l.kind === "origin").map((l) => this.childOrigin(l as OriginLabel, prop))]);
  // A member the catalogue does not describe on an imported framework module: an ordinary import path (`web.json_response`).
  if (ref.module && spec && !spec.allMembers && !roleKnows(spec, prop)) return this.externalModule(ref.module.module, [...ref.module.path, prop], !!ref.module.py);
  // Anything else keeps the role so method calls resolve (`res.status(...)`), with the object's data and owner.
  const out = this.roleValue(`${role}#${prop}`, ref.state, { owner: obj });
  out.labels = obj.labels.filter((l) => l.kind === "origin").map((l) => this.childOrigin(l as OriginLabel, prop));
  return out;
};

Engine.prototype.requestData = function (this: Engine, obj: Value, prop: string, frame: Frame | undefined, span: Span | undefined, _what: string): Value {
  const loc = frame && span ? this.loc(frame, span) : { file: "", start: 0, end: 0 };
  const what = describeRequestPart(prop);
  const origins = obj.labels.filter((l): l is OriginLabel => l.kind === "origin").map((l) => this.childOrigin(l, prop));
  const base = origins.length ? origins : frame ? [this.origin(`${frame.fnKey}|${prop}`, loc)] : [];
  const v = new Value([{ kind: "request", id: this.newId(), loc, what }, ...base]);
  // Profile fields of a chat platform (`first_name`, `username`) are personal data too.
  const pii = personalDataCategory(prop, true, this.options.vocabulary.personalData);
  if (pii && frame) v.labels = mergeLabels(v.labels, [{ kind: "pii", id: this.newId(), loc, what: pii }]);
  v.loc = loc;
  if (frame) frame.userData = true;
  return v;
};

/** Whether a role's spec says anything about a member. */
function roleKnows(spec: RoleSpec, prop: string): boolean {
  return !!(
    spec.requestProps?.includes(prop) || spec.requestMethods?.includes(prop) || spec.members?.[prop] || spec.methodRoles?.[prop] || spec.chain?.includes(prop) ||
    spec.userSinks?.[prop] || spec.recordSinks?.[prop] || spec.headerMethods?.includes(prop) || spec.registers?.[prop] || spec.sinkProps?.[prop] ||
    spec.selfMethods?.includes(prop) || (spec.anyMethodSink && !spec.anyMethodSink.except?.includes(prop))
  );
}

/** A reader's name for the part of a request a property or method reads. */
function describeRequestPart(prop: string): string {
  if (/^(body|json|get_json|form|formData|data|values|files|file|POST|FILES|text|arrayBuffer|blob|parseBody|stream|read|post|multipart|get_data|valid)$/.test(prop)) return "request body";
  if (/^(query|args|GET|searchParams|query_params|queryStringParameters|multiValueQueryStringParameters|rawQueryString|queries|nextUrl|url|rel_url)$/.test(prop)) return "query string";
  if (/^(params|param|path_params|view_args|pathParameters|match_info)$/.test(prop)) return "path parameter";
  if (/^(headers|header|get|META)$/.test(prop)) return "request header";
  if (/^(cookies|COOKIES|signedCookies)$/.test(prop)) return "cookie";
  if (/^(content|cleanContent|clean_content|caption|message)$/.test(prop)) return "chat message";
  if (/^(searchParams|params)$/.test(prop)) return "page parameter";
  if (/^(author|member|user|username|first_name|last_name|full_name|display_name|from_user|user_name)$/.test(prop)) return "user profile field";
  if (/^(text_input|text_area|chat_input|file_uploader|camera_input|audio_input)$/.test(prop)) return "user input";
  return `request ${prop}`;
}

/** A value's text for a shape: its exact text, its own shape, or `{}` for what is not known. */
function textShape(v: Value | undefined): string {
  return v?.str ?? v?.shape ?? "{}";
}
