// Statements: blocks and branches (joining the scopes that fall through), function and class definitions,
// and binding values to names, members and patterns.
import type { CallExpr, ClassDef, Expr, FunctionDef, Pattern, Span, Stmt } from "../../ir/types";
import { ROLES, TERMINATING_CALLS } from "../../sdk/frameworks";
import { isConsentDecisionField, isConsentGuardName, isDisclosureFieldName, personRecordWord } from "../names";
import { CLIENT_WRAPPERS, TRACING_DECORATORS, wrapperFor } from "../../sdk/instrumentation";
import { type Completion, forkScope, type Frame, joinScopes, lookup, newScope, assign as assignVar, setModuleState } from "../scope";
import { mergeLabels, mergeTags, type Scope, type Tag, union, Value } from "../values";
import { Engine } from "./engineCore";
import { isChannelsConsumer, calleeName, exprText } from "./helpers";
import { condOf, switchCaseConds } from "./narrowing";

declare module "./engineCore" {
  interface Engine {
    execBlock(stmts: readonly Stmt[], frame: Frame): Completion;
    exec(stmt: Stmt, frame: Frame): Completion;
    typedLocal(frame: Frame, typeAnn: string, span: Span): Value | undefined;
    execIf(stmt: Extract<Stmt, { k: "if" }>, frame: Frame): Completion;
    isTerminatingCall(call: CallExpr, frame: Frame): boolean;
    fullNameOfExpr(e: Expr, frame: Frame): string | undefined;
    tagOfCallee(callee: Expr, frame: Frame, table: typeof CLIENT_WRAPPERS, span: Span): Tag | undefined;
    defineFunction(fn: FunctionDef, frame: Frame, className?: string): Value;
    defineClass(cls: ClassDef, frame: Frame): Value;
    bind(target: Pattern, value: Value, frame: Frame, span: Span, outer?: boolean): void;
    assignMember(obj: Value, prop: string, value: Value, frame: Frame, targetSpan: Span, stmtSpan: Span): void;
    readPattern(target: Pattern, frame: Frame): Value;
    augment(old: Value, add: Value, op: string): Value;
  }
}

Engine.prototype.execBlock = function (this: Engine, stmts: readonly Stmt[], frame: Frame): Completion {
  for (const stmt of stmts) {
    const c = this.exec(stmt, frame);
    // Nothing after an unconditional return/raise/throw is reported (resolved question 20).
    if (c !== "normal") return c;
  }
  return "normal";
};

