// What evaluating the workspace establishes, for the rules to judge: AI calls
// with what reached their prompts, sinks with what reached them, consent writes.
import type { MethodSpec } from "../sdk/catalogue";
import type { CallExpr } from "../ir/types";
import type { AiCallSite, Label, Loc, Tag, TrackedObject, Value } from "./values";
import { NON_CONTENT_FIELDS } from "./names";

export interface GuardState {
  /** A consent check that dominates the current point (resolved question 8). */
  readonly consent?: Loc;
}

import type { Span } from "../ir/types";

/** A sub-expression a quick-fix can wrap; `shorthandKey` when it is a `{ key }` shorthand property. */
export interface WrapTarget {
  readonly span: Span;
  readonly shorthandKey?: string;
}

export type SinkCategory = "response" | "ui" | "bot" | "jsx" | "email" | "log" | "db" | "file" | "analytics" | "storage";

export interface AiCallFact {
  readonly site: AiCallSite;
  readonly method: MethodSpec;
  /** Labels of everything in the prompt arguments, system prompt included. */
  readonly promptLabels: readonly Label[];
  /** Labels of what reached the system / developer prompt. */
  readonly systemLabels: readonly Label[];
  /** Labels of every argument (for training calls and literal flows). */
  readonly argLabels: readonly Label[];
  readonly guard: GuardState;
  /** The statement holding the call. */
  readonly stmt?: Span;
  /** Sub-expressions of the system prompt that carry request data (SEC002 quick-fix). */
  readonly systemTargets?: readonly WrapTarget[];
  /** For `files.create`: the purpose argument, when constant. */
  readonly purpose?: string;
  /** For dataset pushes: whether the target is a dataset repository. */
  readonly datasetTarget?: boolean;
  /** The enclosing function reads user data (request, database, conversation logs). */
  readonly userDataInScope: boolean;
  /** How the client, the model and the running code were set up (tracers, gateways, APIs), from the SDK catalogue. */
  readonly tags: readonly Tag[];
  /** The call in the program model, for rules that point at one of its arguments. */
  readonly call: CallExpr;
  /** The value given for an argument path (`store`, `metadata.user_id`): a keyword, or a property of an options object. */
  arg(path: string): Value | undefined;
  /** The argument groups the catalogue names for this method (`endUser`), as written at this call and what they carried. */
  readonly slots: ReadonlyMap<string, readonly SlotArg[]>;
}

export interface SlotArg {
  readonly path: string;
  readonly span: Span;
  readonly labels: readonly Label[];
}

/** An object the SDK catalogue tracks (a PII guardrail, its registry), as it stood at the end of the analysis. */
export interface TrackedFact {
  readonly obj: TrackedObject;
  /** The analysed activation that made it ("file:function id"). */
  readonly fnKey: string;
}

export interface SinkFact {
  readonly kind: "user" | "record";
  readonly category: SinkCategory;
  readonly loc: Loc;
  readonly api: string;
  readonly labels: readonly Label[];
  /** A disclosure that covers everything the sink shows (header, field, caption, site-wide setting). */
  readonly disclosed?: Loc;
  readonly guard: GuardState;
  /** The statement holding the sink. */
  readonly stmt?: Span;
  /** Sub-expressions that carry the reported data. */
  readonly targets?: readonly WrapTarget[];
  /** An object literal (or keyword call) of the payload, to add a disclosure field to. */
  readonly payloadObject?: Span;
  /** The JSX tree the sink is in ("file:offset" of its outermost element): its undisclosed sinks are one finding (resolved question 23). */
  readonly block?: string;
  /** Where a visible label element can go next to what the sink shows (JSX). */
  readonly labelAt?: number;
}

export interface ConsentWriteFact {
  readonly loc: Loc;
  readonly field: string;
  readonly fnKey: string;
  /** Where the decision came from: the request data read, or the handler that grants it. */
  readonly source: Loc;
  /** The statement that stores the decision. */
  readonly stmt?: Span;
  /** Branch path inside the function (`0.2.5`): a record on another branch does not record this decision. */
  readonly branch: string;
}

export interface ConsentRecordFact {
  readonly loc: Loc;
  readonly fnKey: string;
  readonly branch: string;
}

/** Whether two branch paths can run together: one is the other, or nested in it. */
export function sameFlow(a: string, b: string): boolean {
  return a === b || a.startsWith(b + ".") || b.startsWith(a + ".");
}

