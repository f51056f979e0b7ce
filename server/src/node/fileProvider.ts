// Reads workspace files from disk for the pure core: binary files, invalid UTF-8 and BOMs handled, results cached.
import { existsSync, readFileSync, statSync } from "node:fs";
import type { FileProvider } from "../core/workspace/workspace";
import { MAX_FILE_BYTES } from "../core/workspace/discovery";

export interface ReadProblem {
  reason: "binary" | "not-utf8" | "too-large" | "unreadable";
  detail?: string;
}

const decoder = new TextDecoder("utf-8", { fatal: true });
const lenient = new TextDecoder("utf-8", { fatal: false });

export class DiskFileProvider implements FileProvider {
  private readonly texts = new Map<string, string | undefined>();
  readonly problems = new Map<string, ReadProblem>();

  constructor(
    private readonly overlays: ReadonlyMap<string, string> = new Map(),
    private readonly maxBytes = MAX_FILE_BYTES,
  ) {}

  read(path: string): string | undefined {
    const overlay = this.overlays.get(path);
    if (overlay !== undefined) return overlay;
    if (this.texts.has(path)) return this.texts.get(path);
    const text = this.load(path);
    this.texts.set(path, text);
    return text;
  }

  exists(path: string): boolean {
    return this.overlays.has(path) || this.texts.has(path) || existsSync(path);
  }

  forget(path: string): void {
    this.texts.delete(path);
    this.problems.delete(path);
  }

  private load(path: string): string | undefined {
    let bytes: Buffer;
    try {
      if (statSync(path).size > this.maxBytes) {
        this.problems.set(path, { reason: "too-large" });
        return undefined;
      }
      bytes = readFileSync(path);
    } catch (err) {
      this.problems.set(path, { reason: "unreadable", detail: err instanceof Error ? err.message : String(err) });
      return undefined;
    }
    if (bytes.subarray(0, 8192).includes(0)) {
      this.problems.set(path, { reason: "binary" });
      return undefined;
    }
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      // Analysed anyway, with replacement characters; coverage says so.
      text = lenient.decode(bytes);
      this.problems.set(path, { reason: "not-utf8", detail: "decoded with replacement characters" });
    }
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }
}
