// Calls on framework objects (roles from the catalogue), Gradio and Streamlit, builtins, calls recognised by
// their shape (stores, configured sinks, database reads) and methods on plain data.
import type { CallExpr } from "../../ir/types";
import { RECEIVER_RECORD_METHODS, RECORD_CALL_SHAPES, type Registration, ROLES, type SinkSpec, STREAM_RESPONSE_METHODS } from "../../sdk/frameworks";
import type { SinkCategory } from "../facts";
import { hasDisclosureText, isDisclosureFieldName } from "../names";
import type { Frame } from "../scope";
import { carry, deepLabels, deepTexts, type Loc, mergeLabels, type Ref, union, Value, withAiFlag, withMarking } from "../values";
import { Engine, type Args } from "./engineCore";
import {
  PY_CARRIERS, NON_CARRYING, NON_CARRYING_METHODS, VALIDATE_METHODS, STRING_JOIN_METHODS, ITER_CALLBACK_METHODS, DB_READ_METHODS, isMedia,
  isChannelsConsumer, routerConsent, exprText,
} from "./helpers";

/** Sink categories that keep data rather than show it. */
const RECORD_CATEGORIES: ReadonlySet<SinkCategory> = new Set<SinkCategory>(["log", "db", "file", "analytics", "storage"]);
/** Node `fs` calls that read a file's content. */
const FS_READ_METHODS = new Set(["readFile", "readFileSync", "createReadStream"]);
const JS_CARRIERS = new Set(["String", "URL", "URLSearchParams", "JSON.parse", "JSON.stringify", "Buffer.from", "Buffer.concat", "atob", "btoa", "encodeURIComponent", "decodeURIComponent", "Array.from", "Object.assign", "Object.values", "Object.entries", "structuredClone", "Promise.all", "Promise.allSettled", "Promise.resolve", "Promise.race", "Uint8Array", "Blob", "File", "TextDecoder", "TextEncoder", "Boolean"]);

declare module "./engineCore" {
  interface Engine {
    callRole(role: string, callee: Value, receiver: Value | undefined, _name: string | undefined, args: Args, frame: Frame, e: CallExpr): Value;
    fluentState(state: Value, args: Args, frame: Frame, e: CallExpr): Value;
    carriesAiLabelText(v: Value): boolean;
    callFsMember(method: string, args: Args, frame: Frame, e: CallExpr): Value;
    headerCall(args: Args, frame: Frame, e: CallExpr, callee: Value): void;
    callGradio(method: string, args: Args, frame: Frame, e: CallExpr): Value;
    streamlitCall(method: string, spec: SinkSpec, args: Args, frame: Frame, e: CallExpr): Value;
    isUiBlockWithLabel(_call: CallExpr, v: Value, _frame: Frame): boolean;
    callBuiltin(name: string, receiver: Value | undefined, args: Args, frame: Frame, e: CallExpr): Value;
    shapedCall(e: CallExpr, name: string, args: Args, frame: Frame): Value | undefined;
    callMethodOnData(receiver: Value, name: string, args: Args, frame: Frame, e: CallExpr): Value;
  }
}

