// Matches calls on external modules and SDK clients against the SDK catalogue.
import { AI_HOSTS, AWS_COMMANDS, CLIENT_TYPES, type HostSpec, type MethodSpec, SDK_ENTRIES, type SdkEntry } from "../sdk/catalogue";
import { globMatch } from "../sdk/frameworks";
import type { Modality } from "./values";

/**
 * Matches a full name against a catalogue pattern: `*` stays within one name
 * segment (no `.` or `#`), `**` spans segments. Linear-bounded (two-pointer with backtracking to the last star).
 */
export function nameMatch(pattern: string, text: string): boolean {
  // Expand into tokens: literal chars, "*" (segment) and "**" (any).
  const tokens: string[] = [];
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === "*" && pattern[i + 1] === "*") {
      tokens.push("**");
      i++;
    } else tokens.push(pattern[i]);
  }
  // Dynamic programming over tokens x text, in two reused rows (names are short, but need not be).
  let prev = new Uint8Array(text.length + 1);
  let cur = new Uint8Array(text.length + 1);
  prev[0] = 1;
  for (const tok of tokens) {
    if (tok === "**" || tok === "*") {
      let reach = 0;
      for (let j = 0; j <= text.length; j++) {
        if (prev[j]) reach = 1;
        else if (tok === "*" && j > 0 && (text[j - 1] === "." || text[j - 1] === "#")) reach = 0;
        cur[j] = reach;
      }
    } else {
      cur[0] = 0;
      for (let j = 1; j <= text.length; j++) cur[j] = prev[j - 1] === 1 && text[j - 1] === tok ? 1 : 0;
    }
    [prev, cur] = [cur, prev];
  }
  return prev[text.length] === 1;
}

/** Normalises a method path for comparison: `fine_tuning.jobs.create` = `fineTuning.jobs.create`. */
export function normaliseSegment(s: string): string {
  return s.replace(/_/g, "").toLowerCase();
}

/** Segments that only configure the client and keep its type (`with_options`, `with_raw_response`, `aio`). */
const PASSTHROUGH = new Set(["withoptions", "withrawresponse", "withstreamingresponse", "aio", "v1", "asyncclient", "client", "default", "beta"]);

export function normalisePath(path: readonly string[]): string[] {
  return path.map(normaliseSegment).filter((s) => !PASSTHROUGH.has(s));
}

const methodIndex = new Map<string, Map<string, MethodSpec>>();
function methodsOf(type: string): Map<string, MethodSpec> {
  let index = methodIndex.get(type);
  if (!index) {
    index = new Map();
    for (const m of CLIENT_TYPES[type]?.methods ?? []) {
      const key = normalisePath(m.path.split(".")).join(".");
      if (!index.has(key)) index.set(key, m);
    }
    methodIndex.set(type, index);
  }
  return index;
}

export function findMethod(type: string, path: readonly string[]): MethodSpec | undefined {
  const key = normalisePath(path).join(".");
  return methodsOf(type).get(key);
}

export function callableOf(type: string): MethodSpec | undefined {
  return CLIENT_TYPES[type]?.callable;
}

const entryCache = new Map<string, SdkEntry | null>();

/** Looks up a full name (`openai.OpenAI`, `@anthropic-ai/sdk#`, `ai#generateText`). */
export function findSdkEntry(fullName: string): SdkEntry | undefined {
  const hit = entryCache.get(fullName);
  if (hit !== undefined) return hit ?? undefined;
  let found: SdkEntry | undefined;
  // Exact names win over patterns.
  for (const e of SDK_ENTRIES) if (e.names.includes(fullName)) { found = e; break; }
  if (!found) for (const e of SDK_ENTRIES) if (e.names.some((n) => n.includes("*") && globMatch(n, fullName))) { found = e; break; }
  if (found?.kind === "none") found = undefined;
  entryCache.set(fullName, found ?? null);
  return found;
}

export function awsCommand(name: string): MethodSpec | undefined {
  return AWS_COMMANDS[name];
}

/** The provider serving an OpenAI-compatible base URL (OpenRouter, Groq, local Ollama, ...). */
export function providerForUrl(url: string): string | undefined {
  return hostFor(url)?.provider;
}

export function hostFor(url: string): HostSpec | undefined {
  const m = /^(?:https?:)?\/\/([^/?#\s]+)(\/[^?#\s]*)?/i.exec(url.trim());
  if (!m) return undefined;
  const host = m[1].toLowerCase().replace(/^[^@]*@/, "");
  const bare = host.replace(/:\d+$/, "");
  return AI_HOSTS.find((h) => globMatch(h.host, host) || globMatch(h.host, bare));
}

/** Provider and modality of a raw HTTP call to a known AI host. */
export function aiEndpoint(url: string): { provider: string; modality: Modality; api: string } | undefined {
  const spec = hostFor(url);
  if (!spec) return undefined;
  const m = /^(?:https?:)?\/\/[^/?#\s]+(\/[^?#\s]*)?/i.exec(url.trim());
  const path = m?.[1] ?? "/";
  let modality: Modality = spec.defaultModality;
  for (const [fragment, mod] of spec.paths) {
    if (path.includes(fragment)) {
      modality = mod;
      break;
    }
  }
  return { provider: spec.provider, modality, api: path };
}
