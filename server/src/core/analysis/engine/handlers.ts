// Entry points: which functions handle requests, UI events, bot messages or jobs (route exports, decorators,
// registrations), and the values their parameters get from the framework or their types.
import type { CallExpr, ClassDef, Expr, FunctionDef, Param } from "../../ir/types";
import { DECLARED_TYPE_PARAM_ROLES, type Registration, ROLES, TYPE_ROLES } from "../../sdk/frameworks";
import { isSvelteKitEndpoint } from "../../workspace/routePaths";
import { isConsentGuardName, personalDataCategory, personRecordWord } from "../names";
import { findSdkEntry } from "../sdkResolve";
import { type Frame, type HandlerInfo, lookup, type ModuleState, newScope } from "../scope";
import { type Loc, type Ref, type Scope, Value } from "../values";
import { Engine, type Args } from "./engineCore";
import { BudgetExceeded, routerConsent, calleeName, exprText } from "./helpers";

/** AWS Lambda handler and event types of HTTP triggers (API Gateway, function URLs, load balancers), from `@types/aws-lambda`. */
const LAMBDA_HTTP_HANDLER_TYPE = /^(APIGatewayProxy\w*Handler(V2)?|LambdaFunctionURLHandler\w*|ALBHandler)\b/;
const LAMBDA_HTTP_EVENT_TYPE = /^(APIGatewayProxy\w*Event(V2)?|LambdaFunctionURLEvent\w*|ALBEvent)\b/;

declare module "./engineCore" {
  interface Engine {
    evaluateEntry(mod: ModuleState, entry: ModuleState["functions"][number], phase: "handlers" | "roots" | "rest"): void;
    routeExportRole(mod: ModuleState, fn: FunctionDef): HandlerInfo | undefined;
    useServer(mod: ModuleState): boolean;
    paramValuesFor(mod: ModuleState, fn: FunctionDef, info: HandlerInfo | undefined): Value[];
    paramValue(mod: ModuleState, fn: FunctionDef, p: Param, reg: Registration | undefined): Value;
    fileImports(mod: ModuleState, re: RegExp): boolean;
    valueForType(mod: ModuleState, typeAnn: string, loc: Loc, reg: Registration | undefined, fn: FunctionDef, p: Param): Value | undefined;
    isRequestModelClass(cls: ClassDef, scope: Scope, depth: number): boolean;
    recordClass(mod: ModuleState, cls: ClassDef): { word: string; health: boolean } | undefined;
    instanceForStandalone(mod: ModuleState, className: string, scope: Scope): Value | undefined;
    dependencyValue(e: Expr, frame: Frame): Value | undefined;
    callDependency(depValue: Value, frame: Frame): Value | undefined;
    paramDependency(mod: ModuleState, p: Param, frame: Frame): Value | undefined;
    registrationFromDecorator(d: Expr, dv: Value, frame: Frame): HandlerInfo | undefined;
    registerResolvers(resolvers: Value | undefined): void;
    serveCall(e: CallExpr, args: Args, frame: Frame): boolean;
    registerDefaultExportObject(v: Value, frame: Frame): void;
    registrationMarker(info: HandlerInfo): Value;
    register(reg: Registration, args: Args, frame: Frame, e: CallExpr, method: string, router?: Value): Value;
    unwrapHandlers(args: Args, e: CallExpr): Args;
    noteUnresolvedHandler(args: Args, frame: Frame, e: CallExpr, method: string): void;
    registerCallbacks(args: Args, reg: Registration, frame: Frame, which: "last" | "all", uiDisclosure?: Loc): void;
  }
}

Engine.prototype.evaluateEntry = function (this: Engine, mod: ModuleState, entry: ModuleState["functions"][number], phase: "handlers" | "roots" | "rest"): void {
  const { fn } = entry;
  const key = `${mod.file}:${fn.id}`;
  if (this.evaluatedEntries.has(key) || this.invoked.has(key)) return;
  const handler = mod.handlers.get(fn.id);
  const exportedRoute = this.routeExportRole(mod, fn);
  if (phase === "handlers" && !handler && !exportedRoute) return;
  if (phase === "roots" && !handler && !exportedRoute && (!fn.name || this.options.calledNames.has(fn.name))) return;
  this.evaluatedEntries.add(key);
  const info = handler ?? exportedRoute;
  let thisValue = entry.thisValue;
  if (!thisValue && fn.isMethod && entry.className) thisValue = this.instanceForStandalone(mod, entry.className, entry.scope);
  const args = this.paramValuesFor(mod, fn, info);
  try {
    this.invokeFunction(fn, entry.scope, mod, args, thisValue, { guard: {}, handler: info, depth: 0, entry: true });
  } catch (err) {
    if (!(err instanceof BudgetExceeded)) throw err;
  }
};

