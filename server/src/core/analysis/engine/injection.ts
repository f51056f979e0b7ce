// Services built by a framework's dependency injection (resolved question 22): a constructor parameter
// typed with a workspace class (TypeScript parameter properties, NestJS providers injected into
// controllers and other services, Python `__init__(self, repo: Repo)`) holds an instance of that class;
// `@Inject(TOKEN)` holds what the workspace's module registers for the token. What cannot be resolved is
// said in the scan's coverage notes, with the place and the reason.
import type { ClassDef, Expr, FunctionDef, Param } from "../../ir/types";
import { lookup, type ModuleState, newScope } from "../scope";
import { type Loc, type ModuleContext, type Scope, Value } from "../values";
import { Engine } from "./engineCore";
import { calleeName, exprText } from "./helpers";

/** Class decorators of dependency-injection containers: the framework builds these classes and their constructor arguments. */
const DI_CLASS_DECORATORS = /^(Injectable|Controller|Resolver|Processor|Gateway|WebSocketGateway|Service|injectable|singleton|Component|Provide|Catch|Module)$/;
/** Classes that hold data, not services: entities, documents, request and response models. */
const DATA_CLASS_DECORATORS = /^(Entity|Schema|ObjectType|InputType|ArgsType|Table|Document|Embeddable|ViewEntity)$/;

interface ProviderDef {
  file: string;
  /** The `{ provide, useClass | useValue | useFactory | useExisting }` entry. */
  entry: Extract<Expr, { k: "object" }>;
}

declare module "./engineCore" {
  interface Engine {
    injectedParam(mod: ModuleState, fn: FunctionDef, p: Param, loc: Loc): Value | undefined;
    providerInstance(cls: ClassDef, scope: Scope, module: ModuleContext): Value;
    providerValue(def: ProviderDef): Value;
    providers(): Map<string, ProviderDef>;
    noteCoverage(loc: Loc, message: string): void;
  }
}

const providerIndex = new WeakMap<Engine, Map<string, ProviderDef>>();
const singletons = new WeakMap<Engine, Map<string, Value>>();

/**
 * The value of an injected constructor parameter, or undefined to treat it as an ordinary parameter.
 * Records a coverage note when the parameter is injected but what it holds cannot be found.
 */
Engine.prototype.injectedParam = function (this: Engine, mod: ModuleState, fn: FunctionDef, p: Param, loc: Loc): Value | undefined {
  if (mod.language === "python" ? fn.name !== "__init__" : fn.name !== "constructor") return undefined;
  const owner = classOf(this, mod, fn);
  const diClass = !!owner?.decorators.some((d) => DI_CLASS_DECORATORS.test(calleeName(d) ?? ""));
  const what = `\`${p.name ?? "parameter"}\`${p.typeAnn ? ` (${p.typeAnn})` : ""}`;
  // `@Inject(AI_CLIENT)`: the provider registered for the token.
  const inject = p.decoratorExprs?.find((d) => d.k === "call" && /^(Inject|inject)$/.test(calleeName(d.callee) ?? ""));
  const tokenExpr = inject?.k === "call" ? inject.args[0]?.value : undefined;
  // `@Inject(forwardRef(() => OtherService))`: the class itself.
  const forwarded = tokenExpr?.k === "call" && calleeName(tokenExpr.callee) === "forwardRef" ? forwardedClass(tokenExpr) : undefined;
  if (forwarded) {
    const cls = classNamed(this, mod, forwarded);
    if (cls) return this.providerInstance(cls.cls, cls.scope, cls.module);
  }
  const token = tokenExpr && !forwarded ? tokenKey(tokenExpr) : undefined;
  if (token) {
    const def = this.providers().get(token);
    if (def) return this.providerValue(def);
    // `@Inject(AiService)`: a class is its own token.
    const named = tokenExpr?.k === "name" ? lookup(mod.scope, tokenExpr.name) : undefined;
    if (named?.ref?.k === "class") return this.providerInstance(named.ref.cls, named.ref.scope, named.ref.module);
  }
  if (p.typeAnn) {
    const typed = this.valueForType(mod, p.typeAnn, loc, undefined, fn, p);
    if (typed?.ref) return typed;
    const cls = classNamed(this, mod, p.typeAnn);
    if (cls && !isDataClass(this, mod, cls.cls, cls.scope)) return this.providerInstance(cls.cls, cls.scope, cls.module);
  }
  if (token) this.noteCoverage(loc, `the injected ${what} is registered for token ${token}, which no module of the workspace provides: calls through it are not followed`);
  else if (diClass && p.typeAnn && !p.decorators?.length && !resolvesToSomething(mod, p.typeAnn)) {
    this.noteCoverage(loc, `the injected ${what} names no class of the workspace or of a known SDK: calls through it are not followed`);
  }
  return undefined;
};

