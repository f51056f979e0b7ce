// Lowers a tree-sitter JavaScript / TypeScript / TSX tree into the shared program model.
import type { Node } from "web-tree-sitter";
import { collectTokens, decodeEscapes, LowererBase, LoweringState, spanOf, unknown } from "./lowerCommon";
import type {
  Arg,
  ClassDef,
  Expr,
  FunctionDef,
  JsxAttr,
  JsxChild,
  JsxExpr,
  Language,
  ObjectEntry,
  Param,
  Pattern,
  ProgramIR,
  Span,
  Stmt,
} from "./types";
import { containsYield } from "./walk";

const STRING_PIECES = new Set(["string_fragment", "jsx_text"]);

const FUNCTION_TYPES = new Set([
  "function_declaration",
  "generator_function_declaration",
  "function_expression",
  "function",
  "generator_function",
  "arrow_function",
  "method_definition",
]);

export function lowerJavaScript(root: Node, language: Language): ProgramIR {
  const state = new LoweringState();
  collectTokens(root, state, STRING_PIECES);
  const lowerer = new JsLowerer(state);
  const body = lowerer.statements(root);
  return {
    language,
    body,
    types: lowerer.types,
    comments: state.comments,
    literals: state.literals,
    syntaxErrors: state.syntaxErrors,
    truncated: state.truncated,
    hasJsx: state.hasJsx,
  };
}

/** One top-level node of a JS/TS program on its own (see lowerPythonTopLevel). */
export function lowerJavaScriptTopLevel(node: Node, language: Language): ProgramIR {
  const state = new LoweringState();
  collectTokens(node, state, STRING_PIECES);
  const lowerer = new JsLowerer(state);
  const body = node.isNamed && node.type !== "comment" ? lowerer.topLevel(node) : [];
  return { language, body, types: lowerer.types, comments: state.comments, literals: state.literals, syntaxErrors: state.syntaxErrors, truncated: state.truncated, hasJsx: state.hasJsx };
}

function stringValue(node: Node): string {
  // `string` nodes hold string_fragment and escape_sequence children.
  let out = "";
  for (const c of node.namedChildren) {
    if (!c) continue;
    if (c.type === "string_fragment") out += c.text;
    else if (c.type === "escape_sequence") out += decodeEscapes(c.text);
  }
  return out;
}

function propertyKey(node: Node | null): string | undefined {
  if (!node) return undefined;
  switch (node.type) {
    case "property_identifier":
    case "identifier":
    case "shorthand_property_identifier":
    case "shorthand_property_identifier_pattern":
    case "private_property_identifier":
    case "number":
      return node.text;
    case "string":
      return stringValue(node);
    default:
      return undefined;
  }
}

class JsLowerer extends LowererBase {
  /** One child of the program, as `statements` lowers it. */
  topLevel(node: Node): Stmt[] {
    const out: Stmt[] = [];
    this.statementInto(node, out);
    return out;
  }

  /** A statement position that may hold a block or a single statement. */
  private body(node: Node | null): Stmt[] {
    if (!node) return [];
    if (node.type === "statement_block") return this.statements(node);
    const stmt = this.statement(node);
    if (!stmt) return [];
    return Array.isArray(stmt) ? stmt : [stmt];
  }

