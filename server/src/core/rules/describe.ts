// Shared wording for findings: what produced a value and where it came from.
import type { AiLabel, Label, Loc } from "../analysis/values";
import type { Localized, RelatedLocation } from "../types";
import type { RuleContext } from "./types";
import { localized } from "../types";

const MODALITY_ZH: Record<string, string> = { text: "文字", image: "圖像", audio: "音訊", video: "影片", embedding: "向量", other: "內容" };

export function modalityZh(modality: string): string {
  return MODALITY_ZH[modality] ?? "內容";
}

/** "openai chat.completions.create" */
export function callName(l: AiLabel): string {
  return `${l.call.provider} ${l.call.api}`;
}

/** Related locations for the AI calls behind a finding, and the hops on the way. */
export function aiRelated(labels: readonly AiLabel[]): RelatedLocation[] {
  const out: RelatedLocation[] = [];
  const seen = new Set<string>();
  for (const l of labels) {
    const key = `${l.call.loc.file}:${l.call.loc.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(related(l.call.loc, localized(`AI call (${callName(l)}) producing the ${l.call.modality}`, `產生${modalityZh(l.call.modality)}的人工智能調用（${callName(l)}）`)));
    for (const hop of l.hops) {
      const hk = `${hop.loc.file}:${hop.loc.start}`;
      if (seen.has(hk)) continue;
      seen.add(hk);
      out.push(related(hop.loc, localized(`passes through here (${hop.note})`, `經此傳遞（${hop.note}）`)));
    }
  }
  return out.slice(0, 12);
}

export function related(loc: Loc, message: Localized): RelatedLocation {
  return { file: loc.file, start: loc.start, end: loc.end, message };
}

export function uniqueBy<T>(items: readonly T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => {
    const k = key(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function isAi(l: Label): l is AiLabel {
  return l.kind === "ai";
}

export function isContentModality(m: string): boolean {
  return m === "text" || m === "image" || m === "audio" || m === "video" || m === "other";
}

export function isMediaModality(m: string): boolean {
  return m === "image" || m === "audio" || m === "video";
}

export function sameLoc(a: Loc, b: Loc): boolean {
  return a.file === b.file && a.start === b.start;
}

/**
 * The first AI call of each file that makes any: from this analysis, or known from an earlier analysis of the parts
 * of the file the editor left out of this one (so a finding's scope and related location do not depend on the slice).
 */
export function firstAiCallByFile(ctx: RuleContext): Map<string, Loc> {
  const first = new Map<string, Loc>();
  for (const loc of [...ctx.facts.aiCalls.map((c) => c.site.loc), ...ctx.knownAiCalls]) {
    const seen = first.get(loc.file);
    if (!seen || seen.start > loc.start) first.set(loc.file, loc);
  }
  for (const file of ctx.facts.filesWithAiCalls) if (!first.has(file)) first.set(file, { file, start: 0, end: 0 });
  return first;
}