Engine.prototype.exec = function (this: Engine, stmt: Stmt, frame: Frame): Completion {
  if (stmt.k !== "block" && stmt.k !== "func" && stmt.k !== "class") frame.stmt = stmt.span;
  switch (stmt.k) {
    case "expr": {
      const e = stmt.expr;
      const v = this.eval(e, frame);
      if (e.k === "call" || (e.k === "await" && e.expr.k === "call")) {
        const call = e.k === "call" ? e : (e.expr as CallExpr);
        if (this.isTerminatingCall(call, frame)) return "throw";
      }
      void v;
      return "normal";
    }
    case "assign": {
      if (stmt.value === undefined) {
        for (const t of stmt.targets) if (t.k === "name" && !lookup(frame.scope, t.name)) frame.scope.vars.set(t.name, new Value());
        return "normal";
      }
      let value = this.eval(stmt.value, frame);
      if (stmt.typeAnn && value.isEmpty()) {
        const typed = this.typedLocal(frame, stmt.typeAnn, stmt.span);
        if (typed) value = typed;
      }
      // A plain JS assignment (no `let`/`const`) sets the binding where it lives, the module's included.
      const outer = frame.module.language !== "python" && !stmt.decl;
      for (const target of stmt.targets) {
        if (stmt.op) {
          const old = this.readPattern(target, frame);
          this.bind(target, this.augment(old, value, stmt.op), frame, stmt.span, outer);
        } else this.bind(target, value, frame, stmt.span, outer);
      }
      if (stmt.exported) {
        for (const t of stmt.targets) if (t.k === "name") frame.module.exports.set(t.name, lookup(frame.scope, t.name) ?? value);
      }
      return "normal";
    }
    case "return": {
      const value = stmt.value ? this.eval(stmt.value, frame) : undefined;
      if (value) {
        frame.returns.push(value);
        const sink = frame.handler?.registration.returnIsSink;
        if (sink && !value.delivered) this.userSink(frame, stmt.span, sink, "return", [value], this.returnDisclosure(value, frame), [stmt.value!]);
      }
      return "return";
    }
    case "throw":
      if (stmt.value) this.eval(stmt.value, frame);
      return "throw";
    case "if":
      return this.execIf(stmt, frame);
    case "loop": {
      const iter = stmt.iter ? this.eval(stmt.iter, frame) : undefined;
      if (stmt.test) this.eval(stmt.test, frame);
      const before = frame.scope;
      const body = forkScope(before);
      frame.scope = body;
      if (stmt.target && iter) this.bind(stmt.target, this.elementOf(iter), frame, stmt.span);
      const c = this.execBlock(stmt.body, frame);
      frame.scope = before;
      joinScopes(before, c === "return" || c === "throw" ? [] : [body]);
      if (stmt.orelse.length) this.execBlock(stmt.orelse, frame);
      return "normal";
    }
    case "with": {
      const saved = frame.uiDisclosure;
      for (const item of stmt.items) {
        const v = this.eval(item.value, frame);
        if (item.value.k === "call" && this.isUiBlockWithLabel(item.value, v, frame)) frame.uiDisclosure = this.loc(frame, item.value.span);
        if (item.target) this.bind(item.target, v, frame, stmt.span);
      }
      const c = this.execBlock(stmt.body, frame);
      frame.uiDisclosure = saved;
      return c;
    }
    case "try": {
      // The body and each handler are branches: after the statement a name holds what any of them
      // that fell through assigned (`answer = ask(...)` in the body, a fallback text in `except`).
      const before = frame.scope;
      const bodyScope = forkScope(before);
      frame.scope = bodyScope;
      let c = this.execBlock(stmt.body, frame);
      if (c === "normal" && stmt.orelse.length) c = this.execBlock(stmt.orelse, frame);
      frame.scope = before;
      // `break` and `continue` leave the statement but go on in the loop around it: what they assigned is kept.
      const goesOn = (x: Completion) => x === "normal" || x === "break" || x === "continue";
      const branches: Scope[] = goesOn(c) ? [bodyScope] : [];
      for (const h of stmt.handlers) {
        const s = forkScope(bodyScope);
        frame.scope = s;
        if (h.param) this.bind(h.param, new Value(), frame, stmt.span);
        const hc = this.execBlock(h.body, frame);
        frame.scope = before;
        if (goesOn(hc)) branches.push(s);
      }
      joinScopes(before, branches);
      if (stmt.finally.length) this.execBlock(stmt.finally, frame);
      return c === "normal" || stmt.handlers.length ? "normal" : c;
    }
    case "func":
      this.defineFunction(stmt.fn, frame);
      return "normal";
    case "class":
      this.defineClass(stmt.cls, frame);
      return "normal";
    case "import":
      this.execImport(stmt.imp, frame, stmt.span);
      return "normal";
    case "exportDefault": {
      const v = this.eval(stmt.expr, frame);
      frame.module.exports.set("default", v);
      // `export default { fetch }`, or an object built earlier (`const worker = { fetch }; export default worker`).
      if (stmt.expr.k === "object" || v.props?.has("fetch")) this.registerDefaultExportObject(v, frame);
      return "normal";
    }
    case "exportNames": {
      if (stmt.from) {
        const target = this.workspace.resolve(frame.module.file, stmt.from, frame.module.language);
        for (const { local, exported } of stmt.names) {
          if (target) {
            const other = this.loadModule(target);
            const v = other ? this.moduleExport(other, local) : undefined;
            if (v) frame.module.exports.set(exported, v);
          } else frame.module.exports.set(exported, this.externalModule(stmt.from, [local], false));
        }
      } else {
        for (const { local, exported } of stmt.names) {
          const v = lookup(frame.scope, local);
          if (v) frame.module.exports.set(exported, v);
          const def = frame.module.functions.find((f) => f.fn.name === local);
          if (def) def.fn.exported = true;
        }
      }
      return "normal";
    }
    case "exportAll": {
      const target = this.workspace.resolve(frame.module.file, stmt.from, frame.module.language);
      if (target) {
        if (stmt.as) {
          const other = this.loadModule(target);
          if (other) frame.module.exports.set(stmt.as, Value.of({ k: "module", module: target, path: [], local: true }));
        } else frame.module.starExports.push(target);
      }
      return "normal";
    }
    case "switch": {
      this.eval(stmt.disc, frame);
      const before = frame.scope;
      const branches: Scope[] = [];
      const savedBranch = frame.branch;
      // `switch (part.type) { case "text": ... }`: each case sees the shapes of its labels.
      const conds = switchCaseConds(stmt.disc, stmt.cases);
      for (const [i, c] of stmt.cases.entries()) {
        if (c.test) this.eval(c.test, frame);
        const s = forkScope(before);
        this.narrowScope(conds[i], true, s);
        frame.scope = s;
        frame.branch = `${savedBranch}.${++this.branchCounter}`;
        const cc = this.execBlock(c.body, frame);
        frame.scope = before;
        if (cc === "normal" || cc === "break") branches.push(s);
      }
      frame.branch = savedBranch;
      joinScopes(before, branches);
      return "normal";
    }
    case "block":
      return this.execBlock(stmt.body, frame);
    case "global":
      if (!stmt.nonlocal) for (const name of stmt.names) (frame.globals ??= new Set()).add(name);
      return "normal";
    case "jump":
      return stmt.kind;
    default:
      return "normal";
  }
};

