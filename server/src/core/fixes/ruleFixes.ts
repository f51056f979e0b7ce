// Fix builders the rules share: wrap an expression with a helper, guard a
// statement, insert a call after it, add a disclosure field, read a key from
// the environment, mask a literal. Titles name the guideline section they satisfy.
import type { WrapTarget } from "../analysis/facts";
import type { Expr, Span, Stmt } from "../ir/types";
import { forEachChildExpr, forEachStmtPart } from "../ir/walk";
import type { Fix, Localized, TextEdit } from "../types";
import type { ParsedFile } from "../workspace/workspace";
import { indentAt, indentBlock, lineEnd, lineStart, newline } from "./edits";
import { ensureHelper, importEdit, type HelperKind } from "./helpers";

export function fix(title: Localized, applicability: "safe" | "unsafe", edits: TextEdit[]): Fix {
  return { title, applicability, edits };
}

/** Wraps each target expression in a call to the helper of `kind` (inserting the helper when the file has none). */
export function wrapWithHelper(file: ParsedFile, kind: HelperKind, targets: readonly WrapTarget[]): TextEdit[] | undefined {
  const unique = targets.filter((t, i) => targets.findIndex((u) => u.span.start === t.span.start && u.span.end === t.span.end) === i);
  // Nested targets: keep the outermost, the fix wraps each value once.
  const outer = unique.filter((t) => !unique.some((u) => u !== t && u.span.start <= t.span.start && u.span.end >= t.span.end && (u.span.start !== t.span.start || u.span.end !== t.span.end)));
  if (outer.length === 0) return undefined;
  const helper = ensureHelper(kind, file.program, file.text);
  const edits: TextEdit[] = [...helper.edits];
  for (const t of outer) {
    const original = file.text.slice(t.span.start, t.span.end);
    if (t.shorthandKey) edits.push({ start: t.span.start, end: t.span.end, newText: `${t.shorthandKey}: ${helper.name}(${original})` });
    else {
      edits.push({ start: t.span.start, end: t.span.start, newText: `${helper.name}(` });
      edits.push({ start: t.span.end, end: t.span.end, newText: ")" });
    }
  }
  return edits;
}

/**
 * Guards a statement with the consent helper. An assignment keeps its variable
 * defined: its value becomes conditional (`x = call() if has_ai_consent() else None`);
 * other statements are wrapped in `if <guard>():` / `if (<guard>()) { ... }`.
 */
export function guardStatement(file: ParsedFile, stmt: Span, kind: HelperKind = "consentGuard"): TextEdit[] {
  const helper = ensureHelper(kind, file.program, file.text);
  const assignment = findStatement(file.program.body, stmt);
  if (assignment?.k === "assign" && assignment.value && !assignment.op && assignment.targets.length === 1) {
    const v = assignment.value.span;
    const value = file.text.slice(v.start, v.end);
    const guarded = file.language === "python" ? `${value} if ${helper.name}() else None` : `${helper.name}() ? ${value} : undefined`;
    return [...helper.edits, { start: v.start, end: v.end, newText: guarded }];
  }
  const nl = newline(file.text);
  const start = lineStart(file.text, stmt.start);
  const end = lineEnd(file.text, stmt.end);
  const indent = indentAt(file.text, stmt.start);
  const body = file.text.slice(start, end);
  const py = file.language === "python";
  const unit = py ? "    " : indent.includes("\t") ? "\t" : "  ";
  const wrapped = py
    ? `${indent}if ${helper.name}():${nl}${indentBlock(body, unit, nl)}`
    : `${indent}if (${helper.name}()) {${nl}${indentBlock(body, unit, nl)}${nl}${indent}}`;
  return [...helper.edits, { start, end, newText: wrapped }];
}

/** The statement with exactly this span, searched through nested blocks and function bodies. */
function findStatement(stmts: readonly Stmt[], span: Span, depth = 0): Stmt | undefined {
  if (depth > 40) return undefined;
  for (const s of stmts) {
    if (s.span.start === span.start && s.span.end === span.end) return s;
    if (s.span.start > span.start || s.span.end < span.end) continue;
    const inner: Stmt[][] = [];
    switch (s.k) {
      case "if": inner.push(s.then, s.else); break;
      case "loop": inner.push(s.body, s.orelse); break;
      case "with": inner.push(s.body); break;
      case "try": inner.push(s.body, ...s.handlers.map((h) => h.body), s.orelse, s.finally); break;
      case "func": inner.push(s.fn.body); break;
      case "class": inner.push(s.cls.body); break;
      case "switch": inner.push(...s.cases.map((c) => c.body)); break;
      case "block": inner.push(s.body); break;
      default: break;
    }
    for (const b of inner) {
      const found = findStatement(b, span, depth + 1);
      if (found) return found;
    }
    // Functions inside expressions (callbacks, arrow handlers).
    const fromExpr = findInExprs(s, span, depth);
    if (fromExpr) return fromExpr;
  }
  return undefined;
}

