// Abstract values of the flow engine: what a program value may carry (AI output,
// request data, personal data, prompt identities) and what is known of its shape.
import type { FunctionDef, ClassDef } from "../ir/types";

export type Modality = "text" | "image" | "audio" | "video" | "embedding" | "moderation" | "classification" | "training" | "other";

/** A place in the workspace: file path and UTF-16 offsets. */
export interface Loc {
  readonly file: string;
  readonly start: number;
  readonly end: number;
}

export interface Hop {
  readonly loc: Loc;
  readonly note: string;
}

export interface AiCallSite {
  readonly id: number;
  readonly loc: Loc;
  readonly provider: string;
  readonly modality: Modality;
  readonly api: string;
  readonly model?: string;
}

/** Output of an AI call. `content` is false for metadata (usage, ids, status). */
export interface AiLabel {
  readonly kind: "ai";
  readonly id: number;
  readonly call: AiCallSite;
  readonly disclosed?: Loc;
  readonly watermarked?: Loc;
  /** How the media was marked: in its metadata (lost when re-encoded) or in its pixels or samples (survives). */
  readonly marking?: "metadata" | "pixel";
  /** Where media marked in its metadata was re-encoded without keeping the metadata (the marking is gone). */
  readonly stripped?: Loc;
  /** Where media marked in its metadata was decoded into an image object (`Image.open`): saving it again re-encodes it. */
  readonly decoded?: Loc;
  /** Passed through a redaction helper: no longer the conversation text itself (CON001). */
  readonly redacted?: Loc;
  /** Read from the tool calls the model asked for: running the tool with it gives application data, not AI content. */
  readonly toolCall?: boolean;
  readonly hops: readonly Hop[];
}

/** Data a user controls: request bodies, query strings, bot messages. */
export interface RequestLabel {
  readonly kind: "request";
  readonly id: number;
  readonly loc: Loc;
  readonly what: string;
}

/** Personal data: a field or variable whose name denotes it, a serialised person record, or a literal. */
export interface PiiLabel {
  readonly kind: "pii";
  readonly id: number;
  readonly loc: Loc;
  readonly what: string;
  readonly literal?: boolean;
  readonly redacted?: Loc;
}

/**
 * An identity of a value by its access path (`handler|req.body.message`), so
 * the engine can tell that a logged value is the same one sent as a prompt.
 */
export interface OriginLabel {
  readonly kind: "origin";
  readonly id: number;
  readonly key: string;
  readonly loc: Loc;
}

/** Data read from a store of user data (database/ORM reads, conversation logs), for training uploads. */
export interface StoredLabel {
  readonly kind: "stored";
  readonly id: number;
  readonly loc: Loc;
  /** The query was filtered on a consent field: only consenting users' data. */
  readonly consented?: Loc;
}

/**
 * Output of a PII guardrail (a detector or analyser engine) made at `loc`: which guardrail's
 * redaction a value went through, so a rule can tell whether that guardrail's output reaches a prompt.
 */
export interface GuardLabel {
  readonly kind: "guard";
  readonly id: number;
  readonly loc: Loc;
  /** A later redaction step the value went through after the guardrail. */
  readonly redacted?: Loc;
}

export type Label = AiLabel | RequestLabel | PiiLabel | OriginLabel | StoredLabel | GuardLabel;

/**
 * A fact about how a client, model or function was set up, from the SDK catalogue's data: wrapped by a
 * tracer (`tracer:langsmith`), pointed at a gateway host, made by a method (`api:responses`). Rules read them.
 */
export interface Tag {
  readonly name: string;
  readonly loc: Loc;
}

export function mergeTags(...lists: ReadonlyArray<readonly Tag[] | undefined>): readonly Tag[] | undefined {
  const out: Tag[] = [];
  for (const list of lists) for (const t of list ?? []) if (!out.some((o) => o.name === t.name && o.loc.file === t.loc.file && o.loc.start === t.loc.start)) out.push(t);
  return out.length ? out : undefined;
}

