// Offsets to 1-based lines and columns (UTF-16 code units, as editors count).

/** How many texts' indexes `LineIndex.of` keeps: the open document and the files its findings point into. */
const CACHED_INDEXES = 16;
const recent = new Map<string, LineIndex>();

export class LineIndex {
  private readonly starts: number[] = [0];

  /** The index of `text`, shared while the text is unchanged (each diagnostic and related location asks again). */
  static of(text: string): LineIndex {
    let index = recent.get(text);
    if (index) {
      recent.delete(text);
    } else {
      index = new LineIndex(text);
      if (recent.size >= CACHED_INDEXES) recent.delete(recent.keys().next().value!);
    }
    recent.set(text, index);
    return index;
  }

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.starts.push(i + 1);
    }
  }

  /** 0-based line and character. */
  position(offset: number): { line: number; character: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo] };
  }

  offset(line: number, character: number): number {
    const start = this.starts[Math.min(Math.max(line, 0), this.starts.length - 1)];
    return start + character;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.min(Math.max(line, 0), this.starts.length - 1)];
  }
}