/** One instance per provider class, as a DI container keeps them (built on first use). */
Engine.prototype.providerInstance = function (this: Engine, cls: ClassDef, scope: Scope, module: ModuleContext): Value {
  let cache = singletons.get(this);
  if (!cache) singletons.set(this, (cache = new Map()));
  const key = `${module.file}:${cls.id}`;
  const hit = cache.get(key);
  if (hit) return hit;
  // Set before the constructor runs: a provider that (indirectly) injects itself gets this same object.
  const inst = Value.of({ k: "instance", className: cls.name ?? "", cls, module });
  inst.props = new Map();
  cache.set(key, inst);
  const built = this.instantiate(cls, scope, this.moduleFor(module.file), undefined, { guard: {}, depth: 1 }, undefined);
  for (const [k, v] of built.props ?? []) inst.props.set(k, v);
  return inst;
};

Engine.prototype.providerValue = function (this: Engine, def: ProviderDef): Value {
  const mod = this.moduleFor(def.file);
  const frame = this.newFrame(mod, undefined, `${mod.file}:providers`, newScope(mod.scope), { depth: 1 });
  const get = (key: string) => def.entry.entries.find((en) => en.key === key)?.value;
  const useValue = get("useValue");
  if (useValue) return this.eval(useValue, frame);
  const useClass = get("useClass") ?? get("useExisting");
  if (useClass) {
    const v = this.eval(useClass, frame);
    return v.ref?.k === "class" ? this.providerInstance(v.ref.cls, v.ref.scope, v.ref.module) : v;
  }
  const useFactory = get("useFactory");
  if (useFactory) {
    const f = this.eval(useFactory, frame);
    if (f.ref?.k === "function") return this.callFunction(f.ref.fn, f.ref.scope, this.moduleFor(f.ref.module.file), { positional: [], named: new Map(), exprs: [], all: [] }, f.ref.boundThis, frame, undefined);
  }
  return new Value();
};

/** Custom providers of the workspace's modules (`@Module({ providers: [{ provide: AI_CLIENT, useFactory }] })`), by token. */
Engine.prototype.providers = function (this: Engine): Map<string, ProviderDef> {
  const cached = providerIndex.get(this);
  if (cached) return cached;
  const index = new Map<string, ProviderDef>();
  for (const file of this.workspaceFiles) {
    const program = this.workspace.getFile(file)?.program;
    if (!program || program.language === "python") continue;
    const visit = (cls: ClassDef) => {
      for (const d of cls.decorators) {
        if (d.k !== "call" || calleeName(d.callee) !== "Module" || d.args[0]?.value.k !== "object") continue;
        const list = d.args[0].value.entries.find((en) => en.key === "providers")?.value;
        for (const item of list?.k === "array" ? list.elements : []) {
          if (item.k !== "object") continue;
          const provide = item.entries.find((en) => en.key === "provide")?.value;
          const key = provide ? tokenKey(provide) : undefined;
          if (key && !index.has(key)) index.set(key, { file, entry: item });
        }
      }
    };
    for (const s of program.body) if (s.k === "class") visit(s.cls);
  }
  providerIndex.set(this, index);
  return index;
};