  protected statement(node: Node): Stmt | Stmt[] | undefined {
    const span = spanOf(node);
    switch (node.type) {
      case "expression_statement": {
        const inner = node.namedChildren.find((c) => c && c.type !== "comment");
        if (!inner) return undefined;
        return this.expressionStatement(inner, span);
      }
      case "lexical_declaration":
      case "variable_declaration":
        return this.declaration(node, false);
      case "return_statement": {
        const value = node.namedChildren.find((c) => c && c.type !== "comment");
        return { k: "return", span, value: value ? this.expr(value) : undefined };
      }
      case "throw_statement": {
        const value = node.namedChildren.find((c) => c && c.type !== "comment");
        return { k: "throw", span, value: value ? this.expr(value) : undefined };
      }
      case "if_statement": {
        const cond = node.childForFieldName("condition");
        const alt = node.childForFieldName("alternative");
        const altBody = alt ? (alt.type === "else_clause" ? alt.namedChildren.find((c) => c && c.type !== "comment") ?? null : alt) : null;
        return { k: "if", span, test: cond ? this.expr(cond) : unknown(node), then: this.body(node.childForFieldName("consequence")), else: this.body(altBody) };
      }
      case "for_in_statement": {
        const left = node.childForFieldName("left");
        const right = node.childForFieldName("right");
        const isIn = node.childForFieldName("operator")?.text === "in";
        const iter = right ? this.expr(right) : unknown(node);
        return {
          k: "loop",
          span,
          target: left ? this.pattern(left) : undefined,
          // `for (k in obj)` iterates keys, which carry no content.
          iter: isIn ? { k: "unknown", span: iter.span, children: [] } : iter,
          body: this.body(node.childForFieldName("body")),
          orelse: [],
        };
      }
      case "for_statement": {
        const init = node.childForFieldName("initializer");
        const pre: Stmt[] = init ? this.body(init) : [];
        const cond = node.childForFieldName("condition");
        const loop: Stmt = { k: "loop", span, test: cond ? this.expr(cond) : undefined, body: this.body(node.childForFieldName("body")), orelse: [] };
        return [...pre, loop];
      }
      case "while_statement":
      case "do_statement": {
        const cond = node.childForFieldName("condition");
        return { k: "loop", span, test: cond ? this.expr(cond) : undefined, body: this.body(node.childForFieldName("body")), orelse: [] };
      }
      case "try_statement": {
        const handler = node.childForFieldName("handler");
        const finalizer = node.childForFieldName("finalizer");
        const param = handler?.childForFieldName("parameter");
        return {
          k: "try",
          span,
          body: this.body(node.childForFieldName("body")),
          handlers: handler ? [{ param: param ? this.pattern(param) : undefined, body: this.body(handler.childForFieldName("body")) }] : [],
          orelse: [],
          finally: finalizer ? this.body(finalizer.childForFieldName("body")) : [],
        };
      }
      case "switch_statement": {
        const value = node.childForFieldName("value");
        const cases: Array<{ test?: Expr; body: Stmt[] }> = [];
        for (const c of node.childForFieldName("body")?.namedChildren ?? []) {
          if (!c || (c.type !== "switch_case" && c.type !== "switch_default")) continue;
          const test = c.childForFieldName("value");
          const bodyStmts: Stmt[] = [];
          for (const b of c.childrenForFieldName("body")) {
            if (b) bodyStmts.push(...this.body(b));
          }
          cases.push({ test: test ? this.expr(test) : undefined, body: bodyStmts });
        }
        return { k: "switch", span, disc: value ? this.expr(value) : unknown(node), cases };
      }
      case "statement_block":
        return { k: "block", span, body: this.statements(node) };
      case "labeled_statement":
        return this.body(node.childForFieldName("body"));
      case "break_statement":
        return { k: "jump", span, kind: "break" };
      case "continue_statement":
        return { k: "jump", span, kind: "continue" };
      case "function_declaration":
      case "generator_function_declaration":
        return { k: "func", span, fn: this.functionDef(node) };
      case "class_declaration":
      case "abstract_class_declaration":
        return { k: "class", span, cls: this.classDef(node) };
      case "import_statement":
        return this.importStatement(node);
      case "export_statement":
        return this.exportStatement(node);
      case "interface_declaration":
      case "type_alias_declaration":
        this.typeDecl(node);
        return undefined;
      case "ambient_declaration":
      case "module":
      case "internal_module": {
        const bodyNode = node.childForFieldName("body") ?? node.namedChildren.find((c) => c?.type === "statement_block") ?? null;
        return bodyNode ? { k: "block", span, body: this.statements(bodyNode) } : undefined;
      }
      case "empty_statement":
      case "debugger_statement":
      case "enum_declaration":
      case "import_alias":
      case "hash_bang_line":
      case "comment":
        return undefined;
      case "ERROR":
        return this.statements(node);
      default:
        if (node.isNamed) return { k: "expr", span, expr: this.expr(node) };
        return undefined;
    }
  }

  private expressionStatement(inner: Node, span: Span): Stmt {
    if (inner.type === "assignment_expression" || inner.type === "augmented_assignment_expression") {
      const left = inner.childForFieldName("left");
      const right = inner.childForFieldName("right");
      const op = inner.type === "augmented_assignment_expression" ? (inner.childForFieldName("operator")?.text ?? "+=") : undefined;
      return { k: "assign", span, targets: left ? [this.pattern(left)] : [], value: right ? this.expr(right) : undefined, op };
    }
    return { k: "expr", span, expr: this.expr(inner) };
  }

