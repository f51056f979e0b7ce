// Consent: conditions, decorators and dependencies that require it, queries filtered on it, consent
// decisions written from user input (CON002) and consent records kept.
import type { Arg, CallExpr, Expr, Span } from "../../ir/types";
import { isConsentDecisionField, isConsentGuardName, isConsentName, splitWords } from "../names";
import type { Frame } from "../scope";
import { deepLabels, type Loc, Value } from "../values";
import { Engine, type Args } from "./engineCore";
import { calleeName, exprText } from "./helpers";

const CONSENT_TIME_KEYS = /(^|_)(at|timestamp|time|date|ts)$|At$|Timestamp$|Time$|Date$|^(at|timestamp|ts|time|date|when|created|recorded)$/;
/** Fields that say what a consent was given for: any name with the word purpose or scope (`optInPurpose`, `purpose_of_use`), or a notice/policy version, consent type, legal basis. */
const CONSENT_PURPOSE_WORDS = new Set(["purpose", "purposes", "scope", "scopes"]);
const CONSENT_PURPOSE_KEYS = /^(notice_version|noticeVersion|policy_version|policyVersion|consent_type|consentType|legal_basis|legalBasis)$/;
function isConsentPurposeKey(key: string): boolean {
  return CONSENT_PURPOSE_KEYS.test(key) || splitWords(key).some((w) => CONSENT_PURPOSE_WORDS.has(w));
}
const GRANTED_CONSTANTS = new Set(["granted", "yes", "accepted", "agree", "agreed", "allow", "allowed", "opt_in", "opt-in", "optin", "true", "on", "enabled"]);

declare module "./engineCore" {
  interface Engine {
    consentPolarity(test: Expr, frame: Frame): "pos" | "neg" | undefined;
    isConsentObject(e: Expr, depth: number): boolean;
    dependencyList(args: readonly Arg[]): Expr[];
    isConsentDependency(e: Expr): boolean;
    namesConsentGuard(e: Expr): boolean;
    consentDecorator(d: Expr, frame: Frame): Loc | undefined;
    filtersOnConsent(e: CallExpr, args: Args, frame: Frame): boolean;
    isConsentFilterArg(a: Arg, frame: Frame, depth: number): boolean;
    exprFiltersOnConsent(e: Expr, frame: Frame, depth: number): boolean;
    consentRecordByCall(name: string, args: Args, frame: Frame, span: Span): void;
    checkConsentWrite(field: string, value: Value, frame: Frame, span: Span): void;
    consentFieldsWritten(values: readonly Value[], frame: Frame, span: Span): void;
    consentRecordIn(values: readonly Value[], frame: Frame, span: Span): void;
  }
}

