// Calls into AI SDKs and other libraries: model clients, raw HTTP to AI hosts, prompt templates and runnables;
// each AI call is recorded with its prompt, system prompt and the data given to it.
import type { Arg, CallExpr, Expr, Span } from "../../ir/types";
import {
  MESSAGE_CLASSES, type MethodSpec, modalityFromModelName, modalityFromTask, HTTP_PROMPT_KEYS, HTTP_SYSTEM_KEYS, AWS_STORE_COMMANDS, AWS_STORE_MODULES,
} from "../../sdk/catalogue";
import { JS_RESPONSE_CONSTRUCTORS, PY_RESPONSE_CONSTRUCTORS, PYTHON_FILE_WRITERS } from "../../sdk/frameworks";
import type { SlotArg } from "../facts";
import { optionExpr } from "../../ir/options";
import { trackedMadeBy, trackedMadeByMethod } from "../../sdk/tracked";
import { gatewayTagForHeader, gatewayTagForUrl, TRACING_DECORATORS, wrapperFor } from "../../sdk/instrumentation";
import { aiEndpoint, awsCommand, callableOf, findMethod, findSdkEntry, normaliseSegment, providerForUrl } from "../sdkResolve";
import { isConversationFieldKey } from "../names";
import type { Frame } from "../scope";
import {
  type AiCallSite, type AiLabel, carry, deepLabels, EMPTY_LABELS, type Label, type Loc, mergeLabelLists, mergeLabels, type Modality,
  mergeTags, type Ref, type Tag, Value, withDecoded, withRedaction,
} from "../values";
import { uiMessages } from "../chatMessages";
import { Engine, type Args } from "./engineCore";
import { PY_CARRIERS, isMedia, isRunnable, frameworkRole, calleeName } from "./helpers";

const IN_MEMORY_BUFFERS = new Set(["io.BytesIO", "io.StringIO"]);
/** E-mail message objects: built empty, then filled (`msg["Subject"] = ...`, `msg.set_content(body)`). */
const PY_MESSAGE_OBJECTS = new Set(["email.message.EmailMessage", "email.mime.multipart.MIMEMultipart", "email.message.Message"]);
/** Functions that turn a whole object into text: a person record passed to them sends every field. */
const PY_SERIALISERS = new Set(["json.dumps", "orjson.dumps", "ujson.dumps", "yaml.dump", "yaml.safe_dump", "pprint.pformat", "dataclasses.asdict", "attrs.asdict", "attr.asdict", "toml.dumps", "simplejson.dumps"]);


declare module "./engineCore" {
  interface Engine {
    callSdk(ref: Extract<Ref, { k: "sdk" }>, callee: Value, args: Args, frame: Frame, e: CallExpr, receiver: Value | undefined): Value;
    callExternal(ref: Extract<Ref, { k: "module" }>, _callee: Value, receiver: Value | undefined, name: string | undefined, args: Args, frame: Frame, e: CallExpr): Value;
    gatewayTags(args: Args, frame: Frame, span: Span): Tag[];
    composeRunnable(parts: readonly Value[], loc: Loc): Value;
    templateSystemValues(template: Value | undefined, input: Value | undefined): Value[];
    promptTemplate(args: Args): Value;
    callPythonLibrary(full: string, args: Args, frame: Frame, e: CallExpr, name: string | undefined): Value;
    callJsLibrary(full: string, ref: Extract<Ref, { k: "module" }>, args: Args, frame: Frame, e: CallExpr, name: string | undefined): Value;
    uiHookValue(frame: Frame, e: CallExpr, hook: string): Value;
    reactState(args: Args): Value;
    rawHttp(args: Args, frame: Frame, e: CallExpr, urlIndex: number, base?: string): Value | undefined;
    parsedJson(v: Value): Value;
    httpClient(base: Value | undefined): Value;
    aiCall(provider: string, method: MethodSpec, args: Args, frame: Frame, e: CallExpr, client: Extract<Ref, { k: "sdk" }> | undefined, receiverLabels?: readonly Label[]): Value;
    slotArgs(method: MethodSpec, e: CallExpr): Map<string, SlotArg[]>;
    notePromptOrigins(v: Value, conversational: boolean, depth: number): void;
    collectSystemMessages(v: Value, out: Value[], depth: number): void;
  }
}

