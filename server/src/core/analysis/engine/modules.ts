// Loading workspace files in phases, and what links them: imports, exports (ES, CommonJS, star exports)
// and the names of external modules.
import type { Expr, Pattern, Span } from "../../ir/types";
import { JS_RESPONSE_CONSTRUCTORS, PY_RESPONSE_CONSTRUCTORS } from "../../sdk/frameworks";
import { fileUnderFolder, isPagesApiPath, isRootApiPath, isRouteHandlerPath } from "../../workspace/routePaths";
import { dropInFor } from "../../sdk/instrumentation";
import { findSdkEntry } from "../sdkResolve";
import { type Frame, lookup, markModuleScope, type ModuleState, newScope } from "../scope";
import { mergeTags, type Ref, type Tag, Value } from "../values";
import { Engine } from "./engineCore";
import { moduleOfScope } from "./state";
import { BudgetExceeded, frameworkRole } from "./helpers";

declare module "./engineCore" {
  interface Engine {
    analyzeFiles(paths: readonly string[]): void;
    rerunStateReaders(mods: readonly ModuleState[]): void;
    rerunModule(mod: ModuleState, readers: Set<string>): void;
    loadModule(path: string): ModuleState | undefined;
    moduleExport(mod: ModuleState, name: string, depth?: number): Value | undefined;
    moduleFor(file: string): ModuleState;
    execImport(imp: { module: string; names: Array<{ imported: string; local: string }>; bindsRoot?: boolean }, frame: Frame, span?: Span): void;
    externalModule(module: string, path: string[], py: boolean, importSpan?: Span, file?: string): Value;
    fullName(ref: Extract<Ref, { k: "module" }>): string;
    commonJsExport(target: Extract<Pattern, { k: "member" }>, value: Value, frame: Frame): boolean;
  }
}

/**
 * Evaluates files in phases so every function is seen in the contexts it is
 * really called from before it is analysed on its own:
 * 1. top levels (registrations evaluate their handlers), then handlers and route exports;
 * 2. functions no name in the workspace calls (true entry points);
 * 3. whatever has still not run (callbacks of unknown libraries, functions whose names collide with other calls).
 */
Engine.prototype.analyzeFiles = function (this: Engine, paths: readonly string[]): void {
  this.workspaceFiles = paths;
  const total = paths.length * 4;
  let done = 0;
  const advance = () => this.options.onProgress?.(++done, total);
  const mods = paths
    .map((p) => {
      const mod = this.withinFileBudget(p, () => this.loadModule(p));
      advance();
      return mod;
    })
    .filter((m): m is ModuleState => !!m);
  // Files that failed to load still count as steps: each phase ends at its share of the total.
  done = paths.length;
  for (const [i, phase] of (["handlers", "roots", "rest"] as const).entries()) {
    for (const mod of mods) {
      this.withinFileBudget(mod.file, () => {
        for (const entry of [...mod.functions]) this.evaluateEntry(mod, entry, phase);
      });
      advance();
    }
    done = paths.length * (i + 2);
  }
  this.rerunStateReaders(mods);
};

/**
 * Streamlit scripts read `st.session_state` before the code that fills it runs
 * (the chat history is rendered, then appended to): a second pass sees it filled.
 */
Engine.prototype.rerunStateReaders = function (this: Engine, mods: readonly ModuleState[]): void {
  if (this.stateReaders.size === 0 || this.streamlitState.size === 0) return;
  const readers = new Set(this.stateReaders);
  for (const mod of mods) {
    this.withinFileBudget(mod.file, () => this.rerunModule(mod, readers));
  }
};

Engine.prototype.rerunModule = function (this: Engine, mod: ModuleState, readers: Set<string>): void {
  try {
    if (readers.has(mod.file)) {
      const file = this.workspace.getFile(mod.file);
      if (file) this.execBlock(file.program.body, this.newFrame(mod, undefined, `${mod.file}:module`, mod.scope, { uiDisclosure: this.captionIn(file.program.body, mod.file) }));
    }
    for (const entry of [...mod.functions]) {
      const key = `${mod.file}:${entry.fn.id}`;
      if (!readers.has(key)) continue;
      readers.delete(key);
      this.memo.clear();
      const thisValue = entry.thisValue ?? (entry.fn.isMethod && entry.className ? this.instanceForStandalone(mod, entry.className, entry.scope) : undefined);
      const info = mod.handlers.get(entry.fn.id);
      this.invokeFunction(entry.fn, entry.scope, mod, this.paramValuesFor(mod, entry.fn, info), thisValue, { guard: {}, handler: info, depth: 0, entry: true });
    }
  } catch (err) {
    if (!(err instanceof BudgetExceeded)) throw err;
  }
};

