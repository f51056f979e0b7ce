#!/usr/bin/env node
// `npm run bench`: measures genai-lint's speed and memory and prints each figure next to its target.
// A benchmark, not a test: it never fails on a missed target (exit 0 unless the harness itself breaks).
//
//   node scripts/bench/run.mjs [--quick] [--only cold,edit,scan,rss] [--profile] [--help]
//
// See docs/performance.md for what each phase measures and how.
import { spawn } from "node:child_process";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AI_IMPORT_PATTERN, ensureCorpus } from "./corpus.mjs";
import { BenchLspClient, procMemory } from "./lsp.mjs";
import { loadSourceMap, summariseProfile } from "./profile.mjs";
import { createRng, seedOf } from "./rng.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "..", "..");
const BIN = path.join(repoRoot, "server", "out", "genai-lint.js");
const PRELOAD = path.join(here, "maxrss-preload.cjs");
const PHASES = ["cold", "edit", "scan", "rss"];

export const TARGETS = {
  coldStartMs: 500,
  editP95Ms: 10,
  scanVsRg: 15,
  peakRssMiB: 300,
};

// ---------------------------------------------------------------- options

function parseArgs(argv) {
  const opts = { quick: false, only: [...PHASES] };
  let profile = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => (a.includes("=") ? a.slice(a.indexOf("=") + 1) : argv[++i]) ?? "";
    if (a === "--quick") opts.quick = true;
    else if (a === "--profile") profile = true;
    else if (a === "--only" || a.startsWith("--only=")) {
      const list = value().split(",").map((s) => s.trim()).filter(Boolean);
      const bad = list.filter((p) => !PHASES.includes(p) && p !== "profile");
      if (!list.length || bad.length) usage(`--only takes a comma-separated list of ${[...PHASES, "profile"].join(", ")}${bad.length ? ` (got ${bad.join(", ")})` : ""}`);
      opts.only = list;
    } else if (a === "--help" || a === "-h") usage();
    else usage(`unknown option ${a}`);
  }
  if (profile && !opts.only.includes("profile")) opts.only.push("profile");
  return opts;
}

function usage(error) {
  const text = `Usage: npm run bench -- [--quick] [--only ${PHASES.join(",")},profile] [--profile]

  --quick     small corpora (1,000-line files, 600-file tree) and fewer repeats: a smoke run
  --only      run only these phases (default: ${PHASES.join(", ")})
  --profile   also profile (node --cpu-prof) a CLI scan and the editor edits, and summarise self time

Corpora are cached in \${GENAI_LINT_CACHE:-~/.cache/genai-lint}/bench/; results go to <cache>/bench/results/
and, for a full run of every phase, docs/bench-latest.json.
`;
  if (error) {
    process.stderr.write(`bench: ${error}\n\n${text}`);
    process.exit(2);
  }
  process.stdout.write(text);
  process.exit(0);
}

// ---------------------------------------------------------------- small helpers

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const nowUs = () => Number(process.hrtime.bigint() / 1000n);
const round = (x, d = 1) => (x === undefined || x === null || Number.isNaN(x) ? null : Math.round(x * 10 ** d) / 10 ** d);
const log = (line) => process.stderr.write(`${line}\n`);

