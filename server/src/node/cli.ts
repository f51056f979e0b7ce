// The `genai-lint` command: `scan` and `baseline` for people and CI, `lsp --stdio` for editors.
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { BASELINE_FILE_NAME, createBaseline, formatBaseline } from "../core/baseline/baseline";
import { ConfigError } from "../core/config";
import { initParsing } from "../core/parse/parser";
import { LineIndex } from "../core/report/lineIndex";
import type { Locale, Severity } from "../core/types";
import { toPosix } from "./discover";
import { renderReport, toolVersion } from "./formatReport";
import { isScanWorker, runScanWorker } from "./scanWorker";
import { DEFAULT_CACHE_FOLDER } from "./cache";
import { scan, scanRoot, type ScanResult, type ScanStage } from "./scan";
import { locateWasm } from "./wasm";

const HELP = `genai-lint — check code that calls generative-AI SDKs against the Hong Kong
Generative AI Technical and Application Guideline.

Usage:
  genai-lint scan [paths...] [options]       Scan files or folders (default: .)
  genai-lint baseline [paths...] [options]   Accept the current findings: write them to a baseline file
  genai-lint lsp --stdio                     Start the language server on stdin/stdout
  genai-lint --help | --version

Scan options:
  --format <text|json|sarif|html|markdown|csv>
                               Output format (default: text); html is a printable bilingual report,
                               markdown a pull-request comment, csv one row per finding
  --output <file>              Write the report to a file instead of stdout
  --config <file>              Configuration file (default: genai-lint.config.json in the scanned folder)
  --baseline <file>            Report only findings not in this baseline
                               (default: genai-lint.baseline.json in the scanned folder, when present)
  --no-baseline                Ignore the baseline file
  --suppressions <file>        Accepted risks (default: genai-lint.suppressions.json in the scanned folder)
  --fail-on <error|warning|info|never>
                               Exit 1 when a finding at or above this severity is reported (default: error)
  --locale <en|zh-hk>          Language of messages (default: en)
  --no-color                   Plain text output even on a terminal
  --cache                      Reuse the analysis when no file, setting or tool build changed since the last
                               scan with --cache (kept in .genai-lint-cache/ in the scanned folder)
  --cache-location <path>      Where the cache is kept (a folder, or a .json file); implies --cache

Baseline options:
  --output <file>              Baseline file to write (default: genai-lint.baseline.json in the scanned folder)
  --config <file>, --suppressions <file>
                               As for scan

Exit codes: 0 nothing at or above the fail level, 1 findings at or above it,
2 usage or configuration error.
`;


class UsageError extends Error {}

const FORMATS = ["text", "json", "sarif", "html", "markdown", "csv"] as const;

interface ScanArgs {
  paths: string[];
  format: (typeof FORMATS)[number];
  output?: string;
  config?: string;
  /** A baseline file; null: ignore the baseline; undefined: the default file when present. */
  baseline?: string | null;
  suppressions?: string;
  failOn: "error" | "warning" | "info" | "never";
  locale: Locale;
  color: boolean;
  cache?: boolean;
  cacheLocation?: string;
}

/** Options that only `scan` takes; `baseline` takes paths, --output, --config and --suppressions. */
const SCAN_ONLY = new Set(["--format", "--baseline", "--no-baseline", "--fail-on", "--locale", "--no-color", "--color", "--cache", "--cache-location"]);

function parseScanArgs(argv: string[], command: "scan" | "baseline" = "scan"): ScanArgs {
  const args: ScanArgs = { paths: [], format: "text", failOn: "error", locale: "en", color: !!process.stdout.isTTY && !process.env.NO_COLOR };
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith("--")) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith("--") && a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
    const take = (): string => {
      if (inline !== undefined) return inline;
      const v = value(i, flag);
      i++;
      return v;
    };
    if (command !== "scan" && SCAN_ONLY.has(flag)) throw new UsageError(`${flag} is an option of scan, not of ${command} (see genai-lint --help)`);
    switch (flag) {
      case "--format": {
        const v = take();
        const format = v === "md" ? "markdown" : v;
        if (!FORMATS.includes(format as ScanArgs["format"])) throw new UsageError(`--format must be text, json, sarif, html, markdown or csv (got "${v}")`);
        args.format = format as ScanArgs["format"];
        break;
      }
      case "--baseline":
        args.baseline = take();
        break;
      case "--no-baseline":
        args.baseline = null;
        break;
      case "--suppressions":
        args.suppressions = take();
        break;
      case "--output":
      case "-o":
        args.output = take();
        break;
      case "--config":
        args.config = take();
        break;
      case "--fail-on": {
        const v = take();
        if (v !== "error" && v !== "warning" && v !== "info" && v !== "never") throw new UsageError(`--fail-on must be error, warning, info or never (got "${v}")`);
        args.failOn = v;
        break;
      }
      case "--locale": {
        const v = take().toLowerCase();
        if (v !== "en" && v !== "zh-hk" && v !== "zh-tw") throw new UsageError(`--locale must be en or zh-hk (got "${v}")`);
        args.locale = v === "en" ? "en" : "zh-hk";
        break;
      }
      case "--no-color":
        args.color = false;
        break;
      case "--cache":
        args.cache = true;
        break;
      case "--cache-location":
        args.cache = true;
        args.cacheLocation = take();
        break;
      case "--color":
        args.color = true;
        break;
      default:
        if (a.startsWith("-")) throw new UsageError(`unknown option ${a} (see genai-lint --help)`);
        args.paths.push(a);
    }
  }
  if (args.paths.length === 0) args.paths.push(".");
  for (const p of args.paths) if (!existsSync(p)) throw new UsageError(`no such file or folder: ${p}`);
  return args;
}