  private declaration(node: Node, exported: boolean): Stmt[] {
    const out: Stmt[] = [];
    for (const d of node.namedChildren) {
      if (!d || d.type !== "variable_declarator") continue;
      const name = d.childForFieldName("name");
      const value = d.childForFieldName("value");
      const typeNode = d.childForFieldName("type");
      const lowered = value ? this.expr(value) : undefined;
      // `const ask = async (q) => {...}`: the function is known by the variable's name.
      if (lowered?.k === "func" && !lowered.fn.name && name?.type === "identifier") {
        lowered.fn.name = name.text;
        if (exported) lowered.fn.exported = true;
        if (typeNode) lowered.fn.declaredType = typeText(typeNode);
      }
      out.push({
        k: "assign",
        span: spanOf(d),
        targets: name ? [this.pattern(name)] : [],
        value: lowered,
        typeAnn: typeNode ? typeText(typeNode) : undefined,
        exported,
        decl: true,
      });
    }
    return out;
  }

  private importStatement(node: Node): Stmt | undefined {
    const source = node.childForFieldName("source");
    if (!source) return undefined;
    const module = stringValue(source);
    const names: Array<{ imported: string; local: string }> = [];
    const clause = node.namedChildren.find((c) => c?.type === "import_clause");
    for (const c of clause?.namedChildren ?? []) {
      if (!c) continue;
      if (c.type === "identifier") names.push({ imported: "default", local: c.text });
      else if (c.type === "namespace_import") {
        const id = c.namedChildren.find((x) => x?.type === "identifier");
        if (id) names.push({ imported: "*", local: id.text });
      } else if (c.type === "named_imports") {
        for (const s of c.namedChildren) {
          if (!s || s.type !== "import_specifier") continue;
          const name = s.childForFieldName("name");
          const alias = s.childForFieldName("alias");
          const imported = name ? (name.type === "string" ? stringValue(name) : name.text) : "";
          names.push({ imported, local: alias?.text ?? imported });
        }
      }
    }
    return { k: "import", span: spanOf(node), imp: { module, names } };
  }

  private exportStatement(node: Node): Stmt | Stmt[] | undefined {
    const span = spanOf(node);
    const source = node.childForFieldName("source");
    const declaration = node.childForFieldName("declaration");
    const isDefault = node.children.some((c) => c?.type === "default");
    if (declaration) {
      if (declaration.type === "lexical_declaration" || declaration.type === "variable_declaration") return this.declaration(declaration, true);
      const stmt = this.statement(declaration);
      const stmts = stmt ? (Array.isArray(stmt) ? stmt : [stmt]) : [];
      for (const s of stmts) {
        if (s.k === "func") {
          s.fn.exported = true;
          s.fn.isDefaultExport = isDefault;
        } else if (s.k === "class") {
          s.cls.exported = true;
          // `@Injectable() export class X`: the decorators belong to the export statement in the tree.
          for (const d of node.namedChildren) if (d?.type === "decorator") s.cls.decorators.push(d.namedChildren[0] ? this.expr(d.namedChildren[0]) : unknown(d));
        }
      }
      if (isDefault) {
        const named = stmts.find((s) => s.k === "func" || s.k === "class");
        if (named?.k === "func" && named.fn.name) return [...stmts, { k: "exportNames", span, names: [{ local: named.fn.name, exported: "default" }] }];
        if (named?.k === "class" && named.cls.name) return [...stmts, { k: "exportNames", span, names: [{ local: named.cls.name, exported: "default" }] }];
      }
      return stmts;
    }
    const value = node.childForFieldName("value");
    if (value) {
      if (FUNCTION_TYPES.has(value.type) || value.type === "class") {
        const expr = this.expr(value);
        if (expr.k === "func") {
          expr.fn.exported = true;
          expr.fn.isDefaultExport = true;
        }
        return { k: "exportDefault", span, expr };
      }
      return { k: "exportDefault", span, expr: this.expr(value) };
    }
    const clause = node.namedChildren.find((c) => c?.type === "export_clause");
    if (clause) {
      const names: Array<{ local: string; exported: string }> = [];
      for (const s of clause.namedChildren) {
        if (!s || s.type !== "export_specifier") continue;
        const name = s.childForFieldName("name");
        const alias = s.childForFieldName("alias");
        const local = name ? (name.type === "string" ? stringValue(name) : name.text) : "";
        names.push({ local, exported: alias ? (alias.type === "string" ? stringValue(alias) : alias.text) : local });
      }
      return { k: "exportNames", span, names, from: source ? stringValue(source) : undefined };
    }
    if (source) {
      const ns = node.namedChildren.find((c) => c?.type === "namespace_export");
      const alias = ns?.namedChildren.find((c) => c?.type === "identifier" || c?.type === "string");
      return { k: "exportAll", span, from: stringValue(source), as: alias ? (alias.type === "string" ? stringValue(alias) : alias.text) : undefined };
    }
    return undefined;
  }

