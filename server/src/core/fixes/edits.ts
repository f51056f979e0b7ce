// Offset-based text edits: building, checking and applying them.
import type { Fix, TextEdit } from "../types";

/** Applies edits to text. Identical edits (the same helper inserted by two fixes) count once; overlapping ones are refused. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const unique: TextEdit[] = [];
  for (const e of edits) if (!unique.some((u) => u.start === e.start && u.end === e.end && u.newText === e.newText)) unique.push(e);
  const sorted = [...unique].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    if (cur.start < prev.end || (cur.start === prev.start && prev.end > prev.start && cur.end > cur.start)) {
      throw new Error(`overlapping edits at ${prev.start}-${prev.end} and ${cur.start}-${cur.end}`);
    }
  }
  let out = "";
  let pos = 0;
  for (const e of sorted) {
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return out + text.slice(pos);
}

/** Applies several fixes together, skipping any whose edits would overlap an earlier one. */
export function applyFixes(text: string, fixes: readonly Fix[]): { text: string; applied: number; skipped: number } {
  const chosen: TextEdit[] = [];
  let applied = 0;
  let skipped = 0;
  for (const fix of fixes) {
    const candidate = [...chosen, ...fix.edits];
    try {
      applyEdits(text, candidate);
      chosen.push(...fix.edits);
      applied++;
    } catch {
      skipped++;
    }
  }
  return { text: applyEdits(text, chosen), applied, skipped };
}

export function lineStart(text: string, offset: number): number {
  const i = text.lastIndexOf("\n", offset - 1);
  return i + 1;
}

export function lineEnd(text: string, offset: number): number {
  const i = text.indexOf("\n", offset);
  return i < 0 ? text.length : i;
}

export function indentAt(text: string, offset: number): string {
  const start = lineStart(text, offset);
  return /^[ \t]*/.exec(text.slice(start))![0];
}

/** The newline style of a text (CRLF files stay CRLF). */
export function newline(text: string): string {
  return text.includes("\r\n") ? "\r\n" : "\n";
}

/** Re-indents every line of `block` by `add`. */
export function indentBlock(block: string, add: string, nl: string): string {
  return block
    .split(/\r?\n/)
    .map((l) => (l.trim() ? add + l : l))
    .join(nl);
}