Engine.prototype.callSdk = function (this: Engine, ref: Extract<Ref, { k: "sdk" }>, callee: Value, args: Args, frame: Frame, e: CallExpr, receiver: Value | undefined): Value {
  const path = (ref as { path?: string[] }).path ?? [];
  const type = ref.type;
  if (type === "aws.sdkClient" && path.length === 1 && path[0] === "send") {
    const cmd = args.positional[0];
    const spec = cmd?.ref?.k === "sdk" && cmd.ref.type === "aws.command" ? awsCommand((cmd.ref as { model?: string }).model ?? "") : undefined;
    if (spec) {
      const inner: Args = { positional: [], named: new Map(cmd!.props ?? []), exprs: args.exprs, all: [cmd!] };
      return this.aiCall(ref.provider, spec, inner, frame, e, undefined);
    }
    return carry(args.all);
  }
  if (path.length === 0) {
    const callable = callableOf(type);
    if (callable?.returns) {
      const modelName = args.positional[0]?.str;
      return Value.of({ k: "sdk", provider: ref.provider, type: callable.returns, model: modelName, modality: "text", loc: this.loc(frame, e.span) });
    }
    if (callable) return this.aiCall(ref.provider, callable, args, frame, e, ref);
    return Value.of({ ...ref, path: [] } as Ref);
  }
  const method = findMethod(type, path);
  if (method) {
    if (method.returns === "langchain.runnable" && normaliseSegment(path[path.length - 1]) === "pipe") {
      return this.composeRunnable([Value.of({ ...ref, path: [] } as Ref), ...args.positional], this.loc(frame, e.span));
    }
    if (method.returns) {
      const modality = method.modality === "byModel" || method.modality === "byTask" ? "text" : method.modality;
      const model = args.positional[0]?.str ?? this.namedArg(args, "model")?.str;
      const out = Value.of({ k: "sdk", provider: ref.provider, type: method.returns, model, modality, loc: this.loc(frame, e.span), tags: mergeTags(ref.tags, method.tag ? [{ name: method.tag, loc: this.loc(frame, e.span) }] : undefined) });
      // Builders keep the model and template of the runnable they wrap.
      if (method.returns === "langchain.runnable" && ref.type.startsWith("langchain")) {
        (out.ref as { model?: string }).model = ref.model;
        (out.ref as { template?: Value }).template = (ref as { template?: Value }).template;
      }
      if (method.system) {
        const sys = method.system.map((s) => this.namedArg(args, s, frame)).filter((v): v is Value => !!v);
        if (sys.length) (out.ref as { system?: Value[] }).system = sys;
      }
      return out;
    }
    return this.aiCall(ref.provider, method, args, frame, e, ref, callee.labels);
  }
  // A guardrail or other object the catalogue tracks, made by a client method (`bedrock.create_guardrail(...)`).
  const trackedByMethod = trackedMadeByMethod(type, path.join("."));
  if (trackedByMethod) return this.makeTracked(trackedByMethod, args, frame, e, path.join("."));
  // Unknown SDK method (listing, retrieval, configuration): keeps the client type when it configures it.
  const last = normaliseSegment(path[path.length - 1]);
  // Configuration calls that return the same client or model: `.to("cuda")`, `.with_options(...)`.
  if (["withoptions", "copy", "withconfig", "to", "cuda", "cpu", "half", "float", "eval", "bfloat16", "compile", "fuse"].includes(last)) return Value.of({ ...ref, path: path.slice(0, -1) } as Ref);
  void callee;
  void receiver;
  this.runCallbacks(args, frame, []);
  return carry(args.all, (l) => (l.kind === "request" || (l.kind === "ai" && l.toolCall) ? undefined : l));
};

