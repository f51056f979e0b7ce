// The flow engine's state: the Engine class with its fields, the options and vocabulary it is given, and the
// small helpers every part uses (frames, locations, origins, budget, labels). The parts in this folder add the rest.
import type { Arg, Expr, FunctionDef, JsxExpr, Span } from "../../ir/types";
import type { Workspace } from "../../workspace/workspace";
import { Facts } from "../facts";
import { personRecordWord } from "../names";
import type { Frame, ModuleState } from "../scope";
import { carry, deepLabels, type Label, type Loc, mergeLabels, type OriginLabel, type PiiLabel, type Scope, type Tag, Value } from "../values";
import { BudgetExceeded } from "./helpers";

export interface Vocabulary {
  disclosure: ReadonlySet<string>;
  redaction: ReadonlySet<string>;
  consent: ReadonlySet<string>;
  consentRecord: ReadonlySet<string>;
  watermark: ReadonlySet<string>;
  personalData: ReadonlySet<string>;
  disclosureText: readonly string[];
  extraRecordSinks: ReadonlySet<string>;
  extraUserSinks: ReadonlySet<string>;
  extraSources: ReadonlySet<string>;
}

export const EMPTY_VOCABULARY: Vocabulary = {
  disclosure: new Set(), redaction: new Set(), consent: new Set(), consentRecord: new Set(), watermark: new Set(), personalData: new Set(),
  disclosureText: [], extraRecordSinks: new Set(), extraUserSinks: new Set(), extraSources: new Set(),
};

export interface EngineOptions {
  vocabulary: Vocabulary;
  /** Whether `print` / `console.*` in this file are record sinks (resolved question 3). */
  isServerFile(file: string): boolean;
  /** Personal-data literal in the source span of a string, if any (PII002's detector). */
  personalLiteral(file: string, start: number, end: number): string | undefined;
  /** Names called somewhere in the workspace: functions never called are analysed on their own. */
  calledNames: ReadonlySet<string>;
  /** Wall-clock limit; evaluation stops adding depth after it. */
  deadline?: number;
  /** Time limit of each file's evaluation, in ms: a file that runs past it is cut short (`filesCutShort`) and the others go on. */
  fileBudgetMs?: number;
  /** Clock of both limits; tests pass one that counts steps so that cut-offs are deterministic. */
  now?: () => number;
  /** Called as the evaluation advances: `done` of `total` steps (each file loaded, then each file in each of three phases). */
  onProgress?: (done: number, total: number) => void;
}

/** A JSX tree being evaluated: its outermost element, the function it is written in, the sinks recorded from `firstSink` on, and other trees it renders. */
export interface JsxTree {
  readonly root: JsxExpr;
  readonly file: string;
  readonly fn?: Span;
  readonly firstSink: number;
  readonly embeds: Array<{ blocks: string[]; at: Loc; disclosed?: Loc }>;
}

export interface Args {
  positional: Value[];
  named: Map<string, Value>;
  exprs: readonly Arg[];
  /** Functions passed as arguments (callbacks), with their position or keyword. */
  all: Value[];
}

export class Engine {
  readonly facts = new Facts();
  readonly modules = new Map<string, ModuleState>();
  private readonly origins = new Map<string, OriginLabel>();
  private readonly memberOrigins = new WeakMap<OriginLabel, Map<string, OriginLabel>>();
  readonly literalCache = new Map<string, PiiLabel | null>();
  readonly callStack: number[] = [];
  readonly memo = new Map<string, { ret: Value }>();
  readonly evaluatedEntries = new Set<string>();
  /** The last value of each expression, to find which sub-expression of a sink carries AI output (quick-fixes). */
  readonly exprValues = new WeakMap<Expr, Value>();
  /** Every function that has run in some context (file:id). */
  readonly invoked = new Set<string>();
  readonly streamlitState = new Map<string, Value>();
  /** Consent fields set on an object by assignment (already checked there), by object. */
  readonly consentAssigned = new WeakMap<Value, Set<string>>();
  /** Functions and modules that read `st.session_state`: evaluated once more after everything else has written it. */
  readonly stateReaders = new Set<string>();
  branchCounter = 0;
  /** Ids of labels and AI call sites, counted per analysis: a run's ids depend on its input alone, not on earlier runs. */
  private nextId = 0;
  /** Tags of functions traced by a decorator (`@traceable`), by "file:id": calls inside them are traced. */
  readonly functionTags = new Map<string, readonly Tag[]>();
  readonly recordClassCache = new Map<string, { word: string; health: boolean } | null>();
  private budgetExceeded = false;
  /** Files whose evaluation ran out of its per-file budget. */
  readonly filesCutShort = new Set<string>();
  /** Files whose evaluation failed, with the error: the rest of the workspace is still analysed. */
  readonly filesFailed = new Map<string, string>();
  private readonly fileSpentMs = new Map<string, number>();
  private fileDeadline?: { file: string; at: number };
  /** JSX trees being evaluated, outermost first: an element written inside one belongs to it (resolved question 23). */
  readonly jsxTrees: JsxTree[] = [];
  /** The files being analysed, and the methods their classes define by name (for calls on objects the engine cannot see). */
  workspaceFiles: readonly string[] = [];
  methodIndex?: Map<string, Array<{ file: string; cls: string }>>;

