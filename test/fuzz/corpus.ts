// Mutated programs for the fuzz tier: realistic sources (the shared conformance suite and the
// repository's fixtures, read at test time) broken in the ways edits and bad files break them.
// Everything is driven by a seeded PRNG, so a failure names a seed that reproduces it.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { sharedSuite, REPO_ROOT } from "../conformance/suites";

/** mulberry32: a small, fast, seedable PRNG (deterministic across runs and platforms). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Rng {
  next(): number;
  int(max: number): number;
  pick<T>(items: readonly T[]): T;
}

export function rng(seed: number): Rng {
  const next = prng(seed);
  return { next, int: (max) => Math.floor(next() * max), pick: (items) => items[Math.floor(next() * items.length)] };
}

const SOURCE = /\.(py|js|mjs|cjs|jsx|ts|mts|cts|tsx)$/;

export interface SourceText {
  /** Where it came from, relative to its corpus root (for failure messages). */
  origin: string;
  ext: string;
  text: string;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== "node_modules") walk(full, out);
    } else if (SOURCE.test(name)) out.push(full);
  }
  return out;
}

/** The realistic programs mutations start from: the shared conformance suite (when present) and test/fixtures. */
export function loadCorpus(): SourceText[] {
  const roots = [sharedSuite(), path.join(REPO_ROOT, "test/fixtures")].filter((r): r is string => !!r);
  const out: SourceText[] = [];
  for (const root of roots) {
    for (const file of walk(root)) out.push({ origin: path.relative(REPO_ROOT, file), ext: path.extname(file), text: readFileSync(file, "utf8") });
  }
  return out;
}

/** Bits of syntax that break parsers: brackets, quotes, comment and string openers, keywords, odd unicode. */
const TOKENS = [
  "(", ")", "[", "]", "{", "}", '"', "'", "`", '"""', "'''", "/*", "*/", "#", "//", "\\", "${", "<div>", "</", "/>", "=>", "lambda",
  "def ", "class ", "async ", "await ", "yield", "return", ":", ";", ",", ".", "@", "=", "==", "...", "\t", "\r", "\r\n", "\n\n\n",
  "é", "中文", "\u202e", "\u200b", "\ufeff", "\u2028", "\ud83e\udd16", "\ud800", "\u0301", "𝕏", "\u0085",
  "openai.chat.completions.create(", "print(", "console.log(", "request.json[", "import ", "from . import ", "require(",
];

type Mutation = (lines: string[], r: Rng, corpus: readonly SourceText[]) => string[];

const range = (lines: readonly string[], r: Rng): [number, number] => {
  const start = r.int(Math.max(1, lines.length));
  return [start, Math.min(lines.length, start + 1 + r.int(5))];
};

export const MUTATIONS: Record<string, Mutation> = {
  deleteLines: (lines, r) => {
    const [a, b] = range(lines, r);
    return [...lines.slice(0, a), ...lines.slice(b)];
  },
  duplicateLines: (lines, r) => {
    const [a, b] = range(lines, r);
    return [...lines.slice(0, b), ...lines.slice(a, b), ...lines.slice(b)];
  },
  swapLines: (lines, r) => {
    const out = [...lines];
    const i = r.int(out.length);
    const j = r.int(out.length);
    [out[i], out[j]] = [out[j], out[i]];
    return out;
  },
  truncate: (lines, r) => {
    const text = lines.join("\n");
    return text.slice(0, r.int(text.length + 1)).split("\n");
  },
  insertTokens: (lines, r) => {
    let text = lines.join("\n");
    for (let n = 1 + r.int(4); n > 0; n--) {
      const at = r.int(text.length + 1);
      text = text.slice(0, at) + r.pick(TOKENS) + text.slice(at);
    }
    return text.split("\n");
  },
  reindent: (lines, r) => {
    const [a, b] = range(lines, r);
    const change = r.pick([" ", "  ", "    ", "\t", "-2", "-4", "mixed"]);
    return lines.map((line, i) => {
      if (i < a || i >= b) return line;
      if (change === "-2") return line.replace(/^ {0,2}/, "");
      if (change === "-4") return line.replace(/^ {0,4}/, "");
      if (change === "mixed") return line.replace(/^ {4}/, "\t");
      return change + line;
    });
  },
  splice: (lines, r, corpus) => {
    const donor = r.pick(corpus).text.split("\n");
    const [a, b] = range(donor, r);
    const at = r.int(lines.length + 1);
    return [...lines.slice(0, at), ...donor.slice(a, b + r.int(10)), ...lines.slice(at)];
  },
};

export interface MutatedProgram {
  name: string;
  text: string;
  /** How it was made, for failure messages. */
  recipe: string;
}

/** `count` mutated programs from `seed`: each applies 1 to 4 mutations to a corpus file, sometimes under another language's extension. */
export function mutatedPrograms(corpus: readonly SourceText[], count: number, seed: number): MutatedProgram[] {
  const r = rng(seed);
  const names = Object.keys(MUTATIONS);
  const out: MutatedProgram[] = [];
  for (let i = 0; i < count; i++) {
    const source = r.pick(corpus);
    let lines = source.text.split("\n");
    const applied: string[] = [];
    for (let n = 1 + r.int(4); n > 0; n--) {
      const name = r.pick(names);
      lines = MUTATIONS[name](lines, r, corpus);
      applied.push(name);
    }
    const ext = r.next() < 0.1 ? r.pick([".py", ".js", ".ts", ".tsx", ".mjs"]) : source.ext;
    out.push({ name: `m${String(i).padStart(3, "0")}${ext}`, text: lines.join("\n"), recipe: `seed ${seed} #${i}: ${source.origin} + ${applied.join(", ")} as ${ext}` });
  }
  return out;
}