Engine.prototype.callExternal = function (this: Engine, ref: Extract<Ref, { k: "module" }>, _callee: Value, receiver: Value | undefined, name: string | undefined, args: Args, frame: Frame, e: CallExpr): Value {
  const full = this.fullName(ref);
  // `wrapOpenAI(client)`, `traceable(fn)`: the same client or function, tagged (resolved question 22).
  const wrapper = wrapperFor(full) ?? wrapperFor(full, TRACING_DECORATORS);
  if (wrapper) {
    const wrapped = args.positional[0];
    const tag: Tag | undefined = wrapper.tag ? { name: wrapper.tag, loc: this.loc(frame, e.span) } : undefined;
    if (wrapped?.ref?.k === "sdk" || wrapped?.ref?.k === "function") return Value.of({ ...wrapped.ref, tags: mergeTags(wrapped.ref.tags, tag && [tag]) } as Ref, wrapped.labels);
    if (wrapped) return wrapped;
  }
  // Re-encoders and guardrails the catalogue tracks (`sharp(buf)`, `AnalyzerEngine()`, `boto3.client("comprehend")`).
  const tracked = trackedMadeBy(full, args.positional[0]?.str);
  if (tracked) return this.makeTracked(tracked, args, frame, e, full);
  const sdk = findSdkEntry(full);
  if (sdk) {
    if (sdk.kind === "call" && sdk.method) {
      if (sdk.method.returns) return Value.of({ k: "sdk", provider: sdk.provider, type: sdk.method.returns, loc: this.loc(frame, e.span) });
      return this.aiCall(sdk.provider, sdk.method, args, frame, e, undefined);
    }
    if (sdk.kind === "client" && sdk.type) {
      let type = sdk.type;
      let provider = sdk.provider;
      if (sdk.byFirstArg) {
        const service = args.positional[0]?.str ?? this.namedArg(args, "service_name")?.str;
        const t = service ? sdk.byFirstArg[service] : undefined;
        if (!t) {
          if (service === "s3") return this.roleValue("aws.s3");
          return carry(args.all);
        }
        type = t;
        if (service === "polly") provider = "aws-polly";
      }
      if (sdk.baseUrlArg) {
        const base = sdk.baseUrlArg.map((a) => this.namedArg(args, a)?.str).find((s) => s);
        const viaUrl = base ? providerForUrl(base) : undefined;
        if (viaUrl) provider = viaUrl;
      }
      if (type === "huggingface.pipeline") {
        const task = args.positional[0]?.str ?? this.namedArg(args, "task")?.str;
        const model = this.namedArg(args, "model")?.str ?? args.positional[1]?.str;
        const modality = modalityFromTask(task);
        return Value.of({ k: "sdk", provider, type, model, modality, loc: this.loc(frame, e.span) });
      }
      const model = this.namedArg(args, "model")?.str ?? this.namedArg(args, "model_name")?.str ?? (type.startsWith("langchain") || type.startsWith("google.model") || type.startsWith("diffusers") ? args.positional[0]?.str : undefined);
      const out = Value.of({ k: "sdk", provider, type, model, loc: this.loc(frame, e.span), tags: mergeTags(ref.tags, this.gatewayTags(args, frame, e.span)) });
      if (type === "google.model") {
        const sys = this.namedArg(args, "system_instruction") ?? this.namedArg(args, "systemInstruction");
        if (sys) (out.ref as { system?: Value[] }).system = [sys];
      }
      // A dataset built from records carries them to `push_to_hub`.
      if (type === "datasets.dataset") out.labels = carry(args.all).labels;
      return out;
    }
  }
  // AWS SDK v3 commands: `new ConverseCommand({...})`.
  const last = ref.path[ref.path.length - 1] ?? "";
  if (/^@aws-sdk\//.test(ref.module) && awsCommand(last)) {
    const v = Value.of({ k: "sdk", provider: "bedrock", type: "aws.command", model: last } as Ref);
    v.props = new Map(args.positional[0]?.props ?? []);
    return v;
  }
  // Storage commands (`new PutObjectCommand({...})`, `new PutCommand({...})`): stored when a client sends them.
  if (AWS_STORE_MODULES.has(ref.module) && AWS_STORE_COMMANDS[last]) {
    const v = new Value(carry(args.all).labels);
    v.props = new Map(args.positional[0]?.props ?? []);
    (v as Value & { command?: string }).command = last;
    return v;
  }
  if (ref.module === "@aws-sdk/lib-storage" && last === "Upload") {
    const params = this.namedArg(args, "params");
    const body = params?.props?.get("Body");
    if (body) this.recordSink(frame, e.span, "storage", "Upload", [body], false, e.args.map((a) => a.value));
    return new Value();
  }
  // LangChain message classes carry their role (for system prompts).
  const role = MESSAGE_CLASSES[last];
  if (role && /langchain|llama_index|llamaindex|azure\.ai\.inference|@azure-rest\/ai-inference/.test(ref.module)) {
    const content = args.positional[0] ?? this.namedArg(args, "content") ?? this.namedArg(args, "template") ?? new Value();
    const v = new Value();
    v.props = new Map([["role", Value.string(role)], ["content", content]]);
    return v;
  }
  if (/langchain|llama_index|llamaindex/.test(ref.module) && /ChatPromptTemplate|PromptTemplate/.test(ref.path.join("."))) {
    return this.promptTemplate(args);
  }
  // Composing chains and agents from a model keeps it an AI runnable (`RunnableSequence.from([prompt, model, parser])`).
  if (/langchain|llama_index|llamaindex|crewai|autogen|langgraph/.test(ref.module)) {
    const parts = [...args.all, ...args.named.values()].flatMap((a) => (a.elems && !a.ref ? a.elems : [a]));
    if (parts.some(isRunnable)) return this.composeRunnable(parts.filter(isRunnable), this.loc(frame, e.span));
  }
  if (PY_RESPONSE_CONSTRUCTORS.has(full) || JS_RESPONSE_CONSTRUCTORS.has(full)) return this.responseValue(args, frame, e, full);
  const shaped = name ? this.shapedCall(e, name, args, frame) : undefined;
  if (shaped) return shaped;
  const fw = frameworkRole(full);
  if (fw) return this.callRole(fw, this.roleValue(fw), receiver, name, args, frame, e);
  if (ref.py) return this.callPythonLibrary(full, args, frame, e, name);
  return this.callJsLibrary(full, ref, args, frame, e, name);
};

/** A client pointed at a logging gateway: by its base URL or by the gateway's header among its default headers. */
Engine.prototype.gatewayTags = function (this: Engine, args: Args, frame: Frame, span: Span): Tag[] {
  const tags: Tag[] = [];
  const loc = this.loc(frame, span);
  for (const name of ["base_url", "baseURL", "baseUrl", "api_base"]) {
    const url = this.namedArg(args, name)?.str;
    const tag = url ? gatewayTagForUrl(url) : undefined;
    if (tag) tags.push({ name: tag, loc });
  }
  for (const name of ["default_headers", "defaultHeaders"]) {
    for (const key of this.namedArg(args, name)?.props?.keys() ?? []) {
      const tag = gatewayTagForHeader(key);
      if (tag) tags.push({ name: tag, loc });
    }
  }
  return tags;
};