/** Something the SDK catalogue says to keep track of (a PII guardrail, its registry, recognisers): how it was made and what was added to it. */
export interface TrackedObject {
  readonly kind: string;
  /** The function, constructor or method that made it (`presidio_analyzer.PhoneRecognizer`). */
  readonly madeBy: string;
  readonly loc: Loc;
  /** Every argument it was made with, positional and keyword. */
  readonly args: readonly Value[];
  readonly named: ReadonlyMap<string, Value>;
  /** Values later registered on it (`registry.add_recognizer(r)`). */
  readonly added: Value[];
  /** Tracked objects reached through its attributes (`engine.registry`). */
  readonly members: Map<string, Value>;
  /** Methods called on it, in order, with their arguments. */
  readonly calls: Array<{ readonly name: string; readonly args: readonly Value[]; readonly loc: Loc }>;
  /** Where media first entered it (made from media, or drawn onto it): a re-encode is reported there. */
  mediaLoc?: Loc;
  /** Where an "AI-generated" label was written into the output's metadata (`withMetadata({ exif: ... })`). */
  labelledAt?: Loc;
}

/** A set of strings: the exact ones and those starting with a prefix, or (`not`) every string outside them. */
export interface StrSet {
  readonly exact: readonly string[];
  readonly prefixes?: readonly string[];
  readonly not?: boolean;
}

/** Symbolic knowledge about what a value is, beyond the data it carries. */
export type Ref =
  | { k: "module"; module: string; path: readonly string[]; local: boolean; py?: boolean; tags?: readonly Tag[] }
  | { k: "sdk"; provider: string; type: string; model?: string; modality?: Modality; loc?: Loc; tags?: readonly Tag[] }
  | { k: "tracked"; obj: TrackedObject }
  | {
      k: "framework";
      role: string;
      /** Data the object holds (`cl.Message(content=...)`, `EmailMessage(body)`), shown when it is sent. */
      state?: Value;
      /** A consent dependency or hook on a router: every route on it is guarded. */
      consent?: Loc;
      /** The import the object came from, for members the catalogue does not describe. */
      module?: { module: string; path: readonly string[]; py?: boolean };
      /** The router object a derived method came from (`bp.post` -> `bp`). */
      owner?: Value;
    }
  | { k: "function"; fn: FunctionDef; scope: Scope; module: ModuleContext; boundThis?: Value; tags?: readonly Tag[] }
  | { k: "class"; cls: ClassDef; scope: Scope; module: ModuleContext }
  | { k: "instance"; className: string; cls?: ClassDef; module?: ModuleContext }
  | { k: "response"; payload: Value[]; headers: Value[] }
  | { k: "builtin"; name: string };

/** Minimal view of a module the engine needs inside refs (kept abstract to avoid import cycles). */
export interface ModuleContext {
  readonly file: string;
}

export interface Scope {
  readonly vars: Map<string, Value>;
  readonly parent?: Scope;
}


export class Value {
  labels: readonly Label[];
  props?: Map<string, Value>;
  elems?: Value[];
  /** The exact string, when the value is a known constant string. */
  str?: string;
  /** Other constants (numbers, booleans, null). */
  constant?: number | boolean | null;
  /** Literal text joined into this value (labels, prefixes), used to find disclosure text. */
  texts?: readonly string[];
  /**
   * The text in order, with `{}` where a part is unknown (`${BASE}/v1/text-to-speech/${voice}` with a
   * known BASE): enough to tell the host and path of a URL built from constants.
   */
  shape?: string;
  ref?: Ref;
  /** A person record: its fields are personal data, and serialising it sends them all. */
  record?: { word: string; health: boolean; loc: Loc };
  /** Set on a response or UI value once a disclosure applies to all of it. */
  disclosed?: Loc;
  /** Set on a media value once a watermark or provenance manifest is embedded. */
  watermarked?: Loc;
  /** Span where the value was created, for related locations. */
  loc?: Loc;
  /** Already handed to a user-facing sink (a response built by `toTextStreamResponse()`), so returning it reports nothing new. */
  delivered?: boolean;
  /** Evaluated JSX: rendering happened where the element was written. */
  jsx?: boolean;
  /** The JSX tree ("file:offset") evaluated JSX belongs to, so a tree that renders it can take its sinks in. */
  jsxBlock?: string;
  /** The strings a discriminant field may hold when no single constant is known (`"tool-*"` part types). */
  oneOf?: StrSet;
  /** The shapes a value joined from several may have (chat messages by role, message parts by type): a test on a field narrows it. */
  variants?: Value[];
  /** `elems` are the kinds of element a list holds, not its positions (a chat's messages): indexing gives any of them. */
  elemKinds?: boolean;

  constructor(labels: readonly Label[] = EMPTY_LABELS) {
    this.labels = labels;
  }

  static constant(value: number | boolean | null | undefined): Value {
    const v = new Value();
    if (value !== undefined) v.constant = value;
    return v;
  }

  static string(s: string, labels: readonly Label[] = EMPTY_LABELS): Value {
    const v = new Value(labels);
    v.str = s;
    v.texts = s ? [s] : undefined;
    return v;
  }

