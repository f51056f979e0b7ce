// Adversarial inputs for regular expressions, built from each expression's own structure:
// a prefix that matches the start of the pattern, a piece of the pattern pumped thousands
// of times, then a character that makes the match fail at the very end. That shape is what
// turns backtracking quadratic or exponential. Also: the regular expressions of server/src,
// read from the sources with the TypeScript parser, and a timer that checks linear growth.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export interface RegexSite {
  /** Repository-relative file and 1-based line. */
  where: string;
  source: string;
  flags: string;
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(full, out);
    else if (entry.name.endsWith(".ts")) out.push(full);
  }
  return out;
}

/** Every regular-expression literal under `dir`, and every call of the RegExp constructor (which builds one at run time). */
export function regexSites(dir: string, repoRoot: string): { literals: RegexSite[]; constructed: string[] } {
  const literals: RegexSite[] = [];
  const constructed: string[] = [];
  for (const file of sourceFiles(dir)) {
    const sf = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const where = (node: ts.Node) => `${path.relative(repoRoot, file)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = (node as ts.RegularExpressionLiteral).text;
        const close = text.lastIndexOf("/");
        literals.push({ where: where(node), source: text.slice(1, close), flags: text.slice(close + 1) });
      } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && node.expression.getText(sf) === "RegExp") {
        constructed.push(`${where(node)}: ${node.getText(sf).slice(0, 120)}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { literals, constructed };
}

// ------------------------------------------------------------------ a small regex parser

type Node =
  /** `literal`: a plain character, merged with its neighbours into one word (`langchain`, `query()`). */
  | { k: "atom"; sample: string; literal?: boolean }
  | { k: "group"; alternatives: Node[][]; lookaround: boolean }
  | { k: "repeat"; node: Node; min: number };

/** Characters tried as samples of classes and escapes, in order. */
const CANDIDATES = ["a", "A", "0", " ", "_", ".", "/", "-", "!", "#", "@", ":", "\t", "\n", "é", "中", "z", "Z", "9", "$", "(", ")", "[", "]", "{", "}", "*", "+", "?", "\\", "'", '"', "<", ">", "=", ",", ";", "|", "&", "%", "~", "^", "`"];

function sampleOf(atomSource: string, flags: string): string {
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${atomSource})$`, flags.replace(/[gy]/g, ""));
  } catch {
    return "a";
  }
  return CANDIDATES.find((c) => re.test(c)) ?? "";
}

/** Parses the subset of regex syntax needed to take patterns apart: atoms, classes, groups, alternation, quantifiers. */
function parse(source: string, flags: string): Node[][] {
  let i = 0;
  const alternation = (): Node[][] => {
    const alternatives: Node[][] = [[]];
    while (i < source.length && source[i] !== ")") {
      if (source[i] === "|") {
        i++;
        alternatives.push([]);
        continue;
      }
      const seq = alternatives[alternatives.length - 1];
      const node = term();
      if (!node) continue;
      const q = quantified(node);
      const last = seq[seq.length - 1];
      if (q.k === "atom" && q.literal && last?.k === "atom" && last.literal) last.sample += q.sample;
      else seq.push(q);
    }
    return alternatives;
  };
  const quantified = (node: Node): Node => {
    const c = source[i];
    let min: number | undefined;
    if (c === "*" || c === "?") min = 0;
    else if (c === "+") min = 1;
    else if (c === "{") {
      const m = /^\{(\d+)(,\d*)?\}/.exec(source.slice(i));
      if (m) {
        min = Number(m[1]);
        i += m[0].length - 1;
      }
    }
    if (min === undefined) return node;
    i++;
    if (source[i] === "?") i++;
    return { k: "repeat", node, min };
  };
  const term = (): Node | undefined => {
    const c = source[i];
    if (c === "(") {
      i++;
      let lookaround = false;
      if (source[i] === "?") {
        const m = /^\?(:|=|!|<=|<!|<[A-Za-z_$][\w$]*>)/.exec(source.slice(i));
        if (m) {
          lookaround = m[1] === "=" || m[1] === "!" || m[1] === "<=" || m[1] === "<!";
          i += m[0].length;
        }
      }
      const alternatives = alternation();
      i++; // ")"
      return { k: "group", alternatives, lookaround };
    }
    if (c === "[") {
      const start = i;
      i++;
      if (source[i] === "^") i++;
      if (source[i] === "]") i++;
      while (i < source.length && source[i] !== "]") i += source[i] === "\\" ? 2 : 1;
      i++;
      return { k: "atom", sample: sampleOf(source.slice(start, i), flags) };
    }
    if (c === "\\") {
      const m = /^\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|c[A-Za-z]|[pP]\{[^}]*\}|k<[^>]*>|\d+|[\s\S])/.exec(source.slice(i))!;
      i += m[0].length;
      if (/^(b|B|\d+|k<)/.test(m[1])) return { k: "atom", sample: "" };
      return { k: "atom", sample: sampleOf(m[0], flags), literal: !/^[dDwWsSpP]/.test(m[1]) };
    }
    if (c === "^" || c === "$") {
      i++;
      return { k: "atom", sample: "" };
    }
    i++;
    return c === "." ? { k: "atom", sample: "a" } : { k: "atom", sample: c, literal: true };
  };
  return alternation();
}

function sample(node: Node): string {
  if (node.k === "atom") return node.sample;
  if (node.k === "repeat") return sample(node.node).repeat(Math.max(1, Math.min(node.min, 8)));
  return node.lookaround ? "" : node.alternatives[0].map(sample).join("");
}

/** Each alternative's sample, for pumping every branch of a group. */
function samples(node: Node): string[] {
  if (node.k === "group" && !node.lookaround) return node.alternatives.map((alt) => alt.map(sample).join(""));
  if (node.k === "repeat") return samples(node.node).map((s) => s.repeat(Math.max(1, Math.min(node.min, 8))));
  return [sample(node)];
}

export interface Attack {
  prefix: string;
  pump: string;
  suffix: string;
}

/** Characters that end an attack: one no pattern expects, and line ends that `.` and `$` stop at. */
const SUFFIXES = ["\u0000", "\n\u0000", "!\n!"];

/**
 * Prefix-pump-suffix attacks for a pattern: for every sequence in it (the top level and every
 * group), every term and pair of adjacent terms is pumped after a prefix matching what comes before it.
 */
export function attacksFor(source: string, flags: string): Attack[] {
  const seen = new Set<string>();
  const out: Attack[] = [];
  const add = (prefix: string, pump: string) => {
    if (!pump) return;
    for (const suffix of SUFFIXES) {
      const key = `${prefix}\u0001${pump}\u0001${suffix}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ prefix, pump, suffix });
    }
  };
  const visitSequence = (seq: Node[], outer: string) => {
    for (let t = 0; t < seq.length; t++) {
      const before = outer + seq.slice(0, t).map(sample).join("");
      for (const s of samples(seq[t])) {
        add(before, s);
        add("", s);
        // The whole way in, pumped: `\N{` of `\\(...|N\{[^}]*\})` starts a new attempt at every copy.
        if (outer) add("", before + s);
        if (t + 1 < seq.length) for (const next of samples(seq[t + 1])) add(before, s + next);
      }
      const current = seq[t];
      const inner = current.k === "repeat" ? current.node : current;
      if (inner.k === "group" && !inner.lookaround) for (const alt of inner.alternatives) visitSequence(alt, before);
    }
  };
  for (const alt of parse(source, flags)) visitSequence(alt, "");
  return out;
}

