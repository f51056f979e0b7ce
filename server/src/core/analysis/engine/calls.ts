// Calls: arguments, dispatch on what the callee is, and workspace functions and classes inlined with their
// arguments (memoised by a signature of them).
import type { Arg, CallExpr, ClassDef, FunctionDef } from "../../ir/types";
import { AWS_STORE_COMMANDS } from "../../sdk/catalogue";
import { STREAM_RESPONSE_METHODS } from "../../sdk/frameworks";
import type { GuardState } from "../facts";
import { personRecordWord, splitWords } from "../names";
import { type Frame, type HandlerInfo, lookup, type ModuleState, newScope } from "../scope";
import { carry, deepLabels, type Label, type Loc, mergeLabels, mergeTags, type Scope, type Tag, union, Value } from "../values";
import { Engine, type Args } from "./engineCore";
import {
  NON_CARRYING, NON_CARRYING_METHODS, VALIDATE_METHODS, STRING_JOIN_METHODS, ITER_CALLBACK_METHODS, DB_READ_METHODS, routerConsent, calleeName,
} from "./helpers";

const MAX_DEPTH = 7;
/** Method names of common libraries and containers: never taken for a workspace method of the same name. */
const KNOWN_DATA_METHODS = new Set([
  "to_dict", "model_dump", "model_dump_json", "toJSON", "toString", "get_json", "set_content", "add_alternative", "attach_alternative", "set_payload", "add_text",
  "write_text", "write_bytes", "read_text", "read_bytes", "send_message", "reply_text", "send_mail", "send_file", "set_cookie", "add_header", "set_header", "setHeader",
  "append_message", "add_message", "add_messages", "create_task", "run_until_complete", "to_thread", "run_in_executor", "model_validate", "model_validate_json",
  "toLowerCase", "toUpperCase", "toISOString", "toLocaleString", "toDateString", "toFixed", "toPrecision", "trimStart", "trimEnd", "padStart", "padEnd", "findIndex", "findLastIndex",
  "getItem", "setItem", "removeItem", "addEventListener", "removeEventListener", "querySelector", "querySelectorAll", "appendChild", "arrayBuffer", "toBuffer", "getReader",
  "raise_for_status", "iter_lines", "iter_content", "add_argument", "parse_args", "get_nowait", "put_nowait", "as_posix", "with_suffix", "with_name", "read_csv", "to_csv", "to_json",
]);

declare module "./engineCore" {
  interface Engine {
    evalCall(e: CallExpr, frame: Frame): Value;
    evalArgs(exprs: readonly Arg[], frame: Frame): Args;
    namedArg(args: Args, path: string, frame?: Frame): Value | undefined;
    dispatchCall(e: CallExpr, callee: Value, receiver: Value | undefined, name: string | undefined, args: Args, frame: Frame): Value;
    unknownCallResult(args: Args, name: string | undefined, method: boolean, receiver?: Value): Value;
    runCallbacks(args: Args, frame: Frame, params: Value[]): Value[];
    callFunction(fn: FunctionDef, scope: Scope, mod: ModuleState, args: Args, thisValue: Value | undefined, caller: Frame, site: CallExpr | undefined, extraTags?: readonly Tag[]): Value;
    invokeFunction(fn: FunctionDef, scope: Scope, mod: ModuleState, args: Args | Value[], thisValue: Value | undefined, init: { guard: GuardState; handler?: HandlerInfo; depth: number; uiDisclosure?: Loc; entry?: boolean; named?: Map<string, Value>; tags?: readonly Tag[] }): Value;
    instantiate(cls: ClassDef, scope: Scope, mod: ModuleState, args: Args | undefined, caller: Pick<Frame, "guard" | "depth"> & Partial<Frame>, site: CallExpr | undefined): Value;
    callUniqueMethod(receiver: Value, name: string, args: Args, frame: Frame, e: CallExpr): Value | undefined;
    buildMethodIndex(): Map<string, Array<{ file: string; cls: string }>>;
    callSetState(setter: Value, args: Args, frame: Frame): void;
  }
}