  private typeDecl(node: Node): void {
    const name = node.childForFieldName("name")?.text;
    if (!name) return;
    const bodyNode = node.childForFieldName("body") ?? node.childForFieldName("value");
    const fields: Array<{ name: string; typeAnn?: string }> = [];
    const visit = (n: Node | null, depth: number): void => {
      if (!n || depth > 3) return;
      for (const c of n.namedChildren) {
        if (!c) continue;
        if (c.type === "property_signature") {
          const key = propertyKey(c.childForFieldName("name"));
          const t = c.childForFieldName("type");
          if (key) fields.push({ name: key, typeAnn: t ? typeText(t) : undefined });
        } else if (c.type === "object_type" || c.type === "interface_body" || c.type === "intersection_type") visit(c, depth + 1);
      }
    };
    if (bodyNode?.type === "object_type" || bodyNode?.type === "interface_body") visit(bodyNode, 0);
    else if (bodyNode) visit(bodyNode, 0);
    this.types.push({ name, fields });
  }

  functionDef(node: Node, nameOverride?: string): FunctionDef {
    const nameNode = node.childForFieldName("name");
    const paramsNode = node.childForFieldName("parameters") ?? node.childForFieldName("parameter");
    const bodyNode = node.childForFieldName("body");
    let body: Stmt[];
    if (bodyNode && bodyNode.type !== "statement_block") body = [{ k: "return", span: spanOf(bodyNode), value: this.expr(bodyNode) }];
    else body = this.statements(bodyNode);
    const isGenerator = node.type.startsWith("generator") || node.children.some((c) => c?.type === "*");
    return {
      id: node.startIndex,
      name: nameOverride ?? (nameNode ? propertyKey(nameNode) ?? nameNode.text : undefined),
      nameSpan: nameNode ? spanOf(nameNode) : undefined,
      params: this.parameters(paramsNode),
      body,
      decorators: node.namedChildren.filter((c): c is Node => c?.type === "decorator").map((d) => (d.namedChildren[0] ? this.expr(d.namedChildren[0]) : unknown(d))),
      isAsync: node.children.some((c) => c?.type === "async"),
      isGenerator: isGenerator || containsYield(body),
      isMethod: node.type === "method_definition",
      span: spanOf(node),
    };
  }

  private classDef(node: Node): ClassDef {
    const nameNode = node.childForFieldName("name");
    const bases: Expr[] = [];
    const heritage = node.namedChildren.find((c) => c?.type === "class_heritage");
    for (const h of heritage?.namedChildren ?? []) {
      if (!h) continue;
      if (h.type === "extends_clause") {
        const v = h.childForFieldName("value") ?? h.namedChildren[0];
        if (v) bases.push(this.expr(v));
      } else if (h.type !== "implements_clause") bases.push(this.expr(h));
    }
    const body: Stmt[] = [];
    const fields: Array<{ name: string; typeAnn?: string }> = [];
    // Decorators of a member (`@Post("x")`) precede it in the class body.
    let pending: Expr[] = [];
    for (const m of node.childForFieldName("body")?.namedChildren ?? []) {
      if (!m) continue;
      if (m.type === "decorator") {
        pending.push(m.namedChildren[0] ? this.expr(m.namedChildren[0]) : unknown(m));
        continue;
      }
      const decorators = pending;
      pending = [];
      if (m.type === "method_definition") {
        const fn = this.functionDef(m);
        fn.decorators.push(...decorators);
        body.push({ k: "func", span: spanOf(m), fn });
      } else if (m.type === "public_field_definition" || m.type === "field_definition") {
        const key = propertyKey(m.childForFieldName("name") ?? m.childForFieldName("property"));
        const value = m.childForFieldName("value");
        const t = m.childForFieldName("type");
        if (key) {
          fields.push({ name: key, typeAnn: t ? typeText(t) : undefined });
          const thisExpr: Expr = { k: "name", span: spanOf(m), name: "this" };
          if (value) body.push({ k: "assign", span: spanOf(m), targets: [{ k: "member", span: spanOf(m), object: thisExpr, prop: key }], value: this.expr(value) });
        }
      }
    }
    return {
      id: node.startIndex,
      name: nameNode?.text,
      bases,
      body,
      decorators: node.namedChildren.filter((c): c is Node => c?.type === "decorator").map((d) => (d.namedChildren[0] ? this.expr(d.namedChildren[0]) : unknown(d))),
      fields,
      span: spanOf(node),
    };
  }

