// Objects the analysis keeps track of, as data: how library objects are made, what is registered on
// them and what their methods hand out. Media re-encoders (sharp, jimp, fluent-ffmpeg, canvas) and PII
// guardrails (Presidio, LLM Guard, Bedrock guardrails, Comprehend) are described this way; the engine
// follows them generically and the rules judge their configuration.
import { MEDIA_REENCODERS } from "./media";
import { GUARDRAILS } from "./guardrails";

export interface TrackedSpec {
  /** What the object is, for the rules: "media.sharp", "presidio.analyzer", ... */
  readonly kind: string;
  /** Full names of the functions or constructors that make it (Python "pkg.mod.Name", JavaScript "pkg#Name"); `name(arg)` when the first argument picks it. */
  readonly made?: readonly string[];
  /** SDK client methods that make it: client type and method path. */
  readonly madeByMethod?: ReadonlyArray<{ readonly type: string; readonly method: string }>;
  /** Methods that return the object itself (a fluent pipeline, `canvas.getContext("2d")`). */
  readonly same?: readonly string[];
  /** Whether every method not named elsewhere returns the object itself (a fluent pipeline). */
  readonly fluent?: boolean;
  /** Methods whose arguments are registered on it (`registry.add_recognizer(r)`, `ctx.drawImage(img)`). */
  readonly adders?: readonly string[];
  /** Attributes holding another tracked object: the keyword argument that gives it, and its kind when it is made on first access. */
  readonly members?: Readonly<Record<string, { readonly arg?: string; readonly kind: string }>>;
  /** Methods that hand out media re-encoded from what the object holds. */
  readonly reencodes?: readonly string[];
  /** Methods or option strings that make the re-encoded media keep the input's metadata. */
  readonly keepsMetadata?: { readonly methods?: readonly string[]; readonly options?: ReadonlyArray<readonly string[]> };
  /** Methods named as option flags (`audioCodec("copy")` is `-c:a copy`), for `keepsMetadata.options`. */
  readonly optionMethods?: Readonly<Record<string, string>>;
  /** Methods that make another tracked object at the call (`comprehend.detect_pii_entities(...)`). */
  readonly makes?: Readonly<Record<string, string>>;
  /** A PII guardrail: what its methods hand out is marked as having passed through it. */
  readonly guard?: boolean;
}

export const TRACKED: readonly TrackedSpec[] = [...MEDIA_REENCODERS, ...GUARDRAILS];

const byName = new Map<string, TrackedSpec>();
for (const spec of TRACKED) for (const n of spec.made ?? []) byName.set(n, spec);

/** The spec of an object made by calling `fullName` (with its first argument, for factories like `boto3.client("comprehend")`). */
export function trackedMadeBy(fullName: string, firstArg?: string): TrackedSpec | undefined {
  return byName.get(fullName) ?? (firstArg !== undefined ? byName.get(`${fullName}(${firstArg})`) : undefined);
}

export function trackedMadeByMethod(type: string, method: string): TrackedSpec | undefined {
  return TRACKED.find((s) => s.madeByMethod?.some((m) => m.type === type && m.method.replace(/_/g, "").toLowerCase() === method.replace(/_/g, "").toLowerCase()));
}

export function trackedSpec(kind: string): TrackedSpec | undefined {
  return TRACKED.find((s) => s.kind === kind);
}