Engine.prototype.evalCall = function (this: Engine, e: CallExpr, frame: Frame): Value {
  this.checkBudget();
  let receiver: Value | undefined;
  let name: string | undefined;
  let callee: Value;
  if (e.callee.k === "member") {
    receiver = this.eval(e.callee.object, frame);
    name = e.callee.prop;
    callee = this.member(receiver, name, frame, e.callee.span);
    this.exprValues.set(e.callee, callee);
  } else {
    callee = this.eval(e.callee, frame);
    name = e.callee.k === "name" ? e.callee.name : undefined;
  }
  const args = this.evalArgs(e.args, frame);
  if (this.serveCall(e, args, frame)) return new Value();
  let result = this.dispatchCall(e, callee, receiver, name, args, frame);
  // Marker helpers, by name (resolved question 6 and the marker concepts).
  const markerName = receiver?.ref?.k === "tracked" ? undefined : name ?? calleeName(e.callee);
  if (markerName) result = this.applyMarkers(markerName, result, args, receiver, frame, e.span, callee.ref?.k === "function");
  return result;
};

Engine.prototype.evalArgs = function (this: Engine, exprs: readonly Arg[], frame: Frame): Args {
  const positional: Value[] = [];
  const named = new Map<string, Value>();
  const all: Value[] = [];
  for (const a of exprs) {
    const v = this.eval(a.value, frame);
    all.push(v);
    if (a.name) named.set(a.name, v);
    else if (a.spread === "dict") {
      if (v.props) for (const [k, pv] of v.props) named.set(k, pv);
      else named.set(`**${named.size}`, v);
    } else if (a.spread === "list") {
      if (v.elems) positional.push(...v.elems);
      else positional.push(this.elementOf(v));
    } else positional.push(v);
  }
  return { positional, named, exprs, all };
};

/** A keyword argument, or a property of a JS options object (first object argument), by dotted path. */
Engine.prototype.namedArg = function (this: Engine, args: Args, path: string, frame?: Frame): Value | undefined {
  const [head, ...rest] = path.split(".");
  let v = args.named.get(head);
  if (!v) {
    for (const p of args.positional) {
      if (p.props?.has(head)) {
        v = p.props.get(head);
        break;
      }
    }
  }
  for (const seg of rest) {
    if (!v) return undefined;
    v = v.props?.get(seg) ?? (frame && !v.props ? undefined : undefined);
  }
  return v;
};

Engine.prototype.dispatchCall = function (this: Engine, e: CallExpr, callee: Value, receiver: Value | undefined, name: string | undefined, args: Args, frame: Frame): Value {
  // Objects the catalogue tracks answer their own methods (re-encoders, guardrails).
  if (receiver?.ref?.k === "tracked" && name) return this.callTracked(receiver, name, args, frame, e);
  const ref = callee.ref;
  // An AWS client sending a storage command, whatever client object it is (`s3.send(...)`, `docClient.send(...)`).
  const command = name === "send" ? (args.positional[0] as (Value & { command?: string }) | undefined)?.command : undefined;
  const store = command ? AWS_STORE_COMMANDS[command] : undefined;
  if (store) {
    const payload = store.payload.map((p) => args.positional[0]!.props?.get(p)).filter((v): v is Value => !!v);
    if (payload.length) this.recordSink(frame, e.span, store.category, `send(${command})`, payload, false, e.args.map((a) => a.value));
    return new Value();
  }
  if (ref?.k === "function") {
    const result = this.callFunction(ref.fn, ref.scope, this.moduleFor(ref.module.file), args, ref.boundThis ?? (ref.fn.isMethod ? receiver : undefined), frame, e, ref.tags);
    return result;
  }
  if (ref?.k === "class") {
    return this.instantiate(ref.cls, ref.scope, this.moduleFor(ref.module.file), args, frame, e);
  }
  if (ref?.k === "sdk") return this.callSdk(ref, callee, withPreset(callee, args), frame, e, receiver);
  if (ref?.k === "module" && !ref.local) return this.callExternal(ref, callee, receiver, name, args, frame, e);
  if (ref?.k === "framework") return this.callRole(ref.role, callee, receiver, name, args, frame, e);
  if (receiver?.ref?.k === "builtin" && receiver.ref.name === "$streamController" && (name === "enqueue" || name === "write")) {
    const target = (receiver as Value & { target?: Value }).target;
    if (target) this.mergeInto(target, union(args.all));
    return new Value();
  }
  if (ref?.k === "builtin" && ref.name === "$setState") {
    this.callSetState(callee, args, frame);
    return new Value();
  }
  if (ref?.k === "builtin") return this.callBuiltin(ref.name, receiver, args, frame, e);
  if (receiver && name) return this.callMethodOnData(receiver, name, args, frame, e);
  // An unknown function (an unresolved import, a parameter): callbacks run, data flows through.
  this.runCallbacks(args, frame, []);
  return this.unknownCallResult(args, name, false);
};