Engine.prototype.typedLocal = function (this: Engine, frame: Frame, typeAnn: string, span: Span): Value | undefined {
  const v = this.valueForType(frame.module, typeAnn, this.loc(frame, span), undefined, frame.fn ?? syntheticFn, { pattern: { k: "ignore", span }, kind: "normal", span, name: "value" });
  return v?.ref ? v : undefined;
};

Engine.prototype.execIf = function (this: Engine, stmt: Extract<Stmt, { k: "if" }>, frame: Frame): Completion {
  const known = this.knownCondition(stmt.test, frame);
  // A condition on a constant (a flag the caller passed) takes one path: only it runs, and only what it returns is returned.
  if (known !== undefined) return this.execBlock(known ? stmt.then : stmt.else, frame);
  const failed = this.failedResponse(stmt.test, frame);
  const polarity = this.consentPolarity(stmt.test, frame);
  const testLoc = this.loc(frame, stmt.test.span);
  const before = frame.scope;
  const savedGuard = frame.guard;

  const savedHeader = frame.responseDisclosure;
  const savedBranch = frame.branch;
  const thenScope = forkScope(before);
  // `if (m.role !== "assistant") return null;`: each branch, and what follows, sees the shapes that get there.
  const narrowing = condOf(stmt.test);
  const original = new Map([...(narrowing?.names ?? [])].map((n) => [n, { value: lookup(before, n), own: before.vars.has(n) }]));
  this.narrowScope(narrowing, true, thenScope);
  const thenNarrowed = new Map([...original.keys()].map((n) => [n, thenScope.vars.get(n)]));
  frame.scope = thenScope;
  frame.branch = `${savedBranch}.${++this.branchCounter}`;
  if (polarity === "pos") frame.guard = { ...savedGuard, consent: testLoc };
  if (failed?.when === "then") this.withoutAiContent(frame, failed.name);
  const thenC = this.execBlock(stmt.then, frame);
  frame.guard = savedGuard;
  const thenHeader = frame.responseDisclosure;
  frame.responseDisclosure = savedHeader;

  const elseScope = forkScope(before);
  this.narrowScope(narrowing, false, elseScope);
  const elseNarrowed = new Map([...original.keys()].map((n) => [n, elseScope.vars.get(n)]));
  frame.scope = elseScope;
  frame.branch = `${savedBranch}.${++this.branchCounter}`;
  if (polarity === "neg") frame.guard = { ...savedGuard, consent: testLoc };
  if (failed?.when === "else") this.withoutAiContent(frame, failed.name);
  const elseC = this.execBlock(stmt.else, frame);
  frame.branch = savedBranch;
  frame.guard = savedGuard;
  frame.scope = before;
  const elseHeader = frame.responseDisclosure;

  const thenAbrupt = thenC === "return" || thenC === "throw";
  const elseAbrupt = elseC === "return" || elseC === "throw";
  // A disclosure header set in one branch holds afterwards only if every branch that falls through set it.
  if (!thenAbrupt && !elseAbrupt) frame.responseDisclosure = thenHeader && elseHeader ? thenHeader : savedHeader;
  else if (!thenAbrupt) frame.responseDisclosure = thenHeader;
  else if (!elseAbrupt) frame.responseDisclosure = elseHeader;
  else frame.responseDisclosure = savedHeader;
  const fall: Scope[] = [];
  if (!thenAbrupt) fall.push(thenScope);
  if (!elseAbrupt) fall.push(elseScope);
  joinScopes(before, fall);
  // When both branches fall through with the narrowed names untouched, the name holds what it held before
  // (the same object, so later writes reach it); after an early exit it stays narrowed.
  if (!thenAbrupt && !elseAbrupt) {
    for (const [name, o] of original) {
      if (!o.value || thenScope.vars.get(name) !== thenNarrowed.get(name) || elseScope.vars.get(name) !== elseNarrowed.get(name)) continue;
      if (o.own) before.vars.set(name, o.value);
      else before.vars.delete(name);
    }
  }
  // An early exit when consent is missing guards everything after it.
  if (thenAbrupt && !elseAbrupt && polarity === "neg") frame.guard = { ...savedGuard, consent: testLoc };
  if (elseAbrupt && !thenAbrupt && polarity === "pos") frame.guard = { ...savedGuard, consent: testLoc };
  if (thenAbrupt && elseAbrupt) return thenC === "return" || elseC === "return" ? "return" : "throw";
  return "normal";
};