  static of(ref: Ref, labels: readonly Label[] = EMPTY_LABELS): Value {
    const v = new Value(labels);
    v.ref = ref;
    return v;
  }

  isEmpty(): boolean {
    return this.labels.length === 0 && !this.props && !this.elems && !this.ref && !this.record;
  }
}

export const EMPTY_LABELS: readonly Label[] = Object.freeze([]);
export const UNKNOWN = Object.freeze(new Value()) as Value;

export function mergeLabels(...lists: ReadonlyArray<readonly Label[]>): readonly Label[] {
  return mergeLabelLists(lists);
}

/** mergeLabels for a list of any length (spreading a long list as arguments overflows the stack). */
export function mergeLabelLists(lists: ReadonlyArray<readonly Label[]>): readonly Label[] {
  let result: Label[] | undefined;
  let first: readonly Label[] | undefined;
  for (const list of lists) {
    if (list.length === 0) continue;
    if (!first) {
      first = list;
      continue;
    }
    if (!result) result = [...first];
    for (const l of list) if (!result.some((r) => r === l || r.id === l.id && sameFlags(r, l))) result.push(l);
  }
  if (result) return capLabels(result);
  return first ?? EMPTY_LABELS;
}

/** Bounds the label set of one value; beyond this the extra labels add no new findings. */
const MAX_LABELS = 48;
function capLabels(labels: Label[]): readonly Label[] {
  return labels.length > MAX_LABELS ? labels.slice(0, MAX_LABELS) : labels;
}

function sameFlags(a: Label, b: Label): boolean {
  if (a.kind === "ai" && b.kind === "ai") return !!a.disclosed === !!b.disclosed && !!a.watermarked === !!b.watermarked && !!a.redacted === !!b.redacted && !!a.toolCall === !!b.toolCall && !!a.stripped === !!b.stripped;
  if ((a.kind === "pii" && b.kind === "pii") || (a.kind === "guard" && b.kind === "guard")) return !!a.redacted === !!b.redacted;
  return true;
}

/** How deep `union` merges properties; below that, what the properties carry is kept as labels. */
const MAX_UNION_DEPTH = 6;
/** Bounds on what a joined value keeps: loops that keep joining must not grow values without end. */
const MAX_ELEMS = 64;
const MAX_TEXTS = 32;

/** Joins several values into one that may be any of them. */
export function union(values: readonly Value[], depth = 0): Value {
  const present = values.filter((v) => v && !v.isEmpty() || v?.str !== undefined || v?.constant !== undefined);
  if (present.length === 0) return values.find((v) => v) ?? new Value();
  if (present.length === 1) return present[0];
  const withProps = present.filter((v) => v.props);
  // Values that contain themselves (linked lists, parent pointers) would make the merge endless.
  const flatten = depth >= MAX_UNION_DEPTH;
  const out = new Value(mergeLabelLists([...present.map((v) => v.labels), ...(flatten ? withProps.map((v) => deepLabels(v)) : [])]));
  if (withProps.length && !flatten) {
    out.props = new Map();
    for (const v of withProps) {
      for (const [k, pv] of v.props!) {
        const existing = out.props.get(k);
        out.props.set(k, existing ? union([existing, pv], depth + 1) : pv);
      }
    }
  }
  const withElems = present.filter((v) => v.elems);
  const elems = withElems.flatMap((v) => v.elems!);
  // `context.args or []`: an empty fallback list says nothing of the shape of data that may be there instead.
  if (withElems.length && (elems.length || withElems.length === present.length)) {
    out.elems = elems.length > MAX_ELEMS ? [...elems.slice(0, MAX_ELEMS - 1), carry(elems.slice(MAX_ELEMS - 1))] : elems;
  }
  const refs = present.map((v) => v.ref).filter((r): r is Ref => !!r);
  if (refs.length) out.ref = refs.find((r) => r.k === "sdk") ?? refs[0];
  const texts = present.flatMap((v) => v.texts ?? []);
  if (texts.length) out.texts = texts.length > MAX_TEXTS ? texts.slice(0, MAX_TEXTS) : texts;
  out.record = present.find((v) => v.record)?.record;
  const strs = present.filter((v) => v.str !== undefined);
  if (strs.length === present.length && strs.every((v) => v.str === strs[0].str)) out.str = strs[0].str;
  if (present.every((v) => v.disclosed)) out.disclosed = present[0].disclosed;
  if (present.every((v) => v.watermarked)) out.watermarked = present[0].watermarked;
  if (present.some((v) => v.elemKinds)) out.elemKinds = true;
  // A join of shapes stays narrowable while every part of it is one of known shapes.
  if (present.some((v) => v.variants)) {
    const variants = [...new Set(present.flatMap((v) => v.variants ?? [v]))];
    if (variants.length <= MAX_VARIANTS) out.variants = variants;
  }
  return out;
}