Engine.prototype.unknownCallResult = function (this: Engine, args: Args, name: string | undefined, method: boolean, receiver?: Value): Value {
  if (name && NON_CARRYING.has(name)) return new Value();
  const sources = [...args.all, ...(receiver ? [receiver] : [])];
  // Free functions do not pass request data or identities through (lookups keyed by request data are not request data);
  // a function run with the arguments of a tool call returns the tool's data (resolved question 5).
  const out = carry(sources, method ? notToolCall : (l) => (l.kind === "request" || l.kind === "origin" || (l.kind === "ai" && l.toolCall) ? undefined : l));
  out.texts = undefined;
  // `Model(field=...)`, `new Command({...})`: keep the fields so stores and prompts see them.
  const kw = args.named.size ? args.named : args.positional[0]?.props;
  if (kw && (name && /^[A-Z]/.test(name) || args.named.size)) {
    out.props = new Map([...kw].map(([k, v]) => [k, deepLabels(v).some((l) => l.kind === "ai" && l.toolCall) ? carry([v], notToolCall) : v]));
  }
  return out;
};

Engine.prototype.runCallbacks = function (this: Engine, args: Args, frame: Frame, params: Value[]): Value[] {
  const results: Value[] = [];
  for (const a of args.all) {
    if (a.ref?.k === "function") {
      const r = this.callFunction(a.ref.fn, a.ref.scope, this.moduleFor(a.ref.module.file), { positional: params, named: new Map(), exprs: [], all: params }, a.ref.boundThis, frame, undefined);
      results.push(r);
    }
  }
  return results;
};

Engine.prototype.callFunction = function (this: Engine, fn: FunctionDef, scope: Scope, mod: ModuleState, args: Args, thisValue: Value | undefined, caller: Frame, site: CallExpr | undefined, extraTags?: readonly Tag[]): Value {
  if (caller.fn) this.facts.addCall(caller.fnKey, `${mod.file}:${fn.id}`, caller.branch);
  if (this.callStack.includes(fn.id) || caller.depth >= MAX_DEPTH) {
    this.runCallbacks(args, caller, []);
    return carry(args.all);
  }
  const tags = mergeTags(caller.tags, extraTags);
  // A constructor's effect is on the new object: each instance runs it (a memoised result would leave it empty).
  const ctor = fn.isMethod && (fn.name === "__init__" || fn.name === "constructor");
  const memoKey = ctor ? "" : `${mod.file}:${fn.id}|${caller.guard.consent ? 1 : 0}|${caller.uiDisclosure ? 1 : 0}|${tags?.map((t) => t.name).join(",") ?? ""}|${signature(args.all)}|${thisValue ? signature([thisValue]) : ""}`;
  const hit = memoKey ? this.memo.get(memoKey) : undefined;
  if (hit) return hit.ret;
  const handler = mod.handlers.get(fn.id);
  const ret = this.invokeFunction(fn, scope, mod, args.positional.length || args.named.size ? args : { ...args, positional: args.all }, thisValue, {
    guard: caller.guard,
    handler: handler ?? (caller.handler?.registration.kind === "ui" && caller.handler && site === undefined ? undefined : undefined),
    depth: caller.depth + 1,
    uiDisclosure: caller.uiDisclosure,
    named: args.named,
    tags,
  });
  let result = ret;
  if (site) {
    // The call site is a hop on the way back (related locations of the finding).
    const hop = { loc: this.loc(caller, site.span), note: `returned by ${fn.name ?? "function"}()` };
    result = this.withLabels(ret, ret.labels.map((l) => (l.kind === "ai" && l.hops.length < 4 ? { ...l, hops: [...l.hops, hop] } : l)));
  }
  if (memoKey && !this.facts.muted) this.memo.set(memoKey, { ret: result });
  if (caller.fnKey && caller.userData === false && result.labels.some((l) => l.kind === "request" || l.kind === "stored")) caller.userData = true;
  return result;
};

