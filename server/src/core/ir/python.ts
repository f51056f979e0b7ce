// Lowers a tree-sitter Python tree into the shared program model.
import type { Node } from "web-tree-sitter";
import { collectTokens, decodePythonEscapes, LowererBase, LoweringState, spanOf, unknown } from "./lowerCommon";
import { containsYield } from "./walk";
import type {
  Arg,
  ClassDef,
  CompGenerator,
  Expr,
  FunctionDef,
  ImportDecl,
  ObjectEntry,
  Param,
  Pattern,
  ProgramIR,
  Stmt,
} from "./types";

const STRING_PIECES = new Set(["string_content"]);

export function lowerPython(root: Node): ProgramIR {
  const state = new LoweringState();
  collectTokens(root, state, STRING_PIECES);
  const lowerer = new PythonLowerer(state);
  const body = lowerer.statements(root);
  return {
    language: "python",
    body,
    types: lowerer.types,
    comments: state.comments,
    literals: state.literals,
    syntaxErrors: state.syntaxErrors,
    truncated: state.truncated,
    hasJsx: false,
  };
}

/**
 * Lowers one top-level node (a child of the module) on its own: the program is
 * the concatenation of its children's fragments, so an editor can re-lower only
 * the statements an edit touched.
 */
export function lowerPythonTopLevel(node: Node): ProgramIR {
  const state = new LoweringState();
  collectTokens(node, state, STRING_PIECES);
  const lowerer = new PythonLowerer(state);
  const body: Stmt[] = [];
  if (node.isNamed) lowerer.topLevel(node, body);
  return { language: "python", body, types: lowerer.types, comments: state.comments, literals: state.literals, syntaxErrors: state.syntaxErrors, truncated: state.truncated, hasJsx: false };
}

class PythonLowerer extends LowererBase {
  /** One child of the module, as `statements` lowers it. */
  topLevel(node: Node, out: Stmt[]): void {
    this.statementInto(node, out);
  }

