// Objects the SDK catalogue tracks (sdk/tracked.ts): media re-encoders and PII guardrails. They are made,
// configured through their methods and attributes, and hand out values; the rules read how they were set up.
import type { CallExpr } from "../../ir/types";
import { COMMAND_RUNNERS, hasOptionSequence, MEDIA_COMMANDS, PILLOW_METADATA_ARGS } from "../../sdk/media";
import { type TrackedSpec, trackedSpec } from "../../sdk/tracked";
import type { Frame } from "../scope";
import { carry, deepLabels, type Label, type Loc, mergeLabels, type TrackedObject, Value, withMarking, withMetadataStripped } from "../values";
import { Engine, type Args } from "./engineCore";
import { isMedia } from "./helpers";

declare module "./engineCore" {
  interface Engine {
    makeTracked(spec: TrackedSpec, args: Args, frame: Frame, e: CallExpr, madeBy: string): Value;
    callTracked(receiver: Value, name: string, args: Args, frame: Frame, e: CallExpr): Value;
    memberTracked(obj: Value, prop: string): Value;
    reencoded(obj: TrackedObject, spec: TrackedSpec, from: Value): Value;
    runCommand(full: string, args: Args, frame: Frame, e: CallExpr): Value | undefined;
    saveImage(image: Value, args: Args, frame: Frame, e: CallExpr): { written: Value; intoBuffer: boolean };
  }
}

function carriesMedia(v: Value): boolean {
  return deepLabels(v).some((l) => l.kind === "ai" && isMedia(l.call.modality));
}

/** String constants in a value, in order (option lists, command lines). */
function stringsOf(v: Value, out: string[] = [], depth = 0): string[] {
  if (depth > 4) return out;
  if (v.str !== undefined) out.push(v.str);
  for (const e of v.elems ?? []) stringsOf(e, out, depth + 1);
  return out;
}

Engine.prototype.makeTracked = function (this: Engine, spec: TrackedSpec, args: Args, frame: Frame, e: CallExpr, madeBy: string): Value {
  const loc = this.loc(frame, e.span);
  const obj: TrackedObject = { kind: spec.kind, madeBy, loc, args: args.all, named: args.named, added: [], members: new Map(), calls: [] };
  const inputs = [...args.all, ...args.named.values()];
  if (inputs.some(carriesMedia)) obj.mediaLoc = loc;
  let labels: readonly Label[] = carry(inputs).labels;
  // A guardrail marks what passes through it, so a rule can tell where its output goes.
  if (spec.guard) labels = mergeLabels(labels, [{ kind: "guard", id: this.newId(), loc }]);
  this.facts.tracked.push({ obj, fnKey: frame.fnKey });
  return Value.of({ k: "tracked", obj }, labels);
};

Engine.prototype.callTracked = function (this: Engine, receiver: Value, name: string, args: Args, frame: Frame, e: CallExpr): Value {
  const obj = (receiver.ref as Extract<Value["ref"], { k: "tracked" }>).obj;
  const spec = trackedSpec(obj.kind);
  const loc = this.loc(frame, e.span);
  obj.calls.push({ name, args: args.all, loc });
  if (!spec) return carry([receiver, ...args.all]);
  const makes = spec.makes?.[name];
  const made = makes ? trackedSpec(makes) : undefined;
  if (made) return this.makeTracked(made, args, frame, e, name);
  if (spec.adders?.includes(name)) {
    obj.added.push(...args.all);
    // Drawing media onto a canvas puts it in what the canvas will encode.
    if (!obj.mediaLoc && args.all.some(carriesMedia)) obj.mediaLoc = loc;
    receiver.labels = mergeLabels(receiver.labels, carry(args.all).labels);
    return new Value();
  }
  // A re-encoder told to write "AI-generated" into the output's metadata labels what it hands out.
  if (spec.reencodes && args.all.some((a) => this.carriesAiLabelText(a))) obj.labelledAt ??= loc;
  if (spec.reencodes?.includes(name)) {
    const out = this.reencoded(obj, spec, receiver);
    // `toFile(path)`, `save(path)`: the re-encoded media is written to a file.
    const path = args.positional[0];
    if (path && !carriesMedia(path) && path.ref?.k !== "function" && /^(toFile|save|write|writeAsync)$/.test(name)) {
      this.recordSink(frame, e.span, "file", name, [out], false, e.callee.k === "member" ? [e.callee.object] : []);
    }
    return out;
  }
  if (spec.same?.includes(name) || spec.fluent) return receiver;
  return carry([receiver, ...args.all]);
};

