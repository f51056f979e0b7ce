// A program as a list of top-level chunks (the children of the module), each lowered on its own.
// After an edit only the chunks it touched are lowered again; the others keep their IR, and those
// after the edit move by the edit's length difference, applied lazily when a chunk is next read.
import type { Node } from "web-tree-sitter";
import { helperCandidateNames } from "../fixes/helpers";
import { lowerJavaScriptTopLevel } from "../ir/javascript";
import { lowerPythonTopLevel } from "../ir/python";
import type { Comment, Expr, Language, Pattern, ProgramIR, Stmt } from "../ir/types";
import { forEachStmtPart } from "../ir/walk";
import { GUARD_REGISTRATIONS } from "../sdk/frameworks";

export interface Chunk {
  /** Offsets in the current text. */
  start: number;
  end: number;
  /** The chunk's text: equal text at the same relative place lowers to the same IR. */
  text: string;
  fragment: ProgramIR;
  /** Offset change not yet applied to `fragment` (its IR, comments, literals and syntax errors). */
  pendingShift: number;
  /** Top-level names the chunk binds (functions, classes, assigned names, imports). */
  defines: Set<string>;
  /** Names the chunk reads anywhere inside. */
  references: Set<string>;
  /** Holds a function or class: worth leaving out of an analysis that does not need it. */
  hasCode: boolean;
  /** Module-level code that returns or throws: what follows it may not run at all. */
  stopsModule?: boolean;
}

export function lowerTopLevel(node: Node, language: Language): ProgramIR {
  return language === "python" ? lowerPythonTopLevel(node) : lowerJavaScriptTopLevel(node, language);
}

export function makeChunk(node: Node, text: string, language: Language): Chunk {
  const fragment = lowerTopLevel(node, language);
  const chunk: Chunk = { start: node.startIndex, end: node.endIndex, text: text.slice(node.startIndex, node.endIndex), fragment, pendingShift: 0, defines: new Set(), references: new Set(), hasCode: false };
  describeChunk(chunk);
  return chunk;
}

/** Moves a chunk by `delta`: its place now, its IR and tokens when they are next read (see settleChunk). */
export function shiftChunk(chunk: Chunk, delta: number): void {
  if (delta === 0) return;
  chunk.start += delta;
  chunk.end += delta;
  chunk.pendingShift += delta;
}

function move(span: { start: number; end: number }, delta: number): { start: number; end: number } {
  return { start: span.start + delta, end: span.end + delta };
}

/** Applies a chunk's pending offset change to its IR (spans and the offset ids of functions and classes) and tokens. */
export function settleChunk(chunk: Chunk): void {
  const delta = chunk.pendingShift;
  if (delta === 0) return;
  const f = chunk.fragment;
  shiftTree(f.body, delta);
  chunk.fragment = {
    ...f,
    comments: f.comments.map((c) => ({ ...c, span: move(c.span, delta) })),
    literals: f.literals.map((l) => ({ ...l, span: move(l.span, delta) })),
    syntaxErrors: f.syntaxErrors.map((e) => move(e, delta)),
  };
  chunk.pendingShift = 0;
}

/** The chunk's comments that hold a genai-lint directive, where they are now (without settling the chunk). */
export function directiveComments(chunk: Chunk): Comment[] {
  const out: Comment[] = [];
  for (const c of chunk.fragment.comments) if (c.text.includes("genai-lint-disable")) out.push({ ...c, span: move(c.span, chunk.pendingShift) });
  return out;
}

/**
 * Adds `delta` to every offset in an IR tree. Span objects may be shared between nodes, so each
 * object is moved once.
 */
function shiftTree(root: unknown, delta: number): void {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length) {
    const value = stack.pop();
    if (value === null || typeof value !== "object" || seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) if (item !== null && typeof item === "object") stack.push(item);
      continue;
    }
    const obj = value as Record<string, unknown>;
    if (typeof obj.start === "number" && typeof obj.end === "number") {
      // A span: the IR's spans are readonly to its readers, not to the shifter.
      (obj as { start: number }).start += delta;
      (obj as { end: number }).end += delta;
      continue;
    }
    if (typeof obj.id === "number" && "span" in obj) (obj as { id: number }).id += delta;
    for (const key in obj) {
      const child = obj[key];
      if (child !== null && typeof child === "object") stack.push(child);
    }
  }
}

