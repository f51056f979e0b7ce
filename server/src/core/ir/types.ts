// A small language-neutral program model. Python and JS/TS front ends lower
// their tree-sitter trees into it, so the flow engine and the rules are written
// once. Every node keeps the UTF-16 offsets of the source text it came from.

export interface Span {
  readonly start: number;
  readonly end: number;
}

export type Expr =
  | NameExpr
  | StrExpr
  | ConstExpr
  | TemplateExpr
  | MemberExpr
  | IndexExpr
  | CallExpr
  | ObjectExpr
  | ArrayExpr
  | SpreadExpr
  | BinaryExpr
  | LogicalExpr
  | UnaryExpr
  | CompareExpr
  | CondExpr
  | AwaitExpr
  | FuncExpr
  | ClassExpr
  | JsxExpr
  | CompExpr
  | YieldExpr
  | AssignExpr
  | SeqExpr
  | UnknownExpr;

export interface NameExpr { k: "name"; span: Span; name: string }
/** A string literal without interpolation; `value` is the decoded text. */
export interface StrExpr { k: "str"; span: Span; value: string }
export interface ConstExpr { k: "const"; span: Span; value: number | boolean | null | undefined }
/** f-strings and template literals: literal text and interpolated expressions in order. */
export interface TemplateExpr { k: "template"; span: Span; parts: Array<string | Expr> }
export interface MemberExpr { k: "member"; span: Span; object: Expr; prop: string; propSpan: Span }
export interface IndexExpr { k: "index"; span: Span; object: Expr; index: Expr }
export interface Arg { name?: string; value: Expr; spread?: "list" | "dict"; span: Span }
export interface CallExpr { k: "call"; span: Span; callee: Expr; args: Arg[]; isNew: boolean }
export interface ObjectEntry { key?: string; keyExpr?: Expr; value: Expr; spread?: boolean; span: Span }
export interface ObjectExpr { k: "object"; span: Span; entries: ObjectEntry[] }
export interface ArrayExpr { k: "array"; span: Span; elements: Expr[] }
export interface SpreadExpr { k: "spread"; span: Span; expr: Expr }
export interface BinaryExpr { k: "binary"; span: Span; op: string; left: Expr; right: Expr }
export interface LogicalExpr { k: "logical"; span: Span; op: "and" | "or" | "??"; left: Expr; right: Expr }
export interface UnaryExpr { k: "unary"; span: Span; op: string; operand: Expr }
export interface CompareExpr { k: "compare"; span: Span; op: string; left: Expr; right: Expr }
export interface CondExpr { k: "cond"; span: Span; test: Expr; then: Expr; else: Expr }
export interface AwaitExpr { k: "await"; span: Span; expr: Expr }
export interface FuncExpr { k: "func"; span: Span; fn: FunctionDef }
export interface ClassExpr { k: "class"; span: Span; cls: ClassDef }
export interface JsxAttr { name: string; value?: Expr; span: Span; spread?: boolean }
export type JsxChild = { k: "text"; text: string; span: Span } | { k: "expr"; expr: Expr; span: Span } | { k: "element"; el: JsxExpr };
export interface JsxExpr { k: "jsx"; span: Span; tag: string; attrs: JsxAttr[]; children: JsxChild[] }
export interface CompGenerator { target: Pattern; iter: Expr; conds: Expr[] }
export interface CompExpr { k: "comp"; span: Span; kind: "list" | "set" | "dict" | "gen"; element: Expr; key?: Expr; generators: CompGenerator[] }
export interface YieldExpr { k: "yield"; span: Span; expr?: Expr; delegate: boolean }
export interface AssignExpr { k: "assign"; span: Span; target: Pattern; value: Expr; op?: string }
export interface SeqExpr { k: "seq"; span: Span; exprs: Expr[] }
export interface UnknownExpr { k: "unknown"; span: Span; children: Expr[] }

export type Pattern =
  | { k: "name"; span: Span; name: string }
  | { k: "objpat"; span: Span; props: Array<{ key: string; target: Pattern; default?: Expr }>; rest?: Pattern }
  | { k: "arrpat"; span: Span; elements: Array<Pattern | null>; rest?: Pattern }
  | { k: "member"; span: Span; object: Expr; prop: string }
  | { k: "index"; span: Span; object: Expr; index: Expr }
  | { k: "default"; span: Span; target: Pattern; default: Expr }
  | { k: "ignore"; span: Span };

