// Expands VS Code snippet bodies the way the editor does when every placeholder keeps its default:
// tabstops ($1, ${1}), placeholders (${1:default}, nested), choices (${1|a,b|}, first option),
// mirrors (a bare $1 takes the value of the $1 that has one), variables ($TM_FILENAME,
// ${TM_FILENAME:default}, ${TM_FILENAME/regex/format/options}) and backslash escapes.
// It is stricter than the editor on purpose: an unknown variable (usually a forgotten `\$` before a
// JS template literal's `${...}`) or a malformed construct throws instead of becoming text.

export type SnippetNode =
  | { k: "text"; value: string }
  | { k: "tabstop"; index: number; children: SnippetNode[]; choices?: string[] }
  | { k: "variable"; name: string; children?: SnippetNode[]; transform?: Transform };

interface Transform {
  regex: RegExp;
  format: FormatPart[];
}

type FormatPart =
  | { k: "text"; value: string }
  | { k: "group"; index: number; shorthand?: string; ifValue?: string; elseValue?: string };

export interface ExpandOptions {
  /** Values of editor variables (TM_FILENAME, ...). A variable missing here uses its default, or throws. */
  variables?: Readonly<Record<string, string>>;
  /** Picks an option other than the first for a choice tabstop: tabstop index -> option. */
  choices?: Readonly<Record<number, string>>;
}

/** The values the editor gives a snippet inserted into a new file called `fileName`. */
export function editorVariables(fileName: string): Record<string, string> {
  const base = fileName.replace(/\.[^.]*$/, "");
  return {
    TM_FILENAME: fileName,
    TM_FILENAME_BASE: base,
    TM_FILEPATH: `/workspace/${fileName}`,
    TM_DIRECTORY: "/workspace",
    RELATIVE_FILEPATH: fileName,
    WORKSPACE_NAME: "workspace",
    WORKSPACE_FOLDER: "/workspace",
    TM_LINE_INDEX: "0",
    TM_LINE_NUMBER: "1",
    CURRENT_YEAR: "2025",
    CURRENT_MONTH: "04",
    CURRENT_DATE: "01",
    LINE_COMMENT: fileName.endsWith(".py") ? "#" : "//",
  };
}

class Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  parse(): SnippetNode[] {
    const nodes = this.sequence(false);
    if (this.pos < this.src.length) this.fail("unexpected text");
    return nodes;
  }

  private fail(what: string): never {
    throw new Error(`snippet syntax: ${what} at offset ${this.pos}: ${JSON.stringify(this.src.slice(this.pos, this.pos + 30))}`);
  }

  private peek(n = 0): string {
    return this.src[this.pos + n] ?? "";
  }

  private match(re: RegExp): string | undefined {
    re.lastIndex = this.pos;
    const m = re.exec(this.src);
    if (!m || m.index !== this.pos) return undefined;
    this.pos += m[0].length;
    return m[0];
  }

  /** Nodes until the end, or until an unescaped `}` when inside a placeholder or variable default. */
  private sequence(nested: boolean): SnippetNode[] {
    const nodes: SnippetNode[] = [];
    let text = "";
    const flush = () => {
      if (text) nodes.push({ k: "text", value: text });
      text = "";
    };
    while (this.pos < this.src.length) {
      const c = this.peek();
      if (c === "\\") {
        const next = this.peek(1);
        // Only `$`, `}` and `\` are escapable; any other backslash is literal.
        if (next === "$" || next === "}" || next === "\\") {
          text += next;
          this.pos += 2;
        } else {
          text += c;
          this.pos += 1;
        }
        continue;
      }
      if (c === "}" && nested) break;
      if (c === "$") {
        const node = this.dollar();
        if (node) {
          flush();
          nodes.push(node);
          continue;
        }
      }
      text += c;
      this.pos += 1;
    }
    flush();
    return nodes;
  }

  /** A construct starting at `$`, or undefined when the `$` is plain text. */
  private dollar(): SnippetNode | undefined {
    const start = this.pos;
    this.pos += 1;
    const int = this.match(/[0-9]+/y);
    if (int !== undefined) return { k: "tabstop", index: Number(int), children: [] };
    const name = this.match(/[_a-zA-Z][_a-zA-Z0-9]*/y);
    if (name !== undefined) return { k: "variable", name };
    if (this.peek() !== "{") {
      this.pos = start;
      return undefined;
    }
    this.pos += 1;
    const index = this.match(/[0-9]+/y);
    if (index !== undefined) return this.tabstopBody(Number(index));
    const varName = this.match(/[_a-zA-Z][_a-zA-Z0-9]*/y);
    if (varName !== undefined) return this.variableBody(varName);
    // `${ x }` is text to the editor too.
    this.pos = start;
    return undefined;
  }

  private close(): void {
    if (this.peek() !== "}") this.fail("expected `}`");
    this.pos += 1;
  }

  private tabstopBody(index: number): SnippetNode {
    const c = this.peek();
    if (c === "}") {
      this.pos += 1;
      return { k: "tabstop", index, children: [] };
    }
    if (c === ":") {
      this.pos += 1;
      const children = this.sequence(true);
      this.close();
      return { k: "tabstop", index, children };
    }
    if (c === "|") {
      this.pos += 1;
      const choices: string[] = [];
      let option = "";
      for (;;) {
        const ch = this.peek();
        if (ch === "") this.fail("unterminated choice");
        if (ch === "\\" && [",", "|", "\\"].includes(this.peek(1))) {
          option += this.peek(1);
          this.pos += 2;
        } else if (ch === ",") {
          choices.push(option);
          option = "";
          this.pos += 1;
        } else if (ch === "|" && this.peek(1) === "}") {
          choices.push(option);
          this.pos += 2;
          break;
        } else {
          option += ch;
          this.pos += 1;
        }
      }
      if (choices.some((o) => o === "")) this.fail("empty choice option");
      return { k: "tabstop", index, children: [], choices };
    }
    if (c === "/") this.fail("transforms on tabstops are not supported");
    this.fail("malformed tabstop");
  }

  private variableBody(name: string): SnippetNode {
    const c = this.peek();
    if (c === "}") {
      this.pos += 1;
      return { k: "variable", name };
    }
    if (c === ":") {
      this.pos += 1;
      const children = this.sequence(true);
      this.close();
      return { k: "variable", name, children };
    }
    if (c === "/") {
      this.pos += 1;
      const transform = this.transform();
      return { k: "variable", name, transform };
    }
    this.fail("malformed variable");
  }

  /** `regex/format/options}` after the first `/`. */
  private transform(): Transform {
    let regex = "";
    for (;;) {
      const ch = this.peek();
      if (ch === "") this.fail("unterminated transform");
      if (ch === "/") break;
      if (ch === "\\" && this.peek(1) === "/") {
        regex += "/";
        this.pos += 2;
        continue;
      }
      regex += ch;
      this.pos += 1;
    }
    this.pos += 1;
    const format: FormatPart[] = [];
    let text = "";
    for (;;) {
      const ch = this.peek();
      if (ch === "") this.fail("unterminated transform format");
      if (ch === "/") break;
      if (ch === "\\" && (this.peek(1) === "/" || this.peek(1) === "\\")) {
        text += this.peek(1);
        this.pos += 2;
        continue;
      }
      if (ch === "$") {
        const part = this.formatGroup();
        if (part) {
          if (text) format.push({ k: "text", value: text });
          text = "";
          format.push(part);
          continue;
        }
      }
      text += ch;
      this.pos += 1;
    }
    if (text) format.push({ k: "text", value: text });
    this.pos += 1;
    const options = this.match(/[a-z]*/y) ?? "";
    this.close();
    return { regex: new RegExp(regex, options), format };
  }

  private formatGroup(): FormatPart | undefined {
    const start = this.pos;
    this.pos += 1;
    const int = this.match(/[0-9]+/y);
    if (int !== undefined) return { k: "group", index: Number(int) };
    if (this.peek() !== "{") {
      this.pos = start;
      return undefined;
    }
    this.pos += 1;
    const index = this.match(/[0-9]+/y);
    if (index === undefined) this.fail("format group without a number");
    const group = Number(index);
    if (this.peek() === "}") {
      this.pos += 1;
      return { k: "group", index: group };
    }
    if (this.peek() !== ":") this.fail("malformed format group");
    this.pos += 1;
    const until = (stop: string) => {
      let value = "";
      while (this.peek() !== stop) {
        if (this.peek() === "") this.fail("unterminated format group");
        if (this.peek() === "\\" && this.peek(1)) {
          value += this.peek(1);
          this.pos += 2;
        } else value += this.src[this.pos++];
      }
      return value;
    };
    let part: FormatPart;
    const shorthand = this.match(/\/(upcase|downcase|capitalize|camelcase|pascalcase)/y);
    if (shorthand) part = { k: "group", index: group, shorthand: shorthand.slice(1) };
    else if (this.match(/\+/y)) part = { k: "group", index: group, ifValue: until("}") };
    else if (this.match(/\?/y)) {
      const ifValue = until(":");
      this.pos += 1;
      part = { k: "group", index: group, ifValue, elseValue: until("}") };
    } else {
      this.match(/-/y);
      part = { k: "group", index: group, elseValue: until("}") };
    }
    this.close();
    return part;
  }
}