/** The program made of these chunks, in order (every chunk settled). */
export function assemble(chunks: readonly Chunk[], language: Language, only?: ReadonlySet<Chunk>): ProgramIR {
  const program: ProgramIR = { language, body: [], types: [], comments: [], literals: [], syntaxErrors: [], hasJsx: false };
  for (const chunk of chunks) {
    const f = chunk.fragment;
    // Types are declarations without offsets: the whole file's are always known.
    program.types.push(...f.types);
    program.hasJsx ||= f.hasJsx;
    if (f.truncated) program.truncated ??= f.truncated;
    if (only && !only.has(chunk)) {
      // Left out of this analysis but still there: quick-fixes look for helpers by name and place
      // their own after the imports, so the program keeps the names and a stand-in of the place.
      program.body.push({ k: "nop", span: { start: chunk.start, end: chunk.end }, declares: helperCandidateNames(chunk.fragment.body) });
      continue;
    }
    settleChunk(chunk);
    const settled = chunk.fragment;
    program.body.push(...settled.body);
    program.comments.push(...settled.comments);
    program.literals.push(...settled.literals);
    program.syntaxErrors.push(...settled.syntaxErrors);
  }
  return program;
}

const ignoreExpr = (): void => {};

/** Fills in what a chunk binds and reads, from its IR. */
function describeChunk(chunk: Chunk): void {
  // Names bound at module level, also inside `if`, `try`, `with` and loops (`try: import x except: x = None`).
  const bindAll = (stmts: readonly Stmt[]): void => {
    for (const stmt of stmts) {
      switch (stmt.k) {
        case "func":
          if (stmt.fn.name) chunk.defines.add(stmt.fn.name);
          break;
        case "class":
          if (stmt.cls.name) chunk.defines.add(stmt.cls.name);
          break;
        case "assign":
          for (const t of stmt.targets) bindNames(t, chunk.defines);
          break;
        case "import":
          for (const n of stmt.imp.names) chunk.defines.add(n.local);
          break;
        case "exportNames":
          for (const n of stmt.names) chunk.references.add(n.local);
          break;
        case "loop":
          if (stmt.target) bindNames(stmt.target, chunk.defines);
          forEachStmtPart(stmt, ignoreExpr, bindAll);
          break;
        case "return":
        case "throw":
          // Module code that stops here hides everything after it (half-typed code does this).
          chunk.stopsModule = true;
          break;
        default:
          // if, try, with, switch, blocks: their nested statements run at module level too.
          forEachStmtPart(stmt, ignoreExpr, bindAll);
      }
    }
  };
  bindAll(chunk.fragment.body);
  const stack: unknown[] = [chunk.fragment.body];
  const seen = new Set<object>();
  while (stack.length) {
    const value = stack.pop();
    if (value === null || typeof value !== "object" || seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) stack.push(item);
      continue;
    }
    const obj = value as Record<string, unknown>;
    if (obj.k === "name" && typeof obj.name === "string") chunk.references.add(obj.name);
    if (obj.k === "jsx" && typeof obj.tag === "string") chunk.references.add(obj.tag.split(".")[0]);
    if ((obj.k === "func" && "fn" in obj) || (obj.k === "class" && "cls" in obj)) chunk.hasCode = true;
    if (obj.k === "member" && typeof obj.prop === "string") chunk.references.add(`.${obj.prop}`);
    // Annotations are kept as text: the classes they name shape what a parameter holds.
    if (typeof obj.typeAnn === "string") for (const m of obj.typeAnn.matchAll(/[A-Za-z_$][\w$]*/g)) chunk.references.add(m[0]);
    for (const key in obj) {
      const child = obj[key];
      if (child !== null && typeof child === "object") stack.push(child);
    }
  }
}

function bindNames(pattern: Pattern, out: Set<string>): void {
  switch (pattern.k) {
    case "name":
      out.add(pattern.name);
      break;
    case "objpat":
      for (const p of pattern.props) bindNames(p.target, out);
      if (pattern.rest) bindNames(pattern.rest, out);
      break;
    case "arrpat":
      for (const e of pattern.elements) if (e) bindNames(e, out);
      if (pattern.rest) bindNames(pattern.rest, out);
      break;
    case "default":
      bindNames(pattern.target, out);
      break;
  }
}

/**
 * Who defines and who reads each name, kept up to date chunk by chunk as a document is edited,
 * so that finding the slice of an edit does not read every chunk.
 */
export class ChunkIndex {
  private readonly readers = new Map<string, Set<Chunk>>();
  private readonly definers = new Map<string, Set<Chunk>>();
  private readonly methodOwners = new Map<string, Set<Chunk>>();
  /** Chunks every analysis needs: module code without functions (cheap, and it sets up what the rest reads), guards registered on routers. */
  readonly setUp = new Set<Chunk>();