  private parameters(node: Node | null): Param[] {
    if (!node) return [];
    if (node.type === "identifier") return [{ pattern: { k: "name", span: spanOf(node), name: node.text }, name: node.text, kind: "normal", span: spanOf(node) }];
    const out: Param[] = [];
    for (const p of node.namedChildren) {
      if (!p || p.type === "comment") continue;
      const span = spanOf(p);
      let patNode: Node | null = p;
      let typeAnn: string | undefined;
      let def: Expr | undefined;
      let decorators: string[] | undefined;
      let decoratorExprs: Expr[] | undefined;
      let property = false;
      if (p.type === "required_parameter" || p.type === "optional_parameter") {
        patNode = p.childForFieldName("pattern");
        const t = p.childForFieldName("type");
        typeAnn = t ? typeText(t) : undefined;
        const v = p.childForFieldName("value");
        if (v) def = this.expr(v);
        for (const c of p.namedChildren) {
          if (c?.type === "decorator") {
            const inner = c.namedChildren[0];
            const callee = inner?.type === "call_expression" ? inner.childForFieldName("function") : inner;
            const name = callee?.type === "member_expression" ? callee.childForFieldName("property")?.text : callee?.text;
            if (name) (decorators ??= []).push(name);
            if (inner) (decoratorExprs ??= []).push(this.expr(inner));
          } else if (c?.type === "accessibility_modifier" || c?.type === "override_modifier") property = true;
        }
        if (p.children.some((c) => c?.type === "readonly")) property = true;
      }
      if (!patNode) continue;
      let kind: Param["kind"] = "normal";
      if (patNode.type === "rest_pattern") {
        kind = "rest";
        patNode = patNode.namedChildren[0] ?? patNode;
      }
      if (patNode.type === "assignment_pattern") {
        const right = patNode.childForFieldName("right");
        if (right) def = this.expr(right);
        patNode = patNode.childForFieldName("left") ?? patNode;
      }
      if (patNode.type === "this") continue;
      const pattern = this.pattern(patNode);
      out.push({ pattern, name: pattern.k === "name" ? pattern.name : undefined, default: def, typeAnn, kind, span, decorators, decoratorExprs, property: property || undefined });
    }
    return out;
  }