  constructor(
    readonly workspace: Workspace,
    readonly options: EngineOptions,
  ) {}

  get timedOut(): boolean {
    return this.budgetExceeded;
  }

  /** Every workspace file the analysis read (the files its findings may depend on). */
  loadedFiles(): string[] {
    return [...this.modules.keys()];
  }

  /**
   * Runs part of one file's evaluation against what is left of that file's
   * budget; nothing more runs for a file once it has been cut short.
   */
  withinFileBudget<T>(file: string, work: () => T): T | undefined {
    if (this.filesCutShort.has(file) || this.filesFailed.has(file)) return undefined;
    const budget = this.options.fileBudgetMs;
    const started = this.now();
    if (budget !== undefined) this.fileDeadline = { file, at: started + budget - (this.fileSpentMs.get(file) ?? 0) };
    try {
      return work();
    } catch (err) {
      if (err instanceof BudgetExceeded) return undefined;
      // A failure in one file (a construct the engine mishandles) must not cost the other files their findings.
      this.filesFailed.set(file, err instanceof Error ? `${err.name}: ${err.message}` : String(err));
      return undefined;
    } finally {
      this.fileDeadline = undefined;
      this.fileSpentMs.set(file, (this.fileSpentMs.get(file) ?? 0) + this.now() - started);
    }
  }

  private now(): number {
    return this.options.now ? this.options.now() : Date.now();
  }

  newFrame(mod: ModuleState, fn: FunctionDef | undefined, fnKey: string, scope: Scope, init: Partial<Frame> = {}): Frame {
    return {
      module: mod,
      fn,
      fnKey,
      scope,
      guard: init.guard ?? {},
      handler: init.handler,
      returns: [],
      yields: [],
      thisValue: init.thisValue,
      depth: init.depth ?? 0,
      uiDisclosure: init.uiDisclosure,
      tags: init.tags,
      userData: false,
      branch: "0",
    };
  }

  locOf(file: string, span: Span): Loc {
    return { file, start: span.start, end: span.end };
  }

  loc(frame: Frame, span: Span): Loc {
    return { file: frame.module.file, start: span.start, end: span.end };
  }

  origin(key: string, loc: Loc): OriginLabel {
    let o = this.origins.get(key);
    if (!o) {
      o = { kind: "origin", id: this.newId(), key, loc };
      this.origins.set(key, o);
    }
    return o;
  }

  childOrigin(parent: OriginLabel, prop: string): OriginLabel {
    let children = this.memberOrigins.get(parent);
    if (!children) this.memberOrigins.set(parent, (children = new Map()));
    let o = children.get(prop);
    if (!o) {
      o = { kind: "origin", id: this.newId(), key: `${parent.key}.${prop}`, loc: parent.loc };
      children.set(prop, o);
    }
    return o;
  }

  roleValue(role: string, state?: Value, extra: { module?: { module: string; path: readonly string[]; py?: boolean }; owner?: Value } = {}): Value {
    return Value.of({ k: "framework", role, state, ...extra });
  }

  /** Arguments kept as an object's data: keywords as properties, positionals as elements. */
  argsState(args: Args): Value {
    const state = new Value(carry(args.all).labels);
    state.props = new Map(args.named);
    if (args.positional[0]?.props) for (const [k, v] of args.positional[0].props) if (!state.props.has(k)) state.props.set(k, v);
    state.elems = [...args.positional];
    return state;
  }

  /** What a user typed, arriving as a parameter (Gradio inputs, chat-UI messages). */
  requestValue(mod: ModuleState, fn: FunctionDef | undefined, name: string, span: Span): Value {
    const loc = this.locOf(mod.file, span);
    const v = new Value([{ kind: "request", id: this.newId(), loc, what: name }, this.origin(`${mod.file}:${fn?.id ?? "module"}|${name}`, loc)]);
    v.loc = loc;
    return v;
  }

  markRecord(v: Value, name: string, loc: Loc): void {
    if (v.str !== undefined || v.constant !== undefined || v.ref) return;
    const rec = personRecordWord(name);
    if (rec) v.record = { ...rec, loc };
  }

  checkBudget(): void {
    if (this.options.deadline === undefined && this.fileDeadline === undefined) return;
    const now = this.now();
    if (this.options.deadline !== undefined && now > this.options.deadline) {
      this.budgetExceeded = true;
      throw new BudgetExceeded();
    }
    if (this.fileDeadline !== undefined && now > this.fileDeadline.at) {
      this.filesCutShort.add(this.fileDeadline.file);
      throw new BudgetExceeded();
    }
  }

  newId(): number {
    return ++this.nextId;
  }

  withLabels(v: Value, labels: readonly Label[]): Value {
    const out = new Value(labels);
    out.props = v.props;
    out.elems = v.elems;
    out.str = v.str;
    out.constant = v.constant;
    out.texts = v.texts;
    out.ref = v.ref;
    out.record = v.record;
    out.disclosed = v.disclosed;
    out.watermarked = v.watermarked;
    out.loc = v.loc;
    out.delivered = v.delivered;
    return out;
  }

  mergeInto(target: Value, add: Value): void {
    target.labels = mergeLabels(target.labels, deepLabels(add));
    if (add.texts) target.texts = [...(target.texts ?? []), ...add.texts];
  }
}