Engine.prototype.noteCoverage = function (this: Engine, loc: Loc, message: string): void {
  if (this.facts.muted) return;
  this.facts.addCoverageNote(loc, message);
};

/** A token as written: a string's text, or the name of the constant or class that stands for it. */
function tokenKey(e: Expr): string | undefined {
  if (e.k === "str") return JSON.stringify(e.value);
  if (e.k === "name") return e.name;
  if (e.k === "member") return e.prop;
  if (e.k === "call" && e.args.length === 0) return undefined;
  return exprText(e);
}

/** The class name `forwardRef(() => X)` returns. */
function forwardedClass(call: Extract<Expr, { k: "call" }>): string | undefined {
  const f = call.args[0]?.value;
  const body = f?.k === "func" && f.fn.body.length === 1 && f.fn.body[0].k === "return" ? f.fn.body[0].value : undefined;
  return body?.k === "name" ? body.name : undefined;
}

/** The class whose body defines `fn`. */
function classOf(engine: Engine, mod: ModuleState, fn: FunctionDef): ClassDef | undefined {
  const program = engine.workspace.getFile(mod.file)?.program;
  const find = (stmts: readonly { k: string }[]): ClassDef | undefined => {
    for (const s of stmts as Array<{ k: string; cls?: ClassDef; expr?: Expr }>) {
      const cls = s.k === "class" ? s.cls : s.k === "exportDefault" && s.expr?.k === "class" ? s.expr.cls : undefined;
      if (cls?.body.some((m) => m.k === "func" && m.fn === fn)) return cls;
    }
    return undefined;
  };
  return program ? find(program.body) : undefined;
}

/** The workspace class a type annotation names (`TriageAiService`, `Optional[Repo]`, `models.Repo`). */
function classNamed(engine: Engine, mod: ModuleState, typeAnn: string): { cls: ClassDef; scope: Scope; module: ModuleContext } | undefined {
  for (const name of typeAnn.match(/[A-Za-z_$][\w$.]*/g) ?? []) {
    const [root, ...rest] = name.split(".");
    let v = lookup(mod.scope, root);
    for (const seg of rest) v = v ? engine.member(v, seg, undefined, undefined) : undefined;
    if (v?.ref?.k === "class") return { cls: v.ref.cls, scope: v.ref.scope, module: v.ref.module };
  }
  return undefined;
}

/** Entities, documents, request models and person records are data the constructor is given, not services. */
function isDataClass(engine: Engine, mod: ModuleState, cls: ClassDef, scope: Scope): boolean {
  if (cls.decorators.some((d) => DATA_CLASS_DECORATORS.test(calleeName(d) ?? "") || /dataclass/.test(exprText(d)))) return true;
  if (cls.bases.some((b) => /(^|\.)(Model|BaseModel|Base|Document|TypedDict|Schema|Struct|NamedTuple)$/.test(exprText(b)))) return true;
  if (engine.isRequestModelClass(cls, scope, 0) || engine.recordClass(mod, cls)) return true;
  return !cls.body.some((s) => s.k === "func" && !/^(__init__|constructor)$/.test(s.fn.name ?? ""));
}

/** Whether a type annotation names something the analysis knows: a class, an SDK or framework type, an imported module member. */
function resolvesToSomething(mod: ModuleState, typeAnn: string): boolean {
  const names = (typeAnn.match(/[A-Za-z_$][\w$]*/g) ?? []).filter((n) => !/^(Promise|Array|Record|Partial|Readonly|Optional|Union|undefined|null|string|number|boolean|any|unknown)$/.test(n));
  return names.some((n) => {
    const v = lookup(mod.scope, n);
    return !!v && (v.ref?.k === "class" || v.ref?.k === "module" || v.ref?.k === "sdk" || v.ref?.k === "framework");
  });
}