Engine.prototype.callRole = function (this: Engine, role: string, callee: Value, receiver: Value | undefined, _name: string | undefined, args: Args, frame: Frame, e: CallExpr): Value {
  const hash = role.indexOf("#");
  const baseRole = hash >= 0 ? role.slice(0, hash) : role;
  const method = hash >= 0 ? role.slice(hash + 1) : undefined;
  const spec = ROLES[baseRole];
  if (baseRole === "$headers" && method && /^(set|append|update|setdefault)$/.test(method)) {
    const h = args.positional[0]?.str;
    const keys = [...(args.positional[0]?.props?.keys() ?? []), ...args.named.keys()];
    if ((h && isDisclosureFieldName(h, this.options.vocabulary.disclosure)) || keys.some((k) => isDisclosureFieldName(k, this.options.vocabulary.disclosure))) this.markHeadersDisclosed(callee, frame, e.span);
    return new Value();
  }
  if (baseRole === "$registration") return callee;
  if (method === undefined) {
    // Calling the framework object itself.
    if (spec?.callable?.role) return this.roleValue(spec.callable.role, this.argsState(args));
    if (spec?.callable?.register) return this.register(spec.callable.register, args, frame, e, "call");
    if (spec?.callable?.sink) {
      this.sinkBySpec(spec.callable.sink, RECORD_CATEGORIES.has(spec.callable.sink.category) ? "record" : "user", frame, e.span, role, args, receiver);
      return new Value();
    }
    if (baseRole === "fs.member" || baseRole.startsWith("fs.")) return new Value();
    if (baseRole === "ptb.handlerCtor") {
      this.registerCallbacks(args, { kind: "bot", params: ["ptb.update", "ptb.context"] }, frame, "last");
      return new Value();
    }
    if (baseRole === "celery.app") return this.registrationMarker({ registration: { kind: "worker" } });
    if (baseRole === "hono.streamHelper") {
      // The callback writes the response as it runs: it gets the stream at once.
      this.runCallbacks(args, frame, [this.roleValue("hono.stream")]);
      const out = new Value();
      out.delivered = true;
      return out;
    }
    if (baseRole === "graphql.schema") {
      this.registerResolvers(this.namedArg(args, "resolvers", frame));
      return new Value();
    }
    if (baseRole === "python.file") return this.roleValue("python.file");
    if (baseRole === "gradio.module") return this.roleValue("gradio.module");
    // Queue workers and other framework objects that take a processing function: it handles jobs.
    if (args.all.some((a) => a.ref?.k === "function")) this.registerCallbacks(args, { kind: "worker" }, frame, "all");
    const made = this.roleValue(baseRole);
    // `APIRouter(dependencies=[Depends(require_consent)])`: every route of this router is guarded.
    for (const d of this.dependencyList(e.args)) {
      if (this.isConsentDependency(d)) (made.ref as Extract<Ref, { k: "framework" }>).consent = this.loc(frame, d.span);
    }
    return made;
  }
  if (baseRole === "fs.member" || (baseRole === "fs.module" && FS_READ_METHODS.has(method))) return this.callFsMember(method, args, frame, e);
  if (spec?.registers?.[method]) return this.register(spec.registers[method], args, frame, e, method, (callee.ref as Extract<Ref, { k: "framework" }>).owner ?? receiver);
  // Plugins registered through the framework's module system get the app: the routes they add are handlers.
  if (spec?.plugins?.[method]) {
    this.runCallbacks(args, frame, spec.plugins[method].map((r) => this.roleValue(r)));
    return this.roleValue(baseRole);
  }
  if (baseRole === "gradio.module") return this.callGradio(method, args, frame, e);
  const state = (callee.ref as Extract<Ref, { k: "framework" }>).state;
  // Builders (`procedure.input(...)`, `procedure.use(requireConsent)`) return a new one that keeps
  // the consent its routes are guarded by, and adds one when the middleware's name denotes consent.
  const ownerConsent = routerConsent((callee.ref as Extract<Ref, { k: "framework" }>).owner);
  if (spec?.middleware?.includes(method)) {
    const next = this.roleValue(baseRole, state);
    const guard = e.args.find((a) => this.namesConsentGuard(a.value));
    (next.ref as Extract<Ref, { k: "framework" }>).consent = guard ? this.loc(frame, guard.span) : ownerConsent;
    return next;
  }
  if (spec?.chain?.includes(method)) {
    if (spec.headerMethods?.includes(method)) this.headerCall(args, frame, e, callee);
    const next = this.roleValue(baseRole, state);
    if (ownerConsent) (next.ref as Extract<Ref, { k: "framework" }>).consent = ownerConsent;
    return next;
  }
  if (spec?.headerMethods?.includes(method)) {
    this.headerCall(args, frame, e, callee);
    return this.roleValue(baseRole, state);
  }
  const userSink = spec?.userSinks?.[method];
  if (userSink) {
    if (baseRole === "streamlit.module") return this.streamlitCall(method, userSink, args, frame, e);
    this.sinkBySpec(userSink, "user", frame, e.span, `${baseRole}.${method}`, args, receiver);
    return userSink.category === "response" ? this.roleValue(baseRole) : new Value();
  }
  const recordSink = spec?.recordSinks?.[method];
  if (recordSink) {
    this.sinkBySpec(recordSink, "record", frame, e.span, `${baseRole}.${method}`, args, receiver, undefined, e.callee.k === "member" ? e.callee.object : undefined);
    return new Value();
  }
  if (spec?.anyMethodSink && !spec.anyMethodSink.except?.includes(method)) {
    if (spec.methodRoles?.[method]) return this.roleValue(spec.methodRoles[method]);
    if (spec.selfMethods?.includes(method)) return this.roleValue(baseRole);
    if (baseRole === "console" && !frame.module.isServer) return new Value();
    this.sinkBySpec(spec.anyMethodSink, spec.anyMethodSink.kind, frame, e.span, `${baseRole}.${method}`, args, receiver);
    return new Value();
  }
  // ORM entities built from data keep it (resolved question 22): the record sink is the later `save(entity)`.
  if (spec?.builders?.includes(method)) {
    const data = args.positional.filter((a) => a.props && !a.ref);
    const entity = carry(data.length ? data : args.positional);
    entity.props = new Map(data.flatMap((d) => [...d.props!]));
    return entity;
  }
  if (spec?.requestMethods?.includes(method)) {
    const v = this.requestData(callee, method, frame, e.span, `${baseRole.split(".")[0]} ${method}()`);
    return v;
  }
  if (spec?.methodRoles?.[method]) return this.roleValue(spec.methodRoles[method], this.argsState(args));
  if (spec?.selfMethods?.includes(method)) return this.roleValue(baseRole, state);
  // Builders: `sharp(img).resize(512).png()` keeps the image; `toBuffer()` gives its bytes.
  if (spec?.dataMethods?.includes(method)) return state ? carry([state]) : new Value();
  if (spec?.fluent) return this.roleValue(baseRole, state ? this.fluentState(state, args, frame, e) : undefined);
  if (baseRole === "$http") {
    // `client.post(url)`, `client.request("POST", url)`; relative URLs go to the client's base URL.
    const raw = this.rawHttp(args, frame, e, method === "request" && args.positional.length > 1 ? 1 : 0, state?.str);
    if (raw) return raw;
  }
  if (baseRole === "streamlit.sessionState") return method === "get" ? (args.positional[0]?.str ? this.streamlitState.get(args.positional[0].str) ?? new Value() : new Value()) : new Value();
  this.runCallbacks(args, frame, []);
  return new Value();
};