  add(chunk: Chunk): void {
    for (const r of chunk.references) addTo(this.readers, r, chunk);
    for (const n of chunk.defines) addTo(this.definers, n, chunk);
    for (const m of methodNames(chunk)) addTo(this.methodOwners, m, chunk);
    if (isSetUp(chunk)) this.setUp.add(chunk);
  }

  remove(chunk: Chunk): void {
    for (const r of chunk.references) this.readers.get(r)?.delete(chunk);
    for (const n of chunk.defines) this.definers.get(n)?.delete(chunk);
    for (const m of methodNames(chunk)) this.methodOwners.get(m)?.delete(chunk);
    this.setUp.delete(chunk);
  }

  /** Chunks reading `name`, as a name or as a member (`obj.name`). */
  readersOf(name: string): Chunk[] {
    return [...(this.readers.get(name) ?? []), ...(this.readers.get(`.${name}`) ?? [])];
  }

  /** Chunks a reference resolves to: the definitions of a name, or the classes with a method of that name. */
  targetsOf(reference: string): Iterable<Chunk> {
    return (reference.startsWith(".") ? this.methodOwners.get(reference.slice(1)) : this.definers.get(reference)) ?? [];
  }
}

/** `NAME = "text"`, `LIMITS = {"a": 1}`: assignments of literal values, nothing run. */
function isPlainConstant(chunk: Chunk): boolean {
  const body = chunk.fragment.body;
  return body.length > 0 && body.every((s) => s.k === "assign" && s.targets.every((t) => t.k === "name") && !!s.value && isLiteralValue(s.value));
}

function isLiteralValue(e: Expr): boolean {
  switch (e.k) {
    case "str":
    case "const":
      return true;
    case "template":
      return e.parts.every((p) => typeof p === "string");
    case "array":
      return e.elements.every(isLiteralValue);
    case "object":
      return e.entries.every((entry) => !entry.spread && !entry.keyExpr && isLiteralValue(entry.value));
    case "binary":
      return isLiteralValue(e.left) && isLiteralValue(e.right);
    default:
      return false;
  }
}

function addTo(map: Map<string, Set<Chunk>>, key: string, chunk: Chunk): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(chunk);
}

/**
 * Module code without functions (imports, clients, routers, configuration, script code) and guards
 * registered on routers. Plain constants are not: they matter only to the code that names them.
 */
function isSetUp(chunk: Chunk): boolean {
  if (!chunk.hasCode) return !isPlainConstant(chunk);
  for (const name of GUARD_REGISTRATIONS) if (chunk.references.has(`.${name}`)) return true;
  return false;
}

/**
 * The chunks an edit of `edited` can change findings in, and those their analysis needs: the
 * edited chunks, the chunks that (transitively) use what they define or defined before the edit,
 * the set-up chunks (module code without functions, guards registered on routers), and everything
 * all of these use. Chunks left out keep their findings. Without callers: the answer while typing.
 */
export function sliceFor(index: ChunkIndex, edited: ReadonlySet<Chunk>, replacedNames: ReadonlySet<string> = new Set(), withCallers = true): Set<Chunk> {
  const slice = new Set<Chunk>(edited);
  // Callers, transitively.
  const queue: string[] = withCallers ? [...replacedNames, ...[...edited].flatMap(definedNames)] : [];
  const asked = new Set<string>();
  while (queue.length) {
    const name = queue.pop()!;
    if (asked.has(name)) continue;
    asked.add(name);
    for (const c of index.readersOf(name)) {
      if (slice.has(c)) continue;
      slice.add(c);
      queue.push(...definedNames(c));
    }
  }
  for (const c of index.setUp) slice.add(c);
  // Callees of the whole slice, transitively.
  const todo = [...slice];
  while (todo.length) {
    const c = todo.pop()!;
    for (const ref of c.references) {
      for (const t of index.targetsOf(ref)) {
        if (!slice.has(t)) {
          slice.add(t);
          todo.push(t);
        }
      }
    }
  }
  return slice;
}

/** Names a chunk defines, its classes' method names included. */
export function definedNames(chunk: Chunk): string[] {
  return [...chunk.defines, ...methodNames(chunk)];
}

const methodCache = new WeakMap<Chunk, string[]>();

/** Names of methods defined by the classes of a chunk (a call `obj.name()` may reach them). */
function methodNames(chunk: Chunk): string[] {
  let names = methodCache.get(chunk);
  if (!names) {
    names = [];
    for (const stmt of chunk.fragment.body) if (stmt.k === "class") for (const m of stmt.cls.body) if (m.k === "func" && m.fn.name) names.push(m.fn.name);
    methodCache.set(chunk, names);
  }
  return names;
}
