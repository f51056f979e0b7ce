// Builds the benchmark corpora, deterministically, under <cache>/bench/:
//   files/  one large generated Python file and one large TypeScript file (the editor cases);
//   tree/   a mixed workspace: Python's standard library and npm's own JavaScript (code that does not
//           call AI SDKs) plus realistic AI programs from this repository and /work/shared/conformance,
//           copied under renamed folders until about 5 % of the files call an AI SDK.
// A manifest records the composition; the corpus is rebuilt when GENERATOR_VERSION or its inputs change.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generatePython } from "./gen-python.mjs";
import { generateTypeScript } from "./gen-typescript.mjs";
import { createRng, seedOf } from "./rng.mjs";

/** Bump when the generators or the tree recipe change: cached corpora are rebuilt. */
export const GENERATOR_VERSION = 3;

export const SOURCE_EXTENSIONS = [".py", ".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx"];
const EXTRA_FILES = new Set(["tsconfig.json", "jsconfig.json", "package.json"]);

/** Folder names the scanner skips by default (server/src/core/workspace/discovery.ts): renamed in copies so every file is scanned. */
const SCANNER_EXCLUDED_DIRS = new Set([
  "node_modules", "venv", ".venv", "site-packages", "dist", "build", "out", ".next", "coverage", "vendor", "third_party", "__pycache__", ".git",
  ".hg", ".svn", ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".turbo", ".vercel", ".svelte-kit", ".nuxt", ".output", ".cache", ".parcel-cache", "bower_components", ".yarn",
]);
const MAX_FILE_BYTES = 1024 * 1024;

/**
 * Imports of AI SDK modules (Python `import`/`from`, JS `from "..."`/`require("...")`). The same
 * pattern is what `rg` searches for in the scan comparison, and what counts a file as an "AI file".
 * Written in the common subset of JavaScript and Rust regex syntax.
 */
export const AI_IMPORT_PATTERN =
  String.raw`(from|import)\s+(openai|anthropic|cohere|mistralai|groq|replicate|ollama|boto3|transformers|langchain[a-z_]*|llama_index|google\.generativeai|google\.genai|vertexai|huggingface_hub|elevenlabs|litellm)\b` +
  String.raw`|(from\s+|require\(\s*|import\(\s*)['"](openai|@anthropic-ai/sdk|@google/generative-ai|@google/genai|@ai-sdk/[a-z0-9-]+|ai|langchain|@langchain/[a-z0-9-]+|cohere-ai|@mistralai/mistralai|groq-sdk|replicate|ollama|@aws-sdk/client-bedrock-runtime|@huggingface/inference|elevenlabs|@elevenlabs/elevenlabs-js|llamaindex|@azure/openai)['"]`;
const AI_IMPORT_RE = new RegExp(AI_IMPORT_PATTERN, "m");

export function languageOf(file) {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".py") return "python";
  if (ext === ".tsx") return "tsx";
  if ([".ts", ".mts", ".cts"].includes(ext)) return "typescript";
  if (SOURCE_EXTENSIONS.includes(ext)) return "javascript";
  return undefined;
}

export function profileFor(quick) {
  return quick
    ? { name: "quick", editorLines: 1000, totalFiles: 600, aiFiles: 30, pythonShare: 0.6 }
    : { name: "full", editorLines: 5000, totalFiles: 3000, aiFiles: 150, pythonShare: 0.6 };
}

function walk(dir, out = [], skipDir = () => false) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!skipDir(e.name, p)) walk(p, out, skipDir);
    } else if (e.isFile()) out.push(p);
  }
  return out;
}

/** Where Python's standard library is (sysconfig), and the Python version. */
export function locatePythonStdlib() {
  try {
    const out = execFileSync("python3", ["-c", "import sys, sysconfig; print(sysconfig.get_paths()['stdlib']); print(sys.version.split()[0])"], { encoding: "utf8" }).trim().split("\n");
    return { dir: out[0], version: out[1] };
  } catch {
    return undefined;
  }
}

/** Where npm's own package is: `require.resolve` from the global root, else the real path of the `npm` on PATH. */
export function locateNpm() {
  const candidates = [];
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const bin = path.join(dir, "npm");
    if (!existsSync(bin)) continue;
    try {
      let d = path.dirname(realpathSync(bin));
      for (let i = 0; i < 4; i++, d = path.dirname(d)) candidates.push(d);
    } catch {
      /* dangling link */
    }
  }
  candidates.push(path.join(path.dirname(path.dirname(process.execPath)), "lib", "node_modules", "npm"));
  for (const dir of candidates) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
      if (pkg.name === "npm") return { dir, version: pkg.version };
    } catch {
      /* not it */
    }
  }
  return undefined;
}

function readUtf8(file) {
  try {
    if (statSync(file).size > MAX_FILE_BYTES) return undefined;
    return new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(file));
  } catch {
    return undefined;
  }
}