/**
 * How the code base applies an expression: a global one runs over the whole text (`replace`,
 * `matchAll`, exec loops), trying every position; any other one stops at its first match.
 */
export function matcherFor(source: string, flags: string): (text: string) => void {
  const re = new RegExp(source, flags.replace(/y/g, ""));
  return re.global ? (text) => void text.replace(re, "") : (text) => void re.test(text);
}

export function build(attack: Attack, length: number): string {
  return attack.prefix + attack.pump.repeat(Math.ceil(length / attack.pump.length)) + attack.suffix;
}

// ------------------------------------------------------------------ timing

/** CPU time of this process in milliseconds: unlike wall-clock time, it does not grow while other programs have the processor. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Least CPU time of a few runs, in milliseconds: the run least disturbed by garbage collection. */
export function bestTime(run: () => void, tries = 5): number {
  let best = Infinity;
  for (let i = 0; i < tries; i++) {
    const started = cpuMs();
    run();
    best = Math.min(best, cpuMs() - started);
  }
  return best;
}

/** Below this, a 40k-character run is too quick to tell linear from quadratic (a quadratic one takes far longer). */
export const MEASURABLE_MS = 20;
/** Hang guard of one call on 40,000 characters. */
export const CALL_LIMIT_MS = 1000;
/** Four times the input may take at most this many times as long (linear: about 4; quadratic: about 16). */
export const GROWTH_LIMIT = 10;

export interface Growth {
  small: number;
  large: number;
}

/**
 * Times `run` on inputs of 10,000 and 40,000 characters: the large one once first, and the careful
 * comparison only when it is measurable. A comparison over the limit is repeated (up to `attempts`
 * in all) and the best kept: a busy machine can spoil one, while quadratic growth shows every time.
 */
export function growth(input: (length: number) => string, run: (text: string) => void, attempts = 3): Growth {
  const small = input(10_000);
  const large = input(40_000);
  const first = bestTime(() => run(large), 1);
  if (first < MEASURABLE_MS || first >= CALL_LIMIT_MS) return { small: 0, large: first };
  let best: Growth | undefined;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const g = { small: bestTime(() => run(small)), large: bestTime(() => run(large)) };
    if (!best || g.large / Math.max(g.small, 0.01) < best.large / Math.max(best.small, 0.01)) best = g;
    if (nonLinear(best) === undefined) break;
  }
  return best!;
}

/** Why a measured growth is not linear, or undefined when it is. */
export function nonLinear(g: Growth): string | undefined {
  if (g.large >= CALL_LIMIT_MS) return `${g.large.toFixed(0)} ms on 40,000 characters`;
  if (g.large >= MEASURABLE_MS && g.large / Math.max(g.small, 0.01) >= GROWTH_LIMIT) return `${g.small.toFixed(1)} ms -> ${g.large.toFixed(1)} ms for 4x the input`;
  return undefined;
}