/** Next.js route handlers, page components, serverless handlers: known by their export. */
Engine.prototype.routeExportRole = function (this: Engine, mod: ModuleState, fn: FunctionDef): HandlerInfo | undefined {
  if (!fn.name && !fn.isDefaultExport) return undefined;
  // Next.js server actions: exported functions of a "use server" module receive form data from the browser.
  if (mod.language !== "python" && fn.exported && this.useServer(mod)) {
    return { registration: { kind: "route", params: ["web.formData"] } };
  }
  if (mod.routeFile === "route" && fn.exported && fn.name && /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|fallback)$/.test(fn.name)) {
    // Next.js handlers receive the Request; SvelteKit's `+server` handlers an event holding it.
    return { registration: { kind: "route", params: [isSvelteKitEndpoint(mod.file) ? "web.requestEvent" : "web.request"], returnIsSink: "response" } };
  }
  if (mod.routeFile === "api" && fn.isDefaultExport) return { registration: { kind: "route", params: ["express.req", "express.res"] } };
  // Vercel functions: `export default function handler(req, res)` (Node), `(request)` returning a Response, or `export function POST(request)`.
  if (mod.routeFile === "function" && fn.isDefaultExport) {
    return fn.params.length === 1 ? { registration: { kind: "route", params: ["web.request"], returnIsSink: "response" } } : { registration: { kind: "route", params: ["express.req", "express.res"] } };
  }
  if (mod.routeFile === "function" && fn.exported && fn.name && /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/.test(fn.name)) {
    return { registration: { kind: "route", params: ["web.request"], returnIsSink: "response" } };
  }
  if (mod.routeFile === "page" && fn.isDefaultExport) return { registration: { kind: "ui", params: ["next.pageProps"] } };
  // Remix / React Router route modules: `action({ request, params })`, `loader(...)`.
  if (fn.exported && fn.name && /^(action|loader|clientAction|clientLoader)$/.test(fn.name) && mod.language !== "python") return { registration: { kind: "route", params: ["web.requestEvent"], returnIsSink: "response" } };
  // AWS Lambda / serverless handlers: `def handler(event, context)`.
  if (mod.language === "python" && fn.name && fn.params.length === 2 && /^event$/.test(fn.params[0].name ?? "") && /^(context|ctx|_context)$/.test(fn.params[1].name ?? "")) {
    return { registration: { kind: "route", params: ["lambda.event"], returnIsSink: "response" } };
  }
  // JavaScript ones: named so, or typed as an HTTP-triggered handler whatever their name.
  const lambdaTyped = LAMBDA_HTTP_HANDLER_TYPE.test(fn.declaredType ?? "") || LAMBDA_HTTP_EVENT_TYPE.test(fn.params[0]?.typeAnn ?? "");
  if (mod.language !== "python" && (fn.exported || fn.isDefaultExport) && (lambdaTyped || (/^(handler|main)$|Handler$/.test(fn.name ?? "") && /^event$/i.test(fn.params[0]?.name ?? "")))) {
    return { registration: { kind: "route", params: ["lambda.event"], returnIsSink: "response" } };
  }
  return undefined;
};

Engine.prototype.useServer = function (this: Engine, mod: ModuleState): boolean {
  const first = this.workspace.getFile(mod.file)?.program.body[0];
  return first?.k === "expr" && first.expr.k === "str" && first.expr.value === "use server";
};

