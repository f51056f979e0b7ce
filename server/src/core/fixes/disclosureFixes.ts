// Quick-fixes of DIS001 in order of preference. The preferred fix never changes data a program reads
// (resolved question 23): it adds a field to a JSON payload, a header to the response, or a visible label
// element beside rendered content. Appending a label to a string inside a JSON payload is offered last,
// as unsafe, so fix-all never applies it.
import type { SinkFact } from "../analysis/facts";
import type { CallExpr, Expr, JsxExpr, Span, Stmt } from "../ir/types";
import { forEachChildExpr, forEachStmtPart } from "../ir/walk";
import { STREAM_RESPONSE_METHODS } from "../sdk/frameworks";
import type { Fix, TextEdit } from "../types";
import { localized } from "../types";
import type { ParsedFile } from "../workspace/workspace";
import { indentAt, lineStart, newline } from "./edits";
import { addDisclosureField, fix, wrapWithHelper } from "./ruleFixes";
import { takesLabel } from "../analysis/engine/helpers";

const LABEL_ELEMENT = '<small className="ai-label">AI-generated / 由人工智能生成</small>';
const HEADER = "X-AI-Generated";

/** Header setters of response objects, by framework role. */
const HEADER_SETTERS: Record<string, string> = { "express.res": "setHeader", "fastify.reply": "header", "hono.ctx": "header", "koa.ctx": "set" };

/** Python response classes that take `headers=`. */
const PY_HEADER_RESPONSES = /^(HttpResponse|StreamingHttpResponse|PlainTextResponse|HTMLResponse|StreamingResponse|Response|JSONResponse|EventSourceResponse)$/;

/**
 * The fixes of one finding: `sinks` are the undisclosed sinks it stands for (the first is where it is
 * reported), `text` says which of them show text (only text can take a label appended to it).
 */
export function disclosureFixes(file: ParsedFile, sinks: ReadonlyArray<SinkFact & { anchor?: Span }>, text: (s: SinkFact) => boolean): Fix[] {
  const [sink] = sinks;
  const fixes: Fix[] = [];
  // A label appended to the text fixes the finding only when every sink it stands for shows text; a
  // streamed result object (`result.toTextStreamResponse()`) is no text to wrap.
  const targets = sinks.every(text) && !STREAM_RESPONSE_METHODS.has(sink.api) ? sinks.flatMap((s) => s.targets ?? []) : [];
  const wrapEdits = targets.length ? wrapWithHelper(file, "disclosure", targets) : undefined;
  const wrapTitle = localized("Label as AI-generated (Guideline 3.2.1)", "標示為人工智能生成（指引 3.2.1）");
  const fieldEdit = sink.payloadObject && fieldCapable(file, sink) ? addDisclosureField(file, sink.payloadObject) : undefined;
  const field = fieldEdit && fix(localized("Add an AI-generated field to the response (Guideline 3.2.1)", "在回應中加入人工智能生成欄位（指引 3.2.1）"), "safe", [fieldEdit]);
  if (sink.category === "jsx") {
    const label = labelElementEdit(file, sinks);
    if (label) fixes.push(fix(localized("Add a visible AI-generated label (Guideline 3.2.1)", "加上可見的人工智能生成標籤（指引 3.2.1）"), "safe", [label]));
    if (wrapEdits) fixes.push(fix(wrapTitle, "safe", wrapEdits));
    return fixes;
  }
  const json = isJsonPayload(file, sink);
  if (sink.category !== "response" && !json) {
    // Chat, UI and e-mail messages are read by people: the label goes into the text they read.
    if (wrapEdits) fixes.push(fix(wrapTitle, "safe", wrapEdits));
    if (field) fixes.push(field);
    return fixes;
  }
  const header = headerEdits(file, sink);
  const headerFix = header && fix(localized(`Add an ${HEADER} header to the response (Guideline 3.2.1)`, `在回應中加入 ${HEADER} 標頭（指引 3.2.1）`), "safe", header);
  // A rendered template shows its variables: a label appended there is what the reader sees.
  if (!json && wrapEdits && isTemplate(file, sink)) fixes.push(fix(wrapTitle, "safe", wrapEdits));
  if (field && json) fixes.push(field);
  if (headerFix) fixes.push(headerFix);
  if (field && !json) fixes.push(field);
  if (wrapEdits && !fixes.some((f) => f.edits === wrapEdits)) fixes.push(fix(wrapTitle, json || wrapsResponse(sink, targets) ? "unsafe" : "safe", wrapEdits));
  return fixes;
}

function sinkText(file: ParsedFile, sink: SinkFact): string {
  return file.text.slice(sink.loc.start, sink.loc.end);
}

