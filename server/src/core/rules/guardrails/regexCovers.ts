// Whether a regular expression written in a workspace (a recogniser's pattern) matches a sample
// string. The pattern is interpreted here, never compiled: workspace text does not become a RegExp.
// Supports the syntax recognisers use (classes, groups, alternation, quantifiers, anchors, lookaround,
// `(?i)`); anything else makes the answer "no match". Matching is bounded by a step budget.

type Node =
  | { t: "char"; test: (c: string) => boolean }
  | { t: "seq"; items: Node[] }
  | { t: "alt"; options: Node[] }
  | { t: "repeat"; node: Node; min: number; max: number }
  | { t: "group"; node: Node }
  | { t: "look"; node: Node; ahead: boolean; negate: boolean }
  | { t: "start" }
  | { t: "end" }
  | { t: "boundary"; negate: boolean };

class Unsupported extends Error {}

const isDigit = (c: string) => c >= "0" && c <= "9";
const isWord = (c: string) => /[A-Za-z0-9_]/.test(c);
const isSpace = (c: string) => c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f" || c === "\v";

function escapeClass(ch: string): ((c: string) => boolean) | undefined {
  switch (ch) {
    case "d": return isDigit;
    case "D": return (c) => !isDigit(c);
    case "w": return isWord;
    case "W": return (c) => !isWord(c);
    case "s": return isSpace;
    case "S": return (c) => !isSpace(c);
    default: return undefined;
  }
}

function literalEscape(ch: string): string {
  return ch === "n" ? "\n" : ch === "t" ? "\t" : ch === "r" ? "\r" : ch === "f" ? "\f" : ch === "v" ? "\v" : ch;
}

class Parser {
  private i = 0;
  constructor(private readonly src: string, private readonly fold: boolean) {}

  parse(): Node {
    const node = this.alternation();
    if (this.i < this.src.length) throw new Unsupported();
    return node;
  }

  private alternation(): Node {
    const options = [this.sequence()];
    while (this.src[this.i] === "|") {
      this.i++;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0] : { t: "alt", options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== "|" && this.src[this.i] !== ")") items.push(this.quantified(this.atom()));
    return { t: "seq", items };
  }

  private quantified(node: Node): Node {
    const c = this.src[this.i];
    let min = -1;
    let max = -1;
    if (c === "*") [min, max] = [0, Infinity];
    else if (c === "+") [min, max] = [1, Infinity];
    else if (c === "?") [min, max] = [0, 1];
    else if (c === "{") {
      const bounds = this.bounds();
      if (!bounds) return node;
      [min, max] = bounds;
    } else return node;
    this.i++;
    if (this.src[this.i] === "?" || this.src[this.i] === "+") this.i++;
    return { t: "repeat", node, min, max };
  }

  /** `{n}`, `{n,}`, `{n,m}` at the cursor (left on its closing brace), or undefined when the brace is a literal. */
  private bounds(): [number, number] | undefined {
    let j = this.i + 1;
    const digits = (): string => {
      const from = j;
      while (j < this.src.length && isDigit(this.src[j])) j++;
      return this.src.slice(from, j);
    };
    const lo = digits();
    const comma = this.src[j] === ",";
    if (comma) j++;
    const hi = comma ? digits() : lo;
    if (this.src[j] !== "}" || (lo === "" && hi === "")) return undefined;
    this.i = j;
    return [lo === "" ? 0 : Number(lo), comma && hi === "" ? Infinity : Number(hi)];
  }

  private atom(): Node {
    const c = this.src[this.i++];
    if (c === "(") return this.group();
    if (c === "[") return this.charClass();
    if (c === ".") return { t: "char", test: (x) => x !== "\n" };
    if (c === "^") return { t: "start" };
    if (c === "$") return { t: "end" };
    if (c === "\\") {
      const e = this.src[this.i++];
      if (e === undefined) throw new Unsupported();
      if (e === "b" || e === "B") return { t: "boundary", negate: e === "B" };
      const cls = escapeClass(e);
      if (cls) return { t: "char", test: cls };
      if (/[1-9]/.test(e)) throw new Unsupported();
      return this.literal(literalEscape(e));
    }
    if (c === ")" || c === "*" || c === "+" || c === "?") throw new Unsupported();
    return this.literal(c);
  }

  private literal(ch: string): Node {
    if (!this.fold) return { t: "char", test: (x) => x === ch };
    const lower = ch.toLowerCase();
    return { t: "char", test: (x) => x.toLowerCase() === lower };
  }