Engine.prototype.invokeFunction = function (
  this: Engine,
  fn: FunctionDef,
  scope: Scope,
  mod: ModuleState,
  args: Args | Value[],
  thisValue: Value | undefined,
  init: { guard: GuardState; handler?: HandlerInfo; depth: number; uiDisclosure?: Loc; entry?: boolean; named?: Map<string, Value>; tags?: readonly Tag[] },
): Value {
  const positional = Array.isArray(args) ? args : args.positional;
  const named = Array.isArray(args) ? init.named ?? new Map<string, Value>() : args.named;
  const fnScope = newScope(scope);
  const handlerConsent = init.handler?.consent ?? routerConsent(init.handler?.router);
  const guard = handlerConsent ? { ...init.guard, consent: handlerConsent } : init.guard;
  const tags = mergeTags(init.tags, this.functionTags.get(`${mod.file}:${fn.id}`));
  const frame = this.newFrame(mod, fn, `${mod.file}:${fn.id}`, fnScope, { guard, handler: init.handler, depth: init.depth, thisValue, uiDisclosure: init.uiDisclosure ?? this.captionIn(fn.body, mod.file), tags });
  if (!this.facts.muted) this.invoked.add(`${mod.file}:${fn.id}`);
  this.callStack.push(fn.id);
  try {
    let pi = 0;
    const params = fn.params.filter((p, i) => !(i === 0 && mod.language === "python" && fn.isMethod && (p.name === "self" || p.name === "cls")));
    for (const p of params) {
      let v: Value | undefined;
      if (p.kind === "rest") {
        const rest = new Value();
        rest.elems = positional.slice(pi);
        pi = positional.length;
        v = rest;
      } else if (p.kind === "kwrest") {
        const kw = new Value();
        kw.props = new Map(named);
        v = kw;
      } else {
        v = (p.name ? named.get(p.name) : undefined) ?? positional[pi++];
      }
      if (v === undefined || (init.entry && v.isEmpty() && v.str === undefined && v.constant === undefined)) {
        v = this.paramDependency(mod, p, frame) ?? (p.default ? this.eval(p.default, frame) : undefined);
        // Analysed on its own, a function may be called with any flag: a boolean default decides no branch.
        const assumedFlag = init.entry && typeof v?.constant === "boolean";
        if (!v || assumedFlag || (v.isEmpty() && v.str === undefined && (v.constant === undefined || v.constant === null))) v = this.paramValue(mod, fn, p, init.handler?.registration);
      } else if (p.typeAnn && !v.ref && !v.record) {
        const rec = personRecordWord(p.typeAnn.replace(/[^\w]/g, " ").trim().split(/\s+/).pop() ?? "");
        if (rec) {
          v = this.withLabels(v, v.labels);
          v.record = { ...rec, loc: this.locOf(mod.file, p.span) };
        }
      }
      if (p.name && !v.record && !v.ref && v.str === undefined) {
        const rec = personRecordWord(p.name);
        if (rec) {
          v = this.withLabels(v, v.labels);
          v.record = { ...rec, loc: this.locOf(mod.file, p.span) };
        }
      }
      if (p.name && v.labels.length && !v.ref && !v.props && v.str === undefined) {
        // The callee's own name for the value, so logging it inside matches prompts inside.
        v = this.withLabels(v, mergeLabels(v.labels, [this.origin(`${mod.file}:${fn.id}|${p.name}`, this.locOf(mod.file, p.span))]));
      }
      this.bind(p.pattern, v, frame, p.span);
      // `constructor(private readonly repo: Repo)` also sets `this.repo`.
      if (p.property && p.name && thisValue) {
        thisValue.props ??= new Map();
        thisValue.props.set(p.name, v);
      }
    }
    this.execBlock(fn.body, frame);
  } finally {
    this.callStack.pop();
  }
  const results = [...frame.returns];
  if (fn.isGenerator) {
    const gen = union(frame.yields);
    const out = new Value(deepLabels(gen));
    out.elems = frame.yields.length ? [gen] : undefined;
    results.push(out);
  }
  if (results.length === 0) return new Value();
  return results.length === 1 ? results[0] : union(results);
};