  pattern(node: Node): Pattern {
    const span = spanOf(node);
    switch (node.type) {
      case "identifier":
      case "shorthand_property_identifier_pattern":
        return { k: "name", span, name: node.text };
      case "object_pattern": {
        const props: Array<{ key: string; target: Pattern; default?: Expr }> = [];
        let rest: Pattern | undefined;
        for (const c of node.namedChildren) {
          if (!c) continue;
          if (c.type === "shorthand_property_identifier_pattern") props.push({ key: c.text, target: { k: "name", span: spanOf(c), name: c.text } });
          else if (c.type === "object_assignment_pattern") {
            const left = c.childForFieldName("left");
            const right = c.childForFieldName("right");
            if (left) props.push({ key: left.text, target: { k: "name", span: spanOf(left), name: left.text }, default: right ? this.expr(right) : undefined });
          } else if (c.type === "pair_pattern") {
            const key = propertyKey(c.childForFieldName("key"));
            const value = c.childForFieldName("value");
            if (key && value) {
              if (value.type === "assignment_pattern") {
                const l = value.childForFieldName("left");
                const r = value.childForFieldName("right");
                if (l) props.push({ key, target: this.pattern(l), default: r ? this.expr(r) : undefined });
              } else props.push({ key, target: this.pattern(value) });
            }
          } else if (c.type === "rest_pattern") {
            const inner = c.namedChildren[0];
            if (inner) rest = this.pattern(inner);
          }
        }
        return { k: "objpat", span, props, rest };
      }
      case "array_pattern": {
        const elements: Array<Pattern | null> = [];
        let rest: Pattern | undefined;
        for (const c of node.namedChildren) {
          if (!c) continue;
          if (c.type === "rest_pattern") {
            const inner = c.namedChildren[0];
            if (inner) rest = this.pattern(inner);
          } else elements.push(this.pattern(c));
        }
        return { k: "arrpat", span, elements, rest };
      }
      case "assignment_pattern": {
        const left = node.childForFieldName("left");
        const right = node.childForFieldName("right");
        if (!left) return { k: "ignore", span };
        return right ? { k: "default", span, target: this.pattern(left), default: this.expr(right) } : this.pattern(left);
      }
      case "member_expression": {
        const obj = node.childForFieldName("object");
        return { k: "member", span, object: obj ? this.expr(obj) : unknown(node), prop: node.childForFieldName("property")?.text ?? "" };
      }
      case "subscript_expression": {
        const obj = node.childForFieldName("object");
        const idx = node.childForFieldName("index");
        return { k: "index", span, object: obj ? this.expr(obj) : unknown(node), index: idx ? this.expr(idx) : unknown(node) };
      }
      case "parenthesized_expression":
      case "non_null_expression":
      case "as_expression":
      case "satisfies_expression": {
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
      case "shorthand_property_identifier":
      case "this":
      case "super":
        return { k: "name", span, name: node.text };
      case "undefined":
        return { k: "const", span, value: undefined };
      case "string":
        return { k: "str", span, value: stringValue(node) };
      case "template_string":
        return this.template(node);
      case "number":
        return { k: "const", span, value: Number(node.text.replace(/_/g, "").replace(/n$/, "")) };
      case "true":
        return { k: "const", span, value: true };
      case "false":
        return { k: "const", span, value: false };
      case "null":
        return { k: "const", span, value: null };
      case "regex":
        return { k: "const", span, value: undefined };
      case "member_expression": {
        const obj = node.childForFieldName("object");
        const prop = node.childForFieldName("property");
        return { k: "member", span, object: obj ? this.expr(obj) : unknown(node), prop: prop?.text ?? "", propSpan: prop ? spanOf(prop) : span };
      }
      case "subscript_expression": {
        const obj = node.childForFieldName("object");
        const idx = node.childForFieldName("index");
        return { k: "index", span, object: obj ? this.expr(obj) : unknown(node), index: idx ? this.expr(idx) : unknown(node) };
      }
      case "call_expression": {
        const fn = node.childForFieldName("function");
        const argsNode = node.childForFieldName("arguments");
        if (fn?.type === "import") {
          return { k: "call", span, callee: { k: "name", span: spanOf(fn), name: "import" }, args: this.arguments(argsNode), isNew: false };
        }
        // `await (x).y()` parses as a call of an identifier `await` (`await(x).y()`): it is the await of x.
        if (fn?.type === "identifier" && fn.text === "await" && argsNode?.namedChildCount === 1 && argsNode.namedChildren[0]) {
          return { k: "await", span, expr: this.expr(argsNode.namedChildren[0]) };
        }
        if (argsNode?.type === "template_string") {
          // A tagged template passes its literal text and values to the tag.
          return { k: "call", span, callee: fn ? this.expr(fn) : unknown(node), args: [{ value: this.template(argsNode), span: spanOf(argsNode) }], isNew: false };
        }
        return { k: "call", span, callee: fn ? this.expr(fn) : unknown(node), args: this.arguments(argsNode), isNew: false };
      }
      case "new_expression": {
        const ctor = node.childForFieldName("constructor");
        return { k: "call", span, callee: ctor ? this.expr(ctor) : unknown(node), args: this.arguments(node.childForFieldName("arguments")), isNew: true };
      }
      case "object":
        return this.object(node);
      case "array":
        return { k: "array", span, elements: this.exprs(node.namedChildren) };
      case "spread_element": {
        const inner = node.namedChildren[0];
        return { k: "spread", span, expr: inner ? this.expr(inner) : unknown(node) };
      }
      case "binary_expression": {
        const left = node.childForFieldName("left");
        const right = node.childForFieldName("right");
        const op = node.childForFieldName("operator")?.text ?? "+";
        const l = left ? this.expr(left) : unknown(node);
        const r = right ? this.expr(right) : unknown(node);
        if (op === "&&") return { k: "logical", span, op: "and", left: l, right: r };
        if (op === "||") return { k: "logical", span, op: "or", left: l, right: r };
        if (op === "??") return { k: "logical", span, op: "??", left: l, right: r };
        if (["==", "===", "!=", "!==", "<", ">", "<=", ">=", "in", "instanceof"].includes(op)) return { k: "compare", span, op, left: l, right: r };
        return { k: "binary", span, op, left: l, right: r };
      }
      case "unary_expression": {
        const arg = node.childForFieldName("argument");
        const op = node.childForFieldName("operator")?.text ?? node.children[0]?.text ?? "";
        return { k: "unary", span, op: op === "!" ? "not" : op, operand: arg ? this.expr(arg) : unknown(node) };
      }
      case "update_expression": {
        const arg = node.childForFieldName("argument");
        return { k: "unary", span, op: "++", operand: arg ? this.expr(arg) : unknown(node) };
      }
      case "ternary_expression": {
        const c = node.childForFieldName("condition");
        const t = node.childForFieldName("consequence");
        const e = node.childForFieldName("alternative");
        return { k: "cond", span, test: c ? this.expr(c) : unknown(node), then: t ? this.expr(t) : unknown(node), else: e ? this.expr(e) : unknown(node) };
      }
      case "await_expression": {
        const inner = node.namedChildren[0];
        return { k: "await", span, expr: inner ? this.expr(inner) : unknown(node) };
      }
      case "parenthesized_expression":
      case "non_null_expression":
      case "as_expression":
      case "satisfies_expression":
      case "type_assertion": {
        const inner = node.namedChildren.find((c) => c && c.type !== "comment" && !c.type.endsWith("type") && c.type !== "type_identifier" && c.type !== "type_arguments");
        return inner ? this.expr(inner) : unknown(node);
      }
      case "sequence_expression":
        return { k: "seq", span, exprs: this.exprs(node.namedChildren) };
      case "assignment_expression":
      case "augmented_assignment_expression": {
        const left = node.childForFieldName("left");
        const right = node.childForFieldName("right");
        const op = node.type === "augmented_assignment_expression" ? (node.childForFieldName("operator")?.text ?? "+=") : undefined;
        return { k: "assign", span, target: left ? this.pattern(left) : { k: "ignore", span }, value: right ? this.expr(right) : unknown(node), op };
      }
      case "arrow_function":
      case "function_expression":
      case "function":
      case "generator_function":
        return { k: "func", span, fn: this.functionDef(node) };
      case "class":
        return { k: "class", span, cls: this.classDef(node) };
      case "yield_expression": {
        const inner = node.namedChildren[0];
        return { k: "yield", span, expr: inner ? this.expr(inner) : undefined, delegate: node.children.some((c) => c?.type === "*") };
      }
      case "jsx_element":
      case "jsx_self_closing_element":
      case "jsx_fragment":
        return this.jsx(node);
      case "jsx_expression": {
        const inner = node.namedChildren.find((c) => c && c.type !== "comment");
        return inner ? this.expr(inner) : unknown(node);
      }
      default:
        return unknown(node, this.exprs(node.namedChildren));
    }
  }

  private template(node: Node): Expr {
    const parts: Array<string | Expr> = [];
    let hasSubstitution = false;
    for (const c of node.namedChildren) {
      if (!c) continue;
      if (c.type === "string_fragment") parts.push(c.text);
      else if (c.type === "escape_sequence") parts.push(decodeEscapes(c.text));
      else if (c.type === "template_substitution") {
        const inner = c.namedChildren.find((x) => x && x.type !== "comment");
        if (inner) {
          parts.push(this.expr(inner));
          hasSubstitution = true;
        }
      }
    }
    if (!hasSubstitution) return { k: "str", span: spanOf(node), value: parts.join("") };
    return { k: "template", span: spanOf(node), parts };
  }

  private arguments(node: Node | null): Arg[] {
    const out: Arg[] = [];
    for (const a of node?.namedChildren ?? []) {
      if (!a || a.type === "comment") continue;
      if (a.type === "spread_element") {
        const inner = a.namedChildren[0];
        out.push({ value: inner ? this.expr(inner) : unknown(a), spread: "list", span: spanOf(a) });
      } else out.push({ value: this.expr(a), span: spanOf(a) });
    }
    return out;
  }

  private object(node: Node): Expr {
    const entries: ObjectEntry[] = [];
    for (const c of node.namedChildren) {
      if (!c || c.type === "comment") continue;
      const span = spanOf(c);
      if (c.type === "pair") {
        const keyNode = c.childForFieldName("key");
        const value = c.childForFieldName("value");
        const key = propertyKey(keyNode);
        let keyExpr: Expr | undefined;
        if (!key && keyNode?.type === "computed_property_name") {
          const inner = keyNode.namedChildren[0];
          keyExpr = inner ? this.expr(inner) : undefined;
          if (keyExpr?.k === "str") {
            entries.push({ key: keyExpr.value, value: value ? this.expr(value) : unknown(c), span });
            continue;
          }
        }
        entries.push({ key, keyExpr, value: value ? this.expr(value) : unknown(c), span });
      } else if (c.type === "shorthand_property_identifier") {
        entries.push({ key: c.text, value: { k: "name", span, name: c.text }, span });
      } else if (c.type === "spread_element") {
        const inner = c.namedChildren[0];
        entries.push({ value: inner ? this.expr(inner) : unknown(c), spread: true, span });
      } else if (c.type === "method_definition") {
        const fn = this.functionDef(c);
        entries.push({ key: fn.name, value: { k: "func", span, fn }, span });
      }
    }
    return { k: "object", span: spanOf(node), entries };
  }

  private jsx(node: Node): JsxExpr {
    this.state.hasJsx = true;
    const span = spanOf(node);
    let opening: Node | null = node;
    if (node.type === "jsx_element") opening = node.childForFieldName("open_tag");
    const tagNode = node.type === "jsx_fragment" ? null : opening?.childForFieldName("name");
    const attrs: JsxAttr[] = [];
    for (const a of opening?.childrenForFieldName("attribute") ?? []) {
      if (!a) continue;
      if (a.type === "jsx_attribute") {
        const nameNode = a.namedChildren[0];
        const valueNode = a.namedChildren[1];
        let value: Expr | undefined;
        if (valueNode) value = valueNode.type === "string" ? { k: "str", span: spanOf(valueNode), value: stringValue(valueNode) } : this.expr(valueNode);
        attrs.push({ name: nameNode?.text ?? "", value, span: spanOf(a) });
      } else if (a.type === "jsx_expression") {
        const inner = a.namedChildren[0];
        const spreadInner = inner?.type === "spread_element" ? inner.namedChildren[0] : inner;
        attrs.push({ name: "...", value: spreadInner ? this.expr(spreadInner) : undefined, spread: true, span: spanOf(a) });
      }
    }
    const children: JsxChild[] = [];
    if (node.type === "jsx_element" || node.type === "jsx_fragment") {
      for (const c of node.namedChildren) {
        if (!c) continue;
        if (c.type === "jsx_text") children.push({ k: "text", text: c.text, span: spanOf(c) });
        else if (c.type === "jsx_expression") {
          const inner = c.namedChildren.find((x) => x && x.type !== "comment");
          if (inner) children.push({ k: "expr", expr: this.expr(inner), span: spanOf(c) });
        } else if (c.type === "jsx_element" || c.type === "jsx_self_closing_element" || c.type === "jsx_fragment") {
          children.push({ k: "element", el: this.state.nested(() => this.jsx(c), () => ({ k: "jsx", span: spanOf(c), tag: "", attrs: [], children: [] })) });
        }
      }
    }
    return { k: "jsx", span, tag: tagNode?.text ?? "", attrs, children };
  }
}

/** Type annotation text without the leading colon. */
function typeText(node: Node): string {
  const text = node.text;
  return text.startsWith(":") ? text.slice(1).trim() : text;
}
