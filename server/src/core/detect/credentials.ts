// Hard-coded AI provider credentials for SEC001 (RULES.md resolved question
// 14). A scanning loop rather than one big regex: each candidate's body scan
// is capped, so adversarial input ("sk-" + "a-" * 50000) stays linear.

export interface CredentialMatch {
  start: number;
  end: number;
  provider: string;
}

type Alphabet = "token" | "alnum" | "hex" | "base64";

interface KeyShape {
  prefix: string;
  provider: string;
  alphabet: Alphabet;
  /** Minimum body length (characters of the alphabet after the prefix). */
  min: number;
  /** Exact body length where the provider fixes it. */
  exact?: number;
}

const MIN_BODY = 20;
// No real key is this long; capping the body scan keeps repeated prefixes linear.
const MAX_BODY = 400;

// Longer prefixes first: the first shape whose prefix matches decides, so
// "sk-ant-..." is judged as Anthropic and never falls back to plain "sk-".
const SHAPES: KeyShape[] = [
  { prefix: "ABSKQmVkcm9ja0FQSUtleS", provider: "bedrock", alphabet: "base64", min: MIN_BODY },
  { prefix: "sk-svcacct-", provider: "openai", alphabet: "token", min: MIN_BODY },
  { prefix: "sk-or-v1-", provider: "openrouter", alphabet: "hex", min: 64, exact: 64 },
  { prefix: "sk-admin-", provider: "openai", alphabet: "token", min: MIN_BODY },
  { prefix: "sk-proj-", provider: "openai", alphabet: "token", min: MIN_BODY },
  { prefix: "sk-None-", provider: "openai", alphabet: "token", min: MIN_BODY },
  { prefix: "sk-ant-", provider: "anthropic", alphabet: "token", min: MIN_BODY },
  { prefix: "sk-lf-", provider: "langfuse", alphabet: "token", min: MIN_BODY },
  { prefix: "sk-", provider: "openai", alphabet: "token", min: MIN_BODY },
  // ElevenLabs: sk_ + 48 hex. Stripe's sk_live_/sk_test_ fail the hex body.
  { prefix: "sk_", provider: "elevenlabs", alphabet: "hex", min: 48, exact: 48 },
  { prefix: "AIza", provider: "google", alphabet: "token", min: 35, exact: 35 },
  { prefix: "lsv2_pt_", provider: "langsmith", alphabet: "token", min: MIN_BODY },
  { prefix: "lsv2_sk_", provider: "langsmith", alphabet: "token", min: MIN_BODY },
  { prefix: "tgp_v1_", provider: "together", alphabet: "token", min: MIN_BODY },
  { prefix: "nvapi-", provider: "nvidia", alphabet: "token", min: MIN_BODY },
  { prefix: "pplx-", provider: "perplexity", alphabet: "alnum", min: MIN_BODY },
  { prefix: "jina_", provider: "jina", alphabet: "alnum", min: MIN_BODY },
  { prefix: "tvly-", provider: "tavily", alphabet: "token", min: MIN_BODY },
  { prefix: "gsk_", provider: "groq", alphabet: "alnum", min: MIN_BODY },
  { prefix: "xai-", provider: "xai", alphabet: "alnum", min: MIN_BODY },
  { prefix: "csk-", provider: "cerebras", alphabet: "alnum", min: MIN_BODY },
  { prefix: "hf_", provider: "huggingface", alphabet: "alnum", min: MIN_BODY },
  { prefix: "r8_", provider: "replicate", alphabet: "alnum", min: MIN_BODY },
  { prefix: "fw_", provider: "fireworks", alphabet: "alnum", min: MIN_BODY },
];

const FIRST_CHARS = new Set(SHAPES.map((s) => s.prefix[0]));

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}
function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}
function isAlnum(c: number): boolean {
  return isDigit(c) || isUpper(c) || isLower(c);
}
function isHex(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

function inAlphabet(alphabet: Alphabet, c: number): boolean {
  switch (alphabet) {
    case "token":
      return isAlnum(c) || c === 45 || c === 95;
    case "alnum":
      return isAlnum(c);
    case "hex":
      return isHex(c);
    case "base64":
      return isAlnum(c) || c === 43 || c === 47 || c === 61;
  }
}

// Letters of backslash escapes in raw literal text ("\nsk-...").
const ESCAPE_LETTERS = new Set(["n", "t", "r", "f", "v", "b", "0"]);

/** A key must start a token: no letter, digit or underscore right before its prefix ("task-", "ask_"). */
function startsToken(text: string, i: number): boolean {
  if (i === 0) return true;
  const c = text.charCodeAt(i - 1);
  if (!isAlnum(c) && c !== 95) return true;
  return i >= 2 && text.charCodeAt(i - 2) === 92 && ESCAPE_LETTERS.has(text[i - 1]);
}

// Words that mark documentation placeholders rather than issued keys.
const PLACEHOLDER_WORDS = [
  "your", "xxxx", "placeholder", "example", "replace", "insert", "dummy", "changeme",
  "change-me", "fake", "sample", "redacted", "here", "mykey", "apikey", "api-key", "api_key",
];

// Characters right after a body that show it is a template, not a value.
const TEMPLATE_FOLLOWERS = new Set(["$", "{"]);

function classesOf(s: string): number {
  let lower = 0;
  let upper = 0;
  let digit = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isLower(c)) lower = 1;
    else if (isUpper(c)) upper = 1;
    else if (isDigit(c)) digit = 1;
  }
  return lower + upper + digit;
}