/** `prompt | model | parser`, `prompt.pipe(model)`: a runnable that keeps the model and the prompt template. */
Engine.prototype.composeRunnable = function (this: Engine, parts: readonly Value[], loc: Loc): Value {
  const model = parts.find((p) => p.ref?.k === "sdk" && p.ref.type !== "$promptTemplate" && isRunnable(p)) ?? parts.find(isRunnable)!;
  const mref = model.ref as Extract<Ref, { k: "sdk" }> & { template?: Value };
  const template = parts.map((p) => (p.ref?.k === "sdk" && p.ref.type === "$promptTemplate" ? p : (p.ref as { template?: Value } | undefined)?.template)).find((t) => t);
  const out = Value.of({ k: "sdk", provider: mref.type === "$promptTemplate" ? "langchain" : mref.provider, type: "langchain.runnable", model: mref.model, loc } as Ref);
  if (template) (out.ref as { template?: Value }).template = template;
  return out;
};

/** Values filling `{placeholders}` of a template's system messages from the invoke input. */
Engine.prototype.templateSystemValues = function (this: Engine, template: Value | undefined, input: Value | undefined): Value[] {
  if (!template?.elems) return [];
  const out: Value[] = [];
  for (const m of template.elems) {
    const role = m.props?.get("role")?.str;
    const content = m.props?.get("content");
    if ((role !== "system" && role !== "developer") || !content) continue;
    // A system message built from data when the template was made (`("system", RULES + " Speak as " + hint)`).
    if (content.str === undefined) {
      if (content.labels.length) out.push(content);
      continue;
    }
    for (const match of content.str.matchAll(/\{(\w+)\}/g)) {
      const v = input?.props?.get(match[1]);
      if (v) out.push(v);
    }
  }
  return out;
};

/** `ChatPromptTemplate.from_messages([("system", "...{tone}"), ("human", "{input}")])`. */
Engine.prototype.promptTemplate = function (this: Engine, args: Args): Value {
  const v = new Value();
  const messages = args.positional[0] ?? this.namedArg(args, "messages");
  const elems: Value[] = [];
  for (const m of messages?.elems ?? []) {
    const roleName = m.elems?.[0]?.str ?? m.props?.get("role")?.str;
    const content = m.elems?.[1] ?? m.props?.get("content") ?? m;
    const msg = new Value();
    msg.props = new Map([["role", Value.string(roleName === "human" ? "user" : roleName ?? "user")], ["content", content]]);
    elems.push(msg);
  }
  if (!elems.length && args.positional[0]) elems.push(args.positional[0]);
  v.elems = elems;
  v.ref = { k: "sdk", provider: "langchain", type: "$promptTemplate" } as Ref;
  return v;
};