Engine.prototype.isTerminatingCall = function (this: Engine, call: CallExpr, frame: Frame): boolean {
  const name = calleeName(call.callee);
  if (!name) return false;
  if (TERMINATING_CALLS.has(name)) return true;
  const full = this.fullNameOfExpr(call.callee, frame);
  return !!full && TERMINATING_CALLS.has(full);
};

Engine.prototype.fullNameOfExpr = function (this: Engine, e: Expr, frame: Frame): string | undefined {
  const v = e.k === "name" ? lookup(frame.scope, e.name) : undefined;
  if (v?.ref?.k === "module") return this.fullName(v.ref);
  return undefined;
};

/** The catalogue tag of a callee that the table names (a tracing decorator, a client wrapper), if any. */
Engine.prototype.tagOfCallee = function (this: Engine, callee: Expr, frame: Frame, table: typeof CLIENT_WRAPPERS, span: Span): Tag | undefined {
  const v = callee.k === "name" ? lookup(frame.scope, callee.name) : callee.k === "member" ? this.eval(callee, frame) : undefined;
  const full = v?.ref?.k === "module" ? this.fullName(v.ref) : undefined;
  const spec = full ? wrapperFor(full, table) : undefined;
  return spec?.tag ? { name: spec.tag, loc: this.loc(frame, span) } : undefined;
};