  protected statement(node: Node): Stmt | Stmt[] | undefined {
    const span = spanOf(node);
    switch (node.type) {
      case "expression_statement": {
        const out: Stmt[] = [];
        for (const child of node.namedChildren) {
          if (!child) continue;
          if (child.type === "assignment") out.push(this.assignment(child));
          else if (child.type === "augmented_assignment") {
            const left = child.childForFieldName("left");
            const right = child.childForFieldName("right");
            const op = child.childForFieldName("operator")?.text ?? "+=";
            out.push({ k: "assign", span: spanOf(child), targets: left ? [this.pattern(left)] : [], value: right ? this.expr(right) : undefined, op });
          } else out.push({ k: "expr", span: spanOf(child), expr: this.expr(child) });
        }
        return out;
      }
      case "return_statement": {
        const value = node.namedChildren[0];
        return { k: "return", span, value: value ? this.expr(value) : undefined };
      }
      case "raise_statement": {
        const value = node.namedChildren[0];
        return { k: "throw", span, value: value ? this.expr(value) : undefined };
      }
      case "if_statement":
        return this.ifStatement(node);
      case "for_statement": {
        const left = node.childForFieldName("left");
        const right = node.childForFieldName("right");
        const alternative = node.childForFieldName("alternative");
        return {
          k: "loop",
          span,
          target: left ? this.pattern(left) : undefined,
          iter: right ? this.expr(right) : undefined,
          body: this.statements(node.childForFieldName("body")),
          orelse: alternative ? this.statements(alternative.childForFieldName("body") ?? alternative) : [],
        };
      }
      case "while_statement": {
        const cond = node.childForFieldName("condition");
        const alternative = node.childForFieldName("alternative");
        return {
          k: "loop",
          span,
          test: cond ? this.expr(cond) : undefined,
          body: this.statements(node.childForFieldName("body")),
          orelse: alternative ? this.statements(alternative.childForFieldName("body") ?? alternative) : [],
        };
      }
      case "with_statement": {
        const items: Array<{ value: Expr; target?: Pattern }> = [];
        const clause = node.namedChildren.find((c) => c?.type === "with_clause");
        for (const item of clause?.namedChildren ?? []) {
          if (!item || item.type !== "with_item") continue;
          const value = item.childForFieldName("value") ?? item.namedChildren[0];
          if (!value) continue;
          if (value.type === "as_pattern") {
            const inner = value.namedChildren[0];
            const alias = value.childForFieldName("alias") ?? value.namedChildren[1];
            const target = alias?.type === "as_pattern_target" ? alias.namedChildren[0] : alias;
            items.push({ value: inner ? this.expr(inner) : unknown(value), target: target ? this.pattern(target) : undefined });
          } else items.push({ value: this.expr(value) });
        }
        return { k: "with", span, items, body: this.statements(node.childForFieldName("body")) };
      }
      case "try_statement": {
        const handlers: Array<{ param?: Pattern; body: Stmt[] }> = [];
        let orelse: Stmt[] = [];
        let fin: Stmt[] = [];
        for (const child of node.namedChildren) {
          if (!child) continue;
          if (child.type === "except_clause" || child.type === "except_group_clause") {
            let param: Pattern | undefined;
            const named = child.namedChildren.filter((c): c is Node => !!c);
            const asPattern = named.find((c) => c.type === "as_pattern");
            if (asPattern) {
              const alias = asPattern.childForFieldName("alias") ?? asPattern.namedChildren[1];
              const target = alias?.type === "as_pattern_target" ? alias.namedChildren[0] : alias;
              if (target) param = this.pattern(target);
            } else if (named.length >= 3 && named[1].type === "identifier") param = this.pattern(named[1]);
            const blockNode = named.find((c) => c.type === "block");
            handlers.push({ param, body: this.statements(blockNode ?? null) });
          } else if (child.type === "else_clause") orelse = this.statements(child.childForFieldName("body"));
          else if (child.type === "finally_clause") fin = this.statements(child.namedChildren.find((c) => c?.type === "block") ?? null);
        }
        return { k: "try", span, body: this.statements(node.childForFieldName("body")), handlers, orelse, finally: fin };
      }
      case "function_definition":
        return { k: "func", span, fn: this.functionDef(node, []) };
      case "class_definition":
        return { k: "class", span, cls: this.classDef(node, []) };
      case "decorated_definition": {
        const decorators = node.namedChildren
          .filter((c): c is Node => c?.type === "decorator")
          .map((d) => (d.namedChildren[0] ? this.expr(d.namedChildren[0]) : unknown(d)));
        const def = node.childForFieldName("definition");
        if (def?.type === "function_definition") return { k: "func", span, fn: this.functionDef(def, decorators, span) };
        if (def?.type === "class_definition") return { k: "class", span, cls: this.classDef(def, decorators, span) };
        return undefined;
      }
      case "import_statement":
        return this.importStatement(node);
      case "import_from_statement":
      case "future_import_statement":
        return this.importFrom(node);
      case "block":
        return { k: "block", span, body: this.statements(node) };
      case "break_statement":
        return { k: "jump", span, kind: "break" };
      case "continue_statement":
        return { k: "jump", span, kind: "continue" };
      case "global_statement":
      case "nonlocal_statement":
        return { k: "global", span, names: node.namedChildren.filter((c): c is Node => c?.type === "identifier").map((c) => c.text), nonlocal: node.type === "nonlocal_statement" };
      case "match_statement": {
        const subject = node.childForFieldName("subject") ?? node.namedChildren[0];
        const bodyNode = node.childForFieldName("body");
        const cases: Array<{ test?: Expr; body: Stmt[] }> = [];
        for (const c of bodyNode?.namedChildren ?? []) {
          if (c?.type === "case_clause") cases.push({ body: this.statements(c.childForFieldName("consequence")) });
        }
        return { k: "switch", span, disc: subject ? this.expr(subject) : unknown(node), cases };
      }
      case "assert_statement":
      case "delete_statement":
      case "exec_statement":
      case "print_statement":
        return { k: "expr", span, expr: unknown(node, this.exprs(node.namedChildren)) };
      case "type_alias_statement":
      case "pass_statement":
      case "comment":
        return undefined;
      case "ERROR":
        // Keep whatever statements the parser could still recognise inside.
        return this.statements(node);
      default:
        if (node.isNamed) return { k: "expr", span, expr: this.expr(node) };
        return undefined;
    }
  }