export type Stmt =
  | { k: "expr"; span: Span; expr: Expr }
  /** `decl`: a JS/TS `let`/`const`/`var` declaration; a plain JS assignment may set a binding of an outer scope, the module's included. */
  | { k: "assign"; span: Span; targets: Pattern[]; value?: Expr; op?: string; typeAnn?: string; exported?: boolean; decl?: boolean }
  | { k: "return"; span: Span; value?: Expr }
  | { k: "throw"; span: Span; value?: Expr }
  | { k: "if"; span: Span; test: Expr; then: Stmt[]; else: Stmt[] }
  | { k: "loop"; span: Span; target?: Pattern; iter?: Expr; test?: Expr; body: Stmt[]; orelse: Stmt[] }
  | { k: "with"; span: Span; items: Array<{ value: Expr; target?: Pattern }>; body: Stmt[] }
  | { k: "try"; span: Span; body: Stmt[]; handlers: Array<{ param?: Pattern; body: Stmt[] }>; orelse: Stmt[]; finally: Stmt[] }
  | { k: "func"; span: Span; fn: FunctionDef }
  | { k: "class"; span: Span; cls: ClassDef }
  | { k: "import"; span: Span; imp: ImportDecl }
  | { k: "exportDefault"; span: Span; expr: Expr }
  | { k: "exportNames"; span: Span; names: Array<{ local: string; exported: string }>; from?: string }
  | { k: "exportAll"; span: Span; from: string; as?: string }
  | { k: "switch"; span: Span; disc: Expr; cases: Array<{ test?: Expr; body: Stmt[] }> }
  | { k: "block"; span: Span; body: Stmt[] }
  | { k: "jump"; span: Span; kind: "break" | "continue" }
  /** Python `global` (module bindings) or `nonlocal` (the enclosing function's). */
  | { k: "global"; span: Span; names: string[]; nonlocal?: boolean }
  /**
   * Nothing to run. `declares`: a part of the file left out of this program (the editor analyses
   * only what an edit can change) that defines these top-level names, for quick-fixes looking for helpers.
   */
  | { k: "nop"; span: Span; declares?: string[] };

export interface Param {
  pattern: Pattern;
  /** The simple name, when the parameter is a plain identifier. */
  name?: string;
  default?: Expr;
  /** Source text of the type annotation, if any. */
  typeAnn?: string;
  kind: "normal" | "rest" | "kwrest";
  span: Span;
  /** Names of parameter decorators (`@Body()`, `@Req()`), TypeScript only. */
  decorators?: string[];
  /** The decorators themselves, with their arguments (`@Inject(AI_CLIENT)`). */
  decoratorExprs?: Expr[];
  /** Python `Annotated[Svc, Depends(get_svc)]`: the dependency call in the type. */
  annotated?: Expr;
  /** A TypeScript parameter property (`private readonly repo: Repo`): also assigned to `this`. */
  property?: boolean;
}

export interface FunctionDef {
  /** Unique within a file: the start offset of the definition. */
  id: number;
  name?: string;
  nameSpan?: Span;
  params: Param[];
  /** Arrow functions with an expression body are lowered to a single return. */
  body: Stmt[];
  decorators: Expr[];
  isAsync: boolean;
  isGenerator: boolean;
  isMethod: boolean;
  exported?: boolean;
  isDefaultExport?: boolean;
  /** The type written on the variable that holds it (`const preview: APIGatewayProxyHandlerV2 = async (event) => ...`). */
  declaredType?: string;
  span: Span;
}

export interface ClassDef {
  id: number;
  name?: string;
  bases: Expr[];
  body: Stmt[];
  decorators: Expr[];
  /** Annotated or assigned class-level fields (dataclasses, pydantic models, TS interfaces). */
  fields: Array<{ name: string; typeAnn?: string }>;
  exported?: boolean;
  span: Span;
}

export interface ImportDecl {
  /** Module specifier as written: "openai", "./lib/ai", ".models", "..db". */
  module: string;
  /**
   * Bindings: `imported` is the exported name, "*" for a namespace import,
   * "default" for a default import. Python `import a.b` binds local "a" to module "a".
   */
  names: Array<{ imported: string; local: string }>;
  /** Python `import a.b.c` without alias binds `a`; kept so `a.b.c.x` resolves. */
  bindsRoot?: boolean;
}

/** Shapes that are declared, not executed: TS interfaces and type aliases with member names. */
export interface TypeDecl {
  name: string;
  fields: Array<{ name: string; typeAnn?: string }>;
}

export type Language = "python" | "javascript" | "typescript" | "tsx";

export interface Comment {
  span: Span;
  text: string;
}

export interface StringToken {
  /** Span of the literal's raw text content (without quotes), for reporting. */
  span: Span;
  /** Whether the token is a comment rather than a string literal. */
  comment: boolean;
}

export interface ProgramIR {
  language: Language;
  body: Stmt[];
  types: TypeDecl[];
  comments: Comment[];
  /** Every string-literal content piece and comment, for the literal rules. */
  literals: StringToken[];
  /** Syntax errors found by the parser: offsets of ERROR / MISSING nodes. */
  syntaxErrors: Span[];
  /** Set when the front end stopped descending (pathological nesting). */
  truncated?: string;
  /** All JSX elements appear in a tsx/jsx file. */
  hasJsx: boolean;
}
