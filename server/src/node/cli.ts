// The `genai-lint` command: `scan` for people and CI, `lsp --stdio` for editors.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ConfigError } from "../core/config";
import { initParsing } from "../core/parse/parser";
import { toSarif } from "../core/report/sarif";
import { formatText } from "../core/report/text";
import { ALL_RULE_METAS } from "../core/ruleMetas";
import { GUIDELINE_URL } from "../core/guideline/sections";
import type { Locale, Severity } from "../core/types";
import { scan } from "./scan";
import { locateWasm } from "./wasm";
import { ruleDocsUrl } from "../core/docsUrl";

const HELP = `genai-lint — check code that calls generative-AI SDKs against the Hong Kong
Generative AI Technical and Application Guideline.

Usage:
  genai-lint scan [paths...] [options]   Scan files or folders (default: .)
  genai-lint lsp --stdio                 Start the language server on stdin/stdout
  genai-lint --help | --version

Scan options:
  --format <text|json|sarif>   Output format (default: text)
  --output <file>              Write the report to a file instead of stdout
  --config <file>              Configuration file (default: genai-lint.config.json in the scanned folder)
  --fail-on <error|warning|info|never>
                               Exit 1 when a finding at or above this severity is reported (default: error)
  --locale <en|zh-hk>          Language of messages (default: en)
  --no-color                   Plain text output even on a terminal

Exit codes: 0 nothing at or above the fail level, 1 findings at or above it,
2 usage or configuration error.
`;

function version(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const file = path.join(dir, "package.json");
    if (existsSync(file)) {
      try {
        const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
        if (pkg.name === "genai-lint" && pkg.version) return pkg.version;
      } catch {
        /* keep looking */
      }
    }
    dir = path.dirname(dir);
  }
  return "0.0.0";
}

class UsageError extends Error {}

interface ScanArgs {
  paths: string[];
  format: "text" | "json" | "sarif";
  output?: string;
  config?: string;
  failOn: "error" | "warning" | "info" | "never";
  locale: Locale;
  color: boolean;
}

function parseScanArgs(argv: string[]): ScanArgs {
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
    switch (flag) {
      case "--format": {
        const v = take();
        if (v !== "text" && v !== "json" && v !== "sarif") throw new UsageError(`--format must be text, json or sarif (got "${v}")`);
        args.format = v;
        break;
      }
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

async function runScan(argv: string[]): Promise<number> {
  const args = parseScanArgs(argv);
  await initParsing(locateWasm());
  const result = scan({ paths: args.paths, configFile: args.config, locale: args.locale });
  let out: string;
  if (args.format === "json") out = JSON.stringify(result.report, null, 2) + "\n";
  else if (args.format === "sarif") {
    out = JSON.stringify(toSarif(result.report, { toolVersion: version(), rules: ALL_RULE_METAS, docsUrl: ruleDocsUrl, guidelineUrl: GUIDELINE_URL, baseUri: args.paths.length === 1 ? `file://${result.root}` : undefined }), null, 2) + "\n";
  } else out = formatText(result.report, { color: args.color && !args.output });
  if (args.output) writeFileSync(args.output, out);
  else process.stdout.write(out);
  const threshold = FAIL_RANK[args.failOn];
  return result.report.findings.some((f) => RANK[f.severity] >= threshold) ? 1 : 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
      process.stdout.write(HELP);
      return command === undefined ? 2 : 0;
    }
    if (command === "--version" || command === "-v") {
      process.stdout.write(`${version()}\n`);
      return 0;
    }
    if (command === "scan") {
      if (rest.includes("--help") || rest.includes("-h")) {
        process.stdout.write(HELP);
        return 0;
      }
      return await runScan(rest);
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

if (require.main === module) {
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