/** Does the body look like an issued secret rather than a placeholder or a slug? */
function looksRandom(body: string): boolean {
  // Mixing letters and digits (or both letter cases: Hugging Face tokens are letters only).
  if (classesOf(body) < 2) return false;
  const lowered = body.toLowerCase();
  for (const word of PLACEHOLDER_WORDS) if (lowered.includes(word)) return false;
  const distinct = new Set(body.replace(/[-_]/g, ""));
  if (distinct.size < 6) return false;
  // A real key has a long random stretch; kebab slugs ("learn-and-pytorch-2024") do not.
  return body.split(/[-_+/=]/).some((seg) => seg.length >= 8 && classesOf(seg) >= 2);
}

/** Returns the end offset of a key whose prefix sits at i, or -1. */
function matchBody(text: string, i: number, shape: KeyShape): number {
  const bodyStart = i + shape.prefix.length;
  let j = bodyStart;
  const limit = Math.min(text.length, bodyStart + MAX_BODY + 1);
  while (j < limit && inAlphabet(shape.alphabet, text.charCodeAt(j))) j++;
  if (j - bodyStart > MAX_BODY) return -1;
  const next = j < text.length ? text[j] : "";
  // The key must end its token too ("hf_<34 letters>_backup" is an identifier).
  if (next !== "" && (isAlnum(next.charCodeAt(0)) || next === "_" || (shape.exact !== undefined && next === "-"))) {
    return -1;
  }
  if (TEMPLATE_FOLLOWERS.has(next)) return -1;
  if (shape.exact !== undefined) {
    if (j - bodyStart !== shape.exact) return -1;
  } else {
    // Trailing separators belong to the surrounding text, not the key.
    while (j > bodyStart && (text[j - 1] === "-" || text[j - 1] === "_")) j--;
  }
  const body = text.slice(bodyStart, j);
  if (body.length < shape.min) return -1;
  if (!looksRandom(body)) return -1;
  return j;
}

/** Whether `text` holds any key prefix at all: a quick test before `findCredentials` on large texts. */
export function mayHoldCredentials(text: string): boolean {
  return KEY_PREFIXES.some((prefix) => text.includes(prefix));
}

/** The distinct key prefixes, shortest first; a prefix another one starts with makes the longer one redundant here. */
const KEY_PREFIXES = [...new Set(SHAPES.map((s) => s.prefix))]
  .sort((a, b) => a.length - b.length)
  .filter((p, i, all) => !all.slice(0, i).some((shorter) => p.startsWith(shorter)));

/**
 * Finds literal AI provider keys in `text` (a string literal, comment or
 * line). Offsets are UTF-16 indices into `text`; matches never overlap.
 */
export function findCredentials(text: string): CredentialMatch[] {
  const out: CredentialMatch[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!FIRST_CHARS.has(text[i]) || !startsToken(text, i)) {
      i++;
      continue;
    }
    const shape = SHAPES.find((s) => text.startsWith(s.prefix, i));
    const end = shape ? matchBody(text, i, shape) : -1;
    if (shape && end > 0) {
      out.push({ start: i, end, provider: shape.provider });
      i = end;
    } else {
      i++;
    }
  }
  return out;
}

/**
 * For messages: keeps the provider prefix and the last 4 characters and
 * masks the rest, e.g. "sk-proj-…UTAS". Short values keep only the prefix.
 */
export function maskSecret(secret: string): string {
  const shape = SHAPES.find((s) => secret.startsWith(s.prefix));
  const prefixLength = shape ? shape.prefix.length : Math.min(4, Math.floor(secret.length / 4));
  const prefix = secret.slice(0, prefixLength);
  const rest = secret.length - prefixLength;
  // Showing 4 characters of a short remainder would give most of it away.
  if (rest < 12) return `${prefix}…`;
  return `${prefix}…${secret.slice(-4)}`;
}