/** A builder step: the object keeps its data; metadata written with an AI label marks the media (a watermark marker). */
Engine.prototype.fluentState = function (this: Engine, state: Value, args: Args, frame: Frame, e: CallExpr): Value {
  if (!args.all.some((a) => this.carriesAiLabelText(a))) return state;
  const out = new Value(withAiFlag(deepLabels(state), "watermarked", this.loc(frame, e.span)));
  out.watermarked = this.loc(frame, e.span);
  return out;
};

/** Metadata that says the media is AI-generated: label text or a disclosure field name anywhere in it. */
Engine.prototype.carriesAiLabelText = function (this: Engine, v: Value): boolean {
  const vocab = this.options.vocabulary;
  if (deepTexts(v, 6).some((t) => hasDisclosureText(t, vocab.disclosureText))) return true;
  const keys = (x: Value, depth: number): boolean => depth <= 6 && !!x.props && [...x.props].some(([k, pv]) => isDisclosureFieldName(k, vocab.disclosure) || keys(pv, depth + 1));
  return keys(v, 0);
};

Engine.prototype.callFsMember = function (this: Engine, method: string, args: Args, frame: Frame, e: CallExpr): Value {
  const spec = ROLES["fs.module"].recordSinks?.[method];
  if (spec) this.sinkBySpec(spec, "record", frame, e.span, `fs.${method}`, args, undefined);
  if (method === "createWriteStream") return this.roleValue("fs.stream");
  // Reading a file the user uploaded (`fs.createReadStream(req.file.path)`) gives what they sent.
  if (FS_READ_METHODS.has(method)) return carry(args.positional.slice(0, 1), (l) => (l.kind === "request" ? l : undefined));
  return new Value();
};

Engine.prototype.headerCall = function (this: Engine, args: Args, frame: Frame, e: CallExpr, callee: Value): void {
  const name = args.positional[0]?.str;
  const obj = args.positional[0]?.props;
  const disclosed = (name && isDisclosureFieldName(name, this.options.vocabulary.disclosure)) || (obj && [...obj.keys()].some((k) => isDisclosureFieldName(k, this.options.vocabulary.disclosure)));
  if (disclosed) frame.responseDisclosure = this.loc(frame, e.span);
  void callee;
};

/** Gradio: `gr.Interface(fn=...)`, `gr.ChatInterface(fn=...)`, `button.click(fn, ...)`. */
Engine.prototype.callGradio = function (this: Engine, method: string, args: Args, frame: Frame, e: CallExpr): Value {
  const uiReg: Registration = { kind: "ui", returnIsSink: "ui" };
  if (/^(Interface|ChatInterface|TabbedInterface)$/.test(method) || /^(click|submit|change|input|upload|select|load|then|success|release|blur|focus|stream|like|retry|undo|key_up)$/.test(method)) {
    const fnValue = args.named.get("fn") ?? args.positional.find((a) => a.ref?.k === "function");
    // Output components whose label says the content is AI-generated disclose what the function returns (resolved question 6(d)).
    const outputs = args.named.get("outputs") ?? (method === "Interface" ? args.positional[2] : undefined);
    const shown = outputs ? (outputs.elems && !outputs.ref ? outputs.elems : [outputs]) : [];
    const labels = shown.map((o) => (o as Value & { uiLabel?: Loc }).uiLabel);
    const disclosure = labels.length && labels.every((l) => l) ? labels[0] : undefined;
    if (fnValue?.ref?.k === "function") this.registerCallbacks({ ...args, all: [fnValue] }, uiReg, frame, "last", disclosure);
  }
  const made = this.roleValue("gradio.module");
  // A component (`gr.Audio(label="AI-generated narration")`) remembers a label that tells the reader.
  if (/^[A-Z]/.test(method)) {
    const text = ["label", "info"].map((n) => this.namedArg(args, n)).map((v) => v?.str ?? v?.texts?.join(" ")).find((t) => t && hasDisclosureText(t, this.options.vocabulary.disclosureText));
    if (text) (made as Value & { uiLabel?: Loc }).uiLabel = this.loc(frame, e.span);
  }
  return made;
};