Engine.prototype.paramValuesFor = function (this: Engine, mod: ModuleState, fn: FunctionDef, info: HandlerInfo | undefined): Value[] {
  const reg = info?.registration;
  // `self` / `cls` of a Python method are bound by the call, not passed.
  const params = mod.language === "python" && fn.isMethod && (fn.params[0]?.name === "self" || fn.params[0]?.name === "cls") ? fn.params.slice(1) : fn.params;
  // A function typed as a framework callback (`const routes: FastifyPluginAsync = async (app) => ...`) gets its parameters' roles.
  const typed = fn.declaredType ? DECLARED_TYPE_PARAM_ROLES[fn.declaredType.replace(/<.*$/s, "")] : undefined;
  return params.map((p, i) => {
    const byName = p.name ? reg?.paramsByName?.[p.name] : undefined;
    const role = byName ?? reg?.params?.[i] ?? typed?.[i];
    if (role) return this.roleValue(role);
    // Slash-command options after the interaction: what the user typed.
    if (reg?.restAreInput) return this.requestValue(mod, fn, p.name ?? `arg${i}`, p.span);
    if (reg && (reg.kind === "ui" || reg.kind === "bot") && !reg.params && !reg.paramsByName) {
      // Gradio inputs, chat-UI messages: what the user typed.
      return this.requestValue(mod, fn, p.name ?? `arg${i}`, p.span);
    }
    return this.paramValue(mod, fn, p, reg);
  });
};

/** A parameter of a function analysed on its own: unknown data, typed by its annotation when it names an SDK or a request model. */
Engine.prototype.paramValue = function (this: Engine, mod: ModuleState, fn: FunctionDef, p: Param, reg: Registration | undefined): Value {
  const loc = this.locOf(mod.file, p.span);
  // An injected dependency holds what its provider gives, whatever the annotation says.
  const injected = this.paramDependency(mod, p, this.newFrame(mod, fn, `${mod.file}:${fn.id}`, newScope(this.moduleFor(mod.file).scope)));
  if (injected) return injected;
  // NestJS-style parameter decorators say where the value comes from.
  for (const d of p.decorators ?? []) {
    if (/^(Body|Query|Param|Params|Headers|UploadedFile|UploadedFiles|MessageBody|Payload|Args)$/.test(d)) return this.requestValue(mod, fn, p.name ?? d.toLowerCase(), p.span);
    if (/^(Req|Request)$/.test(d)) return this.roleValue("express.req");
    if (/^(Res|Response)$/.test(d)) return this.roleValue("express.res");
  }
  // Constructor parameters a DI container fills: workspace services, `@Inject(TOKEN)` providers.
  const di = this.injectedParam(mod, fn, p, loc);
  if (di) return di;
  if (p.typeAnn) {
    const typed = this.valueForType(mod, p.typeAnn, loc, reg, fn, p);
    if (typed) return typed;
  }
  if (reg?.kind === "route" && mod.language === "python") {
    // Django views and other function views: the first parameter called `request` is the request.
    if (p.name === "request" || p.name === "req") return this.roleValue("django.request");
  }
  if (mod.language !== "python" && (p.name === "req" || p.name === "request") && mod.isServer && !reg) {
    return this.roleValue(p.name === "req" ? "express.req" : "web.request");
  }
  if (mod.language === "python" && (p.name === "request") && mod.isServer && !reg && this.fileImports(mod, /^django|^rest_framework/)) {
    return this.roleValue("django.request");
  }
  const v = new Value([this.origin(`${mod.file}:${fn.id}|${p.name ?? "arg"}`, loc)]);
  v.loc = loc;
  if (p.name) this.markRecord(v, p.name, loc);
  if (p.pattern.k !== "name") return v;
  return v;
};

Engine.prototype.fileImports = function (this: Engine, mod: ModuleState, re: RegExp): boolean {
  const file = this.workspace.getFile(mod.file);
  return !!file?.program.body.some((s) => s.k === "import" && re.test(s.imp.module));
};