function quantile(values, q) {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  // Nearest rank: p95 of 60 samples is the 57th smallest.
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}
const median = (v) => {
  if (!v.length) return NaN;
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function cacheDir() {
  return process.env.GENAI_LINT_CACHE || path.join(os.homedir(), ".cache", "genai-lint");
}

function tryExec(cmd, args) {
  try {
    return execFileSync(cmd, args, { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
}

function machineInfo() {
  const cpuinfo = existsSync("/proc/cpuinfo") ? readFileSync("/proc/cpuinfo", "utf8") : "";
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? "unknown";
  const cpus = (cpuinfo.match(/^processor\s*:/gm) ?? []).length || os.cpus().length;
  const osRelease = existsSync("/etc/os-release") ? /^PRETTY_NAME="?([^"\n]+)"?/m.exec(readFileSync("/etc/os-release", "utf8"))?.[1] : undefined;
  const dirty = tryExec("git", ["status", "--porcelain", "--untracked-files=no"]);
  return {
    cpuModel: model,
    cpuCount: cpus,
    availableParallelism: os.availableParallelism?.() ?? cpus,
    totalMemoryMiB: Math.round(os.totalmem() / 2 ** 20),
    node: process.version,
    os: `${osRelease ?? os.type()} (${os.type()} ${os.release()} ${os.arch()})`,
    gitCommit: tryExec("git", ["rev-parse", "HEAD"]) ?? "unknown",
    gitDirtyFiles: dirty === undefined ? null : dirty.split("\n").filter(Boolean).length,
    ripgrep: tryExec(rgPath(), ["--version"])?.split("\n")[0] ?? "not found",
    date: new Date().toISOString(),
    loadAverageAtStart: os.loadavg().map((x) => round(x, 2)),
    bundle: bundleId(),
  };
}

/** Which build of the server ran: others may rebuild server/out while the bench runs. */
function bundleId() {
  try {
    return { sha256: createHash("sha256").update(readFileSync(BIN)).digest("hex").slice(0, 16), mtime: statSync(BIN).mtime.toISOString() };
  } catch {
    return undefined;
  }
}

function rgPath() {
  return existsSync("/usr/bin/rg") ? "/usr/bin/rg" : "rg";
}

/** Load average now, and whether it suggests other work competes for the CPUs. */
function loadNote() {
  const [one] = os.loadavg();
  return { loadAverage1m: round(one, 2), busy: one > 0.5 * os.cpus().length };
}

/** Runs a process to completion; wall time from spawn to exit. stdout to a file (or counted). */
function runTimed(cmd, args, { env = process.env, stdoutFile, countLines = false, timeoutMs = 30 * 60_000 } = {}) {
  return new Promise((resolve) => {
    const fd = stdoutFile ? openSync(stdoutFile, "w") : undefined;
    const started = performance.now();
    const child = spawn(cmd, args, { cwd: repoRoot, env, stdio: ["ignore", fd ?? "pipe", "pipe"] });
    let stderr = "";
    let lines = 0;
    child.stderr.on("data", (d) => (stderr = (stderr + d).slice(-20000)));
    if (!fd) child.stdout.on("data", (d) => {
      if (countLines) for (let i = 0; i < d.length; i++) if (d[i] === 10) lines++;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (code, signal) => {
      const ms = performance.now() - started;
      clearTimeout(timer);
      if (fd !== undefined) closeSync(fd);
      resolve({ ms, code, signal, stderr, lines });
    });
    child.on("error", (err) => {
      clearTimeout(timer);
      if (fd !== undefined) closeSync(fd);
      resolve({ ms: performance.now() - started, code: null, signal: null, stderr: String(err), lines, spawnError: true });
    });
  });
}

/** First line of a crash report (and the first stack frame) from the CLI's stderr. */
function crashSummary(stderr) {
  const lines = stderr.split("\n").map((l) => l.trim()).filter(Boolean);
  const first = lines.find((l) => /error/i.test(l)) ?? lines[0] ?? "";
  const frame = lines.find((l) => l.startsWith("at "));
  return frame ? `${first} (${frame})` : first;
}

// ---------------------------------------------------------------- phase: cold start

async function coldStart(corpus, runs) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const client = new BenchLspClient({ bin: BIN, root: corpus.filesRoot });
    const t0 = client.spawnedAt;
    try {
      await client.initialize();
      const tInit = performance.now();
      const uri = await client.open(corpus.files.python, "python");
      const items = await client.pull(uri);
      const tDiag = performance.now();
      samples.push({ totalMs: tDiag - t0, initializeMs: tInit - t0, diagnostics: items.length });
      log(`  cold start ${i + 1}/${runs}: ${(tDiag - t0).toFixed(0)} ms (initialize ${(tInit - t0).toFixed(0)} ms, ${items.length} diagnostics)`);
    } finally {
      await client.close();
    }
  }
  const totals = samples.map((s) => s.totalMs);
  return {
    runs,
    file: path.relative(corpus.dir, corpus.files.python),
    lines: corpus.manifest.editorFiles.python.lines,
    medianMs: round(median(totals)),
    bestMs: round(Math.min(...totals)),
    medianInitializeMs: round(median(samples.map((s) => s.initializeMs))),
    samples: samples.map((s) => ({ totalMs: round(s.totalMs), initializeMs: round(s.initializeMs), diagnostics: s.diagnostics })),
    ...loadNote(),
  };
}

// ---------------------------------------------------------------- phase: edit latency

const KEYWORDS = new Set(
  (
    "False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield match case type self " +
    "case catch const debugger default delete do enum export extends false function instanceof new null super switch this throw true typeof var void implements interface let package private protected public static " +
    "any boolean constructor declare get module require number set string symbol keyof readonly unique infer never unknown object satisfies abstract override undefined"
  ).split(" "),
);
const WORD_RE = /(?<![\w\\$])[A-Za-z_][A-Za-z0-9_]{3,}(?![\w])/g;

/**
 * Plans one-character edits spread evenly over a text: even edits insert a letter in the middle of an
 * identifier or a word of a string, odd ones delete a letter from the middle of another, so the file
 * keeps parsing. Returns { line, character, kind, letter } positions in the text as it is then.
 */
function planEdit(text, k, total, rng, insert) {
  const lines = text.split("\n");
  const start = Math.floor(((k + 0.5) * lines.length) / total);
  for (let d = 0; d < lines.length; d++) {
    const line = (start + d) % lines.length;
    const candidates = [...lines[line].matchAll(WORD_RE)].filter((m) => !KEYWORDS.has(m[0]));
    if (!candidates.length) continue;
    const m = candidates[Math.floor(rng.next() * candidates.length)];
    const word = m[0];
    const at = Math.floor(word.length / 2);
    const letter = rng.pick([..."etaoinsrl"]);
    const edited = insert ? word.slice(0, at) + letter + word.slice(at) : word.slice(0, at) + word.slice(at + 1);
    if (KEYWORDS.has(edited)) continue;
    return { line, character: m.index + at, kind: insert ? "insert" : "delete", letter, word, edited };
  }
  throw new Error("no identifier to edit");
}

function applyEdit(text, e) {
  let offset = 0;
  for (let l = 0; l < e.line; l++) offset = text.indexOf("\n", offset) + 1;
  offset += e.character;
  return e.kind === "insert" ? text.slice(0, offset) + e.letter + text.slice(offset) : text.slice(0, offset) + text.slice(offset + 1);
}

async function editSeries(client, file, languageId, { warmup, edits, statuses, windows }) {
  let text = readFileSync(file, "utf8");
  const rng = createRng(seedOf(`edits:${path.basename(file)}`));
  const uri = await client.open(file, languageId, text);
  const t0 = performance.now();
  const first = await client.pull(uri);
  const openMs = performance.now() - t0;
  // Let the server's background import index finish with this file before measuring.
  await sleep(1500);
  const samples = [];
  const total = warmup + edits;
  for (let k = 0; k < total; k++) {
    // Warm-up edits are spread over the file too, between the measured positions.
    const e = k < warmup ? planEdit(text, 2 * k + 1, 2 * warmup + 1, rng, k % 2 === 0) : planEdit(text, k - warmup, edits, rng, (k - warmup) % 2 === 0);
    const range =
      e.kind === "insert"
        ? { start: { line: e.line, character: e.character }, end: { line: e.line, character: e.character } }
        : { start: { line: e.line, character: e.character }, end: { line: e.line, character: e.character + 1 } };
    const before = statuses.length;
    const w0 = nowUs();
    const s = performance.now();
    await client.change(uri, range, e.kind === "insert" ? e.letter : "");
    const items = await client.pull(uri);
    const ms = performance.now() - s;
    const w1 = nowUs();
    text = applyEdit(text, e);
    if (k < warmup) continue;
    windows?.push([w0, w1]);
    const status = statuses.length > before ? statuses[statuses.length - 1] : undefined;
    samples.push({
      ms,
      analysisMs: status?.lastAnalysisMs,
      diagnostics: items.length,
      timedOut: items.some((d) => d.code === undefined && /time|budget/i.test(d.message)),
      line: e.line + 1,
      kind: e.kind,
    });
  }
  const ms = samples.map((s) => s.ms);
  const analysis = samples.map((s) => s.analysisMs).filter((x) => typeof x === "number");
  return {
    file: path.basename(file),
    lines: text.split("\n").length - 1,
    warmup,
    edits: samples.length,
    firstAnalysisMs: round(openMs),
    firstDiagnostics: first.length,
    p50Ms: round(quantile(ms, 0.5)),
    p95Ms: round(quantile(ms, 0.95)),
    maxMs: round(Math.max(...ms)),
    meanMs: round(ms.reduce((a, b) => a + b, 0) / ms.length),
    serverAnalysisP50Ms: round(quantile(analysis, 0.5)),
    serverAnalysisP95Ms: round(quantile(analysis, 0.95)),
    diagnosticsRange: [Math.min(...samples.map((s) => s.diagnostics)), Math.max(...samples.map((s) => s.diagnostics))],
    editsTimedOut: samples.filter((s) => s.timedOut).length,
    samples: samples.map((s) => ({ ms: round(s.ms), analysisMs: s.analysisMs, line: s.line, kind: s.kind, diagnostics: s.diagnostics })),
  };
}

async function editLatency(corpus, { warmup, edits, nodeArgs = [], windows } = {}) {
  const client = new BenchLspClient({ bin: BIN, root: corpus.filesRoot, nodeArgs });
  const statuses = [];
  client.connection.onNotification("genaiLint/status", (p) => statuses.push(p));
  try {
    await client.initialize();
    const out = {};
    for (const [key, languageId] of [["python", "python"], ["typescript", "typescript"]]) {
      log(`  edits in ${path.basename(corpus.files[key])}: ${warmup} warm-up + ${edits} measured ...`);
      const w = windows ? [] : undefined;
      out[key] = await editSeries(client, corpus.files[key], languageId, { warmup, edits, statuses, windows: w });
      if (windows) windows[key] = w;
      log(`    p50 ${out[key].p50Ms} ms, p95 ${out[key].p95Ms} ms, max ${out[key].maxMs} ms (server analysis p50 ${out[key].serverAnalysisP50Ms} ms)`);
    }
    return { ...out, ...loadNote() };
  } finally {
    await client.close();
  }
}

// ---------------------------------------------------------------- phase: workspace scan (and CLI RSS)

async function cliScan(tree, outDir, i) {
  const rssFile = path.join(outDir, `maxrss-${i}.json`);
  const reportFile = path.join(outDir, `scan-${i}.json`);
  rmSync(rssFile, { force: true });
  const run = await runTimed(process.execPath, ["--require", PRELOAD, BIN, "scan", tree, "--format", "json"], {
    env: { ...process.env, GENAI_LINT_BENCH_MAXRSS_FILE: rssFile },
    stdoutFile: reportFile,
  });
  let maxRssKb;
  try {
    maxRssKb = JSON.parse(readFileSync(rssFile, "utf8")).maxRssKb;
  } catch {
    /* missing */
  }
  let report;
  if (run.code === 0 || run.code === 1) {
    try {
      const r = JSON.parse(readFileSync(reportFile, "utf8"));
      report = {
        filesScanned: r.coverage?.filesScanned,
        filesSkipped: r.coverage?.filesSkipped,
        skippedReasons: Object.entries((r.coverage?.skipped ?? []).reduce((acc, s) => ((acc[s.reason] = (acc[s.reason] ?? 0) + 1), acc), {})).map(([reason, n]) => `${reason}: ${n}`),
        scannerDurationMs: r.coverage?.durationMs,
        findings: r.findings?.length,
        inventoryEntries: r.inventory?.length,
        filesWithAiCalls: new Set((r.inventory ?? []).map((x) => x.file)).size,
        notes: r.coverage?.notes,
      };
    } catch (err) {
      report = { error: `unreadable report: ${err.message}` };
    }
  }
  rmSync(reportFile, { force: true });
  const crashed = !(run.code === 0 || run.code === 1);
  return { ms: run.ms, code: run.code, signal: run.signal, maxRssKb, report, error: crashed ? crashSummary(run.stderr) || `exit ${run.code ?? run.signal}` : undefined };
}

async function rgSearch(tree) {
  const run = await runTimed(rgPath(), ["--files-with-matches", "--no-messages", "-e", AI_IMPORT_PATTERN, tree], { countLines: true });
  return { ms: run.ms, code: run.code, files: run.lines, error: run.spawnError || (run.code !== 0 && run.code !== 1) ? run.stderr.trim().split("\n")[0] : undefined };
}

async function workspaceScan(corpus, runs, outDir) {
  const scans = [];
  const rgs = [];
  for (let i = 0; i < runs.scan; i++) {
    log(`  genai-lint scan ${i + 1}/${runs.scan} ...`);
    const s = await cliScan(corpus.tree, outDir, i);
    scans.push(s);
    log(`    ${(s.ms / 1000).toFixed(1)} s, exit ${s.code ?? s.signal}, peak RSS ${s.maxRssKb ? (s.maxRssKb / 1024).toFixed(0) + " MiB" : "?"}${s.error ? `, CRASHED: ${s.error}` : ""}`);
  }
  for (let i = 0; i < runs.rg; i++) rgs.push(await rgSearch(corpus.tree));
  const ok = scans.filter((s) => !s.error);
  const rgOk = rgs.filter((r) => !r.error);
  const best = ok.length ? Math.min(...ok.map((s) => s.ms)) : undefined;
  const rgBest = rgOk.length ? Math.min(...rgOk.map((r) => r.ms)) : undefined;
  log(`  rg best of ${runs.rg}: ${rgBest?.toFixed(0) ?? "n/a"} ms (${rgOk[0]?.files ?? "?"} files match)`);
  return {
    tree: corpus.tree,
    runs: runs.scan,
    bestMs: round(best),
    allMs: scans.map((s) => round(s.ms)),
    exitCodes: scans.map((s) => s.code ?? s.signal),
    crashed: scans.length - ok.length,
    error: scans.find((s) => s.error)?.error,
    crashedAfterMs: scans.filter((s) => s.error).map((s) => round(s.ms)),
    report: ok[0]?.report,
    maxRssKb: scans.map((s) => s.maxRssKb),
    rg: { runs: runs.rg, bestMs: round(rgBest, 2), allMs: rgs.map((r) => round(r.ms, 2)), filesMatched: rgOk[0]?.files, error: rgs.find((r) => r.error)?.error, pattern: AI_IMPORT_PATTERN },
    ratio: best !== undefined && rgBest ? round(best / rgBest) : null,
    // Every run crashed: the time to the crash is a lower bound of a full scan's time.
    lowerBoundMs: best === undefined && scans.length ? round(Math.min(...scans.map((s) => s.ms))) : null,
    lowerBoundRatio: best === undefined && scans.length && rgBest ? round(Math.min(...scans.map((s) => s.ms)) / rgBest) : null,
    ...loadNote(),
  };
}

// ---------------------------------------------------------------- phase: peak RSS

async function serverScanRss(corpus, timeoutMs) {
  const client = new BenchLspClient({ bin: BIN, root: corpus.tree });
  const out = { pid: client.pid };
  try {
    await client.initialize();
    const t0 = performance.now();
    let timer;
    try {
      const result = await Promise.race([
        client.request("genaiLint/scanWorkspace", {}),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs / 1000} s`)), timeoutMs);
        }),
      ]);
      const folder = result?.folders?.[0];
      out.scan = {
        ms: round(performance.now() - t0),
        filesScanned: folder?.report?.coverage?.filesScanned,
        findings: folder?.report?.findings?.length,
        error: folder?.error,
      };
    } catch (err) {
      out.scan = { ms: round(performance.now() - t0), error: err?.message ?? String(err) };
    } finally {
      clearTimeout(timer);
    }
    const mem = procMemory(client.pid);
    out.vmHwmKb = mem.hwmKb;
    out.vmRssKb = mem.rssKb;
  } finally {
    await client.close();
  }
  return out;
}

async function peakRss(corpus, scanResult, outDir, timeoutMs) {
  let cli;
  if (scanResult?.maxRssKb?.some((x) => x)) {
    const values = scanResult.maxRssKb.filter((x) => x);
    cli = { maxRssKb: Math.max(...values), source: `max over the ${values.length} timed scan runs (same preload)`, crashed: scanResult.crashed > 0, error: scanResult.error };
  } else {
    log("  genai-lint scan with the maxRSS preload ...");
    const s = await cliScan(corpus.tree, outDir, "rss");
    cli = { maxRssKb: s.maxRssKb, source: "one scan run", crashed: !!s.error, error: s.error };
  }
  log(`  CLI peak RSS ${cli.maxRssKb ? (cli.maxRssKb / 1024).toFixed(0) : "?"} MiB${cli.crashed ? " (the scan crashed)" : ""}`);
  log("  language server: genaiLint/scanWorkspace on the tree ...");
  const server = await serverScanRss(corpus, timeoutMs);
  log(`    VmHWM ${(server.vmHwmKb / 1024).toFixed(0)} MiB after ${(server.scan.ms / 1000).toFixed(1)} s${server.scan.error ? `, scan error: ${server.scan.error}` : ""}`);
  return { cli, server, ...loadNote() };
}

// ---------------------------------------------------------------- phase: profile (optional)

async function profilePhase(corpus, outDir, quick) {
  const dir = path.join(outDir, "profiles");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // Read the map now: a rebuild of server/out during the phase would make it disagree with the profiles.
  const sourceMap = loadSourceMap(`${BIN}.map`);
  if (!sourceMap) log("  no source map for server/out (a production build?): run `npm run build` to map the profile to the sources");
  const bundleBefore = bundleId();
  const newest = (sub) => {
    const files = readdirSync(path.join(dir, sub)).filter((f) => f.endsWith(".cpuprofile")).map((f) => path.join(dir, sub, f));
    return files.sort().pop();
  };
  // CLI scan of the tree.
  log("  profiling genai-lint scan (node --cpu-prof) ...");
  mkdirSync(path.join(dir, "scan"));
  const run = await runTimed(process.execPath, ["--cpu-prof", "--cpu-prof-dir", path.join(dir, "scan"), BIN, "scan", corpus.tree, "--format", "json"], { stdoutFile: path.join(dir, "scan-report.json") });
  const scanProfile = newest("scan");
  const scan = scanProfile ? summariseProfile(scanProfile, { sourceMap, top: 20 }) : { error: "no profile written" };
  scan.exitCode = run.code;
  if (!(run.code === 0 || run.code === 1)) scan.crash = crashSummary(run.stderr);
  rmSync(path.join(dir, "scan-report.json"), { force: true });
  // Editor edits, profiled in the server; only samples inside the edit → diagnostics windows count.
  log("  profiling the language server during edits ...");
  mkdirSync(path.join(dir, "edit"));
  const windows = {};
  const editRun = await editLatency(corpus, { warmup: 2, edits: quick ? 10 : 20, nodeArgs: ["--cpu-prof", "--cpu-prof-dir", path.join(dir, "edit")], windows });
  const editProfile = newest("edit");
  const edit = {};
  for (const key of ["python", "typescript"]) {
    if (!editProfile) {
      edit[key] = { error: "no profile written" };
      continue;
    }
    const s = summariseProfile(editProfile, { sourceMap, windows: windows[key], top: 12 });
    const n = windows[key].length;
    const editWallMs = windows[key].reduce((a, [x, y]) => a + (y - x) / 1000, 0);
    edit[key] = {
      edits: n,
      meanEditMs: round(editWallMs / n),
      meanServerCpuPerEditMs: round(s.countedMs / n),
      perEditByCategory: s.byCategory.map((c) => ({ ...c, msPerEdit: round(c.selfMs / n) })),
      perEditInclusive: s.topInclusive.map((f) => ({ ...f, msPerEdit: round(f.totalMs / n) })),
      topFunctions: s.topFunctions,
      latencyUnderProfiler: { p50Ms: editRun[key].p50Ms, p95Ms: editRun[key].p95Ms },
    };
  }
  const rebuilt = bundleId()?.sha256 !== bundleBefore?.sha256;
  return { scan, edit, profiles: { scan: scanProfile, edit: editProfile }, ...(rebuilt ? { warning: "server/out was rebuilt during profiling: source locations may be off" } : {}) };
}

// ---------------------------------------------------------------- report

function figures(results) {
  const rows = [];
  const mib = (kb) => (kb ? round(kb / 1024, 0) : null);
  // lowerBound: the value is a lower bound (the run crashed first), so only a miss is certain.
  const add = (id, label, value, unit, target, note, lowerBound = false) =>
    rows.push({
      id, label, value, unit, target: target ?? null, note, lowerBound,
      meets: target === undefined || value === null || value === undefined ? null : lowerBound ? (value > target ? false : null) : value <= target,
    });
  const c = results.phases.cold;
  if (c) {
    add("cold.median", "cold start: spawn → first diagnostics, median", c.medianMs, "ms", TARGETS.coldStartMs);
    add("cold.best", "cold start: best", c.bestMs, "ms");
  }
  const e = results.phases.edit;
  if (e) {
    for (const key of ["python", "typescript"]) {
      const f = e[key];
      if (!f) continue;
      add(`edit.${key}.p50`, `edit → diagnostics, ${f.file}: p50`, f.p50Ms, "ms");
      add(`edit.${key}.p95`, `edit → diagnostics, ${f.file}: p95`, f.p95Ms, "ms", TARGETS.editP95Ms);
      add(`edit.${key}.max`, `edit → diagnostics, ${f.file}: max`, f.maxMs, "ms");
    }
  }
  const s = results.phases.scan;
  if (s) {
    const bound = s.bestMs === null && s.lowerBoundMs !== null;
    add("scan.best", `workspace scan (CLI), best of ${s.runs}`, bound ? s.lowerBoundMs : s.bestMs, "ms", undefined, s.error ? `CRASHED ${s.crashed}/${s.runs}: ${s.error}` : undefined, bound);
    add("scan.rg", `rg for AI imports, best of ${s.rg.runs}`, s.rg.bestMs, "ms", undefined, s.rg.error);
    add("scan.ratio", "scan / rg", bound ? s.lowerBoundRatio : s.ratio, "×", TARGETS.scanVsRg, bound ? "every scan crashed: time to the crash, a lower bound" : s.ratio === null ? "no successful scan" : undefined, bound);
  }
  const r = results.phases.rss;
  if (r) {
    add("rss.cli", "peak RSS, CLI scan (maxRSS)", mib(r.cli.maxRssKb), "MiB", TARGETS.peakRssMiB, r.cli.crashed ? "the scan crashed before finishing: a lower bound" : undefined, !!r.cli.crashed);
    add("rss.server", "peak RSS, language server after workspace scan (VmHWM)", mib(r.server.vmHwmKb), "MiB", TARGETS.peakRssMiB, r.server.scan.error ? `scan failed (${r.server.scan.error}): a lower bound` : undefined, !!r.server.scan.error);
  }
  return rows;
}

function formatValue(v, unit) {
  if (v === null || v === undefined) return "—";
  if (unit === "ms" && v >= 10000) return `${(v / 1000).toFixed(1)} s`;
  if (unit === "ms") return `${v < 100 ? v.toFixed(1) : Math.round(v)} ms`;
  if (unit === "×") return `${v.toFixed(1)}×`;
  return `${v} ${unit}`;
}

function formatTarget(t, unit) {
  if (t === null) return "";
  return unit === "×" ? `≤ ${t}× rg` : `≤ ${t} ${unit}`;
}

export function renderTable(rows) {
  const data = rows.map((r) => [r.label, (r.lowerBound && r.value !== null ? "≥ " : "") + formatValue(r.value, r.unit), formatTarget(r.target, r.unit), r.meets === null ? (r.target !== null ? "n/a" : "") : r.meets ? "yes" : "NO"]);
  const head = ["figure", "value", "target", "meets"];
  const widths = head.map((h, i) => Math.max(h.length, ...data.map((d) => d[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 1 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd();
  const out = [line(head), widths.map((w) => "-".repeat(w)).join("  ")];
  for (const d of data) out.push(line(d));
  const notes = rows.filter((r) => r.note).map((r) => `  note (${r.id}): ${r.note}`);
  return [...out, ...notes].join("\n");
}

// ---------------------------------------------------------------- main

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(BIN)) {
    process.stderr.write(`bench: ${path.relative(repoRoot, BIN)} is missing: run \`npm run build\` first\n`);
    process.exit(2);
  }
  const started = Date.now();
  const cache = cacheDir();
  const outDir = path.join(cache, "bench", "results");
  const work = path.join(cache, "bench", "work");
  mkdirSync(outDir, { recursive: true });
  mkdirSync(work, { recursive: true });
  const machine = machineInfo();
  log(`genai-lint bench (${opts.quick ? "quick" : "full"}; phases ${opts.only.join(", ")}) on ${machine.cpuModel} × ${machine.cpuCount}, load ${machine.loadAverageAtStart.join(" ")}`);
  const corpus = ensureCorpus({ cacheDir: cache, repoRoot, quick: opts.quick, log: (l) => log(`  ${l}`) });
  const m = corpus.manifest;
  log(`  corpus: ${m.editorFiles.python.lines}-line Python and ${m.editorFiles.typescript.lines}-line TypeScript files; tree of ${m.tree.sourceFiles} source files (${Object.entries(m.tree.byLanguage).map(([k, v]) => `${k} ${v}`).join(", ")}), ${m.tree.aiFiles} calling AI SDKs`);
  const runs = opts.quick ? { cold: 2, warmup: 2, edits: 20, scan: 1, rg: 3 } : { cold: 5, warmup: 5, edits: 60, scan: 3, rg: 3 };
  const results = {
    schema: 1,
    tool: "genai-lint bench",
    mode: opts.quick ? "quick" : "full",
    phasesRun: opts.only,
    machine,
    targets: TARGETS,
    corpus: {
      dir: corpus.dir,
      generatorVersion: m.generatorVersion,
      editorFiles: m.editorFiles,
      tree: m.tree,
      aiImportPattern: m.aiImportPattern,
    },
    repeats: runs,
    phases: {},
  };
  const phaseTimes = {};
  const timed = async (name, fn) => {
    const t = Date.now();
    log(`[${name}]`);
    try {
      results.phases[name] = await fn();
    } catch (err) {
      results.phases[name] = { failed: true, error: err?.stack ?? String(err) };
      log(`  ${name} failed: ${err?.message ?? err}`);
    }
    phaseTimes[name] = Date.now() - t;
  };
  if (opts.only.includes("cold")) await timed("cold", () => coldStart(corpus, runs.cold));
  if (opts.only.includes("edit")) await timed("edit", () => editLatency(corpus, { warmup: runs.warmup, edits: runs.edits }));
  if (opts.only.includes("scan")) await timed("scan", () => workspaceScan(corpus, runs, work));
  if (opts.only.includes("rss")) await timed("rss", () => peakRss(corpus, results.phases.scan, work, opts.quick ? 5 * 60_000 : 20 * 60_000));
  if (opts.only.includes("profile")) await timed("profile", () => profilePhase(corpus, work, opts.quick));

  // Phases that threw have no figures; drop them from the table but keep their error in the JSON.
  const ok = { ...results, phases: Object.fromEntries(Object.entries(results.phases).filter(([, v]) => !v.failed)) };
  results.figures = figures(ok);
  for (const [name, v] of Object.entries(results.phases)) if (v.failed) results.figures.push({ id: name, label: `${name} phase`, value: null, unit: "", target: null, meets: null, note: `the phase failed: ${String(v.error).split("\n")[0]}` });
  results.phaseWallMs = phaseTimes;
  results.totalWallMs = Date.now() - started;
  results.loadAverageAtEnd = os.loadavg().map((x) => round(x, 2));
  results.bundleAtEnd = bundleId();
  results.bundleChanged = results.bundleAtEnd?.sha256 !== machine.bundle?.sha256;
  results.noisy = machine.loadAverageAtStart[0] > 0.5 * machine.cpuCount || results.loadAverageAtEnd[0] > 0.5 * machine.cpuCount + 1;

  const stamp = machine.date.replace(/[:.]/g, "-");
  const file = path.join(outDir, `bench-${stamp}.json`);
  const json = JSON.stringify(results, null, 2) + "\n";
  writeFileSync(file, json);
  writeFileSync(path.join(outDir, "latest.json"), json);
  const complete = !opts.quick && PHASES.every((p) => opts.only.includes(p));
  if (complete) copyFileSync(path.join(outDir, "latest.json"), path.join(repoRoot, "docs", "bench-latest.json"));

  const header = [
    `genai-lint bench — ${results.mode} run, ${machine.date}`,
    `machine: ${machine.cpuModel} × ${machine.cpuCount} CPUs, ${machine.totalMemoryMiB} MiB, Node ${machine.node}, ${machine.os}`,
    `commit: ${machine.gitCommit}${machine.gitDirtyFiles ? ` (+${machine.gitDirtyFiles} modified files)` : ""}, bundle ${machine.bundle?.sha256 ?? "?"}${results.bundleChanged ? ` — REBUILT during the run (now ${results.bundleAtEnd?.sha256})` : ""}; load average ${machine.loadAverageAtStart[0]} at start, ${results.loadAverageAtEnd[0]} at end${results.noisy ? " — NOISY: other work was running" : ""}`,
    `corpus: ${m.editorFiles.python.lines}-line .py, ${m.editorFiles.typescript.lines}-line .ts; tree ${m.tree.sourceFiles} files (${Object.entries(m.tree.byLanguage).map(([k, v]) => `${k} ${v}`).join(", ")}; ${m.tree.aiFiles} AI = ${(m.tree.aiShare * 100).toFixed(1)} %)`,
    "",
  ];
  process.stdout.write(header.join("\n") + renderTable(results.figures) + "\n\n");
  if (results.phases.profile && !results.phases.profile.error) process.stdout.write(renderProfile(results.phases.profile) + "\n");
  process.stdout.write(`results: ${file}\n${complete ? `copied to ${path.relative(repoRoot, path.join(repoRoot, "docs", "bench-latest.json"))}\n` : "(not copied to docs/bench-latest.json: only a full run of every phase is)\n"}`);
  log(`bench finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

function renderProfile(p) {
  const out = ["profile (self time, node --cpu-prof, mapped to sources):", ...(p.warning ? [`  WARNING: ${p.warning}`] : [])];
  if (p.scan && !p.scan.error) {
    out.push(`  CLI scan: ${(p.scan.countedMs / 1000).toFixed(1)} s on the main thread${p.scan.crash ? ` (crashed: ${p.scan.crash})` : ""}`);
    for (const c of p.scan.byCategory.slice(0, 8)) out.push(`    ${c.category.padEnd(28)} ${String(Math.round(c.selfMs)).padStart(7)} ms  ${c.share.toFixed(1).padStart(5)} %`);
    out.push("    top functions:");
    for (const f of p.scan.topFunctions.slice(0, 10)) out.push(`      ${String(Math.round(f.selfMs)).padStart(7)} ms ${f.share.toFixed(1).padStart(5)} %  ${f.function}  ${f.location}`);
  }
  for (const key of ["python", "typescript"]) {
    const e = p.edit?.[key];
    if (!e || e.error) continue;
    out.push(`  edit (${key}): ${e.meanEditMs} ms per edit on average, ${e.meanServerCpuPerEditMs} ms of it server CPU (${e.edits} edits):`);
    for (const c of e.perEditByCategory.slice(0, 8)) out.push(`    ${c.category.padEnd(28)} ${String(c.msPerEdit).padStart(7)} ms/edit  ${c.share.toFixed(1).padStart(5)} %`);
    out.push("    inclusive time of the server's own functions (per edit):");
    for (const f of e.perEditInclusive.slice(0, 12)) out.push(`      ${String(f.msPerEdit).padStart(7)} ms ${f.share.toFixed(1).padStart(5)} %  ${f.function}  ${f.location}`);
    out.push("    top functions (self time):");
    for (const f of e.topFunctions.slice(0, 6)) out.push(`      ${String(Math.round(f.selfMs)).padStart(7)} ms ${f.share.toFixed(1).padStart(5)} %  ${f.function}  ${f.location}`);
  }
  return out.join("\n");
}

main().catch((err) => {
  process.stderr.write(`bench: ${err?.stack ?? err}\n`);
  process.exit(2);
});