/** Streamlit display calls; a caption or label with disclosure text counts for what it shows. */
Engine.prototype.streamlitCall = function (this: Engine, method: string, spec: SinkSpec, args: Args, frame: Frame, e: CallExpr): Value {
  // Label arguments, constant or built from text (`caption=f"AI-generated poster: {topic}"`).
  const labelText = ["caption", "label", "help", "name"].map((n) => this.namedArg(args, n)).map((v) => v?.str ?? v?.texts?.join(" ")).filter((s): s is string => !!s);
  const own = labelText.some((t) => hasDisclosureText(t, this.options.vocabulary.disclosureText)) ? this.loc(frame, e.span) : undefined;
  if (method === "caption" || method === "subheader" || method === "header" || method === "title" || method === "chat_message" || method === "markdown" || method === "write" || method === "info") {
    const text = args.positional[0]?.str;
    if (text && hasDisclosureText(text, this.options.vocabulary.disclosureText) && (method === "caption" || method === "chat_message" || method === "subheader" || method === "header")) {
      frame.uiDisclosure = this.loc(frame, e.span);
    }
  }
  if (method === "chat_message") {
    const v = this.roleValue("streamlit.module");
    const text = args.positional[0]?.str ?? this.namedArg(args, "name")?.str;
    if (text && hasDisclosureText(text, this.options.vocabulary.disclosureText)) (v as Value & { uiLabel?: Loc }).uiLabel = this.loc(frame, e.span);
    return v;
  }
  this.sinkBySpec(spec, "user", frame, e.span, `st.${method}`, args, undefined, own ?? frame.uiDisclosure);
  // `st.write_stream(...)` returns the text it streamed.
  return method === "write_stream" ? carry(args.positional.slice(0, 1)) : new Value();
};

Engine.prototype.isUiBlockWithLabel = function (this: Engine, _call: CallExpr, v: Value, _frame: Frame): boolean {
  return !!(v as Value & { uiLabel?: Loc }).uiLabel;
};