Engine.prototype.callPythonLibrary = function (this: Engine, full: string, args: Args, frame: Frame, e: CallExpr, name: string | undefined): Value {
  // `partial(co.chat, model=...)`: calling it calls the model with those arguments first.
  if (full === "functools.partial" && args.positional[0]?.ref?.k === "sdk") {
    const bound = Value.of(args.positional[0].ref);
    (bound as Value & { preset?: Args }).preset = { positional: args.positional.slice(1), named: args.named, exprs: [], all: args.all.slice(1) };
    return bound;
  }
  // `shlex.split("ffmpeg -i ...")`: the words of a command line, for the command runners.
  if (full === "shlex.split" && args.positional[0]?.str !== undefined) return Object.assign(new Value(), { elems: args.positional[0].str.split(/\s+/).filter(Boolean).map((w) => Value.string(w)) });
  const command = this.runCommand(full, args, frame, e);
  if (command) return command;
  // `importlib.import_module("openai")` imports like `import openai`; a computed name cannot be followed.
  if (full === "importlib.import_module") {
    const spec = args.positional[0]?.str;
    if (spec === undefined) {
      if (args.positional.length) this.noteCoverage(this.loc(frame, e.span), "a module is imported by a name computed at run time: the AI clients and calls it provides are not followed");
      return new Value();
    }
    const target = this.workspace.resolve(frame.module.file, spec, "python");
    return target ? Value.of({ k: "module", module: target, path: [], local: true }) : this.externalModule(spec, [], true);
  }
  // Raw HTTP to a known AI host (resolved question 2).
  if (/^(requests|httpx|aiohttp|urllib3)\.(post|put|request|get|patch|stream)$/.test(full) || /^(requests|httpx)\.(Session|Client|AsyncClient)\.(post|put|request|stream)$/.test(full)) {
    const raw = this.rawHttp(args, frame, e, /request$/.test(full) ? 1 : 0);
    if (raw) return raw;
  }
  if (/^(requests|httpx)\.(Session|Client|AsyncClient)$/.test(full) || /^aiohttp\.ClientSession$/.test(full)) return this.httpClient(this.namedArg(args, "base_url") ?? args.positional[0]);
  if (full === "boto3.resource" && args.positional[0]?.str === "s3") return this.roleValue("aws.s3");
  if (PYTHON_FILE_WRITERS.has(full) || PYTHON_FILE_WRITERS.has(full.replace(/^numpy/, "np"))) {
    if (full === "csv.writer") return this.roleValue("python.file");
    if (args.positional.length >= 2) this.recordSink(frame, e.span, "file", full, [args.positional[0]], false, e.args.slice(0, 1).map((a) => a.value));
    return new Value();
  }
  if (/^(datetime\.datetime|datetime)\.(now|utcnow|today)$/.test(full) || /^time\.time$/.test(full) || /^(django\.utils\.timezone)\.now$/.test(full)) {
    const v = new Value();
    (v as Value & { time?: boolean }).time = true;
    return v;
  }
  if (/^(os\.getenv|os\.environ\.get)$/.test(full)) return new Value();
  // Hashes and name-based UUIDs of a value: a pseudonym, no longer the value itself.
  if (/^hashlib\./.test(full) || /^hmac\./.test(full) || /^uuid\.uuid[35]$/.test(full)) {
    const v = carry(args.all);
    v.labels = withRedaction(v.labels, this.loc(frame, e.span));
    return v;
  }
  if (PY_SERIALISERS.has(full)) {
    const out = carry(args.all.map((a) => this.serialised(a, frame, e.span)));
    // `json.dumps({...})` keeps its object so a request body's fields stay visible (Bedrock `body=`).
    if (/dumps$/.test(full) && args.positional[0]?.props) (out as Value & { json?: Value }).json = args.positional[0];
    return this.textKeepsDisclosure(out, args.positional[0], frame, e.span);
  }
  if (PY_MESSAGE_OBJECTS.has(full) && args.all.length === 0) return Object.assign(new Value(), { props: new Map<string, Value>() });
  // An empty in-memory buffer is a container: what is written into it is what it holds, and nothing else.
  if (IN_MEMORY_BUFFERS.has(full) && args.all.length === 0) return Object.assign(new Value(), { elems: [] as Value[] });
  // Decoding a file into an image object: a metadata label in the file is not drawn into the pixels.
  if (/^(PIL\.Image|Image)\.open$/.test(full)) {
    const image = carry(args.all);
    image.labels = withDecoded(image.labels, this.loc(frame, e.span));
    return image;
  }
  if (/^(PIL\.Image|Image)\.(frombytes|fromarray|new)$/.test(full) || PY_CARRIERS.has(full)) return carry(args.all);
  if (/^imwatermark\./.test(full)) {
    const v = Value.of({ k: "module", module: "imwatermark", path: ["encoder"], local: false, py: true });
    return v;
  }
  if (full === "streamlit.session_state") return this.roleValue("streamlit.sessionState");
  this.runCallbacks(args, frame, []);
  return this.unknownCallResult(args, name, false);
};

/** An HTTP client object; `base`: the base URL it was made with, when known (a literal or built from constants). */
Engine.prototype.httpClient = function (this: Engine, base: Value | undefined): Value {
  const url = base?.str ?? base?.shape;
  return this.roleValue("$http", url !== undefined ? Value.string(url) : undefined);
};