function looksMinified(file, text) {
  if (/[.-]min\.[cm]?js$/i.test(file)) return true;
  const lines = text.split("\n");
  return text.length > 5000 && lines.length < text.length / 1000;
}

/** Renames folder names the scanner would skip, so the copy is scanned in full. */
function scannable(rel) {
  return rel
    .split(path.sep)
    .map((seg, i, all) => (i < all.length - 1 && SCANNER_EXCLUDED_DIRS.has(seg) ? (seg === "node_modules" ? "packages" : `${seg.replace(/^\./, "")}_src`) : seg))
    .join(path.sep);
}

/** Non-AI source files of a folder: UTF-8, at most 1 MiB, not minified, no AI import. */
function plainSources(root, { exts, skipDir, skipFile }) {
  const out = [];
  for (const file of walk(root, [], skipDir)) {
    if (!exts.includes(path.extname(file))) continue;
    const rel = path.relative(root, file);
    if (skipFile?.(rel)) continue;
    const text = readUtf8(file);
    if (text === undefined || looksMinified(file, text) || AI_IMPORT_RE.test(text)) continue;
    out.push({ rel, text });
  }
  return out;
}

/** The AI programs to copy: one unit per app (or conformance folder). */
function aiApps(repoRoot) {
  const apps = [];
  const addChildren = (parent, label) => {
    if (!existsSync(parent)) return;
    for (const e of readdirSync(parent, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory()) apps.push({ label: `${label}/${e.name}`, name: e.name, dir: path.join(parent, e.name) });
    }
  };
  addChildren(path.join(repoRoot, "examples"), "examples");
  addChildren(path.join(repoRoot, "test", "fixtures", "heldout2"), "test/fixtures/heldout2");
  addChildren("/work/shared/conformance", "/work/shared/conformance");
  return apps.map((app) => {
    const files = [];
    for (const file of walk(app.dir, [], (name) => SCANNER_EXCLUDED_DIRS.has(name) || name.startsWith("."))) {
      const base = path.basename(file);
      const isSource = SOURCE_EXTENSIONS.includes(path.extname(file));
      if (!isSource && !EXTRA_FILES.has(base)) continue;
      const text = readUtf8(file);
      if (text === undefined) continue;
      files.push({ rel: path.relative(app.dir, file), text, source: isSource, ai: isSource && AI_IMPORT_RE.test(text) });
    }
    return { ...app, files };
  });
}

function hashInputs(parts) {
  const h = createHash("sha256");
  for (const p of parts) h.update(String(p)).update("\0");
  return h.digest("hex").slice(0, 16);
}

/**
 * Returns the corpus for a profile, building it when missing or stale.
 * { dir, files: { python, typescript }, tree, manifest }
 */
