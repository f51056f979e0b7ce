// Summarises V8 CPU profiles (node --cpu-prof) of the bundled server: self time by function and by
// part of the analyser, mapped back to the TypeScript sources through the bundle's source map.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_VALUE = new Map([...B64].map((c, i) => [c, i]));

/** Decodes a source map's mappings into per-line sorted segments [genCol, srcIdx, srcLine, srcCol]. */
export function loadSourceMap(file) {
  if (!existsSync(file)) return undefined;
  // Only the map the bundle names is its own: a minified (production) bundle names none.
  const bundle = file.replace(/\.map$/, "");
  if (existsSync(bundle) && !readFileSync(bundle, "utf8").includes(`sourceMappingURL=${path.basename(file)}`)) return undefined;
  const map = JSON.parse(readFileSync(file, "utf8"));
  const lines = [];
  let src = 0;
  let srcLine = 0;
  let srcCol = 0;
  for (const lineText of map.mappings.split(";")) {
    const segments = [];
    let genCol = 0;
    for (const seg of lineText.split(",")) {
      if (!seg) continue;
      const values = [];
      let value = 0;
      let shift = 0;
      for (const c of seg) {
        const digit = B64_VALUE.get(c);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      genCol += values[0];
      if (values.length >= 4) {
        src += values[1];
        srcLine += values[2];
        srcCol += values[3];
        segments.push([genCol, src, srcLine, srcCol]);
      }
    }
    lines.push(segments);
  }
  const sources = map.sources.map((s) => path.posix.normalize(path.posix.join(path.posix.dirname(file.split(path.sep).join("/")), map.sourceRoot ?? "", s)));
  return {
    /** Original [source, line (1-based)] of a 0-based generated position. */
    lookup(line, column) {
      const segs = lines[line];
      if (!segs || segs.length === 0) return undefined;
      let lo = 0;
      let hi = segs.length - 1;
      if (segs[0][0] > column) return { source: sources[segs[0][1]], line: segs[0][2] + 1 };
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (segs[mid][0] <= column) lo = mid;
        else hi = mid - 1;
      }
      return { source: sources[segs[lo][1]], line: segs[lo][2] + 1 };
    },
  };
}