/** "pos" when the test holds only with consent, "neg" when it holds only without. */
Engine.prototype.consentPolarity = function (this: Engine, test: Expr, frame: Frame): "pos" | "neg" | undefined {
  const extra = this.options.vocabulary.consent;
  switch (test.k) {
    case "unary":
      if (test.op === "not") {
        const inner = this.consentPolarity(test.operand, frame);
        return inner === "pos" ? "neg" : inner === "neg" ? "pos" : undefined;
      }
      return undefined;
    case "logical": {
      const l = this.consentPolarity(test.left, frame);
      const r = this.consentPolarity(test.right, frame);
      if (test.op === "and") return l === "pos" || r === "pos" ? "pos" : undefined;
      if (test.op === "or") return l === "neg" || r === "neg" ? "neg" : undefined;
      return undefined;
    }
    case "compare": {
      const side = this.consentPolarity(test.left, frame) ?? this.consentPolarity(test.right, frame);
      if (!side) return undefined;
      const other = this.consentPolarity(test.left, frame) ? test.right : test.left;
      const negative = other.k === "const" && (other.value === false || other.value === null || other.value === undefined) || (other.k === "str" && /^(denied|no|false|off|declined|revoked|withdrawn)$/i.test(other.value));
      const positive = other.k === "const" && other.value === true || other.k === "str" && GRANTED_CONSTANTS.has(other.value.toLowerCase());
      const eq = /^(==|===|is)$/.test(test.op);
      const ne = /^(!=|!==|is not)$/.test(test.op);
      if ((eq && positive) || (ne && negative)) return side;
      if ((eq && negative) || (ne && positive)) return side === "pos" ? "neg" : "pos";
      return undefined;
    }
    case "await":
      return this.consentPolarity(test.expr, frame);
    case "name":
      return isConsentName(test.name, extra, false) ? "pos" : undefined;
    case "member":
      if (isConsentName(test.prop, extra, false)) return "pos";
      // A field of a consent object: `learner.consents.logging`, `prefs["consent"].analytics`.
      return this.isConsentObject(test.object, 0) && !/^(at|date|time|timestamp|ts|version|id|updated|updatedAt|updated_at|purpose|source|length|size|required|needed|pending|missing|text|notice|url|banner|shown)$/.test(test.prop) ? "pos" : undefined;
    case "index":
      return test.index.k === "str" && isConsentName(test.index.value, extra, false) ? "pos" : undefined;
    case "call": {
      const name = calleeName(test.callee);
      if (name && isConsentName(name, extra, false)) return "pos";
      // SQLAlchemy comparisons: `X.consent.is_(True)`, `X.consent.is_(False)`.
      if (test.callee.k === "member" && /^(is_|isnot|is_not|__eq__|__ne__)$/.test(test.callee.prop)) {
        const inner = this.consentPolarity(test.callee.object, frame);
        const arg = test.args[0]?.value;
        const falsy = arg?.k === "const" && (arg.value === false || arg.value === null);
        const negate = /^(isnot|is_not|__ne__)$/.test(test.callee.prop) !== falsy;
        return inner && negate ? (inner === "pos" ? "neg" : "pos") : inner;
      }
      // `user.get("consent")`, `consents.includes("logging")`
      if (test.callee.k === "member" && test.args.some((a) => a.value.k === "str" && isConsentName(a.value.value, extra, false))) return "pos";
      if (test.callee.k === "member") return this.consentPolarity(test.callee.object, frame);
      return undefined;
    }
    default:
      return undefined;
  }
};

/** An expression naming a consent object (`learner.consents`, `settings["consent"]`). */
Engine.prototype.isConsentObject = function (this: Engine, e: Expr, depth: number): boolean {
  if (depth > 3) return false;
  const extra = this.options.vocabulary.consent;
  if (e.k === "name") return isConsentName(e.name, extra, false);
  if (e.k === "member") return isConsentName(e.prop, extra, false);
  if (e.k === "index") return e.index.k === "str" && isConsentName(e.index.value, extra, false);
  return false;
};

/** The elements of a `dependencies=[...]` argument (FastAPI routes and routers). */
Engine.prototype.dependencyList = function (this: Engine, args: readonly Arg[]): Expr[] {
  const deps = args.find((a) => a.name === "dependencies")?.value;
  return deps?.k === "array" ? deps.elements : [];
};

/** `Depends(require_consent)`: a FastAPI dependency whose name says it requires consent. */
Engine.prototype.isConsentDependency = function (this: Engine, e: Expr): boolean {
  if (e.k !== "call" || calleeName(e.callee) !== "Depends") return false;
  const dep = e.args[0]?.value;
  const depName = dep ? (calleeName(dep.k === "call" ? dep.callee : dep) ?? exprText(dep)) : "";
  return !!depName && isConsentGuardName(depName, this.options.vocabulary.consent);
};

/** Whether a middleware, guard or decorator expression (`requireConsent`, `consent_required(...)`) is named as a consent guard. */
Engine.prototype.namesConsentGuard = function (this: Engine, e: Expr): boolean {
  const name = calleeName(e.k === "call" ? e.callee : e);
  return !!name && isConsentGuardName(name, this.options.vocabulary.consent);
};