export function ensureCorpus({ cacheDir, repoRoot, quick, log = () => {} }) {
  const profile = profileFor(quick);
  const stdlib = locatePythonStdlib();
  const npm = locateNpm();
  if (!stdlib) throw new Error("python3 not found: the workspace tree needs Python's standard library");
  if (!npm) throw new Error("npm's package folder not found: the workspace tree needs npm's JavaScript");
  const apps = aiApps(repoRoot);
  const appsHash = hashInputs(apps.flatMap((a) => a.files.map((f) => `${a.label}/${f.rel}:${createHash("sha1").update(f.text).digest("hex")}`)));
  const key = hashInputs([GENERATOR_VERSION, JSON.stringify(profile), stdlib.dir, stdlib.version, npm.dir, npm.version, appsHash]);
  const dir = path.join(cacheDir, "bench", `corpus-${profile.name}`);
  const manifestFile = path.join(dir, "manifest.json");
  if (existsSync(manifestFile)) {
    try {
      const manifest = JSON.parse(readFileSync(manifestFile, "utf8"));
      if (manifest.key === key) return corpusOf(dir, manifest);
      log(`corpus ${profile.name}: inputs changed (generator v${manifest.generatorVersion} -> v${GENERATOR_VERSION}), rebuilding`);
    } catch {
      /* rebuild */
    }
  }
  log(`building the ${profile.name} corpus in ${dir} ...`);
  const started = Date.now();
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(path.join(tmp, "files"), { recursive: true });

  // 1. The editor files.
  const py = generatePython({ seed: seedOf(`python:${profile.name}:v${GENERATOR_VERSION}`), lines: profile.editorLines });
  const ts = generateTypeScript({ seed: seedOf(`typescript:${profile.name}:v${GENERATOR_VERSION}`), lines: profile.editorLines });
  writeFileSync(path.join(tmp, "files", "service.py"), py);
  writeFileSync(path.join(tmp, "files", "api.ts"), ts);

  // 2. The workspace tree: AI apps first (renamed copies until the AI-file target), then plain code.
  const rng = createRng(seedOf(`tree:${profile.name}:v${GENERATOR_VERSION}`));
  const tree = path.join(tmp, "tree");
  const written = [];
  const put = (rel, text, meta) => {
    const file = path.join(tree, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    written.push({ rel, bytes: Buffer.byteLength(text), lines: text.split("\n").length, ...meta });
  };
  const copies = [];
  let aiCount = 0;
  const suffixes = ["", "-hk", "-sg", "-v2", "-staging", "-legacy", "-eu", "-pilot"];
  outer: for (let round = 0; round < suffixes.length; round++) {
    for (const app of rng.shuffle(apps)) {
      if (aiCount >= profile.aiFiles) break outer;
      if (!app.files.some((f) => f.ai)) continue;
      const folder = `apps/${app.name}${suffixes[round]}`;
      for (const f of app.files) put(path.join(folder, f.rel), f.text, { origin: "apps", language: f.source ? languageOf(f.rel) : undefined, ai: f.ai });
      aiCount += app.files.filter((f) => f.ai).length;
      copies.push({ from: app.label, to: folder, files: app.files.filter((f) => f.source).length, aiFiles: app.files.filter((f) => f.ai).length });
    }
  }
  const appSources = written.filter((w) => w.language).length;
  const plainTarget = Math.max(0, profile.totalFiles - appSources);
  const pyPool = plainSources(stdlib.dir, {
    exts: [".py"],
    skipDir: (name) => name === "site-packages" || name === "__pycache__" || name.startsWith("."),
    // Files written to be broken (bad syntax, bad encodings) are not what a workspace holds.
    skipFile: (rel) => /(^|\/)(bad|badsyntax_|bad_coding)|tokenizedata|encoded_modules/.test(rel),
  });
  const jsPool = plainSources(npm.dir, { exts: [".js", ".cjs", ".mjs"], skipDir: (name) => name.startsWith(".") });
  const pyWanted = Math.min(pyPool.length, Math.round(plainTarget * profile.pythonShare));
  const jsWanted = Math.min(jsPool.length, plainTarget - pyWanted);
  for (const f of rng.shuffle(pyPool).slice(0, pyWanted).sort((a, b) => (a.rel < b.rel ? -1 : 1))) put(path.join("python", "stdlib", scannable(f.rel)), f.text, { origin: "python-stdlib", language: "python", ai: false });
  for (const f of rng.shuffle(jsPool).slice(0, jsWanted).sort((a, b) => (a.rel < b.rel ? -1 : 1))) put(path.join("js", "npm", scannable(f.rel)), f.text, { origin: "npm", language: languageOf(f.rel), ai: false });

  const sources = written.filter((w) => w.language);
  const count = (items, key) => items.reduce((acc, w) => ((acc[w[key]] = (acc[w[key]] ?? 0) + 1), acc), {});
  const manifest = {
    key,
    generatorVersion: GENERATOR_VERSION,
    profile,
    builtAt: new Date().toISOString(),
    buildMs: 0,
    editorFiles: {
      python: { file: "files/service.py", lines: py.split("\n").length - 1, bytes: Buffer.byteLength(py) },
      typescript: { file: "files/api.ts", lines: ts.split("\n").length - 1, bytes: Buffer.byteLength(ts) },
    },
    tree: {
      sourceFiles: sources.length,
      otherFiles: written.length - sources.length,
      bytes: sources.reduce((s, w) => s + w.bytes, 0),
      lines: sources.reduce((s, w) => s + w.lines, 0),
      byLanguage: count(sources, "language"),
      byOrigin: count(sources, "origin"),
      aiFiles: sources.filter((w) => w.ai).length,
      aiFilesByLanguage: count(sources.filter((w) => w.ai), "language"),
      aiShare: sources.filter((w) => w.ai).length / sources.length,
      appCopies: copies,
      inputs: { pythonStdlib: `${stdlib.dir} (Python ${stdlib.version})`, npm: `${npm.dir} (npm ${npm.version})`, pythonPool: pyPool.length, npmPool: jsPool.length },
    },
    aiImportPattern: AI_IMPORT_PATTERN,
  };
  manifest.buildMs = Date.now() - started;
  writeFileSync(path.join(tmp, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  log(`corpus ${profile.name}: ${manifest.tree.sourceFiles} source files (${manifest.tree.aiFiles} AI) in ${(manifest.buildMs / 1000).toFixed(1)} s`);
  return corpusOf(dir, manifest);
}

function corpusOf(dir, manifest) {
  return {
    dir,
    manifest,
    files: { python: path.join(dir, manifest.editorFiles.python.file), typescript: path.join(dir, manifest.editorFiles.typescript.file) },
    filesRoot: path.join(dir, "files"),
    tree: path.join(dir, "tree"),
  };
}