function findInExprs(s: Stmt, span: Span, depth: number): Stmt | undefined {
  let found: Stmt | undefined;
  const visit = (e: Expr | undefined): void => {
    if (!e || found || e.span.start > span.start || e.span.end < span.end) return;
    if (e.k === "func") found = findStatement(e.fn.body, span, depth + 1);
    else forEachChildExpr(e, visit);
  };
  forEachStmtPart(s, visit, () => undefined);
  return found;
}

/** Inserts a line after a statement, at its indentation. */
export function insertAfterStatement(file: ParsedFile, stmt: Span, line: string): TextEdit {
  const nl = newline(file.text);
  const end = lineEnd(file.text, stmt.end);
  return { start: end, end, newText: `${nl}${indentAt(file.text, stmt.start)}${line}` };
}

/** Adds `"ai_generated": True` / `aiGenerated: true` to an object literal or keyword call. */
export function addDisclosureField(file: ParsedFile, payload: Span): TextEdit | undefined {
  const text = file.text.slice(payload.start, payload.end);
  const py = file.language === "python";
  if (text.endsWith("}")) {
    const inner = text.slice(1, -1);
    const empty = inner.trim().length === 0;
    const trailingComma = /,\s*$/.test(inner);
    const closing = payload.end - 1;
    // Before the closing brace, after the last entry (and any whitespace before the brace).
    let at = closing;
    while (at > payload.start + 1 && /\s/.test(file.text[at - 1])) at--;
    const entry = py ? '"ai_generated": True' : "aiGenerated: true";
    return { start: at, end: at, newText: empty ? entry : `${trailingComma ? " " : ", "}${entry}` };
  }
  if (py && text.endsWith(")")) {
    // A keyword call such as `jsonify(answer=answer)`.
    let at = payload.end - 1;
    while (at > payload.start && /\s/.test(file.text[at - 1])) at--;
    const args = text.slice(text.indexOf("(") + 1, -1);
    const trailingComma = /,\s*$/.test(args);
    return { start: at, end: at, newText: args.trim() ? `${trailingComma ? " " : ", "}ai_generated=True` : "ai_generated=True" };
  }
  return undefined;
}

const ENV_NAMES: Record<string, string> = {
  openai: "OPENAI_API_KEY", anthropic: "ANTHROPIC_API_KEY", google: "GEMINI_API_KEY", huggingface: "HF_TOKEN", replicate: "REPLICATE_API_TOKEN",
  groq: "GROQ_API_KEY", xai: "XAI_API_KEY", perplexity: "PERPLEXITY_API_KEY", elevenlabs: "ELEVENLABS_API_KEY", openrouter: "OPENROUTER_API_KEY",
  fireworks: "FIREWORKS_API_KEY", cerebras: "CEREBRAS_API_KEY", nvidia: "NVIDIA_API_KEY", together: "TOGETHER_API_KEY", langfuse: "LANGFUSE_SECRET_KEY",
  langsmith: "LANGSMITH_API_KEY", jina: "JINA_API_KEY", tavily: "TAVILY_API_KEY", bedrock: "AWS_BEARER_TOKEN_BEDROCK",
};

export function envNameFor(provider: string): string {
  return ENV_NAMES[provider] ?? `${provider.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}_API_KEY`;
}

/** The whole string literal (quotes and prefix) around a content span, if the span is its entire content. */
export function enclosingLiteral(text: string, content: Span): Span | undefined {
  let start = content.start;
  let end = content.end;
  const quote = text[start - 1];
  if (quote !== '"' && quote !== "'" && quote !== "`") return undefined;
  let q = 1;
  while (q < 3 && text[start - 1 - q] === quote) q++;
  if (text.slice(end, end + q) !== quote.repeat(q)) return undefined;
  start -= q;
  end += q;
  while (start > 0 && /[rRbBuU]/.test(text[start - 1]) && !/[\w$]/.test(text[start - 2] ?? "")) start--;
  return { start, end };
}

/** Replaces a key literal with a read from the environment (adds `import os` in Python). */
export function keyFromEnvironment(file: ParsedFile, literal: Span, provider: string): TextEdit[] {
  const env = envNameFor(provider);
  if (file.language === "python") {
    const edits: TextEdit[] = [{ start: literal.start, end: literal.end, newText: `os.environ["${env}"]` }];
    const hasOs = file.program.body.some((s) => s.k === "import" && s.imp.module === "os" && s.imp.names.some((n) => n.local === "os"));
    if (!hasOs) edits.push(importEdit(file.program, file.text, "os"));
    return edits;
  }
  return [{ start: literal.start, end: literal.end, newText: `process.env.${env}` }];
}

/** Masks personal data in a literal: digits and letters of identifiers become `*`, e-mails become an example address. */
export function maskedPersonalData(kind: string, value: string): string {
  if (kind === "email") return "someone@example.com";
  return value.replace(/[0-9A-Za-z\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c, i: number) => (kind === "hkid" && i < 2 && /[A-Za-z]/.test(c) ? c : "*"));
}
