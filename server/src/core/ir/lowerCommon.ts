// Shared plumbing of the Python and JS/TS front ends.
import type { Node } from "web-tree-sitter";
import type { Comment, Expr, Span, StringToken } from "./types";

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