/** A decorator that requires consent: its own name says so (`@consent_required`), or it applies a guard that does (NestJS `@UseGuards(AuthGuard, ConsentGuard)`). */
Engine.prototype.consentDecorator = function (this: Engine, d: Expr, frame: Frame): Loc | undefined {
  if (this.namesConsentGuard(d)) return this.loc(frame, d.span);
  if (d.k === "call" && calleeName(d.callee) === "UseGuards" && d.args.some((a) => this.namesConsentGuard(a.value))) return this.loc(frame, d.span);
  return undefined;
};

/** `filter(user__ai_training_consent=True)`, `where: { author: { trainingOptIn: true } }`, `.where("consent", true)`, anywhere in the query chain. */
Engine.prototype.filtersOnConsent = function (this: Engine, e: CallExpr, args: Args, frame: Frame): boolean {
  const extra = this.options.vocabulary.consent;
  const consentKey = (k: string) => k.split("__").some((part) => isConsentName(part, extra, false));
  const positive = (v: Value | undefined) => v?.constant === true || (v?.str !== undefined && GRANTED_CONSTANTS.has(v.str.toLowerCase())) || v?.props?.get("equals")?.constant === true;
  const inValue = (v: Value, depth: number): boolean => {
    if (depth > 4 || !v.props) return false;
    for (const [k, pv] of v.props) {
      if (consentKey(k) && positive(pv)) return true;
      if (inValue(pv, depth + 1)) return true;
    }
    return false;
  };
  if ([...args.named].some(([k, v]) => consentKey(k) && positive(v))) return true;
  if (args.positional.some((v) => inValue(v, 0))) return true;
  if (args.positional[0]?.str && consentKey(args.positional[0].str) && positive(args.positional[1])) return true;
  // Earlier links of the chain: `Model.objects.filter(consent=True).values(...)`.
  let callee: Expr = e.callee;
  while (callee.k === "member" && callee.object.k === "call") {
    const inner = callee.object;
    if (inner.args.some((a) => (a.name && consentKey(a.name)) || (a.value.k === "str" && consentKey(a.value.value)) || (a.value.k === "object" && a.value.entries.some((en) => en.key && consentKey(en.key) && en.value.k === "const" && en.value.value === true)))) return true;
    callee = inner.callee;
  }
  // A filter inside the query expression: `session.scalars(select(Row).where(Owner.training_opt_in.is_(True)))`.
  return this.exprFiltersOnConsent(e, frame, 0);
};

/** A keyword or predicate argument of a query filter that keeps only consenting users (`training_opt_in=True`, `X.consent.is_(True)`). */
Engine.prototype.isConsentFilterArg = function (this: Engine, a: Arg, frame: Frame, depth: number): boolean {
  if (depth > 4) return false;
  const extra = this.options.vocabulary.consent;
  if (a.name) {
    const v = a.value;
    const positive = (v.k === "const" && v.value === true) || (v.k === "str" && GRANTED_CONSTANTS.has(v.value.toLowerCase()));
    return positive && a.name.split("__").some((part) => isConsentName(part, extra, false));
  }
  if (this.consentPolarity(a.value, frame) === "pos") return true;
  // `and_(Customer.consent.is_(True), ...)`
  return a.value.k === "call" && /^(and_|all_|And|and)$/.test(calleeName(a.value.callee) ?? "") && a.value.args.some((x) => this.isConsentFilterArg(x, frame, depth + 1));
};

