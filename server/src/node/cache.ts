// The CLI's analysis cache (`--cache`, as ESLint has it): the analysis of a scanned folder, kept with a key made of
// the tool build, the configuration and the content of every file. A re-scan of an unchanged folder reuses it and
// reports exactly what a fresh analysis would (baselines and accepted risks are applied afresh); any change, or an
// unreadable, corrupt or foreign entry, means a fresh analysis that replaces the entry. Writes go to a temporary file
// renamed into place, so concurrent runs never read half an entry.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { AnalysisResult } from "../core/analyze";
import { Facts } from "../core/analysis/facts";
import type { Coverage } from "../core/report/model";
import { toolVersion } from "./formatReport";

export const DEFAULT_CACHE_FOLDER = ".genai-lint-cache";
const FORMAT = 1;

/** What a cached analysis keeps: everything the report is built from, but not the engine's facts. */
type CachedAnalysis = Omit<AnalysisResult, "facts">;

interface CacheEntry {
  format: number;
  key: string;
  analysis: CachedAnalysis;
  /** Coverage notes about the analysed files (syntax errors, parts left out), which come from parsing them. */
  fileNotes: NonNullable<Coverage["notes"]>;
  analysed: string[];
}

let buildHash: string | undefined;
/** The running build: its version and, when run from the bundle, a hash of the bundle (a rebuilt tool misses the cache). */
function build(): string {
  if (buildHash === undefined) {
    const main = process.argv[1];
    let content = "";
    try {
      if (main && existsSync(main)) content = createHash("sha256").update(readFileSync(main)).digest("hex");
    } catch {
      content = "";
    }
    buildHash = `${toolVersion()}:${content}`;
  }
  return buildHash;
}

export class AnalysisCache {
  private readonly file: string;

  /** `location`: a folder (the entry is named after the scanned root inside it) or, when it ends in `.json`, the entry file. */
  constructor(location: string, root: string, onlyRules?: readonly string[]) {
    const id = createHash("sha256").update(`${root}\0${(onlyRules ?? []).join(",")}`).digest("hex").slice(0, 16);
    this.file = location.endsWith(".json") ? location : path.join(location, `analysis-${id}.json`);
  }

  /** The key of an analysis: the tool build, the settings and every file's path and content. */
  static key(config: unknown, onlyRules: readonly string[] | undefined, files: ReadonlyMap<string, string>): string {
    const hash = createHash("sha256");
    hash.update(JSON.stringify({ format: FORMAT, build: build(), config, onlyRules: onlyRules ?? null }));
    for (const [file, text] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      hash.update(`\0${file}\0`);
      hash.update(createHash("sha256").update(text).digest("hex"));
    }
    return hash.digest("hex");
  }

  /** The cached analysis for `key`, or undefined when there is none or it cannot be used. */
  read(key: string): { analysis: AnalysisResult; fileNotes: CacheEntry["fileNotes"]; analysed: string[] } | undefined {
    let entry: CacheEntry;
    try {
      entry = JSON.parse(readFileSync(this.file, "utf8")) as CacheEntry;
    } catch {
      return undefined;
    }
    if (!entry || entry.format !== FORMAT || entry.key !== key || !entry.analysis || !Array.isArray(entry.analysis.findings) || !Array.isArray(entry.analysed) || !Array.isArray(entry.fileNotes)) return undefined;
    return { analysis: { ...entry.analysis, facts: new Facts() }, fileNotes: entry.fileNotes, analysed: entry.analysed };
  }

  write(key: string, analysis: AnalysisResult, fileNotes: CacheEntry["fileNotes"], analysed: readonly string[]): void {
    const { facts: _facts, ...kept } = analysis;
    const entry: CacheEntry = { format: FORMAT, key, analysis: kept, fileNotes, analysed: [...analysed] };
    const tmp = `${this.file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      writeFileSync(tmp, JSON.stringify(entry));
      renameSync(tmp, this.file);
    } catch {
      // A cache that cannot be written only costs the next run its speed.
      rmSync(tmp, { force: true });
    }
  }
}