Engine.prototype.loadModule = function (this: Engine, path: string): ModuleState | undefined {
  const existing = this.modules.get(path);
  if (existing) return existing;
  const file = this.workspace.getFile(path);
  if (!file) return undefined;
  const scope = newScope();
  markModuleScope(scope);
  const mod: ModuleState = {
    file: path,
    language: file.language,
    scope,
    exports: new Map(),
    status: "running",
    isServer: this.options.isServerFile(path),
    routeFile: routeFileKind(path) ?? (isRootApiPath(path, (dir) => this.workspace.isProjectRoot(dir)) ? "function" : undefined),
    starExports: [],
    functions: [],
    handlers: new Map(),
  };
  this.modules.set(path, mod);
  moduleOfScope.set(scope, mod);
  const frame = this.newFrame(mod, undefined, `${path}:module`, scope, { uiDisclosure: this.captionIn(file.program.body, path) });
  try {
    this.execBlock(file.program.body, frame);
  } catch (err) {
    if (!(err instanceof BudgetExceeded)) throw err;
  }
  this.runStateInitialisers(mod);
  if (file.language === "python") {
    for (const [k, v] of scope.vars) if (!mod.exports.has(k)) mod.exports.set(k, v);
  }
  mod.status = "done";
  return mod;
};

Engine.prototype.moduleExport = function (this: Engine, mod: ModuleState, name: string, depth = 0): Value | undefined {
  // A Python module's names as they stand now: a `global` assigned by a function after loading is seen.
  const direct = mod.language === "python" ? mod.scope.vars.get(name) ?? mod.exports.get(name) : mod.exports.get(name);
  if (direct) return direct;
  if (depth > 8) return undefined;
  for (const target of mod.starExports) {
    const other = this.loadModule(target);
    if (!other) continue;
    const v = this.moduleExport(other, name, depth + 1);
    if (v) return v;
  }
  return undefined;
};

Engine.prototype.moduleFor = function (this: Engine, file: string): ModuleState {
  return this.modules.get(file) ?? this.loadModule(file)!;
};

Engine.prototype.execImport = function (this: Engine, imp: { module: string; names: Array<{ imported: string; local: string }>; bindsRoot?: boolean }, frame: Frame, span?: Span): void {
  const mod = frame.module;
  const target = this.workspace.resolve(mod.file, imp.module, mod.language);
  for (const { imported, local } of imp.names) {
    if (local === "*") {
      // `from x import *`: bind what the module exports.
      if (target) {
        const other = this.loadModule(target);
        if (other) for (const [k, v] of other.exports) frame.scope.vars.set(k, v);
      }
      continue;
    }
    let value: Value;
    if (target) {
      const other = this.loadModule(target);
      if (imported === "*") value = Value.of({ k: "module", module: target, path: [], local: true });
      else {
        // Python `from pkg import submodule` names a module file first.
        const sub = mod.language === "python" ? this.workspace.resolve(mod.file, `${imp.module}${imp.module.endsWith(".") ? "" : "."}${imported}`, mod.language) : undefined;
        if (sub && sub !== target) value = Value.of({ k: "module", module: sub, path: [], local: true });
        else value = (other && (imported === "default" && other.language === "python" ? undefined : this.moduleExport(other, imported))) ?? new Value();
      }
    } else {
      if (mod.language === "python" && imported === "*" && imp.bindsRoot) {
        value = this.externalModule(imp.module.split(".")[0], [], true);
      } else if (mod.language === "python" && imported !== "*") {
        const sub = this.workspace.resolve(mod.file, `${imp.module}.${imported}`, mod.language);
        value = sub ? Value.of({ k: "module", module: sub, path: [], local: true }) : this.externalModule(imp.module, [imported], true, span, mod.file);
      } else value = this.externalModule(imp.module, imported === "*" || imported === "default" ? [] : [imported], mod.language === "python", span, mod.file);
    }
    frame.scope.vars.set(local, value);
  }
};

