// Analysis of an open document after an edit, scoped to what the edit can change: the chunks of
// the slice (see sliceFor) are analysed again; findings elsewhere in the file are kept from the
// previous analysis, moved by the edit. Suppression comments then apply to the whole file.
import { type AnalysisOptions, type AnalysisResult, type AnalysisSettings, analyzeFilesRaw, applyFileSuppressions, type RawAnalysis } from "../analyze";
import type { Finding, Fix, InventoryEntry, TextEdit } from "../types";
import { isReusableHelperName } from "../fixes/helpers";
import type { ParsedFile, Workspace } from "../workspace/workspace";
import { type Chunk, directiveComments, sliceFor } from "./chunks";
import type { IncrementalDocument, TextChange } from "./document";

/** What changed in a document since its last analysis (IncrementalDocument.takeEdits). */
export interface DocumentEdits {
  readonly lowered: ReadonlySet<Chunk>;
  readonly replacedNames: ReadonlySet<string>;
}

const NO_EDITS: DocumentEdits = { lowered: new Set(), replacedNames: new Set() };

/**
 * "complete": everything an edit can change, its callers included. "edit": the edited code, what it
 * calls and the set-up code only, for an answer while typing; findings of callers are kept as they
 * were until the next complete analysis.
 */
export type AnalysisScope = "edit" | "complete";

/** What a document's analysis keeps for the next edit. */
export interface DocumentAnalysisState {
  /** The text analysed. */
  readonly text: string;
  readonly raw: Finding[];
  readonly inventory: InventoryEntry[];
  readonly result: AnalysisResult;
  /** Whether this analysis looked only at a slice of the file. */
  readonly scoped: boolean;
  /** Scoped to the edit without its callers: a complete analysis is still due. */
  readonly callersPending: boolean;
  /** The file had module code that returns or throws, or syntax errors (the next analysis is a full one). */
  readonly stopped: boolean;
}

/** Above this share of the file's code chunks, analysing the slice saves too little to bother. */
const MAX_SLICE_SHARE = 0.5;

/**
 * Analyses the document as it is now. With the analysis of an earlier text of it, only the slice of
 * chunks the edits since then can affect is analysed again (when that is a small part of the file).
 */
export function analyzeDocument(
  workspace: Workspace,
  doc: IncrementalDocument,
  previous: DocumentAnalysisState | undefined,
  edits: DocumentEdits,
  otherFiles: readonly string[],
  settings: AnalysisSettings,
  deadline?: number,
  options: AnalysisOptions = {},
  scope: AnalysisScope = "complete",
): DocumentAnalysisState {
  const files = [doc.path, ...otherFiles];
  const codeChunks = doc.chunks.filter((c) => c.hasCode).length;
  const { lowered, replacedNames } = edits;
  const callers = scope === "complete";
  const change = previous ? doc.changeSince(previous.text) : undefined;
  let slice: Set<Chunk> | undefined;
  let kept: KeptChunks | undefined;
  if (previous) {
    // Edited: lowered anew since the last analysis, or touching the changed text.
    const edited = new Set(lowered);
    if (change) for (const c of doc.chunks) if (c.start <= change.newEnd && c.end >= change.start) edited.add(c);
    slice = sliceFor(doc.index, edited, replacedNames, callers);
    kept = new KeptChunks(doc.chunks, slice, change);
    // A kept finding whose flow passes through code analysed again may change with it: analyse its chunk too.
    for (let grown = true; grown; ) {
      grown = false;
      kept = new KeptChunks(doc.chunks, slice, change);
      for (const f of previous.raw) {
        const home = kept.chunkOf(f.start);
        if (home && f.related.some((r) => r.file === doc.path && !kept!.chunkOf(r.start))) {
          edited.add(home.chunk);
          grown = true;
        }
      }
      if (grown) slice = sliceFor(doc.index, edited, replacedNames, callers);
    }
  }
  // The whole file is analysed again when module code stops early (what follows may not run), and
  // while it has syntax errors (the parser's recovery regroups code in ways names do not follow).
  const unsettled = doc.chunks.some((c) => c.stopsModule || c.fragment.syntaxErrors.length > 0);
  // Quick-fixes anywhere in the file insert helpers after the imports, or reuse helpers by name:
  // an edit to the imports or to a helper's name changes them all.
  const fileWide = [...lowered].some((c) => c.fragment.body.some((st) => st.k === "import") || [...c.defines].some(isReusableHelperName)) || [...replacedNames].some(isReusableHelperName);
  // After such a state the next analysis is a full one too: what was kept then is not to be trusted.
  const wholeFile = unsettled || fileWide || (previous?.stopped ?? false);
  const scoped = !!slice && !wholeFile && [...slice].filter((c) => c.hasCode).length <= Math.max(1, codeChunks * MAX_SLICE_SHARE);
  workspace.setFile(scoped ? doc.parsed(slice) : doc.parsed());
  // File-wide facts the slice alone cannot tell: the AI calls in the rest of the file.
  const keptCalls = scoped && kept ? previous!.inventory.map((i) => kept!.move(i)).filter((i): i is InventoryEntry => !!i) : [];
  let raw: RawAnalysis;
  try {
    raw = analyzeFilesRaw(workspace, files, settings, deadline, { ...options, knownAiCalls: keptCalls });
  } finally {
    // Other analyses read the whole file, assembled when first needed.
    workspace.setFile(lazyWholeFile(doc));
  }
  let findings = raw.findings.filter((f) => f.file === doc.path);
  let inventory = raw.inventory.filter((i) => i.file === doc.path);
  if (scoped && kept) {
    inventory = [...keptCalls, ...inventory].sort((a, b) => a.start - b.start);
    // Findings anywhere in the file point at its first AI call (PII002): when that moved to
    // another call, what was kept points at the wrong one. Rare; analyse the whole file then.
    const before = previous!.inventory[0];
    const firstThen = before ? (kept.move(before) ?? kept.moveByChange(before)) : undefined;
    if (firstThen?.start !== inventory[0]?.start || firstThen?.end !== inventory[0]?.end) {
      return analyzeDocument(workspace, doc, undefined, NO_EDITS, otherFiles, settings, deadline, options);
    }
    findings = [...previous!.raw.map((f) => kept!.moveFinding(f, doc.path)).filter((f): f is Finding => !!f), ...findings];
  }
  const source = { path: doc.path, text: doc.currentText, comments: doc.chunks.flatMap(directiveComments) };
  const final = applyFileSuppressions([source], findings, settings);
  return {
    text: doc.currentText,
    raw: findings,
    inventory,
    scoped,
    callersPending: scoped && !callers,
    stopped: unsettled,
    result: { ...raw, findings: final.findings, suppressed: final.suppressed, inventory },
  };
}