/** Values for a type annotation: SDK clients (`client: OpenAI`), request bodies (pydantic models in a route), person records. */
Engine.prototype.valueForType = function (this: Engine, mod: ModuleState, typeAnn: string, loc: Loc, reg: Registration | undefined, fn: FunctionDef, p: Param): Value | undefined {
  const names = typeAnn.match(/[A-Za-z_$][\w$.]*/g) ?? [];
  for (const name of names) {
    if (/^(Optional|Union|None|null|undefined|list|List|dict|Dict|str|string|int|number|float|bool|boolean|Any|any|Promise|Annotated|Depends|typing)$/.test(name)) continue;
    const root = name.split(".")[0];
    const bound = lookup(mod.scope, root);
    if (!bound) continue;
    const resolved = name.includes(".") ? name.split(".").slice(1).reduce<Value>((acc, seg) => this.member(acc, seg, undefined, undefined), bound) : bound;
    if (resolved.ref?.k === "framework" && ROLES[resolved.ref.role]?.recordSinks) return this.roleValue(resolved.ref.role);
    if (resolved.ref?.k === "module") {
      const full = this.fullName(resolved.ref);
      // Framework types: `interaction: discord.Interaction`, `res: NextApiResponse`, FastAPI's `response: Response`.
      const typeRole = TYPE_ROLES[full];
      if (typeRole) return this.roleValue(typeRole);
      const sdk = findSdkEntry(full);
      if (sdk?.kind === "client" && sdk.type) return Value.of({ k: "sdk", provider: sdk.provider, type: sdk.type, loc });
      // Two checks, not `/langchain.*(...)$/`: that one is quadratic on long names.
      if (full.includes("langchain") && /(BaseChatModel|BaseLanguageModel|BaseLLM|Runnable)$/.test(full)) return Value.of({ k: "sdk", provider: "langchain", type: "langchain.model", loc });
      if (/(^|\.|#)(Request|NextRequest)$/.test(full) && /fastapi|starlette|next|undici|express|@sveltejs|node-fetch/.test(full)) return this.roleValue(/fastapi|starlette/.test(full) ? "starlette.request" : "web.request");
      if (/(^|\.|#)(HttpRequest)$/.test(full)) return this.roleValue("django.request");
    }
    if (resolved.ref?.k === "class") {
      const cls = resolved.ref.cls;
      // A pydantic / dataclass body parameter of a route is the request body (also through workspace subclasses).
      if (reg?.kind === "route" && mod.language === "python" && this.isRequestModelClass(cls, resolved.ref.scope, 0)) {
        return this.requestValue(mod, fn, p.name ?? "body", p.span);
      }
      const v = new Value([this.origin(`${mod.file}:${fn.id}|${p.name ?? "arg"}`, loc)]);
      const rec = this.recordClass(mod, cls);
      if (rec) v.record = { ...rec, loc };
      else if (p.name) this.markRecord(v, p.name, loc);
      return v;
    }
  }
  // Type names that are not bound here (interfaces, imported types): a person type makes a record.
  const file = this.workspace.getFile(mod.file);
  for (const name of names) {
    const decl = file?.program.types.find((t) => t.name === name);
    const rec = personRecordWord(name) ?? (decl && decl.fields.filter((f) => personalDataCategory(f.name, true)).length >= 2 ? { word: name, health: false } : undefined);
    if (rec) {
      const v = new Value([this.origin(`${mod.file}:${fn.id}|${p.name ?? "arg"}`, loc)]);
      v.record = { ...rec, loc };
      return v;
    }
  }
  return undefined;
};

/** A pydantic model, marshmallow schema or TypedDict, directly or through workspace base classes. */
Engine.prototype.isRequestModelClass = function (this: Engine, cls: ClassDef, scope: Scope, depth: number): boolean {
  if (depth > 6) return false;
  return cls.bases.some((b) => {
    if (/BaseModel|Schema|TypedDict/.test(exprText(b))) return true;
    const base = b.k === "name" ? lookup(scope, b.name) : undefined;
    return base?.ref?.k === "class" && this.isRequestModelClass(base.ref.cls, base.ref.scope, depth + 1);
  });
};

/** A class whose fields are a person's details is a person record type. */
Engine.prototype.recordClass = function (this: Engine, mod: ModuleState, cls: ClassDef): { word: string; health: boolean } | undefined {
  const key = `${mod.file}:${cls.id}`;
  const hit = this.recordClassCache.get(key);
  if (hit !== undefined) return hit ?? undefined;
  let result = cls.name ? personRecordWord(cls.name) : undefined;
  if (!result) {
    const personal = cls.fields.filter((f) => personalDataCategory(f.name, true)).length;
    if (personal >= 2) result = { word: cls.name ?? "record", health: cls.fields.some((f) => /medical|diagnosis|symptom|medication|allerg/.test(f.name)) };
  }
  this.recordClassCache.set(key, result ?? null);
  return result;
};

Engine.prototype.instanceForStandalone = function (this: Engine, mod: ModuleState, className: string, scope: Scope): Value | undefined {
  const cls = lookup(scope, className) ?? lookup(mod.scope, className);
  if (cls?.ref?.k !== "class") return undefined;
  return this.instantiate(cls.ref.cls, cls.ref.scope, this.moduleFor(cls.ref.module.file), undefined, { guard: {}, depth: 1 }, undefined);
};

/**
 * FastAPI `Depends(get_client)` / `Security(...)` as a parameter default: the parameter holds what
 * the dependency returns, or yields (resolved question 22: injected clients and services).
 */
Engine.prototype.dependencyValue = function (this: Engine, e: Expr, frame: Frame): Value | undefined {
  if (e.k !== "call" || !/^(Depends|Security)$/.test(calleeName(e.callee) ?? "") || !e.args[0]) return undefined;
  return this.callDependency(this.eval(e.args[0].value, frame), frame);
};

/** What a FastAPI dependency gives: a function's return (or first yield), or a class built. */
Engine.prototype.callDependency = function (this: Engine, depValue: Value, frame: Frame): Value | undefined {
  const dep = depValue.ref;
  // `Depends(AiService)`: FastAPI builds the class, its constructor's parameters being dependencies too.
  if (dep?.k === "class") return this.instantiate(dep.cls, dep.scope, this.moduleFor(dep.module.file), undefined, { guard: {}, depth: frame.depth + 1 }, undefined);
  if (dep?.k !== "function") return undefined;
  const ret = this.callFunction(dep.fn, dep.scope, this.moduleFor(dep.module.file), { positional: [], named: new Map(), exprs: [], all: [] }, dep.boundThis, frame, undefined, dep.tags);
  const value = dep.fn.isGenerator ? ret.elems?.[0] ?? ret : ret;
  return value.isEmpty() && value.str === undefined ? undefined : value;
};

Engine.prototype.registrationFromDecorator = function (this: Engine, d: Expr, dv: Value, frame: Frame): HandlerInfo | undefined {
  // `@app.post("/x")` evaluates to a registration marker; `@bot.event` is the method itself.
  if (dv.ref?.k === "framework" && dv.ref.role === "$registration" && dv.ref.state?.ref?.k === "framework") {
    return (dv.ref.state as Value & { registration?: HandlerInfo }).registration;
  }
  const reg = (dv as Value & { registration?: HandlerInfo }).registration;
  if (reg) return reg;
  if (d.k === "member") {
    const recv = this.eval(d.object, frame);
    if (recv.ref?.k === "framework") {
      const spec = ROLES[recv.ref.role];
      const r = spec?.registers?.[d.prop];
      if (r) return { registration: r, router: recv };
    }
  }
  return undefined;
};

/** `export default { fetch(request, env) { ... } }`: a Cloudflare-style worker. */
/**
 * GraphQL resolver maps (`new ApolloServer({ typeDefs, resolvers })`): every resolver answers a
 * request — its arguments are what the client sent, its return goes back to the client.
 */
Engine.prototype.registerResolvers = function (this: Engine, resolvers: Value | undefined): void {
  const route: HandlerInfo = { registration: { kind: "route", params: ["graphql.parent", "graphql.args"], returnIsSink: "response" } };
  for (const group of resolvers?.props?.values() ?? []) {
    for (const resolver of group.props?.values() ?? []) {
      const fn = resolver.ref?.k === "function" ? resolver : resolver.props?.get("resolve") ?? resolver.props?.get("subscribe");
      if (fn?.ref?.k === "function") this.moduleFor(fn.ref.module.file).handlers.set(fn.ref.fn.id, route);
    }
  }
};

/** `Bun.serve({ fetch(req) {...} })`, `Deno.serve(handler)`: the runtime's own HTTP server takes Request handlers. */
Engine.prototype.serveCall = function (this: Engine, e: CallExpr, args: Args, frame: Frame): boolean {
  const c = e.callee;
  if (c.k !== "member" || c.prop !== "serve" || c.object.k !== "name" || !/^(Bun|Deno)$/.test(c.object.name) || lookup(frame.scope, c.object.name)) return false;
  const route: HandlerInfo = { registration: { kind: "route", params: ["web.request"], returnIsSink: "response" } };
  for (const a of args.all) {
    const handler = a.ref?.k === "function" ? a : a.props?.get("fetch") ?? a.props?.get("handler");
    if (handler?.ref?.k === "function") this.moduleFor(handler.ref.module.file).handlers.set(handler.ref.fn.id, route);
  }
  return true;
};

Engine.prototype.registerDefaultExportObject = function (this: Engine, v: Value, _frame: Frame): void {
  // The handlers may be defined in another module than the export (`export default worker` of an imported object).
  const fetch = v.props?.get("fetch");
  if (fetch?.ref?.k === "function") {
    this.moduleFor(fetch.ref.module.file).handlers.set(fetch.ref.fn.id, { registration: { kind: "route", params: ["web.request", "cf.env"], returnIsSink: "response" } });
  }
  for (const name of ["scheduled", "queue"]) {
    const h = v.props?.get(name);
    if (h?.ref?.k === "function") this.moduleFor(h.ref.module.file).handlers.set(h.ref.fn.id, { registration: { kind: "worker" } });
  }
};

Engine.prototype.registrationMarker = function (this: Engine, info: HandlerInfo): Value {
  const v = this.roleValue("$registration");
  (v as Value & { registration?: HandlerInfo }).registration = info;
  return v;
};

/** `app.post(path, [middleware...], handler)`, `bot.on(event, handler)`, `@app.get(path)`. */
Engine.prototype.register = function (this: Engine, reg: Registration, args: Args, frame: Frame, e: CallExpr, method: string, router?: Value): Value {
  args = this.unwrapHandlers(args, e);
  const fnArgs = args.all.filter((a) => a.ref?.k === "function");
  if (fnArgs.length === 0) this.noteUnresolvedHandler(args, frame, e, method);
  // Consent middleware before the handler (resolved question 8).
  let consent: Loc | undefined;
  // Route options with hooks (Fastify `{ preHandler: requireConsent }`, `{ onRequest: [auth, requireConsent] }`).
  for (const a of e.args) {
    if (a.value.k !== "object") continue;
    for (const p of a.value.entries) {
      if (!/^(preHandler|onRequest|preValidation|beforeHandle|middleware|middlewares)$/.test(p.key ?? "")) continue;
      const hooks = p.value.k === "array" ? p.value.elements : [p.value];
      const guard = hooks.find((h) => this.namesConsentGuard(h));
      if (guard) consent = this.loc(frame, guard.span);
    }
  }
  e.args.forEach((a, i) => {
    const v = args.all[i];
    if (this.namesConsentGuard(a.value) && (v?.ref?.k === "function" || a.value.k === "call" || a.value.k === "name")) {
      if (fnArgs.length > 1 || v?.ref?.k !== "function" || i < e.args.length - 1) consent = this.loc(frame, a.span);
    }
  });
  if (fnArgs.length === 0) {
    // A decorator factory: `@app.post("/x")`, or `router.use(requireConsent)` applying to later routes.
    // `router.use(requireConsent(...))`: routes added to this router afterwards are guarded.
    if (method === "use" && consent && router?.ref?.k === "framework") router.ref.consent = consent;
    return this.registrationMarker({ registration: reg, consent, router });
  }
  const handlerValue = fnArgs[fnArgs.length - 1];
  const middleware = fnArgs.slice(0, -1);
  for (const m of middleware) {
    const fnRef = m.ref as Extract<Ref, { k: "function" }>;
    if (fnRef.fn.name && isConsentGuardName(fnRef.fn.name, this.options.vocabulary.consent)) consent = this.loc(frame, fnRef.fn.span);
  }
  const href = handlerValue.ref as Extract<Ref, { k: "function" }>;
  const info: HandlerInfo = { registration: reg, consent: consent ?? routerConsent(router), router: method === "use" ? undefined : router };
  this.moduleFor(href.module.file).handlers.set(href.fn.id, info);
  // `router.use(requireConsent)`: a consent middleware guards the routes added to the router after it.
  if (method === "use" && fnArgs.length === 1 && href.fn.name && isConsentGuardName(href.fn.name, this.options.vocabulary.consent) && router?.ref?.k === "framework") {
    router.ref.consent = this.loc(frame, e.span);
    return new Value();
  }
  // Evaluate inline handlers now, with their parameters typed by the framework.
  const mod = this.moduleFor(href.module.file);
  const key = `${mod.file}:${href.fn.id}`;
  // Quiet evaluation (values only) leaves the handler to run for real in its phase.
  if (!this.evaluatedEntries.has(key) && !this.facts.muted) {
    this.evaluatedEntries.add(key);
    const params = this.paramValuesFor(mod, href.fn, info);
    try {
      this.invokeFunction(href.fn, href.scope, mod, params, href.boundThis, { guard: info.consent ? { consent: info.consent } : {}, handler: info, depth: frame.depth + 1, entry: true });
    } catch (err) {
      if (!(err instanceof BudgetExceeded)) throw err;
    }
  }
  return new Value();
};

Engine.prototype.registerCallbacks = function (this: Engine, args: Args, reg: Registration, frame: Frame, which: "last" | "all", uiDisclosure?: Loc): void {
  const fns = args.all.filter((a) => a.ref?.k === "function");
  const chosen = which === "last" ? fns.slice(-1) : fns;
  for (const f of chosen) {
    const href = f.ref as Extract<Ref, { k: "function" }>;
    this.moduleFor(href.module.file).handlers.set(href.fn.id, { registration: reg });
    const mod = this.moduleFor(href.module.file);
    const key = `${mod.file}:${href.fn.id}`;
    if (this.evaluatedEntries.has(key) || this.facts.muted) continue;
    this.evaluatedEntries.add(key);
    try {
      // A bound method (`CommandHandler("start", self.greet)`) runs on its object.
      this.invokeFunction(href.fn, href.scope, mod, this.paramValuesFor(mod, href.fn, { registration: reg }), href.boundThis, { guard: {}, handler: { registration: reg }, depth: frame.depth + 1, entry: true, uiDisclosure });
    } catch (err) {
      if (!(err instanceof BudgetExceeded)) throw err;
    }
  }
};

/**
 * `app.post(path, asyncHandler(async (req, res) => ...))`, `catchAsync(controller.create)`: a library
 * wrapper around the handler hands the request to the function it wraps, which is the handler.
 */
Engine.prototype.unwrapHandlers = function (this: Engine, args: Args, e: CallExpr): Args {
  let all: Value[] | undefined;
  e.args.forEach((a, i) => {
    const v = args.all[i];
    if (a.value.k !== "call" || !v || v.ref?.k === "function" || v.ref?.k === "framework") return;
    const callee = this.exprValues.get(a.value.callee);
    if (callee?.ref?.k === "function" || callee?.ref?.k === "class") return;
    const inner = a.value.args.map((x) => this.exprValues.get(x.value)).filter((x): x is Value => x?.ref?.k === "function");
    if (inner.length !== 1) return;
    (all ??= [...args.all])[i] = inner[0];
  });
  if (!all) return args;
  const unwrapped = all;
  return { ...args, all: unwrapped, positional: args.positional.map((p) => unwrapped[args.all.indexOf(p)] ?? p) };
};

/**
 * A route registered with a handler the analysis cannot see (imported from a module outside the
 * workspace, computed): its requests and responses are not followed, which the coverage says.
 */
Engine.prototype.noteUnresolvedHandler = function (this: Engine, args: Args, frame: Frame, e: CallExpr, method: string): void {
  if (frame.module.language === "python" || /^(use|route|all|on|once)$/.test(method) || e.args.length < 2) return;
  const last = e.args[e.args.length - 1].value;
  const v = args.all[args.all.length - 1];
  // Unknown, or imported from a workspace path that does not resolve (`./controllers/ask`, `@/handlers`); a package's export is the package's business.
  const missingModule = v?.ref?.k === "module" && !v.ref.local && /^(\.|\/|[@~]\/)/.test(v.ref.module);
  if ((last.k !== "name" && last.k !== "member") || !v || (v.ref && !missingModule) || v.str !== undefined || v.constant !== undefined || v.props || v.elems) return;
  this.noteCoverage(this.loc(frame, e.span), `the handler \`${exprText(last)}\` of this route cannot be resolved (it comes from a module outside the workspace or is computed): the requests it handles are not followed`);
};

/**
 * A FastAPI dependency of a parameter: `= Depends(get_svc)`, `Annotated[Svc, Depends(get_svc)]`, or a
 * type alias of one (`SvcDep = Annotated[Svc, Depends(get_svc)]`, `svc: SvcDep`), wherever the alias is defined.
 */
Engine.prototype.paramDependency = function (this: Engine, mod: ModuleState, p: Param, frame: Frame): Value | undefined {
  const direct = p.default ? this.dependencyValue(p.default, frame) : undefined;
  if (direct) return direct;
  if (p.annotated) return this.dependencyValue(p.annotated, frame);
  const alias = p.typeAnn && /^[A-Za-z_][\w.]*$/.test(p.typeAnn) ? p.typeAnn.split(".").reduce<Value | undefined>((acc, seg, i) => (i === 0 ? lookup(mod.scope, seg) : acc ? this.member(acc, seg, undefined, undefined) : undefined), undefined) : undefined;
  const dependency = (alias as (Value & { dependency?: Value }) | undefined)?.dependency;
  return dependency ? this.callDependency(dependency, frame) : undefined;
};