const RANK: Record<Severity, number> = { hint: 0, information: 1, warning: 2, error: 3 };
const FAIL_RANK = { info: 1, warning: 2, error: 3, never: Infinity } as const;

function formatReport(result: ScanResult, args: ScanArgs): string {
  const oneFolder = args.paths.length === 1;
  return renderReport(result.report, args.format, {
    locale: args.locale,
    root: oneFolder ? result.root : undefined,
    scanned: oneFolder ? result.root : args.paths.map((p) => path.resolve(p)).join(", "),
    // Report paths are relative to the root when one folder is scanned, absolute otherwise.
    sourceOf: (file) => result.texts.get(toPosix(path.resolve(result.root, file))),
    color: args.color && !args.output,
  });
}

async function runScan(argv: string[]): Promise<number> {
  const args = parseScanArgs(argv);
  await initParsing(locateWasm());
  const progress = terminalProgress();
  const cacheLocation = args.cache ? args.cacheLocation ?? path.join(scanRoot(args.paths), DEFAULT_CACHE_FOLDER) : undefined;
  const result = scan({ paths: args.paths, configFile: args.config, locale: args.locale, baselineFile: args.baseline, suppressionsFile: args.suppressions, onProgress: progress?.report, cacheLocation });
  progress?.clear();
  const out = formatReport(result, args);
  if (args.output) writeFileSync(args.output, out);
  else process.stdout.write(out);
  const threshold = FAIL_RANK[args.failOn];
  return result.report.findings.some((f) => RANK[f.severity] >= threshold) ? 1 : 0;
}

/** A one-line progress on standard error when it is a terminal (never in pipes, files or CI logs). */
function terminalProgress(): { report: (done: number, total: number, stage: ScanStage) => void; clear: () => void } | undefined {
  if (!process.stderr.isTTY) return undefined;
  let shownAt = 0;
  let shown = false;
  return {
    report(done, total, stage) {
      const now = Date.now();
      if (now - shownAt < 100 && done < total) return;
      shownAt = now;
      shown = true;
      const what = stage === "parsing" ? `parsing ${done} of ${total} files` : `following data flows, ${Math.floor((done / total) * 100)} %`;
      process.stderr.write(`\r\u001b[2Kgenai-lint: ${what}`);
    },
    clear() {
      if (shown) process.stderr.write("\r\u001b[2K");
    },
  };
}

/** `genai-lint baseline`: accepts every finding reported now (except expired accepted risks, which stay due). */
async function runBaseline(argv: string[]): Promise<number> {
  const args = parseScanArgs(argv, "baseline");
  await initParsing(locateWasm());
  const result = scan({ paths: args.paths, configFile: args.config, baselineFile: null, suppressionsFile: args.suppressions });
  const expired = new Set(result.acceptance.expired.map((e) => e.finding));
  const lineOf = (file: string, offset: number) => LineIndex.of(result.texts.get(file) ?? "").position(offset).line + 1;
  const entries = result.acceptance.findings
    .filter((f) => !expired.has(f))
    .map((f) => ({ rule: f.ruleId, file: result.projectPath(f.file), fingerprint: result.acceptance.fingerprints.get(f)!, line: lineOf(f.file, f.start), message: f.message.en }));
  const file = args.output ? path.resolve(args.output) : path.join(result.root, BASELINE_FILE_NAME);
  writeFileSync(file, formatBaseline(createBaseline(entries, `genai-lint ${toolVersion()}`)));
  process.stdout.write(`genai-lint: wrote ${entries.length} finding${entries.length === 1 ? "" : "s"} to ${file}; scan now reports only new ones\n`);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
      process.stdout.write(HELP);
      return command === undefined ? 2 : 0;
    }
    if (command === "--version" || command === "-v") {
      process.stdout.write(`${toolVersion()}\n`);
      return 0;
    }
    if (command === "scan") {
      if (rest.includes("--help") || rest.includes("-h")) {
        process.stdout.write(HELP);
        return 0;
      }
      return await runScan(rest);
    }
    if (command === "baseline") {
      if (rest.includes("--help") || rest.includes("-h")) {
        process.stdout.write(HELP);
        return 0;
      }
      return await runBaseline(rest);
    }
    if (command === "lsp") {
      const { startIpcServer, startStdioServer } = await import("./serverMain.js");
      if (rest.includes("--stdio")) startStdioServer();
      else if (rest.includes("--node-ipc")) startIpcServer();
      else throw new UsageError("lsp needs --stdio (or --node-ipc when started by the VS Code client)");
      return -1;
    }
    throw new UsageError(`unknown command "${command}" (see genai-lint --help)`);
  } catch (err) {
    if (err instanceof UsageError || err instanceof ConfigError) {
      process.stderr.write(`genai-lint: ${err.message}\n`);
      return 2;
    }
    if (err instanceof Error && /cannot read config file/.test(err.message)) {
      process.stderr.write(`genai-lint: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

if (isScanWorker()) runScanWorker();
else if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code >= 0) process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`genai-lint: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