/** The part of the analyser a source file belongs to. */
export function categoryOf(source, url, functionName) {
  if (functionName === "(garbage collector)") return "garbage collection";
  if (functionName === "(program)") return "V8/native (program)";
  if (url.startsWith("wasm://")) return "tree-sitter (parse + node access)";
  const s = source ?? url;
  if (!s) return "V8/native (program)";
  if (/web-tree-sitter|core\/parse\//.test(s)) return "tree-sitter (parse + node access)";
  if (/core\/ir\//.test(s)) return "IR lowering";
  if (/core\/analysis\//.test(s)) return "flow engine";
  if (/core\/(rules|detect|fixes)\//.test(s)) return "rules";
  if (/core\/workspace\//.test(s)) return "workspace / module graph";
  if (/core\/sdk\//.test(s)) return "SDK catalogue";
  if (/core\/(report|baseline|suppressions)|core\/[a-zA-Z]+\.ts$/.test(s)) return "reporting / suppressions";
  if (/server\/src\/lsp\/|server\/src\/protocol\//.test(s)) return "LSP handlers";
  if (/vscode-(languageserver|jsonrpc)/.test(s)) return "LSP transport (JSON-RPC)";
  if (/server\/src\/node\//.test(s)) return "CLI / file system";
  // Folders added later: name them after the folder (core/incremental, ...).
  const folder = /server\/src\/((?:core\/)?[^/]+)\//.exec(s);
  if (folder) return folder[1];
  if (s.startsWith("node:") || /^[a-z_/]+$/.test(s)) return "Node.js built-ins";
  return "other";
}

/**
 * Self time of a profile by function and by category. `windows` (optional): [startUs, endUs] on
 * CLOCK_MONOTONIC (process.hrtime in µs, which V8's profile timestamps share on Linux); only samples
 * inside a window count.
 */
export function summariseProfile(profileFile, { sourceMap, windows, top = 15 } = {}) {
  const profile = JSON.parse(readFileSync(profileFile, "utf8"));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map();
  let t = profile.startTime;
  let inWindowUs = 0;
  let idleUs = 0;
  let totalUs = 0;
  const sorted = windows ? [...windows].sort((a, b) => a[0] - b[0]) : undefined;
  let w = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i] ?? 0;
    t += dt;
    // A sample stands for the time since the previous one.
    const node = nodes.get(profile.samples[i]);
    const fn = node.callFrame.functionName;
    totalUs += dt;
    if (fn === "(idle)") {
      idleUs += dt;
      continue;
    }
    if (sorted) {
      while (w < sorted.length && sorted[w][1] < t) w++;
      if (w >= sorted.length || t < sorted[w][0]) continue;
    }
    inWindowUs += dt;
    selfUs.set(node.id, (selfUs.get(node.id) ?? 0) + dt);
  }
  const labels = new Map();
  const labelOf = (id) => {
    let l = labels.get(id);
    if (l) return l;
    const { functionName, url, lineNumber, columnNumber } = nodes.get(id).callFrame;
    let where;
    if (url && url.endsWith(".js") && sourceMap && url.includes("genai-lint.js")) {
      const orig = sourceMap.lookup(lineNumber, columnNumber);
      if (orig) where = { source: shorten(orig.source), line: orig.line };
    }
    const fileLabel = where ? `${where.source}:${where.line}` : url ? `${shorten(url)}${lineNumber >= 0 ? `:${lineNumber + 1}` : ""}` : "";
    l = { functionName, url: url ?? "", where, fileLabel, key: `${functionName || "(anonymous)"}\u0000${fileLabel}`, ours: !!where && where.source.startsWith("server/src/") && !!functionName };
    labels.set(id, l);
    return l;
  };
  // Inclusive time of the analyser's own named functions (each counted once per sample, recursion or not).
  const inclusive = new Map();
  for (const [id, us] of selfUs) {
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const l = labelOf(n);
      if (!l.ours || seen.has(l.key)) continue;
      seen.add(l.key);
      const e = inclusive.get(l.key) ?? { function: l.functionName, location: l.fileLabel, totalMs: 0 };
      e.totalMs += us / 1000;
      inclusive.set(l.key, e);
    }
  }
  const byFunction = new Map();
  const byCategory = new Map();
  for (const [id, us] of selfUs) {
    const { functionName, url, where, fileLabel, key } = labelOf(id);
    const entry = byFunction.get(key) ?? { function: functionName || "(anonymous)", location: fileLabel, selfMs: 0 };
    entry.selfMs += us / 1000;
    byFunction.set(key, entry);
    const category = categoryOf(where?.source, url ?? "", functionName);
    byCategory.set(category, (byCategory.get(category) ?? 0) + us / 1000);
  }
  const busyMs = inWindowUs / 1000;
  const round = (x) => Math.round(x * 10) / 10;
  return {
    file: profileFile,
    wallMs: round(totalUs / 1000),
    idleMs: round(idleUs / 1000),
    countedMs: round(busyMs),
    byCategory: [...byCategory.entries()].sort((a, b) => b[1] - a[1]).map(([category, ms]) => ({ category, selfMs: round(ms), share: round((ms / busyMs) * 100) })),
    topInclusive: [...inclusive.values()].sort((a, b) => b.totalMs - a.totalMs).slice(0, top * 2).map((f) => ({ ...f, totalMs: round(f.totalMs), share: round((f.totalMs / busyMs) * 100) })),
    topFunctions: [...byFunction.values()].sort((a, b) => b.selfMs - a.selfMs).slice(0, top).map((f) => ({ ...f, selfMs: round(f.selfMs), share: round((f.selfMs / busyMs) * 100) })),
  };
}

function shorten(s) {
  let p = s.startsWith("file://") ? fileURLToPath(s) : s;
  const i = p.indexOf("node_modules/");
  if (i >= 0) return p.slice(i + "node_modules/".length);
  const j = p.indexOf("/server/src/");
  if (j >= 0) return p.slice(j + 1);
  const k = p.indexOf("/server/out/");
  if (k >= 0) return p.slice(k + 1);
  return p;
}