/** A query expression with a consent filter anywhere in its chain or arguments (`db.scalars(select(X).where(Y.opt_in.is_(True)))`). */
Engine.prototype.exprFiltersOnConsent = function (this: Engine, e: Expr, frame: Frame, depth: number): boolean {
  if (depth > 12) return false;
  if (e.k === "await") return this.exprFiltersOnConsent(e.expr, frame, depth + 1);
  if (e.k !== "call") return false;
  if (e.callee.k === "member" && /^(filter|filter_by|where|having)$/.test(e.callee.prop) && e.args.some((a) => this.isConsentFilterArg(a, frame, 0))) return true;
  if (e.callee.k === "member" && this.exprFiltersOnConsent(e.callee.object, frame, depth + 1)) return true;
  return e.args.some((a) => this.exprFiltersOnConsent(a.value, frame, depth + 1));
};

/** A call of an unresolved helper whose name says it stores something, given a purpose and a time: a consent record. */
Engine.prototype.consentRecordByCall = function (this: Engine, name: string, args: Args, frame: Frame, span: Span): void {
  if (args.all.length === 0 || !splitWords(name).some((w) => /^(consent|consents|record|log|audit|save|store|insert|create|write|add|persist|track)$/.test(w))) return;
  this.consentRecordIn([this.argsState(args)], frame, span);
};

Engine.prototype.checkConsentWrite = function (this: Engine, field: string, value: Value, frame: Frame, span: Span): void {
  const request = deepLabels(value).find((l) => l.kind === "request");
  const inHandler = !!frame.handler && (frame.handler.registration.kind === "route" || frame.handler.registration.kind === "bot");
  const granted = value.constant === true || (value.str !== undefined && GRANTED_CONSTANTS.has(value.str.toLowerCase()));
  if (request || (inHandler && granted)) {
    const source = request ? request.loc : frame.fn ? this.loc(frame, frame.fn.nameSpan ?? frame.fn.span) : this.loc(frame, span);
    if (!this.facts.muted) this.facts.consentWrites.push({ loc: this.loc(frame, span), field, fnKey: frame.fnKey, source, stmt: frame.stmt, branch: frame.branch });
  }
};

/** ORM updates that set consent fields: `prisma.user.update({ data: { modelTrainingConsent: ... } })`. */
Engine.prototype.consentFieldsWritten = function (this: Engine, values: readonly Value[], frame: Frame, span: Span): void {
  const seen = new Set<Value>();
  const visit = (v: Value, depth: number): void => {
    if (seen.has(v) || depth > 3 || !v.props) return;
    seen.add(v);
    for (const [k, pv] of v.props) {
      if (this.consentAssigned.get(v)?.has(k)) continue;
      if (isConsentDecisionField(k, this.options.vocabulary.consent)) this.checkConsentWrite(k, pv, frame, span);
      else if (k === "data" || k === "set" || k === "$set" || k === "values" || k === "update" || k === "create") visit(pv, depth + 1);
    }
  };
  for (const v of values) visit(v, 0);
};

/** A stored entry with a time and a purpose is an auditable consent record (resolved question 9). */
Engine.prototype.consentRecordIn = function (this: Engine, values: readonly Value[], frame: Frame, span: Span): void {
  const seen = new Set<Value>();
  let time = false;
  let purpose = false;
  const visit = (v: Value, depth: number): void => {
    if (seen.has(v) || depth > 4) return;
    seen.add(v);
    if (v.props) {
      for (const [k, pv] of v.props) {
        if (isConsentPurposeKey(k) || this.options.vocabulary.consentRecord.has(k)) purpose = true;
        if (CONSENT_TIME_KEYS.test(k) && !/^(updated_at|updatedAt|consentUpdatedAt)$/.test(k)) time = true;
        visit(pv, depth + 1);
      }
    }
    if (v.elems) for (const el of v.elems) visit(el, depth + 1);
    if (v.ref?.k === "instance") {
      // Model instances: fields given to the constructor are in props.
    }
  };
  for (const v of values) visit(v, 0);
  if (time && purpose && !this.facts.muted) this.facts.consentRecords.push({ loc: this.loc(frame, span), fnKey: frame.fnKey, branch: frame.branch });
};