/** Beyond this many shapes a joined value is no longer narrowed. */
const MAX_VARIANTS = 16;

/** Every label of a value and of everything it contains. */
export function deepLabels(value: Value, maxDepth = 6): readonly Label[] {
  const seen = new Set<Value>();
  const lists: Array<readonly Label[]> = [];
  const visit = (v: Value, depth: number): void => {
    if (seen.has(v) || depth > maxDepth) return;
    seen.add(v);
    if (v.labels.length) lists.push(v.labels);
    if (v.props) for (const p of v.props.values()) visit(p, depth + 1);
    if (v.elems) for (const e of v.elems) visit(e, depth + 1);
    if (v.ref?.k === "response") for (const p of v.ref.payload) visit(p, depth + 1);
  };
  visit(value, 0);
  return mergeLabelLists(lists);
}

/** Literal text anywhere inside a value. */
export function deepTexts(value: Value, maxDepth = 4): string[] {
  const seen = new Set<Value>();
  const out: string[] = [];
  const visit = (v: Value, depth: number): void => {
    if (seen.has(v) || depth > maxDepth) return;
    seen.add(v);
    if (v.texts) out.push(...v.texts);
    if (v.props) for (const p of v.props.values()) visit(p, depth + 1);
    if (v.elems) for (const e of v.elems) visit(e, depth + 1);
  };
  visit(value, 0);
  return out;
}

/** Derives a value that carries the same data (labels) as `from`, with a new shape. */
export function carry(from: readonly Value[], map?: (l: Label) => Label | undefined): Value {
  const labels = mergeLabelLists(from.map((v) => deepLabels(v)));
  const out = new Value(map ? labels.map(map).filter((l): l is Label => !!l) : labels);
  const texts = from.flatMap((v) => v.texts ?? []);
  if (texts.length) out.texts = texts.length > MAX_TEXTS ? texts.slice(0, MAX_TEXTS) : texts;
  const rec = from.find((v) => v.record);
  if (rec) out.record = rec.record;
  return out;
}

export function withAiFlag(labels: readonly Label[], flag: "disclosed" | "watermarked", loc: Loc): readonly Label[] {
  return labels.map((l) => (l.kind === "ai" && !l[flag] ? { ...l, [flag]: loc } : l));
}

/** Media marked at `loc`, in its metadata or its pixels; marking again after a re-encode restores what the re-encode dropped. */
export function withMarking(labels: readonly Label[], kind: "metadata" | "pixel", loc: Loc): readonly Label[] {
  return labels.map((l) => (l.kind === "ai" && (!l.watermarked || l.marking === "metadata") ? { ...l, watermarked: loc, marking: kind, stripped: undefined, decoded: undefined } : l));
}

/** Re-encoding at `loc` without keeping metadata: a metadata marking is gone, a pixel-domain one survives. */
export function withMetadataStripped(labels: readonly Label[], loc: Loc, onlyDecoded = false): readonly Label[] {
  return labels.map((l) => (l.kind === "ai" && l.watermarked && l.marking === "metadata" && (!onlyDecoded || l.decoded) ? { ...l, watermarked: undefined, marking: undefined, decoded: undefined, stripped: loc } : l));
}

/** Media marked in its metadata, decoded at `loc` into an image object: the object keeps the pixels, the file's metadata waits to be written again. */
export function withDecoded(labels: readonly Label[], loc: Loc): readonly Label[] {
  return labels.map((l) => (l.kind === "ai" && l.watermarked && l.marking === "metadata" && !l.decoded ? { ...l, decoded: loc } : l));
}

/** After a redaction helper: personal data is masked, and the text is no longer the prompt or answer as written. */
/** Marks personal data and AI content as redacted at `loc`; `applies` limits which labels (default: all). */
export function withRedaction(labels: readonly Label[], loc: Loc, applies: (l: Label) => boolean = () => true): readonly Label[] {
  return labels
    .filter((l) => l.kind !== "origin")
    .map((l) => ((l.kind === "pii" || l.kind === "ai" || l.kind === "guard") && !l.redacted && applies(l) ? { ...l, redacted: loc } : l));
}