  private assignment(node: Node): Stmt {
    // Chained `a = b = value` nests assignments on the right.
    const targets: Pattern[] = [];
    let current: Node | null = node;
    let value: Expr | undefined;
    let typeAnn: string | undefined;
    while (current && current.type === "assignment") {
      const left = current.childForFieldName("left");
      if (left) targets.push(this.pattern(left));
      typeAnn ??= current.childForFieldName("type")?.text;
      const right: Node | null = current.childForFieldName("right");
      if (right?.type === "assignment") current = right;
      else {
        value = right ? this.expr(right) : undefined;
        current = null;
      }
    }
    return { k: "assign", span: spanOf(node), targets, value, typeAnn };
  }

  private ifStatement(node: Node): Stmt {
    const cond = node.childForFieldName("condition");
    const then = this.statements(node.childForFieldName("consequence"));
    const alternatives = node.namedChildren.filter((c): c is Node => c?.type === "elif_clause" || c?.type === "else_clause");
    const buildElse = (index: number): Stmt[] => {
      const alt = alternatives[index];
      if (!alt) return [];
      if (alt.type === "else_clause") return this.statements(alt.childForFieldName("body"));
      const c = alt.childForFieldName("condition");
      return [
        {
          k: "if",
          span: { start: alt.startIndex, end: node.endIndex },
          test: c ? this.expr(c) : unknown(alt),
          then: this.statements(alt.childForFieldName("consequence")),
          else: buildElse(index + 1),
        },
      ];
    };
    return { k: "if", span: spanOf(node), test: cond ? this.expr(cond) : unknown(node), then, else: buildElse(0) };
  }

