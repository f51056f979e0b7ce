// Reads `expect:` annotations (../shared/conformance/README.md contract) and scores findings against them.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface Expected {
  file: string;
  line: number;
  rule: string;
}

const ID_LIST = String.raw`[A-Z]{3}\d{3}(?:\s*,\s*[A-Z]{3}\d{3})*`;
const TRAILING = new RegExp(String.raw`(?:#|//|/\*)\s*expect:\s*(${ID_LIST})`, "g");
const NEXT_LINE = new RegExp(String.raw`^\s*(?:#|//|/\*|\{/\*)\s*expect-next-line:\s*(${ID_LIST})\s*(?:\*/\s*\}?)?\s*$`);
const SOURCE_EXTS = new Set([".py", ".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx"]);
const SKIP_DIRS = new Set(["node_modules", ".git", "__pycache__", ".venv", "venv", ".next", "dist", "build"]);

function ids(list: string): string[] {
  return list.split(",").map((s) => s.trim()).filter(Boolean);
}

/** Annotations of one file's text; `file` is the name findings use for it. */
export function parseExpectations(text: string, file: string): Expected[] {
  const out: Expected[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    const next = NEXT_LINE.exec(line);
    if (next) {
      if (i + 1 < lines.length) for (const rule of ids(next[1])) out.push({ file, line: i + 2, rule });
      return;
    }
    for (const m of line.matchAll(TRAILING)) for (const rule of ids(m[1])) out.push({ file, line: i + 1, rule });
  });
  return out;
}

export function sourceFiles(dir: string, base = dir, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) sourceFiles(path.join(dir, entry.name), base, out);
    } else if (entry.isFile() && SOURCE_EXTS.has(path.extname(entry.name)) && !/\.fixed\./.test(entry.name)) {
      out.push(path.relative(base, path.join(dir, entry.name)).split(path.sep).join("/"));
    }
  }
  return out.sort();
}

export function suiteExpectations(dir: string): Expected[] {
  return sourceFiles(dir).flatMap((f) => parseExpectations(readFileSync(path.join(dir, f), "utf8"), f));
}

export interface RuleScore {
  rule: string;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Score {
  rules: RuleScore[];
  all: RuleScore;
  falsePositives: Expected[];
  falseNegatives: Expected[];
}

function metrics(rule: string, tp: number, fp: number, fn: number): RuleScore {
  const precision = tp + fp > 0 ? tp / (tp + fp) : fn > 0 ? 0 : 1;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 1;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { rule, tp, fp, fn, precision, recall, f1 };
}

/** Scores findings (file, line, rule) against annotations, de-duplicated on (file, rule, line) like the shared scorer. */
export function scoreFindings(expected: readonly Expected[], found: readonly Expected[], rules: readonly string[]): Score {
  const key = (e: Expected) => `${e.file}\u0000${e.line}\u0000${e.rule}`;
  const exp = new Map(expected.map((e) => [key(e), e]));
  const got = new Map(found.map((e) => [key(e), e]));
  const falsePositives = [...got.values()].filter((f) => !exp.has(key(f)));
  const falseNegatives = [...exp.values()].filter((e) => !got.has(key(e)));
  const ruleIds = [...new Set([...rules, ...expected.map((e) => e.rule), ...found.map((f) => f.rule)])];
  const perRule = ruleIds.map((rule) => {
    const tp = [...got.values()].filter((f) => f.rule === rule && exp.has(key(f))).length;
    return metrics(rule, tp, falsePositives.filter((f) => f.rule === rule).length, falseNegatives.filter((f) => f.rule === rule).length);
  });
  const tp = got.size - falsePositives.length;
  return { rules: perRule, all: metrics("all", tp, falsePositives.length, falseNegatives.length), falsePositives, falseNegatives };
}

export function formatScore(score: Score): string {
  const row = (r: RuleScore) => `${r.rule.padEnd(8)} ${String(r.tp).padStart(4)} ${String(r.fp).padStart(4)} ${String(r.fn).padStart(4)}  ${r.precision.toFixed(3)}  ${r.recall.toFixed(3)}  ${r.f1.toFixed(3)}`;
  return ["rule       TP   FP   FN  prec.   recall  f1", ...score.rules.map(row), row(score.all)].join("\n");
}