Engine.prototype.callJsLibrary = function (this: Engine, full: string, ref: Extract<Ref, { k: "module" }>, args: Args, frame: Frame, e: CallExpr, name: string | undefined): Value {
  if (/^axios#(default\.)?create$/.test(full)) return this.httpClient(this.namedArg(args, "baseURL"));
  if (/^(axios)#(post|put|request|patch|get)?$/.test(full) || /^(axios)#default\.(post|put|request)$/.test(full) || /^(got|ky|node-fetch|undici|cross-fetch|isomorphic-fetch)#(post|put|default|fetch|request)?$/.test(full)) {
    const raw = this.rawHttp(args, frame, e, 0);
    if (raw) return raw;
  }
  const command = this.runCommand(full, args, frame, e);
  if (command) return command;
  if (/^(@ai-sdk\/react|ai\/react|@ai-sdk\/vue|@ai-sdk\/svelte|ai\/svelte|ai\/vue|@ai-sdk\/ui-utils)#(useChat|useCompletion|useObject|useAssistant|experimental_useObject|Chat)$/.test(full)) {
    return this.uiHookValue(frame, e, ref.path[ref.path.length - 1]);
  }
  if (/^react#(useState|useReducer)$/.test(full)) return this.reactState(args);
  if (/^react#(useEffect|useCallback|useMemo|useLayoutEffect)$/.test(full)) {
    const r = this.runCallbacks(args, frame, []);
    return r[0] ?? new Value();
  }
  if (/^uuid#(v3|v5)$/.test(full)) {
    const pseudonym = carry(args.all);
    pseudonym.labels = withRedaction(pseudonym.labels, this.loc(frame, e.span));
    return pseudonym;
  }
  if (/#(randomUUID|nanoid|v4|uuid)$/.test(full)) return new Value();
  this.runCallbacks(args, frame, []);
  return this.unknownCallResult(args, name, false);
};

/** Vercel AI UI hooks are AI sources (resolved question 18). */
Engine.prototype.uiHookValue = function (this: Engine, frame: Frame, e: CallExpr, hook: string): Value {
  const site: AiCallSite = { id: this.newId(), loc: this.loc(frame, e.span), provider: "vercel-ai", modality: "text", api: hook };
  const label: AiLabel = { kind: "ai", id: this.newId(), call: site, hops: [] };
  if (!this.facts.muted) this.facts.filesWithAiCalls.add(frame.module.file);
  const messages = uiMessages(label);
  const v = new Value();
  v.props = new Map([["messages", messages], ["completion", new Value([label])], ["object", new Value([label])], ["data", new Value([label])]]);
  (v as Value & { inventory?: AiCallSite }).inventory = site;
  this.facts.addAiCall({ site, method: { path: hook, modality: "text" }, promptLabels: [], systemLabels: [], argLabels: [], guard: frame.guard, userDataInScope: false, tags: frame.tags ?? [], call: e, arg: () => undefined, slots: new Map() });
  return v;
};

Engine.prototype.reactState = function (this: Engine, args: Args): Value {
  const state = this.withLabels(args.positional[0] ?? new Value(), (args.positional[0] ?? new Value()).labels);
  const setter = Value.of({ k: "builtin", name: "$setState" });
  (setter as Value & { target?: Value }).target = state;
  const out = new Value();
  out.elems = [state, setter];
  return out;
};

/** `fetch(url, {body})`, `requests.post(url, json=...)`: an AI call when the URL is a known AI host. */
Engine.prototype.rawHttp = function (this: Engine, args: Args, frame: Frame, e: CallExpr, urlIndex: number, base?: string): Value | undefined {
  const urlValue = args.positional[urlIndex] ?? this.namedArg(args, "url");
  // A literal, or a URL built from a constant host (`${ELEVENLABS_API}/v1/text-to-speech/${voice}`, resolved question 22).
  let url = urlValue?.str ?? urlValue?.shape ?? (urlValue?.texts ? urlValue.texts.join("") : undefined);
  // A client made with a base URL (`axios.create({ baseURL })`, `httpx.Client(base_url=...)`) and a path.
  if (base && (!url || !/^[a-z][\w+.-]*:\/\//i.test(url))) url = trimEnd(base, "/") + (url ? `/${url.replace(/^\/+/, "")}` : "");
  if (!url) return undefined;
  const endpoint = aiEndpoint(url);
  if (!endpoint) return undefined;
  const body = this.namedArg(args, "json") ?? this.namedArg(args, "body") ?? this.namedArg(args, "data") ?? this.namedArg(args, "content") ?? args.positional[urlIndex + 1];
  const payload = body?.props ? body : body ? this.parsedJson(body) : undefined;
  const named = new Map<string, Value>();
  if (payload?.props) for (const [k, v] of payload.props) named.set(k, v);
  const modality = endpoint.modality === "training" ? "training" : endpoint.modality;
  const method: MethodSpec = {
    path: endpoint.api,
    modality,
    prompt: HTTP_PROMPT_KEYS,
    system: HTTP_SYSTEM_KEYS,
    interaction: modality === "text",
    training: endpoint.modality === "training" ? "always" : undefined,
    api: `POST ${endpoint.api}`,
  };
  const inner: Args = { positional: [], named, exprs: args.exprs, all: body ? [body] : [] };
  return this.aiCall(endpoint.provider, method, inner, frame, e, undefined);
};

/** `JSON.stringify({...})` keeps its object so the request body's fields are visible. */
Engine.prototype.parsedJson = function (this: Engine, v: Value): Value {
  return (v as Value & { json?: Value }).json ?? v;
};

Engine.prototype.aiCall = function (this: Engine, provider: string, method: MethodSpec, args: Args, frame: Frame, e: CallExpr, client: Extract<Ref, { k: "sdk" }> | undefined, receiverLabels: readonly Label[] = EMPTY_LABELS): Value {
  const loc = this.loc(frame, e.span);
  let modelValue = typeof method.modelArg === "number" ? args.positional[method.modelArg] : this.namedArg(args, method.modelArg ?? "model");
  let modality: Modality;
  let model = modelValue?.str ?? client?.model;
  if (modelValue?.ref?.k === "sdk") {
    model = modelValue.ref.model ?? model;
    if (modelValue.ref.modality && method.modality !== "embedding") modality = modelValue.ref.modality;
  }
  if (method.modality === "byModel") modality = modalityFromModelName(model);
  else if (method.modality === "byTask") modality = client?.modality ?? "text";
  else modality ??= method.modality;
  if (modelValue?.ref?.k === "sdk" && modelValue.ref.type === "vercel.imageModel" && method.modality === "text") modality = "image";
  // Output modalities asked for in the call (`response_modalities=["AUDIO"]`, `modalities: ["text", "audio"]`).
  for (const path of method.modalityArgs ?? []) {
    const listed = this.namedArg(args, path, frame);
    if (!listed) continue;
    const words = (listed.elems ?? [listed]).map((x) => (x.str ?? (x.ref?.k === "module" ? x.ref.path[x.ref.path.length - 1] : ""))?.toLowerCase() ?? "");
    if (words.includes("audio")) modality = "audio";
    else if (words.includes("image")) modality = "image";
    break;
  }
  const purpose = this.namedArg(args, "purpose")?.str;
  const site: AiCallSite = { id: this.newId(), loc, provider, modality, api: method.api ?? method.path, model };
  // Prompt and system arguments.
  const promptValues: Value[] = [];
  for (const name of method.prompt ?? []) {
    const v = this.namedArg(args, name, frame);
    if (v) promptValues.push(v);
  }
  for (const i of method.positional ?? []) if (args.positional[i]) promptValues.push(args.positional[i]);
  if (client?.type === "langchain.runnable" || client?.type === "langchain.model") {
    for (const v of args.named.values()) promptValues.push(v);
  }
  const systemValues: Value[] = [];
  for (const name of method.system ?? []) {
    const v = this.namedArg(args, name, frame);
    if (v) systemValues.push(v);
  }
  // A system instruction given when the model or chat was created (`getGenerativeModel({ systemInstruction })`).
  const clientSystem = (client as { system?: Value[] } | undefined)?.system ?? (modelValue?.ref as { system?: Value[] } | undefined)?.system;
  if (clientSystem) systemValues.push(...clientSystem);
  // A LangChain prompt template whose system message is filled from the input.
  systemValues.push(...this.templateSystemValues((client as { template?: Value } | undefined)?.template, args.positional[0]));
  for (const p of promptValues) {
    this.collectSystemMessages(p, systemValues, 0);
    // A serialised request body (`body=json.dumps({"system": ..., "messages": [...]})`).
    const body = (p as Value & { json?: Value }).json;
    if (body?.props) {
      for (const key of HTTP_SYSTEM_KEYS) {
        const sys = body.props.get(key);
        if (sys) systemValues.push(sys);
      }
      const messages = body.props.get("messages");
      if (messages) this.collectSystemMessages(messages, systemValues, 0);
    }
  }
  const promptLabels = mergeLabelLists([...promptValues, ...systemValues].map((v) => deepLabels(v)));
  const systemLabels = mergeLabelLists(systemValues.map((v) => deepLabels(v)));
  const argLabels = mergeLabels(receiverLabels, ...args.all.map((v) => deepLabels(v)));
  // What a user sent that becomes a prompt is interaction data from the moment it is received (resolved question 7):
  // the identities of prompt parts that carry request data, whatever the call generates.
  if (isContent(modality)) for (const v of [...promptValues, ...systemValues]) this.notePromptOrigins(v, !!method.interaction, 0);
  if (!this.facts.muted) for (const l of argLabels) if (l.kind === "pii" && l.literal) this.facts.addLiteralIntoAi(`${l.loc.file}:${l.loc.start}:${l.loc.end}`, loc);
  const repoType = this.namedArg(args, "repo_type")?.str ?? this.namedArg(args, "repoType")?.str ?? this.namedArg(args, "repo")?.props?.get("type")?.str;
  // An upload to a model or space repository (a model card, weights) is no dataset push and no AI call.
  if (method.training === "dataset" && repoType !== undefined && repoType !== "dataset") return new Value();
  this.facts.addAiCall({
    site,
    method,
    stmt: frame.stmt,
    systemTargets: systemLabels.some((l) => l.kind === "request") ? this.fixContext(frame, systemExprs(method, args.exprs), (l) => l.kind === "request").targets : undefined,
    promptLabels,
    systemLabels,
    argLabels,
    guard: frame.guard,
    purpose,
    datasetTarget: method.training === "dataset" ? repoType === "dataset" : undefined,
    userDataInScope: frame.userData,
    tags: mergeTags(client?.tags, modelValue?.ref?.k === "sdk" ? modelValue.ref.tags : undefined, frame.tags) ?? [],
    call: e,
    arg: (path) => this.namedArg(args, path),
    slots: this.slotArgs(method, e),
  });
  if (modality === "training" || modality === "moderation" || modality === "classification" || modality === "embedding" || method.job) {
    const v = new Value([{ kind: "ai", id: this.newId(), call: site, hops: [] }].map((l) => ({ ...l })) as Label[]);
    // Their outputs are not content (resolved question 2 and 5): keep only the inventory.
    v.labels = EMPTY_LABELS;
    return v;
  }
  const label: AiLabel = { kind: "ai", id: this.newId(), call: site, hops: [] };
  const out = new Value([label]);
  out.loc = loc;
  if (method.returns) out.ref = { k: "sdk", provider, type: method.returns };
  // Callbacks given the finished output (`onFinish({ text, usage })`): their parameter carries it.
  for (const name of method.resultCallbacks ?? []) {
    const cb = this.namedArg(args, name);
    if (cb?.ref?.k !== "function") continue;
    const event = new Value([label]);
    this.callFunction(cb.ref.fn, cb.ref.scope, this.moduleFor(cb.ref.module.file), { positional: [event], named: new Map(), exprs: [], all: [event] }, cb.ref.boundThis, frame, undefined);
  }
  return out;
};

/** The catalogue's argument groups of a method as written at this call, with what each carried when the call was made. */
Engine.prototype.slotArgs = function (this: Engine, method: MethodSpec, e: CallExpr): Map<string, SlotArg[]> {
  const out = new Map<string, SlotArg[]>();
  for (const [slot, paths] of Object.entries(method.slots ?? {})) {
    const found: SlotArg[] = [];
    for (const path of paths) {
      const expr = optionExpr(e, path);
      const value = expr ? this.exprValues.get(expr) : undefined;
      if (expr) found.push({ path, span: expr.span, labels: value ? deepLabels(value) : EMPTY_LABELS });
    }
    if (found.length) out.set(slot, found);
  }
  return out;
};

/**
 * Records the identities of the prompt's messages, part by part: a part that carries request data (what a user
 * sent), or, for conversational calls, a value given whole as a prompt or message. A value only interpolated into
 * instruction text (`f"Summarise these {area} judgments"`) configures the prompt and is no message; the text a
 * speech or image model is given is a message only when a user sent it.
 */
Engine.prototype.notePromptOrigins = function (this: Engine, v: Value, conversational: boolean, depth: number): void {
  if (depth > 6) return;
  const children = [...(v.props?.values() ?? []), ...(v.elems ?? [])];
  const own = children.length ? v.labels : deepLabels(v);
  if (this.facts.muted) return;
  if (own.some((l) => l.kind === "request") || (conversational && !v.texts?.length)) {
    for (const l of own) if (l.kind === "origin") this.facts.promptOrigins.add(l.key);
  } else if (conversational) {
    // What someone wrote, read from a record (`claim.description`, `ticket.body`), is a message wherever it is interpolated (resolved question 7).
    for (const l of own) if (l.kind === "origin" && isConversationFieldKey(l.key)) this.facts.promptOrigins.add(l.key);
  }
  for (const c of children) this.notePromptOrigins(c, conversational, depth + 1);
};

/** Messages with a system or developer role, `SystemMessage(...)`, anywhere in a prompt list. */
Engine.prototype.collectSystemMessages = function (this: Engine, v: Value, out: Value[], depth: number): void {
  if (depth > 4) return;
  const role = v.props?.get("role")?.str;
  if (role === "system" || role === "developer") {
    const content = v.props?.get("content") ?? v.props?.get("text") ?? v.props?.get("parts");
    if (content) out.push(content);
    return;
  }
  if (v.elems) for (const el of v.elems) this.collectSystemMessages(el, out, depth + 1);
};

/** Modalities whose output is content (resolved question 5). */
function isContent(m: Modality): boolean {
  return m === "text" || isMedia(m);
}

/** Expressions of a call that make up its system prompt: system keywords or option properties, system-role messages. */
function systemExprs(method: MethodSpec, args: readonly Arg[]): Expr[] {
  const out: Expr[] = [];
  const property = (e: Expr, key: string): Expr | undefined => {
    if (e.k === "object") return e.entries.find((en) => en.key === key)?.value;
    if (e.k === "call") return e.args.find((a) => a.name === key)?.value ?? (e.args[0]?.value.k === "object" ? property(e.args[0].value, key) : undefined);
    return undefined;
  };
  for (const path of method.system ?? []) {
    const [head, ...rest] = path.split(".");
    let e: Expr | undefined = args.find((a) => a.name === head)?.value ?? (args[0]?.value.k === "object" ? property(args[0].value, head) : undefined);
    for (const seg of rest) e = e ? property(e, seg) : undefined;
    if (e) out.push(e);
  }
  const messages = (e: Expr, depth: number): void => {
    if (depth > 3) return;
    if (e.k === "array") for (const el of e.elements) messages(el, depth + 1);
    else if (e.k === "object") {
      const role = e.entries.find((en) => en.key === "role")?.value;
      const content = e.entries.find((en) => en.key === "content")?.value;
      if (role?.k === "str" && (role.value === "system" || role.value === "developer") && content) out.push(content);
    } else if (e.k === "call" && calleeName(e.callee) === "SystemMessage") {
      const content = e.args.find((a) => a.name === "content")?.value ?? e.args[0]?.value;
      if (content) out.push(content);
    }
  };
  for (const a of args) {
    if (a.value.k === "object") for (const en of a.value.entries) messages(en.value, 0);
    else messages(a.value, 0);
  }
  return out;
}

/** `text` without trailing `ch` (a loop: `/\/+$/` backtracks quadratically on long runs). */
function trimEnd(text: string, ch: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === ch) end--;
  return text.slice(0, end);
}