Engine.prototype.instantiate = function (this: Engine, cls: ClassDef, scope: Scope, mod: ModuleState, args: Args | undefined, caller: Pick<Frame, "guard" | "depth"> & Partial<Frame>, site: CallExpr | undefined): Value {
  const inst = Value.of({ k: "instance", className: cls.name ?? "", cls, module: mod });
  inst.props = new Map();
  const rec = this.recordClass(mod, cls);
  // Model classes (dataclasses, ORM models): constructor keywords are fields.
  if (args) for (const [k, v] of args.named) inst.props.set(k, v);
  if (rec) inst.record = { ...rec, loc: this.locOf(mod.file, cls.span) };
  const ctor = cls.body.find((s) => s.k === "func" && (s.fn.name === "__init__" || s.fn.name === "constructor"));
  // Class-level fields with values (`this.x = ...` in TS field initialisers).
  const fieldFrame = this.newFrame(mod, undefined, `${mod.file}:${cls.id}`, newScope(scope), { thisValue: inst, depth: (caller.depth ?? 0) + 1 });
  for (const s of cls.body) if (s.k === "assign" && s.targets.every((t) => t.k === "member")) this.exec(s, fieldFrame);
  if (ctor?.k === "func") {
    const frame = caller as Frame;
    if (frame.module) this.callFunction(ctor.fn, scope, mod, args ?? { positional: [], named: new Map(), exprs: [], all: [] }, inst, frame, site);
    else this.invokeFunction(ctor.fn, scope, mod, [], inst, { guard: {}, depth: 1, entry: true });
  } else if (args && args.positional.length && cls.fields.length >= args.positional.length) {
    // A dataclass or named tuple built positionally: the arguments fill its declared fields in order.
    args.positional.forEach((v, i) => inst.props!.set(cls.fields[i].name, v));
  } else if (args && args.positional.length && !args.named.size) {
    // Bases we cannot see (pydantic, dataclasses): keep the data.
    inst.labels = carry(args.all).labels;
  }
  return inst;
};

/**
 * `self.bot.db.add_artwork(...)` where the engine cannot tell what `db` is: when exactly one class of the
 * workspace defines a method of that (compound, domain-specific) name, the call is that method.
 */
Engine.prototype.callUniqueMethod = function (this: Engine, receiver: Value, name: string, args: Args, frame: Frame, e: CallExpr): Value | undefined {
  if (receiver.ref || receiver.str !== undefined || receiver.constant !== undefined || receiver.props?.has(name)) return undefined;
  // Data (a model's answer, a request body) is no service object: its methods are the language's.
  if (receiver.labels.some((l) => l.kind === "ai" || l.kind === "request" || l.kind === "pii")) return undefined;
  if (name.startsWith("_") || splitWords(name).length < 2 || KNOWN_DATA_METHODS.has(name)) return undefined;
  if (NON_CARRYING_METHODS.has(name) || STRING_JOIN_METHODS.has(name) || ITER_CALLBACK_METHODS.has(name) || DB_READ_METHODS.has(name) || VALIDATE_METHODS.has(name) || STREAM_RESPONSE_METHODS.has(name)) return undefined;
  if (!this.methodIndex) this.methodIndex = this.buildMethodIndex();
  const defs = this.methodIndex.get(name);
  if (defs?.length !== 1) return undefined;
  const mod = this.loadModule(defs[0].file);
  const clsValue = mod ? lookup(mod.scope, defs[0].cls) : undefined;
  if (!mod || clsValue?.ref?.k !== "class") return undefined;
  const method = clsValue.ref.cls.body.find((st) => st.k === "func" && st.fn.name === name);
  if (method?.k !== "func") return undefined;
  const self = this.instantiate(clsValue.ref.cls, clsValue.ref.scope, this.moduleFor(clsValue.ref.module.file), undefined, { guard: {}, depth: frame.depth + 1 }, undefined);
  return this.callFunction(method.fn, clsValue.ref.scope, this.moduleFor(clsValue.ref.module.file), args, self, frame, e);
};