Engine.prototype.callBuiltin = function (this: Engine, name: string, receiver: Value | undefined, args: Args, frame: Frame, e: CallExpr): Value {
  const py = frame.module.language === "python";
  switch (name) {
    case "print":
      if (frame.module.isServer) this.recordSink(frame, e.span, "log", "print", args.positional, false, e.args.map((a) => a.value));
      return new Value();
    case "open": {
      const mode = args.positional[1]?.str ?? this.namedArg(args, "mode")?.str ?? "r";
      return /[wax+]/.test(mode) ? this.roleValue("python.file") : new Value();
    }
    case "require": {
      const spec = args.positional[0]?.str;
      if (!spec) {
        // `await import(\`./providers/${name}\`)`: which module, and so which client, is decided at run time.
        if (args.positional.length) this.noteCoverage(this.loc(frame, e.span), "a module is loaded by a name computed at run time: the AI clients and calls it provides are not followed");
        return new Value();
      }
      const target = this.workspace.resolve(frame.module.file, spec, frame.module.language);
      if (target) return Value.of({ k: "module", module: target, path: [], local: true });
      return this.externalModule(spec, [], false);
    }
    case "fetch": {
      const raw = this.rawHttp(args, frame, e, 0);
      // Downloading what a model produced (the URL of a generated image) gives that content.
      return raw ?? carry(args.positional.slice(0, 1), (l) => (l.kind === "ai" ? l : undefined));
    }
    case "getattr": {
      // `getattr(client.messages, "create")`: the member named by a constant.
      const prop = args.positional[1]?.str;
      if (py && prop !== undefined && args.positional[0]) return this.member(args.positional[0], prop, frame, e.span);
      return new Value();
    }
    case "Response":
    case "Response.json":
      return this.responseValue(args, frame, e, name);
    case "JSON.stringify": {
      const v = this.serialised(args.positional[0] ?? new Value(), frame, e.span);
      const out = carry([v]);
      out.texts = deepTexts(v);
      (out as Value & { json?: Value }).json = args.positional[0];
      return out;
    }
    case "JSON.parse": {
      const src = args.positional[0];
      return (src as (Value & { json?: Value }) | undefined)?.json ?? carry(args.all);
    }
    case "str":
    case "repr":
    case "String":
      return this.serialised(carry(args.all.map((a) => this.serialised(a, frame, e.span))), frame, e.span);
    case "len":
    case "int":
    case "float":
    case "isinstance":
    case "Number":
    case "parseInt":
    case "parseFloat":
      return new Value();
    case "bool":
    case "Boolean":
      return this.requestOnly(carry(args.all));
    case "zip": {
      const tuple = new Value();
      tuple.elems = args.positional.map((a) => this.elementOf(a));
      const out = new Value();
      out.elems = [tuple];
      return out;
    }
    case "enumerate": {
      const tuple = new Value();
      tuple.elems = [new Value(), this.elementOf(args.positional[0] ?? new Value())];
      const out = new Value();
      out.elems = [tuple];
      return out;
    }
    case "dict":
    case "vars": {
      const base = args.positional[0];
      const out = base ? this.serialised(base, frame, e.span) : new Value();
      const res = this.withLabels(out, out.labels);
      res.props = new Map([...(base?.props ?? []), ...args.named]);
      return res;
    }
    case "list":
    case "tuple":
    case "sorted":
    case "set":
    case "reversed":
      return args.positional[0] ?? new Value();
    case "$setState": {
      const target = (receiver as unknown as undefined) ?? undefined;
      void target;
      return new Value();
    }
    case "Object.entries":
    case "Object.values": {
      const src = args.positional[0] ?? new Value();
      const out = new Value();
      out.elems = [src.props ? union([...src.props.values()]) : this.elementOf(src)];
      if (name === "Object.entries") {
        const pair = new Value();
        pair.elems = [new Value(), out.elems[0]];
        out.elems = [pair];
      }
      return out;
    }
    case "Promise.all":
    case "Promise.allSettled":
      return args.positional[0] ?? new Value();
    case "ReadableStream":
    case "TransformStream": {
      // `new ReadableStream({ async start(controller) { controller.enqueue(chunk) } })`: the stream carries what is enqueued.
      const stream = new Value();
      const controller = Value.of({ k: "builtin", name: "$streamController" });
      (controller as Value & { target?: Value }).target = stream;
      const source = args.positional[0];
      for (const key of ["start", "pull", "transform"]) {
        const cb = source?.props?.get(key);
        if (cb?.ref?.k === "function") this.runCallbacks({ positional: [controller], named: new Map(), exprs: [], all: [cb] }, frame, key === "transform" ? [new Value(), controller] : [controller]);
      }
      return stream;
    }
    case "format":
      return this.joinValues(args.all);
    case "super":
      return frame.thisValue ?? new Value();
    case "input":
      return this.requestValue(frame.module, frame.fn, "input", e.span);
    default:
      break;
  }
  if (name.startsWith("JSON.") || JS_CARRIERS.has(name) || PY_CARRIERS.has(name)) {
    const vals = name === "Buffer.from" || name === "Uint8Array" ? args.positional.slice(0, 1) : args.all;
    const out = carry(vals);
    if (name === "Object.assign") {
      out.props = new Map();
      for (const a of args.positional) if (a.props) for (const [k, v] of a.props) out.props.set(k, v);
    }
    return name === "JSON.stringify" ? this.textKeepsDisclosure(out, args.positional[0], frame, e.span) : out;
  }
  if (NON_CARRYING.has(name)) return new Value();
  if (name.startsWith("Math.") || name.startsWith("Date") || name.startsWith("performance") || name.startsWith("crypto.") || name.startsWith("Number.")) return new Value();
  if (!py && (name === "setTimeout" || name === "queueMicrotask")) {
    this.runCallbacks(args, frame, []);
    return new Value();
  }
  this.runCallbacks(args, frame, []);
  return this.unknownCallResult(args, name, false);
};

/**
 * Calls recognised by their shape whatever the receiver is (often a model
 * imported from a module the workspace does not have): stores, extra sinks
 * from the configuration, and reads of stored user data.
 */