Engine.prototype.defineFunction = function (this: Engine, fn: FunctionDef, frame: Frame, className?: string): Value {
  const value = Value.of({ k: "function", fn, scope: frame.scope, module: frame.module });
  frame.module.functions.push({ fn, scope: frame.scope, className });
  if (fn.name && !className) frame.scope.vars.set(fn.name, value);
  if (fn.exported && fn.name) frame.module.exports.set(fn.name, value);
  if (fn.isDefaultExport) frame.module.exports.set("default", value);
  // Decorators: route registrations (`@app.post(...)`), consent decorators, framework handlers.
  for (const d of fn.decorators) {
    const dv = this.eval(d, frame);
    const name = calleeName(d.k === "call" ? d.callee : d) ?? "";
    const tracing = this.tagOfCallee(d.k === "call" ? d.callee : d, frame, TRACING_DECORATORS, d.span);
    if (tracing) this.functionTags.set(`${frame.module.file}:${fn.id}`, mergeTags(this.functionTags.get(`${frame.module.file}:${fn.id}`), [tracing])!);
    const info = this.registrationFromDecorator(d, dv, frame);
    if (info) {
      const existing = frame.module.handlers.get(fn.id);
      frame.module.handlers.set(fn.id, { registration: info.registration, consent: existing?.consent ?? info.consent, router: info.router });
      // A consent hook on a router (`@bp.before_request def require_consent(): ...`) guards all its routes.
      if (info.registration.kind === "middleware" && fn.name && isConsentGuardName(fn.name, this.options.vocabulary.consent) && info.router?.ref?.k === "framework") {
        info.router.ref.consent = this.loc(frame, fn.nameSpan ?? fn.span);
      }
    }
    if (this.consentDecorator(d, frame)) {
      const existing = frame.module.handlers.get(fn.id);
      frame.module.handlers.set(fn.id, { registration: existing?.registration ?? { kind: "route", returnIsSink: frame.module.isServer ? "response" : undefined }, consent: this.loc(frame, d.span) });
    } else if (!frame.module.handlers.has(fn.id) && /^(require_POST|require_GET|require_http_methods|require_safe|api_view|csrf_exempt|login_required|permission_required)$/.test(name) && frame.module.language === "python") {
      frame.module.handlers.set(fn.id, { registration: { kind: "route", returnIsSink: "response" } });
    }
  }
  // FastAPI dependencies that require consent: a parameter `= Depends(require_consent)`, or the
  // route decorator's `dependencies=[Depends(require_consent)]`.
  const guards = [...fn.params.flatMap((p) => [p.default, p.annotated]), ...fn.decorators.flatMap((d) => (d.k === "call" ? this.dependencyList(d.args) : []))];
  for (const dep of guards) {
    if (!dep || !this.isConsentDependency(dep)) continue;
    const existing = frame.module.handlers.get(fn.id);
    frame.module.handlers.set(fn.id, { registration: existing?.registration ?? { kind: "route", returnIsSink: "response" }, consent: this.loc(frame, dep.span) });
  }
  // A type alias of a consent dependency: `ConsentDep = Annotated[None, Depends(require_consent)]`, `_: ConsentDep`.
  for (const p of fn.params) {
    const alias = p.typeAnn && /^[A-Za-z_]\w*$/.test(p.typeAnn) ? lookup(frame.scope, p.typeAnn) : undefined;
    const dep = (alias as (Value & { dependency?: Value }) | undefined)?.dependency?.ref;
    if (dep?.k !== "function" || !dep.fn.name || !isConsentGuardName(dep.fn.name, this.options.vocabulary.consent)) continue;
    const existing = frame.module.handlers.get(fn.id);
    frame.module.handlers.set(fn.id, { registration: existing?.registration ?? { kind: "route", returnIsSink: "response" }, consent: this.loc(frame, p.span) });
  }
  return value;
};