export function parseSnippet(body: string | readonly string[]): SnippetNode[] {
  return new Parser(typeof body === "string" ? body : body.join("\n")).parse();
}

function walk(nodes: readonly SnippetNode[], visit: (n: SnippetNode) => void): void {
  for (const n of nodes) {
    visit(n);
    if (n.k === "tabstop") walk(n.children, visit);
    else if (n.k === "variable" && n.children) walk(n.children, visit);
  }
}

/** The options of each choice tabstop, by index. */
export function snippetChoices(body: string | readonly string[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  walk(parseSnippet(body), (n) => {
    if (n.k === "tabstop" && n.choices && !out.has(n.index)) out.set(n.index, n.choices);
  });
  return out;
}

/** Names of the editor variables a body uses. */
export function snippetVariables(body: string | readonly string[]): Set<string> {
  const out = new Set<string>();
  walk(parseSnippet(body), (n) => {
    if (n.k === "variable") out.add(n.name);
  });
  return out;
}

function caseShorthand(value: string, shorthand: string): string {
  switch (shorthand) {
    case "upcase":
      return value.toUpperCase();
    case "downcase":
      return value.toLowerCase();
    case "capitalize":
      return value.charAt(0).toUpperCase() + value.slice(1);
    default: {
      const words = value.match(/[a-z0-9]+/gi) ?? [value];
      return words.map((w, i) => (i === 0 && shorthand === "camelcase" ? w.charAt(0).toLowerCase() : w.charAt(0).toUpperCase()) + w.slice(1)).join("");
    }
  }
}

function applyTransform(value: string, t: Transform): string {
  return value.replace(t.regex, (...args: unknown[]) => {
    const groups: Array<string | undefined> = [];
    for (const a of args) {
      if (typeof a === "number") break;
      groups.push(a as string | undefined);
    }
    return t.format
      .map((p) => {
        if (p.k === "text") return p.value;
        const g = groups[p.index] ?? "";
        if (p.shorthand) return caseShorthand(g, p.shorthand);
        if (g && p.ifValue !== undefined) return p.ifValue;
        if (!g && p.elseValue !== undefined) return p.elseValue;
        return g;
      })
      .join("");
  });
}

/** The text a body inserts when every placeholder keeps its default (or the choice given in `options`). */
export function expandSnippet(body: string | readonly string[], options: ExpandOptions = {}): string {
  const nodes = parseSnippet(body);
  const variables = options.variables ?? {};
  // The first tabstop of an index that has content gives the value of its bare mirrors.
  const defining = new Map<number, Extract<SnippetNode, { k: "tabstop" }>>();
  walk(nodes, (n) => {
    if (n.k === "tabstop" && !defining.has(n.index) && (n.children.length > 0 || n.choices)) defining.set(n.index, n);
  });
  for (const [index, choice] of Object.entries(options.choices ?? {})) {
    const options = defining.get(Number(index))?.choices;
    if (!options?.includes(choice)) throw new Error(`tabstop ${index} has no choice ${JSON.stringify(choice)}`);
  }
  const render = (list: readonly SnippetNode[], active: ReadonlySet<number>): string =>
    list
      .map((n) => {
        if (n.k === "text") return n.value;
        if (n.k === "variable") {
          const value = variables[n.name];
          if (value !== undefined) return n.transform ? applyTransform(value, n.transform) : value;
          if (n.children) return render(n.children, active);
          if (n.transform) return applyTransform("", n.transform);
          throw new Error(`unknown snippet variable $${n.name} (an unescaped \${...}?)`);
        }
        const chosen = options.choices?.[n.index];
        if (chosen !== undefined) return chosen;
        const source = n.children.length > 0 || n.choices ? n : defining.get(n.index);
        if (!source) return "";
        if (source.choices) return source.choices[0];
        if (active.has(n.index)) throw new Error(`tabstop ${n.index} contains itself`);
        return render(source.children, new Set([...active, n.index]));
      })
      .join("");
  return render(nodes, new Set());
}
