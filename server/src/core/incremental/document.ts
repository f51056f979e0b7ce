// An open document parsed incrementally: tree-sitter reuses the unchanged parts of the previous
// tree, and only the top-level chunks an edit touched are lowered again.
import { Edit, type Tree } from "web-tree-sitter";
import { MAX_NESTING } from "../ir/lowerCommon";
import type { Language } from "../ir/types";
import { parse } from "../parse/parser";
import type { ParsedFile } from "../workspace/workspace";
import { assemble, type Chunk, ChunkIndex, definedNames, makeChunk, shiftChunk } from "./chunks";

export type Incompleteness = { kind: "parsing-stopped"; ms: number } | { kind: "too-deep"; levels: number };

/** One edit between two versions of a text: [start, oldEnd) became [start, newEnd). */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** The smallest single edit turning `before` into `after` (common prefix and suffix). */
export function diffTexts(before: string, after: string): TextChange | undefined {
  if (before === after) return undefined;
  const max = Math.min(before.length, after.length);
  // Whole blocks first (string comparison is a memory compare), then character by character.
  const BLOCK = 256;
  let start = 0;
  while (start + BLOCK <= max && before.substring(start, start + BLOCK) === after.substring(start, start + BLOCK)) start += BLOCK;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let suffix = 0;
  const room = max - start;
  while (suffix + BLOCK <= room && before.substring(before.length - suffix - BLOCK, before.length - suffix) === after.substring(after.length - suffix - BLOCK, after.length - suffix)) suffix += BLOCK;
  while (suffix < room && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { start, oldEnd: before.length - suffix, newEnd: after.length - suffix };
}

function pointAt(text: string, offset: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/** The point at `to`, counting from a known point at `from` (only the text between is read). */
function pointAfter(at: { row: number; column: number }, text: string, from: number, to: number): { row: number; column: number } {
  let row = at.row;
  let lineStart = from - at.column;
  for (let i = text.indexOf("\n", from); i >= 0 && i < to; i = text.indexOf("\n", i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: to - lineStart };
}

export class IncrementalDocument {
  private tree: Tree | undefined;
  private text = "";
  private chunkList: Chunk[] = [];
  /** Names defined and read, chunk by chunk (for the slice of an edit). */
  index = new ChunkIndex();
  /** The text before the last update, and the change that update made (saves diffing again). */
  private before?: string;
  private lastChange?: TextChange;
  private note?: string;
  /** Chunks lowered anew since `takeEdits()` was last called. */
  private lowered = new Set<Chunk>();
  /** Names defined by chunks that an edit replaced since then: what read them may change too. */
  private replacedNames = new Set<string>();

  constructor(
    readonly path: string,
    readonly language: Language,
    private readonly parseBudgetMs?: number,
  ) {}

  get chunks(): readonly Chunk[] {
    return this.chunkList;
  }

  get currentText(): string {
    return this.text;
  }

  /** Brings the document to `text`, re-parsing incrementally and lowering only what changed. */
  update(text: string): void {
    const change = this.tree ? diffTexts(this.text, text) : undefined;
    if (this.tree && !change) return;
    let tree: Tree | null = null;
    if (this.tree && change) {
      const startPosition = pointAt(this.text, change.start);
      this.tree.edit(new Edit({
        startIndex: change.start,
        oldEndIndex: change.oldEnd,
        newEndIndex: change.newEnd,
        startPosition,
        oldEndPosition: pointAfter(startPosition, this.text, change.start, change.oldEnd),
        newEndPosition: pointAfter(startPosition, text, change.start, change.newEnd),
      }));
      tree = parse(text, this.language, this.tree, this.parseBudgetMs);
    }
    const incremental = !!tree;
    tree ??= parse(text, this.language, undefined, this.parseBudgetMs);
    const previous = incremental ? this.chunkList : [];
    if (!incremental) {
      this.lowered = new Set();
      this.replacedNames = new Set();
    }
    const delta = change ? change.newEnd - change.oldEnd : 0;
    this.tree?.delete();
    this.tree = tree ?? undefined;
    this.before = this.text;
    this.lastChange = change;
    this.text = text;
    this.note = tree ? undefined : `parsing stopped after ${this.parseBudgetMs} ms`;
    const chunks: Chunk[] = [];
    if (tree) {
      // Old chunks by their place in the new text: before the edit they stay, after it they move.
      const reusable = new Map<string, Chunk>();
      if (change) {
        for (const c of previous) {
          if (c.end <= change.start) reusable.set(`${c.start}:${c.end}`, c);
          else if (c.start >= change.oldEnd) reusable.set(`${c.start + delta}:${c.end + delta}`, c);
        }
      }
      // A cursor reads each top-level node's place without building node objects; only the nodes
      // lowered again are materialised.
      const cursor = tree.rootNode.walk();
      if (cursor.gotoFirstChild()) {
        do {
          const start = cursor.startIndex;
          const end = cursor.endIndex;
          const key = `${start}:${end}`;
          const old = reusable.get(key);
          // Outside the changed text a chunk in the same place has the same text: compare only near the change.
          const untouched = !!change && (end < change.start || start > change.newEnd);
          if (old && (untouched || old.text === text.slice(start, end))) {
            if (change && old.start >= change.oldEnd) shiftChunk(old, delta);
            reusable.delete(key);
            chunks.push(old);
          } else {
            const chunk = makeChunk(cursor.currentNode, text, this.language);
            this.lowered.add(chunk);
            chunks.push(chunk);
          }
        } while (cursor.gotoNextSibling());
      }
      cursor.delete();
    }
    const kept = new Set(chunks);
    const known = new Set(previous);
    for (const c of previous) {
      if (kept.has(c)) continue;
      for (const name of definedNames(c)) this.replacedNames.add(name);
      this.index.remove(c);
    }
    if (!incremental) this.index = new ChunkIndex();
    for (const c of chunks) if (!known.has(c)) this.index.add(c);
    this.chunkList = chunks;
  }

  /** What changed since the last call: chunks lowered anew (still in the document) and names the replaced chunks defined. */
  takeEdits(): { lowered: Set<Chunk>; replacedNames: Set<string> } {
    const present = new Set(this.chunkList);
    const lowered = new Set([...this.lowered].filter((c) => present.has(c)));
    const replacedNames = this.replacedNames;
    this.lowered = new Set();
    this.replacedNames = new Set();
    return { lowered, replacedNames };
  }

  /** The change from `from` to the current text: the last update's when it started there. */
  changeSince(from: string): TextChange | undefined {
    if (from === this.text) return undefined;
    if (from === this.before && this.lastChange) return this.lastChange;
    return diffTexts(from, this.text);
  }

  /** What of the document was left out of the analysis, if anything: all of it (parsing ran out of time) or code nested too deep. */
  get incomplete(): Incompleteness | undefined {
    if (this.note) return { kind: "parsing-stopped", ms: this.parseBudgetMs ?? 0 };
    return this.chunkList.some((c) => c.fragment.truncated) ? { kind: "too-deep", levels: MAX_NESTING } : undefined;
  }

  /** The file with the whole program, or only the given chunks (the analysis of an edit). */
  parsed(only?: ReadonlySet<Chunk>): ParsedFile {
    const program = assemble(this.chunkList, this.language, only);
    const note = this.note ?? program.truncated;
    return { path: this.path, language: this.language, text: this.text, program, ...(note ? { note } : {}) };
  }

  dispose(): void {
    this.tree?.delete();
    this.tree = undefined;
  }
}
