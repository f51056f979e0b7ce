// Shared plumbing of the Python and JS/TS front ends.
import type { Node } from "web-tree-sitter";
import type { Comment, Expr, Span, Stmt, StringToken, TypeDecl } from "./types";

/**
 * Deeper nesting than this is not lowered: it only occurs in generated or
 * hostile files, and recursing further would exhaust the stack.
 */
export const MAX_NESTING = 400;

export function spanOf(node: Node): Span {
  return { start: node.startIndex, end: node.endIndex };
}

export function unknown(node: Node, children: Expr[] = []): Expr {
  return { k: "unknown", span: spanOf(node), children };
}

export class LoweringState {
  depth = 0;
  truncated?: string;
  readonly comments: Comment[] = [];
  readonly literals: StringToken[] = [];
  readonly syntaxErrors: Span[] = [];
  hasJsx = false;

  /** Runs `fn` one level deeper, or returns `fallback` past the nesting limit. */
  nested<T>(fn: () => T, fallback: () => T): T {
    if (this.depth >= MAX_NESTING) {
      this.truncated ??= `nesting deeper than ${MAX_NESTING} levels was not analysed`;
      return fallback();
    }
    this.depth++;
    try {
      return fn();
    } finally {
      this.depth--;
    }
  }
}

/**
 * Walks the whole tree once, iteratively (no recursion), collecting comments,
 * string-literal pieces and syntax errors.
 */
export function collectTokens(root: Node, state: LoweringState, stringPieceTypes: ReadonlySet<string>): void {
  const cursor = root.walk();
  let descend = true;
  for (;;) {
    if (descend) {
      const type = cursor.nodeType;
      if (type === "comment") {
        const node = cursor.currentNode;
        state.comments.push({ span: spanOf(node), text: node.text });
        state.literals.push({ span: spanOf(node), comment: true });
      } else if (stringPieceTypes.has(type)) {
        state.literals.push({ span: { start: cursor.startIndex, end: cursor.endIndex }, comment: false });
      } else if (type === "ERROR" || cursor.nodeIsMissing) {
        state.syntaxErrors.push({ start: cursor.startIndex, end: cursor.endIndex });
      }
      if (cursor.gotoFirstChild()) continue;
    }
    if (cursor.gotoNextSibling()) {
      descend = true;
      continue;
    }
    if (!cursor.gotoParent()) break;
    descend = false;
  }
  cursor.delete();
}

/**
 * Decodes the common backslash escapes of Python and JS string literals.
 * `\N{...}` names are bounded (the longest Unicode name has 88 characters): an unbounded
 * `[^}]*` would rescan the rest of the text at every unclosed `\N{`, quadratically.
 */
/** Python escapes: like JavaScript's, except that an unknown escape (`"\\d"`) keeps its backslash, as Python does. */
export function decodePythonEscapes(raw: string): string {
  if (!raw.includes("\\")) return raw;
  let out = "";
  let plain = 0;
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== "\\") continue;
    const next = raw[i + 1] ?? "";
    if (next === "" || "\\'\"abfnrtvxNuU01234567\n".includes(next)) {
      // A known escape: decoded with the rest of the plain run below.
      i++;
      continue;
    }
    out += decodeEscapes(raw.slice(plain, i)) + "\\" + next;
    plain = i + 2;
    i++;
  }
  return out + decodeEscapes(raw.slice(plain));
}

export function decodeEscapes(raw: string): string {
  if (!raw.includes("\\")) return raw;
  return raw.replace(/\\(u\{[0-9a-fA-F]{1,6}\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|N\{[^}]{0,100}\}|[0-7]{1,3}|[\s\S])/g, (_m, esc: string) => {
    switch (esc[0]) {
      case "n":
        return esc.length === 1 ? "\n" : esc;
      case "t":
        return "\t";
      case "r":
        return "\r";
      case "u":
        try {
          return String.fromCodePoint(parseInt(esc[1] === "{" ? esc.slice(2, -1) : esc.slice(1), 16));
        } catch {
          return esc;
        }
      case "x":
        return String.fromCharCode(parseInt(esc.slice(1), 16));
      case "N":
        return "";
      case "\n":
        return "";
      default:
        if (/^[0-7]+$/.test(esc)) return esc === "0" ? "\0" : String.fromCharCode(parseInt(esc, 8));
        return esc;
    }
  });
}

/** What the Python and JavaScript lowerers share: statements and expressions, within the nesting limit. */
export abstract class LowererBase {
  readonly types: TypeDecl[] = [];

  constructor(protected readonly state: LoweringState) {}

  protected abstract statement(node: Node): Stmt | Stmt[] | undefined;
  protected abstract exprInner(node: Node): Expr;

  /** The statements of a block, a module or a program (comments lower to nothing). */
  statements(node: Node | null): Stmt[] {
    if (!node) return [];
    const out: Stmt[] = [];
    for (const child of node.namedChildren) {
      if (!child || child.type === "comment") continue;
      this.statementInto(child, out);
    }
    return out;
  }

  /** One statement into `out`; nested past the limit, a stand-in that keeps its place. */
  protected statementInto(node: Node, out: Stmt[]): void {
    const stmt = this.state.nested(
      () => this.statement(node),
      () => ({ k: "nop", span: spanOf(node) }) as Stmt,
    );
    if (Array.isArray(stmt)) out.push(...stmt);
    else if (stmt) out.push(stmt);
  }

  exprs(nodes: Array<Node | null>): Expr[] {
    const out: Expr[] = [];
    for (const n of nodes) if (n && n.type !== "comment") out.push(this.expr(n));
    return out;
  }

  expr(node: Node): Expr {
    return this.state.nested(
      () => this.exprInner(node),
      () => unknown(node),
    );
  }
}