function isTemplate(file: ParsedFile, sink: SinkFact): boolean {
  return /\b(render|render_template|render_to_response|render_template_string|TemplateResponse)\s*\(/.test(sinkText(file, sink)) || /\.render$/.test(sink.api);
}

/**
 * Whether what is sent is JSON a client program parses: a JSON responder, a serialised payload
 * (`ws.send(JSON.stringify({...}))`), or an object literal a handler sends or returns.
 */
function isJsonPayload(file: ParsedFile, sink: SinkFact): boolean {
  if (isTemplate(file, sink)) return false;
  if (/(^|\.)json$/i.test(sink.api) || /\b(json|jsonify|JsonResponse|JSONResponse|ORJSONResponse|UJSONResponse|json\.dumps)\s*\(|\.(json|stringify)\s*\(/.test(sinkText(file, sink))) return true;
  return sink.category === "response" && !!sink.payloadObject && /^[{]/.test(file.text.slice(sink.payloadObject.start, sink.payloadObject.end));
}

/** A field can be added to object literals and to `jsonify(...)`-style keyword payloads, not to a response class's keywords. */
function fieldCapable(file: ParsedFile, sink: SinkFact): boolean {
  const payload = file.text.slice(sink.payloadObject!.start, sink.payloadObject!.end);
  return payload.startsWith("{") || /^(jsonify|dict|render_template|render_template_string)\s*\(/.test(payload) || sink.category !== "response";
}

/** A wrap that would turn a response object itself into text. */
function wrapsResponse(sink: SinkFact, targets: readonly { span: Span }[]): boolean {
  const p = sink.payloadObject;
  return !!p && targets.some((t) => t.span.start <= p.start && p.end <= t.span.end);
}

// ---------------------------------------------------------------- headers

/** Sets the disclosure header where the response is built: a header call before the statement, or a `headers` option. */
function headerEdits(file: ParsedFile, sink: SinkFact): TextEdit[] | undefined {
  const role = /^([a-z]+\.[a-z]+)\./.exec(sink.api)?.[1];
  const setter = role ? HEADER_SETTERS[role] : undefined;
  if (setter && sink.stmt) {
    // `res.status(200).send(text)` -> `res.setHeader("X-AI-Generated", "true");` on the line before; a
    // streamed body (`res.write` in a loop) has sent its headers by the second write: set it first thing.
    const stmtText = file.text.slice(sink.stmt.start, sink.stmt.end);
    const root = /^(?:return\s+|await\s+)*([A-Za-z_$][\w$]*)\./.exec(stmtText)?.[1];
    if (!root || !file.text.slice(sink.loc.start).startsWith(root)) return undefined;
    const anchor = /\.(write|end|writeHead)$/.test(sink.api) ? enclosingBody(file.program.body, sink.stmt)?.[0]?.span : sink.stmt;
    // The statement must start its line (a declaration's span starts at its name, after `const`).
    const indent = anchor && indentAt(file.text, anchor.start);
    if (!anchor || !/^[ \t]*((const|let|var)\s+)?$/.test(file.text.slice(lineStart(file.text, anchor.start), anchor.start))) return undefined;
    const at = lineStart(file.text, anchor.start) + indent!.length;
    return [{ start: at, end: at, newText: `${root}.${setter}("${HEADER}", "true");${newline(file.text)}${indent}` }];
  }
  const call = responseCall(file, sink);
  if (!call) return undefined;
  const py = file.language === "python";
  const name = call.callee.k === "member" ? call.callee.prop : call.callee.k === "name" ? call.callee.name : "";
  if (py) {
    if (!PY_HEADER_RESPONSES.test(name) || call.args.some((a) => a.name === "headers" || a.spread)) return undefined;
    return [appendArg(file, call, `headers={"${HEADER}": "true"}`)];
  }
  // `new Response(body)`, `result.toTextStreamResponse()`: the init object's `headers`.
  const init = name === "Response" && call.isNew ? 1 : STREAM_RESPONSE_METHODS.has(name) && !name.startsWith("pipe") ? 0 : -1;
  if (init < 0) return undefined;
  return initHeaders(file, call, init);
}

/** Adds the header to the `init` argument at `index` of a JS call: a new init object, or a `headers` entry in one. */
function initHeaders(file: ParsedFile, call: CallExpr, index: number): TextEdit[] | undefined {
  const entry = `"${HEADER}": "true"`;
  const arg = call.args[index];
  if (!arg) return call.args.length === index ? [appendArg(file, call, `{ headers: { ${entry} } }`)] : undefined;
  if (arg.value.k !== "object" || arg.spread) return undefined;
  const headers = arg.value.entries.find((en) => en.key === "headers");
  if (!headers) return [{ start: arg.value.span.start + 1, end: arg.value.span.start + 1, newText: ` headers: { ${entry} },` }];
  if (headers.value.k !== "object") return undefined;
  return [{ start: headers.value.span.start + 1, end: headers.value.span.start + 1, newText: ` ${entry},` }];
}

/** An argument added at the end of a call's argument list. */
function appendArg(file: ParsedFile, call: CallExpr, arg: string): TextEdit {
  const at = call.span.end - 1;
  const before = file.text.slice(call.span.start, at).trimEnd();
  return { start: at, end: at, newText: `${before.endsWith("(") || before.endsWith(",") ? "" : ", "}${arg}` };
}

/** The call that builds the response of a sink: the sink call itself, or the call a `return` returns. */
function responseCall(file: ParsedFile, sink: SinkFact): CallExpr | undefined {
  const at = sink.loc.start + offsetOfValue(file, sink);
  let found: CallExpr | undefined;
  walk(file.program.body, { start: at, end: at + 1 }, (e) => {
    if (!found && e.k === "call" && e.span.start === at && file.text[e.span.end - 1] === ")") found = e;
  });
  return found;
}

/** Where the returned value starts in a `return` statement sink (0 for a call sink). */
function offsetOfValue(file: ParsedFile, sink: SinkFact): number {
  const m = /^(return\s+(await\s+)?|await\s+)/.exec(sinkText(file, sink));
  return m ? m[0].length : 0;
}

// ---------------------------------------------------------------- JSX label

/**
 * A visible label element: right after the one child it labels, or as the first child of the smallest
 * element holding every sink of the tree (a label element discloses the block it sits in).
 */
function labelElementEdit(file: ParsedFile, sinks: ReadonlyArray<SinkFact & { anchor?: Span }>): TextEdit | undefined {
  // A sink of a tree rendered inside this one shows where that tree is rendered.
  const spans = sinks.map((s) => s.anchor ?? s.loc);
  const distinct = spans.filter((s, i) => spans.findIndex((o) => o.start === s.start) === i);
  if (distinct.length === 1 && sinks[0].labelAt !== undefined) {
    return { start: sinks[0].labelAt, end: sinks[0].labelAt, newText: ` ${LABEL_ELEMENT}` };
  }
  const hull = { start: Math.min(...distinct.map((s) => s.start)), end: Math.max(...distinct.map((s) => s.end)) };
  let holder: JsxExpr | undefined;
  walk(file.program.body, hull, (e) => {
    if (e.k === "jsx" && takesLabel(e) && e.span.start < hull.start && hull.end <= e.span.end && (!holder || e.span.end - e.span.start < holder.span.end - holder.span.start)) holder = e;
  });
  const open = holder && openingTagEnd(file.text, holder);
  if (open === undefined) return undefined;
  const nl = newline(file.text);
  const after = file.text.slice(open);
  // On its own line when the children start on the next line, inline otherwise.
  if (/^[ \t]*\r?\n/.test(after)) {
    const firstChild = /^[ \t]*\r?\n([ \t]*)/.exec(after)![1];
    return { start: open, end: open, newText: `${nl}${firstChild || indentAt(file.text, holder!.span.start) + "  "}${LABEL_ELEMENT}` };
  }
  return { start: open, end: open, newText: `${LABEL_ELEMENT} ` };
}

/** The offset just after `>` of an element's opening tag; undefined for a self-closing element. */
function openingTagEnd(text: string, el: JsxExpr): number | undefined {
  let i = Math.max(el.span.start + 1 + el.tag.length, ...el.attrs.map((a) => a.span.end));
  while (i < el.span.end && text[i] !== ">") i++;
  if (i >= el.span.end || text[i - 1] === "/") return undefined;
  return i + 1;
}

/** The body of the innermost function holding the statement at `span`. */
function enclosingBody(body: readonly Stmt[], span: Span): readonly Stmt[] | undefined {
  let found: readonly Stmt[] | undefined;
  // Functions are entered outermost first: the last one entered is the innermost.
  walk(body, span, () => undefined, (fnBody) => {
    found = fnBody;
  });
  return found;
}

/** Visits every expression whose span holds `within`, statements and function bodies included. */
function walk(body: readonly Stmt[], within: Span, visit: (e: Expr) => void, enterFunction?: (body: readonly Stmt[]) => void): void {
  let budget = 20000;
  const holds = (s: Span) => s.start <= within.start && within.end <= s.end;
  const expr = (e: Expr | undefined): void => {
    if (!e || --budget < 0 || !holds(e.span)) return;
    visit(e);
    if (e.k === "func") fnBody(e.fn.body);
    else if (e.k === "class") stmts(e.cls.body);
    else forEachChildExpr(e, expr);
  };
  const fnBody = (list: readonly Stmt[]): void => {
    enterFunction?.(list);
    stmts(list);
  };
  const stmts = (list: readonly Stmt[]): void => {
    for (const s of list) {
      if (budget < 0 || !holds(s.span)) continue;
      if (s.k === "func") fnBody(s.fn.body);
      else if (s.k === "class") stmts(s.cls.body);
      else forEachStmtPart(s, expr, stmts);
    }
  };
  stmts(body);
}