Engine.prototype.shapedCall = function (this: Engine, e: CallExpr, name: string, args: Args, frame: Frame): Value | undefined {
  const calleeText = exprText(e.callee);
  // Record sinks by shape (resolved question 15).
  for (const shape of RECORD_CALL_SHAPES) {
    if (shape.pattern.test(calleeText)) {
      // Keyword arguments keep their names: `ConsentEvent.objects.create(purpose=..., recorded_at=...)`.
      const stored = args.named.size ? [this.argsState(args)] : args.all;
      this.recordSink(frame, e.span, shape.category, calleeText, stored, true, e.args.map((a) => a.value));
      return new Value();
    }
  }
  if (this.options.vocabulary.extraRecordSinks.has(name) || this.options.vocabulary.extraRecordSinks.has(calleeText)) {
    this.recordSink(frame, e.span, "db", calleeText, args.all, true, e.args.map((a) => a.value));
    return new Value();
  }
  if (this.options.vocabulary.extraUserSinks.has(name) || this.options.vocabulary.extraUserSinks.has(calleeText)) {
    this.userSink(frame, e.span, "response", calleeText, args.all, frame.responseDisclosure, args.exprs.map((a) => a.value));
    return new Value();
  }
  // Reads of stored user data: database/ORM queries (CON003 user data).
  // Mongoose / MongoDB `Model.find({ filter })`: a query, unlike an array's `find(callback)`.
  const mongoFind = name === "find" && !!args.positional[0]?.props && !args.all.some((a) => a.ref?.k === "function");
  if (mongoFind || DB_READ_METHODS.has(name) || /\.objects\.|\.query\.|\bsession\.(get|execute|scalars|query)$|\bdb\.(get|execute|query)$/.test(calleeText)) {
    frame.userData = true;
    const out = carry(args.all, (l) => (l.kind === "request" || l.kind === "origin" ? undefined : l));
    // A query filtered on a consent field returns only consenting users' data (resolved question 8).
    const consented = this.filtersOnConsent(e, args, frame) ? this.loc(frame, e.span) : undefined;
    out.labels = mergeLabels(out.labels, [{ kind: "stored", id: this.newId(), loc: this.loc(frame, e.span), consented }]);
    return out;
  }
  return undefined;
};