Engine.prototype.memberTracked = function (this: Engine, value: Value, prop: string): Value {
  const obj = (value.ref as Extract<Value["ref"], { k: "tracked" }>).obj;
  const member = trackedSpec(obj.kind)?.members?.[prop];
  if (!member) return new Value(value.labels);
  let v = obj.members.get(prop) ?? (member.arg ? obj.named.get(member.arg) : undefined);
  if (!v) {
    // Made with the object when not given: `AnalyzerEngine().registry`.
    const spec = trackedSpec(member.kind);
    const inner: TrackedObject = { kind: member.kind, madeBy: prop, loc: obj.loc, args: [], named: new Map(), added: [], members: new Map(), calls: [] };
    v = Value.of({ k: "tracked", obj: inner });
    if (spec) this.facts.tracked.push({ obj: inner, fnKey: "" });
  }
  obj.members.set(prop, v);
  return v;
};

/** What a re-encoder hands out: its media, with a metadata marking dropped unless it was told to keep metadata. */
Engine.prototype.reencoded = function (this: Engine, obj: TrackedObject, spec: TrackedSpec, from: Value): Value {
  const keeps = spec.keepsMetadata;
  const options: string[] = [];
  for (const c of obj.calls) {
    const flag = spec.optionMethods?.[c.name];
    if (flag) options.push(flag);
    if (flag !== undefined) for (const a of c.args) options.push(...stringsOf(a));
  }
  const kept = !!keeps && (obj.calls.some((c) => keeps.methods?.includes(c.name)) || hasOptionSequence(options, keeps.options ?? []));
  const labels = deepLabels(from);
  const out = kept || !obj.mediaLoc ? labels : withMetadataStripped(labels, obj.mediaLoc);
  return new Value(obj.labelledAt ? withMarking(out, "metadata", obj.labelledAt) : out);
};

/**
 * A transcoder run as a command (`subprocess.run(["ffmpeg", ...], input=audio)`): its output is the media it
 * was given, re-encoded at the call, keeping a metadata marking only when the options say so.
 */
Engine.prototype.runCommand = function (this: Engine, full: string, args: Args, frame: Frame, e: CallExpr): Value | undefined {
  if (!COMMAND_RUNNERS.has(full)) return undefined;
  const command = args.positional[0];
  const words = command ? [...stringsOf(command), ...args.positional.slice(1).flatMap((a) => stringsOf(a))] : [];
  const first = (words[0] ?? "").trim().split(/\s+/)[0] ?? "";
  const program = (first.split(/[\\/]/).pop() ?? "").replace(/\.exe$/i, "");
  const spec = MEDIA_COMMANDS.find((c) => c.program === program);
  if (!spec) return undefined;
  const inputs = [...args.all, ...args.named.values()];
  if (!inputs.some(carriesMedia)) return undefined;
  const loc: Loc = this.loc(frame, e.span);
  const labels = deepLabels(carry(inputs));
  return new Value(hasOptionSequence(words, spec.keeps) ? labels : withMetadataStripped(labels, loc));
};

/**
 * Pillow's `image.save(target, ...)` re-encodes: a metadata label survives only when `exif=` / `pnginfo=` write it
 * again. Into an in-memory buffer the media stays data (resolved question 24), into a file it is stored.
 */
Engine.prototype.saveImage = function (this: Engine, image: Value, args: Args, frame: Frame, e: CallExpr): { written: Value; intoBuffer: boolean } {
  const keeps = PILLOW_METADATA_ARGS.some((a) => args.named.has(a));
  const labels = deepLabels(image);
  const written = new Value(keeps ? labels : withMetadataStripped(labels, this.loc(frame, e.span), true));
  const target = args.positional[0];
  if (target?.elems && !target.ref) {
    target.elems.push(written);
    return { written, intoBuffer: true };
  }
  return { written, intoBuffer: false };
};