Engine.prototype.defineClass = function (this: Engine, cls: ClassDef, frame: Frame): Value {
  const value = Value.of({ k: "class", cls, scope: frame.scope, module: frame.module });
  if (cls.name) frame.scope.vars.set(cls.name, value);
  if (cls.exported && cls.name) frame.module.exports.set(cls.name, value);
  for (const d of cls.decorators) this.eval(d, frame);
  for (const b of cls.bases) this.eval(b, frame);
  const classScope = newScope(frame.scope);
  for (const stmt of cls.body) {
    if (stmt.k === "func") {
      const fv = Value.of({ k: "function", fn: stmt.fn, scope: frame.scope, module: frame.module });
      classScope.vars.set(stmt.fn.name ?? "", fv);
      frame.module.functions.push({ fn: stmt.fn, scope: frame.scope, className: cls.name });
      // A consent guard on the method or on the whole class (`@UseGuards(ConsentGuard)`), whatever the decorators' order.
      const methodGuard = stmt.fn.decorators.map((d) => this.consentDecorator(d, frame)).find((l) => l);
      const guard = methodGuard ?? cls.decorators.map((d) => this.consentDecorator(d, frame)).find((l) => l);
      for (const d of stmt.fn.decorators) {
        const name = calleeName(d.k === "call" ? d.callee : d) ?? "";
        // Framework registrations on methods: `@app_commands.command(...)` in a discord.py cog.
        const info = d.k === "call" || d.k === "member" ? this.registrationFromDecorator(d, this.eval(d, frame), frame) : undefined;
        const existing = frame.module.handlers.get(stmt.fn.id);
        if (info) frame.module.handlers.set(stmt.fn.id, { registration: info.registration, consent: existing?.consent ?? info.consent ?? guard, router: info.router });
        else if (/^(Get|Post|Put|Patch|Delete|All)$/.test(name)) frame.module.handlers.set(stmt.fn.id, { registration: { kind: "route", returnIsSink: "response" }, consent: guard });
      }
      // A guard on the method makes it a handler; one on the class guards the handlers it has.
      const handler = frame.module.handlers.get(stmt.fn.id);
      if (methodGuard || (guard && handler)) frame.module.handlers.set(stmt.fn.id, { ...handler, registration: handler?.registration ?? { kind: "route", returnIsSink: "response" }, consent: guard });
      // Django Channels consumers: `receive(text_data)` / `receive_json(content)` get what the client sent.
      if (frame.module.language === "python" && isChannelsConsumer(cls) && /^(receive|receive_json|websocket_receive)$/.test(stmt.fn.name ?? "") && !frame.module.handlers.has(stmt.fn.id)) {
        frame.module.handlers.set(stmt.fn.id, { registration: { kind: "bot", restAreInput: true } });
      }
      // Django class-based views, DRF APIViews and ViewSets: methods taking `request` handle requests.
      const viewClass = cls.bases.some((b) => /(View|ViewSet|APIView|Resource|Handler|Endpoint|Mixin)$/.test(exprText(b)));
      if (frame.module.language === "python" && stmt.fn.params[1]?.name === "request" && (viewClass || /^(get|post|put|patch|delete)$/.test(stmt.fn.name ?? "")) && !frame.module.handlers.has(stmt.fn.id)) {
        frame.module.handlers.set(stmt.fn.id, { registration: { kind: "route", params: ["django.request"], returnIsSink: "response" } });
      }
    }
  }
  return value;
};

Engine.prototype.bind = function (this: Engine, target: Pattern, value: Value, frame: Frame, span: Span, outer = false): void {
  switch (target.k) {
    case "name": {
      let v = value;
      if (v.labels.length && !v.props && !v.elems && !v.ref && v.str === undefined && !v.labels.some((l) => l.kind === "origin")) {
        // Data from a call (a database row, a file) gets an identity by the variable that holds it.
        v = this.withLabels(v, mergeLabels(v.labels, [this.origin(`${frame.fnKey}|${target.name}`, this.loc(frame, target.span))]));
      } else if (v.isEmpty() && v.str === undefined && v.constant === undefined && !v.jsx && !v.delivered) {
        v = new Value([this.origin(`${frame.fnKey}|${target.name}`, this.loc(frame, target.span))]);
      }
      if (!v.record && !v.ref && v.str === undefined && v.constant === undefined) {
        const rec = personRecordWord(target.name);
        if (rec) {
          v = this.withLabels(v, v.labels);
          v.record = { ...rec, loc: this.loc(frame, target.span) };
        }
      }
      // `global client` then `client = OpenAI()`: the module's binding, seen by every reader of the module.
      if (frame.globals?.has(target.name)) setModuleState(frame.module.scope, target.name, v);
      else assignVar(frame.scope, target.name, v, outer);
      return;
    }
    case "objpat": {
      for (const p of target.props) {
        let pv = this.member(value, p.key, frame, target.span);
        if (p.default) pv = union([pv, this.eval(p.default, frame)]);
        this.bind(p.target, pv, frame, span, outer);
      }
      if (target.rest) this.bind(target.rest, value, frame, span, outer);
      return;
    }
    case "arrpat": {
      target.elements.forEach((el, i) => {
        if (!el) return;
        const ev = value.elems && i < value.elems.length && !value.elemKinds ? value.elems[i] : this.elementOf(value);
        this.bind(el, ev, frame, span, outer);
      });
      if (target.rest) this.bind(target.rest, value, frame, span, outer);
      return;
    }
    case "default":
      this.bind(target.target, union([value, this.eval(target.default, frame)]), frame, span, outer);
      return;
    case "member": {
      if (this.commonJsExport(target, value, frame)) return;
      const obj = this.eval(target.object, frame);
      this.assignMember(obj, target.prop, value, frame, target.span, span);
      return;
    }
    case "index": {
      const obj = this.eval(target.object, frame);
      const key = this.eval(target.index, frame);
      if (key.str !== undefined) this.assignMember(obj, key.str, value, frame, target.span, span);
      else if (obj.elems) obj.elems.push(value);
      else if (obj.props) obj.props.set("[*]", value);
      else if (obj.ref?.k === "framework" && obj.ref.state) this.mergeInto(obj.ref.state, value);
      return;
    }
    default:
      return;
  }
};