export class Facts {
  readonly aiCalls: AiCallFact[] = [];
  readonly sinks: SinkFact[] = [];
  readonly consentWrites: ConsentWriteFact[] = [];
  readonly consentRecords: ConsentRecordFact[] = [];
  readonly tracked: TrackedFact[] = [];
  /** Workspace functions each function calls, with the branch of the call, for "a helper it calls writes the record". */
  readonly calls = new Map<string, Array<{ to: string; branch: string }>>();
  /** Origin keys of values that reached a prompt of a conversational AI call. */
  readonly promptOrigins = new Set<string>();
  /** String literals that reached an AI call's arguments: literal "file:start:end" -> the AI call. */
  readonly literalsIntoAi = new Map<string, Loc>();
  /** Files that make at least one AI call. */
  readonly filesWithAiCalls = new Set<string>();
  /**
   * JSX trees rendered inside other trees (`<ul>{items}</ul>` where `items` was built with JSX earlier, a
   * helper's fragment): where each is embedded, whether a label there covers it, and whether it was
   * written in the function of the tree that renders it (then its sinks are that tree's).
   */
  readonly jsxEmbeds = new Map<string, Array<{ block: string; at: Loc; disclosed?: Loc; sameFunction: boolean }>>();
  private readonly seenAiCalls = new Set<string>();
  /** Above zero while the engine evaluates code only for the values it computes (see Engine.quietly): nothing is recorded. */
  muted = 0;
  /** What the analysis could not resolve (a dynamic import, an injected token with no provider), where and why. */
  readonly coverageNotes: Array<{ loc: Loc; message: string }> = [];

  addCoverageNote(loc: Loc, message: string): void {
    if (this.muted || this.coverageNotes.some((n) => n.loc.file === loc.file && n.loc.start === loc.start && n.message === message)) return;
    this.coverageNotes.push({ loc, message });
  }

  addAiCall(fact: AiCallFact): void {
    if (this.muted) return;
    this.filesWithAiCalls.add(fact.site.loc.file);
    const key = `${fact.site.loc.file}:${fact.site.loc.start}:${fact.guard.consent ? 1 : 0}:${fact.promptLabels.map((l) => l.id).join(",")}:${fact.systemLabels.map((l) => l.id).join(",")}:${fact.tags.map((t) => t.name).join(",")}:${[...fact.slots.values()].flat().flatMap((a) => a.labels.map((l) => l.id)).join(",")}`;
    if (this.seenAiCalls.has(key)) return;
    this.seenAiCalls.add(key);
    this.aiCalls.push(fact);
  }

  /** Notes that a literal reached an AI call; of several calls, the first in file and offset order (the same in any analysis order). */
  addLiteralIntoAi(literal: string, call: Loc): void {
    const seen = this.literalsIntoAi.get(literal);
    if (!seen || call.file < seen.file || (call.file === seen.file && call.start < seen.start)) this.literalsIntoAi.set(literal, call);
  }

  addSink(fact: SinkFact): void {
    if (this.muted) return;
    this.sinks.push(fact);
  }

  embedJsx(inner: string, outer: string, at: Loc, disclosed: Loc | undefined, sameFunction: boolean): void {
    let list = this.jsxEmbeds.get(inner);
    if (!list) this.jsxEmbeds.set(inner, (list = []));
    if (!list.some((e) => e.block === outer && !!e.disclosed === !!disclosed) && list.length < 16) list.push({ block: outer, at, disclosed, sameFunction });
  }

  addCall(from: string, to: string, branch: string): void {
    let list = this.calls.get(from);
    if (!list) this.calls.set(from, (list = []));
    if (!list.some((c) => c.to === to && c.branch === branch)) list.push({ to, branch });
  }

  /** Whether an origin key is, contains or is part of a value that reached a prompt; `reply.length` of a prompt carries none of it. */
  reachedPrompt(key: string): boolean {
    if (this.promptOrigins.has(key)) return true;
    for (const p of this.promptOrigins) {
      if (key.startsWith(p + ".") && !key.slice(p.length + 1).split(".").some((seg) => NON_CONTENT_FIELDS.has(seg))) return true;
      if (p.startsWith(key + ".")) return true;
    }
    return false;
  }
}