  private group(): Node {
    let look: { ahead: boolean; negate: boolean } | undefined;
    if (this.src[this.i] === "?") {
      const rest = this.src.slice(this.i + 1);
      if (rest.startsWith(":")) this.i += 2;
      else if (rest.startsWith("P<") || (rest.startsWith("<") && !rest.startsWith("<=") && !rest.startsWith("<!"))) {
        const close = this.src.indexOf(">", this.i);
        if (close < 0) throw new Unsupported();
        this.i = close + 1;
      } else if (rest.startsWith("=") || rest.startsWith("!")) {
        look = { ahead: true, negate: rest[0] === "!" };
        this.i += 2;
      } else if (rest.startsWith("<=") || rest.startsWith("<!")) {
        look = { ahead: false, negate: rest[1] === "!" };
        this.i += 3;
      } else throw new Unsupported();
    }
    const node = this.alternation();
    if (this.src[this.i++] !== ")") throw new Unsupported();
    return look ? { t: "look", node, ...look } : { t: "group", node };
  }

  private charClass(): Node {
    const negate = this.src[this.i] === "^";
    if (negate) this.i++;
    const tests: Array<(c: string) => boolean> = [];
    let first = true;
    while (this.i < this.src.length && (this.src[this.i] !== "]" || first)) {
      first = false;
      let c = this.src[this.i++];
      if (c === "\\") {
        const e = this.src[this.i++];
        const cls = escapeClass(e);
        if (cls) {
          tests.push(cls);
          continue;
        }
        c = literalEscape(e);
      }
      if (this.src[this.i] === "-" && this.src[this.i + 1] !== "]" && this.i + 1 < this.src.length) {
        this.i++;
        let to = this.src[this.i++];
        if (to === "\\") to = literalEscape(this.src[this.i++]);
        const [lo, hi] = [c, to];
        tests.push(this.fold ? (x) => (x >= lo && x <= hi) || (x.toLowerCase() >= lo && x.toLowerCase() <= hi) || (x.toUpperCase() >= lo && x.toUpperCase() <= hi) : (x) => x >= lo && x <= hi);
      } else {
        const ch = c;
        tests.push(this.fold ? (x) => x.toLowerCase() === ch.toLowerCase() : (x) => x === ch);
      }
    }
    if (this.src[this.i++] !== "]") throw new Unsupported();
    return { t: "char", test: (x) => tests.some((t) => t(x)) !== negate };
  }
}

const STEP_BUDGET = 200_000;

/** Whether `pattern` (Python or JavaScript syntax) finds a match anywhere in `sample`; false when the pattern uses syntax not interpreted here. */
export function regexMatches(pattern: string, sample: string): boolean {
  let src = pattern;
  let fold = false;
  const flags = /^\(\?([aiLmsux]+)\)/.exec(src);
  if (flags) {
    fold = flags[1].includes("i");
    src = src.slice(flags[0].length);
  }
  let root: Node;
  try {
    root = new Parser(src, fold).parse();
  } catch {
    return false;
  }
  let steps = 0;
  const m = (node: Node, pos: number, k: (p: number) => boolean): boolean => {
    if (++steps > STEP_BUDGET) throw new Unsupported();
    switch (node.t) {
      case "char":
        return pos < sample.length && node.test(sample[pos]) && k(pos + 1);
      case "seq": {
        const step = (idx: number, p: number): boolean => (idx === node.items.length ? k(p) : m(node.items[idx], p, (q) => step(idx + 1, q)));
        return step(0, pos);
      }
      case "alt":
        return node.options.some((o) => m(o, pos, k));
      case "group":
        return m(node.node, pos, k);
      case "repeat": {
        const rep = (count: number, p: number): boolean => {
          if (count < node.max && m(node.node, p, (q) => q !== p && rep(count + 1, q))) return true;
          return count >= node.min && k(p);
        };
        return rep(0, pos);
      }
      case "look": {
        const found = node.ahead
          ? m(node.node, pos, () => true)
          : Array.from({ length: pos + 1 }, (_, j) => j).some((j) => m(node.node, j, (q) => q === pos));
        return found !== node.negate && k(pos);
      }
      case "start":
        return pos === 0 && k(pos);
      case "end":
        return pos === sample.length && k(pos);
      case "boundary": {
        const at = (pos > 0 && isWord(sample[pos - 1])) !== (pos < sample.length && isWord(sample[pos]));
        return at !== node.negate && k(pos);
      }
    }
  };
  try {
    for (let start = 0; start <= sample.length; start++) if (m(root, start, () => true)) return true;
  } catch {
    return false;
  }
  return false;
}

/** Samples of what a Hong Kong identity card number looks like, with and without the check digit's parentheses. */
export const HKID_SAMPLES = ["A123456(3)", "A1234563", "AB987654(2)", "AB9876542"];
/** Samples of Hong Kong phone numbers: eight digits led by 2-9, grouped or not, with or without +852. */
export const HK_PHONE_SAMPLES = ["91234567", "9123 4567", "+852 9123 4567", "2123-4567"];

export function coversAny(pattern: string, samples: readonly string[]): boolean {
  return samples.some((s) => regexMatches(pattern, s));
}