  private importStatement(node: Node): Stmt[] {
    const out: Stmt[] = [];
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === "dotted_name") {
        const module = child.text;
        const root = module.split(".")[0];
        const imp: ImportDecl = { module, names: [{ imported: "*", local: root }], bindsRoot: module.includes(".") };
        out.push({ k: "import", span: spanOf(node), imp });
      } else if (child.type === "aliased_import") {
        const name = child.childForFieldName("name")?.text ?? "";
        const alias = child.childForFieldName("alias")?.text ?? name;
        out.push({ k: "import", span: spanOf(node), imp: { module: name, names: [{ imported: "*", local: alias }] } });
      }
    }
    return out;
  }

  private importFrom(node: Node): Stmt | undefined {
    const moduleNode = node.childForFieldName("module_name");
    const module = node.type === "future_import_statement" ? "__future__" : (moduleNode?.text ?? "");
    const names: Array<{ imported: string; local: string }> = [];
    for (const child of node.namedChildren) {
      if (!child || child === moduleNode || child.startIndex === moduleNode?.startIndex) continue;
      if (child.type === "dotted_name") names.push({ imported: child.text, local: child.text });
      else if (child.type === "aliased_import") {
        const name = child.childForFieldName("name")?.text ?? "";
        names.push({ imported: name, local: child.childForFieldName("alias")?.text ?? name });
      } else if (child.type === "wildcard_import") names.push({ imported: "*all", local: "*" });
    }
    return { k: "import", span: spanOf(node), imp: { module, names } };
  }

  functionDef(node: Node, decorators: Expr[], outerSpan?: { start: number; end: number }): FunctionDef {
    const nameNode = node.childForFieldName("name");
    const params = this.parameters(node.childForFieldName("parameters"));
    const bodyNode = node.childForFieldName("body");
    const body = this.statements(bodyNode);
    const isAsync = node.children.some((c) => c?.type === "async");
    return {
      id: node.startIndex,
      name: nameNode?.text,
      nameSpan: nameNode ? spanOf(nameNode) : undefined,
      params,
      body,
      decorators,
      isAsync,
      isGenerator: containsYield(body),
      isMethod: false,
      span: outerSpan ?? spanOf(node),
    };
  }

  private classDef(node: Node, decorators: Expr[], outerSpan?: { start: number; end: number }): ClassDef {
    const nameNode = node.childForFieldName("name");
    const supers = node.childForFieldName("superclasses");
    const body = this.statements(node.childForFieldName("body"));
    const fields: Array<{ name: string; typeAnn?: string }> = [];
    for (const stmt of body) {
      if (stmt.k === "assign") {
        for (const t of stmt.targets) if (t.k === "name") fields.push({ name: t.name, typeAnn: stmt.typeAnn });
      } else if (stmt.k === "func") stmt.fn.isMethod = true;
    }
    return {
      id: node.startIndex,
      name: nameNode?.text,
      bases: supers ? this.exprs(supers.namedChildren) : [],
      body,
      decorators,
      fields,
      span: outerSpan ?? spanOf(node),
    };
  }

  /** `Annotated[Svc, Depends(get_svc)]`: the dependency call written in a parameter's type. */
  private dependencyIn(type: Node | null): Expr | undefined {
    if (!type || !/\b(Depends|Security)\(/.test(type.text)) return undefined;
    const call = type.descendantsOfType("call").find((c) => /(^|\.)(Depends|Security)$/.test(c?.childForFieldName("function")?.text ?? ""));
    return call ? this.expr(call) : undefined;
  }

  private parameters(node: Node | null): Param[] {
    const out: Param[] = [];
    if (!node) return out;
    for (const p of node.namedChildren) {
      if (!p) continue;
      const span = spanOf(p);
      switch (p.type) {
        case "identifier":
          out.push({ pattern: { k: "name", span, name: p.text }, name: p.text, kind: "normal", span });
          break;
        case "typed_parameter": {
          const inner = p.namedChildren[0];
          const type = p.childForFieldName("type")?.text;
          if (inner?.type === "identifier") out.push({ pattern: { k: "name", span: spanOf(inner), name: inner.text }, name: inner.text, typeAnn: type, kind: "normal", span, annotated: this.dependencyIn(p.childForFieldName("type")) });
          else if (inner?.type === "list_splat_pattern" || inner?.type === "dictionary_splat_pattern") {
            const id = inner.namedChildren[0];
            if (id) out.push({ pattern: { k: "name", span: spanOf(id), name: id.text }, name: id.text, typeAnn: type, kind: inner.type === "list_splat_pattern" ? "rest" : "kwrest", span });
          }
          break;
        }
        case "default_parameter":
        case "typed_default_parameter": {
          const name = p.childForFieldName("name");
          const value = p.childForFieldName("value");
          if (name) out.push({ pattern: { k: "name", span: spanOf(name), name: name.text }, name: name.text, default: value ? this.expr(value) : undefined, typeAnn: p.childForFieldName("type")?.text, kind: "normal", span, annotated: this.dependencyIn(p.childForFieldName("type")) });
          break;
        }
        case "list_splat_pattern":
        case "dictionary_splat_pattern": {
          const id = p.namedChildren[0];
          if (id) out.push({ pattern: { k: "name", span: spanOf(id), name: id.text }, name: id.text, kind: p.type === "list_splat_pattern" ? "rest" : "kwrest", span });
          break;
        }
        default:
          break;
      }
    }
    return out;
  }

  pattern(node: Node): Pattern {
    const span = spanOf(node);
    switch (node.type) {
      case "identifier":
        return { k: "name", span, name: node.text };
      case "attribute": {
        const obj = node.childForFieldName("object");
        return { k: "member", span, object: obj ? this.expr(obj) : unknown(node), prop: node.childForFieldName("attribute")?.text ?? "" };
      }
      case "subscript": {
        const obj = node.childForFieldName("value");
        const idx = node.childForFieldName("subscript");
        return { k: "index", span, object: obj ? this.expr(obj) : unknown(node), index: idx ? this.expr(idx) : unknown(node) };
      }
      case "pattern_list":
      case "tuple_pattern":
      case "list_pattern":
      case "expression_list":
      case "tuple":
      case "list": {
        const elements: Array<Pattern | null> = [];
        let rest: Pattern | undefined;
        for (const c of node.namedChildren) {
          if (!c) continue;
          if (c.type === "list_splat_pattern" || c.type === "list_splat") {
            const inner = c.namedChildren[0];
            rest = inner ? this.pattern(inner) : undefined;
          } else elements.push(this.pattern(c));
        }
        return { k: "arrpat", span, elements, rest };
      }
      case "parenthesized_expression": {
        const inner = node.namedChildren[0];
        return inner ? this.pattern(inner) : { k: "ignore", span };
      }
      default:
        return { k: "ignore", span };
    }
  }

  protected exprInner(node: Node): Expr {
    const span = spanOf(node);
    switch (node.type) {
      case "identifier":
        return { k: "name", span, name: node.text };
      case "string":
        return this.string(node);
      case "concatenated_string": {
        const parts: Array<string | Expr> = [];
        for (const c of node.namedChildren) {
          if (!c) continue;
          const lowered = this.string(c);
          if (lowered.k === "str") parts.push(lowered.value);
          else if (lowered.k === "template") parts.push(...lowered.parts);
        }
        if (parts.every((p) => typeof p === "string")) return { k: "str", span, value: parts.join("") };
        return { k: "template", span, parts };
      }
      case "integer":
      case "float":
        return { k: "const", span, value: Number(node.text.replace(/_/g, "")) };
      case "true":
        return { k: "const", span, value: true };
      case "false":
        return { k: "const", span, value: false };
      case "none":
        return { k: "const", span, value: null };
      case "attribute": {
        const obj = node.childForFieldName("object");
        const attr = node.childForFieldName("attribute");
        return { k: "member", span, object: obj ? this.expr(obj) : unknown(node), prop: attr?.text ?? "", propSpan: attr ? spanOf(attr) : span };
      }
      case "subscript": {
        const obj = node.childForFieldName("value");
        const subs = node.childrenForFieldName("subscript").filter((c): c is Node => !!c);
        const index: Expr = subs.length === 1 ? this.expr(subs[0]) : { k: "unknown", span, children: this.exprs(subs) };
        return { k: "index", span, object: obj ? this.expr(obj) : unknown(node), index };
      }
      case "call":
        return this.call(node);
      case "list":
      case "tuple":
      case "set":
      case "expression_list":
        return { k: "array", span, elements: this.exprs(node.namedChildren) };
      case "dictionary": {
        const entries: ObjectEntry[] = [];
        for (const c of node.namedChildren) {
          if (!c) continue;
          if (c.type === "pair") {
            const key = c.childForFieldName("key");
            const value = c.childForFieldName("value");
            const keyExpr = key ? this.expr(key) : undefined;
            entries.push({
              key: keyExpr?.k === "str" ? keyExpr.value : undefined,
              keyExpr: keyExpr?.k === "str" ? undefined : keyExpr,
              value: value ? this.expr(value) : unknown(c),
              span: spanOf(c),
            });
          } else if (c.type === "dictionary_splat") {
            const inner = c.namedChildren[0];
            entries.push({ value: inner ? this.expr(inner) : unknown(c), spread: true, span: spanOf(c) });
          }
        }
        return { k: "object", span, entries };
      }
      case "list_splat":
      case "dictionary_splat": {
        const inner = node.namedChildren[0];
        return { k: "spread", span, expr: inner ? this.expr(inner) : unknown(node) };
      }
      case "binary_operator": {
        const left = node.childForFieldName("left");
        const right = node.childForFieldName("right");
        return { k: "binary", span, op: node.childForFieldName("operator")?.text ?? "+", left: left ? this.expr(left) : unknown(node), right: right ? this.expr(right) : unknown(node) };
      }
      case "boolean_operator": {
        const left = node.childForFieldName("left");
        const right = node.childForFieldName("right");
        const op = node.childForFieldName("operator")?.text === "and" ? "and" : "or";
        return { k: "logical", span, op, left: left ? this.expr(left) : unknown(node), right: right ? this.expr(right) : unknown(node) };
      }
      case "not_operator": {
        const arg = node.childForFieldName("argument") ?? node.namedChildren[0];
        return { k: "unary", span, op: "not", operand: arg ? this.expr(arg) : unknown(node) };
      }
      case "unary_operator": {
        const arg = node.childForFieldName("argument") ?? node.namedChildren[0];
        return { k: "unary", span, op: node.childForFieldName("operator")?.text ?? "-", operand: arg ? this.expr(arg) : unknown(node) };
      }
      case "comparison_operator": {
        const operands = node.namedChildren.filter((c): c is Node => !!c);
        const ops = node.childrenForFieldName("operators").filter((c): c is Node => !!c).map((c) => c.text);
        const op = ops.length ? ops.join(" ") : (node.children.find((c) => c && !c.isNamed)?.text ?? "==");
        if (operands.length >= 2) return { k: "compare", span, op, left: this.expr(operands[0]), right: this.expr(operands[operands.length - 1]) };
        return unknown(node, this.exprs(operands));
      }
      case "conditional_expression": {
        const parts = node.namedChildren.filter((c): c is Node => !!c);
        if (parts.length === 3) return { k: "cond", span, then: this.expr(parts[0]), test: this.expr(parts[1]), else: this.expr(parts[2]) };
        return unknown(node, this.exprs(parts));
      }
      case "await": {
        const inner = node.namedChildren[0];
        return { k: "await", span, expr: inner ? this.expr(inner) : unknown(node) };
      }
      case "parenthesized_expression": {
        const inner = node.namedChildren.filter((c) => c?.type !== "comment");
        if (inner.length === 1 && inner[0]) return this.expr(inner[0]);
        return unknown(node, this.exprs(inner));
      }
      case "lambda": {
        const bodyNode = node.childForFieldName("body");
        const fn: FunctionDef = {
          id: node.startIndex,
          params: this.parameters(node.childForFieldName("parameters")),
          body: bodyNode ? [{ k: "return", span: spanOf(bodyNode), value: this.expr(bodyNode) }] : [],
          decorators: [],
          isAsync: false,
          isGenerator: false,
          isMethod: false,
          span,
        };
        return { k: "func", span, fn };
      }
      case "list_comprehension":
      case "set_comprehension":
      case "generator_expression":
      case "dictionary_comprehension":
        return this.comprehension(node);
      case "named_expression": {
        const name = node.childForFieldName("name");
        const value = node.childForFieldName("value");
        return { k: "assign", span, target: name ? this.pattern(name) : { k: "ignore", span }, value: value ? this.expr(value) : unknown(node) };
      }
      case "yield": {
        const inner = node.namedChildren[0];
        const delegate = node.children.some((c) => c?.type === "from");
        return { k: "yield", span, expr: inner ? this.expr(inner) : undefined, delegate };
      }
      case "keyword_argument": {
        const value = node.childForFieldName("value");
        return value ? this.expr(value) : unknown(node);
      }
      case "as_pattern": {
        const inner = node.namedChildren[0];
        return inner ? this.expr(inner) : unknown(node);
      }
      case "ellipsis":
        return { k: "const", span, value: undefined };
      default:
        return unknown(node, this.exprs(node.namedChildren));
    }
  }

  private string(node: Node): Expr {
    const span = spanOf(node);
    if (node.type !== "string") return this.expr(node);
    const parts: Array<string | Expr> = [];
    let hasInterpolation = false;
    // Raw strings (`r"\b[A-Z]{1,2}\d{6}"`, the usual way to write a pattern) keep every backslash.
    const start = node.children.find((c) => c?.type === "string_start")?.text ?? "";
    const raw = /r/i.test(start.replace(/["']/g, ""));
    for (const c of node.namedChildren) {
      if (!c) continue;
      if (c.type === "string_content") parts.push(raw ? c.text : decodePythonEscapes(c.text));
      else if (c.type === "escape_sequence") parts.push(raw ? c.text : decodePythonEscapes(c.text));
      else if (c.type === "interpolation") {
        const inner = c.childForFieldName("expression") ?? c.namedChildren[0];
        if (inner) {
          parts.push(this.expr(inner));
          hasInterpolation = true;
        }
      }
    }
    if (!hasInterpolation) return { k: "str", span, value: parts.join("") };
    return { k: "template", span, parts };
  }

  private call(node: Node): Expr {
    const span = spanOf(node);
    const fnNode = node.childForFieldName("function");
    const argsNode = node.childForFieldName("arguments");
    const callee = fnNode ? this.expr(fnNode) : unknown(node);
    const args: Arg[] = [];
    if (argsNode?.type === "generator_expression") args.push({ value: this.expr(argsNode), span: spanOf(argsNode) });
    else {
      for (const a of argsNode?.namedChildren ?? []) {
        if (!a || a.type === "comment") continue;
        const aspan = spanOf(a);
        if (a.type === "keyword_argument") {
          const name = a.childForFieldName("name")?.text;
          const value = a.childForFieldName("value");
          args.push({ name, value: value ? this.expr(value) : unknown(a), span: aspan });
        } else if (a.type === "list_splat") {
          const inner = a.namedChildren[0];
          args.push({ value: inner ? this.expr(inner) : unknown(a), spread: "list", span: aspan });
        } else if (a.type === "dictionary_splat") {
          const inner = a.namedChildren[0];
          args.push({ value: inner ? this.expr(inner) : unknown(a), spread: "dict", span: aspan });
        } else args.push({ value: this.expr(a), span: aspan });
      }
    }
    return { k: "call", span, callee, args, isNew: false };
  }

  private comprehension(node: Node): Expr {
    const span = spanOf(node);
    const kind = node.type === "list_comprehension" ? "list" : node.type === "set_comprehension" ? "set" : node.type === "dictionary_comprehension" ? "dict" : "gen";
    const bodyNode = node.childForFieldName("body");
    const generators: CompGenerator[] = [];
    for (const c of node.namedChildren) {
      if (!c) continue;
      if (c.type === "for_in_clause") {
        const left = c.childForFieldName("left");
        const right = c.childForFieldName("right");
        generators.push({ target: left ? this.pattern(left) : { k: "ignore", span }, iter: right ? this.expr(right) : unknown(c), conds: [] });
      } else if (c.type === "if_clause" && generators.length) {
        const cond = c.namedChildren[0];
        if (cond) generators[generators.length - 1].conds.push(this.expr(cond));
      }
    }
    if (kind === "dict" && bodyNode?.type === "pair") {
      const key = bodyNode.childForFieldName("key");
      const value = bodyNode.childForFieldName("value");
      return { k: "comp", span, kind, element: value ? this.expr(value) : unknown(bodyNode), key: key ? this.expr(key) : undefined, generators };
    }
    return { k: "comp", span, kind, element: bodyNode ? this.expr(bodyNode) : unknown(node), generators };
  }
}