/** An imported external name: a framework object when the catalogue gives it a role, else a module path. */
Engine.prototype.externalModule = function (this: Engine, module: string, path: string[], py: boolean, importSpan?: Span, file?: string): Value {
  // A drop-in module that stands for an SDK (`from langfuse.openai import OpenAI`): the SDK, tagged.
  const dropIn = dropInFor(module);
  if (dropIn) {
    const tag: Tag = { name: dropIn.tag, loc: { file: file ?? "", start: importSpan?.start ?? 0, end: importSpan?.end ?? 0 } };
    const inner = this.externalModule(dropIn.sdk, path[0] === dropIn.selfName ? path.slice(1) : path, py);
    if (inner.ref?.k === "sdk" || inner.ref?.k === "module") return Value.of({ ...inner.ref, tags: mergeTags(inner.ref.tags, [tag]) } as Ref);
    return inner;
  }
  const ref: Extract<Ref, { k: "module" }> = { k: "module", module, path, local: false, py };
  const full = this.fullName(ref);
  const sdk = findSdkEntry(full);
  // Module-level clients and providers: the imported name is the client.
  if (sdk?.kind === "object" && sdk.type) return Value.of({ k: "sdk", provider: sdk.provider, type: sdk.type, module: { module, path, py } } as Ref);
  // A name imported from a module-level client (`from litellm import acompletion`): that client's member.
  for (let k = path.length - 1; !sdk && k >= 0; k--) {
    const owner = findSdkEntry(this.fullName({ ...ref, path: path.slice(0, k) }));
    if (owner?.kind !== "object" || !owner.type) continue;
    const client = Value.of({ k: "sdk", provider: owner.provider, type: owner.type, module: { module, path: path.slice(0, k), py } } as Ref);
    return path.slice(k).reduce<Value>((acc, seg) => this.member(acc, seg, undefined, undefined), client);
  }
  if (!sdk && !PY_RESPONSE_CONSTRUCTORS.has(full) && !JS_RESPONSE_CONSTRUCTORS.has(full)) {
    const role = frameworkRole(full);
    if (role === "fs.member") return this.roleValue(`fs.module#${path[path.length - 1] ?? ""}`);
    if (role) return this.roleValue(role, undefined, { module: { module, path, py } });
  }
  return Value.of(ref);
};

/** Full name of an external module path: Python "pkg.mod.Name", JS "pkg#Name.sub". */
Engine.prototype.fullName = function (this: Engine, ref: Extract<Ref, { k: "module" }>): string {
  if (ref.py) return [ref.module, ...ref.path].join(".");
  return `${ref.module}#${ref.path.join(".")}`;
};

/**
 * CommonJS exports: `module.exports = { ask }` (each property, and the whole as the default),
 * `module.exports.ask = ...` and `exports.ask = ...`. False when the target is no such export.
 */
Engine.prototype.commonJsExport = function (this: Engine, target: Extract<Pattern, { k: "member" }>, value: Value, frame: Frame): boolean {
  if (frame.module.language === "python") return false;
  const o = target.object;
  const isModule = (x: Expr) => x.k === "name" && x.name === "module" && !lookup(frame.scope, "module");
  const isExports = (x: Expr) => (x.k === "name" && x.name === "exports" && !lookup(frame.scope, "exports")) || (x.k === "member" && x.prop === "exports" && isModule(x.object));
  const exports = frame.module.exports;
  if (isModule(o) && target.prop === "exports") {
    exports.set("default", value);
    for (const [k, v] of value.props ?? []) exports.set(k, v);
    return true;
  }
  if (isExports(o)) {
    exports.set(target.prop, value);
    return true;
  }
  return false;
};

function routeFileKind(path: string): ModuleState["routeFile"] {
  if (isRouteHandlerPath(path)) return "route";
  if (isPagesApiPath(path)) return "api";
  if (fileUnderFolder(path, "app", /^(page|layout)\.(tsx|jsx|js|ts)$/)) return "page";
  return undefined;
}