Engine.prototype.buildMethodIndex = function (this: Engine): Map<string, Array<{ file: string; cls: string }>> {
  const index = new Map<string, Array<{ file: string; cls: string }>>();
  for (const path of this.workspaceFiles) {
    const program = this.workspace.getFile(path)?.program;
    for (const st of program?.body ?? []) {
      if (st.k !== "class" || !st.cls.name) continue;
      for (const m of st.cls.body) {
        if (m.k !== "func" || !m.fn.name) continue;
        const list = index.get(m.fn.name) ?? [];
        if (!list.some((d) => d.file === path && d.cls === st.cls.name)) list.push({ file: path, cls: st.cls.name });
        index.set(m.fn.name, list);
      }
    }
  }
  return index;
};

Engine.prototype.callSetState = function (this: Engine, setter: Value, args: Args, frame: Frame): void {
  const target = (setter as Value & { target?: Value }).target;
  const next = args.positional[0];
  if (!target || !next) return;
  const merge = (add: Value): void => {
    // A state list (`setMessages((prev) => [...prev, { role: "user", ... }, { role: "assistant", ... }])`)
    // keeps each element it is given, so a render can tell the messages apart by role (resolved question 23).
    if (target.elems && add.elems && !add.ref) {
      for (const el of add.elems) if (!target.elems.includes(el)) target.elems.push(el);
      // Past the bound the elements are kept as one element carrying what they all held.
      if (target.elems.length > MAX_STATE_ELEMS) target.elems = [carry(target.elems)];
      target.labels = mergeLabels(target.labels, add.labels);
      target.elemKinds = true;
    } else this.mergeInto(target, add);
  };
  if (next.ref?.k === "function") {
    const results = this.runCallbacks(args, frame, [target]);
    for (const r of results) merge(r);
  } else merge(next);
};

/** How many elements a state list keeps apart; beyond that what is set is kept as data only. */
const MAX_STATE_ELEMS = 32;

function notToolCall(l: Label): Label | undefined {
  return l.kind === "ai" && l.toolCall ? undefined : l;
}

/** The arguments of a call through `functools.partial`: the preset ones, then those of the call. */
function withPreset(callee: Value, args: Args): Args {
  const preset = (callee as Value & { preset?: Args }).preset;
  if (!preset) return args;
  return {
    positional: [...preset.positional, ...args.positional],
    named: new Map([...preset.named, ...args.named]),
    exprs: args.exprs,
    all: [...preset.all, ...args.all],
  };
}

/** A cheap structural signature of argument values, for memoising inlined calls. */
/** A label's identity with the flags that change what a callee does with it (disclosed, marked, stripped, redacted). */
function labelKey(l: Label): string {
  if (l.kind === "ai") return `${l.id}${l.disclosed ? "d" : ""}${l.watermarked ? (l.marking === "metadata" ? "m" : "w") : ""}${l.stripped ? "s" : ""}${l.decoded ? "o" : ""}${l.redacted ? "r" : ""}${l.toolCall ? "t" : ""}`;
  if (l.kind === "pii" || l.kind === "guard") return `${l.id}${l.redacted ? "r" : ""}`;
  return String(l.id);
}

function signature(values: readonly Value[]): string {
  const parts: string[] = [];
  const visit = (v: Value, depth: number): void => {
    if (depth > 2) return;
    parts.push(v.labels.map(labelKey).join("."));
    if (v.ref) parts.push(v.ref.k === "function" ? `f${v.ref.fn.id}` : v.ref.k === "sdk" ? `s${v.ref.type}` : v.ref.k === "framework" ? `r${v.ref.role}` : v.ref.k);
    if (v.str !== undefined) parts.push(`"${v.str.length}`);
    if (v.record) parts.push("R");
    if (v.props) for (const [k, p] of v.props) {
      parts.push(k);
      visit(p, depth + 1);
    }
    if (v.elems) for (const el of v.elems.slice(0, 6)) visit(el, depth + 1);
    parts.push("|");
  };
  for (const v of values) visit(v, 0);
  return parts.join(",");
}