/** A ParsedFile whose program is assembled from the chunks when something reads it. */
function lazyWholeFile(doc: IncrementalDocument): ParsedFile {
  let whole: ParsedFile | undefined;
  const get = () => (whole ??= doc.parsed());
  return {
    path: doc.path,
    language: doc.language,
    text: doc.currentText,
    get program() {
      return get().program;
    },
    get note() {
      return get().note;
    },
  };
}

/**
 * The chunks left out of the analysis of an edit, where the previous text had them: what was found
 * in them is kept, moved with its chunk (the chunk's text did not change, only its place).
 */
class KeptChunks {
  private readonly spans: Array<{ chunk: Chunk; oldStart: number; oldEnd: number; shift: number }> = [];

  constructor(
    chunks: readonly Chunk[],
    slice: ReadonlySet<Chunk>,
    private readonly change: TextChange | undefined,
  ) {
    const delta = change ? change.newEnd - change.oldEnd : 0;
    for (const c of chunks) {
      if (slice.has(c)) continue;
      const shift = change && c.start >= change.newEnd ? delta : 0;
      // Chunks touching the changed text are edited, hence in the slice; anything else would be ambiguous.
      if (change && !(c.end <= change.start || c.start >= change.newEnd)) continue;
      this.spans.push({ chunk: c, oldStart: c.start - shift, oldEnd: c.end - shift, shift });
    }
  }

  /** The kept chunk holding an offset of the previous text, if any. */
  chunkOf(oldOffset: number): { chunk: Chunk; shift: number } | undefined {
    return this.spans.find((s) => s.oldStart <= oldOffset && oldOffset < s.oldEnd);
  }

  move<T extends { start: number; end: number }>(item: T): T | undefined {
    const home = this.chunkOf(item.start);
    return home ? { ...item, start: item.start + home.shift, end: item.end + home.shift } : undefined;
  }

  /** A finding of a kept chunk in the new text, with its flow and fixes in this file; undefined for the others. */
  moveFinding(f: Finding, file: string): Finding | undefined {
    const at = this.move(f);
    if (!at) return undefined;
    const related = f.related.map((r) => (r.file === file ? (this.move(r) ?? r) : r));
    const fixes: Fix[] = [];
    for (const fix of f.fixes) {
      const edits = fix.edits.map((e) => this.moveEdit(e));
      if (edits.every((e): e is TextEdit => !!e)) fixes.push({ ...fix, edits });
    }
    return { ...at, related, fixes };
  }

  /** Fix edits may sit outside the finding's chunk (a helper inserted after the imports): moved by the text change. */
  private moveEdit(edit: TextEdit): TextEdit | undefined {
    const start = this.moveOffset(edit.start);
    const end = this.moveOffset(edit.end);
    return start === undefined || end === undefined ? undefined : { ...edit, start, end };
  }

  /** An item of the previous text moved by the text change alone (whatever chunk it is in). */
  moveByChange<T extends { start: number; end: number }>(item: T): T | undefined {
    const start = this.moveOffset(item.start);
    const end = this.moveOffset(item.end);
    return start === undefined || end === undefined ? undefined : { ...item, start, end };
  }

  private moveOffset(offset: number): number | undefined {
    const change = this.change;
    if (!change || offset <= change.start) return offset;
    if (offset >= change.oldEnd) return offset + change.newEnd - change.oldEnd;
    return undefined;
  }
}