/** Method calls on plain data: string and container methods, stores recognised by shape, `obj.save()`. */
Engine.prototype.callMethodOnData = function (this: Engine, receiver: Value, name: string, args: Args, frame: Frame, e: CallExpr): Value {
  const setter = receiver.ref?.k === "builtin" && receiver.ref.name === "$setState";
  void setter;
  const shaped = this.shapedCall(e, name, args, frame);
  if (shaped) return shaped;
  // An unresolved helper handed who/what/when: `db.record_consent(uid, purpose=..., recorded_at=now())` (resolved question 9).
  this.consentRecordByCall(name, args, frame, e.span);
  const byName = this.callUniqueMethod(receiver, name, args, frame, e);
  if (byName) return byName;
  const calleeText = exprText(e.callee);
  // A Channels consumer sending to its client (`self.send_json(...)`, `self.send(text_data=...)`).
  if (/^(send|send_json)$/.test(name) && receiver.ref?.k === "instance" && !!receiver.ref.cls && isChannelsConsumer(receiver.ref.cls)) {
    this.userSink(frame, e.span, "bot", `${exprText(e.callee)}()`, args.all, frame.responseDisclosure, args.exprs.map((a) => a.value));
    return new Value();
  }
  // A table written to a file (`df.to_csv(path)`); without a path it only returns text.
  if (/^to_(csv|json|parquet|excel|pickle|feather|markdown|html)$/.test(name) && (args.positional.length > 0 || args.named.has("path_or_buf")) && receiver.labels.length + (receiver.elems?.length ?? 0) + (receiver.props?.size ?? 0) > 0) {
    this.recordSink(frame, e.span, "file", `${exprText(e.callee)}()`, [receiver], false, e.callee.k === "member" ? [e.callee.object] : []);
    return new Value();
  }
  // Unresolved objects, and instances of workspace classes that inherit the method (a Django or SQLAlchemy model's `save()`).
  if (RECEIVER_RECORD_METHODS.has(name) && receiver.labels.length + (receiver.props?.size ?? 0) > 0 && (!receiver.ref || receiver.ref.k === "instance")) {
    const media = deepLabels(receiver).some((l) => l.kind === "ai" && isMedia(l.call.modality));
    // Saving an image re-encodes it; into an in-memory buffer it stays data (resolved question 24).
    const saved = media && name === "save" ? this.saveImage(receiver, args, frame, e) : undefined;
    if (saved?.intoBuffer) return new Value();
    // `img.save(path, pnginfo=meta)` with an "AI-generated" text chunk or EXIF description writes the label into the media.
    const labelled = media && [...args.named.values(), ...args.positional.slice(1)].some((a) => this.carriesAiLabelText(a));
    const stored = labelled ? new Value(withMarking(deepLabels(receiver), "metadata", this.loc(frame, e.span))) : saved?.written ?? receiver;
    this.recordSink(frame, e.span, media ? "file" : "db", `${calleeText}()`, [stored], true, e.callee.k === "member" ? [e.callee.object] : [], true);
    return new Value();
  }
  if (/^(write_text|write_bytes)$/.test(name)) {
    this.recordSink(frame, e.span, "file", name, args.positional.slice(0, 1), false, e.args.slice(0, 1).map((a) => a.value));
    return new Value();
  }
  if (name === "open" && /[wax]/.test(args.positional[0]?.str ?? this.namedArg(args, "mode")?.str ?? "")) return this.roleValue("python.file");
  if ((name === "write" || name === "writelines") && frame.module.language === "python" && receiver.isEmpty()) {
    // A file handle we could not see being opened (`self.fh.write(...)`) is still a file.
    return new Value();
  }
  if (STREAM_RESPONSE_METHODS.has(name) && deepLabels(receiver).some((l) => l.kind === "ai")) {
    // `toTextStreamResponse(init)`, `pipeTextStreamToResponse(res, init)`.
    const opts = name.startsWith("pipe") ? args.positional[1] : args.positional[0];
    const headers = opts?.props?.get("headers");
    const disclosed = headers?.props && [...headers.props.keys()].some((k) => isDisclosureFieldName(k, this.options.vocabulary.disclosure)) ? this.loc(frame, e.span) : frame.responseDisclosure;
    this.userSink(frame, e.span, "response", name, [receiver], disclosed, e.callee.k === "member" ? [e.callee.object] : []);
    const out = new Value();
    out.delivered = true;
    return out;
  }
  // `msg.set_content(body)`, `msg.attach(part)`: the message now carries the body.
  if (/^(set_content|add_alternative|set_payload|attach|attach_alternative|setText|setHtml|setContent)$/.test(name)) {
    this.mergeInto(receiver, union(args.all));
    return new Value();
  }
  // Writing into an in-memory buffer (not a file: that is a sink, handled by its role) adds to what it holds.
  if ((name === "write" || name === "writelines") && receiver.elems && !receiver.ref) {
    receiver.elems.push(...(name === "writelines" ? args.positional.flatMap((a) => a.elems ?? [a]) : args.positional));
    return new Value();
  }
  if (name === "push" || name === "append" || name === "add" || name === "extend" || name === "unshift" || name === "insert" || name === "update" || name === "setdefault") {
    if (receiver.elems) {
      if (name === "extend") receiver.elems.push(...args.positional.flatMap((a) => a.elems ?? [a]));
      else if (name === "insert") receiver.elems.push(args.positional[1] ?? new Value());
      else receiver.elems.push(...args.positional);
      return new Value();
    }
    if (name === "update" && receiver.props) {
      for (const a of args.positional) if (a.props) for (const [k, v] of a.props) receiver.props.set(k, v);
      for (const [k, v] of args.named) receiver.props.set(k, v);
      return new Value();
    }
    if (!receiver.ref && (name === "push" || name === "append")) this.mergeInto(receiver, union(args.all));
  }
  if ((name === "set" || name === "setdefault") && receiver.props && args.positional[0]?.str) {
    receiver.props.set(args.positional[0].str, args.positional[1] ?? new Value());
    return new Value();
  }
  if (name === "get" && receiver.props && !receiver.ref) {
    const key = args.positional[0]?.str;
    const found = key !== undefined ? receiver.props.get(key) : undefined;
    if (found) return this.fieldValue(found, receiver, key!, frame, e.span);
    // A fixed table picked by a (request) key: only the table's values (resolved question 13).
    if (receiver.labels.length === 0) return union([...receiver.props.values(), ...(args.positional[1] ? [args.positional[1]] : [])]);
  }
  if (name === "get" && args.positional[0]?.str !== undefined) {
    const field = this.member(receiver, args.positional[0].str, frame, e.span);
    return args.positional[1] ? union([field, args.positional[1]]) : field;
  }
  // `query.filter(Customer.training_consent.is_(True))`: from here on only consenting users' rows (resolved question 8).
  if (/^(filter|filter_by|where|having)$/.test(name) && e.args.some((a) => this.isConsentFilterArg(a, frame, 0))) {
    const labels = deepLabels(receiver);
    if (labels.some((l) => l.kind === "stored" && !l.consented)) {
      const loc = this.loc(frame, e.span);
      const out = new Value(labels.map((l) => (l.kind === "stored" && !l.consented ? { ...l, consented: loc } : l)));
      out.record = receiver.record;
      return out;
    }
  }
  // Validating request data (`Schema.parse(req.body)`, `Model.model_validate(data)`) gives the same data.
  if (VALIDATE_METHODS.has(name) && args.positional.length) {
    const out = carry(args.positional.slice(0, 1));
    if (args.positional[0].props) out.props = args.positional[0].props;
    return out;
  }
  if (ITER_CALLBACK_METHODS.has(name)) {
    // `messages.filter((m) => m.role === "user")`: only the elements the test can keep (resolved question 23).
    const callback = args.all.find((a) => a.ref?.k === "function")?.ref;
    const kept = /^(filter|find|findLast)$/.test(name) && callback?.k === "function" ? this.narrowedList(receiver, callback.fn) : undefined;
    const el = name === "then" || name === "catch" || name === "finally" ? receiver : this.elementOf(receiver);
    const results = this.runCallbacks(args, frame, [el, new Value()]);
    if (name === "map" || name === "flatMap" || name === "flat_map") {
      const out = new Value();
      // `flatMap` joins the lists its callback returns: their elements are the result's.
      const flat = name !== "map" && results.length && results.every((r) => r.elems) ? results.flatMap((r) => r.elems!) : undefined;
      out.elems = flat ?? (results.length ? [union(results)] : [el]);
      if (flat) out.elemKinds = results.some((r) => r.elemKinds);
      return out;
    }
    if (name === "then") return results[0] ?? receiver;
    if (name === "reduce" || name === "reduceRight") return union([...results, ...args.positional.slice(1)]);
    if (name === "find" || name === "findLast") return kept ? this.elementOf(kept) : el;
    if (name === "filter") return kept ?? receiver;
    if (name === "sort") return receiver;
    return new Value();
  }
  // `messages.at(-1)`: an element, whichever it is.
  if (name === "at" && receiver.elems && receiver.str === undefined) return this.elementOf(receiver);
  if (NON_CARRYING_METHODS.has(name)) return new Value();
  if (name === "model_dump" || name === "dict" || name === "to_dict" || name === "toJSON" || name === "model_dump_json" || name === "json" && frame.module.language === "python" && receiver.record) {
    return this.serialised(receiver, frame, e.span);
  }
  if (STRING_JOIN_METHODS.has(name)) {
    const parts = [receiver, ...args.all].map((a) => this.serialised(a, frame, e.span));
    const joined = this.joinValues(name === "join" ? [receiver, ...args.positional.flatMap((a) => a.elems ?? [a])] : parts);
    if (name === "join" && receiver.str !== undefined && args.positional[0]?.elems?.every((x) => x.str !== undefined)) joined.str = args.positional[0].elems.map((x) => x.str).join(receiver.str);
    return joined;
  }
  // Setter from React's useState: the state value now carries what was set.
  if (receiver.ref?.k === "builtin") return this.callBuiltin(`${receiver.ref.name}.${name}`, undefined, args, frame, e);
  // Builders and setters (`embed.setFooter({ text })`, `meta.add_text(k, v)`): the object keeps what was set, under its name.
  const builder = /^(set|add|with)([A-Z_]|$)/.exec(name);
  if (builder && !receiver.ref && name.length > builder[1].length + 1) {
    const field = name.slice(builder[1].length).replace(/^_/, "");
    const set = args.positional.length === 1 && args.named.size === 0 ? args.positional[0] : this.argsState(args);
    receiver.props ??= new Map();
    // Repeated `add_*` calls add more; `(key, value)` pairs are kept under their key too.
    let key = field.charAt(0).toLowerCase() + field.slice(1);
    for (let n = 2; receiver.props.has(key); n++) key = `${field}#${n}`;
    receiver.props.set(key, set);
    const pairKey = args.positional.length === 2 ? args.positional[0].str : undefined;
    if (pairKey !== undefined && !receiver.props.has(pairKey)) receiver.props.set(pairKey, args.positional[1]);
  }
  // Reading an in-memory buffer back gives what was written into it (`out.getvalue()` after `img.save(out)`).
  if (receiver.elems && !receiver.ref && /^(getvalue|getbuffer|read|read1|readall)$/.test(name)) return carry(receiver.elems);
  // Other methods on data carry the receiver's data (`text.strip()`, `resp.json()`, `buf.toString()`).
  this.runCallbacks(args, frame, [this.elementOf(receiver)]);
  const out = this.withLabels(new Value(), mergeLabels(receiver.labels, ...args.all.map((a) => deepLabels(a).filter((l) => l.kind !== "request" && !(l.kind === "ai" && l.toolCall)))));
  if (builder && !receiver.ref && receiver.props) out.props = receiver.props;
  if (receiver.props && !receiver.ref && (name === "json" || name === "copy" || name === "model_copy")) out.props = receiver.props;
  if (receiver.elems && (name === "slice" || name === "copy" || name === "concat" || name === "filter" || name === "reverse" || name === "toReversed" || name === "toSorted")) {
    out.elems = receiver.elems;
    out.elemKinds = receiver.elemKinds;
  }
  out.record = receiver.record;
  if (receiver.str !== undefined && /^(strip|trim|lower|upper|toLowerCase|toUpperCase|capitalize|title|trimStart|trimEnd|lstrip|rstrip)$/.test(name)) out.str = receiver.str;
  out.texts = receiver.texts;
  return out;
};