Engine.prototype.assignMember = function (this: Engine, obj: Value, prop: string, value: Value, frame: Frame, targetSpan: Span, stmtSpan: Span): void {
  if (obj.ref?.k === "framework" && isConsentDecisionField(prop, this.options.vocabulary.consent)) this.checkConsentWrite(prop, value, frame, stmtSpan);
  if (obj.ref?.k === "framework") {
    const spec = ROLES[obj.ref.role];
    const sinkCat = spec?.sinkProps?.[prop];
    if (sinkCat) this.userSink(frame, stmtSpan, sinkCat, `${obj.ref.role}.${prop}`, [value], frame.responseDisclosure);
    if (obj.ref.role === "$headers" && isDisclosureFieldName(prop, this.options.vocabulary.disclosure)) this.markHeadersDisclosed(obj, frame, stmtSpan);
    if (obj.ref.state) {
      obj.ref.state.props ??= new Map();
      obj.ref.state.props.set(prop, value);
    }
    if (obj.ref.role === "streamlit.sessionState") {
      const stored = this.streamlitState.get(prop);
      if (stored) this.mergeInto(stored, value);
      else this.streamlitState.set(prop, value);
    }
    return;
  }
  // A consent decision stored on a record (CON002), reported here: the ORM call that later saves the record repeats it.
  if (isConsentDecisionField(prop, this.options.vocabulary.consent)) {
    this.checkConsentWrite(prop, value, frame, stmtSpan);
    const set = this.consentAssigned.get(obj) ?? new Set<string>();
    set.add(prop);
    this.consentAssigned.set(obj, set);
  }
  if (!obj.props) obj.props = new Map();
  obj.props.set(prop, value);
  // `response.headers["X-AI-Generated"] = "true"`
  if (obj.ref?.k === "response" && prop === "headers") return;
  void targetSpan;
};

Engine.prototype.readPattern = function (this: Engine, target: Pattern, frame: Frame): Value {
  switch (target.k) {
    case "name":
      return lookup(frame.scope, target.name) ?? new Value();
    case "member":
      return this.member(this.eval(target.object, frame), target.prop, frame, target.span);
    case "index":
      return this.index(this.eval(target.object, frame), this.eval(target.index, frame), frame, target.span);
    default:
      return new Value();
  }
};

Engine.prototype.augment = function (this: Engine, old: Value, add: Value, op: string): Value {
  if (op === "+=" && old.elems) {
    old.elems.push(...(add.elems ?? [add]));
    return old;
  }
  if (op === "+=" || op === "|=" || op === "??=" || op === "||=" || op === "&&=") return this.joinValues([old, add]);
  return new Value();
};

const syntheticFn: FunctionDef = { id: -2, params: [], body: [], decorators: [], isAsync: false, isGenerator: false, isMethod: false, span: { start: 0, end: 0 } };
